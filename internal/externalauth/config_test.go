package externalauth

import (
	"errors"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/oauth2"
)

var testAccessURL = &url.URL{Scheme: "https", Host: "coder.example.com"}

func boolTrue() *bool  { b := true; return &b }
func boolFalse() *bool { b := false; return &b }

// entry is a minimal valid-looking entry of type typ, changed by fns.
func entry(typ string, fns ...func(*Config)) Config {
	c := Config{Type: typ, ClientID: "cid", ClientSecret: "csecret"}
	for _, fn := range fns {
		fn(&c)
	}
	return c
}

func mustProviders(t *testing.T, cfgs ...Config) []*Provider {
	t.Helper()
	ps, err := NewProviders(cfgs, testAccessURL)
	if err != nil {
		t.Fatalf("NewProviders: %v", err)
	}
	if len(ps) != len(cfgs) {
		t.Fatalf("%d providers for %d entries", len(ps), len(cfgs))
	}
	return ps
}

// wantProvider is a Provider with the regex as its pattern, for comparison.
type wantProvider struct {
	Provider
	Regex string
}

func checkProvider(t *testing.T, got *Provider, w wantProvider) {
	t.Helper()
	g := wantProvider{Provider: *got}
	g.Provider.Regex = nil
	if got.Regex != nil {
		g.Regex = got.Regex.String()
	}
	if w.ClientID == "" {
		w.ClientID, w.ClientSecret = "cid", "csecret"
	}
	if !reflect.DeepEqual(g, w) {
		gv, wv := reflect.ValueOf(g.Provider), reflect.ValueOf(w.Provider)
		for i := range gv.NumField() {
			if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
				t.Errorf("%s = %#v, want %#v", gv.Type().Field(i).Name, gv.Field(i).Interface(), wv.Field(i).Interface())
			}
		}
		if g.Regex != w.Regex {
			t.Errorf("Regex = %q, want %q", g.Regex, w.Regex)
		}
	}
}

