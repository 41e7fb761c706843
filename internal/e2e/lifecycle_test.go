package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/deployment"
)

// binaryVersion is linked into the binary the lifecycle tests build, so that
// they can tell they talk to it.
const binaryVersion = "v1.2.3-e2e"

// buildBinary builds ./cmd/server into dir, as `make build` does.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the binary with")
	}
	out := filepath.Join(dir, "gitauthd")
	cmd := exec.Command(goBin, "build", "-trimpath",
		"-ldflags", "-X github.com/gitauthd/gitauthd/internal/general.Version="+binaryVersion,
		"-o", out, "github.com/gitauthd/gitauthd/cmd/server")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	return out
}

// cleanEnv is the test's environment without any GITAUTHD_ variable, plus
// extra.
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, deployment.EnvPrefix) {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// lines collects a stream line by line, and lets a test wait for a line.
type lines struct {
	mu    sync.Mutex
	all   []string
	added chan struct{}
	done  chan struct{}
}

func collectLines(r io.Reader) *lines {
	l := &lines{added: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(l.done)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			l.mu.Lock()
			l.all = append(l.all, sc.Text())
			l.mu.Unlock()
			select {
			case l.added <- struct{}{}:
			default:
			}
		}
	}()
	return l
}

func (l *lines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.all, "\n")
}

// wait returns the first line matching re, waiting up to d for it.
func (l *lines) wait(t *testing.T, re *regexp.Regexp, d time.Duration) []string {
	t.Helper()
	deadline := time.After(d)
	for {
		l.mu.Lock()
		for _, line := range l.all {
			if m := re.FindStringSubmatch(line); m != nil {
				l.mu.Unlock()
				return m
			}
		}
		l.mu.Unlock()
		select {
		case <-l.added:
		case <-l.done:
			// Drain what was added last, then give up.
			l.mu.Lock()
			for _, line := range l.all {
				if m := re.FindStringSubmatch(line); m != nil {
					l.mu.Unlock()
					return m
				}
			}
			l.mu.Unlock()
			t.Fatalf("stream ended without a line matching %q:\n%s", re, l.String())
		case <-deadline:
			t.Fatalf("no line matching %q within %v:\n%s", re, d, l.String())
		}
	}
}

// proc is a running gitauthd process.
type proc struct {
	cmd    *exec.Cmd
	URL    string
	Stdout *lines
	Stderr *lines
	exited chan struct{}
	err    error
}

var listenRE = regexp.MustCompile(`^gitauthd is listening on (http://\S+) `)

// startBinary runs `gitauthd server args...` and waits until it says where it
// listens. The process is killed when the test ends if it still runs.
func startBinary(t *testing.T, bin string, env []string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"server"}, args...)...)
	cmd.Env = env
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	p := &proc{cmd: cmd, Stdout: collectLines(stdout), Stderr: collectLines(stderr), exited: make(chan struct{})}
	go func() {
		<-p.Stdout.done
		<-p.Stderr.done
		p.err = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = cmd.Process.Kill()
			<-p.exited
		}
	})
	p.URL = p.Stdout.wait(t, listenRE, 20*time.Second)[1]
	return p
}

// stop sends SIGTERM and returns the exit code.
func (p *proc) stop(t *testing.T) int {
	t.Helper()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	return p.wait(t)
}

func (p *proc) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-p.exited:
	case <-time.After(20 * time.Second):
		t.Fatalf("gitauthd did not exit\nstdout:\n%s\nstderr:\n%s", p.Stdout, p.Stderr)
	}
	var ee *exec.ExitError
	if errors.As(p.err, &ee) {
		return ee.ExitCode()
	}
	require.NoError(t, p.err)
	return 0
}

// getJSON GETs url with an optional session token and decodes the answer.
func getJSON(t *testing.T, url, token string, into any) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Coder-Session-Token", token)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	if into != nil && res.StatusCode < 300 {
		require.NoError(t, json.Unmarshal(body, into), "%s", body)
	}
	return res.StatusCode
}

