package deployment

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// writeConfig writes a YAML file in a temporary directory and returns its path.
func writeConfig(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func optionByFlag(t *testing.T, opts []*Option, flag string) *Option {
	t.Helper()
	for _, o := range opts {
		if o.Flag == flag {
			return o
		}
	}
	t.Fatalf("no option --%s", flag)
	return nil
}

func mustLoad(t *testing.T, args, environ []string) (*Values, []*Option) {
	t.Helper()
	v, opts, err := Load(args, environ)
	if err != nil {
		t.Fatalf("Load(%q, %q): %v", args, environ, err)
	}
	return v, opts
}

func TestLoadDefaults(t *testing.T) {
	v, opts := mustLoad(t, nil, nil)
	want := Values{
		HTTPAddress:                 "127.0.0.1:3000",
		HTTPRequestTimeout:          time.Minute,
		HTTPMaxBodyBytes:            1 << 20,
		DataDir:                     DefaultDataDir(),
		StrictTransportSecurity:     0,
		LoginRateLimit:              10,
		SessionDuration:             24 * time.Hour,
		DefaultTokenLifetime:        168 * time.Hour,
		MaxTokenLifetime:            720 * time.Hour,
		LogHuman:                    "/dev/stderr",
		SwaggerEnable:               true,
		MetricsCacheRefreshInterval: time.Hour,
		SSHHostnamePrefix:           "gitauthd.",
	}
	check := func(name string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("HTTPAddress", v.HTTPAddress, want.HTTPAddress)
	check("HTTPRequestTimeout", v.HTTPRequestTimeout, want.HTTPRequestTimeout)
	check("HTTPMaxBodyBytes", v.HTTPMaxBodyBytes, want.HTTPMaxBodyBytes)
	check("DataDir", v.DataDir, want.DataDir)
	check("InMemory", v.InMemory, false)
	check("PostgresURL", v.PostgresURL, "")
	check("LoginRateLimit", v.LoginRateLimit, want.LoginRateLimit)
	check("RateLimitAPI", v.RateLimitAPI, int64(512))
	check("RateLimitDisableAll", v.RateLimitDisableAll, false)
	check("ProxyTrustedHeaders", len(v.ProxyTrustedHeaders), 0)
	check("ProxyTrustedOrigins", len(v.ProxyTrustedOrigins), 0)
	check("PrometheusEnable", v.PrometheusEnable, false)
	check("PrometheusAddress", v.PrometheusAddress, "127.0.0.1:2112")
	check("PprofEnable", v.PprofEnable, false)
	check("PprofAddress", v.PprofAddress, "127.0.0.1:6060")
	check("SessionDuration", v.SessionDuration, want.SessionDuration)
	check("DefaultTokenLifetime", v.DefaultTokenLifetime, want.DefaultTokenLifetime)
	check("MaxTokenLifetime", v.MaxTokenLifetime, want.MaxTokenLifetime)
	check("LogHuman", v.LogHuman, want.LogHuman)
	check("LogJSON", v.LogJSON, "")
	check("SwaggerEnable", v.SwaggerEnable, true)
	check("UpdateCheck", v.UpdateCheck, false)
	check("MetricsCacheRefreshInterval", v.MetricsCacheRefreshInterval, want.MetricsCacheRefreshInterval)
	check("SSHHostnamePrefix", v.SSHHostnamePrefix, want.SSHHostnamePrefix)
	check("AccessURL", v.AccessURL().String(), "http://127.0.0.1:3000")
	check("ExperimentsEmpty", len(v.Experiments), 0)
	for _, o := range opts {
		if o.ValueSource != SourceDefault {
			t.Errorf("--%s: ValueSource = %q, want default", o.Flag, o.ValueSource)
		}
		if got := o.Value.String(); got != o.Default {
			t.Errorf("--%s: value %q, want default %q", o.Flag, got, o.Default)
		}
	}
	if !filepath.IsAbs(v.DataDir) && v.DataDir != ".gitauthd" {
		t.Errorf("DataDir %q is neither absolute nor the working-directory fallback", v.DataDir)
	}
}

func TestLoadPrecedence(t *testing.T) {
	yaml := "http_address: 127.0.0.1:1001\nmax_token_lifetime: 1001h\nverbose: false\nexperiments: []\n"
	tests := []struct {
		name       string
		yaml       bool
		env        []string
		args       []string
		wantAddr   string
		wantAddrSr ValueSource
		wantMax    time.Duration
		wantMaxSrc ValueSource
	}{
		{name: "default", wantAddr: "127.0.0.1:3000", wantAddrSr: SourceDefault, wantMax: 720 * time.Hour, wantMaxSrc: SourceDefault},
		{name: "yaml beats default", yaml: true, wantAddr: "127.0.0.1:1001", wantAddrSr: SourceYAML, wantMax: 1001 * time.Hour, wantMaxSrc: SourceYAML},
		{
			name: "env beats yaml", yaml: true,
			env:      []string{"GITAUTHD_HTTP_ADDRESS=127.0.0.1:2002"},
			wantAddr: "127.0.0.1:2002", wantAddrSr: SourceEnv, wantMax: 1001 * time.Hour, wantMaxSrc: SourceYAML,
		},
		{
			name: "flag beats env and yaml", yaml: true,
			env:      []string{"GITAUTHD_HTTP_ADDRESS=127.0.0.1:2002", "GITAUTHD_MAX_TOKEN_LIFETIME=2002h"},
			args:     []string{"--http-address", "127.0.0.1:3003"},
			wantAddr: "127.0.0.1:3003", wantAddrSr: SourceFlag, wantMax: 2002 * time.Hour, wantMaxSrc: SourceEnv,
		},
		{
			name:     "flag beats default",
			args:     []string{"-http-address=127.0.0.1:3003", "--max-token-lifetime=3003h"},
			wantAddr: "127.0.0.1:3003", wantAddrSr: SourceFlag, wantMax: 3003 * time.Hour, wantMaxSrc: SourceFlag,
		},
		{
			name:     "env beats default",
			env:      []string{"GITAUTHD_MAX_TOKEN_LIFETIME=2002h", "PATH=x", "OTHER_HTTP_ADDRESS=1"},
			wantAddr: "127.0.0.1:3000", wantAddrSr: SourceDefault, wantMax: 2002 * time.Hour, wantMaxSrc: SourceEnv,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string(nil), tt.args...)
			if tt.yaml {
				args = append(args, "--config", writeConfig(t, yaml))
			}
			v, opts := mustLoad(t, args, tt.env)
			if v.HTTPAddress != tt.wantAddr {
				t.Errorf("HTTPAddress = %q, want %q", v.HTTPAddress, tt.wantAddr)
			}
			if got := optionByFlag(t, opts, "http-address").ValueSource; got != tt.wantAddrSr {
				t.Errorf("http-address source = %q, want %q", got, tt.wantAddrSr)
			}
			if v.MaxTokenLifetime != tt.wantMax {
				t.Errorf("MaxTokenLifetime = %v, want %v", v.MaxTokenLifetime, tt.wantMax)
			}
			if got := optionByFlag(t, opts, "max-token-lifetime").ValueSource; got != tt.wantMaxSrc {
				t.Errorf("max-token-lifetime source = %q, want %q", got, tt.wantMaxSrc)
			}
			wantCfg := SourceDefault
			if tt.yaml {
				wantCfg = SourceFlag
				if got := optionByFlag(t, opts, "verbose").ValueSource; got != SourceYAML {
					t.Errorf("verbose source = %q, want yaml (set to its default value in the file)", got)
				}
			}
			if got := optionByFlag(t, opts, "config").ValueSource; got != wantCfg {
				t.Errorf("config source = %q, want %q", got, wantCfg)
			}
		})
	}
}

