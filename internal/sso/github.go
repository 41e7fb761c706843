package sso

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/gitauthd/gitauthd/internal/errs"
)

// GitHubConfig is the deployment's GitHub sign-in, with Coder's option
// names (oauth2.github.*).
type GitHubConfig struct {
	ClientID     string
	ClientSecret string
	// RedirectURL is {access URL}/api/v2/users/oauth2/github/callback.
	RedirectURL string
	// AllowedOrgs: the person must be an active member of one of them
	// (GitHub logins, case-insensitively).
	AllowedOrgs []string
	// AllowedTeams, "org/team-slug": the person must be an active member of
	// one of them.
	AllowedTeams []string
	// AllowEveryone lets any GitHub user in; NewGitHub refuses a
	// configuration with neither it nor an allowed org or team.
	AllowEveryone bool
	// EnterpriseBaseURL is a GitHub Enterprise Server, e.g.
	// https://github.example.com: its pages are under it and its API under
	// {it}/api/v3. Empty means github.com and api.github.com.
	EnterpriseBaseURL string
	// DeviceFlow signs in with device codes instead of the browser
	// redirect.
	DeviceFlow bool
}

// GitHub is GitHub sign-in. It is safe for concurrent use.
type GitHub struct {
	cfg    GitHubConfig
	client *http.Client
	oauth  oauth2.Config
	api    string // API base URL, without a trailing slash
}

// GitHubScopes are the scopes GitHub sign-in asks for, Coder's: the user,
// their organization and team memberships, their email addresses.
var GitHubScopes = []string{"read:user", "read:org", "user:email"}

// Refusal messages of GitHub sign-in, Coder's where Coder has one.
const (
	MsgGitHubOrgs        = "You aren't a member of the authorized Github organizations!"
	MsgGitHubTeams       = "You aren't a member of an authorized team in the Github organization(s)!"
	MsgGitHubEmail       = "Your primary email must be verified on GitHub!"
	MsgGitHubAPI         = "Failed to get the GitHub user."
	MsgGitHubExchange    = "Failed to exchange the GitHub authorization code."
	MsgGitHubDevice      = "Failed to authorize device."
	MsgGitHubDeviceOff   = "Device flow is not enabled for Github OAuth2."
	MsgGitHubDeviceStart = "Failed to authorize device with GitHub."
)

// NewGitHub checks cfg and returns GitHub sign-in; client (nil: a 30 s
// timeout) talks to GitHub.
func NewGitHub(cfg GitHubConfig, client *http.Client) (*GitHub, error) {
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	if cfg.ClientID == "" {
		return nil, errors.New("a client ID is required")
	}
	if !cfg.AllowEveryone && len(cfg.AllowedOrgs) == 0 && len(cfg.AllowedTeams) == 0 {
		return nil, errors.New("allowed orgs or teams, or allow everyone, must be set")
	}
	for _, t := range cfg.AllowedTeams {
		if org, team, ok := strings.Cut(t, "/"); !ok || org == "" || team == "" || strings.Contains(team, "/") {
			return nil, fmt.Errorf("github team allowlist is formatted incorrectly. got %s; wanted <organization>/<team>", t)
		}
	}
	web, api := "https://github.com", "https://api.github.com"
	if cfg.EnterpriseBaseURL != "" {
		u, err := url.Parse(cfg.EnterpriseBaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("enterprise base URL %q is not an http(s) URL", cfg.EnterpriseBaseURL)
		}
		web = strings.TrimRight(u.String(), "/")
		api = web + "/api/v3"
	}
	return &GitHub{cfg: cfg, client: client, api: api, oauth: oauth2.Config{
		ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURL, Scopes: GitHubScopes,
		Endpoint: oauth2.Endpoint{
			AuthURL: web + "/login/oauth/authorize", TokenURL: web + "/login/oauth/access_token",
			DeviceAuthURL: web + "/login/device/code", AuthStyle: oauth2.AuthStyleInParams,
		},
	}}, nil
}

