// Package helm holds gitauthd's Helm chart (gitauthd/); the test lints it
// and renders it in both shapes with Helm (`make test-helm` builds Helm
// v4.3.2 and runs it; without Helm on PATH or in $HELM it skips).
package helm

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/gitauthd/gitauthd/internal/deployment"
)

func helmBin(t *testing.T) string {
	t.Helper()
	if h := os.Getenv("HELM"); h != "" {
		return h
	}
	h, err := exec.LookPath("helm")
	if err != nil {
		t.Skip("helm is not installed: `make test-helm` builds Helm v4.3.2 and runs these tests")
	}
	return h
}

func helm(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(helmBin(t), args...)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err := cmd.Run()
	if err != nil {
		return stderr.String() + out.String(), err
	}
	return out.String(), nil
}

// render runs helm template with the --set values and returns the objects
// by kind.
func render(t *testing.T, set ...string) map[string]map[string]any {
	t.Helper()
	args := []string{"template", "gitauthd", "gitauthd"}
	for _, s := range set {
		args = append(args, "--set", s)
	}
	out, err := helm(t, args...)
	require.NoError(t, err, out)
	objs := map[string]map[string]any{}
	dec := yaml.NewDecoder(strings.NewReader(out))
	for {
		var o map[string]any
		err := dec.Decode(&o)
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		if o == nil {
			continue
		}
		kind := o["kind"].(string)
		require.NotContains(t, objs, kind, "one %s", kind)
		objs[kind] = o
	}
	return objs
}

// at walks a path of map keys and list indexes.
func at(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			require.True(t, ok, "%v is not a map at %q", v, k)
			v = m[k]
		case int:
			l, ok := v.([]any)
			require.True(t, ok, "%v is not a list at %d", v, k)
			require.Greater(t, len(l), k)
			v = l[k]
		}
	}
	return v
}

// env returns the container's environment: plain values, and secret
// references as "secret:NAME/KEY".
func env(t *testing.T, dep map[string]any) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, e := range at(t, dep, "spec", "template", "spec", "containers", 0, "env").([]any) {
		m := e.(map[string]any)
		name := m["name"].(string)
		if v, ok := m["value"]; ok {
			out[name] = v.(string)
			continue
		}
		ref := at(t, m, "valueFrom", "secretKeyRef").(map[string]any)
		out[name] = "secret:" + ref["name"].(string) + "/" + ref["key"].(string)
	}
	return out
}

var provider = []string{
	"externalAuth[0].id=github", "externalAuth[0].type=github", "externalAuth[0].client_id=Iv1.abc",
	"externalAuth[0].client_secret_from.name=gh", "externalAuth[0].client_secret_from.key=secret",
	"externalAuth[0].scopes={repo,read:user}",
}

func TestLint(t *testing.T) {
	for _, set := range [][]string{nil, append([]string{"replicaCount=3", "postgres.secretName=pg", "encryptionKeys.secretName=keys"}, provider...)} {
		args := []string{"lint", "--strict", "gitauthd"}
		for _, s := range set {
			args = append(args, "--set", s)
		}
		out, err := helm(t, args...)
		require.NoError(t, err, out)
	}
}

func TestSQLiteOneReplica(t *testing.T) {
	objs := render(t, provider...)
	require.Contains(t, objs, "PersistentVolumeClaim")
	require.NotContains(t, objs, "PodDisruptionBudget")
	require.Contains(t, objs, "Service")
	dep := objs["Deployment"]
	require.Equal(t, 1, at(t, dep, "spec", "replicas"))
	require.Equal(t, "Recreate", at(t, dep, "spec", "strategy", "type"), "one writer of the SQLite file at a time")
	require.Equal(t, "gitauthd-data", at(t, dep, "spec", "template", "spec", "volumes", 0, "persistentVolumeClaim", "claimName"))
	require.Equal(t, "gitauthd-data", at(t, objs["PersistentVolumeClaim"], "metadata", "name"))
	c := at(t, dep, "spec", "template", "spec", "containers", 0)
	require.Equal(t, "/healthz", at(t, c, "livenessProbe", "httpGet", "path"))
	require.Equal(t, "/readyz", at(t, c, "readinessProbe", "httpGet", "path"))
	require.Equal(t, "/healthz", at(t, c, "startupProbe", "httpGet", "path"))
	require.Equal(t, "256Mi", at(t, c, "resources", "limits", "memory"))
	require.Equal(t, true, at(t, c, "securityContext", "readOnlyRootFilesystem"))
	require.Equal(t, 65532, at(t, dep, "spec", "template", "spec", "securityContext", "runAsUser"))
	e := env(t, dep)
	require.NotContains(t, e, "GITAUTHD_POSTGRES_URL")
	require.Equal(t, "secret:gh/secret", e["GITAUTHD_EXTERNAL_AUTH_0_CLIENT_SECRET"])
	require.Equal(t, "repo,read:user", e["GITAUTHD_EXTERNAL_AUTH_0_SCOPES"])
	loads(t, e)
}

func TestPostgresReplicas(t *testing.T) {
	objs := render(t, append([]string{"replicaCount=3", "postgres.secretName=pg", "encryptionKeys.secretName=keys",
		"extraEnv.GITAUTHD_RATE_LIMIT_API=1024"}, provider...)...)
	require.NotContains(t, objs, "PersistentVolumeClaim")
	require.Contains(t, objs, "PodDisruptionBudget")
	require.Equal(t, 1, at(t, objs["PodDisruptionBudget"], "spec", "minAvailable"))
	dep := objs["Deployment"]
	require.Equal(t, 3, at(t, dep, "spec", "replicas"))
	require.Equal(t, "RollingUpdate", at(t, dep, "spec", "strategy", "type"))
	e := env(t, dep)
	require.Equal(t, "secret:pg/url", e["GITAUTHD_POSTGRES_URL"])
	require.Equal(t, "secret:keys/keys", e["GITAUTHD_EXTERNAL_TOKEN_ENCRYPTION_KEYS"])
	require.Equal(t, "1024", e["GITAUTHD_RATE_LIMIT_API"])
	loads(t, e)
}

// Values that cannot work fail the rendering with a message naming them.
func TestRefused(t *testing.T) {
	for set, msg := range map[string]string{
		"replicaCount=2":         "postgres.secretName",
		"postgres.secretName=pg": "encryptionKeys.secretName",
		"accessURL=":             "accessURL is required",
		"externalAuth[0].id=x,externalAuth[0].client_secret=s": "client_secret_from",
	} {
		out, err := helm(t, "template", "gitauthd", "gitauthd", "--set", set)
		require.Error(t, err, set)
		require.Contains(t, out, msg, set)
	}
}

// loads checks that the server accepts the rendered environment: every
// variable is an option it knows (secrets replaced by sample values).
func loads(t *testing.T, e map[string]string) {
	t.Helper()
	var environ []string
	for k, v := range e {
		switch {
		case k == "GITAUTHD_EXTERNAL_TOKEN_ENCRYPTION_KEYS":
			v = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
		case k == "GITAUTHD_POSTGRES_URL":
			v = "postgres://gitauthd@db:5432/gitauthd"
		case strings.HasPrefix(v, "secret:"):
			v = "sample"
		}
		environ = append(environ, k+"="+v)
	}
	_, _, err := deployment.Load(nil, environ)
	require.NoError(t, err)
}