func postJSON(t *testing.T, url, body string) (int, []byte) {
	t.Helper()
	res, err := http.Post(url, "application/json", strings.NewReader(body))
	require.NoError(t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, data
}

// TestBinary builds the binary once and runs it as an operator would.
func TestBinary(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t, t.TempDir())

	t.Run("serve, announce, stop", func(t *testing.T) {
		t.Parallel()
		dataDir := t.TempDir()
		addr := apitest.FreePort(t)
		p := startBinary(t, bin, cleanEnv(), "--data-dir", dataDir, "--http-address", addr)
		assert.Equal(t, "http://"+addr, p.URL)
		p.Stdout.wait(t, regexp.MustCompile(`^No users yet\. Create the first user`), 5*time.Second)
		hint := p.Stdout.wait(t, regexp.MustCompile(`curl -X POST (\S+/api/v2/users/first)`), 5*time.Second)
		assert.Equal(t, p.URL+"/api/v2/users/first", hint[1])

		var info struct {
			Version      string `json:"version"`
			ExternalURL  string `json:"external_url"`
			DeploymentID string `json:"deployment_id"`
		}
		require.Equal(t, http.StatusOK, getJSON(t, p.URL+"/api/v2/buildinfo", "", &info))
		assert.True(t, strings.HasPrefix(info.Version, binaryVersion), "version %q", info.Version)
		assert.Equal(t, p.URL, info.ExternalURL)
		assert.FileExists(t, filepath.Join(dataDir, "gitauthd.db"))

		// The hint's command works as printed.
		status, body := postJSON(t, hint[1], `{"email":"you@example.com","username":"you","password":"`+apitest.Password+`"}`)
		require.Equal(t, http.StatusCreated, status, "%s", body)

		assert.Equal(t, 0, p.stop(t), "exit code after SIGTERM\nstderr:\n%s", p.Stderr)
		_, err := net.DialTimeout("tcp", addr, time.Second)
		assert.Error(t, err, "still listening after exit")

		// Started again on the same data: no hint, same deployment.
		p = startBinary(t, bin, cleanEnv(), "--data-dir", dataDir, "--http-address", addr)
		var again struct {
			DeploymentID string `json:"deployment_id"`
		}
		require.Equal(t, http.StatusOK, getJSON(t, p.URL+"/api/v2/buildinfo", "", &again))
		assert.Equal(t, info.DeploymentID, again.DeploymentID)
		assert.Equal(t, 0, p.stop(t))
		assert.NotContains(t, p.Stdout.String(), "No users yet")
	})

	t.Run("SIGINT stops too", func(t *testing.T) {
		t.Parallel()
		p := startBinary(t, bin, cleanEnv(), "--in-memory", "--http-address", "127.0.0.1:0", "--log-human", "")
		require.NoError(t, p.cmd.Process.Signal(os.Interrupt))
		assert.Equal(t, 0, p.wait(t))
	})

	t.Run("a request in flight at SIGTERM completes", func(t *testing.T) {
		t.Parallel()
		// The slow request is a CSP report whose body the client sends in two
		// halves. The server reads the headers and starts the request (the
		// contract middleware reads the body to validate it), then blocks on
		// the body. Between the halves the process gets SIGTERM: it must stop
		// accepting connections, yet finish this request and answer it, then
		// exit 0. Nothing depends on timing but the connection's own order of
		// bytes: the second half is sent only once the server has logged that
		// it is shutting down and its listener is closed.
		// Logs go to stderr, human-readable (the default).
		p := startBinary(t, bin, cleanEnv(), "--in-memory", "--http-address", "127.0.0.1:0")
		addr := strings.TrimPrefix(p.URL, "http://")
		body := `{"csp-report":{"document-uri":"http://x.test/","violated-directive":"img-src","blocked-uri":"https://in-flight.example.test/"}}`
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		half := len(body) / 2
		_, err = fmt.Fprintf(conn, "POST /api/v2/csp/reports HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
			addr, len(body), body[:half])
		require.NoError(t, err)
		// Give the server a moment to read what was sent; even if it has not
		// yet, a connection with bytes pending is not closed by a graceful
		// shutdown.
		time.Sleep(100 * time.Millisecond)

		require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
		p.Stderr.wait(t, regexp.MustCompile(`shutting down`), 10*time.Second)
		require.Eventually(t, func() bool {
			c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
			if err == nil {
				c.Close()
			}
			return err != nil
		}, 5*time.Second, 20*time.Millisecond, "the listener stayed open after SIGTERM")
		select {
		case <-p.exited:
			t.Fatalf("the server exited with a request in flight\nstderr:\n%s", p.Stderr)
		default:
		}

		_, err = io.WriteString(conn, body[half:])
		require.NoError(t, err)
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		require.NoError(t, err)
		data, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, res.StatusCode, "%s", data)
		assert.Equal(t, `"ok"`, strings.TrimSpace(string(data)))
		assert.Equal(t, 0, p.wait(t))
		assert.Contains(t, p.Stderr.String(), "in-flight.example.test", "the report was not logged")
	})

	t.Run("help", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		var stdout, stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, bin, "server", "--help")
		cmd.Env = cleanEnv()
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		require.NoError(t, cmd.Run(), "stderr: %s", stderr.String())
		out := stdout.String()
		for _, o := range deployment.Options(&deployment.Values{}) {
			if o.Hidden {
				continue
			}
			if o.Flag != "" {
				assert.Contains(t, out, "--"+o.Flag+" ", "--help does not list --%s", o.Flag)
			} else {
				assert.Contains(t, out, o.Name, "--help does not list %q", o.Name)
			}
			assert.Contains(t, out, o.Env, "--help does not mention %s", o.Env)
		}

		for _, args := range [][]string{{"--help"}, {"help"}, {"version"}} {
			var so bytes.Buffer
			cmd := exec.CommandContext(ctx, bin, args...)
			cmd.Env = cleanEnv()
			cmd.Stdout = &so
			require.NoError(t, cmd.Run(), "%v", args)
			assert.NotEmpty(t, so.String(), "%v", args)
		}
	})

	t.Run("invalid options exit 2", func(t *testing.T) {
		t.Parallel()
		base := []string{"--in-memory", "--http-address", "127.0.0.1:0", "--log-human", ""}
		cases := []struct {
			name string
			args []string
			env  []string
			want string
		}{
			{"bad address", []string{"--http-address", "nope"}, nil, "--http-address"},
			{"unknown flag", []string{"--no-such-flag"}, nil, "--no-such-flag"},
			{"unknown env", nil, []string{"GITAUTHD_FOO=1"}, "GITAUTHD_FOO"},
			{"bad env value", nil, []string{"GITAUTHD_SESSION_DURATION=forever"}, "GITAUTHD_SESSION_DURATION"},
			{"bad duration", []string{"--session-duration", "abc"}, nil, "--session-duration"},
			{"positional argument", []string{"extra"}, nil, "extra"},
			{"missing config file", []string{"--config", "no-such-file.yaml"}, nil, "--config"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				defer cancel()
				var stdout, stderr bytes.Buffer
				// base first: a later flag wins.
				cmd := exec.CommandContext(ctx, bin, append(append([]string{"server"}, base...), tc.args...)...)
				cmd.Env = cleanEnv(tc.env...)
				cmd.Dir = t.TempDir()
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				err := cmd.Run()
				var ee *exec.ExitError
				require.True(t, errors.As(err, &ee), "want exit status 2, got %v\nstdout: %s", err, stdout.String())
				assert.Equal(t, 2, ee.ExitCode())
				assert.Contains(t, stderr.String(), tc.want)
				assert.NotContains(t, stdout.String(), "listening")
			})
		}
		t.Run("no command", func(t *testing.T) {
			t.Parallel()
			err := exec.Command(bin).Run()
			var ee *exec.ExitError
			require.True(t, errors.As(err, &ee), "%v", err)
			assert.Equal(t, 2, ee.ExitCode())
		})
		t.Run("unknown command", func(t *testing.T) {
			t.Parallel()
			out, err := exec.Command(bin, "serve").CombinedOutput()
			var ee *exec.ExitError
			require.True(t, errors.As(err, &ee), "%v", err)
			assert.Equal(t, 2, ee.ExitCode())
			assert.Contains(t, string(out), `"serve"`)
		})
	})

	t.Run("value sources: flag, env, yaml, default", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		cfg := filepath.Join(dir, "gitauthd.yaml")
		require.NoError(t, os.WriteFile(cfg, []byte("ssh_config_options:\n  - ForwardAgent yes\nlogin_rate_limit: 20\nsession_duration: 3h\n"), 0o600))
		p := startBinary(t, bin,
			cleanEnv("GITAUTHD_SSH_HOSTNAME_PREFIX=from-env.", "GITAUTHD_SESSION_DURATION=4h", "GITAUTHD_LOG_HUMAN="),
			"--in-memory", "--http-address", "127.0.0.1:0", "--config", cfg, "--session-duration", "5h")

		status, body := postJSON(t, p.URL+"/api/v2/users/first", `{"email":"you@example.com","username":"you","password":"`+apitest.Password+`"}`)
		require.Equal(t, http.StatusCreated, status, "%s", body)
		status, body = postJSON(t, p.URL+"/api/v2/users/login", `{"email":"you@example.com","password":"`+apitest.Password+`"}`)
		require.Equal(t, http.StatusCreated, status, "%s", body)
		var login struct {
			SessionToken string `json:"session_token"`
		}
		require.NoError(t, json.Unmarshal(body, &login))

		var cfgResp struct {
			Config struct {
				SessionLifetime struct {
					DefaultDuration int64 `json:"default_duration"`
				} `json:"session_lifetime"`
				Config string `json:"config"`
			} `json:"config"`
			Options []struct {
				Flag        string `json:"flag"`
				Value       any    `json:"value"`
				ValueSource string `json:"value_source"`
			} `json:"options"`
		}
		require.Equal(t, http.StatusOK, getJSON(t, p.URL+"/api/v2/deployment/config", login.SessionToken, &cfgResp))
		sources := map[string]string{}
		values := map[string]any{}
		for _, o := range cfgResp.Options {
			sources[o.Flag], values[o.Flag] = o.ValueSource, o.Value
		}
		want := map[string]string{
			"config":              "flag",
			"in-memory":           "flag",
			"http-address":        "flag",
			"session-duration":    "flag", // flag beats env beats yaml
			"ssh-hostname-prefix": "env",
			"log-human":           "env",
			"ssh-config-options":  "yaml",
			"login-rate-limit":    "yaml",
			"verbose":             "",
			"max-token-lifetime":  "",
		}
		for flag, src := range want {
			assert.Equal(t, src, sources[flag], "value_source of %s", flag)
		}
		assert.Equal(t, float64(5*time.Hour), values["session-duration"])
		assert.Equal(t, int64(5*time.Hour), cfgResp.Config.SessionLifetime.DefaultDuration)
		assert.Equal(t, "from-env.", values["ssh-hostname-prefix"])
		assert.Equal(t, []any{"ForwardAgent yes"}, values["ssh-config-options"])
		assert.Equal(t, float64(20), values["login-rate-limit"])
		assert.Equal(t, cfg, cfgResp.Config.Config)

		var ssh struct {
			HostnamePrefix   string            `json:"hostname_prefix"`
			SSHConfigOptions map[string]string `json:"ssh_config_options"`
		}
		require.Equal(t, http.StatusOK, getJSON(t, p.URL+"/api/v2/deployment/ssh", login.SessionToken, &ssh))
		assert.Equal(t, "from-env.", ssh.HostnamePrefix)
		assert.Equal(t, map[string]string{"ForwardAgent": "yes"}, ssh.SSHConfigOptions)
		assert.Equal(t, 0, p.stop(t))
	})
}

