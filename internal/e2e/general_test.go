package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/deployment"
	"github.com/gitauthd/gitauthd/internal/general"
)

// ---------------------------------------------------------------- helpers

// auth is the header carrying a session token.
func auth(token string) http.Header { return http.Header{"Coder-Session-Token": {token}} }

// coderError decodes a Coder-dialect error body, failing the test when the
// body is not one.
type coderError struct {
	Message     string `json:"message"`
	Detail      string `json:"detail"`
	Validations []struct {
		Field  string `json:"field"`
		Detail string `json:"detail"`
	} `json:"validations"`
}

func decodeCoderError(t *testing.T, body []byte) coderError {
	t.Helper()
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &raw), "error body is not a JSON object: %s", body)
	for k := range raw {
		assert.Contains(t, []string{"message", "detail", "validations"}, k, "unexpected key in a Coder error: %s", body)
	}
	var e coderError
	require.NoError(t, json.Unmarshal(body, &e))
	require.NotEmpty(t, e.Message, "Coder error without a message: %s", body)
	return e
}

// fields lists the validations' field names.
func (e coderError) fields() []string {
	out := make([]string, 0, len(e.Validations))
	for _, v := range e.Validations {
		out = append(out, v.Field)
	}
	return out
}

type serviceStageError struct {
	ErrorCode string `json:"error_code"`
	ErrorMsg  string `json:"error_msg"`
}

func decodeServiceStageError(t *testing.T, body []byte) serviceStageError {
	t.Helper()
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &raw), "error body is not a JSON object: %s", body)
	require.Len(t, raw, 2, "a ServiceStage error has exactly error_code and error_msg: %s", body)
	var e serviceStageError
	require.NoError(t, json.Unmarshal(body, &e))
	require.NotEmpty(t, e.ErrorCode, "no error_code: %s", body)
	require.NotEmpty(t, e.ErrorMsg, "no error_msg: %s", body)
	return e
}

// doStream sends a request whose body is read from r with no declared
// length: net/http sends such a body chunked, with no Content-Length.
func doStream(t *testing.T, s *apitest.Server, method, path string, r io.Reader, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, io.NopCloser(r))
	require.NoError(t, err)
	req.ContentLength = -1
	for k, vs := range header {
		req.Header[k] = vs
	}
	if req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := s.HTTP.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, body
}

// listenAddr is the host:port the test server listens on.
func listenAddr(t *testing.T, s *apitest.Server) string {
	t.Helper()
	u, err := url.Parse(s.URL)
	require.NoError(t, err)
	return u.Host
}

// runningVersion is the version a server in this process reports in
// /buildinfo.
func runningVersion() string {
	b := general.CurrentBuildInfo()
	if b.Commit != "" {
		return b.Version + "+" + b.Commit[:min(len(b.Commit), 7)]
	}
	return b.Version
}

// ---------------------------------------------------------------- root, buildinfo

func TestAPIRoot(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	for _, h := range []http.Header{nil, auth("not-a-key")} {
		res, body := s.Do(http.MethodGet, "/api/v2/", "", h)
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
		assert.JSONEq(t, `{"message":"👋"}`, string(body))
		assert.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"))
	}
	// The generated client agrees.
	r, err := s.Client("").ApiRootWithResponse(context.Background())
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, r.StatusCode())
	assert.Equal(t, "👋", r.JSON200.Message)
}

