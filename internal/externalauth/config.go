package externalauth

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/oauth2"
)

// Config is one entry of the external auth providers as configured, before
// NewProviders applies its type's defaults and validates it. Field names
// follow Coder's; the yaml tags name the fields in both configuration
// sources (internal/deployment reads the YAML external_auth list by them and
// the GITAUTHD_EXTERNAL_AUTH_<n>_<FIELD> variables by their upper case).
//
// The JSON form is the one the deployment config shows: the client secret
// is never part of it.
type Config struct {
	ID                  string   `yaml:"id" json:"id"`
	Type                string   `yaml:"type" json:"type"`
	ClientID            string   `yaml:"client_id" json:"client_id"`
	ClientSecret        string   `yaml:"client_secret" json:"-"`
	AuthURL             string   `yaml:"auth_url" json:"auth_url"`
	TokenURL            string   `yaml:"token_url" json:"token_url"`
	ValidateURL         string   `yaml:"validate_url" json:"validate_url"`
	RevokeURL           string   `yaml:"revoke_url" json:"revoke_url"`
	AppInstallURL       string   `yaml:"app_install_url" json:"app_install_url"`
	AppInstallationsURL string   `yaml:"app_installations_url" json:"app_installations_url"`
	NoRefresh           bool     `yaml:"no_refresh" json:"no_refresh"`
	Scopes              []string `yaml:"scopes" json:"scopes"`
	ExtraTokenKeys      []string `yaml:"extra_token_keys" json:"extra_token_keys"`
	// DeviceFlow is nil when not configured: the provider type's default
	// applies (on for github, off for the others).
	DeviceFlow    *bool  `yaml:"device_flow" json:"device_flow,omitempty"`
	DeviceCodeURL string `yaml:"device_code_url" json:"device_code_url"`
	Regex         string `yaml:"regex" json:"regex"`
	DisplayName   string `yaml:"display_name" json:"display_name"`
	DisplayIcon   string `yaml:"display_icon" json:"display_icon"`
}

// ConfigError reports a bad external auth provider entry. Its message names
// the entry by position and id, and the field concerned:
//
//	external auth provider 1 ("my-gitlab"): regex: invalid pattern: …
type ConfigError struct {
	Index int    // position in the configured list, from 0
	ID    string // the provider's id, defaulted to its type when unset
	Field string // the field as the YAML file names it, "client_id"
	Err   error
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("external auth provider %d (%q): %s: %v", e.Index, e.ID, e.Field, e.Err)
}

func (e *ConfigError) Unwrap() error { return e.Err }

// Type aliases accepted for Coder compatibility. A provider configured with
// one gets the canonical type; its id still defaults to the alias, as in
// Coder, so that callback URLs registered with the host keep working.
var typeAliases = map[string]string{
	"bitbucket":          TypeBitbucketCloud,
	"azure-devops-entra": TypeAzureDevOps,
}

// knownTypes lists the types in the order error messages show them.
var knownTypes = []string{TypeGitHub, TypeGitLab, TypeBitbucketCloud, TypeBitbucketServer, TypeAzureDevOps, TypeGitea, TypeGeneric}

// validID is the id charset: ids appear in URL paths
// (/external-auth/{id}/callback), so they start with a letter or digit and
// go on with letters, digits, "-", "_" and "." (never "." or "..").
var validID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// defaultIcon is the icon of providers whose type has none: Coder's key emoji.
const defaultIcon = "/emojis/1f511.png"

