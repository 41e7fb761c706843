package e2e

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/apitest"
)

// Every answer names the build in X-Coder-Build-Version, as Coder's server
// does: codersdk's HasFirstUser (and so `coder login`) refuses a server
// whose 404 lacks it.
func TestBuildVersionHeaderOnEveryAnswer(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--data-dir", t.TempDir())

	res, body := s.Do(http.MethodGet, "/api/v2/buildinfo", "", nil)
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	var info struct {
		Version string `json:"version"`
	}
	require.NoError(t, json.Unmarshal(body, &info), "%s", body)
	require.NotEmpty(t, info.Version)

	check := func(t *testing.T, method, path string, header http.Header, status int) {
		t.Helper()
		res, body := s.Do(method, path, "", header)
		require.Equal(t, status, res.StatusCode, "%s %s: %s", method, path, body)
		assert.Equal(t, []string{info.Version}, res.Header.Values("X-Coder-Build-Version"), "%s %s (%d)", method, path, status)
	}
	cases := []struct {
		name, method, path string
		header             http.Header
		status             int
	}{
		{"2xx", http.MethodGet, "/api/v2/buildinfo", nil, http.StatusOK},
		{"first user 404 (HasFirstUser)", http.MethodGet, "/api/v2/users/first", nil, http.StatusNotFound},
		{"401", http.MethodGet, "/api/v2/users/me", nil, http.StatusUnauthorized},
		{"401 bad token", http.MethodGet, "/api/v2/users/me", auth("AAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB"), http.StatusUnauthorized},
		{"route not found", http.MethodGet, "/api/v2/no-such-route", nil, http.StatusNotFound},
		{"unknown path outside the API", http.MethodGet, "/no/such/page", nil, http.StatusNotFound},
		{"method not allowed", http.MethodPatch, "/api/v2/buildinfo", nil, http.StatusMethodNotAllowed},
		{"ServiceStage 401", http.MethodGet, "/v1/p/git/auths", nil, http.StatusUnauthorized},
		{"healthz", http.MethodGet, "/healthz", nil, http.StatusOK},
		{"readyz", http.MethodGet, "/readyz", nil, http.StatusOK},
		{"Swagger UI", http.MethodGet, "/swagger/", nil, http.StatusOK},
		{"spec", http.MethodGet, "/swagger/openapi.json", nil, http.StatusOK},
		{"login page", http.MethodGet, "/login", nil, http.StatusOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { check(t, c.method, c.path, c.header, c.status) })
	}

	// 5xx: the database goes away under the running server.
	require.NoError(t, s.App.Store.Close())
	t.Run("5xx readyz", func(t *testing.T) { check(t, http.MethodGet, "/readyz", nil, http.StatusServiceUnavailable) })
	t.Run("5xx API", func(t *testing.T) {
		check(t, http.MethodGet, "/api/v2/users/first", nil, http.StatusServiceUnavailable)
	})
}
