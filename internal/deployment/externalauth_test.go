package deployment

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/gitauthd/gitauthd/internal/externalauth"
)

// Valid external token encryption keys (32 bytes in base64) and a short one.
const (
	testKey1     = "a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s=" // "k" × 32
	testKey2     = "ampqampqampqampqampqampqampqampqampqampqamo=" // "j" × 32
	testShortKey = "eHh4eHh4eHh4eHh4eHh4eA=="                     // "x" × 16
)

func boolPtr(b bool) *bool { return &b }

func optionByName(t *testing.T, opts []*Option, name string) *Option {
	t.Helper()
	for _, o := range opts {
		if o.Name == name {
			return o
		}
	}
	t.Fatalf("no option %q", name)
	return nil
}

func TestLoadExternalAuthFromEnv(t *testing.T) {
	v, opts := mustLoad(t, nil, []string{
		"GITAUTHD_EXTERNAL_AUTH_5_TYPE=generic",
		"GITAUTHD_EXTERNAL_AUTH_0_TYPE=github",
		"GITAUTHD_EXTERNAL_AUTH_0_CLIENT_ID=gh-client",
		"GITAUTHD_EXTERNAL_AUTH_0_CLIENT_SECRET=gh-secret",
		"GITAUTHD_EXTERNAL_AUTH_0_SCOPES=repo,workflow read:org",
		"GITAUTHD_EXTERNAL_AUTH_0_DEVICE_FLOW=false",
		"GITAUTHD_EXTERNAL_AUTH_2_ID=my-gitlab",
		"GITAUTHD_EXTERNAL_AUTH_2_TYPE=gitlab",
		"GITAUTHD_EXTERNAL_AUTH_2_NO_REFRESH=true",
		"GITAUTHD_EXTERNAL_AUTH_2_EXTRA_TOKEN_KEYS=id_token, scope",
		"GITAUTHD_EXTERNAL_AUTH_2_REGEX=^https://git\\.example\\.com/,x$",
		"GITAUTHD_EXTERNAL_AUTH_0_TYPE=ignored: the first entry of a name wins",
	})
	want := []externalauth.Config{
		{Type: "github", ClientID: "gh-client", ClientSecret: "gh-secret", Scopes: []string{"repo", "workflow", "read:org"}, DeviceFlow: boolPtr(false)},
		{ID: "my-gitlab", Type: "gitlab", NoRefresh: true, ExtraTokenKeys: []string{"id_token", "scope"}, Regex: `^https://git\.example\.com/,x$`},
		{Type: "generic"},
	}
	if !reflect.DeepEqual(v.ExternalAuth, want) {
		t.Errorf("ExternalAuth =\n%#v\nwant\n%#v", v.ExternalAuth, want)
	}
	if got := optionByName(t, opts, "External Auth Providers").ValueSource; got != SourceEnv {
		t.Errorf("value source = %q, want env", got)
	}
}

func TestLoadExternalAuthFromYAML(t *testing.T) {
	cfg := writeConfig(t, `
external_auth:
  - type: github
    client_id: gh-client
    client_secret: gh-secret
    device_flow: false
    scopes: [repo, workflow]
  - id: my-gitlab
    type: gitlab
    auth_url: https://git.example.com/oauth/authorize
    scopes: "read_user write_repository"
    extra_token_keys: ~
    no_refresh: true
    regex: '^(https?://)?git\.example\.com(/.*)?$'
`)
	v, opts := mustLoad(t, []string{"--config", cfg}, nil)
	want := []externalauth.Config{
		{Type: "github", ClientID: "gh-client", ClientSecret: "gh-secret", DeviceFlow: boolPtr(false), Scopes: []string{"repo", "workflow"}},
		{
			ID: "my-gitlab", Type: "gitlab", AuthURL: "https://git.example.com/oauth/authorize",
			Scopes: []string{"read_user", "write_repository"}, NoRefresh: true, Regex: `^(https?://)?git\.example\.com(/.*)?$`,
		},
	}
	if !reflect.DeepEqual(v.ExternalAuth, want) {
		t.Errorf("ExternalAuth =\n%#v\nwant\n%#v", v.ExternalAuth, want)
	}
	if got := optionByName(t, opts, "External Auth Providers").ValueSource; got != SourceYAML {
		t.Errorf("value source = %q, want yaml", got)
	}

	// Env entries replace the YAML list as a whole.
	v, opts = mustLoad(t, []string{"--config", cfg}, []string{"GITAUTHD_EXTERNAL_AUTH_0_TYPE=gitea", "GITAUTHD_EXTERNAL_AUTH_0_AUTH_URL=https://gitea.example.com/login/oauth/authorize"})
	want = []externalauth.Config{{Type: "gitea", AuthURL: "https://gitea.example.com/login/oauth/authorize"}}
	if !reflect.DeepEqual(v.ExternalAuth, want) {
		t.Errorf("env over yaml: ExternalAuth = %#v, want %#v", v.ExternalAuth, want)
	}
	if got := optionByName(t, opts, "External Auth Providers").ValueSource; got != SourceEnv {
		t.Errorf("env over yaml: value source = %q, want env", got)
	}

	// An empty or null list is still set by the file.
	for _, content := range []string{"external_auth: []\n", "external_auth:\n"} {
		v, opts = mustLoad(t, []string{"--config", writeConfig(t, content)}, nil)
		if len(v.ExternalAuth) != 0 {
			t.Errorf("%q: ExternalAuth = %#v", content, v.ExternalAuth)
		}
		if got := optionByName(t, opts, "External Auth Providers").ValueSource; got != SourceYAML {
			t.Errorf("%q: value source = %q, want yaml", content, got)
		}
	}

	// Nothing configured.
	v, opts = mustLoad(t, nil, nil)
	if v.ExternalAuth != nil || optionByName(t, opts, "External Auth Providers").ValueSource != SourceDefault {
		t.Errorf("default: ExternalAuth = %#v", v.ExternalAuth)
	}
}