// Start begins a sign-in: the URL to send the browser to (GitHub's
// authorization page, or with the device flow gitauthd's /login/device
// page, as Coder does) and the flow's secrets, kept until Finish.
func (g *GitHub) Start() (string, Flow, error) {
	state, err := random()
	if err != nil {
		return "", Flow{}, errs.Wrap(err, errs.MsgInternal)
	}
	f := Flow{State: state, Verifier: oauth2.GenerateVerifier()}
	if g.cfg.DeviceFlow {
		return "/login/device?state=" + url.QueryEscape(state), f, nil
	}
	return g.oauth.AuthCodeURL(state, oauth2.S256ChallengeOption(f.Verifier)), f, nil
}

// Device is a device code GitHub issued, as the API answers it.
type Device struct {
	DeviceCode, UserCode, VerificationURI string
	ExpiresIn, Interval                   int
}

// Device asks GitHub for a device code; KindInvalid when the device flow
// is off.
func (g *GitHub) Device(ctx context.Context) (Device, error) {
	if !g.cfg.DeviceFlow {
		return Device{}, errs.New(errs.KindInvalid, MsgGitHubDeviceOff)
	}
	d, err := g.oauth.DeviceAuth(g.ctx(ctx))
	if err != nil {
		return Device{}, issuerErr(MsgGitHubDeviceStart, err)
	}
	return Device{DeviceCode: d.DeviceCode, UserCode: d.UserCode, VerificationURI: d.VerificationURI,
		ExpiresIn: max(0, int(time.Until(d.Expiry).Round(time.Second)/time.Second)), Interval: int(d.Interval)}, nil
}

// Finish completes a sign-in from the callback's state and code (a device
// code with the device flow) and the flow Start returned: the GitHub user,
// checked against the allowed organizations and teams, with their verified
// primary email.
func (g *GitHub) Finish(ctx context.Context, f Flow, state, code string) (Identity, error) {
	if f.State == "" || state == "" || !equal(f.State, state) {
		return Identity{}, refuse(MsgStateMismatch, "")
	}
	ctx = g.ctx(ctx)
	var tok *oauth2.Token
	var err error
	if g.cfg.DeviceFlow {
		tok, err = g.exchangeDevice(ctx, code)
	} else {
		tok, err = g.oauth.Exchange(ctx, code, oauth2.VerifierOption(f.Verifier))
		if err != nil {
			err = issuerErr(MsgGitHubExchange, err)
		}
	}
	if err != nil {
		return Identity{}, err
	}
	c := g.oauth.Client(ctx, tok)
	var user struct {
		ID    int64  `json:"id"`
		Login string `json:"login"`
		Name  string `json:"name"`
	}
	if _, err := g.get(ctx, c, "/user", &user); err != nil {
		return Identity{}, err
	}
	if user.ID == 0 || user.Login == "" {
		return Identity{}, refuse(MsgGitHubAPI, "the user has no id or login")
	}
	if !g.cfg.AllowEveryone {
		if err := g.checkMembership(ctx, c, user.Login); err != nil {
			return Identity{}, err
		}
	}
	var emails []githubEmail
	if _, err := g.get(ctx, c, "/user/emails", &emails); err != nil {
		return Identity{}, err
	}
	i := slices.IndexFunc(emails, func(e githubEmail) bool { return e.Primary && e.Verified && e.Email != "" })
	if i < 0 {
		// 400, as Coder answers it: the account needs fixing at GitHub.
		return Identity{}, errs.New(errs.KindInvalid, MsgGitHubEmail)
	}
	return Identity{Subject: strconv.FormatInt(user.ID, 10), Email: emails[i].Email, Username: user.Login, Name: user.Name}, nil
}

// githubEmail is an entry of GET /user/emails.
type githubEmail struct {
	Email    string `json:"email"`
	Primary  bool   `json:"primary"`
	Verified bool   `json:"verified"`
}

// githubOrgMembership is an entry of GET /user/memberships/orgs.
type githubOrgMembership struct {
	State        string `json:"state"`
	Organization struct {
		Login string `json:"login"`
	} `json:"organization"`
}

