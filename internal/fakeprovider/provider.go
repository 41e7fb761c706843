// Package fakeprovider is an in-repo fake OAuth2 provider: a real HTTP server
// that speaks the wire formats of GitHub (dialect GitHub) or of an RFC 6749 /
// 7009 / 7636 / 8628 server shaped like GitLab (dialect RFC). Tests run it on
// loopback with StartTest; cmd/fakeprovider runs it standalone for development.
//
// Nothing here is part of the gitauthd server binary.
//
// Everything a test may want to steer is a method on Provider: who signs in
// (AddUser, SetNextUser, DenyNext), personal credentials (IssuePersonalToken,
// SetPassword), the device flow (ApproveDevice, DenyDevice, SlowDownNext),
// the clock (Advance), token state (ExpireAccessToken, RevokeAll), faults
// (SetFault, ClearFaults) and what happened (Calls, RefreshCount,
// ValidTokens, IssuedTokens). All methods are safe for concurrent use.
package fakeprovider

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// Dialect selects the wire format the fake speaks.
type Dialect int

const (
	// GitHub: /login/oauth/authorize, /login/oauth/access_token (form-encoded
	// answers unless Accept: application/json, errors with HTTP 200),
	// /login/device/code, /user, /user/installations, /user/emails,
	// /user/memberships/orgs, /orgs/{org}/teams/{team}/memberships/{user}
	// (the API also under /api/v3, as GitHub Enterprise Server has it),
	// DELETE /applications/{client_id}/grant.
	GitHub Dialect = iota
	// RFC: /oauth/authorize, /oauth/token (JSON, errors with HTTP 400/401),
	// /oauth/device (RFC 8628; GitLab's /oauth/authorize_device too),
	// /userinfo (OIDC), /api/v4/user (GitLab), /oauth/revoke (RFC 7009).
	RFC
)

func (d Dialect) String() string {
	switch d {
	case GitHub:
		return "github"
	case RFC:
		return "rfc"
	}
	return fmt.Sprintf("Dialect(%d)", int(d))
}

// ParseDialect reads "github" or "rfc" (also "gitlab", "oidc", "generic").
func ParseDialect(s string) (Dialect, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "github":
		return GitHub, nil
	case "rfc", "gitlab", "oidc", "generic":
		return RFC, nil
	}
	return 0, fmt.Errorf("unknown dialect %q (want github or rfc)", s)
}

// Token prefixes. GitHub's are the real ones: gho_ for OAuth-app tokens that
// never expire, ghu_ for expiring user tokens, ghr_ for their refresh tokens.
const (
	GitHubAccessTokenPrefix         = "gho_"
	GitHubExpiringAccessTokenPrefix = "ghu_"
	GitHubRefreshTokenPrefix        = "ghr_"
	RFCAccessTokenPrefix            = "fake_at_"
	RFCRefreshTokenPrefix           = "fake_rt_"
)

// Defaults applied by New to zero Options fields.
const (
	DefaultClientID       = "fake-client-id"
	DefaultClientSecret   = "fake-client-secret"
	DefaultDeviceInterval = 5                // seconds
	DefaultDeviceCodeTTL  = 15 * time.Minute // GitHub's
	DefaultAuthCodeTTL    = 10 * time.Minute // GitHub's
	// DefaultGitHubRefreshTokenTTL is GitHub's refresh_token_expires_in (about 6 months).
	DefaultGitHubRefreshTokenTTL = 15897600 * time.Second
	// DefaultLogin is the user created on demand when someone signs in and no
	// user was added.
	DefaultLogin = "fake-user"
)

// Options configure a Provider. Zero values get the defaults above.
type Options struct {
	Dialect      Dialect
	ClientID     string
	ClientSecret string

	// AccessTokenTTL is the lifetime of access tokens; 0 means they never
	// expire (and no expires_in is sent).
	AccessTokenTTL time.Duration
	// RefreshTokens makes the fake issue refresh tokens. They are single-use:
	// a refresh answers a new access and refresh token and invalidates the
	// old pair; reusing a refresh token fails (GitHub: bad_refresh_token,
	// RFC: invalid_grant).
	RefreshTokens bool
	// RefreshTokenTTL is the lifetime of refresh tokens. 0 means GitHub's six
	// months for the GitHub dialect and no expiry for RFC; negative means no
	// expiry for both.
	RefreshTokenTTL time.Duration

	// DeviceInterval is the polling interval in seconds announced for device
	// codes (default 5; tests use 1).
	DeviceInterval int
	// DeviceCodeTTL is the lifetime of device codes (default 15 minutes).
	DeviceCodeTTL time.Duration
	// DeviceAutoApprove, when positive, approves a device code for the
	// signed-in user once it is that old (checked when it is polled).
	DeviceAutoApprove time.Duration
	// DisableDeviceFlow makes the device endpoints answer device_flow_disabled
	// (GitHub) or unauthorized_client (RFC).
	DisableDeviceFlow bool

	// RequirePKCE rejects authorization requests without an S256 code_challenge.
	RequirePKCE bool
	// RedirectURIs, when not empty, are the only redirect_uri values accepted
	// (exact match). Empty accepts any absolute http(s) URL.
	RedirectURIs []string
	// AuthCodeTTL is the lifetime of authorization codes (default 10 minutes).
	AuthCodeTTL time.Duration

	// Logf, when set, receives one line per request (method, path, status,
	// duration). Tokens are never logged.
	Logf func(format string, args ...any)
}

