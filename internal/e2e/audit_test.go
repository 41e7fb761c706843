package e2e

import (
	"bufio"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
	"github.com/gitauthd/gitauthd/internal/store/postgres/pgtest"
)

// auEngines are the databases the audit tests run on: an SQLite file, and
// PostgreSQL when GITAUTHD_TEST_POSTGRES_URL is set.
func auEngines(t *testing.T, run func(t *testing.T, args ...string)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		run(t, "--data-dir", t.TempDir())
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		run(t, "--postgres-url", pgtest.URL(t), "--data-dir", t.TempDir())
	})
}

// auLog is an audit record as GET /api/v2/audit answers it (the members
// the tests look at).
type auLog struct {
	ID               string `json:"id"`
	RequestID        string `json:"request_id"`
	IP               string `json:"ip"`
	UserAgent        string `json:"user_agent"`
	ResourceType     string `json:"resource_type"`
	ResourceID       string `json:"resource_id"`
	ResourceTarget   string `json:"resource_target"`
	Action           string `json:"action"`
	StatusCode       int    `json:"status_code"`
	AdditionalFields struct {
		Result        string `json:"result"`
		APIKeyID      string `json:"api_key_id"`
		ProviderID    string `json:"provider_id"`
		RepositoryURL string `json:"repository_url"`
		ResourceID    string `json:"resource_id"`
		Username      string `json:"username"`
	} `json:"additional_fields"`
	User *struct {
		Username string `json:"username"`
	} `json:"user"`
}

// auStep is what the tests expect of one record.
func (l auLog) step() string {
	return fmt.Sprintf("%s %s %s %s %d", l.AdditionalFields.Username, l.Action, l.ResourceType,
		l.AdditionalFields.Result, l.StatusCode)
}

// auList reads the audit trail as token, with query q; it returns the
// records oldest first, the count and the raw body.
func auList(t *testing.T, s *apitest.Server, token, q string) ([]auLog, int, string) {
	t.Helper()
	res, body := s.Do("GET", "/api/v2/audit?limit=1000&q="+url.QueryEscape(q), "", idHeader("Coder-Session-Token", token))
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	var page struct {
		AuditLogs []auLog `json:"audit_logs"`
		Count     int     `json:"count"`
	}
	require.NoError(t, json.Unmarshal(body, &page))
	for i, j := 0, len(page.AuditLogs)-1; i < j; i, j = i+1, j-1 {
		page.AuditLogs[i], page.AuditLogs[j] = page.AuditLogs[j], page.AuditLogs[i]
	}
	return page.AuditLogs, page.Count, string(body)
}

