package fakeprovider

import (
	"crypto/sha256"
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

const deviceGrantType = "urn:ietf:params:oauth:grant-type:device_code"

// oauthErr is an OAuth error answer. status is used by the RFC dialect only:
// GitHub answers its OAuth errors with HTTP 200.
type oauthErr struct {
	code   string
	desc   string
	status int
	extra  map[string]any
	basic  bool // client tried HTTP Basic: add WWW-Authenticate to a 401
}

const githubDocs = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors"

func (p *Provider) writeOAuthError(w http.ResponseWriter, r *http.Request, e *oauthErr) {
	w.Header().Set("Cache-Control", "no-store")
	if p.opts.Dialect == GitHub {
		m := map[string]any{"error": e.code, "error_description": e.desc,
			"error_uri": githubDocs + "/#" + strings.ReplaceAll(e.code, "_", "-")}
		for k, v := range e.extra {
			m[k] = v
		}
		p.writeGitHubValues(w, r, m)
		return
	}
	status := e.status
	if status == 0 {
		status = http.StatusBadRequest
	}
	if status == http.StatusUnauthorized && e.basic {
		w.Header().Set("WWW-Authenticate", `Basic realm="fakeprovider"`)
	}
	m := map[string]any{"error": e.code, "error_description": e.desc}
	for k, v := range e.extra {
		m[k] = v
	}
	writeJSON(w, status, m)
}

// writeGitHubValues answers 200, form-encoded unless the client asked for JSON.
func (p *Provider) writeGitHubValues(w http.ResponseWriter, r *http.Request, m map[string]any) {
	if wantsJSON(r) {
		writeJSON(w, http.StatusOK, m)
		return
	}
	v := url.Values{}
	for k, x := range m {
		v.Set(k, toString(x))
	}
	writeForm(w, http.StatusOK, v)
}

func toString(x any) string {
	switch x := x.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return ""
}

// ---------------------------------------------------------------- authorize

// authorize signs the current user in and redirects straight back: no UI.
func (p *Provider) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	gh := p.opts.Dialect == GitHub

	if q.Get("client_id") != p.opts.ClientID {
		if gh {
			writeText(w, http.StatusNotFound, "Not Found: no application with client_id %q\n", q.Get("client_id"))
		} else {
			writeText(w, http.StatusBadRequest, "invalid_client: Client authentication failed due to unknown client.\n")
		}
		return
	}

	p.mu.Lock()
	allowed := append([]string(nil), p.redirectURIs...)
	p.mu.Unlock()
	ru := q.Get("redirect_uri")
	if ru == "" && len(allowed) > 0 && gh {
		ru = allowed[0] // GitHub falls back to the registered callback
	}
	if !validRedirect(ru, allowed) {
		writeText(w, http.StatusBadRequest, "redirect_uri_mismatch: The redirect_uri MUST match the registered callback URL for this application.\n")
		return
	}
	state := q.Get("state")
	fail := func(code, desc string) {
		v := url.Values{"error": {code}, "error_description": {desc}}
		if gh {
			v.Set("error_uri", "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#"+strings.ReplaceAll(code, "_", "-"))
		}
		if state != "" {
			v.Set("state", state)
		}
		redirectWith(w, r, ru, v)
	}
	if !gh && q.Get("response_type") != "code" {
		fail("unsupported_response_type", "The authorization server does not support this response type.")
		return
	}
	if state == "" {
		fail("invalid_request", "The request is missing the state parameter (this fake insists on it).")
		return
	}
	challenge, method := q.Get("code_challenge"), q.Get("code_challenge_method")
	if challenge != "" && method != "S256" {
		fail("invalid_request", "code_challenge_method must be S256.")
		return
	}
	if challenge == "" && p.opts.RequirePKCE {
		fail("invalid_request", "PKCE is required: code_challenge and code_challenge_method=S256 are missing.")
		return
	}

	p.mu.Lock()
	if p.denyNext {
		p.denyNext = false
		p.mu.Unlock()
		fail("access_denied", "The user has denied your application access.")
		return
	}
	u := p.signedIn()
	codeLen := 20
	if !gh {
		codeLen = 64
	}
	code := randomFrom("0123456789abcdef", codeLen)
	p.codes[code] = &authCode{
		clientID:    p.opts.ClientID,
		redirectURI: q.Get("redirect_uri"),
		scope:       normalizeScope(q.Get("scope")),
		challenge:   challenge,
		login:       u.Login,
		expires:     p.now().Add(p.opts.AuthCodeTTL),
	}
	p.mu.Unlock()
	redirectWith(w, r, ru, url.Values{"code": {code}, "state": {state}})
}

