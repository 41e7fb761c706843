package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
	"github.com/gitauthd/gitauthd/internal/server"
	"github.com/gitauthd/gitauthd/internal/store/dbcrypt"
)

// eaProviderTokens gets a fresh access and refresh token pair straight from
// the fake, as an OAuth client of its own would (device flow, approved by
// the fake's default user).
func eaProviderTokens(t *testing.T, p *fakeprovider.Provider) (access, refresh string) {
	t.Helper()
	post := func(endpoint string, form url.Values) map[string]any {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(form.Encode()))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "application/json")
		res, err := (&http.Client{Timeout: eaBound}).Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		var m map[string]any
		require.NoError(t, json.NewDecoder(res.Body).Decode(&m))
		require.Equal(t, http.StatusOK, res.StatusCode, "%v", m)
		return m
	}
	d := post(p.DeviceCodeURL(), url.Values{"client_id": {p.ClientID()}})
	require.NoError(t, p.ApproveDevice(d["user_code"].(string), ""))
	tok := post(p.TokenURL(), url.Values{
		"client_id":   {p.ClientID()},
		"device_code": {d["device_code"].(string)},
		"grant_type":  {"urn:ietf:params:oauth:grant-type:device_code"},
	})
	access, _ = tok["access_token"].(string)
	refresh, _ = tok["refresh_token"].(string)
	require.NotEmpty(t, access, "%v", tok)
	require.NotEmpty(t, refresh, "%v", tok)
	return access, refresh
}

// eaLinkExpiring links the caller with provider id through the device flow
// and makes gitauthd store a token that expires in two seconds: the fake's
// answer to gitauthd's token poll is replaced once by a pair obtained
// beforehand, with expires_in 2. The pair is real (the fake validates and
// refreshes it); only gitauthd believes it is about to expire, which is
// within its refresh margin: the next use refreshes it.
func eaLinkExpiring(t *testing.T, s *apitest.Server, token, id string, p *fakeprovider.Provider) (access, refresh string) {
	t.Helper()
	access, refresh = eaProviderTokens(t, p)
	body, err := json.Marshal(map[string]any{
		"access_token": access, "refresh_token": refresh, "token_type": "bearer", "expires_in": 2,
	})
	require.NoError(t, err)
	tokenPath, err := url.Parse(p.TokenURL())
	require.NoError(t, err)
	p.SetFault(tokenPath.Path, fakeprovider.Fault{Status: http.StatusOK, Body: string(body), Times: 1})
	eaLinkDevice(t, s, token, id, p, "")
	// Reading the link now would refresh it already.
	return access, refresh
}

// eaAnswer is one concurrent request's outcome.
type eaAnswer struct {
	status int
	body   []byte
	err    error
}