func TestLoadConfigFileFromEnvAndFlag(t *testing.T) {
	fromEnv := writeConfig(t, "log_json: env-file.json\n")
	fromFlag := writeConfig(t, "log_json: flag-file.json\n")

	v, opts := mustLoad(t, nil, []string{"GITAUTHD_CONFIG=" + fromEnv})
	if v.LogJSON != "env-file.json" || v.ConfigPath != fromEnv {
		t.Fatalf("env config: LogJSON=%q ConfigPath=%q", v.LogJSON, v.ConfigPath)
	}
	if got := optionByFlag(t, opts, "config").ValueSource; got != SourceEnv {
		t.Errorf("config source = %q, want env", got)
	}

	v, _ = mustLoad(t, []string{"--config", fromFlag}, []string{"GITAUTHD_CONFIG=" + fromEnv})
	if v.LogJSON != "flag-file.json" || v.ConfigPath != fromFlag {
		t.Fatalf("flag config: LogJSON=%q ConfigPath=%q", v.LogJSON, v.ConfigPath)
	}
}

func TestLoadEveryOptionFromEverySource(t *testing.T) {
	// One value per option, in canonical String() form, that differs from
	// its default and passes validation; every option must be settable from
	// flag, env and YAML.
	vals := map[string]string{
		"experiments":                       "*",
		"http-address":                      "0.0.0.0:8080",
		"access-url":                        "https://auth.example.com",
		"http-request-timeout":              "30s",
		"http-max-body-bytes":               "2048",
		"data-dir":                          "data",
		"in-memory":                         "true",
		"postgres-url":                      "postgres://gitauthd@db.example.com:5432/gitauthd?sslmode=require",
		"secure-auth-cookie":                "true",
		"strict-transport-security":         "3600",
		"strict-transport-security-options": "preload",
		"login-rate-limit":                  "5",
		"rate-limit-api":                    "100",
		"rate-limit-disable-all":            "true",
		"proxy-trusted-headers":             "X-Forwarded-For,X-Real-IP",
		"proxy-trusted-origins":             "10.0.0.0/8,192.168.1.7",
		"prometheus-enable":                 "true",
		"prometheus-address":                "0.0.0.0:9100",
		"pprof-enable":                      "true",
		"pprof-address":                     "127.0.0.1:0",
		"session-duration":                  "2h0m0s",
		"disable-session-expiry-refresh":    "true",
		"default-token-lifetime":            "1h0m0s",
		"max-token-lifetime":                "2h0m0s",
		"audit-enable":                      "false",
		"audit-retention":                   "720h0m0s",
		"audit-log-file":                    "audit.jsonl",
		"log-human":                         "",
		"log-json":                          "gitauthd.json",
		"verbose":                           "true",
		"log-requests":                      "true",
		"swagger-enable":                    "false",
		"update-check":                      "true",
		"update-check-url":                  "https://releases.example.com/latest",
		"metrics-cache-refresh-interval":    "5m0s",
		"ssh-hostname-prefix":               "auth.",
		"ssh-config-options":                "ForwardAgent=yes",
		"external-token-encryption-keys":    testKey1 + "," + testKey2,
		"oidc-issuer-url":                   "https://idp.example.com",
		"oidc-client-id":                    "gitauthd",
		"oidc-client-secret":                "oidc-secret",
		"oidc-scopes":                       "openid,email",
		"oidc-email-domain":                 "example.com",
		"oidc-allow-signups":                "false",
		"oidc-username-field":               "login",
		"oidc-email-field":                  "mail",
		"oidc-name-field":                   "display_name",
		"oidc-ignore-email-verified":        "true",
		"oidc-ignore-userinfo":              "true",
		"oidc-sign-in-text":                 "Company SSO",
		"oidc-icon-url":                     "https://idp.example.com/icon.svg",
		"oidc-user-role-field":              "groups",
		"oidc-user-role-mapping":            `{"admins":["owner","auditor"]}`,
		"oidc-user-roles-default":           "auditor",
		"oidc-auth-url-params":              `{"prompt":"login"}`,
		"oauth2-github-client-id":           "Iv1.gitauthd",
		"oauth2-github-client-secret":       "github-secret",
		"oauth2-github-allowed-orgs":        "acme,widgets",
		"oauth2-github-allowed-teams":       "acme/platform",
		"oauth2-github-allow-signups":       "true",
		"oauth2-github-allow-everyone":      "true",
		"oauth2-github-enterprise-base-url": "https://github.example.com",
		"oauth2-github-device-flow":         "true",
	}
	_, table := mustLoad(t, nil, nil)
	for _, o := range table {
		if o.Flag == "config" || o.Flag == "" { // no flag: see TestLoadExternalAuth
			continue
		}
		if _, ok := vals[o.Flag]; !ok {
			t.Fatalf("test has no value for --%s", o.Flag)
		}
	}
	for _, src := range []ValueSource{SourceFlag, SourceEnv, SourceYAML} {
		t.Run(string(src), func(t *testing.T) {
			var args, env []string
			var yaml strings.Builder
			for _, o := range table {
				s, ok := vals[o.Flag]
				if !ok {
					continue
				}
				switch src {
				case SourceFlag:
					args = append(args, "--"+o.Flag+"="+s)
				case SourceEnv:
					env = append(env, o.Env+"="+s)
				case SourceYAML:
					yaml.WriteString(o.YAML + ": " + strconv.Quote(s) + "\n")
				}
			}
			if src == SourceYAML {
				args = []string{"--config", writeConfig(t, yaml.String())}
			}
			v, opts := mustLoad(t, args, env)
			for _, o := range opts {
				s, ok := vals[o.Flag]
				if !ok {
					continue
				}
				if o.ValueSource != src {
					t.Errorf("--%s: source %q, want %q", o.Flag, o.ValueSource, src)
				}
				if got := o.Value.String(); got != s {
					t.Errorf("--%s = %q, want %q", o.Flag, got, s)
				}
			}
			if v.AccessURL().String() != "https://auth.example.com" || !v.InMemory || v.MaxTokenLifetime != 2*time.Hour {
				t.Errorf("fields not set: %+v", v)
			}
		})
	}
}