// User is an account at the provider.
type User struct {
	ID        int64 // 0: assigned by AddUser
	Login     string
	Name      string
	Email     string
	AvatarURL string // "": {URL}/avatars/u/{id}
	HTMLURL   string // "": {URL}/{login}
}

// Installation is a GitHub App installation visible to a user
// (GET /user/installations).
type Installation struct {
	ID               int64
	AccountLogin     string
	AccountID        int64
	AccountType      string // "User" (default) or "Organization"
	AccountName      string
	AccountAvatarURL string // "": {URL}/avatars/u/{account id}
	AccountHTMLURL   string // "": {URL}/{account login}
	HTMLURL          string // configure URL; "": {URL}/settings/installations/{id}
	AppID            int64
}

// Fault makes the fake misbehave on one path (or on every path with "*").
// Delay is applied first; then the first of CloseConnection, RateLimited,
// Garbage, Status that is set decides the answer. A fault with only Delay
// set answers normally, late.
type Fault struct {
	// Status answers this HTTP status with Body (default: a JSON
	// {"message": ...} like GitHub's, "Bad credentials" for 401).
	Status int
	Body   string
	// Header is added to the faulty answer.
	Header http.Header
	// Delay waits this long before answering (aborted when the client gives up).
	Delay time.Duration
	// Garbage answers Status (default 200) with Content-Type application/json
	// and a body that is neither JSON nor form-encoded.
	Garbage bool
	// RateLimited answers like GitHub's exhausted rate limit: 403 with
	// X-RateLimit-Remaining: 0 and X-RateLimit-Reset; or, when Status is 429,
	// 429 with Retry-After (RetryAfter, default 60 s).
	RateLimited bool
	RetryAfter  time.Duration
	// CloseConnection closes the connection without answering ("down").
	// Go's HTTP client silently retries an idempotent request (GET, DELETE)
	// once on a fresh connection when a reused one closes like this, so
	// with Times: 1 such a request may still succeed.
	CloseConnection bool
	// Times limits the fault to the next Times requests; 0 means until cleared.
	Times int
}

// Provider is the fake. Create it with New (or StartTest).
type Provider struct {
	// URL is the base URL the fake is reached at, e.g. http://127.0.0.1:8090.
	// StartTest and Serve set it when empty; set it before serving otherwise.
	URL string

	opts Options

	mu            sync.Mutex
	offset        time.Duration // fake clock: real time plus offset
	users         []*User
	byLogin       map[string]*User
	nextID        int64
	installations map[string][]Installation
	orgs          orgState
	signer        string
	passwords     map[string]string // by login; see SetPassword
	denyNext      bool
	slowDownNext  bool
	redirectURIs  []string

	codes        map[string]*authCode
	devices      map[string]*deviceCode // by device_code
	userCodes    map[string]*deviceCode // by user_code
	lastUserCode string

	grants       []*grant
	access       map[string]*accessToken
	refresh      map[string]*refreshToken
	issued       []string
	refreshCount int

	calls  map[string]int
	faults map[string]*Fault

	done      chan struct{}
	closeOnce sync.Once
}

type authCode struct {
	clientID    string
	redirectURI string
	scope       string
	challenge   string
	login       string
	expires     time.Time
	used        bool
}

type deviceCode struct {
	deviceCode string
	userCode   string
	clientID   string
	scope      string
	issued     time.Time
	expires    time.Time
	interval   int // seconds; grows by 5 with each slow_down
	lastPoll   time.Time
	login      string // set once approved
	denied     bool
}

type grant struct {
	id        int
	login     string
	scope     string
	viaDevice bool // public-client grant: refresh needs no client secret
	personal  bool // a personal access token's: not the OAuth app's to revoke
	revoked   bool
}