func TestAuditFullFlow(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary and runs git")
	}
	gcGit(t)
	bin := gcBinary(t)
	auEngines(t, func(t *testing.T, args ...string) {
		gh := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, DeviceInterval: 1})
		gh.AddUser(fakeprovider.User{Login: "octocat", Name: "The Octocat"})
		env := gcProviderEnv(gh, 0, "github", "github", `^https://`+regexp.QuoteMeta(gcHost)+`(/.*)?$`)
		dataDir := args[len(args)-1]
		logFile := filepath.Join(dataDir, "audit.jsonl")
		s := apitest.StartEnv(t, env, append(args, "--access-url", gcAccessURL, "--audit-log-file", logFile)...)

		owner := s.CreateOwner(t)
		alice := s.CreateMember(t, owner, "alice")
		key := gcAPIToken(t, s, alice.Token)
		gcLinkDevice(t, s, gh, alice.Token, "github")

		// git asks the helper, which asks gitauthd with alice's API token.
		r := gcFill(t, bin, gcEnv(t, s.URL, key), true, gcRequest)
		require.Equal(t, 0, r.code, "git credential fill: %s", r.stderr)
		answer := gcAnswer(r.stdout)
		providerToken := answer["password"]
		if providerToken == "" { // GitHub's form: the token as the username
			providerToken = answer["username"]
		}
		require.NotEmpty(t, providerToken, "stdout %s stderr %s", r.stdout, r.stderr)

		// ServiceStage: the owner makes a project with alice in it; alice
		// stores a personal token there and deletes it.
		res, body := s.Do("POST", "/api/v2/projects", `{"id":"platform","name":"Platform"}`, idHeader("Coder-Session-Token", owner.Token, "Content-Type", "application/json"))
		require.Equal(t, http.StatusCreated, res.StatusCode, "%s", body)
		res, body = s.Do("PUT", "/api/v2/projects/platform/members/alice", "", idHeader("Coder-Session-Token", owner.Token))
		require.Less(t, res.StatusCode, 300, "%s", body)
		pat, err := gh.IssuePersonalToken("octocat", "repo")
		require.NoError(t, err)
		res, body = ssDo(t, s, key, "POST", "/v1/platform/git/auths/github/personal", fmt.Sprintf(`{"name":"ci","token":%q}`, pat))
		require.Less(t, res.StatusCode, 300, "%s", body)
		res, body = ssDo(t, s, key, "DELETE", "/v1/platform/git/auths/ci", "")
		require.Less(t, res.StatusCode, 300, "%s", body)

		// alice unlinks, then someone fails to sign in as her.
		res, body = s.Do("DELETE", "/api/v2/external-auth/github", "", idHeader("Coder-Session-Token", alice.Token))
		require.Less(t, res.StatusCode, 300, "%s", body)
		res, body = s.Do("POST", "/api/v2/users/login", `{"email":"alice@example.com","password":"not-her-password-at-all"}`, idHeader("Content-Type", "application/json"))
		require.Equal(t, http.StatusUnauthorized, res.StatusCode, "%s", body)

		logs, count, raw := auList(t, s, owner.Token, "")
		var steps []string
		for _, l := range logs {
			steps = append(steps, l.step())
		}
		assert.Equal(t, []string{
			"owner create user allowed 201",
			"owner login user allowed 201",
			"owner create user allowed 201", // alice, created by the owner
			"alice login user allowed 201",
			"alice create api_key allowed 201",
			"alice create external_auth_link allowed 204",
			"alice read_credential external_auth_link allowed 200",
			"owner create project allowed 201",
			"owner create project_member allowed 204",
			"alice create git_authorization allowed 200",
			"alice delete git_authorization allowed 204",
			"alice delete external_auth_link allowed 200",
			"alice login user refused 401",
		}, steps, "%s", raw)
		assert.Equal(t, len(logs), count)

		// The credential hand-out names the provider, the repository asked
		// for and the key (by id), and where the request came from.
		hand := logs[6]
		assert.Equal(t, "github", hand.AdditionalFields.ProviderID)
		assert.Equal(t, "https://"+gcHost+"/org/repo.git", hand.AdditionalFields.RepositoryURL)
		assert.Equal(t, strings.SplitN(key, "-", 2)[0], hand.AdditionalFields.APIKeyID)
		assert.Equal(t, "127.0.0.1", hand.IP)
		assert.NotEmpty(t, hand.UserAgent)
		assert.NotEqual(t, "00000000-0000-0000-0000-000000000000", hand.RequestID)
		require.NotNil(t, hand.User)
		assert.Equal(t, "alice", hand.User.Username)

		// The JSON lines carry the same records, in the same order.
		f, err := os.Open(logFile)
		require.NoError(t, err)
		defer f.Close()
		var ids []string
		sc := bufio.NewScanner(f)
		var lines strings.Builder
		for sc.Scan() {
			var line struct {
				ID     string `json:"id"`
				Action string `json:"action"`
				Result string `json:"result"`
			}
			require.NoError(t, json.Unmarshal(sc.Bytes(), &line), "%s", sc.Bytes())
			ids = append(ids, line.ID)
			lines.Write(sc.Bytes())
		}
		var want []string
		for _, l := range logs {
			want = append(want, l.ID)
		}
		assert.Equal(t, want, ids)

		// No record holds any secret of the run, not even in part.
		// Keys are {id}-{secret}: the id is public (records name keys by
		// it), the rest is checked whole and in part.
		whole := []string{owner.Token, alice.Token, key}
		secrets := []string{apitest.Password, "not-her-password-at-all", providerToken, pat}
		for _, k := range whole {
			secrets = append(secrets, strings.SplitN(k, "-", 2)[1])
		}
		secrets = append(secrets, gh.IssuedTokens()...)
		for _, kv := range env {
			if k, v, ok := strings.Cut(kv, "="); ok && strings.HasSuffix(k, "_CLIENT_SECRET") {
				secrets = append(secrets, v)
			}
		}
		for _, text := range []string{raw, lines.String()} {
			for _, k := range whole {
				assert.False(t, strings.Contains(text, k), "a record holds a whole key")
			}
			for _, sec := range secrets {
				require.NotEmpty(t, sec)
				assert.False(t, strings.Contains(text, sec), "a record holds a secret")
				if len(sec) >= 16 {
					assert.False(t, strings.Contains(text, sec[:8]) || strings.Contains(text, sec[len(sec)-8:]),
						"a record holds a part of a secret")
				}
			}
		}

		// A member reading the trail gets 403; a filter by user returns only
		// that user's records.
		res, body = s.Do("GET", "/api/v2/audit", "", idHeader("Coder-Session-Token", alice.Token))
		idExpectErr(t, res, body, http.StatusForbidden)
		mine, n, _ := auList(t, s, owner.Token, "username:alice")
		require.NotEmpty(t, mine)
		assert.Equal(t, len(mine), n)
		for _, l := range mine {
			assert.Equal(t, "alice", l.AdditionalFields.Username)
		}
		handouts, _, _ := auList(t, s, owner.Token, "username:alice action:read_credential")
		require.Len(t, handouts, 1)
		assert.Equal(t, hand.ID, handouts[0].ID)
	})
}