func TestNewProvidersTypeDefaults(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want wantProvider
	}{
		{
			name: "github",
			cfg:  entry("github"),
			want: wantProvider{Provider: Provider{
				ID: "github", Type: TypeGitHub, DisplayName: "GitHub", DisplayIcon: "/icon/github.svg",
				AuthURL:       "https://github.com/login/oauth/authorize",
				TokenURL:      "https://github.com/login/oauth/access_token",
				DeviceCodeURL: "https://github.com/login/device/code",
				ValidateURL:   "https://api.github.com/user",
				RevokeURL:     "https://api.github.com/applications/cid/grant", RevokeStyle: RevokeGitHub,
				AppInstallationsURL: "https://api.github.com/user/installations",
				Scopes:              []string{"repo", "workflow"},
				DeviceFlow:          true, PKCE: true, AuthStyle: oauth2.AuthStyleInParams,
				RedirectURL: "https://coder.example.com/external-auth/github/callback",
			}, Regex: `^(https?://)?github\.com(/.*)?$`},
		},
		{
			name: "gitlab",
			cfg:  entry("gitlab"),
			want: wantProvider{Provider: Provider{
				ID: "gitlab", Type: TypeGitLab, DisplayName: "GitLab", DisplayIcon: "/icon/gitlab.svg",
				AuthURL:     "https://gitlab.com/oauth/authorize",
				TokenURL:    "https://gitlab.com/oauth/token",
				ValidateURL: "https://gitlab.com/api/v4/user",
				RevokeURL:   "https://gitlab.com/oauth/revoke", RevokeStyle: RevokeRFC7009,
				Scopes: []string{"read_user", "write_repository"},
				PKCE:   true, AuthStyle: oauth2.AuthStyleInParams,
				RedirectURL: "https://coder.example.com/external-auth/gitlab/callback",
			}, Regex: `^(https?://)?gitlab\.com(/.*)?$`},
		},
		{
			name: "bitbucket-cloud",
			cfg:  entry("bitbucket-cloud"),
			want: wantProvider{Provider: Provider{
				ID: "bitbucket-cloud", Type: TypeBitbucketCloud, DisplayName: "Bitbucket Cloud", DisplayIcon: "/icon/bitbucket.svg",
				AuthURL:     "https://bitbucket.org/site/oauth2/authorize",
				TokenURL:    "https://bitbucket.org/site/oauth2/access_token",
				ValidateURL: "https://api.bitbucket.org/2.0/user",
				Scopes:      []string{"account", "repository:write"},
				AuthStyle:   oauth2.AuthStyleInHeader,
				RedirectURL: "https://coder.example.com/external-auth/bitbucket-cloud/callback",
			}, Regex: `^(https?://)?bitbucket\.org(/.*)?$`},
		},
		{
			name: "bitbucket alias keeps its id",
			cfg:  entry("bitbucket"),
			want: wantProvider{Provider: Provider{
				ID: "bitbucket", Type: TypeBitbucketCloud, DisplayName: "Bitbucket Cloud", DisplayIcon: "/icon/bitbucket.svg",
				AuthURL:     "https://bitbucket.org/site/oauth2/authorize",
				TokenURL:    "https://bitbucket.org/site/oauth2/access_token",
				ValidateURL: "https://api.bitbucket.org/2.0/user",
				Scopes:      []string{"account", "repository:write"},
				AuthStyle:   oauth2.AuthStyleInHeader,
				RedirectURL: "https://coder.example.com/external-auth/bitbucket/callback",
			}, Regex: `^(https?://)?bitbucket\.org(/.*)?$`},
		},
		{
			name: "bitbucket-server from auth_url",
			cfg: entry("bitbucket-server", func(c *Config) {
				c.AuthURL = "https://bb.example.com/rest/oauth2/latest/authorize"
			}),
			want: wantProvider{Provider: Provider{
				ID: "bitbucket-server", Type: TypeBitbucketServer, DisplayName: "Bitbucket Server", DisplayIcon: "/icon/bitbucket.svg",
				AuthURL:     "https://bb.example.com/rest/oauth2/latest/authorize",
				TokenURL:    "https://bb.example.com/rest/oauth2/latest/token",
				ValidateURL: "https://bb.example.com/rest/api/latest/inbox/pull-requests/count",
				Scopes:      []string{"PUBLIC_REPOS", "REPO_READ", "REPO_WRITE"},
				AuthStyle:   oauth2.AuthStyleInParams,
				RedirectURL: "https://coder.example.com/external-auth/bitbucket-server/callback",
			}, Regex: `^(https?://)?bb\.example\.com(/.*)?$`},
		},
		{
			name: "bitbucket-server from validate_url on a path",
			cfg: entry("bitbucket-server", func(c *Config) {
				c.ValidateURL = "https://corp.example.com/bitbucket/rest/api/latest/inbox/pull-requests/count"
			}),
			want: wantProvider{Provider: Provider{
				ID: "bitbucket-server", Type: TypeBitbucketServer, DisplayName: "Bitbucket Server", DisplayIcon: "/icon/bitbucket.svg",
				AuthURL:     "https://corp.example.com/bitbucket/rest/oauth2/latest/authorize",
				TokenURL:    "https://corp.example.com/bitbucket/rest/oauth2/latest/token",
				ValidateURL: "https://corp.example.com/bitbucket/rest/api/latest/inbox/pull-requests/count",
				Scopes:      []string{"PUBLIC_REPOS", "REPO_READ", "REPO_WRITE"},
				AuthStyle:   oauth2.AuthStyleInParams,
				RedirectURL: "https://coder.example.com/external-auth/bitbucket-server/callback",
			}, Regex: `^(https?://)?corp\.example\.com/bitbucket(/.*)?$`},
		},
		{
			name: "azure-devops",
			cfg:  entry("azure-devops"),
			want: wantProvider{Provider: Provider{
				ID: "azure-devops", Type: TypeAzureDevOps, DisplayName: "Azure DevOps", DisplayIcon: "/icon/azure-devops.svg",
				AuthURL:     "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize",
				TokenURL:    "https://login.microsoftonline.com/organizations/oauth2/v2.0/token",
				Scopes:      []string{"499b84ac-1321-427f-aa17-267ca6975798/.default", "offline_access"},
				PKCE:        true,
				AuthStyle:   oauth2.AuthStyleInParams,
				RedirectURL: "https://coder.example.com/external-auth/azure-devops/callback",
			}, Regex: `^(https?://)?([^/@]+@)?dev\.azure\.com(/.*)?$`},
		},
		{
			name: "azure-devops tenant from auth_url, device flow",
			cfg: entry("azure-devops-entra", func(c *Config) {
				c.AuthURL = "https://login.microsoftonline.com/0a1b2c3d-tenant/oauth2/v2.0/authorize"
				c.DeviceFlow = boolTrue()
			}),
			want: wantProvider{Provider: Provider{
				ID: "azure-devops-entra", Type: TypeAzureDevOps, DisplayName: "Azure DevOps", DisplayIcon: "/icon/azure-devops.svg",
				AuthURL:       "https://login.microsoftonline.com/0a1b2c3d-tenant/oauth2/v2.0/authorize",
				TokenURL:      "https://login.microsoftonline.com/0a1b2c3d-tenant/oauth2/v2.0/token",
				DeviceCodeURL: "https://login.microsoftonline.com/0a1b2c3d-tenant/oauth2/v2.0/devicecode",
				Scopes:        []string{"499b84ac-1321-427f-aa17-267ca6975798/.default", "offline_access"},
				DeviceFlow:    true, PKCE: true,
				AuthStyle:   oauth2.AuthStyleInParams,
				RedirectURL: "https://coder.example.com/external-auth/azure-devops-entra/callback",
			}, Regex: `^(https?://)?([^/@]+@)?dev\.azure\.com(/.*)?$`},
		},
		{
			name: "gitea from auth_url",
			cfg:  entry("gitea", func(c *Config) { c.AuthURL = "https://gitea.example.com/login/oauth/authorize" }),
			want: wantProvider{Provider: Provider{
				ID: "gitea", Type: TypeGitea, DisplayName: "Gitea", DisplayIcon: "/icon/gitea.svg",
				AuthURL:     "https://gitea.example.com/login/oauth/authorize",
				TokenURL:    "https://gitea.example.com/login/oauth/access_token",
				ValidateURL: "https://gitea.example.com/api/v1/user",
				Scopes:      []string{"write:repository", "read:user"},
				PKCE:        true, AuthStyle: oauth2.AuthStyleInParams,
				RedirectURL: "https://coder.example.com/external-auth/gitea/callback",
			}, Regex: `^(https?://)?gitea\.example\.com(/.*)?$`},
		},
		{
			name: "gitea from validate_url, a port, other fields set",
			cfg: entry("gitea", func(c *Config) {
				c.ID, c.ValidateURL = "corp.gitea", "http://git.internal:3000/api/v1/user"
				c.DisplayName, c.DisplayIcon, c.Scopes = "Corp Gitea", "https://git.internal:3000/favicon.png", []string{" read:user ", "", "write:repository"}
				c.NoRefresh, c.ExtraTokenKeys = true, []string{"scope"}
			}),
			want: wantProvider{Provider: Provider{
				ID: "corp.gitea", Type: TypeGitea, DisplayName: "Corp Gitea", DisplayIcon: "https://git.internal:3000/favicon.png",
				AuthURL:     "http://git.internal:3000/login/oauth/authorize",
				TokenURL:    "http://git.internal:3000/login/oauth/access_token",
				ValidateURL: "http://git.internal:3000/api/v1/user",
				Scopes:      []string{"read:user", "write:repository"}, ExtraTokenKeys: []string{"scope"}, NoRefresh: true,
				PKCE: true, AuthStyle: oauth2.AuthStyleInParams,
				RedirectURL: "https://coder.example.com/external-auth/corp.gitea/callback",
			}, Regex: `^(https?://)?git\.internal:3000(/.*)?$`},
		},
		{
			name: "generic",
			cfg: entry("generic", func(c *Config) {
				c.ID, c.AuthURL, c.TokenURL = "sso", "https://sso.example.com/authorize", "https://sso.example.com/token"
				c.ValidateURL, c.RevokeURL = "https://sso.example.com/userinfo", "https://sso.example.com/revoke"
				c.Regex = `^https://code\.example\.com/`
			}),
			want: wantProvider{Provider: Provider{
				ID: "sso", Type: TypeGeneric, DisplayName: "sso", DisplayIcon: "/emojis/1f511.png",
				AuthURL: "https://sso.example.com/authorize", TokenURL: "https://sso.example.com/token",
				ValidateURL: "https://sso.example.com/userinfo",
				RevokeURL:   "https://sso.example.com/revoke", RevokeStyle: RevokeRFC7009,
				PKCE: true, AuthStyle: oauth2.AuthStyleAutoDetect,
				RedirectURL: "https://coder.example.com/external-auth/sso/callback",
			}, Regex: `^https://code\.example\.com/`},
		},
		{
			name: "generic public client with device flow",
			cfg: entry("generic", func(c *Config) {
				c.ClientSecret = ""
				c.AuthURL, c.TokenURL = "https://sso.example.com/authorize", "https://sso.example.com/token"
				c.DeviceFlow, c.DeviceCodeURL = boolTrue(), "https://sso.example.com/device"
			}),
			want: wantProvider{Provider: Provider{
				ID: "generic", Type: TypeGeneric, DisplayName: "generic", DisplayIcon: "/emojis/1f511.png",
				ClientID: "cid",
				AuthURL:  "https://sso.example.com/authorize", TokenURL: "https://sso.example.com/token",
				DeviceCodeURL: "https://sso.example.com/device", DeviceFlow: true,
				PKCE: true, AuthStyle: oauth2.AuthStyleAutoDetect,
				RedirectURL: "https://coder.example.com/external-auth/generic/callback",
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkProvider(t, mustProviders(t, tt.cfg)[0], tt.want)
		})
	}
}

