package e2e

// Database faults: PostgreSQL stopped and restarted (cleanly, then as after
// a crash) under load, with two replicas serving. Skipped unless
// GITAUTHD_TEST_POSTGRES_URL is set (the test runs a PostgreSQL server of
// its own, so that stopping it disturbs no other test).

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/client"
	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/store/postgres/pgtest"
)

// TestPostgresRestartUnderLoad: while PostgreSQL is down, every request
// that needs it (once what the replica cached has expired) fails fast with 503 in its path's dialect (Coder under
// /api/v2, ServiceStage under /v1) and /readyz says so; once it is back
// the replicas serve again without being restarted; and every write that
// was answered 2xx is still there.
func TestPostgresRestartUnderLoad(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts and restarts a PostgreSQL server")
	}
	c := pgtest.StartCluster(t)
	key := rpEncryptionKey(t)
	var replicas []*apitest.Server
	for range 2 {
		replicas = append(replicas, apitest.Start(t, "--postgres-url", c.URL, "--data-dir", t.TempDir(),
			"--external-token-encryption-keys", key, "--rate-limit-disable-all"))
	}
	owner := replicas[0].CreateOwner(t)
	const project = "/v1/0a1b2c3d4e5f67890a1b2c3d4e5f6789/git/auths"

	// Writers: API tokens, created through both replicas, each recorded
	// once it was answered 201. Any other answer must be a 503.
	var (
		mu       sync.Mutex
		acked    []string
		refused  atomic.Int64
		stop     = make(chan struct{})
		wg       sync.WaitGroup
		seq      atomic.Int64
		problems = make(chan string, 10)
	)
	for w := range 4 {
		s := replicas[w%2]
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				name := fmt.Sprintf("load-%d-%d", w, seq.Add(1))
				body, _ := json.Marshal(client.CreateTokenJSONRequestBody{TokenName: &name})
				req, _ := http.NewRequest(http.MethodPost, s.URL+"/api/v2/users/me/keys/tokens", strings.NewReader(string(body)))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Coder-Session-Token", owner.Token)
				res, err := s.HTTP.Do(req)
				if err != nil {
					select {
					case problems <- err.Error():
					default:
					}
					return
				}
				var out client.GenerateAPIKeyResponse
				_ = json.NewDecoder(res.Body).Decode(&out)
				_ = res.Body.Close()
				switch res.StatusCode {
				case http.StatusCreated:
					mu.Lock()
					acked = append(acked, out.Key)
					mu.Unlock()
				case http.StatusServiceUnavailable:
					refused.Add(1)
					time.Sleep(20 * time.Millisecond)
				default:
					select {
					case problems <- res.Status:
					default:
					}
					return
				}
			}
		})
	}
	ackedNow := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(acked)
	}
	eventually := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s\nPostgreSQL log:\n%s", what, c.Log())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	status := func(s *apitest.Server, method, path string, h http.Header) (int, []byte, time.Duration) {
		began := time.Now()
		res, body := s.Do(method, path, "", h)
		return res.StatusCode, body, time.Since(began)
	}

	for _, mode := range []string{"fast", "immediate"} {
		before := ackedNow()
		eventually("writes before the outage", func() bool { return ackedNow() >= before+10 })
		c.Stop(mode)
		r := refused.Load()
		eventually("writes refused during the outage", func() bool { return refused.Load() >= r+10 })

		for i, s := range replicas {
			// What a replica cached shortly before the outage is served
			// until it expires (at most the store cache's TTL).
			var code int
			var body []byte
			var took time.Duration
			eventually("the cached rows to expire", func() bool {
				code, body, took = status(s, http.MethodGet, "/api/v2/users/me", auth(owner.Token))
				return code != http.StatusOK
			})
			require.Equal(t, http.StatusServiceUnavailable, code, "replica %d, %s: %s", i, mode, body)
			decodeCoderError(t, body) // the Coder dialect
			assert.Less(t, took, 3*time.Second, "replica %d: fails fast", i)

			eventually("the cached rows to expire", func() bool {
				code, body, took = status(s, http.MethodGet, project, idHeader("X-Auth-Token", owner.Token))
				return code != http.StatusOK
			})
			require.Equal(t, http.StatusServiceUnavailable, code, "replica %d, %s: %s", i, mode, body)
			var se map[string]string
			require.NoError(t, json.Unmarshal(body, &se), "%s", body)
			assert.Equal(t, "SVCSTG.REPO.0503", se["error_code"], "replica %d: the ServiceStage dialect: %s", i, body)
			assert.NotEmpty(t, se["error_msg"])
			assert.Len(t, se, 2)
			assert.Less(t, took, 3*time.Second, "replica %d: fails fast", i)

			code, body, _ = status(s, http.MethodGet, "/readyz", nil)
			assert.Equal(t, http.StatusServiceUnavailable, code, "replica %d: not ready: %s", i, body)
			code, _, _ = status(s, http.MethodGet, "/healthz", nil)
			assert.Equal(t, http.StatusOK, code, "replica %d: alive all the same", i)
		}

		c.Start()
		for i, s := range replicas {
			eventually("the replica to serve again", func() bool {
				code, _, _ := status(s, http.MethodGet, "/api/v2/users/me", auth(owner.Token))
				return code == http.StatusOK
			})
			code, body, _ := status(s, http.MethodGet, "/readyz", nil)
			assert.Equal(t, http.StatusOK, code, "replica %d: ready again: %s", i, body)
		}
		after := ackedNow()
		eventually("writes after the outage", func() bool { return ackedNow() >= after+10 })
	}
	close(stop)
	wg.Wait()
	close(problems)
	for p := range problems {
		t.Errorf("a writer saw %s (only 201 and 503 are expected)", p)
	}

	// Nothing acknowledged was lost, whichever replica is asked.
	mu.Lock()
	defer mu.Unlock()
	t.Logf("%d tokens acknowledged, %d requests refused with 503", len(acked), refused.Load())
	for i, k := range acked {
		s := replicas[i%2]
		code, id := idWhoAmI(t, s, k)
		require.Equal(t, http.StatusOK, code, "acknowledged token %d", i)
		require.Equal(t, owner.ID, id)
	}
}
