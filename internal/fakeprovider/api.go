package fakeprovider

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// authenticate returns the user and scope of a valid access token in r.
func (p *Provider) authenticate(r *http.Request, allowTokenScheme bool) (u User, scope string, present, ok bool) {
	tok := bearerToken(r, allowTokenScheme)
	if tok == "" {
		return p.authenticateBasic(r)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	at, known := p.access[tok]
	if !known || !p.accessValid(at) {
		return User{}, "", true, false
	}
	pu, known := p.byLogin[at.g.login]
	if !known {
		return User{}, "", true, false
	}
	return *pu, at.g.scope, true, true
}

func (p *Provider) withDefaults(u User, base string) User {
	if u.AvatarURL == "" {
		u.AvatarURL = base + "/avatars/u/" + strconv.FormatInt(u.ID, 10) + "?v=4"
	}
	if u.HTMLURL == "" {
		u.HTMLURL = base + "/" + u.Login
	}
	return u
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// ---------------------------------------------------------------- GitHub

func githubUnauthorized(w http.ResponseWriter, present bool) {
	if !present {
		writeJSON(w, http.StatusUnauthorized, map[string]string{
			"message": "Requires authentication", "documentation_url": "https://docs.github.com/rest/users/users#get-the-authenticated-user", "status": "401"})
		return
	}
	writeJSON(w, http.StatusUnauthorized, map[string]string{
		"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"})
}

func githubAPIHeaders(w http.ResponseWriter, scope string) {
	h := w.Header()
	h.Set("X-OAuth-Scopes", strings.ReplaceAll(scope, " ", ", "))
	h.Set("X-Accepted-OAuth-Scopes", "")
	h.Set("X-GitHub-Media-Type", "github.v3; format=json")
	setGitHubRateLimit(h, 1)
}

// setGitHubRateLimit sets GitHub's rate-limit headers for the core limit of
// 5000 requests an hour, used of them made, the window ending in an hour.
func setGitHubRateLimit(h http.Header, used int) {
	const limit = 5000
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(limit-used))
	h.Set("X-RateLimit-Used", strconv.Itoa(used))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
	h.Set("X-RateLimit-Resource", "core")
}

// githubAuthed serves h to requests that bring a valid access token
// (Authorization: Bearer or token), with GitHub's API headers for the
// token's scope already set; any other request gets GitHub's 401.
func (p *Provider) githubAuthed(h func(w http.ResponseWriter, r *http.Request, u User)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, scope, present, ok := p.authenticate(r, true)
		if !ok {
			githubUnauthorized(w, present)
			return
		}
		githubAPIHeaders(w, scope)
		h(w, r, u)
	}
}

// githubUser is GET /user.
func (p *Provider) githubUser(w http.ResponseWriter, r *http.Request, u User) {
	u = p.withDefaults(u, p.baseURL(r))
	writeJSON(w, http.StatusOK, map[string]any{
		"login":      u.Login,
		"id":         u.ID,
		"node_id":    "U_fake" + strconv.FormatInt(u.ID, 10),
		"avatar_url": u.AvatarURL,
		"html_url":   u.HTMLURL,
		"type":       "User",
		"site_admin": false,
		"name":       nullable(u.Name),
		"email":      nullable(u.Email),
	})
}

// githubInstallations is GET /user/installations.
func (p *Provider) githubInstallations(w http.ResponseWriter, r *http.Request, u User) {
	base := p.baseURL(r)
	p.mu.Lock()
	insts := append([]Installation(nil), p.installations[u.Login]...)
	accounts := map[string]User{}
	for _, in := range insts {
		if a, ok := p.byLogin[in.AccountLogin]; ok {
			accounts[in.AccountLogin] = *a
		}
	}
	p.mu.Unlock()

	list := make([]map[string]any, 0, len(insts))
	for _, in := range insts {
		acct := accounts[in.AccountLogin] // zero when the account is not a user here (an org)
		if in.AccountID == 0 {
			in.AccountID = acct.ID
		}
		if in.AccountName == "" {
			in.AccountName = acct.Name
		}
		if in.AccountAvatarURL == "" {
			in.AccountAvatarURL = acct.AvatarURL
		}
		if in.AccountHTMLURL == "" {
			in.AccountHTMLURL = acct.HTMLURL
		}
		// Otherwise the account's URLs default as a user's do.
		a := p.withDefaults(User{ID: in.AccountID, Login: in.AccountLogin, AvatarURL: in.AccountAvatarURL, HTMLURL: in.AccountHTMLURL}, base)
		in.AccountAvatarURL, in.AccountHTMLURL = a.AvatarURL, a.HTMLURL
		if in.AccountType == "" {
			in.AccountType = "User"
		}
		if in.HTMLURL == "" {
			in.HTMLURL = base + "/settings/installations/" + strconv.FormatInt(in.ID, 10)
		}
		account := map[string]any{
			"login":      in.AccountLogin,
			"id":         in.AccountID,
			"avatar_url": in.AccountAvatarURL,
			"html_url":   in.AccountHTMLURL,
			"type":       in.AccountType,
		}
		if in.AccountName != "" {
			account["name"] = in.AccountName
		}
		list = append(list, map[string]any{
			"id":                   in.ID,
			"account":              account,
			"html_url":             in.HTMLURL,
			"app_id":               in.AppID,
			"target_id":            in.AccountID,
			"target_type":          in.AccountType,
			"repository_selection": "all",
		})
	}
	writeJSON(w, http.StatusOK, map[string]any{"total_count": len(list), "installations": list})
}