// ---------------------------------------------------------------- Swagger

// externalRef finds script, link, image or frame sources that leave the
// server's origin.
var externalRef = regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//`)

func TestSwagger(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)

	t.Run("UI", func(t *testing.T) {
		res, body := s.Do(http.MethodGet, "/swagger/", "", nil)
		require.Equal(t, http.StatusOK, res.StatusCode)
		assert.True(t, strings.HasPrefix(res.Header.Get("Content-Type"), "text/html"), res.Header.Get("Content-Type"))
		html := string(body)
		assert.Contains(t, html, `id="swagger-ui"`)
		assert.Contains(t, html, "swagger-initializer.js")
		assert.Empty(t, externalRef.FindAllString(html, -1), "the UI loads something from another origin")
		csp := res.Header.Get("Content-Security-Policy")
		assert.Contains(t, csp, "default-src 'self'")
		assert.NotContains(t, csp, "http")

		// The UI's own assets are served from the binary.
		for _, asset := range []string{"swagger-initializer.js", "swagger-ui-bundle.js", "swagger-ui.css"} {
			res, body := s.Do(http.MethodGet, "/swagger/"+asset, "", nil)
			require.Equal(t, http.StatusOK, res.StatusCode, asset)
			assert.NotEmpty(t, body, asset)
		}
		_, initJS := s.Do(http.MethodGet, "/swagger/swagger-initializer.js", "", nil)
		assert.Contains(t, string(initJS), `"./openapi.json"`)
		assert.NotRegexp(t, `https?://`, string(initJS))

		// /swagger redirects to /swagger/.
		res, _ = s.Do(http.MethodGet, "/swagger", "", nil)
		assert.Equal(t, http.StatusMovedPermanently, res.StatusCode)
		assert.Equal(t, "/swagger/", res.Header.Get("Location"))
	})

	// The contract, as written: api/openapi.yaml.
	contract, err := openapi3.NewLoader().LoadFromFile(filepath.Join("..", "..", "api", "openapi.yaml"))
	require.NoError(t, err)
	contractIDs := operationIDs(contract)
	// The General group, the identity routes, external auth and ServiceStage.
	for _, id := range []string{
		"apiRoot", "getBuildInfo", "reportCSPViolations", "getDeploymentConfig", "getDeploymentSSHConfig",
		"getDeploymentStats", "getEnabledExperiments", "getSafeExperiments", "getUpdateCheck", "getTokenConfig",
		"checkFirstUser", "createFirstUser", "login", "logout", "listUsers", "createUser", "getUser",
		"createToken", "listTokens", "deleteAPIKey", "getExternalAuthByID", "getExternalAuthDeviceByID",
		"postExternalAuthDeviceByID", "getGitAuthByID", "getGitAuthDeviceByID", "postGitAuthDeviceByID",
		"listGitAuthorizations",
	} {
		assert.Contains(t, contractIDs, id)
	}
	embedded, err := api.GetSpec()
	require.NoError(t, err)

	// checkOperations compares a served document's operations with the
	// contract's.
	checkOperations := func(t *testing.T, served *openapi3.T) {
		t.Helper()
		assert.Equal(t, operations(contract), operations(served), "paths and methods")
		assert.Equal(t, operationIDs(embedded), operationIDs(served), "the served spec is not the embedded one")
		assert.Equal(t, contractIDs, operationIDs(served), "operationIds exactly as in api/openapi.yaml")
	}

	t.Run("openapi.json", func(t *testing.T) {
		res, body := s.Do(http.MethodGet, "/swagger/openapi.json", "", nil)
		require.Equal(t, http.StatusOK, res.StatusCode)
		assert.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"))
		doc, err := openapi3.NewLoader().LoadFromData(body)
		require.NoError(t, err)
		require.NoError(t, doc.Validate(context.Background()))
		assert.Equal(t, "3.0.3", doc.OpenAPI)
		checkOperations(t, doc)
	})

	t.Run("openapi.yaml", func(t *testing.T) {
		res, body := s.Do(http.MethodGet, "/swagger/openapi.yaml", "", nil)
		require.Equal(t, http.StatusOK, res.StatusCode)
		assert.Contains(t, res.Header.Get("Content-Type"), "yaml")
		var generic map[string]any
		require.NoError(t, yaml.Unmarshal(body, &generic), "not YAML")
		assert.Equal(t, "3.0.3", generic["openapi"])
		paths, ok := generic["paths"].(map[string]any)
		require.True(t, ok)
		assert.Contains(t, paths, "/api/v2/buildinfo")
		doc, err := openapi3.NewLoader().LoadFromData(body)
		require.NoError(t, err)
		require.NoError(t, doc.Validate(context.Background()))
		checkOperations(t, doc)
	})

	t.Run("disabled", func(t *testing.T) {
		off := apitest.Start(t, "--swagger-enable=false")
		for _, p := range []string{"/swagger/", "/swagger/openapi.json", "/swagger/openapi.yaml", "/swagger/swagger-ui-bundle.js"} {
			res, body := off.Do(http.MethodGet, p, "", nil)
			require.Equal(t, http.StatusNotFound, res.StatusCode, p)
			assert.JSONEq(t, `{"message":"Route not found."}`, string(body), p)
		}
		// The API itself is unaffected.
		res, _ := off.Do(http.MethodGet, "/api/v2/buildinfo", "", nil)
		assert.Equal(t, http.StatusOK, res.StatusCode)
	})
}

// operations lists "METHOD path" for every operation of doc, sorted.
func operations(doc *openapi3.T) []string {
	var out []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			out = append(out, method+" "+path)
		}
	}
	sort.Strings(out)
	return out
}

// operationIDs lists the operationIds of doc, sorted.
func operationIDs(doc *openapi3.T) []string {
	var ids []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ids = append(ids, op.OperationID)
		}
	}
	sort.Strings(ids)
	return ids
}
