package e2e

// Durability of the audit trail: the server is killed with SIGKILL while
// it hands out credentials to many callers at once; after a restart, every
// hand-out it had answered has its record.

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/fakeprovider"
	"github.com/gitauthd/gitauthd/internal/store/postgres/pgtest"
)

func TestAuditSurvivesKill(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary and kills it")
	}
	if runtime.GOOS == "windows" {
		t.Skip("uses SIGKILL")
	}
	bin := buildBinary(t, t.TempDir())
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		auKillRun(t, bin, "--data-dir", t.TempDir())
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		auKillRun(t, bin, "--postgres-url", pgtest.URL(t), "--data-dir", t.TempDir(),
			"--external-token-encryption-keys", rpEncryptionKey(t))
	})
}

func auKillRun(t *testing.T, bin string, dbArgs ...string) {
	fake := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub})
	fake.AddUser(fakeprovider.User{Login: fakeprovider.DefaultLogin})
	env := cleanEnv(gcProviderEnv(fake, 0, "github", "github", `^https://`+strings.ReplaceAll(gcHost, ".", `\.`)+`(/.*)?$`)...)
	args := append([]string{"--http-address", "127.0.0.1:0", "--log-human", "", "--rate-limit-disable-all"}, dbArgs...)

	p := startBinary(t, bin, env, args...)
	code, body := crDo(http.MethodPost, p.URL+"/api/v2/users/first", "",
		map[string]any{"email": "owner@example.com", "username": "owner", "password": "correct-horse-battery-staple"})
	require.Equal(t, http.StatusCreated, code, "%s", body)
	code, body = crDo(http.MethodPost, p.URL+"/api/v2/users/login", "",
		map[string]any{"email": "owner@example.com", "password": "correct-horse-battery-staple"})
	require.Equal(t, http.StatusCreated, code, "%s", body)
	var login struct {
		SessionToken string `json:"session_token"`
	}
	require.NoError(t, json.Unmarshal(body, &login))
	token := login.SessionToken
	// Link through the device flow.
	code, body = crDo(http.MethodGet, p.URL+"/api/v2/external-auth/github/device", token, nil)
	require.Equal(t, http.StatusOK, code, "%s", body)
	var dev struct {
		DeviceCode string `json:"device_code"`
		UserCode   string `json:"user_code"`
	}
	require.NoError(t, json.Unmarshal(body, &dev))
	require.NoError(t, fake.ApproveDevice(dev.UserCode, ""))
	code, body = crDo(http.MethodPost, p.URL+"/api/v2/external-auth/github/device", token, map[string]any{"device_code": dev.DeviceCode})
	require.Equal(t, http.StatusNoContent, code, "%s", body)

	// Hand out credentials from several callers until the kill; keep the
	// request id of every answer that carried a token.
	var (
		mu    sync.Mutex
		acked []string
		wg    sync.WaitGroup
	)
	stop := make(chan struct{})
	match := url.QueryEscape("https://" + gcHost + "/org/repo.git")
	for range 8 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				req, _ := http.NewRequest(http.MethodGet, p.URL+"/api/v2/git-credentials?match="+match, nil)
				req.Header.Set("Coder-Session-Token", token)
				res, err := crClient.Do(req)
				if err != nil {
					return // killed
				}
				var c struct {
					AccessToken string `json:"access_token"`
				}
				err = json.NewDecoder(res.Body).Decode(&c)
				_ = res.Body.Close()
				if err != nil || res.StatusCode != http.StatusOK || c.AccessToken == "" {
					return // cut off: not an acknowledgement
				}
				mu.Lock()
				acked = append(acked, res.Header.Get("X-Request-Id"))
				mu.Unlock()
			}
		})
	}
	time.Sleep(time.Duration(400+rand.IntN(800)) * time.Millisecond)
	require.NoError(t, p.cmd.Process.Kill()) // SIGKILL
	<-p.exited
	close(stop)
	wg.Wait()
	require.NotEmpty(t, acked, "nothing was handed out before the kill")

	// After a restart every acknowledged hand-out has its record.
	p = startBinary(t, bin, env, args...)
	recorded := map[string]bool{}
	for offset := 0; ; offset += 1000 {
		code, body := crDo(http.MethodGet, fmt.Sprintf("%s/api/v2/audit?limit=1000&offset=%d&q=%s", p.URL, offset,
			url.QueryEscape("action:read_credential")), token, nil)
		require.Equal(t, http.StatusOK, code, "%s", body)
		var page struct {
			AuditLogs []struct {
				RequestID string `json:"request_id"`
			} `json:"audit_logs"`
		}
		require.NoError(t, json.Unmarshal(body, &page))
		for _, l := range page.AuditLogs {
			recorded[l.RequestID] = true
		}
		if len(page.AuditLogs) < 1000 {
			break
		}
	}
	for _, id := range acked {
		u, err := uuid.Parse(id)
		require.NoError(t, err, "request id %q", id)
		require.True(t, recorded[u.String()], "the acknowledged hand-out of request %s has no record", id)
	}
	t.Logf("%d hand-outs acknowledged before the kill, %d recorded", len(acked), len(recorded))
	require.Zero(t, p.stop(t))
}
