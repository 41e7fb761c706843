package fakeprovider

import (
	"crypto/subtle"
	"fmt"
	"net/http"
)

// Personal access tokens and passwords: the credentials people make at a
// provider by hand rather than through OAuth. The user endpoints (GitHub
// /user, /userinfo, /api/v4/user) accept both: a personal token as a bearer
// token, a password with HTTP Basic authentication.

// Personal token prefixes: GitHub's real one (classic tokens), and the
// fake's own for the RFC dialect.
const (
	GitHubPersonalTokenPrefix = "ghp_"
	RFCPersonalTokenPrefix    = "fake_pat_"
)

// IssuePersonalToken creates a personal access token for login, with the
// given scope; it never expires and works until revoked (RevokeToken,
// RevokeAll).
func (p *Provider) IssuePersonalToken(login, scope string) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.byLogin[login]; !ok {
		return "", fmt.Errorf("fakeprovider: unknown user %q", login)
	}
	prefix := GitHubPersonalTokenPrefix
	if p.opts.Dialect == RFC {
		prefix = RFCPersonalTokenPrefix
	}
	at := &accessToken{value: prefix + randomString(36), g: p.newPersonalGrant(login, scope)}
	p.access[at.value] = at
	p.issued = append(p.issued, at.value)
	return at.value, nil
}

// AddPersonalToken makes value a personal access token of login, with the
// given scope, as IssuePersonalToken does with a random one: for fixed
// tokens a walkthrough can show (cmd/fakeprovider --personal-token).
func (p *Provider) AddPersonalToken(login, value, scope string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.byLogin[login]; !ok {
		return fmt.Errorf("fakeprovider: unknown user %q", login)
	}
	if value == "" {
		return fmt.Errorf("fakeprovider: empty personal token")
	}
	if _, taken := p.access[value]; taken {
		return fmt.Errorf("fakeprovider: token already issued")
	}
	at := &accessToken{value: value, g: p.newPersonalGrant(login, scope)}
	p.access[at.value] = at
	p.issued = append(p.issued, at.value)
	return nil
}

// newPersonalGrant is the grant of a personal access token: revoking the
// OAuth app's grant (DELETE /applications/{client_id}/grant) leaves it, as
// GitHub does.
func (p *Provider) newPersonalGrant(login, scope string) *grant {
	g := p.newGrant(login, normalizeScope(scope), false)
	g.personal = true
	return g
}

// SetPassword sets login's password; "" removes it. The user endpoints then
// accept login and password with HTTP Basic authentication (as Bitbucket
// does app passwords, and Gitea account passwords).
func (p *Provider) SetPassword(login, password string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.byLogin[login]; !ok {
		return fmt.Errorf("fakeprovider: unknown user %q", login)
	}
	if p.passwords == nil {
		p.passwords = map[string]string{}
	}
	if password == "" {
		delete(p.passwords, login)
		return nil
	}
	p.passwords[login] = password
	return nil
}

// authenticateBasic returns the user whose login and password r carries
// with HTTP Basic authentication.
func (p *Provider) authenticateBasic(r *http.Request) (u User, scope string, present, ok bool) {
	login, password, has := r.BasicAuth()
	if !has {
		return User{}, "", false, false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	want, known := p.passwords[login]
	pu, exists := p.byLogin[login]
	if !known || !exists || subtle.ConstantTimeCompare([]byte(password), []byte(want)) != 1 {
		return User{}, "", true, false
	}
	return *pu, "", true, true
}
