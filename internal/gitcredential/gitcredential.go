// Package gitcredential implements git's credential-helper protocol on top
// of gitauthd's git-credentials API: git asks for a repository, gitauthd
// answers with the username and password for the provider that serves it.
//
// Configure git with
//
//	git config --global credential.helper '!gitauthd git-credential'
//
// and give the helper the server's URL and a session token or API token in
// GITAUTHD_URL and GITAUTHD_SESSION_TOKEN (or --url and --token).
package gitcredential

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/gitauthd/gitauthd/gen/client"
)

// Request is what git sends on standard input: key=value lines ended by a
// blank line or end of input.
type Request map[string]string

// ReadRequest parses git's credential request.
func ReadRequest(r io.Reader) (Request, error) {
	req := Request{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			break
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("malformed credential line %q", line)
		}
		req[k] = v
	}
	return req, sc.Err()
}

// RepositoryURL is the URL git asks about: its `url` attribute, else
// protocol://host/path.
func (r Request) RepositoryURL() (string, error) {
	if u := r["url"]; u != "" {
		return u, nil
	}
	if r["protocol"] == "" || r["host"] == "" {
		return "", errors.New("git sent neither url nor protocol and host")
	}
	u := url.URL{Scheme: r["protocol"], Host: r["host"], Path: "/" + strings.TrimPrefix(r["path"], "/")}
	return u.String(), nil
}

// Helper answers git's requests against one gitauthd server.
type Helper struct {
	ServerURL string
	Token     string
	// Wait makes "get" wait for the user to link when they have not yet.
	Wait bool
	// HTTPClient defaults to http.DefaultClient.
	HTTPClient *http.Client
	// Notice receives messages for the person (git shows stderr).
	Notice io.Writer
}

// Run handles one operation ("get", "store" or "erase") with git's request
// on in and the answer on out.
func (h *Helper) Run(ctx context.Context, op string, in io.Reader, out io.Writer) error {
	req, err := ReadRequest(in)
	if err != nil {
		return err
	}
	switch op {
	case "get":
		return h.get(ctx, req, out)
	case "store", "erase":
		// gitauthd owns the tokens: git has nothing to store or erase.
		return nil
	default:
		return fmt.Errorf("unknown operation %q (want get, store or erase)", op)
	}
}

func (h *Helper) get(ctx context.Context, req Request, out io.Writer) error {
	repo, err := req.RepositoryURL()
	if err != nil {
		return err
	}
	if h.ServerURL == "" || h.Token == "" {
		return errors.New("set GITAUTHD_URL and GITAUTHD_SESSION_TOKEN (or --url and --token)")
	}
	hc := h.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	c, err := client.NewClientWithResponses(h.ServerURL, client.WithHTTPClient(hc),
		client.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
			r.Header.Set("Coder-Session-Token", h.Token)
			return nil
		}))
	if err != nil {
		return err
	}
	res, err := c.GetGitCredentialsWithResponse(ctx, &client.GetGitCredentialsParams{Match: repo, Listen: &h.Wait})
	if err != nil {
		return fmt.Errorf("asking gitauthd: %w", err)
	}
	if res.JSON200 == nil {
		return answerError(res.StatusCode(), res.Status(), res.Body)
	}
	cred := res.JSON200
	if cred.AccessToken == nil {
		if cred.Url != nil && h.Notice != nil {
			fmt.Fprintf(h.Notice, "gitauthd: link your account first: %s\n", *cred.Url)
		}
		return nil // nothing to offer: git moves on to its next helper or prompt
	}
	fmt.Fprintf(out, "username=%s\npassword=%s\n", deref(cred.Username), deref(cred.Password))
	return nil
}

// answerError describes a failed answer for the person: the message and
// detail of gitauthd's error body (not the raw JSON), and what to check when
// the token was refused.
func answerError(code int, status string, body []byte) error {
	var e struct {
		Message string `json:"message"`
		Detail  string `json:"detail"`
	}
	msg := strings.TrimSpace(string(body))
	if json.Unmarshal(body, &e) == nil && e.Message != "" {
		msg = e.Message
		if e.Detail != "" {
			msg = strings.TrimSuffix(msg, ".") + " (" + e.Detail + ")."
		}
	}
	if len(msg) > 500 {
		msg = strings.ToValidUTF8(msg[:500], "") + "…"
	}
	if code == http.StatusUnauthorized {
		msg += " Check the token in GITAUTHD_SESSION_TOKEN (or --token)."
	}
	if msg == "" {
		return fmt.Errorf("gitauthd answered %s", status)
	}
	return fmt.Errorf("gitauthd answered %s: %s", status, msg)
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