// The JSON options take a YAML mapping too, and refuse what is not their
// shape.
func TestLoadJSONOptions(t *testing.T) {
	cfg := writeConfig(t, "oidc_user_role_mapping:\n  admins: [owner]\n  auditors:\n    - auditor\noidc_auth_url_params:\n  prompt: login\n")
	v, _ := mustLoad(t, []string{"--config", cfg}, nil)
	if got := fmt.Sprint(v.OIDC.UserRoleMapping); got != "map[admins:[owner] auditors:[auditor]]" {
		t.Errorf("role mapping %s", got)
	}
	if v.OIDC.AuthURLParams["prompt"] != "login" {
		t.Errorf("auth url params %v", v.OIDC.AuthURLParams)
	}
	for _, bad := range []string{`["owner"]`, `{"admins":"owner"}`, `{`} {
		if _, _, err := Load([]string{"--oidc-user-role-mapping", bad}, nil); err == nil {
			t.Errorf("--oidc-user-role-mapping %s accepted", bad)
		}
	}
	if _, _, err := Load(nil, []string{"GITAUTHD_OIDC_AUTH_URL_PARAMS={\"n\":1}"}); err == nil {
		t.Error("a number as an auth URL parameter accepted")
	}
}

func TestLoadStringArrays(t *testing.T) {
	cfg := writeConfig(t, "ssh_config_options:\n  - ForwardAgent yes\n  - StrictHostKeyChecking=no\nstrict_transport_security_options: includesubdomains, PRELOAD\n")
	v, _ := mustLoad(t, []string{"--config", cfg}, nil)
	if got := strings.Join(v.SSHConfigOptions, "|"); got != "ForwardAgent yes|StrictHostKeyChecking=no" {
		t.Errorf("SSHConfigOptions = %q", got)
	}
	// Canonical spelling after validation.
	if got := strings.Join(v.StrictTransportSecurityOptions, "|"); got != "includeSubDomains|preload" {
		t.Errorf("StrictTransportSecurityOptions = %q", got)
	}

	// A repeated flag appends; the flag list replaces the env list.
	v, _ = mustLoad(t,
		[]string{"--ssh-config-options", "A=1,B=2", "--ssh-config-options", "C 3"},
		[]string{"GITAUTHD_SSH_CONFIG_OPTIONS=Z=9"})
	if got := strings.Join(v.SSHConfigOptions, "|"); got != "A=1|B=2|C 3" {
		t.Errorf("SSHConfigOptions = %q", got)
	}
	m := v.SSHConfigOptionsMap()
	if len(m) != 3 || m["A"] != "1" || m["C"] != "3" {
		t.Errorf("SSHConfigOptionsMap = %v", m)
	}

	// An empty env var clears a list set in YAML.
	v, _ = mustLoad(t, []string{"--config", cfg}, []string{"GITAUTHD_SSH_CONFIG_OPTIONS="})
	if len(v.SSHConfigOptions) != 0 {
		t.Errorf("SSHConfigOptions = %q, want empty", v.SSHConfigOptions)
	}
}