// checkMembership lets login in when they are an active member of an
// allowed organization (when any is set) and of an allowed team (when any
// is set), as GitHub's API says.
func (g *GitHub) checkMembership(ctx context.Context, c *http.Client, login string) error {
	if len(g.cfg.AllowedOrgs) > 0 {
		var ms []githubOrgMembership
		if _, err := g.get(ctx, c, "/user/memberships/orgs?state=active&per_page=100", &ms); err != nil {
			return err
		}
		if !slices.ContainsFunc(ms, func(m githubOrgMembership) bool {
			return m.State == "active" && slices.ContainsFunc(g.cfg.AllowedOrgs, func(o string) bool { return strings.EqualFold(o, m.Organization.Login) })
		}) {
			return refuse(MsgGitHubOrgs, fmt.Sprintf("%s is not an active member of %v", login, g.cfg.AllowedOrgs))
		}
	}
	if len(g.cfg.AllowedTeams) == 0 {
		return nil
	}
	for _, t := range g.cfg.AllowedTeams {
		org, team, _ := strings.Cut(t, "/")
		var m struct {
			State string `json:"state"`
		}
		found, err := g.get(ctx, c, "/orgs/"+url.PathEscape(org)+"/teams/"+url.PathEscape(team)+"/memberships/"+url.PathEscape(login), &m)
		if err != nil {
			return err
		}
		if found && m.State == "active" {
			return nil
		}
	}
	return refuse(MsgGitHubTeams, fmt.Sprintf("%s is not an active member of %v", login, g.cfg.AllowedTeams))
}

// get reads the API's JSON answer at path into v; false (no error) for a
// 404, a refusal for another 4xx, KindUnavailable when GitHub cannot be
// reached or fails.
func (g *GitHub) get(ctx context.Context, c *http.Client, path string, v any) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, g.api+path, nil)
	if err != nil {
		return false, errs.Wrap(err, errs.MsgInternal)
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	res, err := c.Do(req)
	if err != nil {
		return false, errs.New(errs.KindUnavailable, MsgGitHubAPI).WithDetail("GitHub could not be reached")
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	switch {
	case err != nil:
		return false, errs.New(errs.KindUnavailable, MsgGitHubAPI).WithDetail("GitHub's answer was cut short")
	case res.StatusCode == http.StatusNotFound:
		return false, nil
	case res.StatusCode >= 400 && res.StatusCode < 500:
		return false, refuse(MsgGitHubAPI, fmt.Sprintf("GitHub answered %d to %s", res.StatusCode, strings.SplitN(path, "?", 2)[0]))
	case res.StatusCode != http.StatusOK:
		return false, errs.New(errs.KindUnavailable, MsgGitHubAPI).WithDetail(fmt.Sprintf("GitHub answered %d", res.StatusCode))
	}
	if err := json.Unmarshal(body, v); err != nil {
		return false, errs.New(errs.KindUnavailable, MsgGitHubAPI).WithDetail("GitHub's answer is not the JSON expected")
	}
	return true, nil
}

// exchangeDevice polls GitHub once for the device code's token: an answer
// other than a token is KindInvalid with GitHub's error code as the detail
// (authorization_pending, slow_down, expired_token, access_denied).
func (g *GitHub) exchangeDevice(ctx context.Context, deviceCode string) (*oauth2.Token, error) {
	form := url.Values{"client_id": {g.cfg.ClientID}, "device_code": {deviceCode},
		"grant_type": {"urn:ietf:params:oauth:grant-type:device_code"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.oauth.Endpoint.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, errs.Wrap(err, errs.MsgInternal)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	res, err := g.client.Do(req)
	if err != nil {
		return nil, errs.New(errs.KindUnavailable, MsgGitHubDevice).WithDetail("GitHub could not be reached")
	}
	defer res.Body.Close()
	var a struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		Error       string `json:"error"`
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(&a); err != nil || res.StatusCode >= 500 {
		return nil, errs.New(errs.KindUnavailable, MsgGitHubDevice).WithDetail("GitHub's answer is not a token")
	}
	if a.AccessToken == "" {
		return nil, errs.New(errs.KindInvalid, MsgGitHubDevice).WithDetail(or(a.Error, "no access token"))
	}
	return &oauth2.Token{AccessToken: a.AccessToken, TokenType: or(a.TokenType, "bearer")}, nil
}

func (g *GitHub) ctx(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, g.client)
}
