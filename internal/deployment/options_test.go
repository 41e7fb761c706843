package deployment

import (
	"bytes"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestOptionTable(t *testing.T) {
	wantFlags := []string{
		"config", "experiments",
		"http-address", "access-url", "http-request-timeout", "http-max-body-bytes",
		"proxy-trusted-headers", "proxy-trusted-origins",
		"data-dir", "in-memory", "postgres-url",
		"secure-auth-cookie", "strict-transport-security", "strict-transport-security-options", "login-rate-limit",
		"rate-limit-api", "rate-limit-disable-all",
		"external-token-encryption-keys",
		"session-duration", "disable-session-expiry-refresh", "default-token-lifetime", "max-token-lifetime",
		"audit-enable", "audit-retention", "audit-log-file",
		"log-human", "log-json", "verbose", "log-requests",
		"swagger-enable", "update-check", "update-check-url", "metrics-cache-refresh-interval",
		"prometheus-enable", "prometheus-address", "pprof-enable", "pprof-address",
		"ssh-hostname-prefix", "ssh-config-options",
		"", // External Auth Providers: env vars and YAML only
		"oidc-issuer-url", "oidc-client-id", "oidc-client-secret", "oidc-scopes", "oidc-email-domain",
		"oidc-allow-signups", "oidc-username-field", "oidc-email-field", "oidc-name-field",
		"oidc-ignore-email-verified", "oidc-ignore-userinfo", "oidc-sign-in-text", "oidc-icon-url",
		"oidc-user-role-field", "oidc-user-role-mapping", "oidc-user-roles-default", "oidc-auth-url-params",
		"oauth2-github-client-id", "oauth2-github-client-secret", "oauth2-github-allowed-orgs", "oauth2-github-allowed-teams",
		"oauth2-github-allow-signups", "oauth2-github-allow-everyone", "oauth2-github-enterprise-base-url", "oauth2-github-device-flow",
	}
	opts := Options(&Values{})
	var got []string
	for _, o := range opts {
		got = append(got, o.Flag)
	}
	if strings.Join(got, " ") != strings.Join(wantFlags, " ") {
		t.Fatalf("flags:\n got %v\nwant %v", got, wantFlags)
	}

	kebab := regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	seen := map[string]bool{}
	secrets := map[string]bool{}
	for _, o := range opts {
		wantEnv := "GITAUTHD_" + strings.ToUpper(strings.ReplaceAll(o.Flag, "-", "_"))
		wantYAML := strings.ReplaceAll(o.Flag, "-", "_")
		switch o.Flag {
		case "config":
			wantYAML = ""
		case "":
			wantEnv, wantYAML = "GITAUTHD_EXTERNAL_AUTH_<n>_<FIELD>", "external_auth"
		default:
			if !kebab.MatchString(o.Flag) {
				t.Errorf("flag %q is not kebab-case", o.Flag)
			}
		}
		if o.Env != wantEnv {
			t.Errorf("--%s: env %q, want %q", o.Flag, o.Env, wantEnv)
		}
		if o.YAML != wantYAML {
			t.Errorf("--%s: yaml %q, want %q", o.Flag, o.YAML, wantYAML)
		}
		for _, name := range []string{"flag:" + o.Flag, "env:" + o.Env, "yaml:" + o.YAML, "name:" + o.Name} {
			if seen[name] && name != "yaml:" {
				t.Errorf("duplicate %s", name)
			}
			seen[name] = true
		}
		if o.Name == "" || o.Description == "" || o.Group == nil || o.Group.Name == "" || o.Group.Description == "" {
			t.Errorf("--%s: missing name, description or group", o.Flag)
		}
		if o.Value == nil {
			t.Fatalf("--%s: no value", o.Flag)
		}
		// Defaults are in canonical form: Set then String gives them back.
		if err := o.Value.Set(o.Default); err != nil {
			t.Errorf("--%s: default %q: %v", o.Flag, o.Default, err)
		} else if s := o.Value.String(); s != o.Default {
			t.Errorf("--%s: default %q is not canonical (%q)", o.Flag, o.Default, s)
		}
		if o.IsSecret() {
			secrets[o.Name] = true
		}
	}
	if len(secrets) != 5 || !secrets["External Token Encryption Keys"] || !secrets["External Auth Providers"] || !secrets["Postgres Connection URL"] || !secrets["OIDC Client Secret"] || !secrets["OAuth2 GitHub Client Secret"] {
		t.Errorf("secret options = %v, want the encryption keys, the external auth providers, the PostgreSQL URL and the OIDC and GitHub client secrets", secrets)
	}
}

func TestOptionsBindValues(t *testing.T) {
	var v Values
	opts := Options(&v)
	for _, o := range opts {
		if o.Flag == "session-duration" {
			if err := o.Value.Set("90m"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if v.SessionDuration.Minutes() != 90 {
		t.Fatalf("SessionDuration = %v", v.SessionDuration)
	}
}

func TestAccessURL(t *testing.T) {
	tests := []struct {
		addr, access, want string
	}{
		{addr: "127.0.0.1:3000", want: "http://127.0.0.1:3000"},
		{addr: "0.0.0.0:8080", want: "http://127.0.0.1:8080"},
		{addr: ":8080", want: "http://127.0.0.1:8080"},
		{addr: "[::]:8080", want: "http://[::1]:8080"},
		{addr: "[::1]:8080", want: "http://[::1]:8080"},
		{addr: "auth.internal:80", want: "http://auth.internal:80"},
		{addr: "0.0.0.0:8080", access: "https://auth.example.com/base", want: "https://auth.example.com/base"},
	}
	for _, tt := range tests {
		v := &Values{HTTPAddress: tt.addr}
		if tt.access != "" {
			u, _ := url.Parse(tt.access)
			v.AccessURLSetting = *u
		}
		got := v.AccessURL()
		if got.String() != tt.want {
			t.Errorf("%s %s: AccessURL = %s, want %s", tt.addr, tt.access, got, tt.want)
		}
		got.Path = "/mutated" // a copy: the configured value is untouched
		if tt.access != "" && v.AccessURLSetting.Path != "/base" {
			t.Errorf("AccessURL returned the configured URL itself")
		}
	}
}

func TestAddressAndHeaders(t *testing.T) {
	v := &Values{HTTPAddress: "0.0.0.0:3000"}
	if got := jsonOf(t, v.Address()); got != `{"host":"0.0.0.0","port":"3000"}` {
		t.Errorf("Address JSON = %s", got)
	}
	if got := v.StrictTransportSecurityHeader(); got != "" {
		t.Errorf("STS header with 0 = %q", got)
	}
	v.StrictTransportSecurity = 31536000
	v.StrictTransportSecurityOptions = []string{"includeSubDomains", "preload"}
	if got := v.StrictTransportSecurityHeader(); got != "max-age=31536000; includeSubDomains; preload" {
		t.Errorf("STS header = %q", got)
	}
}

func TestParseSSHConfigOption(t *testing.T) {
	tests := []struct{ in, key, value string }{
		{"ForwardAgent=yes", "ForwardAgent", "yes"},
		{"ForwardAgent yes", "ForwardAgent", "yes"},
		{"  ForwardAgent = yes ", "ForwardAgent", "yes"},
		{"ProxyCommand ssh -W %h:%p bastion", "ProxyCommand", "ssh -W %h:%p bastion"},
		{"SetEnv A=B", "SetEnv", "A=B"},
		{"ForwardAgent", "", ""},
		{"=yes", "", ""},
		{"ForwardAgent =", "", ""},
	}
	for _, tt := range tests {
		k, v, err := ParseSSHConfigOption(tt.in)
		if tt.key == "" {
			if err == nil {
				t.Errorf("%q: want error, got %q=%q", tt.in, k, v)
			}
			continue
		}
		if err != nil || k != tt.key || v != tt.value {
			t.Errorf("%q: got %q, %q, %v; want %q, %q", tt.in, k, v, err, tt.key, tt.value)
		}
	}
	if m := (&Values{}).SSHConfigOptionsMap(); m == nil {
		t.Error("SSHConfigOptionsMap is nil for no options")
	}
}

func TestRedacted(t *testing.T) {
	var public, secret string
	group := &Group{Name: "Test", Description: "d"}
	opts := []*Option{
		{Name: "Public", Flag: "public", Default: "p", Group: group, Value: StringOf(&public), ValueSource: SourceFlag},
		{
			Name: "Secret", Flag: "secret", Default: "s", Group: group, Value: StringOf(&secret), ValueSource: SourceEnv,
			Annotations: map[string]string{AnnotationSecret: "true"},
		},
	}
	public, secret = "shown", "hunter2"

	views := Redacted(opts)
	if len(views) != 2 {
		t.Fatalf("got %d views", len(views))
	}
	if views[0].Value != "shown" || views[0].Default != "p" || views[0].ValueSource != SourceFlag {
		t.Errorf("public view = %+v", views[0])
	}
	if views[1].Value != nil || views[1].Default != "" || views[1].ValueSource != SourceEnv || views[1].Annotations[AnnotationSecret] != "true" {
		t.Errorf("secret view = %+v", views[1])
	}
	b, _ := json.Marshal(views)
	if bytes.Contains(b, []byte("hunter2")) {
		t.Errorf("secret leaked: %s", b)
	}
	// The views do not share annotation maps with the table.
	views[1].Annotations["x"] = "y"
	if _, ok := opts[1].Annotations["x"]; ok {
		t.Error("Redacted shares the Annotations map")
	}

	// The real table has typed JSON values.
	v, real := mustLoad(t, nil, nil)
	_ = v
	for _, view := range Redacted(real) {
		if view.Flag == "max-token-lifetime" && view.Value != int64(720*60*60*1e9) {
			t.Errorf("max-token-lifetime view value = %#v", view.Value)
		}
		if view.Flag == "access-url" {
			if _, ok := view.Value.(URLJSON); !ok {
				t.Errorf("access-url view value = %#v", view.Value)
			}
		}
	}
}

func TestUsageMentionsEveryOption(t *testing.T) {
	var buf bytes.Buffer
	Usage(&buf)
	out := buf.String()
	for _, o := range Options(&Values{}) {
		head := "--" + o.Flag + " "
		if o.Flag == "" {
			head = o.Name + " (" + o.Value.Type() + ", no flag)"
		}
		for _, want := range []string{head, "$" + o.Env} {
			if !strings.Contains(out, want) {
				t.Errorf("usage lacks %q", want)
			}
		}
		if o.YAML != "" && !strings.Contains(out, "yaml: "+o.YAML) {
			t.Errorf("usage lacks yaml key %q", o.YAML)
		}
		if o.Default != "" && !o.IsSecret() && !strings.Contains(out, "(default: "+o.Default+")") {
			t.Errorf("usage lacks default of --%s", o.Flag)
		}
	}
	for _, g := range []*Group{GroupGeneral, GroupNetworking, GroupDatabase, GroupSecurity, GroupSessions, GroupIntrospection, GroupLogging, GroupClient, GroupExternalAuth} {
		if !strings.Contains(out, "\n"+g.Path()+":\n") {
			t.Errorf("usage lacks group %q", g.Path())
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if len(line) > 100 && !strings.Contains(line, DefaultDataDir()) {
			t.Errorf("line too long (%d): %q", len(line), line)
		}
	}
}

func TestUsageHidesHiddenAndSecretDefaults(t *testing.T) {
	var a, b string
	g := &Group{Name: "G", Description: "d"}
	var buf bytes.Buffer
	writeUsage(&buf, []*Option{
		{Flag: "hidden-one", Env: "GITAUTHD_HIDDEN_ONE", Hidden: true, Group: g, Value: StringOf(&a)},
		{Flag: "token", Env: "GITAUTHD_TOKEN", Default: "sekret", Group: g, Value: StringOf(&b), Annotations: map[string]string{AnnotationSecret: "true"}},
	})
	if out := buf.String(); strings.Contains(out, "hidden-one") || strings.Contains(out, "sekret") || !strings.Contains(out, "--token") {
		t.Errorf("usage:\n%s", out)
	}
}