func TestLoadBoolFlags(t *testing.T) {
	v, _ := mustLoad(t, []string{"--in-memory", "--swagger-enable=false", "-verbose"}, nil)
	if !v.InMemory || v.SwaggerEnable || !v.Verbose {
		t.Fatalf("InMemory=%v SwaggerEnable=%v Verbose=%v", v.InMemory, v.SwaggerEnable, v.Verbose)
	}
}

func TestLoadEmptyConfigFile(t *testing.T) {
	for _, content := range []string{"", "# nothing\n", "~\n", "---\n"} {
		if _, _, err := Load([]string{"--config", writeConfig(t, content)}, nil); err != nil {
			t.Errorf("%q: %v", content, err)
		}
	}
}

func TestLoadHelp(t *testing.T) {
	for _, arg := range []string{"--help", "-h", "-help"} {
		_, _, err := Load([]string{arg}, nil)
		if !errors.Is(err, ErrHelp) {
			t.Errorf("%s: err = %v, want ErrHelp", arg, err)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     []string
		yaml    string // written and passed with --config when non-empty
		want    []string
		wantSrc ValueSource
	}{
		{name: "bad flag duration", args: []string{"--max-token-lifetime", "x"}, want: []string{`--max-token-lifetime: invalid duration "x"`}, wantSrc: SourceFlag},
		{name: "bad env bool", env: []string{"GITAUTHD_VERBOSE=maybe"}, want: []string{`GITAUTHD_VERBOSE: invalid boolean "maybe"`}, wantSrc: SourceEnv},
		{name: "bad env int", env: []string{"GITAUTHD_LOGIN_RATE_LIMIT=ten"}, want: []string{`GITAUTHD_LOGIN_RATE_LIMIT: invalid integer "ten"`}, wantSrc: SourceEnv},
		{name: "bad yaml value", yaml: "session_duration: forever\n", want: []string{`config.yaml: session_duration: invalid duration "forever" (line 1)`}, wantSrc: SourceYAML},
		{name: "unknown yaml key", yaml: "verbose: true\nhtp_address: 127.0.0.1:1\n", want: []string{`config.yaml: unknown key "htp_address" (line 2; did you mean "http_address"?)`}, wantSrc: SourceYAML},
		{name: "external auth unknown yaml key", yaml: "external_auth:\n  - type: github\n  - type: gitlab\n    client_idd: x\n", want: []string{`config.yaml: external_auth[1]: unknown key "client_idd" (line 4; did you mean "client_id"?)`}, wantSrc: SourceYAML},
		{name: "external auth yaml not a list", yaml: "external_auth: github\n", want: []string{`config.yaml: external_auth: expected a list of providers (line 1)`}, wantSrc: SourceYAML},
		{name: "external auth yaml entry not a mapping", yaml: "external_auth:\n  - github\n", want: []string{`config.yaml: external_auth[0]: expected a mapping of provider fields (line 2)`}, wantSrc: SourceYAML},
		{name: "external auth yaml bad bool", yaml: "external_auth:\n  - type: github\n    no_refresh: maybe\n", want: []string{`config.yaml: external_auth[0].no_refresh: invalid boolean "maybe" (line 3)`}, wantSrc: SourceYAML},
		{name: "external auth yaml list for string", yaml: "external_auth:\n  - type: [github]\n", want: []string{`config.yaml: external_auth[0].type: expected a single value, got a list (line 2)`}, wantSrc: SourceYAML},
		{name: "external auth yaml mapping for list", yaml: "external_auth:\n  - scopes: {a: b}\n", want: []string{`config.yaml: external_auth[0].scopes: expected a single value, got a mapping (line 2)`}, wantSrc: SourceYAML},
		{name: "external auth yaml duplicate key", yaml: "external_auth:\n  - id: a\n    id: b\n", want: []string{`config.yaml: external_auth[0]: duplicate key "id" (line 3)`}, wantSrc: SourceYAML},
		{name: "external auth unknown env field", env: []string{"GITAUTHD_EXTERNAL_AUTH_0_CLIENTID=x"}, want: []string{`GITAUTHD_EXTERNAL_AUTH_0_CLIENTID: unknown external auth field "CLIENTID"; did you mean "CLIENT_ID"?`}, wantSrc: SourceEnv},
		{name: "external auth env without index", env: []string{"GITAUTHD_EXTERNAL_AUTH_CONFIGS=x"}, want: []string{`GITAUTHD_EXTERNAL_AUTH_CONFIGS: not an external auth variable, want GITAUTHD_EXTERNAL_AUTH_<n>_<FIELD>`}, wantSrc: SourceEnv},
		{name: "external auth env leading zero", env: []string{"GITAUTHD_EXTERNAL_AUTH_01_ID=x"}, want: []string{`GITAUTHD_EXTERNAL_AUTH_01_ID: not an external auth variable`}, wantSrc: SourceEnv},
		{name: "external auth env negative", env: []string{"GITAUTHD_EXTERNAL_AUTH_-1_ID=x"}, want: []string{`GITAUTHD_EXTERNAL_AUTH_-1_ID: not an external auth variable`}, wantSrc: SourceEnv},
		{name: "external auth env no field", env: []string{"GITAUTHD_EXTERNAL_AUTH_0=x"}, want: []string{`GITAUTHD_EXTERNAL_AUTH_0: not an external auth variable`}, wantSrc: SourceEnv},
		{name: "external auth env bad bool", env: []string{"GITAUTHD_EXTERNAL_AUTH_2_DEVICE_FLOW=sometimes"}, want: []string{`GITAUTHD_EXTERNAL_AUTH_2_DEVICE_FLOW: invalid boolean "sometimes"`}, wantSrc: SourceEnv},
		{name: "encryption key not base64", env: []string{"GITAUTHD_EXTERNAL_TOKEN_ENCRYPTION_KEYS=" + testKey1 + ",not*base64"}, want: []string{`GITAUTHD_EXTERNAL_TOKEN_ENCRYPTION_KEYS: key 1 is not valid standard base64`}, wantSrc: SourceEnv},
		{name: "encryption key too short", args: []string{"--external-token-encryption-keys=" + testShortKey}, want: []string{`--external-token-encryption-keys: key 0 must decode to 32 bytes, got 16`}, wantSrc: SourceFlag},
		{name: "encryption key repeated", yaml: "external_token_encryption_keys: [" + testKey1 + ", " + testKey2 + ", " + testKey1 + "]\n", want: []string{`config.yaml: external_token_encryption_keys: key 2 repeats key 0`}, wantSrc: SourceYAML},
		{name: "config key in file", yaml: "config: other.yaml\n", want: []string{`config.yaml: key "config" cannot be set inside the configuration file`}, wantSrc: SourceYAML},
		{name: "duplicate yaml key", yaml: "verbose: true\nverbose: false\n", want: []string{`config.yaml: duplicate key "verbose" (line 2)`}, wantSrc: SourceYAML},
		{name: "yaml not a mapping", yaml: "- a\n- b\n", want: []string{`config.yaml: expected a mapping`}, wantSrc: SourceYAML},
		{name: "yaml list for scalar", yaml: "http_address: [a, b]\n", want: []string{`config.yaml: http_address: expected a single value, got a list (line 1)`}, wantSrc: SourceYAML},
		{name: "yaml mapping for list", yaml: "experiments: {a: b}\n", want: []string{`config.yaml: experiments: expected a single value, got a mapping`}, wantSrc: SourceYAML},
		{name: "yaml syntax", yaml: "verbose: [\n", want: []string{`config.yaml: yaml:`}, wantSrc: SourceYAML},
		{name: "unknown env", env: []string{"GITAUTHD_HTTP_ADRESS=x"}, want: []string{`GITAUTHD_HTTP_ADRESS: unknown environment variable`, `did you mean "GITAUTHD_HTTP_ADDRESS"?`}, wantSrc: SourceEnv},
		{name: "unknown flag", args: []string{"--http-adress=x"}, want: []string{`--http-adress: unknown flag; did you mean "http-address"?`}, wantSrc: SourceFlag},
		{name: "missing flag value", args: []string{"--http-address"}, want: []string{`--http-address: missing value`}, wantSrc: SourceFlag},
		{name: "positional argument", args: []string{"serve"}, want: []string{`unexpected argument "serve"`}},
		{name: "missing config file", args: []string{"--config", "does-not-exist.yaml"}, want: []string{`--config: open does-not-exist.yaml`}, wantSrc: SourceFlag},
		{name: "missing config file from env", env: []string{"GITAUTHD_CONFIG=does-not-exist.yaml"}, want: []string{`GITAUTHD_CONFIG: open does-not-exist.yaml`}, wantSrc: SourceEnv},
		{name: "several errors at once", args: []string{"--verbose=x"}, env: []string{"GITAUTHD_NOPE=1"}, want: []string{`--verbose: invalid boolean "x"`, `GITAUTHD_NOPE: unknown environment variable`}},

		// Validation, naming the option by where its value came from.
		{name: "bad http address", args: []string{"--http-address", "nope"}, want: []string{`--http-address: invalid host:port "nope"`}, wantSrc: SourceFlag},
		{name: "relative access url", env: []string{"GITAUTHD_ACCESS_URL=auth.example.com"}, want: []string{`GITAUTHD_ACCESS_URL: must be an absolute http or https URL`}, wantSrc: SourceEnv},
		{name: "ftp access url", yaml: "access_url: ftp://example.com\n", want: []string{`config.yaml: access_url: must be an absolute http or https URL`}, wantSrc: SourceYAML},
		{name: "access url with password", args: []string{"--access-url=https://u:secret@example.com"}, want: []string{`--access-url: must not contain a user name or password`}, wantSrc: SourceFlag},
		{name: "bad update check url", args: []string{"--update-check-url=/latest"}, want: []string{`--update-check-url: must be an absolute http or https URL`}, wantSrc: SourceFlag},
		{name: "zero duration", args: []string{"--session-duration=0s"}, want: []string{`--session-duration: must be a positive duration, got 0s`}, wantSrc: SourceFlag},
		{name: "negative timeout", env: []string{"GITAUTHD_HTTP_REQUEST_TIMEOUT=-1s"}, want: []string{`GITAUTHD_HTTP_REQUEST_TIMEOUT: must be a positive duration`}, wantSrc: SourceEnv},
		{name: "zero stats interval", args: []string{"--metrics-cache-refresh-interval=0s"}, want: []string{`--metrics-cache-refresh-interval: must be a positive duration`}, wantSrc: SourceFlag},
		{name: "max below configured default token lifetime", args: []string{"--max-token-lifetime=24h", "--default-token-lifetime=48h"}, want: []string{`--max-token-lifetime: must be at least --default-token-lifetime (48h0m0s), got 24h0m0s`}, wantSrc: SourceFlag},
		{name: "default above max from default", args: []string{"--default-token-lifetime=1000h"}, want: []string{`--max-token-lifetime: must be at least --default-token-lifetime (1000h0m0s), got 720h0m0s`}, wantSrc: SourceDefault},
		{name: "zero body limit", args: []string{"--http-max-body-bytes=0"}, want: []string{`--http-max-body-bytes: must be a positive number of bytes`}, wantSrc: SourceFlag},
		{name: "zero login rate", args: []string{"--login-rate-limit=0"}, want: []string{`--login-rate-limit: must be a positive number`}, wantSrc: SourceFlag},
		{name: "bad prometheus address", args: []string{"--prometheus-address=localhost"}, want: []string{`--prometheus-address: invalid host:port "localhost"`}, wantSrc: SourceFlag},
		{name: "bad pprof address", env: []string{"GITAUTHD_PPROF_ADDRESS=:99999"}, want: []string{`GITAUTHD_PPROF_ADDRESS: invalid host:port ":99999"`}, wantSrc: SourceEnv},
		{name: "bad proxy origin", args: []string{"--proxy-trusted-origins=10.0.0.0/33"}, want: []string{`--proxy-trusted-origins: invalid CIDR "10.0.0.0/33"`}, wantSrc: SourceFlag},
		{name: "proxy origin not an address", args: []string{"--proxy-trusted-origins=proxy.internal"}, want: []string{`--proxy-trusted-origins: invalid address "proxy.internal"`}, wantSrc: SourceFlag},
		{name: "bad proxy header", yaml: "proxy_trusted_headers: [\"X Forwarded For\"]\n", want: []string{`config.yaml: proxy_trusted_headers: invalid header name "X Forwarded For"`}, wantSrc: SourceYAML},
		{name: "negative sts", args: []string{"--strict-transport-security=-1"}, want: []string{`--strict-transport-security: must be a number of seconds, 0 or more`}, wantSrc: SourceFlag},
		{name: "bad sts option", args: []string{"--strict-transport-security-options=includeSubDomains,nosniff"}, want: []string{`--strict-transport-security-options: invalid directive "nosniff", allowed: includeSubDomains, preload`}, wantSrc: SourceFlag},
		{name: "empty data dir", args: []string{"--data-dir="}, want: []string{`--data-dir: must not be empty unless --in-memory is set`}, wantSrc: SourceFlag},
		{name: "bad postgres url", args: []string{"--postgres-url=mysql://u:hunter2@db/d"}, want: []string{`--postgres-url: must be a postgres:// or postgresql:// URL or a key=value connection string`}, wantSrc: SourceFlag},
		{name: "bad ssh option", args: []string{"--ssh-config-options=ForwardAgent"}, want: []string{`--ssh-config-options: invalid SSH option "ForwardAgent"`}, wantSrc: SourceFlag},
		{name: "ssh option without value", args: []string{"--ssh-config-options=ForwardAgent="}, want: []string{`--ssh-config-options: invalid SSH option "ForwardAgent=": no value`}, wantSrc: SourceFlag},
		{name: "ssh prefix with space", args: []string{"--ssh-hostname-prefix=a b"}, want: []string{`--ssh-hostname-prefix: must not contain white space`}, wantSrc: SourceFlag},
		{name: "unknown experiment", args: []string{"--experiments=warp-drive"}, want: []string{`--experiments: unknown experiment "warp-drive"`}, wantSrc: SourceFlag},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if tt.yaml != "" {
				dir := t.TempDir()
				if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(tt.yaml), 0o600); err != nil {
					t.Fatal(err)
				}
				// Relative path so that errors read "config.yaml: ...".
				t.Chdir(dir)
				args = append(args, "--config", "config.yaml")
			}
			v, opts, err := Load(args, tt.env)
			if err == nil {
				t.Fatalf("Load succeeded (%+v, %d options), want error", v, len(opts))
			}
			if v != nil || opts != nil {
				t.Errorf("Load returned values with an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nwant it to contain %q", err, w)
				}
			}
			var oe *OptionError
			if tt.wantSrc != "" || len(tt.want) == 1 && !strings.HasPrefix(tt.want[0], "unexpected") {
				if !errors.As(err, &oe) {
					t.Fatalf("error %v is not an *OptionError", err)
				}
				if oe.Source != tt.wantSrc {
					t.Errorf("OptionError.Source = %q, want %q", oe.Source, tt.wantSrc)
				}
			}
		})
	}
}

