package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/apitest"
)

// readiness is the body of GET /readyz.
type readiness struct {
	Status string            `json:"status"`
	Checks map[string]string `json:"checks"`
}

func TestHealth(t *testing.T) {
	t.Parallel()
	// A limit of 1 request a minute: the probes must not count against it.
	s := apitest.Start(t, "--rate-limit-api", "1")

	t.Run("healthz", func(t *testing.T) {
		for range 3 {
			res, body := s.Do(http.MethodGet, "/healthz", "", nil)
			require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
			assert.Equal(t, "ok", string(body))
			assert.True(t, strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain"), res.Header.Get("Content-Type"))
		}
	})

	t.Run("healthz ignores credentials", func(t *testing.T) {
		res, body := s.Do(http.MethodGet, "/healthz", "", auth("AAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB"))
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	})

	t.Run("readyz", func(t *testing.T) {
		for range 3 {
			res, body := s.Do(http.MethodGet, "/readyz", "", nil)
			require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
			var r readiness
			require.NoError(t, json.Unmarshal(body, &r), "%s", body)
			assert.Equal(t, readiness{Status: "ok", Checks: map[string]string{"database": "ok"}}, r)
		}
	})
}

func TestReadyzDatabaseDown(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"in-memory", "file"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			var args []string
			if mode == "file" {
				args = []string{"--data-dir", t.TempDir()}
			}
			s := apitest.Start(t, args...)
			res, body := s.Do(http.MethodGet, "/readyz", "", nil)
			require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)

			// The database goes away under the running server.
			require.NoError(t, s.App.Store.Close())

			res, body = s.Do(http.MethodGet, "/readyz", "", nil)
			require.Equal(t, http.StatusServiceUnavailable, res.StatusCode, "%s", body)
			assert.True(t, strings.HasPrefix(res.Header.Get("Content-Type"), "application/json"), res.Header.Get("Content-Type"))
			var r readiness
			require.NoError(t, json.Unmarshal(body, &r), "%s", body)
			assert.Equal(t, "unavailable", r.Status)
			require.Contains(t, r.Checks, "database")
			assert.Contains(t, r.Checks["database"], "unavailable")

			// The process is still alive: liveness does not depend on the
			// database.
			res, body = s.Do(http.MethodGet, "/healthz", "", nil)
			require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
			assert.Equal(t, "ok", string(body))
		})
	}
}