func TestExternalAuthRefresh(t *testing.T) {
	t.Parallel()
	for _, dialect := range []fakeprovider.Dialect{fakeprovider.GitHub, fakeprovider.RFC} {
		t.Run(dialect.String(), func(t *testing.T) {
			t.Parallel()
			p := eaFake(t, fakeprovider.Options{Dialect: dialect, AccessTokenTTL: time.Hour, RefreshTokens: true})
			typ := "github"
			if dialect == fakeprovider.RFC {
				typ = "gitlab"
			}
			s := eaStart(t, p.Env(0, "prov", typ))
			owner := s.CreateOwner(t)
			repo := p.URL + "/org/repo.git"

			t.Run("concurrent uses refresh once", func(t *testing.T) {
				user := s.CreateMember(t, owner, "concurrent")
				oldAccess, oldRefresh := eaLinkExpiring(t, s, user.Token, "prov", p)
				p.ResetCalls()

				const n = 100
				answers := make([]eaAnswer, n)
				var wg sync.WaitGroup
				start := make(chan struct{})
				for i := range n {
					wg.Add(1)
					go func() {
						defer wg.Done()
						<-start
						path := "/api/v2/git-credentials?match=" + url.QueryEscape(repo)
						if i%4 == 3 {
							path = "/api/v2/external-auth/prov"
						}
						status, body, err := eaDo(s, http.MethodGet, path, user.Token, "")
						answers[i] = eaAnswer{status, body, err}
					}()
				}
				close(start)
				wg.Wait()

				assert.Equal(t, 1, p.RefreshCount(), "one refresh for %d concurrent uses", n)
				valid := p.ValidTokens()
				require.Len(t, valid, 1, "one access token works now")
				newAccess := valid[0]
				assert.NotEqual(t, oldAccess, newAccess)
				info, _ := p.Token(oldAccess)
				assert.False(t, info.Valid, "the old access token was replaced")
				assert.NotContains(t, p.ValidRefreshTokens(), oldRefresh, "the refresh token was spent")
				assert.Len(t, p.ValidRefreshTokens(), 1, "its successor is intact")

				for i, a := range answers {
					require.NoError(t, a.err, "request %d", i)
					require.Equal(t, http.StatusOK, a.status, "request %d: %s", i, a.body)
					if i%4 == 3 {
						var st eaStatus
						require.NoError(t, json.Unmarshal(a.body, &st))
						assert.True(t, st.Authenticated, "request %d: %s", i, a.body)
						continue
					}
					c, err := eaParseCreds(a.body)
					require.NoError(t, err)
					assert.Equal(t, newAccess, eaStr(c.AccessToken), "request %d carries the new token", i)
				}

				l, ok := eaLinkOf(t, s, user.Token, "prov")
				require.True(t, ok)
				assert.True(t, l.Authenticated)
				assert.Empty(t, l.ValidateError)
				assert.True(t, l.HasRefreshToken)
				assert.True(t, l.Expires.After(time.Now().Add(30*time.Minute)), "the new token's expiry: %s", l.Expires)

				// Fresh now: more uses do not refresh again.
				for range 5 {
					_, c, body := eaGitCreds(t, s, user.Token, repo)
					assert.Equal(t, newAccess, eaStr(c.AccessToken), "%s", body)
				}
				assert.Equal(t, 1, p.RefreshCount())
			})

			t.Run("permanent failure asks to link again", func(t *testing.T) {
				user := s.CreateMember(t, owner, "revoked")
				_, refresh := eaLinkExpiring(t, s, user.Token, "prov", p)
				require.True(t, p.RevokeToken(refresh), "the user removed the app at the provider")
				before := p.RefreshCount()

				status, c, body := eaGitCreds(t, s, user.Token, repo)
				require.Equal(t, http.StatusOK, status, "%s", body)
				assert.ElementsMatch(t, []string{"url", "type"}, c.keys, "%s", body)
				assert.Equal(t, s.URL+"/external-auth/prov", eaStr(c.URL))
				assert.Equal(t, typ, c.Type)

				l, ok := eaLinkOf(t, s, user.Token, "prov")
				require.True(t, ok, "the link is kept, marked")
				assert.False(t, l.Authenticated)
				assert.Contains(t, l.ValidateError, "link your account again")
				want := "invalid_grant"
				if dialect == fakeprovider.GitHub {
					want = "bad_refresh_token"
				}
				assert.Contains(t, l.ValidateError, want, "the provider's reason is kept")
				assert.NotContains(t, l.ValidateError, refresh)
				st := eaGet(t, s, user.Token, "external-auth", "prov")
				assert.False(t, st.Authenticated)
				assert.Nil(t, st.User)

				// The failure is remembered: no more refresh attempts.
				for range 3 {
					eaGitCreds(t, s, user.Token, repo)
				}
				assert.Equal(t, before+1, p.RefreshCount())

				// Linking again heals it.
				eaLinkDevice(t, s, user.Token, "prov", p, "")
				assert.True(t, eaGet(t, s, user.Token, "external-auth", "prov").Authenticated)
				l, _ = eaLinkOf(t, s, user.Token, "prov")
				assert.True(t, l.Authenticated)
				assert.Empty(t, l.ValidateError)
				_, c, body = eaGitCreds(t, s, user.Token, repo)
				assert.NotNil(t, c.AccessToken, "%s", body)
			})

			t.Run("transient failure keeps the link", func(t *testing.T) {
				user := s.CreateMember(t, owner, "transient")
				eaLinkExpiring(t, s, user.Token, "prov", p)
				tokenPath, _ := url.Parse(p.TokenURL())
				p.SetFault(tokenPath.Path, fakeprovider.Fault{Status: http.StatusServiceUnavailable})
				status, body := eaMust(t, s, http.MethodGet, "/api/v2/external-auth", user.Token, "")
				require.Equal(t, http.StatusOK, status, "%s", body)
				assert.NotContains(t, string(body), "link your account again", "an outage is not a reason to link again")
				p.ClearFaults()
				// The old token was refreshed later, once the provider was back.
				_, c, body := eaGitCreds(t, s, user.Token, repo)
				require.NotNil(t, c.AccessToken, "%s", body)
				l, _ := eaLinkOf(t, s, user.Token, "prov")
				assert.True(t, l.Authenticated, "%+v", l)
				assert.NotContains(t, l.ValidateError, "link your account again")
			})
		})
	}
}