func TestLoadExperiments(t *testing.T) {
	saved := KnownExperiments
	t.Cleanup(func() { KnownExperiments = saved })
	KnownExperiments = []Experiment{
		{Name: "alpha", Safe: true},
		{Name: "beta", Safe: false},
		{Name: "gamma", Safe: true},
	}

	tests := []struct {
		in      string
		want    string // EnabledExperiments joined by ","
		wantErr string
	}{
		{in: "", want: ""},
		{in: "beta", want: "beta"},
		{in: "*", want: "alpha,gamma"},
		{in: "beta,*,alpha", want: "beta,alpha,gamma"},
		{in: "alpha,delta", wantErr: `--experiments: unknown experiment "delta" (known: alpha, beta, gamma, or "*" for all safe ones)`},
		{in: "Alpha", wantErr: `unknown experiment "Alpha"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, _, err := Load([]string{"--experiments=" + tt.in}, nil)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(v.EnabledExperiments(), ","); got != tt.want {
				t.Errorf("EnabledExperiments = %q, want %q", got, tt.want)
			}
		})
	}
	if got := strings.Join(SafeExperiments(), ","); got != "alpha,gamma" {
		t.Errorf("SafeExperiments = %q", got)
	}
}

func TestExperimentsNoneKnown(t *testing.T) {
	if err := validateExperiments([]string{"x"}, nil); err == nil || !strings.Contains(err.Error(), "this build has none") {
		t.Fatalf("err = %v", err)
	}
	if err := validateExperiments([]string{"*"}, nil); err != nil {
		t.Fatal(err)
	}
	if got := enabledExperiments([]string{"*"}, nil); got == nil || len(got) != 0 {
		t.Fatalf("enabled = %#v, want empty non-nil", got)
	}
}

func TestDefaultTokenLifetimeFollowsMax(t *testing.T) {
	v, _, err := Load([]string{"--max-token-lifetime=24h"}, nil)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if v.DefaultTokenLifetime != 24*time.Hour || v.MaxTokenLifetime != 24*time.Hour {
		t.Fatalf("default %s, max %s; want both 24h", v.DefaultTokenLifetime, v.MaxTokenLifetime)
	}
}