func TestBuildInfo(t *testing.T) {
	t.Parallel()
	t.Run("access URL", func(t *testing.T) {
		t.Parallel()
		s := apitest.Start(t, "--access-url", "https://git.example.test")
		c := s.Client("")
		first, err := c.GetBuildInfoWithResponse(context.Background())
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, first.StatusCode(), "%s", first.Body)
		b := first.JSON200
		assert.Equal(t, runningVersion(), b.Version)
		assert.Equal(t, "https://git.example.test", b.ExternalUrl)
		assert.Equal(t, "https://git.example.test", b.DashboardUrl)
		_, err = uuid.Parse(b.DeploymentId)
		assert.NoError(t, err, "deployment_id %q is not a UUID", b.DeploymentId)
		assert.False(t, b.WorkspaceProxy)
		assert.NotEmpty(t, b.AgentApiVersion)
		assert.NotEmpty(t, b.ProvisionerApiVersion)

		second, err := c.GetBuildInfoWithResponse(context.Background())
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, second.StatusCode())
		assert.Equal(t, b.DeploymentId, second.JSON200.DeploymentId, "deployment_id changed between two calls")
		assert.Equal(t, *b, *second.JSON200)
	})
	t.Run("default access URL is the listen address", func(t *testing.T) {
		t.Parallel()
		s := apitest.Start(t)
		res, body := s.Do(http.MethodGet, "/api/v2/buildinfo", "", nil)
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
		var b struct {
			ExternalURL  string `json:"external_url"`
			DashboardURL string `json:"dashboard_url"`
		}
		require.NoError(t, json.Unmarshal(body, &b))
		assert.Equal(t, s.URL, b.ExternalURL)
		assert.Equal(t, s.URL, b.DashboardURL)
	})
	t.Run("two deployments have two ids", func(t *testing.T) {
		t.Parallel()
		a, b := apitest.Start(t), apitest.Start(t)
		ra, err := a.Client("").GetBuildInfoWithResponse(context.Background())
		require.NoError(t, err)
		rb, err := b.Client("").GetBuildInfoWithResponse(context.Background())
		require.NoError(t, err)
		assert.NotEqual(t, ra.JSON200.DeploymentId, rb.JSON200.DeploymentId)
	})
}

// ---------------------------------------------------------------- update check

// releaseFeed is a GitHub-style latest-release endpoint on loopback.
type releaseFeed struct {
	*httptest.Server
	hits atomic.Int64
}

