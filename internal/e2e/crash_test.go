package e2e

// Crash safety: the server binary is killed with SIGKILL at random moments
// while it writes, and restarted; every write it had answered 2xx must be
// there, intact, and (SQLite) the database file must pass PRAGMA
// integrity_check. Run against the embedded SQLite and, when
// GITAUTHD_TEST_POSTGRES_URL is set, against PostgreSQL.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite" // the "sqlite" driver, to check the file after a kill

	"github.com/gitauthd/gitauthd/internal/fakeprovider"
	"github.com/gitauthd/gitauthd/internal/store/postgres/pgtest"
)

// crRounds is how many times the server is killed.
const crRounds = 5

// crAcked is what the server acknowledged.
type crAcked struct {
	mu       sync.Mutex
	users    []crUser
	projects []crProject
}

// crProject is a project (201) and, once acknowledged (200), a personal
// token authorization in it (ServiceStage).
type crProject struct {
	id   string
	auth string // the authorization's name, "" until acknowledged
}

// crUser is one member and everything written for them: the user (201),
// a session from signing in (201), an API token the owner made for them
// (201), and a link to the provider through the device flow (204). A
// field is set only once its write was acknowledged.
type crUser struct {
	name, id      string
	session       string
	token         string
	linked        bool
	linkedSession string
}

// crClient talks to the server under test; its requests end within 10s.
var crClient = &http.Client{Timeout: 10 * time.Second}

// crDo sends a request and returns the status (0 when the server did not
// answer: it was killed) and body.
func crDo(method, rawURL, token string, body any) (int, []byte) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, rawURL, rd)
	if err != nil {
		return 0, nil
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Coder-Session-Token", token)
	}
	res, err := crClient.Do(req)
	if err != nil {
		return 0, nil
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, nil // cut off mid-answer: not an acknowledgement
	}
	return res.StatusCode, data
}

// crWriter writes members until a request goes unanswered (the kill) or
// stop is closed, recording each acknowledged write in acked. An answer
// that is neither the expected one nor none at all is an error.
func crWriter(base, ownerToken string, fake *fakeprovider.Provider, prefix string, acked *crAcked, stop <-chan struct{}) error {
	record := func(i int, update func(u *crUser)) {
		acked.mu.Lock()
		defer acked.mu.Unlock()
		update(&acked.users[i])
	}
	for n := 0; ; n++ {
		select {
		case <-stop:
			return nil
		default:
		}
		name := fmt.Sprintf("%s-%d", prefix, n)
		done := func(code, want int, what string, body []byte) error {
			return crUnacked(code, want, what+" "+name, body)
		}
		email := name + "@example.com"
		code, body := crDo(http.MethodPost, base+"/api/v2/users", ownerToken,
			map[string]any{"email": email, "username": name, "password": "correct-horse-battery-staple"})
		if code != http.StatusCreated {
			return done(code, http.StatusCreated, "create user", body)
		}
		var u struct{ ID string }
		_ = json.Unmarshal(body, &u)
		acked.mu.Lock()
		i := len(acked.users)
		acked.users = append(acked.users, crUser{name: name, id: u.ID})
		acked.mu.Unlock()

		code, body = crDo(http.MethodPost, base+"/api/v2/users/login", "",
			map[string]any{"email": email, "password": "correct-horse-battery-staple"})
		if code != http.StatusCreated {
			return done(code, http.StatusCreated, "sign in", body)
		}
		var login struct {
			SessionToken string `json:"session_token"`
		}
		_ = json.Unmarshal(body, &login)
		record(i, func(u *crUser) { u.session = login.SessionToken })

		code, body = crDo(http.MethodPost, base+"/api/v2/users/"+name+"/keys/tokens", ownerToken,
			map[string]any{"token_name": "ci"})
		if code != http.StatusCreated {
			return done(code, http.StatusCreated, "create token", body)
		}
		var tok struct{ Key string }
		_ = json.Unmarshal(body, &tok)
		record(i, func(u *crUser) { u.token = tok.Key })

		code, body = crDo(http.MethodGet, base+"/api/v2/external-auth/github/device", login.SessionToken, nil)
		if code != http.StatusOK {
			return done(code, http.StatusOK, "start the device flow", body)
		}
		var dev struct {
			DeviceCode string `json:"device_code"`
			UserCode   string `json:"user_code"`
		}
		_ = json.Unmarshal(body, &dev)
		if err := fake.ApproveDevice(dev.UserCode, ""); err != nil {
			return err
		}
		code, body = crDo(http.MethodPost, base+"/api/v2/external-auth/github/device", login.SessionToken,
			map[string]any{"device_code": dev.DeviceCode})
		if code != http.StatusNoContent {
			return done(code, http.StatusNoContent, "finish the device flow", body)
		}
		record(i, func(u *crUser) { u.linked, u.linkedSession = true, login.SessionToken })
	}
}