// ---------------------------------------------------------------- tokens at rest

var (
	eaBinaryMu   sync.Mutex
	eaBinaryPath string
)

// eaBinary builds ./cmd/server once per test process (again only if a
// previous test's temporary directory holding it is gone).
func eaBinary(t *testing.T) string {
	t.Helper()
	eaBinaryMu.Lock()
	defer eaBinaryMu.Unlock()
	if eaBinaryPath != "" {
		if _, err := os.Stat(eaBinaryPath); err == nil {
			return eaBinaryPath
		}
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the binary with")
	}
	out := filepath.Join(t.TempDir(), "gitauthd")
	cmd := exec.Command(goBin, "build", "-o", out, "github.com/gitauthd/gitauthd/cmd/server")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	eaBinaryPath = out
	return out
}

// eaCheckAtRest reads every file in the data directory and fails if any
// holds a token in clear, or any but the key file holds a key. sane must be
// found somewhere (the key id stored beside each encrypted value), which
// shows the files read are the ones holding the links.
func eaCheckAtRest(t *testing.T, dir, when, sane string, tokens, keys []string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var all []byte
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		names = append(names, e.Name())
		all = append(all, b...)
		for _, tok := range tokens {
			assert.False(t, bytes.Contains(b, []byte(tok)), "%s: %s holds a token in clear (%.8s…)", when, e.Name(), tok)
		}
		if e.Name() == server.KeyFile {
			continue
		}
		for _, k := range keys {
			assert.False(t, bytes.Contains(b, []byte(k)), "%s: %s holds an encryption key", when, e.Name())
		}
	}
	assert.Contains(t, names, server.DatabaseFile, when)
	assert.True(t, bytes.Contains(all, []byte(sane)), "%s: the data files %v should hold the key id %q", when, names, sane)
}

func eaKeyID(t *testing.T, key string) string {
	t.Helper()
	c, err := dbcrypt.ParseKeys([]string{key})
	require.NoError(t, err)
	return c[0].ID()
}