func newReleaseFeed(t *testing.T, handler func(w http.ResponseWriter, r *http.Request)) *releaseFeed {
	t.Helper()
	f := &releaseFeed{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.hits.Add(1)
		handler(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func TestUpdateCheck(t *testing.T) {
	t.Parallel()
	build := general.CurrentBuildInfo()
	release := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"tag_name":"v99.1.0","html_url":"https://releases.example.test/v99.1.0","name":"ignored"}`)
	}

	check := func(t *testing.T, s *apitest.Server) (current bool, version, url string) {
		t.Helper()
		r, err := s.Client("").GetUpdateCheckWithResponse(context.Background())
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.StatusCode(), "%s", r.Body)
		return r.JSON200.Current, r.JSON200.Version, r.JSON200.Url
	}

	t.Run("off by default", func(t *testing.T) {
		t.Parallel()
		feed := newReleaseFeed(t, release)
		s := apitest.Start(t, "--update-check-url", feed.URL)
		current, version, u := check(t, s)
		assert.True(t, current)
		assert.Equal(t, build.Version, version)
		assert.Equal(t, build.ExternalURL, u)
		assert.Zero(t, feed.hits.Load(), "the feed was fetched although update checks are off")
	})

	t.Run("newer release", func(t *testing.T) {
		t.Parallel()
		feed := newReleaseFeed(t, release)
		s := apitest.Start(t, "--update-check", "--update-check-url", feed.URL)
		current, version, u := check(t, s)
		assert.False(t, current)
		assert.Equal(t, "v99.1.0", version)
		assert.Equal(t, "https://releases.example.test/v99.1.0", u)
		// Cached: a second call does not fetch again.
		current, version, _ = check(t, s)
		assert.False(t, current)
		assert.Equal(t, "v99.1.0", version)
		assert.EqualValues(t, 1, feed.hits.Load())
	})

	broken := map[string]func(w http.ResponseWriter, r *http.Request){
		"500": func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, `{"tag_name":"v99.1.0"}`, http.StatusInternalServerError)
		},
		"garbage": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, "<html>not json")
		},
		"no tag": func(w http.ResponseWriter, _ *http.Request) {
			_, _ = io.WriteString(w, `{"html_url":"https://releases.example.test/x"}`)
		},
	}
	for name, h := range broken {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			feed := newReleaseFeed(t, h)
			s := apitest.Start(t, "--update-check", "--update-check-url", feed.URL)
			current, version, u := check(t, s)
			assert.True(t, current)
			assert.Equal(t, build.Version, version)
			assert.Equal(t, build.ExternalURL, u)
			assert.EqualValues(t, 1, feed.hits.Load())
		})
	}

	t.Run("unreachable", func(t *testing.T) {
		t.Parallel()
		feed := newReleaseFeed(t, release)
		dead := feed.URL
		feed.Close() // nothing listens there any more
		s := apitest.Start(t, "--update-check", "--update-check-url", dead)
		current, version, _ := check(t, s)
		assert.True(t, current)
		assert.Equal(t, build.Version, version)
	})

	t.Run("slow", func(t *testing.T) {
		t.Parallel()
		// The feed answers only when the test ends. The server gives up when
		// the request's own deadline passes (1 s here; the checker's fetch
		// timeout of 5 s is covered by internal/deployment's tests).
		release := make(chan struct{})
		feed := newReleaseFeed(t, func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		})
		t.Cleanup(func() { close(release) }) // runs before feed.Close
		s := apitest.Start(t, "--update-check", "--update-check-url", feed.URL, "--http-request-timeout", "1s")
		start := time.Now()
		current, version, _ := check(t, s)
		assert.Less(t, time.Since(start), 4*time.Second, "a slow feed held the answer")
		assert.True(t, current)
		assert.Equal(t, build.Version, version)
	})
}

// ---------------------------------------------------------------- CSP reports

// cspBody returns a CSP report of exactly n bytes (n ≥ 60).
func cspBody(blocked string, n int) string {
	head := `{"csp-report":{"blocked-uri":"` + blocked + `","violated-directive":"script-src-elem","x":"`
	tail := `"}}`
	pad := n - len(head) - len(tail)
	if pad < 0 {
		panic("cspBody: n too small")
	}
	return head + strings.Repeat("a", pad) + tail
}

func TestCSPReports(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)

	for _, ct := range []string{"application/json", "application/csp-report"} {
		t.Run(ct, func(t *testing.T) {
			blocked := "https://evil.example.test/" + strings.ReplaceAll(ct, "/", "-")
			body := `{"csp-report":{"document-uri":"https://git.example.test/x","violated-directive":"script-src-elem","blocked-uri":"` + blocked + `"}}`
			res, data := s.Do(http.MethodPost, "/api/v2/csp/reports", body, http.Header{"Content-Type": {ct}})
			require.Equal(t, http.StatusOK, res.StatusCode, "%s", data)
			assert.Equal(t, `"ok"`, strings.TrimSpace(string(data)))
			assert.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"))
			line := logLine(t, s, "CSP violation reported", blocked)
			assert.Equal(t, "script-src-elem", line["violated-directive"])
			assert.Equal(t, "https://git.example.test/x", line["document-uri"])
		})
	}

	t.Run("no authentication needed, a bad key is ignored", func(t *testing.T) {
		res, data := s.Do(http.MethodPost, "/api/v2/csp/reports", `{"csp-report":{}}`, auth("bogus-key"))
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", data)
	})

	t.Run("invalid report", func(t *testing.T) {
		res, data := s.Do(http.MethodPost, "/api/v2/csp/reports", `{"csp-report":5}`, nil)
		require.Equal(t, http.StatusBadRequest, res.StatusCode, "%s", data)
		e := decodeCoderError(t, data)
		assert.Contains(t, e.fields(), "csp-report")
	})

	t.Run("64 KiB is the limit", func(t *testing.T) {
		// The global limit (--http-max-body-bytes) is 1 MiB here: the 64 KiB
		// limit is the route's own.
		res, data := s.Do(http.MethodPost, "/api/v2/csp/reports", cspBody("https://at-limit.example.test", 64<<10), nil)
		require.Equal(t, http.StatusOK, res.StatusCode, "%.200s", data)

		over := cspBody("https://over-limit.example.test", 64<<10+1)
		res, data = s.Do(http.MethodPost, "/api/v2/csp/reports", over, nil)
		require.Equal(t, http.StatusRequestEntityTooLarge, res.StatusCode, "with Content-Length: %.200s", data)
		e := decodeCoderError(t, data)
		assert.Equal(t, "Request body too large.", e.Message)
		assert.Contains(t, e.Detail, "65536")

		res, data = doStream(t, s, http.MethodPost, "/api/v2/csp/reports", strings.NewReader(over), nil)
		require.Equal(t, http.StatusRequestEntityTooLarge, res.StatusCode, "chunked: %.200s", data)
		decodeCoderError(t, data)
		assert.NotContains(t, s.Logs.String(), "over-limit.example.test", "a refused report was logged")
	})
}

// logLine finds the JSON log line with msg that mentions needle, waiting a
// little for it, and returns it decoded.
func logLine(t *testing.T, s *apitest.Server, msg, needle string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		for _, l := range strings.Split(s.Logs.String(), "\n") {
			if !strings.Contains(l, needle) {
				continue
			}
			var m map[string]any
			if json.Unmarshal([]byte(l), &m) == nil && m["msg"] == msg {
				return m
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no log line %q mentioning %q in:\n%s", msg, needle, s.Logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// ---------------------------------------------------------------- deployment config

func TestDeploymentConfig(t *testing.T) {
	t.Parallel()
	// Flags apitest.Start always passes, then ours.
	flagged := map[string]bool{"http-address": true, "log-human": true, "in-memory": true}
	args := []string{
		"--access-url", "https://git.example.test/base",
		"--session-duration", "2h",
		"--default-token-lifetime", "10h",
		"--max-token-lifetime", "100h",
		"--disable-session-expiry-refresh",
		"--swagger-enable=false",
		"--metrics-cache-refresh-interval", "30m",
		"--ssh-hostname-prefix", "ga-",
		"--ssh-config-options", "ForwardAgent=yes",
		"--http-max-body-bytes", "4096",
		"--strict-transport-security", "60",
		"--secure-auth-cookie",
		"--login-rate-limit", "50",
		"--verbose",
	}
	for _, a := range args {
		if name, ok := strings.CutPrefix(a, "--"); ok {
			name, _, _ = strings.Cut(name, "=")
			flagged[name] = true
		}
	}
	s := apitest.Start(t, args...)
	owner := s.CreateOwner(t)
	member := s.CreateMember(t, owner, "member")

	res, body := s.Do(http.MethodGet, "/api/v2/deployment/config", "", auth(owner.Token))
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)

	var got struct {
		Config  map[string]any   `json:"config"`
		Options []map[string]any `json:"options"`
	}
	require.NoError(t, json.Unmarshal(body, &got))

	t.Run("config", func(t *testing.T) {
		c := got.Config
		addr := listenAddr(t, s)
		host, port, _ := net.SplitHostPort(addr)
		assert.Equal(t, addr, c["http_address"])
		assert.Equal(t, map[string]any{"host": host, "port": port}, c["address"])
		access, ok := c["access_url"].(map[string]any)
		require.True(t, ok, "access_url is not an object: %v", c["access_url"])
		assert.Equal(t, "https", access["scheme"])
		assert.Equal(t, "git.example.test", access["host"])
		assert.Equal(t, "/base", access["path"])
		assert.Equal(t, map[string]any{}, access["user"])
		assert.Equal(t, map[string]any{
			"default_duration":       float64(2 * time.Hour),
			"default_token_lifetime": float64(10 * time.Hour),
			"max_token_lifetime":     float64(100 * time.Hour),
			"disable_expiry_refresh": true,
		}, c["session_lifetime"])
		assert.Equal(t, map[string]any{"enable": false}, c["swagger"])
		assert.Equal(t, float64(30*time.Minute), c["metrics_cache_refresh_interval"])
		assert.Equal(t, map[string]any{"deploymentName": "ga-", "sshconfigOptions": []any{"ForwardAgent=yes"}}, c["config_ssh"])
		assert.Equal(t, true, c["in_memory_database"])
		assert.Equal(t, float64(60), c["strict_transport_security"])
		assert.Equal(t, []any{}, c["strict_transport_security_options"])
		assert.Equal(t, true, c["secure_auth_cookie"])
		assert.Equal(t, true, c["verbose"])
		assert.Equal(t, false, c["update_check"])
		assert.Equal(t, []any{}, c["experiments"])
		assert.Equal(t, "", c["config"])
	})

	t.Run("options", func(t *testing.T) {
		want := deployment.Options(&deployment.Values{})
		require.Len(t, got.Options, len(want), "options: one per option of the table")
		byName := map[string]map[string]any{}
		for _, o := range got.Options {
			name, _ := o["name"].(string)
			require.NotEmpty(t, name)
			require.NotContains(t, byName, name, "option %q listed twice", name)
			byName[name] = o
			for _, k := range []string{"flag", "env", "yaml", "default", "value", "value_source", "group"} {
				assert.Contains(t, o, k, "option %q has no %q", name, k)
			}
		}
		for _, w := range want {
			o, ok := byName[w.Name]
			if !assert.True(t, ok, "option %q missing", w.Name) {
				continue
			}
			assert.Equal(t, w.Flag, o["flag"], w.Name)
			assert.Equal(t, w.Env, o["env"], w.Name)
			assert.Equal(t, w.YAML, o["yaml"], w.Name)
			assert.Equal(t, w.Default, o["default"], w.Name)
			assert.Equal(t, w.Description, o["description"], w.Name)
			g, _ := o["group"].(map[string]any)
			assert.Equal(t, w.Group.Name, g["name"], "%s: group", w.Name)
			if w.Group.Parent != nil {
				p, _ := g["parent"].(map[string]any)
				assert.Equal(t, w.Group.Parent.Name, p["name"], "%s: parent group", w.Name)
			}
			wantSource := ""
			if flagged[w.Flag] {
				wantSource = "flag"
			}
			assert.Equal(t, wantSource, o["value_source"], "%s: value_source", w.Name)
		}
		// Values, as JSON, for a few options of each type.
		value := func(name string) any { return byName[name]["value"] }
		assert.Equal(t, listenAddr(t, s), value("HTTP Address"))
		assert.Equal(t, float64(2*time.Hour), value("Session Duration"))
		assert.Equal(t, float64(4096), value("HTTP Max Body Bytes"))
		assert.Equal(t, false, value("Enable Swagger Endpoint"))
		assert.Equal(t, true, value("In Memory Database"))
		assert.Equal(t, "ga-", value("SSH Host Prefix"))
		assert.Equal(t, []any{"ForwardAgent=yes"}, value("SSH Config Options"))
		assert.Equal(t, float64(time.Minute), value("HTTP Request Timeout"), "a default value")
		access, _ := value("Access URL").(map[string]any)
		assert.Equal(t, "git.example.test", access["host"])
	})

	t.Run("nothing secret", func(t *testing.T) {
		for _, o := range got.Options {
			if ann, _ := o["annotations"].(map[string]any); ann["secret"] == "true" {
				assert.Nil(t, o["value"], "secret option %v has a value", o["name"])
				assert.Empty(t, o["default"], "secret option %v has a default", o["name"])
			}
		}
		secretKey := regexp.MustCompile(`(?i)secret|password|pg_connection_url|pg_auth|encryption_keys|psk|scim|private`)
		walkJSON(got.Config, "config", func(path string, v any) {
			last := path[strings.LastIndexByte(path, '.')+1:]
			if secretKey.MatchString(last) {
				assert.True(t, isEmptyJSON(v), "%s looks secret and is not blank: %v", path, v)
			}
		})
		text := string(body)
		assert.NotContains(t, text, apitest.Password)
		assert.NotContains(t, text, owner.Token)
		assert.NotContains(t, text, strings.SplitN(owner.Token, "-", 2)[1])
	})

	t.Run("member is forbidden", func(t *testing.T) {
		res, body := s.Do(http.MethodGet, "/api/v2/deployment/config", "", auth(member.Token))
		require.Equal(t, http.StatusForbidden, res.StatusCode, "%s", body)
		assert.Equal(t, "Forbidden.", decodeCoderError(t, body).Message)
	})
	t.Run("no key", func(t *testing.T) {
		res, body := s.Do(http.MethodGet, "/api/v2/deployment/config", "", nil)
		require.Equal(t, http.StatusUnauthorized, res.StatusCode, "%s", body)
		decodeCoderError(t, body)
	})
	t.Run("bad key", func(t *testing.T) {
		res, body := s.Do(http.MethodGet, "/api/v2/deployment/config", "", auth("AAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB"))
		require.Equal(t, http.StatusUnauthorized, res.StatusCode, "%s", body)
		decodeCoderError(t, body)
	})
}

func TestDeploymentConfigDefaults(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	owner := s.CreateOwner(t)
	r, err := s.Client(owner.Token).GetDeploymentConfigWithResponse(context.Background())
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, r.StatusCode(), "%s", r.Body)
	for _, o := range r.JSON200.Options {
		switch *o.Flag {
		case "http-address", "log-human", "in-memory":
			assert.EqualValues(t, "flag", o.ValueSource, o.Name)
		default:
			assert.EqualValues(t, "", o.ValueSource, o.Name)
		}
	}
	c := r.JSON200.Config
	assert.Equal(t, int64(24*time.Hour), *c.SessionLifetime.DefaultDuration)
	assert.Equal(t, int64(time.Hour), *c.MetricsCacheRefreshInterval)
	assert.True(t, *c.Swagger.Enable)
	assert.Equal(t, "http", c.AccessUrl.Scheme)
	assert.Equal(t, listenAddr(t, s), c.AccessUrl.Host)
}

// walkJSON calls fn for every member of a decoded JSON value, with its dotted
// path.
func walkJSON(v any, path string, fn func(path string, v any)) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			p := path + "." + k
			fn(p, e)
			walkJSON(e, p, fn)
		}
	case []any:
		for i, e := range x {
			walkJSON(e, fmt.Sprintf("%s.%d", path, i), fn)
		}
	}
}

func isEmptyJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		for _, e := range x {
			if !isEmptyJSON(e) {
				return false
			}
		}
		return true
	}
	return false
}