// Every field of externalauth.Config can be set from both sources.
func TestLoadExternalAuthEveryField(t *testing.T) {
	var env []string
	var yml strings.Builder
	yml.WriteString("external_auth:\n  -")
	for _, f := range authFields {
		val := "value-of-" + f.yaml
		switch reflect.TypeFor[externalauth.Config]().Field(f.index).Type.Kind() {
		case reflect.Bool, reflect.Pointer:
			val = "true"
		case reflect.Slice:
			val = "a,b"
		}
		env = append(env, "GITAUTHD_EXTERNAL_AUTH_7_"+f.env+"="+val)
		yml.WriteString(" " + f.yaml + ": " + quote(val) + "\n   ")
	}
	fromEnv, _ := mustLoad(t, nil, env)
	fromYAML, _ := mustLoad(t, []string{"--config", writeConfig(t, yml.String())}, nil)
	if len(fromEnv.ExternalAuth) != 1 || !reflect.DeepEqual(fromEnv.ExternalAuth, fromYAML.ExternalAuth) {
		t.Fatalf("env %#v\nyaml %#v", fromEnv.ExternalAuth, fromYAML.ExternalAuth)
	}
	c := reflect.ValueOf(fromEnv.ExternalAuth[0])
	for _, f := range authFields {
		if c.Field(f.index).IsZero() {
			t.Errorf("field %s not set", f.yaml)
		}
	}
	if len(authFields) != 18 {
		t.Errorf("%d fields, want the 18 of the wire facts", len(authFields))
	}
}

func TestExternalAuthSecretsRedacted(t *testing.T) {
	_, opts := mustLoad(t, nil, []string{
		"GITAUTHD_EXTERNAL_AUTH_0_TYPE=github",
		"GITAUTHD_EXTERNAL_AUTH_0_CLIENT_SECRET=hunter2-client-secret",
		"GITAUTHD_EXTERNAL_TOKEN_ENCRYPTION_KEYS=" + testKey1 + "," + testKey2,
	})
	keys := optionByFlag(t, opts, "external-token-encryption-keys")
	if keys.ValueSource != SourceEnv || keys.Value.String() != testKey1+","+testKey2 {
		t.Errorf("keys: source %q", keys.ValueSource)
	}
	for _, view := range Redacted(opts) {
		switch view.Name {
		case "External Auth Providers", "External Token Encryption Keys":
			if view.Value != nil || view.ValueSource != SourceEnv {
				t.Errorf("%s: value %v, source %q; want nil, env", view.Name, view.Value, view.ValueSource)
			}
		}
	}
	b, err := json.Marshal(Redacted(opts))
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"hunter2", testKey1, testKey2} {
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("%q leaked into the redacted options", secret)
		}
	}

	// The entries' own JSON (as the config shows them) has no client secret.
	ea := optionByName(t, opts, "External Auth Providers").Value
	b, _ = json.Marshal(ea.Interface())
	if bytes.Contains(b, []byte("hunter2")) || bytes.Contains(b, []byte("client_secret")) || !bytes.Contains(b, []byte(`"type":"github"`)) {
		t.Errorf("entries JSON = %s", b)
	}
	if got := ea.String(); got != "github" {
		t.Errorf("String() = %q, want the ids", got)
	}
}

func TestExternalAuthListValue(t *testing.T) {
	var list []externalauth.Config
	v := ExternalAuthListOf(&list)
	if err := v.Set(""); err != nil || v.String() != "" {
		t.Fatalf("Set(\"\"): %v, String %q", err, v.String())
	}
	if got := jsonOf(t, v.Interface()); got != "[]" {
		t.Errorf("empty JSON = %s", got)
	}
	if err := v.Set(`[{"type":"github"}]`); err == nil || !strings.Contains(err.Error(), "GITAUTHD_EXTERNAL_AUTH_<n>_<FIELD>") {
		t.Errorf("Set(non-empty) = %v", err)
	}
	list = []externalauth.Config{{Type: "github"}, {ID: "corp", Type: "gitlab"}}
	if got := v.String(); got != "github,corp" {
		t.Errorf("String() = %q", got)
	}
}

func TestUsageDocumentsExternalAuth(t *testing.T) {
	var buf bytes.Buffer
	Usage(&buf)
	out := buf.String()
	for _, want := range []string{
		"External Auth Providers (external-auth-list, no flag)",
		"env: $GITAUTHD_EXTERNAL_AUTH_<n>_<FIELD>, yaml: external_auth",
		"replace the whole YAML list",
		"--external-token-encryption-keys string-array",
	} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("usage lacks %q", want)
		}
	}
}