func TestExternalAuthTokensAtRest(t *testing.T) {
	t.Parallel()
	p := eaFake(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, AccessTokenTTL: 8 * time.Hour, RefreshTokens: true})
	p.AddUser(fakeprovider.User{Login: "octocat", Name: "The Octocat"})
	env := p.Env(0, "gh", "github")
	repo := p.URL + "/octo/repo.git"
	dir := t.TempDir()

	s1 := eaStart(t, env, "--data-dir", dir)
	owner := s1.CreateOwner(t)
	member := s1.CreateMember(t, owner, "member")
	// One link written by the device flow, one rewritten by a refresh.
	eaLinkDevice(t, s1, owner.Token, "gh", p, "")
	eaLinkExpiring(t, s1, member.Token, "gh", p)
	status, c, body := eaGitCreds(t, s1, member.Token, repo)
	require.Equal(t, http.StatusOK, status, "%s", body)
	require.NotNil(t, c.AccessToken, "%s", body)
	require.Equal(t, 1, p.RefreshCount())
	ownerTok := eaStr(eaCredsOf(t, s1, owner.Token, repo).AccessToken)
	memberTok := eaStr(c.AccessToken)

	keyFile := filepath.Join(dir, server.KeyFile)
	fi, err := os.Stat(keyFile)
	require.NoError(t, err, "the key file is created in the data dir")
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	raw, err := os.ReadFile(keyFile)
	require.NoError(t, err)
	oldKey := strings.TrimSpace(string(raw))
	tokens := p.IssuedTokens()
	require.GreaterOrEqual(t, len(tokens), 6, "access and refresh tokens were issued")

	eaCheckAtRest(t, dir, "while running", eaKeyID(t, oldKey), tokens, []string{oldKey})
	s1.Stop()
	eaCheckAtRest(t, dir, "after stopping", eaKeyID(t, oldKey), tokens, []string{oldKey})

	// Restarted on the same data dir, the persisted key decrypts the links.
	s2 := eaStart(t, env, "--data-dir", dir)
	st := eaGet(t, s2, owner.Token, "external-auth", "gh")
	assert.True(t, st.Authenticated)
	require.NotNil(t, st.User)
	assert.Equal(t, "octocat", st.User.Login)
	assert.Equal(t, ownerTok, eaStr(eaCredsOf(t, s2, owner.Token, repo).AccessToken))
	assert.Equal(t, memberTok, eaStr(eaCredsOf(t, s2, member.Token, repo).AccessToken))
	s2.Stop()

	if testing.Short() {
		t.Skip("the key rotation builds and runs the binary")
	}
	newKey, err := dbcrypt.GenerateKey()
	require.NoError(t, err)
	cmd := exec.Command(eaBinary(t), "server", "dbcrypt", "rotate",
		"--data-dir", dir, "--external-token-encryption-keys", newKey+","+oldKey)
	cmd.Env = cleanEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	done := make(chan error, 1)
	require.NoError(t, cmd.Start())
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(eaBound):
		_ = cmd.Process.Kill()
		t.Fatalf("dbcrypt rotate did not finish\nstdout: %s\nstderr: %s", &stdout, &stderr)
	}
	require.NoError(t, err, "dbcrypt rotate\nstdout: %s\nstderr: %s", &stdout, &stderr)
	assert.Contains(t, stdout.String(), "re-encrypted")
	for _, k := range []string{oldKey, newKey} {
		assert.NotContains(t, stdout.String()+stderr.String(), k, "the command does not print keys")
	}

	// Only the new key now.
	s3 := eaStart(t, env, "--data-dir", dir, "--external-token-encryption-keys", newKey)
	assert.True(t, eaGet(t, s3, owner.Token, "external-auth", "gh").Authenticated)
	assert.Equal(t, ownerTok, eaStr(eaCredsOf(t, s3, owner.Token, repo).AccessToken))
	assert.Equal(t, memberTok, eaStr(eaCredsOf(t, s3, member.Token, repo).AccessToken))
	// New writes use the new key too.
	eaLinkDevice(t, s3, owner.Token, "gh", p, "")
	eaCheckAtRest(t, dir, "after rotating", eaKeyID(t, newKey), p.IssuedTokens(), []string{oldKey, newKey})

	for i, logs := range []string{s1.Logs.String(), s2.Logs.String(), s3.Logs.String()} {
		for _, secret := range append(p.IssuedTokens(), oldKey, newKey) {
			assert.NotContains(t, logs, secret, "the logs of server %d hold a secret", i+1)
		}
	}
}

// eaCredsOf asks for git credentials and requires a 200.
func eaCredsOf(t *testing.T, s *apitest.Server, token, repo string) eaCreds {
	t.Helper()
	status, c, body := eaGitCreds(t, s, token, repo)
	require.Equal(t, http.StatusOK, status, "%s", body)
	require.NotNil(t, c.AccessToken, "%s", body)
	return c
}