// ---------------------------------------------------------------- ssh, stats, experiments

func TestDeploymentSSH(t *testing.T) {
	t.Parallel()
	t.Run("configured", func(t *testing.T) {
		t.Parallel()
		s := apitest.Start(t, "--ssh-hostname-prefix", "gitauthd-test.",
			"--ssh-config-options", "ForwardAgent=yes,ServerAliveInterval 30",
			"--ssh-config-options", "StrictHostKeyChecking=no")
		owner := s.CreateOwner(t)
		member := s.CreateMember(t, owner, "member")
		for _, u := range []apitest.User{owner, member} {
			r, err := s.Client(u.Token).GetDeploymentSSHConfigWithResponse(context.Background())
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, r.StatusCode(), "%s", r.Body)
			assert.Equal(t, "gitauthd-test.", r.JSON200.HostnamePrefix)
			assert.Equal(t, map[string]string{
				"ForwardAgent": "yes", "ServerAliveInterval": "30", "StrictHostKeyChecking": "no",
			}, r.JSON200.SshConfigOptions)
		}
		res, body := s.Do(http.MethodGet, "/api/v2/deployment/ssh", "", nil)
		require.Equal(t, http.StatusUnauthorized, res.StatusCode, "%s", body)
		decodeCoderError(t, body)
	})
	t.Run("defaults", func(t *testing.T) {
		t.Parallel()
		s := apitest.Start(t)
		owner := s.CreateOwner(t)
		res, body := s.Do(http.MethodGet, "/api/v2/deployment/ssh", "", auth(owner.Token))
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
		assert.JSONEq(t, `{"hostname_prefix":"gitauthd.","ssh_config_options":{}}`, string(body))
	})
}