// crProjectWriter creates projects, each with a ServiceStage personal
// token authorization (validated against the provider, stored encrypted),
// until a request goes unanswered or stop is closed.
func crProjectWriter(base, ownerToken string, fake *fakeprovider.Provider, prefix string, acked *crAcked, stop <-chan struct{}) error {
	for n := 0; ; n++ {
		select {
		case <-stop:
			return nil
		default:
		}
		code, body := crDo(http.MethodPost, base+"/api/v2/projects", ownerToken, map[string]any{"name": fmt.Sprintf("%s-%d", prefix, n)})
		if code != http.StatusCreated {
			return crUnacked(code, http.StatusCreated, "create project", body)
		}
		var pr struct{ ID string }
		_ = json.Unmarshal(body, &pr)
		acked.mu.Lock()
		i := len(acked.projects)
		acked.projects = append(acked.projects, crProject{id: pr.ID})
		acked.mu.Unlock()

		pat, err := fake.IssuePersonalToken(fakeprovider.DefaultLogin, "repo")
		if err != nil {
			return err
		}
		req, _ := http.NewRequest(http.MethodPost, base+"/v1/"+pr.ID+"/git/auths/github/personal",
			bytes.NewReader([]byte(`{"name":"pat","token":"`+pat+`"}`)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Auth-Token", ownerToken)
		code, body = 0, nil
		if res, err := crClient.Do(req); err == nil {
			body, err = io.ReadAll(res.Body)
			_ = res.Body.Close()
			if err == nil {
				code = res.StatusCode
			}
		}
		if code != http.StatusOK {
			return crUnacked(code, http.StatusOK, "create authorization", body)
		}
		acked.mu.Lock()
		acked.projects[i].auth = "pat"
		acked.mu.Unlock()
	}
}

// crUnacked is the end of a writer at a write that was not acknowledged:
// nothing when the server did not answer (it was killed), else an error.
func crUnacked(code, want int, what string, body []byte) error {
	if code == 0 {
		return nil
	}
	return fmt.Errorf("%s: HTTP %d, want %d: %s", what, code, want, body)
}

// crVerify checks, through the restarted server, that every acknowledged
// write is there and intact.
func crVerify(t *testing.T, base, ownerToken string, acked *crAcked) (users, keys, links, projects int) {
	t.Helper()
	acked.mu.Lock()
	defer acked.mu.Unlock()
	whoami := func(key string) string {
		code, body := crDo(http.MethodGet, base+"/api/v2/users/me", key, nil)
		require.Equal(t, http.StatusOK, code, "%s", body)
		var u struct{ ID string }
		require.NoError(t, json.Unmarshal(body, &u))
		return u.ID
	}
	for _, u := range acked.users {
		code, body := crDo(http.MethodGet, base+"/api/v2/users/"+url.PathEscape(u.name), ownerToken, nil)
		require.Equal(t, http.StatusOK, code, "acknowledged user %s: %s", u.name, body)
		var got struct{ ID, Username string }
		require.NoError(t, json.Unmarshal(body, &got))
		require.Equal(t, u.id, got.ID, u.name)
		users++
		for _, key := range []string{u.session, u.token} {
			if key != "" {
				require.Equal(t, u.id, whoami(key), "an acknowledged key of %s", u.name)
				keys++
			}
		}
		if u.linked {
			// The provider validates the stored access token: it was
			// kept exactly, and decrypts.
			code, body := crDo(http.MethodGet, base+"/api/v2/external-auth/github", u.linkedSession, nil)
			require.Equal(t, http.StatusOK, code, "%s", body)
			var st struct{ Authenticated bool }
			require.NoError(t, json.Unmarshal(body, &st))
			require.True(t, st.Authenticated, "the acknowledged link of %s: %s", u.name, body)
			links++
		}
	}
	for _, p := range acked.projects {
		code, body := crDo(http.MethodGet, base+"/api/v2/projects/"+p.id, ownerToken, nil)
		require.Equal(t, http.StatusOK, code, "acknowledged project %s: %s", p.id, body)
		projects++
		if p.auth == "" {
			continue
		}
		req, _ := http.NewRequest(http.MethodGet, base+"/v1/"+p.id+"/git/auths", nil)
		req.Header.Set("X-Auth-Token", ownerToken)
		res, err := crClient.Do(req)
		require.NoError(t, err)
		var list struct {
			Authorizations []struct {
				Name   string
				Status int
			}
		}
		require.Equal(t, http.StatusOK, res.StatusCode)
		require.NoError(t, json.NewDecoder(res.Body).Decode(&list))
		_ = res.Body.Close()
		require.Len(t, list.Authorizations, 1, "project %s", p.id)
		require.Equal(t, p.auth, list.Authorizations[0].Name)
		// 0: the provider accepted the stored (decrypted) token.
		require.Equal(t, 0, list.Authorizations[0].Status, "the authorization of project %s", p.id)
	}
	return users, keys, links, projects
}

// crIntegrityCheck opens the SQLite file read-only, as the killed server
// left it, and runs PRAGMA integrity_check.
func crIntegrityCheck(t *testing.T, dataDir string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dataDir, "gitauthd.db")+"?mode=ro")
	require.NoError(t, err)
	defer db.Close()
	rows, err := db.QueryContext(context.Background(), "PRAGMA integrity_check")
	require.NoError(t, err)
	defer rows.Close()
	var result []string
	for rows.Next() {
		var line string
		require.NoError(t, rows.Scan(&line))
		result = append(result, line)
	}
	require.NoError(t, rows.Err())
	require.Equal(t, []string{"ok"}, result, "PRAGMA integrity_check")
}