// When a record cannot be written, nothing is handed out: 503 in the
// route's dialect, a metric and a log line, and nothing is left behind.
func TestAuditWriteFailureHandsOutNothing(t *testing.T) {
	t.Parallel()
	gh := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, DeviceInterval: 1})
	gh.AddUser(fakeprovider.User{Login: "octocat", Name: "The Octocat"})
	env := gcProviderEnv(gh, 0, "github", "github", `^https://`+regexp.QuoteMeta(gcHost)+`(/.*)?$`)
	dir := t.TempDir()
	s := apitest.StartEnv(t, env, "--data-dir", dir, "--prometheus-enable", "--prometheus-address", "127.0.0.1:0")
	owner := s.CreateOwner(t)
	gcLinkDevice(t, s, gh, owner.Token, "github")
	key := gcAPIToken(t, s, owner.Token)
	res, body := s.Do("POST", "/api/v2/projects", `{"id":"platform","name":"Platform"}`, idHeader("Coder-Session-Token", owner.Token, "Content-Type", "application/json"))
	require.Equal(t, http.StatusCreated, res.StatusCode, "%s", body)
	pat, err := gh.IssuePersonalToken("octocat", "repo")
	require.NoError(t, err)

	// The audit table refuses every insert from now on (another connection
	// to the same database file adds a trigger).
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "gitauthd.db")+"?_pragma=busy_timeout(5000)")
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(`CREATE TRIGGER audit_refuses BEFORE INSERT ON audit_segments BEGIN SELECT RAISE(ABORT, 'the disk says no'); END`)
	require.NoError(t, err)

	match := url.QueryEscape("https://" + gcHost + "/org/repo.git")
	res, body = s.Do("GET", "/api/v2/git-credentials?match="+match, "", idHeader("Coder-Session-Token", key))
	e := idExpectErr(t, res, body, http.StatusServiceUnavailable)
	assert.Contains(t, e.Message, "audit trail")
	for _, tok := range gh.IssuedTokens() {
		assert.NotContains(t, string(body), tok)
	}

	res, body = ssDo(t, s, key, "POST", "/v1/platform/git/auths/github/personal", fmt.Sprintf(`{"name":"ci","token":%q}`, pat))
	code, msg := idServiceStageError(t, res, body, http.StatusServiceUnavailable)
	assert.Equal(t, "SVCSTG.REPO.0503", code)
	assert.Contains(t, msg, "audit trail")
	assert.NotContains(t, string(body), pat)
	// The authorization was not kept.
	res, body = ssDo(t, s, key, "GET", "/v1/platform/git/auths", "")
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	assert.NotContains(t, string(body), `"ci"`)

	// A new API token is not handed out either, and does not exist.
	res, body = s.Do("POST", "/api/v2/users/me/keys/tokens", `{"token_name":"unrecorded"}`, idHeader("Coder-Session-Token", owner.Token, "Content-Type", "application/json"))
	idExpectErr(t, res, body, http.StatusServiceUnavailable)
	res, body = s.Do("GET", "/api/v2/users/me/keys/tokens", "", idHeader("Coder-Session-Token", owner.Token))
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	assert.NotContains(t, string(body), "unrecorded")

	assert.Contains(t, s.Logs.String(), "audit record not written; nothing handed out")
	families, err := s.App.Metrics.Registry().Gather()
	require.NoError(t, err)
	failures := 0.0
	for _, f := range families {
		if f.GetName() == "gitauthd_audit_write_failures_total" {
			failures = f.GetMetric()[0].GetCounter().GetValue()
		}
	}
	assert.GreaterOrEqual(t, failures, 3.0)
}

// The life of a user is on the trail: suspension, activation, a password
// set by an administrator and deletion, each naming the user, and a member's
// refused attempt as a refusal.
func TestAuditUserLifecycle(t *testing.T) {
	t.Parallel()
	auEngines(t, func(t *testing.T, args ...string) {
		s := apitest.Start(t, args...)
		owner := s.CreateOwner(t)
		bob := s.CreateMember(t, owner, "bob")
		as := func(token string) http.Header {
			return idHeader("Coder-Session-Token", token, "Content-Type", "application/json")
		}
		res, body := s.Do("PUT", "/api/v2/users/owner/status/suspend", "", as(bob.Token))
		idExpectErr(t, res, body, http.StatusForbidden)
		for _, step := range []struct{ method, path, body string }{
			{"PUT", "/api/v2/users/bob/status/suspend", ""},
			{"PUT", "/api/v2/users/bob/status/activate", ""},
			{"PUT", "/api/v2/users/bob/password", `{"password":"a-new-long-password-for-bob"}`},
			{"DELETE", "/api/v2/users/bob", ""},
		} {
			res, body := s.Do(step.method, step.path, step.body, as(owner.Token))
			require.Less(t, res.StatusCode, 300, "%s %s: %s", step.method, step.path, body)
		}
		logs, _, raw := auList(t, s, owner.Token, "resource_type:user")
		var steps []string
		for _, l := range logs {
			if l.Action != "login" && l.Action != "create" {
				steps = append(steps, l.step()+" "+l.ResourceTarget)
			}
		}
		assert.Equal(t, []string{
			"bob suspend user refused 403 owner",
			"owner suspend user allowed 200 bob",
			"owner activate user allowed 200 bob",
			"owner write user allowed 204 bob",
			"owner delete user allowed 200 bob",
		}, steps, "%s", raw)
		assert.NotContains(t, raw, "a-new-long-password-for-bob")
	})
}