func TestDeploymentStats(t *testing.T) {
	t.Parallel()
	before := time.Now()
	s := apitest.Start(t, "--metrics-cache-refresh-interval", "10m")
	owner := s.CreateOwner(t)
	member := s.CreateMember(t, owner, "member")

	r, err := s.Client(owner.Token).GetDeploymentStatsWithResponse(context.Background())
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, r.StatusCode(), "%s", r.Body)
	now := time.Now()
	st := r.JSON200
	assert.False(t, st.CollectedAt.Before(before.Add(-time.Second)), "collected_at %v is before the server started (%v)", st.CollectedAt, before)
	assert.False(t, st.CollectedAt.After(now), "collected_at %v is in the future (now %v)", st.CollectedAt, now)
	assert.True(t, now.Before(st.NextUpdateAt), "next_update_at %v is not after now %v", st.NextUpdateAt, now)
	assert.Equal(t, 10*time.Minute, st.NextUpdateAt.Sub(st.CollectedAt))
	assert.Equal(t, 10*time.Minute, st.CollectedAt.Sub(st.AggregatedFrom))
	assert.Zero(t, st.Workspaces.Running)
	assert.Zero(t, st.SessionCount.Ssh)

	res, body := s.Do(http.MethodGet, "/api/v2/deployment/stats", "", auth(member.Token))
	require.Equal(t, http.StatusForbidden, res.StatusCode, "%s", body)
	assert.Equal(t, "Forbidden.", decodeCoderError(t, body).Message)

	res, body = s.Do(http.MethodGet, "/api/v2/deployment/stats", "", nil)
	require.Equal(t, http.StatusUnauthorized, res.StatusCode, "%s", body)
	decodeCoderError(t, body)
}