type accessToken struct {
	value   string
	g       *grant
	expires time.Time // zero: never
	revoked bool
}

type refreshToken struct {
	value   string
	g       *grant
	access  *accessToken
	expires time.Time // zero: never
	used    bool
	revoked bool
}

// New returns a Provider with opts, defaults applied. It does not listen;
// use Handler, Serve or StartTest.
func New(opts Options) *Provider {
	if opts.ClientID == "" {
		opts.ClientID = DefaultClientID
	}
	if opts.ClientSecret == "" {
		opts.ClientSecret = DefaultClientSecret
	}
	if opts.DeviceInterval <= 0 {
		opts.DeviceInterval = DefaultDeviceInterval
	}
	if opts.DeviceCodeTTL <= 0 {
		opts.DeviceCodeTTL = DefaultDeviceCodeTTL
	}
	if opts.AuthCodeTTL <= 0 {
		opts.AuthCodeTTL = DefaultAuthCodeTTL
	}
	if opts.RefreshTokenTTL == 0 && opts.Dialect == GitHub {
		opts.RefreshTokenTTL = DefaultGitHubRefreshTokenTTL
	}
	if opts.RefreshTokenTTL < 0 {
		opts.RefreshTokenTTL = 0
	}
	return &Provider{
		opts:          opts,
		byLogin:       map[string]*User{},
		installations: map[string][]Installation{},
		redirectURIs:  append([]string(nil), opts.RedirectURIs...),
		codes:         map[string]*authCode{},
		devices:       map[string]*deviceCode{},
		userCodes:     map[string]*deviceCode{},
		access:        map[string]*accessToken{},
		refresh:       map[string]*refreshToken{},
		calls:         map[string]int{},
		faults:        map[string]*Fault{},
		done:          make(chan struct{}),
	}
}

// Options returns the options in effect (defaults applied).
func (p *Provider) Options() Options { return p.opts }

// ClientID and ClientSecret are the credentials the fake accepts.
func (p *Provider) ClientID() string     { return p.opts.ClientID }
func (p *Provider) ClientSecret() string { return p.opts.ClientSecret }

// Close aborts pending fault delays. StartTest calls it on cleanup.
func (p *Provider) Close() { p.closeOnce.Do(func() { close(p.done) }) }

// ---------------------------------------------------------------- clock

// Now is the fake's clock: real time plus everything passed to Advance.
func (p *Provider) Now() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.now()
}

func (p *Provider) now() time.Time { return time.Now().Add(p.offset) }

// Advance moves the fake's clock forward: tokens, codes and device codes
// expire, and device polls count as slow, by the fake's clock.
func (p *Provider) Advance(d time.Duration) {
	p.mu.Lock()
	p.offset += d
	p.mu.Unlock()
}

// ---------------------------------------------------------------- users

// AddUser adds (or replaces, by login) an account and returns it with its ID
// filled in. The first user added signs in until SetNextUser says otherwise.
func (p *Provider) AddUser(u User) User {
	p.mu.Lock()
	defer p.mu.Unlock()
	return *p.addUser(u)
}

func (p *Provider) addUser(u User) *User {
	if u.Login == "" {
		panic("fakeprovider: User.Login is required")
	}
	if u.ID == 0 {
		p.nextID++
		u.ID = p.nextID
	} else if u.ID > p.nextID {
		p.nextID = u.ID
	}
	nu := &u
	if old, ok := p.byLogin[u.Login]; ok {
		*old = u
		return old
	}
	p.users = append(p.users, nu)
	p.byLogin[u.Login] = nu
	return nu
}

// User returns the account with login.
func (p *Provider) User(login string) (User, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	u, ok := p.byLogin[login]
	if !ok {
		return User{}, false
	}
	return *u, true
}

// SetNextUser makes login the user who signs in at the authorize endpoint
// (and on the device verification page) from now on. It fails for an
// unknown login.
func (p *Provider) SetNextUser(login string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.byLogin[login]; !ok {
		return fmt.Errorf("fakeprovider: unknown user %q", login)
	}
	p.signer = login
	return nil
}

// signedIn is the current signer, creating DefaultLogin when there are no users.
func (p *Provider) signedIn() *User {
	if p.signer != "" {
		return p.byLogin[p.signer]
	}
	if len(p.users) == 0 {
		p.addUser(User{Login: DefaultLogin, Name: "Fake User", Email: DefaultLogin + "@example.com"})
	}
	return p.users[0]
}

