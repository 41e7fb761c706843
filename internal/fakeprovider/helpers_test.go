package fakeprovider_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

const callback = "http://127.0.0.1:1/external-auth/fake/callback"

var dialects = []fakeprovider.Dialect{fakeprovider.GitHub, fakeprovider.RFC}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return c
}

func config(p *fakeprovider.Provider) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     p.ClientID(),
		ClientSecret: p.ClientSecret(),
		Endpoint: oauth2.Endpoint{
			AuthURL:       p.AuthURL(),
			TokenURL:      p.TokenURL(),
			DeviceAuthURL: p.DeviceCodeURL(),
		},
		RedirectURL: callback,
		Scopes:      []string{"repo", "read:user"},
	}
}

var noRedirect = &http.Client{
	Timeout:       5 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// authorize follows the browser leg and returns the query the fake
// redirected back with.
func authorize(t *testing.T, cfg *oauth2.Config, state string, opts ...oauth2.AuthCodeOption) url.Values {
	t.Helper()
	res, err := noRedirect.Get(cfg.AuthCodeURL(state, opts...))
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusFound, res.StatusCode)
	loc, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(loc.String(), callback+"?"), "redirected to %s", loc)
	return loc.Query()
}

// linkCode runs the code flow with PKCE and returns the token.
func linkCode(t *testing.T, p *fakeprovider.Provider) *oauth2.Token {
	t.Helper()
	cfg := config(p)
	v := oauth2.GenerateVerifier()
	q := authorize(t, cfg, "st", oauth2.S256ChallengeOption(v))
	require.NotEmpty(t, q.Get("code"), q)
	tok, err := cfg.Exchange(ctx(t), q.Get("code"), oauth2.VerifierOption(v))
	require.NoError(t, err)
	return tok
}

func retrieveError(t *testing.T, err error) *oauth2.RetrieveError {
	t.Helper()
	var re *oauth2.RetrieveError
	require.True(t, errors.As(err, &re), "want *oauth2.RetrieveError, got %T %v", err, err)
	return re
}

type answer struct {
	status int
	header http.Header
	body   []byte
}

func (a answer) json(t *testing.T) map[string]any {
	t.Helper()
	require.True(t, strings.HasPrefix(a.header.Get("Content-Type"), "application/json"), "content type %q, body %s", a.header.Get("Content-Type"), a.body)
	var m map[string]any
	require.NoError(t, json.Unmarshal(a.body, &m), "body %s", a.body)
	return m
}

func (a answer) form(t *testing.T) url.Values {
	t.Helper()
	require.True(t, strings.HasPrefix(a.header.Get("Content-Type"), "application/x-www-form-urlencoded"), "content type %q, body %s", a.header.Get("Content-Type"), a.body)
	v, err := url.ParseQuery(string(a.body))
	require.NoError(t, err)
	return v
}

// oauthError decodes an OAuth error in the dialect's format and checks the status.
func (a answer) oauthError(t *testing.T, d fakeprovider.Dialect) string {
	t.Helper()
	if d == fakeprovider.GitHub {
		require.Equal(t, http.StatusOK, a.status, "GitHub answers OAuth errors with 200: %s", a.body)
		v := a.form(t)
		require.NotEmpty(t, v.Get("error_description"))
		return v.Get("error")
	}
	require.Contains(t, []int{http.StatusBadRequest, http.StatusUnauthorized}, a.status, "body %s", a.body)
	m := a.json(t)
	require.NotEmpty(t, m["error_description"])
	s, _ := m["error"].(string)
	return s
}

func do(t *testing.T, req *http.Request) answer {
	t.Helper()
	res, err := noRedirect.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return answer{res.StatusCode, res.Header, b}
}

func post(t *testing.T, target string, form url.Values, header ...string) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return do(t, req)
}

func get(t *testing.T, target, token string) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, target, nil)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, req)
}

func pollForm(p *fakeprovider.Provider, deviceCode string) url.Values {
	return url.Values{
		"client_id":   {p.ClientID()},
		"device_code": {deviceCode},
		"grant_type":  {"urn:ietf:params:oauth:grant-type:device_code"},
	}
}