func TestExperiments(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--experiments", "*")
	owner := s.CreateOwner(t)
	member := s.CreateMember(t, owner, "member")
	for _, path := range []string{"/api/v2/experiments", "/api/v2/experiments/available"} {
		for _, u := range []apitest.User{owner, member} {
			res, body := s.Do(http.MethodGet, path, "", auth(u.Token))
			require.Equal(t, http.StatusOK, res.StatusCode, "%s: %s", path, body)
			var list []string
			require.NoError(t, json.Unmarshal(body, &list), "%s is not a JSON array of strings: %s", path, body)
			assert.NotNil(t, list, "%s answered null", path)
			assert.Equal(t, "[]", strings.TrimSpace(string(body)), "%s: this build has no experiments", path)
		}
		res, body := s.Do(http.MethodGet, path, "", nil)
		require.Equal(t, http.StatusUnauthorized, res.StatusCode, "%s: %s", path, body)
	}
}

// TestExperimentsKnown gives the build experiments of its own (a package
// variable, read when the server starts and answers), so it does not run in
// parallel with other tests.
func TestExperimentsKnown(t *testing.T) {
	saved := deployment.KnownExperiments
	t.Cleanup(func() { deployment.KnownExperiments = saved }) // after the server stops
	deployment.KnownExperiments = []deployment.Experiment{
		{Name: "alpha", Safe: true},
		{Name: "beta"},
		{Name: "gamma", Safe: true},
	}
	s := apitest.Start(t, "--experiments", "beta,*")
	owner := s.CreateOwner(t)
	c := s.Client(owner.Token)

	enabled, err := c.GetEnabledExperimentsWithResponse(context.Background())
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, enabled.StatusCode(), "%s", enabled.Body)
	assert.Equal(t, []string{"beta", "alpha", "gamma"}, []string(*enabled.JSON200))

	safe, err := c.GetSafeExperimentsWithResponse(context.Background())
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, safe.StatusCode(), "%s", safe.Body)
	assert.Equal(t, []string{"alpha", "gamma"}, []string(*safe.JSON200))
}