// DenyNext makes the next authorization request redirect back with
// error=access_denied, as when the user clicks "Cancel".
func (p *Provider) DenyNext() {
	p.mu.Lock()
	p.denyNext = true
	p.mu.Unlock()
}

// SetInstallations sets the GitHub App installations login can see.
func (p *Provider) SetInstallations(login string, insts ...Installation) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.installations[login] = append([]Installation(nil), insts...)
}

// SetRedirectURIs replaces Options.RedirectURIs (empty: accept any).
func (p *Provider) SetRedirectURIs(uris ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.redirectURIs = append([]string(nil), uris...)
}

// ---------------------------------------------------------------- device flow control

// ApproveDevice approves the device code shown as userCode for login (""
// means the signed-in user); its next poll answers a token.
func (p *Provider) ApproveDevice(userCode, login string) error {
	return p.updateDevice(userCode, func(dc *deviceCode) error {
		if login == "" {
			login = p.signedIn().Login
		}
		if _, ok := p.byLogin[login]; !ok {
			return fmt.Errorf("fakeprovider: unknown user %q", login)
		}
		dc.login = login
		dc.denied = false
		return nil
	})
}

// DenyDevice denies the device code shown as userCode; polls answer access_denied.
func (p *Provider) DenyDevice(userCode string) error {
	return p.updateDevice(userCode, func(dc *deviceCode) error {
		dc.denied = true
		dc.login = ""
		return nil
	})
}

// ExpireDevice makes the device code shown as userCode expire now.
func (p *Provider) ExpireDevice(userCode string) error {
	return p.updateDevice(userCode, func(dc *deviceCode) error {
		dc.expires = p.now().Add(-time.Second)
		return nil
	})
}

// updateDevice calls change, with p.mu held, on the device code shown as
// userCode (in any case, with or without its dash).
func (p *Provider) updateDevice(userCode string, change func(*deviceCode) error) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	dc, ok := p.userCodes[normalizeUserCode(userCode)]
	if !ok {
		return fmt.Errorf("fakeprovider: unknown user code %q", userCode)
	}
	return change(dc)
}

// SlowDownNext makes the next device poll answer slow_down (and raise that
// code's interval by 5 s), however slowly it came.
func (p *Provider) SlowDownNext() {
	p.mu.Lock()
	p.slowDownNext = true
	p.mu.Unlock()
}

// LastUserCode is the user_code of the most recent device authorization.
func (p *Provider) LastUserCode() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lastUserCode
}

// ---------------------------------------------------------------- tokens

// AccessTokenPrefix is the prefix of the access tokens this fake issues.
func (p *Provider) AccessTokenPrefix() string {
	if p.opts.Dialect == RFC {
		return RFCAccessTokenPrefix
	}
	if p.opts.AccessTokenTTL > 0 {
		return GitHubExpiringAccessTokenPrefix
	}
	return GitHubAccessTokenPrefix
}

// RefreshTokenPrefix is the prefix of the refresh tokens this fake issues.
func (p *Provider) RefreshTokenPrefix() string {
	if p.opts.Dialect == RFC {
		return RFCRefreshTokenPrefix
	}
	return GitHubRefreshTokenPrefix
}

// TokenInfo describes an access token.
type TokenInfo struct {
	Login   string
	Scope   string
	Expires time.Time // zero: never
	Valid   bool      // known, unexpired, not revoked
}

// Token describes an access token the fake issued.
func (p *Provider) Token(access string) (TokenInfo, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	at, ok := p.access[access]
	if !ok {
		return TokenInfo{}, false
	}
	return TokenInfo{Login: at.g.login, Scope: at.g.scope, Expires: at.expires, Valid: p.accessValid(at)}, true
}

// ValidTokens returns the access tokens that currently work, sorted.
func (p *Provider) ValidTokens() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return validKeys(p.access, p.accessValid)
}

// ValidRefreshTokens returns the refresh tokens that can still be used, sorted.
func (p *Provider) ValidRefreshTokens() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return validKeys(p.refresh, p.refreshValid)
}