// NewProviders applies each entry's type defaults, checks every field and
// returns the providers in the configured order. accessURL is the server's
// external URL; each provider's RedirectURL is
// {accessURL}/external-auth/{id}/callback.
//
// Defaults by type (a configured value always wins; lists replace, never
// merge):
//
//   - github: github.com endpoints, validate https://api.github.com/user,
//     installations https://api.github.com/user/installations, revocation
//     DELETE https://api.github.com/applications/{client_id}/grant, scopes
//     repo and workflow, device flow on (device_flow: false turns it off: a
//     GitHub OAuth app needs "Enable Device Flow" ticked for it), PKCE on
//     (GitHub accepts S256 challenges; servers that do not ignore them).
//     An auth_url or token_url on another host means GitHub Enterprise
//     Server: the other URLs follow that host, the API under /api/v3.
//   - gitlab: gitlab.com endpoints, validate /api/v4/user, RFC 7009
//     revocation at /oauth/revoke, device code URL /oauth/authorize_device
//     (device flow off unless asked for), PKCE on, scopes read_user (which
//     /api/v4/user needs) and write_repository. Self-hosted: the first of
//     auth_url, token_url, validate_url, revoke_url, device_code_url that
//     is set gives the server's address (a GitLab path suffix is stripped, so
//     a relative URL root is kept); every other URL and the regex follow it.
//   - bitbucket-cloud (alias bitbucket): bitbucket.org endpoints, validate
//     https://api.bitbucket.org/2.0/user, client authentication with HTTP
//     Basic, scopes account and repository:write, no PKCE, no revocation.
//   - bitbucket-server: needs the server's address, from auth_url,
//     token_url or validate_url; endpoints under /rest/oauth2/latest,
//     validate /rest/api/latest/inbox/pull-requests/count (as Coder: it
//     answers 401 without a valid token, but gives no user profile), scopes
//     PUBLIC_REPOS, REPO_READ, REPO_WRITE, no PKCE, no revocation.
//   - azure-devops (alias azure-devops-entra; Microsoft Entra ID): tenant
//     "organizations" unless auth_url names one
//     (https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize);
//     token and device code URLs sit beside the auth URL; scopes Azure
//     DevOps' .default and offline_access; PKCE on; no validation, no
//     revocation by default.
//   - gitea: needs the server's address, from auth_url, token_url or
//     validate_url; endpoints /login/oauth/authorize and
//     /login/oauth/access_token, validate /api/v1/user, scopes
//     write:repository and read:user, PKCE on; Gitea has no revocation
//     endpoint and no device flow.
//   - generic: auth_url and token_url are required; nothing else has a
//     default; PKCE on (S256); the client authentication style is detected.
//
// The regex defaults to the provider's host, ^(https?://)?host(/.*)?$ (Azure
// DevOps also allows the user name its clone URLs carry, org@dev.azure.com);
// a generic provider without one matches no repository.
//
// client_secret is required unless the provider uses the device flow, which
// public clients (client id only) can complete on their own.
//
// Every problem found is reported, as *ConfigError values joined with
// errors.Join; the server refuses to start with any.
func NewProviders(cfgs []Config, accessURL *url.URL) ([]*Provider, error) {
	if accessURL == nil {
		return nil, errors.New("external auth: the access URL is required to build callback URLs")
	}
	var errs []error
	out := make([]*Provider, 0, len(cfgs))
	firstByID := map[string]int{}
	for i, c := range cfgs {
		p, perrs := newProvider(i, c, accessURL)
		errs = append(errs, perrs...)
		if p == nil {
			continue
		}
		if j, dup := firstByID[p.ID]; dup {
			msg := fmt.Sprintf("duplicate id %q, also the id of provider %d", p.ID, j)
			if strings.TrimSpace(c.ID) == "" {
				msg += "; the id defaults to the type, so give each provider of the same type its own id"
			}
			errs = append(errs, &ConfigError{Index: i, ID: p.ID, Field: "id", Err: errors.New(msg)})
			continue
		}
		firstByID[p.ID] = i
		out = append(out, p)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// typeDefaults are the values a type gives the fields left unset.
type typeDefaults struct {
	displayName, displayIcon string

	authURL, tokenURL, deviceCodeURL, validateURL, revokeURL, appInstallationsURL string

	regex      string
	scopes     []string
	deviceFlow bool
	pkce       bool
	authStyle  oauth2.AuthStyle
	// revokeStyle applies when the provider ends up with a revoke URL.
	revokeStyle string
	// needsHost: the type has no public default server; auth_url (or
	// another URL) must give one.
	needsHost bool
	// hostFrom lists the fields the server's address may be taken from.
	hostFrom []string
}

// urlField is one of a configuration entry's URL fields.
type urlField struct {
	name  string
	value *string
}

func urlFields(c *Config) []urlField {
	return []urlField{
		{"auth_url", &c.AuthURL},
		{"token_url", &c.TokenURL},
		{"validate_url", &c.ValidateURL},
		{"revoke_url", &c.RevokeURL},
		{"device_code_url", &c.DeviceCodeURL},
		{"app_install_url", &c.AppInstallURL},
		{"app_installations_url", &c.AppInstallationsURL},
	}
}

// serverBase derives a server's base URL (scheme, host and any path prefix) from
// the first of the named fields that holds an absolute http(s) URL: the
// URL minus the path the type puts there (suffixes[field]), or just its
// scheme and host when the path is not that one.
func serverBase(c *Config, fields []string, suffixes map[string]string) *url.URL {
	byName := map[string]string{}
	for _, f := range urlFields(c) {
		byName[f.name] = *f.value
	}
	for _, name := range fields {
		u, err := url.Parse(byName[name])
		if err != nil || CheckHTTPURL(u) != nil {
			continue
		}
		b := &url.URL{Scheme: u.Scheme, Host: u.Host}
		if prefix, ok := strings.CutSuffix(u.Path, suffixes[name]); ok && suffixes[name] != "" {
			b.Path = strings.TrimRight(prefix, "/")
		}
		return b
	}
	return nil
}

// withPath returns b's URL with path appended.
func withPath(b *url.URL, path string) string {
	u := *b
	u.Path = strings.TrimRight(u.Path, "/") + path
	return u.String()
}

// hostRegex matches repository URLs on b's host (and under its path prefix).
func hostRegex(b *url.URL) string {
	return `^(https?://)?` + regexp.QuoteMeta(b.Host+b.Path) + `(/.*)?$`
}

func githubDefaults(c *Config) typeDefaults {
	d := typeDefaults{
		displayName: "GitHub", displayIcon: "/icon/github.svg",
		authURL:             "https://github.com/login/oauth/authorize",
		tokenURL:            "https://github.com/login/oauth/access_token",
		deviceCodeURL:       "https://github.com/login/device/code",
		validateURL:         "https://api.github.com/user",
		revokeURL:           "https://api.github.com/applications/{client_id}/grant",
		appInstallationsURL: "https://api.github.com/user/installations",
		regex:               `^(https?://)?github\.com(/.*)?$`,
		// "workflow" is needed to push changes to GitHub Actions workflows.
		scopes:      []string{"repo", "workflow"},
		deviceFlow:  true,
		pkce:        true,
		authStyle:   oauth2.AuthStyleInParams,
		revokeStyle: RevokeGitHub,
	}
	b := serverBase(c, []string{"auth_url", "token_url", "device_code_url"}, map[string]string{
		"auth_url": "/login/oauth/authorize", "token_url": "/login/oauth/access_token", "device_code_url": "/login/device/code",
	})
	if b == nil || b.Host == "github.com" {
		return d
	}
	// GitHub Enterprise Server: the REST API lives under /api/v3.
	d.authURL = withPath(b, "/login/oauth/authorize")
	d.tokenURL = withPath(b, "/login/oauth/access_token")
	d.deviceCodeURL = withPath(b, "/login/device/code")
	d.validateURL = withPath(b, "/api/v3/user")
	d.revokeURL = withPath(b, "/api/v3/applications") + "/{client_id}/grant" // braces unescaped, for the substitution
	d.appInstallationsURL = withPath(b, "/api/v3/user/installations")
	d.regex = hostRegex(b)
	return d
}

func gitlabDefaults(c *Config) typeDefaults {
	b := serverBase(c, []string{"auth_url", "token_url", "validate_url", "revoke_url", "device_code_url"}, map[string]string{
		"auth_url": "/oauth/authorize", "token_url": "/oauth/token", "validate_url": "/api/v4/user",
		"revoke_url": "/oauth/revoke", "device_code_url": "/oauth/authorize_device",
	})
	if b == nil {
		b = &url.URL{Scheme: "https", Host: "gitlab.com"}
	}
	return typeDefaults{
		displayName: "GitLab", displayIcon: "/icon/gitlab.svg",
		authURL:       withPath(b, "/oauth/authorize"),
		tokenURL:      withPath(b, "/oauth/token"),
		deviceCodeURL: withPath(b, "/oauth/authorize_device"),
		validateURL:   withPath(b, "/api/v4/user"),
		revokeURL:     withPath(b, "/oauth/revoke"),
		regex:         hostRegex(b),
		// write_repository alone cannot read /api/v4/user, the validate URL.
		scopes:      []string{"read_user", "write_repository"},
		pkce:        true,
		authStyle:   oauth2.AuthStyleInParams,
		revokeStyle: RevokeRFC7009,
	}
}

func bitbucketCloudDefaults(*Config) typeDefaults {
	return typeDefaults{
		displayName: "Bitbucket Cloud", displayIcon: "/icon/bitbucket.svg",
		authURL:     "https://bitbucket.org/site/oauth2/authorize",
		tokenURL:    "https://bitbucket.org/site/oauth2/access_token",
		validateURL: "https://api.bitbucket.org/2.0/user",
		regex:       `^(https?://)?bitbucket\.org(/.*)?$`,
		scopes:      []string{"account", "repository:write"},
		authStyle:   oauth2.AuthStyleInHeader,
		revokeStyle: RevokeRFC7009,
	}
}

func bitbucketServerDefaults(c *Config) typeDefaults {
	return selfHosted(c, typeDefaults{
		displayName: "Bitbucket Server", displayIcon: "/icon/bitbucket.svg",
		scopes:      []string{"PUBLIC_REPOS", "REPO_READ", "REPO_WRITE"},
		authStyle:   oauth2.AuthStyleInParams,
		revokeStyle: RevokeRFC7009,
	}, "/rest/oauth2/latest/authorize", "/rest/oauth2/latest/token", "/rest/api/latest/inbox/pull-requests/count")
}

// selfHosted completes the defaults d of a type that has no public server:
// the server's address comes from auth_url, token_url or validate_url (the
// first set, minus the type's path there), and the three endpoints and the
// regex follow it.
func selfHosted(c *Config, d typeDefaults, authPath, tokenPath, validatePath string) typeDefaults {
	d.needsHost = true
	d.hostFrom = []string{"auth_url", "token_url", "validate_url"}
	b := serverBase(c, d.hostFrom, map[string]string{"auth_url": authPath, "token_url": tokenPath, "validate_url": validatePath})
	if b != nil {
		d.authURL = withPath(b, authPath)
		d.tokenURL = withPath(b, tokenPath)
		d.validateURL = withPath(b, validatePath)
		d.regex = hostRegex(b)
	}
	return d
}

func azureDevOpsDefaults(c *Config) typeDefaults {
	d := typeDefaults{
		displayName: "Azure DevOps", displayIcon: "/icon/azure-devops.svg",
		// Clone URLs carry the organization as user name: https://org@dev.azure.com/org/project/_git/repo.
		regex: `^(https?://)?([^/@]+@)?dev\.azure\.com(/.*)?$`,
		// Azure DevOps' resource id; offline_access brings a refresh token.
		scopes:      []string{"499b84ac-1321-427f-aa17-267ca6975798/.default", "offline_access"},
		pkce:        true,
		authStyle:   oauth2.AuthStyleInParams,
		revokeStyle: RevokeRFC7009,
	}
	// The endpoints sit side by side: {prefix}/authorize, /token, /devicecode,
	// with the prefix https://login.microsoftonline.com/{tenant}/oauth2/v2.0.
	prefix := "https://login.microsoftonline.com/organizations/oauth2/v2.0"
	if c.AuthURL != "" {
		prefix = ""
		if p, ok := strings.CutSuffix(strings.TrimRight(c.AuthURL, "/"), "/authorize"); ok {
			prefix = p
		}
	}
	if prefix != "" {
		d.authURL = prefix + "/authorize"
		d.tokenURL = prefix + "/token"
		d.deviceCodeURL = prefix + "/devicecode"
	}
	return d
}

func giteaDefaults(c *Config) typeDefaults {
	return selfHosted(c, typeDefaults{
		displayName: "Gitea", displayIcon: "/icon/gitea.svg",
		scopes:      []string{"write:repository", "read:user"},
		pkce:        true,
		authStyle:   oauth2.AuthStyleInParams,
		revokeStyle: RevokeRFC7009,
	}, "/login/oauth/authorize", "/login/oauth/access_token", "/api/v1/user")
}

func genericDefaults(*Config) typeDefaults {
	return typeDefaults{
		pkce:        true,
		authStyle:   oauth2.AuthStyleAutoDetect,
		revokeStyle: RevokeRFC7009,
	}
}

var defaultsByType = map[string]func(*Config) typeDefaults{
	TypeGitHub:          githubDefaults,
	TypeGitLab:          gitlabDefaults,
	TypeBitbucketCloud:  bitbucketCloudDefaults,
	TypeBitbucketServer: bitbucketServerDefaults,
	TypeAzureDevOps:     azureDevOpsDefaults,
	TypeGitea:           giteaDefaults,
	TypeGeneric:         genericDefaults,
}

// newProvider builds the provider of entry i, or returns the problems found.
func newProvider(i int, c Config, accessURL *url.URL) (*Provider, []error) {
	for _, f := range urlFields(&c) {
		*f.value = strings.TrimSpace(*f.value)
	}
	typ := strings.ToLower(strings.TrimSpace(c.Type))
	id := strings.TrimSpace(c.ID)
	if id == "" {
		id = typ
	}
	var errs []error
	bad := func(field, format string, a ...any) {
		errs = append(errs, &ConfigError{Index: i, ID: id, Field: field, Err: fmt.Errorf(format, a...)})
	}

	if canon, ok := typeAliases[typ]; ok {
		typ = canon
	}
	mkDefaults, ok := defaultsByType[typ]
	switch {
	case typ == "":
		bad("type", "required, one of %s", strings.Join(knownTypes, ", "))
		return nil, errs
	case !ok:
		bad("type", "unknown type %q, want one of %s", c.Type, strings.Join(knownTypes, ", "))
		return nil, errs
	}
	if !validID.MatchString(id) {
		bad("id", "invalid id %q: 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit", id)
	}

	// Every URL given must be an absolute http(s) URL, before any default
	// is derived from it.
	for _, f := range urlFields(&c) {
		if *f.value == "" {
			continue
		}
		u, err := url.Parse(*f.value)
		if err == nil {
			err = CheckHTTPURL(u)
		} else {
			err = errors.New("not a valid URL")
		}
		if err != nil {
			bad(f.name, "%v", err)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}

	d := mkDefaults(&c)
	or := func(v, def string) string {
		if v != "" {
			return v
		}
		return def
	}
	p := &Provider{
		ID:                  id,
		Type:                typ,
		DisplayName:         or(strings.TrimSpace(c.DisplayName), or(d.displayName, id)),
		DisplayIcon:         or(strings.TrimSpace(c.DisplayIcon), or(d.displayIcon, defaultIcon)),
		ClientID:            c.ClientID,
		ClientSecret:        c.ClientSecret,
		AuthURL:             or(c.AuthURL, d.authURL),
		TokenURL:            or(c.TokenURL, d.tokenURL),
		ValidateURL:         or(c.ValidateURL, d.validateURL),
		RevokeURL:           or(c.RevokeURL, d.revokeURL),
		AppInstallURL:       c.AppInstallURL,
		AppInstallationsURL: or(c.AppInstallationsURL, d.appInstallationsURL),
		Scopes:              trimmedItems(c.Scopes),
		ExtraTokenKeys:      trimmedItems(c.ExtraTokenKeys),
		NoRefresh:           c.NoRefresh,
		DeviceFlow:          d.deviceFlow,
		PKCE:                d.pkce,
		AuthStyle:           d.authStyle,
	}
	if len(p.Scopes) == 0 {
		p.Scopes = append([]string(nil), d.scopes...)
	}
	if c.DeviceFlow != nil {
		p.DeviceFlow = *c.DeviceFlow
	}

	if strings.TrimSpace(p.ClientID) == "" {
		bad("client_id", "required")
	}
	if p.ClientSecret == "" && !p.DeviceFlow {
		bad("client_secret", "required unless device_flow is on (a public client with only a client id can only use the device flow)")
	}
	if d.needsHost && d.authURL == "" {
		// Nothing to derive the server's URLs from: one error says it.
		bad("auth_url", "required: type %s has no public server; set auth_url (or %s) to your server's and the other URLs are derived from it",
			typ, strings.Join(d.hostFrom[1:], " or "))
	} else {
		for _, req := range []struct{ field, value string }{{"auth_url", p.AuthURL}, {"token_url", p.TokenURL}} {
			if req.value == "" {
				bad(req.field, "required for type %s", typ)
			}
		}
	}
	if p.DeviceFlow {
		p.DeviceCodeURL = or(c.DeviceCodeURL, d.deviceCodeURL)
		if p.DeviceCodeURL == "" {
			bad("device_code_url", "required when device_flow is on: type %s has no default device code URL", typ)
		}
	}
	if p.RevokeURL != "" {
		p.RevokeStyle = d.revokeStyle
		p.RevokeURL = strings.ReplaceAll(p.RevokeURL, "{client_id}", url.PathEscape(p.ClientID))
	}

	if pattern := or(c.Regex, d.regex); pattern != "" {
		re, err := regexp.Compile(pattern)
		if err != nil {
			bad("regex", "invalid pattern: %v", err)
		}
		p.Regex = re
	}

	cb := *accessURL
	cb.RawQuery, cb.Fragment, cb.RawFragment, cb.ForceQuery = "", "", "", false
	p.RedirectURL = cb.JoinPath("external-auth", id, "callback").String()

	if len(errs) > 0 {
		return nil, errs
	}
	return p, nil
}

// CheckHTTPURL accepts an absolute http or https URL with a host and no user
// name or password. The providers' URLs are checked with it, and so are the
// deployment's own (access URL, update check URL).
func CheckHTTPURL(u *url.URL) error {
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return fmt.Errorf("must be an absolute http or https URL, got %q", u.Redacted())
	}
	if u.User != nil {
		return fmt.Errorf("must not contain a user name or password, got %q", u.Redacted())
	}
	return nil
}

// trimmedItems returns the trimmed, non-empty items of in (nil for none).
func trimmedItems(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
