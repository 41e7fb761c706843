package externalauth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
)

// answer is a provider's HTTP answer, read in full (up to maxBody).
type answer struct {
	status int
	header http.Header
	body   []byte
}

// call sends req bounded by ProviderTimeout (on top of ctx) and reads the
// answer. The error, if any, says nothing of the request's secrets.
func (s *Service) call(ctx context.Context, req *http.Request) (answer, error) {
	ctx, cancel := context.WithTimeout(ctx, s.providerTimeout)
	defer cancel()
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", "gitauthd")
	}
	res, err := s.http.Do(req.WithContext(ctx))
	if err != nil {
		return answer{}, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, maxBody))
	if err != nil {
		return answer{}, err
	}
	return answer{status: res.StatusCode, header: res.Header, body: body}, nil
}

// describeCallErr says why a provider call failed, without the URL or any
// secret.
func describeCallErr(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timed out"
	case errors.Is(err, context.Canceled):
		return "was canceled"
	default:
		return "failed to connect"
	}
}

// validate checks l's access token with the provider's validate URL,
// reusing a recent answer for the same (user, provider, token). It never
// takes longer than ProviderTimeout (or ctx). The caller has already made
// sure the token is not expired.
func (s *Service) validate(ctx context.Context, p *Provider, l linkTokens) CredentialCheck {
	if l.expired(s.now()) {
		return CredentialCheck{Definitive: true, Reason: "the token has expired; link your account again"}
	}
	if p.ValidateURL == "" {
		return CredentialCheck{OK: true, Definitive: true}
	}
	key, digest := linkKey{l.userID, p.ID}, tokenDigest(l.accessToken)
	if s.validateTTL > 0 {
		if v, ok := s.validated.get(key, digest); ok {
			return v
		}
	}
	ch := s.validations.DoChan(userKey(l.userID, p.ID)+"|"+string(digest[:]), func() (any, error) {
		// Detached from the first caller, so that its going away does not
		// fail the others; ProviderTimeout still bounds it.
		vctx := context.WithoutCancel(ctx)
		v := s.checkWith(vctx, p, bearer(l.accessToken), linkWording)
		if s.validateTTL > 0 {
			ttl := s.validateTTL
			if !v.Definitive && ttl > transientCacheTTL {
				ttl = transientCacheTTL
			}
			s.validated.put(key, digest, v, ttl)
		}
		return v, nil
	})
	select {
	case r := <-ch:
		return r.Val.(CredentialCheck)
	case <-ctx.Done():
		return CredentialCheck{Reason: "validating the token with the provider " + describeCallErr(ctx.Err())}
	}
}

// rateLimited reports whether a 403 carries rate-limit headers (GitHub's
// X-RateLimit-*, the IETF draft's RateLimit-*, or a Retry-After).
func rateLimited(h http.Header) bool {
	for _, k := range []string{"X-RateLimit-Remaining", "RateLimit-Remaining"} {
		if v := strings.TrimSpace(h.Get(k)); v == "0" {
			return true
		}
	}
	return h.Get("Retry-After") != ""
}

// parseUser reads the account a validate URL describes, liberally: GitHub
// (/user), GitLab (/api/v4/user), Gitea, Bitbucket (/2.0/user) and OIDC
// userinfo. An empty body is a valid answer with no user; a body that is
// not a JSON object is not.
func parseUser(body []byte) (*ProviderUser, bool) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, true
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil || m == nil {
		return nil, false
	}
	u := &ProviderUser{
		Login:      firstString(m, "login", "username", "preferred_username", "nickname", "sub"),
		Name:       firstString(m, "name", "display_name", "full_name"),
		AvatarURL:  firstString(m, "avatar_url", "picture", "links.avatar.href"),
		ProfileURL: firstString(m, "html_url", "web_url", "profile", "links.html.href"),
	}
	if *u == (ProviderUser{}) {
		return nil, true
	}
	return u, true
}

// firstString returns the first non-empty string among the dotted paths.
func firstString(m map[string]any, paths ...string) string {
	for _, path := range paths {
		var v any = m
		for _, part := range strings.Split(path, ".") {
			obj, ok := v.(map[string]any)
			if !ok {
				v = nil
				break
			}
			v = obj[part]
		}
		if s, ok := v.(string); ok && s != "" {
			return s
		}
	}
	return ""
}

// installations lists the provider app's installations the token can see
// (GitHub's /user/installations), reusing a recent answer, and reports
// whether the listing succeeded — Coder's meaning of app_installable.
// Failures leave the list empty.
func (s *Service) installations(ctx context.Context, p *Provider, l linkTokens) ([]Installation, bool) {
	if p.AppInstallationsURL == "" {
		return []Installation{}, false
	}
	key, digest := linkKey{l.userID, p.ID}, tokenDigest(l.accessToken)
	if s.validateTTL > 0 {
		if v, ok := s.installs.get(key, digest); ok {
			return append([]Installation{}, v...), true
		}
	}
	list, ok := s.fetchInstallations(ctx, p, l.accessToken)
	if ok && s.validateTTL > 0 {
		s.installs.put(key, digest, list, s.validateTTL)
	}
	return append([]Installation{}, list...), ok
}

func (s *Service) fetchInstallations(ctx context.Context, p *Provider, token string) ([]Installation, bool) {
	ctx = withCall(ctx, p, EndpointInstallations)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.AppInstallationsURL, nil)
	if err != nil {
		return nil, false
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	a, err := s.call(ctx, req)
	if err != nil {
		s.log.Warn("external auth installations request failed", "provider", p.ID, "error", describeCallErr(err))
		return nil, false
	}
	if a.status != http.StatusOK {
		s.log.Warn("external auth installations URL answered an unexpected status", "provider", p.ID, "status", a.status)
		return nil, false
	}
	var body struct {
		Installations []struct {
			ID      int64  `json:"id"`
			HTMLURL string `json:"html_url"`
			Account *struct {
				Login     string `json:"login"`
				Name      string `json:"name"`
				AvatarURL string `json:"avatar_url"`
				HTMLURL   string `json:"html_url"`
			} `json:"account"`
		} `json:"installations"`
	}
	if err := json.Unmarshal(a.body, &body); err != nil {
		s.log.Warn("external auth installations URL answered an unreadable body", "provider", p.ID)
		return nil, false
	}
	list := make([]Installation, 0, len(body.Installations))
	for _, in := range body.Installations {
		if in.Account == nil {
			continue
		}
		list = append(list, Installation{
			ID:           in.ID,
			ConfigureURL: in.HTMLURL,
			Account: ProviderUser{
				Login:      in.Account.Login,
				Name:       in.Account.Name,
				AvatarURL:  in.Account.AvatarURL,
				ProfileURL: in.Account.HTMLURL,
			},
		})
	}
	return list, true
}

// linkTokens is what validation needs of a link.
type linkTokens struct {
	userID      uuid.UUID
	accessToken string
	expiresAt   time.Time
}

func (l linkTokens) expired(now time.Time) bool {
	return !l.expiresAt.IsZero() && !l.expiresAt.After(now)
}