func TestNewProvidersSelfHosted(t *testing.T) {
	gitlab := func(b string) wantProvider {
		return wantProvider{Provider: Provider{
			ID: "gitlab", Type: TypeGitLab, DisplayName: "GitLab", DisplayIcon: "/icon/gitlab.svg",
			AuthURL:     b + "/oauth/authorize",
			TokenURL:    b + "/oauth/token",
			ValidateURL: b + "/api/v4/user",
			RevokeURL:   b + "/oauth/revoke", RevokeStyle: RevokeRFC7009,
			Scopes: []string{"read_user", "write_repository"},
			PKCE:   true, AuthStyle: oauth2.AuthStyleInParams,
			RedirectURL: "https://coder.example.com/external-auth/gitlab/callback",
		}}
	}
	tests := []struct {
		name  string
		set   func(*Config)
		want  string // base URL
		regex string
	}{
		{"auth_url", func(c *Config) { c.AuthURL = "https://git.example.com/oauth/authorize" },
			"https://git.example.com", `^(https?://)?git\.example\.com(/.*)?$`},
		{"token_url only", func(c *Config) { c.TokenURL = "https://git.example.com/oauth/token" },
			"https://git.example.com", `^(https?://)?git\.example\.com(/.*)?$`},
		{"validate_url only", func(c *Config) { c.ValidateURL = "https://git.example.com/api/v4/user" },
			"https://git.example.com", `^(https?://)?git\.example\.com(/.*)?$`},
		{"relative url root", func(c *Config) { c.AuthURL = "https://example.com/gitlab/oauth/authorize" },
			"https://example.com/gitlab", `^(https?://)?example\.com/gitlab(/.*)?$`},
		{"gitlab.com spelt out", func(c *Config) { c.AuthURL = "https://gitlab.com/oauth/authorize" },
			"https://gitlab.com", `^(https?://)?gitlab\.com(/.*)?$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := gitlab(tt.want)
			w.Regex = tt.regex
			checkProvider(t, mustProviders(t, entry("gitlab", tt.set))[0], w)
		})
	}

	t.Run("github enterprise", func(t *testing.T) {
		p := mustProviders(t, entry("github", func(c *Config) {
			c.AuthURL = "https://ghe.example.com/login/oauth/authorize"
			c.ClientID = "Iv1.a b"
		}))[0]
		checkProvider(t, p, wantProvider{Provider: Provider{
			ID: "github", Type: TypeGitHub, DisplayName: "GitHub", DisplayIcon: "/icon/github.svg",
			ClientID: "Iv1.a b", ClientSecret: "csecret",
			AuthURL:       "https://ghe.example.com/login/oauth/authorize",
			TokenURL:      "https://ghe.example.com/login/oauth/access_token",
			DeviceCodeURL: "https://ghe.example.com/login/device/code",
			ValidateURL:   "https://ghe.example.com/api/v3/user",
			// The client id is path-escaped into the revoke URL.
			RevokeURL: "https://ghe.example.com/api/v3/applications/Iv1.a%20b/grant", RevokeStyle: RevokeGitHub,
			AppInstallationsURL: "https://ghe.example.com/api/v3/user/installations",
			Scopes:              []string{"repo", "workflow"},
			DeviceFlow:          true, PKCE: true, AuthStyle: oauth2.AuthStyleInParams,
			RedirectURL: "https://coder.example.com/external-auth/github/callback",
		}, Regex: `^(https?://)?ghe\.example\.com(/.*)?$`})
	})
}

func TestNewProvidersDeviceFlow(t *testing.T) {
	ps := mustProviders(t,
		entry("github", func(c *Config) { c.ID, c.DeviceFlow = "gh-web", boolFalse() }),
		entry("github", func(c *Config) { c.ID, c.ClientSecret = "gh-public", "" }),
		entry("gitlab", func(c *Config) { c.DeviceFlow = boolTrue() }),
		entry("gitlab", func(c *Config) {
			c.ID, c.DeviceFlow, c.DeviceCodeURL = "gitlab-2", boolTrue(), "https://gitlab.com/oauth/custom_device"
		}),
	)
	if ps[0].DeviceFlow || ps[0].DeviceCodeURL != "" {
		t.Errorf("github with device_flow false: DeviceFlow=%v DeviceCodeURL=%q", ps[0].DeviceFlow, ps[0].DeviceCodeURL)
	}
	if !ps[1].DeviceFlow || ps[1].ClientSecret != "" {
		t.Errorf("github public client: DeviceFlow=%v", ps[1].DeviceFlow)
	}
	if !ps[2].DeviceFlow || ps[2].DeviceCodeURL != "https://gitlab.com/oauth/authorize_device" {
		t.Errorf("gitlab device: DeviceFlow=%v DeviceCodeURL=%q", ps[2].DeviceFlow, ps[2].DeviceCodeURL)
	}
	if ps[3].DeviceCodeURL != "https://gitlab.com/oauth/custom_device" {
		t.Errorf("configured device code URL = %q", ps[3].DeviceCodeURL)
	}
}

func TestNewProvidersErrors(t *testing.T) {
	tests := []struct {
		name  string
		cfgs  []Config
		index int
		id    string
		field string
		want  string
	}{
		{name: "no type", cfgs: []Config{{ID: "x", ClientID: "a", ClientSecret: "b"}}, id: "x", field: "type", want: "required, one of github, gitlab, bitbucket-cloud, bitbucket-server, azure-devops, gitea, generic"},
		{name: "unknown type", cfgs: []Config{entry("github"), entry("gihub")}, index: 1, id: "gihub", field: "type", want: `unknown type "gihub"`},
		{name: "bad id charset", cfgs: []Config{entry("github", func(c *Config) { c.ID = "my/github" })}, id: "my/github", field: "id", want: `invalid id "my/github"`},
		{name: "dot dot id", cfgs: []Config{entry("github", func(c *Config) { c.ID = ".." })}, id: "..", field: "id", want: `invalid id ".."`},
		{name: "id too long", cfgs: []Config{entry("github", func(c *Config) { c.ID = strings.Repeat("a", 65) })}, id: strings.Repeat("a", 65), field: "id", want: `invalid id "` + strings.Repeat("a", 65) + `": 1 to 64`},
		{
			name: "duplicate default id", cfgs: []Config{entry("github"), entry("gitlab"), entry("github")},
			index: 2, id: "github", field: "id", want: `duplicate id "github", also the id of provider 0; the id defaults to the type, so give each provider of the same type its own id`,
		},
		{
			name: "duplicate explicit id", cfgs: []Config{
				entry("gitlab", func(c *Config) { c.ID = "git" }),
				entry("github", func(c *Config) { c.ID = "git" }),
			},
			index: 1, id: "git", field: "id", want: `duplicate id "git", also the id of provider 0`,
		},
		{name: "bad regex", cfgs: []Config{entry("gitlab"), entry("gitlab", func(c *Config) { c.ID, c.Regex = "my-gitlab", "(" })}, index: 1, id: "my-gitlab", field: "regex", want: "invalid pattern: error parsing regexp"},
		{name: "missing client id", cfgs: []Config{entry("github", func(c *Config) { c.ClientID = " " })}, id: "github", field: "client_id", want: "required"},
		{name: "missing client secret", cfgs: []Config{entry("gitlab", func(c *Config) { c.ClientSecret = "" })}, id: "gitlab", field: "client_secret", want: "required unless device_flow is on"},
		{name: "github without device flow needs a secret", cfgs: []Config{entry("github", func(c *Config) { c.ClientSecret, c.DeviceFlow = "", boolFalse() })}, id: "github", field: "client_secret", want: "required"},
		{name: "device flow without default", cfgs: []Config{entry("gitea", func(c *Config) {
			c.AuthURL, c.DeviceFlow = "https://gitea.example.com/login/oauth/authorize", boolTrue()
		})}, id: "gitea", field: "device_code_url", want: "required when device_flow is on: type gitea has no default device code URL"},
		{name: "gitea without host", cfgs: []Config{entry("gitea")}, id: "gitea", field: "auth_url", want: "required: type gitea has no public server; set auth_url (or token_url or validate_url)"},
		{name: "bitbucket-server without host", cfgs: []Config{entry("bitbucket-server")}, id: "bitbucket-server", field: "auth_url", want: "required: type bitbucket-server has no public server"},
		{name: "generic without auth url", cfgs: []Config{entry("generic", func(c *Config) { c.TokenURL = "https://sso.example.com/token" })}, id: "generic", field: "auth_url", want: "required for type generic"},
		{name: "generic without token url", cfgs: []Config{entry("generic", func(c *Config) { c.AuthURL = "https://sso.example.com/auth" })}, id: "generic", field: "token_url", want: "required for type generic"},
		{name: "azure auth url of an unknown shape", cfgs: []Config{entry("azure-devops", func(c *Config) { c.AuthURL = "https://login.example.com/login" })}, id: "azure-devops", field: "token_url", want: "required for type azure-devops"},
		{name: "relative url", cfgs: []Config{entry("gitlab", func(c *Config) { c.AuthURL = "gitlab.example.com/oauth/authorize" })}, id: "gitlab", field: "auth_url", want: `must be an absolute http or https URL, got "gitlab.example.com/oauth/authorize"`},
		{name: "ftp url", cfgs: []Config{entry("github", func(c *Config) { c.ValidateURL = "ftp://api.github.com/user" })}, id: "github", field: "validate_url", want: "must be an absolute http or https URL"},
		{name: "unparsable url", cfgs: []Config{entry("github", func(c *Config) { c.AppInstallURL = "https://[::1" })}, id: "github", field: "app_install_url", want: "not a valid URL"},
		{name: "url with password", cfgs: []Config{entry("generic", func(c *Config) {
			c.AuthURL, c.TokenURL = "https://sso.example.com/auth", "https://u:hunter2@sso.example.com/token"
		})}, id: "generic", field: "token_url", want: "must not contain a user name or password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := NewProviders(tt.cfgs, testAccessURL)
			if err == nil {
				t.Fatalf("NewProviders succeeded with %d providers", len(ps))
			}
			if ps != nil {
				t.Errorf("providers returned with an error")
			}
			prefix := "external auth provider " + strconv.Itoa(tt.index) + " (\"" + tt.id + "\"): " + tt.field + ": "
			if !strings.Contains(err.Error(), prefix+tt.want) {
				t.Errorf("error:\n%v\nwant it to contain:\n%s", err, prefix+tt.want)
			}
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Field != tt.field || ce.Index != tt.index || ce.ID != tt.id {
				t.Errorf("ConfigError = %+v", ce)
			}
			if strings.Contains(err.Error(), "csecret") || strings.Contains(err.Error(), "hunter2") {
				t.Errorf("a secret leaked into the error: %v", err)
			}
		})
	}
}