// githubRevoke is DELETE /applications/{client_id}/grant (wholeGrant: every
// token of that user for this app) and DELETE /applications/{client_id}/token
// (that token only). Basic auth client_id:client_secret, JSON body
// {"access_token": "..."}; 204 when done.
func (p *Provider) githubRevoke(wholeGrant bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		notFound := map[string]string{"message": "Not Found", "documentation_url": "https://docs.github.com/rest/apps/oauth-applications", "status": "404"}
		user, pass, ok := r.BasicAuth()
		if !ok || user != r.PathValue("client_id") || user != p.opts.ClientID || pass != p.opts.ClientSecret {
			writeJSON(w, http.StatusNotFound, notFound)
			return
		}
		var body struct {
			AccessToken string `json:"access_token"`
		}
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.AccessToken == "" {
			writeJSON(w, http.StatusUnprocessableEntity, map[string]string{
				"message": "Invalid request.\n\n\"access_token\" wasn't supplied.", "documentation_url": "https://docs.github.com/rest/apps/oauth-applications", "status": "422"})
			return
		}
		p.mu.Lock()
		at, known := p.access[body.AccessToken]
		if known {
			if wholeGrant {
				for _, g := range p.grants {
					if g.login == at.g.login && !g.personal {
						g.revoked = true
					}
				}
			} else {
				at.revoked = true
			}
		}
		p.mu.Unlock()
		if !known {
			writeJSON(w, http.StatusNotFound, notFound)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

// ---------------------------------------------------------------- RFC / OIDC / GitLab

// oidcUserinfo is GET /userinfo (OpenID Connect).
func (p *Provider) oidcUserinfo(w http.ResponseWriter, r *http.Request) {
	u, _, present, ok := p.authenticate(r, false)
	if !ok {
		if !present {
			w.Header().Set("WWW-Authenticate", `Bearer realm="fakeprovider"`)
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_request", "error_description": "No access token was supplied."})
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="fakeprovider", error="invalid_token", error_description="The access token is invalid"`)
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_token", "error_description": "The access token is invalid"})
		return
	}
	u = p.withDefaults(u, p.baseURL(r))
	m := map[string]any{
		"sub":                strconv.FormatInt(u.ID, 10),
		"preferred_username": u.Login,
		"nickname":           u.Login,
		"name":               u.Name,
		"picture":            u.AvatarURL,
		"profile":            u.HTMLURL,
	}
	if u.Email != "" {
		m["email"] = u.Email
		m["email_verified"] = true
	}
	writeJSON(w, http.StatusOK, m)
}

// gitlabUser is GET /api/v4/user.
func (p *Provider) gitlabUser(w http.ResponseWriter, r *http.Request) {
	u, _, _, ok := p.authenticate(r, false)
	if !ok {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "401 Unauthorized"})
		return
	}
	u = p.withDefaults(u, p.baseURL(r))
	m := map[string]any{
		"id":         u.ID,
		"username":   u.Login,
		"name":       u.Name,
		"state":      "active",
		"avatar_url": u.AvatarURL,
		"web_url":    u.HTMLURL,
	}
	if u.Email != "" {
		m["email"] = u.Email
	}
	writeJSON(w, http.StatusOK, m)
}

// rfcRevoke is POST /oauth/revoke (RFC 7009): form token=...; the client
// authenticates; 200 whether or not the token was known. Revoking either
// token of a grant revokes the whole grant.
func (p *Provider) rfcRevoke(w http.ResponseWriter, r *http.Request) {
	form, id, secret, basic, ok := p.clientRequest(w, r)
	if !ok {
		return
	}
	p.mu.Lock()
	oe := p.checkClient(id, secret, true, basic)
	tok := form.Get("token")
	if oe == nil && tok == "" {
		oe = &oauthErr{code: "invalid_request", desc: "The token parameter is missing."}
	}
	if oe == nil {
		if at, ok := p.access[tok]; ok {
			at.g.revoked = true
		} else if rt, ok := p.refresh[tok]; ok {
			rt.g.revoked = true
		}
	}
	p.mu.Unlock()
	if oe != nil {
		p.writeOAuthError(w, r, oe)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}