// validKeys returns the sorted keys of the tokens that are valid (nil when
// none is).
func validKeys[T any](tokens map[string]T, valid func(T) bool) []string {
	var out []string
	for v, t := range tokens {
		if valid(t) {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

// IssuedTokens returns every access and refresh token ever issued, in order,
// so that tests can check none of them is stored or logged in the clear.
func (p *Provider) IssuedTokens() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.issued...)
}

// ExpireAccessToken makes an access token expire now (its refresh token
// still works). It reports whether the token was known.
func (p *Provider) ExpireAccessToken(token string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	at, ok := p.access[token]
	if ok {
		at.expires = p.now().Add(-time.Second)
	}
	return ok
}

// RevokeToken revokes the whole grant an access or refresh token belongs to.
func (p *Provider) RevokeToken(token string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if at, ok := p.access[token]; ok {
		at.g.revoked = true
		return true
	}
	if rt, ok := p.refresh[token]; ok {
		rt.g.revoked = true
		return true
	}
	return false
}

// RevokeAll revokes every token issued so far (as if the user removed the app).
func (p *Provider) RevokeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, g := range p.grants {
		g.revoked = true
	}
}

// RefreshCount is the number of refresh_token grant requests that reached
// the token endpoint (successful or not; faulted requests excluded).
func (p *Provider) RefreshCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.refreshCount
}

// Calls is the number of requests received on path (e.g. "/user"),
// faulted ones included.
func (p *Provider) Calls(path string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls[path]
}

// ResetCalls zeroes the counters of Calls and RefreshCount.
func (p *Provider) ResetCalls() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = map[string]int{}
	p.refreshCount = 0
}

// ---------------------------------------------------------------- faults

// SetFault makes requests to path (exact URL path, or "*" for every path)
// misbehave as f says, until ClearFaults (or f.Times requests).
func (p *Provider) SetFault(path string, f Fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if f.Header != nil {
		f.Header = f.Header.Clone()
	}
	p.faults[path] = &f
}

// ClearFault removes the fault on path.
func (p *Provider) ClearFault(path string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.faults, path)
}

// ClearFaults removes every fault.
func (p *Provider) ClearFaults() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.faults = map[string]*Fault{}
}

// takeFault returns the fault for path, counting one use; nil if none.
func (p *Provider) takeFault(path string) *Fault {
	key := path
	f, ok := p.faults[key]
	if !ok {
		key = "*"
		f, ok = p.faults[key]
	}
	if !ok {
		return nil
	}
	cp := *f
	if f.Times > 0 {
		f.Times--
		if f.Times == 0 {
			delete(p.faults, key)
		}
	}
	return &cp
}

// ---------------------------------------------------------------- internals

func (p *Provider) accessValid(at *accessToken) bool {
	if at.revoked || at.g.revoked {
		return false
	}
	return at.expires.IsZero() || p.now().Before(at.expires)
}

func (p *Provider) refreshValid(rt *refreshToken) bool {
	if rt.used || rt.revoked || rt.g.revoked {
		return false
	}
	return rt.expires.IsZero() || p.now().Before(rt.expires)
}

// issue creates an access token (and a refresh token when configured) in g.
func (p *Provider) issue(g *grant) (*accessToken, *refreshToken) {
	now := p.now()
	at := &accessToken{value: p.AccessTokenPrefix() + randomString(36), g: g}
	if p.opts.AccessTokenTTL > 0 {
		at.expires = now.Add(p.opts.AccessTokenTTL)
	}
	p.access[at.value] = at
	p.issued = append(p.issued, at.value)
	if !p.opts.RefreshTokens {
		return at, nil
	}
	rt := &refreshToken{value: p.RefreshTokenPrefix() + randomString(76), g: g, access: at}
	if p.opts.RefreshTokenTTL > 0 {
		rt.expires = now.Add(p.opts.RefreshTokenTTL)
	}
	p.refresh[rt.value] = rt
	p.issued = append(p.issued, rt.value)
	return at, rt
}

func (p *Provider) newGrant(login, scope string, viaDevice bool) *grant {
	g := &grant{id: len(p.grants) + 1, login: login, scope: scope, viaDevice: viaDevice}
	p.grants = append(p.grants, g)
	return g
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func randomFrom(alphabet string, n int) string {
	var b strings.Builder
	limit := big.NewInt(int64(len(alphabet)))
	for range n {
		i, err := rand.Int(rand.Reader, limit)
		if err != nil {
			panic(err) // crypto/rand does not fail
		}
		b.WriteByte(alphabet[i.Int64()])
	}
	return b.String()
}

func randomString(n int) string { return randomFrom(alnum, n) }

const userCodeAlphabet = "BCDFGHJKLMNPQRSTVWXZ0123456789"

func newUserCode() string {
	return randomFrom(userCodeAlphabet, 4) + "-" + randomFrom(userCodeAlphabet, 4)
}

func normalizeUserCode(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "-", "")
	s = strings.ReplaceAll(s, " ", "")
	if len(s) == 8 {
		return s[:4] + "-" + s[4:]
	}
	return s
}