func validRedirect(ru string, allowed []string) bool {
	u, err := url.Parse(ru)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
		return false
	}
	return len(allowed) == 0 || slices.Contains(allowed, ru)
}

func redirectWith(w http.ResponseWriter, r *http.Request, target string, add url.Values) {
	u, _ := url.Parse(target) // validated
	q := u.Query()
	for k, vs := range add {
		q[k] = vs
	}
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.String(), http.StatusFound)
}

func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// ---------------------------------------------------------------- token

func (p *Provider) token(w http.ResponseWriter, r *http.Request) {
	form, id, secret, basic, ok := p.clientRequest(w, r)
	if !ok {
		return
	}
	grantType := form.Get("grant_type")
	if grantType == "" && p.opts.Dialect == GitHub {
		grantType = "authorization_code" // GitHub does not require it
		if form.Get("device_code") != "" {
			grantType = deviceGrantType
		}
	}

	var res map[string]any
	var oe *oauthErr
	p.mu.Lock()
	switch grantType {
	case "authorization_code":
		res, oe = p.exchangeCode(form, id, secret, basic)
	case "refresh_token":
		p.refreshCount++
		res, oe = p.exchangeRefresh(form, id, secret, basic)
	case deviceGrantType:
		res, oe = p.exchangeDevice(form, id, secret, basic)
	default:
		oe = &oauthErr{code: "unsupported_grant_type", desc: "The grant type " + strconv.Quote(grantType) + " is not supported."}
	}
	p.mu.Unlock()

	if oe != nil {
		p.writeOAuthError(w, r, oe)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if p.opts.Dialect == GitHub {
		p.writeGitHubValues(w, r, res)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (p *Provider) clientErr(basic bool) *oauthErr {
	if p.opts.Dialect == GitHub {
		return &oauthErr{code: "incorrect_client_credentials", desc: "The client_id and/or client_secret passed are incorrect."}
	}
	return &oauthErr{code: "invalid_client", status: http.StatusUnauthorized, basic: basic,
		desc: "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method."}
}

// clientRequest reads a client's request to an OAuth endpoint: its form and
// its credentials (clientCredentials). When the form cannot be read or the
// credentials contradict each other it answers the OAuth error itself and
// reports false.
func (p *Provider) clientRequest(w http.ResponseWriter, r *http.Request) (form url.Values, id, secret string, basic, ok bool) {
	form, err := parseForm(w, r)
	if err != nil {
		p.writeOAuthError(w, r, &oauthErr{code: "invalid_request", desc: err.Error()})
		return nil, "", "", false, false
	}
	id, secret, basic, ok = clientCredentials(r, form)
	if !ok {
		p.writeOAuthError(w, r, p.clientErr(basic))
	}
	return form, id, secret, basic, ok
}

// checkClient: the client_id must be ours; a secret, when given or required, must match.
func (p *Provider) checkClient(id, secret string, requireSecret, basic bool) *oauthErr {
	if id != p.opts.ClientID || (requireSecret && secret == "") || (secret != "" && secret != p.opts.ClientSecret) {
		return p.clientErr(basic)
	}
	return nil
}

func (p *Provider) badGrant(ghCode, ghDesc string) *oauthErr {
	if p.opts.Dialect == GitHub {
		return &oauthErr{code: ghCode, desc: ghDesc}
	}
	return &oauthErr{code: "invalid_grant", desc: "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."}
}

func (p *Provider) exchangeCode(form url.Values, id, secret string, basic bool) (map[string]any, *oauthErr) {
	if oe := p.checkClient(id, secret, true, basic); oe != nil {
		return nil, oe
	}
	ac, ok := p.codes[form.Get("code")]
	if !ok || ac.used || !p.now().Before(ac.expires) || ac.clientID != id {
		return nil, p.badGrant("bad_verification_code", "The code passed is incorrect or expired.")
	}
	if ru := form.Get("redirect_uri"); ac.redirectURI != "" && ru != ac.redirectURI && (ru != "" || p.opts.Dialect == RFC) {
		if p.opts.Dialect == GitHub {
			return nil, &oauthErr{code: "redirect_uri_mismatch", desc: "The redirect_uri MUST match the registered callback URL for this application."}
		}
		return nil, p.badGrant("", "")
	}
	if ac.challenge != "" {
		v := form.Get("code_verifier")
		if v == "" || s256(v) != ac.challenge {
			return nil, p.badGrant("bad_verification_code", "The code_verifier does not match the code_challenge.")
		}
	}
	ac.used = true
	g := p.newGrant(ac.login, ac.scope, false)
	at, rt := p.issue(g)
	return p.tokenFields(at, rt), nil
}

func (p *Provider) exchangeRefresh(form url.Values, id, secret string, basic bool) (map[string]any, *oauthErr) {
	rt, known := p.refresh[form.Get("refresh_token")]
	// Tokens from the device flow belong to a public client: no secret needed.
	if oe := p.checkClient(id, secret, !(known && rt.g.viaDevice), basic); oe != nil {
		return nil, oe
	}
	if !known || !p.refreshValid(rt) {
		return nil, p.badGrant("bad_refresh_token", "The refresh token passed is incorrect or expired.")
	}
	rt.used = true
	rt.access.revoked = true // the old pair stops working
	at, nrt := p.issue(rt.g)
	return p.tokenFields(at, nrt), nil
}

func (p *Provider) tokenFields(at *accessToken, rt *refreshToken) map[string]any {
	m := map[string]any{"access_token": at.value}
	if p.opts.Dialect == GitHub {
		m["token_type"] = "bearer"
		m["scope"] = strings.ReplaceAll(at.g.scope, " ", ",")
	} else {
		m["token_type"] = "Bearer"
		m["created_at"] = p.now().Unix()
		if at.g.scope != "" {
			m["scope"] = at.g.scope
		}
	}
	if !at.expires.IsZero() {
		m["expires_in"] = int64(p.opts.AccessTokenTTL / time.Second)
	}
	if rt != nil {
		m["refresh_token"] = rt.value
		if !rt.expires.IsZero() && p.opts.Dialect == GitHub {
			m["refresh_token_expires_in"] = int64(p.opts.RefreshTokenTTL / time.Second)
		}
	}
	return m
}

// ---------------------------------------------------------------- device flow

func (p *Provider) deviceAuthorization(w http.ResponseWriter, r *http.Request) {
	form, id, secret, basic, ok := p.clientRequest(w, r)
	if !ok {
		return
	}
	base := p.baseURL(r)

	p.mu.Lock()
	oe := p.checkClient(id, secret, false, basic)
	if oe == nil && p.opts.DisableDeviceFlow {
		if p.opts.Dialect == GitHub {
			oe = &oauthErr{code: "device_flow_disabled", desc: "Device Flow must be explicitly enabled for this App"}
		} else {
			oe = &oauthErr{code: "unauthorized_client", desc: "The client is not authorized to use the device authorization grant."}
		}
	}
	if oe != nil {
		p.mu.Unlock()
		p.writeOAuthError(w, r, oe)
		return
	}
	now := p.now()
	dc := &deviceCode{
		userCode: newUserCode(),
		clientID: id,
		scope:    normalizeScope(form.Get("scope")),
		issued:   now,
		expires:  now.Add(p.opts.DeviceCodeTTL),
		interval: p.opts.DeviceInterval,
	}
	for p.userCodes[dc.userCode] != nil {
		dc.userCode = newUserCode()
	}
	if p.opts.Dialect == GitHub {
		dc.deviceCode = randomFrom("0123456789abcdef", 40)
	} else {
		dc.deviceCode = randomString(43)
	}
	p.devices[dc.deviceCode] = dc
	p.userCodes[dc.userCode] = dc
	p.lastUserCode = dc.userCode
	p.mu.Unlock()

	verify := base + p.deviceVerificationPath()
	m := map[string]any{
		"device_code":      dc.deviceCode,
		"user_code":        dc.userCode,
		"verification_uri": verify,
		"expires_in":       int64(p.opts.DeviceCodeTTL / time.Second),
		"interval":         int64(dc.interval),
	}
	w.Header().Set("Cache-Control", "no-store")
	if p.opts.Dialect == GitHub {
		p.writeGitHubValues(w, r, m)
		return
	}
	m["verification_uri_complete"] = verify + "?user_code=" + url.QueryEscape(dc.userCode)
	writeJSON(w, http.StatusOK, m)
}

func (p *Provider) deviceVerificationPath() string {
	if p.opts.Dialect == GitHub {
		return "/login/device"
	}
	return "/oauth/device"
}

// exchangeDevice answers one device poll. Polling again sooner than 3/4 of
// the code's interval answers slow_down instead of authorization_pending (a
// poll that would succeed or fail for good is never slowed down), and
// raises the interval by 5 s as RFC 8628 says.
func (p *Provider) exchangeDevice(form url.Values, id, secret string, basic bool) (map[string]any, *oauthErr) {
	if oe := p.checkClient(id, secret, false, basic); oe != nil {
		return nil, oe
	}
	if p.opts.DisableDeviceFlow && p.opts.Dialect == GitHub {
		return nil, &oauthErr{code: "device_flow_disabled", desc: "Device Flow must be explicitly enabled for this App"}
	}
	dc, ok := p.devices[form.Get("device_code")]
	if !ok || dc.clientID != id {
		return nil, p.badGrant("incorrect_device_code", "The device_code provided is not valid.")
	}
	now := p.now()
	if !now.Before(dc.expires) {
		return nil, &oauthErr{code: "expired_token", desc: "The device_code has expired."}
	}
	if dc.denied {
		return nil, &oauthErr{code: "access_denied", desc: "The authorization request was denied."}
	}
	slowDown := func() (map[string]any, *oauthErr) {
		dc.interval += 5
		dc.lastPoll = now
		oe := &oauthErr{code: "slow_down", desc: "Too many requests have been made in the same timeframe."}
		if p.opts.Dialect == GitHub {
			oe.extra = map[string]any{"interval": int64(dc.interval)}
		}
		return nil, oe
	}
	if p.slowDownNext {
		p.slowDownNext = false
		return slowDown()
	}
	if dc.login == "" && p.opts.DeviceAutoApprove > 0 && now.Sub(dc.issued) >= p.opts.DeviceAutoApprove {
		dc.login = p.signedIn().Login
	}
	if dc.login == "" {
		if !dc.lastPoll.IsZero() && now.Sub(dc.lastPoll) < time.Duration(dc.interval)*time.Second*3/4 {
			return slowDown()
		}
		dc.lastPoll = now
		return nil, &oauthErr{code: "authorization_pending", desc: "The authorization request is still pending."}
	}
	delete(p.devices, dc.deviceCode)
	delete(p.userCodes, dc.userCode)
	g := p.newGrant(dc.login, dc.scope, true)
	at, rt := p.issue(g)
	return p.tokenFields(at, rt), nil
}

var devicePageTmpl = template.Must(template.New("device").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Device activation (fake provider)</title></head>
<body>
<h1>Device activation</h1>
<p>Signed in as <b>{{.Login}}</b> (fake provider).</p>
<form method="post" action="/fake/device">
<label>Code <input name="user_code" value="{{.UserCode}}" autofocus></label>
<button name="action" value="approve">Authorize</button>
<button name="action" value="deny">Cancel</button>
</form>
{{if .Message}}<p>{{.Message}}</p>{{end}}
</body></html>
`))

func (p *Provider) renderDevicePage(w http.ResponseWriter, status int, userCode, msg string) {
	p.mu.Lock()
	login := p.signedIn().Login
	p.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = devicePageTmpl.Execute(w, struct{ Login, UserCode, Message string }{login, userCode, msg})
}

// devicePage is the verification page: a form to enter the user code.
func (p *Provider) devicePage(w http.ResponseWriter, r *http.Request) {
	p.renderDevicePage(w, http.StatusOK, r.URL.Query().Get("user_code"), "")
}

// deviceDecision approves or denies a user code for the signed-in user.
func (p *Provider) deviceDecision(w http.ResponseWriter, r *http.Request) {
	form, err := parseForm(w, r)
	if err != nil {
		writeText(w, http.StatusBadRequest, "%v\n", err)
		return
	}
	code := form.Get("user_code")
	if form.Get("action") == "deny" {
		err = p.DenyDevice(code)
	} else {
		err = p.ApproveDevice(code, form.Get("login"))
	}
	if err != nil {
		p.renderDevicePage(w, http.StatusNotFound, code, "Unknown code; check it and try again.")
		return
	}
	if form.Get("action") == "deny" {
		p.renderDevicePage(w, http.StatusOK, "", "Denied. You can close this window.")
		return
	}
	p.renderDevicePage(w, http.StatusOK, "", "Congratulations, you're all set! Your device is now connected.")
}