func TestCrashSafety(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary and kills it repeatedly")
	}
	if runtime.GOOS == "windows" {
		t.Skip("uses SIGKILL")
	}
	bin := buildBinary(t, t.TempDir())
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		crRun(t, bin, []string{"--data-dir", dir}, func() { crIntegrityCheck(t, dir) })
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		crRun(t, bin, []string{"--postgres-url", pgtest.URL(t), "--data-dir", t.TempDir(),
			"--external-token-encryption-keys", rpEncryptionKey(t)}, func() {})
	})
}

// crRun runs the rounds: start, write, kill at a random moment, check the
// database (afterKill), restart and verify everything acknowledged so far.
func crRun(t *testing.T, bin string, dbArgs []string, afterKill func()) {
	fake := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub})
	fake.AddUser(fakeprovider.User{Login: fakeprovider.DefaultLogin})
	env := cleanEnv(fake.Env(0, "github", "github")...)
	args := append([]string{"--http-address", "127.0.0.1:0", "--log-human", "", "--rate-limit-disable-all"}, dbArgs...)
	acked := &crAcked{}
	var ownerToken string
	for round := range crRounds + 1 {
		p := startBinary(t, bin, env, args...)
		if round == 0 {
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
			ownerToken = login.SessionToken
		}
		users, keys, links, projects := crVerify(t, p.URL, ownerToken, acked)
		t.Logf("round %d: the %d users, %d keys, %d links and %d projects acknowledged before are intact",
			round, users, keys, links, projects)
		if round == crRounds {
			require.Zero(t, p.stop(t), "a clean stop at the end")
			return
		}

		stop := make(chan struct{})
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for w := range 3 {
			wg.Go(func() { errs <- crWriter(p.URL, ownerToken, fake, fmt.Sprintf("r%dw%d", round, w), acked, stop) })
		}
		wg.Go(func() { errs <- crProjectWriter(p.URL, ownerToken, fake, fmt.Sprintf("r%dp", round), acked, stop) })
		time.Sleep(time.Duration(200+rand.IntN(1300)) * time.Millisecond)
		require.NoError(t, p.cmd.Process.Kill()) // SIGKILL
		<-p.exited
		close(stop)
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err, "round %d", round)
		}
		afterKill()
	}
}