func TestNewProvidersReportsEveryProblem(t *testing.T) {
	_, err := NewProviders([]Config{
		{Type: "gitlab", Regex: "("},
		{Type: "nope"},
	}, testAccessURL)
	for _, want := range []string{
		`external auth provider 0 ("gitlab"): client_id: required`,
		`external auth provider 0 ("gitlab"): client_secret: required`,
		`external auth provider 0 ("gitlab"): regex: invalid pattern`,
		`external auth provider 1 ("nope"): type: unknown type "nope"`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v\nlacks %q", err, want)
		}
	}
}

func TestNewProvidersEmptyAndAccessURL(t *testing.T) {
	ps, err := NewProviders(nil, testAccessURL)
	if err != nil || len(ps) != 0 {
		t.Fatalf("no entries: %v, %v", ps, err)
	}
	if _, err := NewProviders(nil, nil); err == nil {
		t.Fatal("nil access URL accepted")
	}
	base, _ := url.Parse("https://coder.example.com/base/?x=1#f")
	ps, err = NewProviders([]Config{entry("github")}, base)
	if err != nil {
		t.Fatal(err)
	}
	if got := ps[0].RedirectURL; got != "https://coder.example.com/base/external-auth/github/callback" {
		t.Errorf("RedirectURL = %q", got)
	}
	if base.String() != "https://coder.example.com/base/?x=1#f" {
		t.Errorf("access URL modified: %s", base)
	}
}

func TestDefaultRegexMatchesCloneURLs(t *testing.T) {
	ps := mustProviders(t,
		entry("github"), entry("gitlab"), entry("bitbucket-cloud"), entry("azure-devops"),
		entry("gitea", func(c *Config) { c.AuthURL = "https://gitea.example.com/login/oauth/authorize" }),
		entry("gitlab", func(c *Config) {
			c.ID, c.AuthURL = "corp-gitlab", "https://git.corp.example.com:8443/oauth/authorize"
		}),
	)
	byID := map[string]*Provider{}
	for _, p := range ps {
		byID[p.ID] = p
	}
	tests := []struct {
		id    string
		url   string
		match bool
	}{
		{"github", "https://github.com/org/repo.git", true},
		{"github", "http://github.com/org/repo", true},
		{"github", "github.com/org/repo", true},
		{"github", "https://github.com", true},
		{"github", "git@github.com:org/repo.git", false}, // not http: no match is fine
		{"github", "https://github.com.evil.example/org/repo.git", false},
		{"github", "https://gitlab.com/org/repo.git", false},
		{"gitlab", "https://gitlab.com/group/sub/repo.git", true},
		{"gitlab", "https://gitlab.example.com/group/repo.git", false},
		{"bitbucket-cloud", "https://bitbucket.org/team/repo.git", true},
		{"azure-devops", "https://dev.azure.com/org/project/_git/repo", true},
		{"azure-devops", "https://org@dev.azure.com/org/project/_git/repo", true},
		{"gitea", "https://gitea.example.com/owner/repo.git", true},
		{"gitea", "https://gitea.example.community/owner/repo.git", false},
		{"corp-gitlab", "https://git.corp.example.com:8443/group/repo.git", true},
		{"corp-gitlab", "https://git.corp.example.com/group/repo.git", false},
	}
	for _, tt := range tests {
		if got := byID[tt.id].Regex.MatchString(tt.url); got != tt.match {
			t.Errorf("%s regex %q on %q: %v, want %v", tt.id, byID[tt.id].Regex, tt.url, got, tt.match)
		}
	}
}

func TestGitUsernamePassword(t *testing.T) {
	tests := []struct{ typ, user, pass string }{
		{TypeGitLab, "oauth2", "tok"},
		{TypeBitbucketCloud, "x-token-auth", "tok"},
		{TypeBitbucketServer, "x-token-auth", "tok"},
		{TypeGitHub, "tok", ""},
		{TypeAzureDevOps, "tok", ""},
		{TypeGitea, "tok", ""},
		{TypeGeneric, "tok", ""},
	}
	for _, tt := range tests {
		user, pass := (&Provider{Type: tt.typ}).GitUsernamePassword("tok")
		if user != tt.user || pass != tt.pass {
			t.Errorf("%s: %q/%q, want %q/%q", tt.typ, user, pass, tt.user, tt.pass)
		}
	}
	// Through NewProviders, an alias maps like its canonical type.
	p := mustProviders(t, entry("bitbucket"))[0]
	if user, pass := p.GitUsernamePassword("tok"); user != "x-token-auth" || pass != "tok" {
		t.Errorf("bitbucket alias: %q/%q", user, pass)
	}
}
