package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/client"
	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

// The git-credential tests run the real git with the real gitauthd binary
// as its credential helper, which asks an in-process server.

// gcBin is the gitauthd binary the git-credential tests share: built once
// (per run of the tests that use it) and removed when the last of them ends.
var gcBin struct {
	mu    sync.Mutex
	once  *sync.Once
	users int
	dir   string
	path  string
	err   error
}

// gcBinary builds ./cmd/server once for the git-credential tests running
// now and returns its path.
func gcBinary(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the binary with")
	}
	gcBin.mu.Lock()
	if gcBin.once == nil {
		gcBin.once = &sync.Once{}
	}
	once := gcBin.once
	gcBin.users++
	gcBin.mu.Unlock()
	t.Cleanup(func() {
		gcBin.mu.Lock()
		defer gcBin.mu.Unlock()
		if gcBin.users--; gcBin.users == 0 {
			if gcBin.dir != "" {
				_ = os.RemoveAll(gcBin.dir)
			}
			gcBin.once, gcBin.dir, gcBin.path, gcBin.err = nil, "", "", nil
		}
	})
	once.Do(func() {
		dir, err := os.MkdirTemp("", "gitauthd-e2e-")
		if err != nil {
			gcBin.mu.Lock()
			gcBin.err = err
			gcBin.mu.Unlock()
			return
		}
		out := filepath.Join(dir, "gitauthd")
		cmd := exec.Command(goBin, "build", "-o", out, "github.com/gitauthd/gitauthd/cmd/server")
		b, err := cmd.CombinedOutput()
		gcBin.mu.Lock()
		defer gcBin.mu.Unlock()
		gcBin.dir = dir
		if err != nil {
			gcBin.err = fmt.Errorf("go build: %v\n%s", err, b)
			return
		}
		gcBin.path = out
	})
	gcBin.mu.Lock()
	defer gcBin.mu.Unlock()
	require.NoError(t, gcBin.err)
	return gcBin.path
}

// gcGit is the git command; the test is skipped without one.
func gcGit(t *testing.T) string {
	t.Helper()
	g, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	return g
}

// gcHost is the host the test repositories live on; the provider's regex
// matches it (git never connects to it).
const gcHost = "github.example.test"

// gcProviderEnv configures provider index/id against fake, of type typ,
// serving repositories on gcHost.
func gcProviderEnv(fake *fakeprovider.Provider, index int, id, typ, regex string) []string {
	var env []string
	for _, kv := range fake.Env(index, id, typ) {
		if strings.Contains(kv, "_REGEX=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GITAUTHD_EXTERNAL_AUTH_"+strconv.Itoa(index)+"_REGEX="+regex)
}

// gcLinkDevice links user to provider id through the device flow of the API.
func gcLinkDevice(t *testing.T, s *apitest.Server, fake *fakeprovider.Provider, token, id string) {
	t.Helper()
	ctx := context.Background()
	c := s.Client(token)
	start, err := c.GetExternalAuthDeviceByIDWithResponse(ctx, id)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, start.StatusCode(), "start the device flow: %s", start.Body)
	require.NotEmpty(t, start.JSON200.UserCode)
	require.NoError(t, fake.ApproveDevice(start.JSON200.UserCode, ""))
	done, err := c.PostExternalAuthDeviceByIDWithResponse(ctx, id, client.PostExternalAuthDeviceByIDJSONRequestBody{DeviceCode: start.JSON200.DeviceCode})
	require.NoError(t, err)
	require.Equal(t, http.StatusNoContent, done.StatusCode(), "finish the device flow: %s", done.Body)
}

// gcAPIToken creates an API token for the holder of session.
func gcAPIToken(t *testing.T, s *apitest.Server, session string) string {
	t.Helper()
	res, err := s.Client(session).CreateTokenWithResponse(context.Background(), "me", client.CreateTokenJSONRequestBody{})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, res.StatusCode(), "create an API token: %s", res.Body)
	return res.JSON201.Key
}

// gcResult is what a command did.
type gcResult struct {
	code           int
	stdout, stderr string
}

// gcRun runs cmd with stdin and returns its exit code and output.
func gcRun(t *testing.T, cmd *exec.Cmd, stdin string) gcResult {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	r := gcResult{stdout: stdout.String(), stderr: stderr.String()}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		r.code = ee.ExitCode()
	} else {
		require.NoError(t, err, "running %s", cmd.Args)
	}
	return r
}

// gcEnv is a clean environment for git and the helper: an empty HOME, no
// system config, no prompts, nothing of the outer git setup (GIT_*), the
// given gitauthd URL and token.
func gcEnv(t *testing.T, serverURL, token string) []string {
	home := t.TempDir()
	var env []string
	for _, kv := range cleanEnv() {
		if !strings.HasPrefix(kv, "GIT_") && !strings.HasPrefix(kv, "SSH_ASKPASS=") {
			env = append(env, kv)
		}
	}
	env = append(env,
		"HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_TERMINAL_PROMPT=0",
		"LC_ALL=C",
	)
	if serverURL != "" {
		env = append(env, "GITAUTHD_URL="+serverURL)
	}
	if token != "" {
		env = append(env, "GITAUTHD_SESSION_TOKEN="+token)
	}
	return env
}

// gcFill runs `git credential fill` with only the gitauthd helper.
func gcFill(t *testing.T, bin string, env []string, useHTTPPath bool, input string) gcResult {
	t.Helper()
	args := []string{"-c", "credential.helper=", "-c", "credential.helper=!'" + bin + "' git-credential"}
	if useHTTPPath {
		args = append(args, "-c", "credential.useHttpPath=true")
	}
	cmd := exec.Command(gcGit(t), append(args, "credential", "fill")...)
	cmd.Env = env
	cmd.Dir = t.TempDir()
	return gcRun(t, cmd, input)
}

// gcHelper runs the helper itself, as git would.
func gcHelper(t *testing.T, bin string, env []string, input string, args ...string) gcResult {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"git-credential"}, args...)...)
	cmd.Env = env
	return gcRun(t, cmd, input)
}

// gcAnswer parses git's key=value answer.
func gcAnswer(out string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			m[k] = v
		}
	}
	return m
}

const gcAccessURL = "https://gitauthd.example.test"

var gcRequest = "protocol=https\nhost=" + gcHost + "\npath=org/repo.git\n\n"

func TestGitCredentialHelper(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary and runs git")
	}
	gcGit(t)
	bin := gcBinary(t)

	gh := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, DeviceInterval: 1})
	gh.AddUser(fakeprovider.User{Login: "octocat", Name: "The Octocat"})
	gl := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC, DeviceInterval: 1})
	gl.AddUser(fakeprovider.User{Login: "tanuki", Name: "Tanuki"})

	env := append(gcProviderEnv(gh, 0, "github", "github", `^https://`+regexp.QuoteMeta(gcHost)+`(/.*)?$`),
		gcProviderEnv(gl, 1, "gitlab", "gitlab", `^https://gitlab\.example\.test(/.*)?$`)...)
	s := apitest.StartEnv(t, env, "--access-url", gcAccessURL)
	owner := s.CreateOwner(t)
	token := gcAPIToken(t, s, owner.Token)
	gitEnv := gcEnv(t, s.URL, token)

	t.Run("not linked: git fails and the helper names the link URL", func(t *testing.T) {
		r := gcFill(t, bin, gitEnv, false, gcRequest)
		assert.NotEqual(t, 0, r.code, "git credential fill must fail without a link and without prompts\nstdout: %s", r.stdout)
		assert.NotContains(t, r.stdout, "password=")
		assert.Contains(t, r.stderr, "gitauthd: link your account first: "+gcAccessURL+"/external-auth/github")
		assert.Contains(t, r.stderr, "terminal prompts disabled")

		// The helper alone: nothing for git on stdout, exit 0 so that git
		// moves on to its next helper.
		h := gcHelper(t, bin, gitEnv, gcRequest, "get")
		assert.Equal(t, 0, h.code, "stderr: %s", h.stderr)
		assert.Empty(t, h.stdout)
		assert.Equal(t, "gitauthd: link your account first: "+gcAccessURL+"/external-auth/github\n", h.stderr)
	})

	gcLinkDevice(t, s, gh, owner.Token, "github")
	gcLinkDevice(t, s, gl, owner.Token, "gitlab")
	ghTokens, glTokens := gh.ValidTokens(), gl.ValidTokens()
	require.Len(t, ghTokens, 1)
	require.Len(t, glTokens, 1)
	require.True(t, strings.HasPrefix(ghTokens[0], fakeprovider.GitHubAccessTokenPrefix), ghTokens[0])

	t.Run("github: the token is the username, the password is empty", func(t *testing.T) {
		for _, useHTTPPath := range []bool{false, true} {
			r := gcFill(t, bin, gitEnv, useHTTPPath, gcRequest)
			require.Equal(t, 0, r.code, "useHttpPath=%v stderr: %s", useHTTPPath, r.stderr)
			assert.Empty(t, r.stderr)
			a := gcAnswer(r.stdout)
			assert.Equal(t, "https", a["protocol"])
			assert.Equal(t, gcHost, a["host"])
			assert.Equal(t, ghTokens[0], a["username"])
			assert.Contains(t, r.stdout, "\npassword=\n", "GitHub's mapping sends an empty password")
			assert.Equal(t, "", a["password"])
			if useHTTPPath {
				assert.Equal(t, "org/repo.git", a["path"])
			}
		}
	})

	t.Run("github: a url attribute works too", func(t *testing.T) {
		r := gcFill(t, bin, gitEnv, true, "url=https://"+gcHost+"/other/repo\n\n")
		require.Equal(t, 0, r.code, "stderr: %s", r.stderr)
		assert.Equal(t, ghTokens[0], gcAnswer(r.stdout)["username"])
	})

	t.Run("gitlab: username oauth2, the token is the password", func(t *testing.T) {
		r := gcFill(t, bin, gitEnv, true, "protocol=https\nhost=gitlab.example.test\npath=group/sub/project.git\n\n")
		require.Equal(t, 0, r.code, "stderr: %s", r.stderr)
		a := gcAnswer(r.stdout)
		assert.Equal(t, "oauth2", a["username"])
		assert.Equal(t, glTokens[0], a["password"])
	})

	t.Run("the helper alone answers exactly username and password", func(t *testing.T) {
		r := gcHelper(t, bin, gitEnv, "protocol=https\nhost=gitlab.example.test\n\n", "get")
		require.Equal(t, 0, r.code, "stderr: %s", r.stderr)
		assert.Equal(t, "username=oauth2\npassword="+glTokens[0]+"\n", r.stdout)
		assert.Empty(t, r.stderr)
	})

	t.Run("--url and --token beat the environment", func(t *testing.T) {
		env := gcEnv(t, "http://127.0.0.1:1", "not-a-token")
		r := gcHelper(t, bin, env, gcRequest, "--url", s.URL, "--token", token, "get")
		require.Equal(t, 0, r.code, "stderr: %s", r.stderr)
		assert.Equal(t, "username="+ghTokens[0]+"\npassword=\n", r.stdout)
	})

	t.Run("store and erase succeed and change nothing", func(t *testing.T) {
		for _, op := range []string{"store", "erase"} {
			r := gcHelper(t, bin, gitEnv, "protocol=https\nhost="+gcHost+"\nusername="+ghTokens[0]+"\npassword=\n\n", op)
			assert.Equal(t, 0, r.code, "%s stderr: %s", op, r.stderr)
			assert.Empty(t, r.stdout, op)
			assert.Empty(t, r.stderr, op)
		}
		for _, op := range []string{"approve", "reject"} {
			args := []string{"-c", "credential.helper=", "-c", "credential.helper=!'" + bin + "' git-credential", "credential", op}
			cmd := exec.Command(gcGit(t), args...)
			cmd.Env, cmd.Dir = gitEnv, t.TempDir()
			r := gcRun(t, cmd, "protocol=https\nhost="+gcHost+"\nusername="+ghTokens[0]+"\npassword=x\n\n")
			assert.Equal(t, 0, r.code, "git credential %s stderr: %s", op, r.stderr)
		}
		// Still linked after git "rejected" the credentials.
		r := gcFill(t, bin, gitEnv, false, gcRequest)
		require.Equal(t, 0, r.code, "stderr: %s", r.stderr)
		assert.Equal(t, ghTokens[0], gcAnswer(r.stdout)["username"])
	})

	t.Run("a session token works as well as an API token", func(t *testing.T) {
		r := gcFill(t, bin, gcEnv(t, s.URL, owner.Token), false, gcRequest)
		require.Equal(t, 0, r.code, "stderr: %s", r.stderr)
		assert.Equal(t, ghTokens[0], gcAnswer(r.stdout)["username"])
	})

	t.Run("a bad token fails with a clear message", func(t *testing.T) {
		bad := gcEnv(t, s.URL, "AAAAAAAAAA-bbbbbbbbbbbbbbbbbbbbbbbb")
		r := gcHelper(t, bin, bad, gcRequest, "get")
		assert.Equal(t, 1, r.code)
		assert.Empty(t, r.stdout)
		assert.Contains(t, r.stderr, "gitauthd git-credential: ")
		assert.Contains(t, r.stderr, "401")
		assert.Contains(t, r.stderr, "GITAUTHD_SESSION_TOKEN", "the message says what to check")
		assert.NotContains(t, r.stderr, `{"`, "the message is text, not the raw JSON body")
		assert.NotContains(t, r.stderr, "AAAAAAAAAA-bbbbbbbbbbbbbbbbbbbbbbbb", "the token is not echoed")
		assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "one line: %q", r.stderr)

		g := gcFill(t, bin, bad, false, gcRequest)
		assert.NotEqual(t, 0, g.code)
		assert.NotContains(t, g.stdout, "password=")
		assert.Contains(t, g.stderr, "gitauthd git-credential: ", "git shows the helper's message")
	})

	t.Run("a well-formed but unknown token fails the same way", func(t *testing.T) {
		r := gcHelper(t, bin, gitEnv, gcRequest, "--token", "ABCDEFGHIJ-abcdefghijklmnopqrstuv", "get")
		assert.Equal(t, 1, r.code)
		assert.Empty(t, r.stdout)
		assert.Contains(t, r.stderr, "gitauthd answered 401 Unauthorized: ")
		assert.Contains(t, r.stderr, "GITAUTHD_SESSION_TOKEN")
	})

	t.Run("no server or token configured", func(t *testing.T) {
		r := gcHelper(t, bin, gcEnv(t, "", ""), gcRequest, "get")
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, "set GITAUTHD_URL and GITAUTHD_SESSION_TOKEN")
	})

	t.Run("the server is down", func(t *testing.T) {
		r := gcHelper(t, bin, gcEnv(t, "http://"+apitest.FreePort(t), token), gcRequest, "get")
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, "gitauthd git-credential: asking gitauthd:")
	})

	t.Run("a repository no provider serves", func(t *testing.T) {
		r := gcHelper(t, bin, gitEnv, "protocol=https\nhost=bitbucket.example.test\n\n", "get")
		assert.Equal(t, 1, r.code)
		assert.Empty(t, r.stdout)
		assert.Contains(t, r.stderr, "404")
		assert.Contains(t, r.stderr, "no external auth provider matches")
	})

	t.Run("usage errors", func(t *testing.T) {
		for _, args := range [][]string{{}, {"get", "extra"}, {"--nope", "get"}} {
			r := gcHelper(t, bin, gitEnv, gcRequest, args...)
			assert.Equal(t, 2, r.code, "%q", args)
			assert.Empty(t, r.stdout, "%q", args)
			assert.Contains(t, r.stderr, "git-credential", "%q", args)
		}
		r := gcHelper(t, bin, gitEnv, gcRequest, "fill")
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, `unknown operation "fill"`)
	})

	t.Run("malformed input", func(t *testing.T) {
		r := gcHelper(t, bin, gitEnv, "protocol=https\nnonsense\n\n", "get")
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, `malformed credential line "nonsense"`)
	})
}

// TestGitCredentialWait: with --wait, the helper waits until the person
// links, then answers.
func TestGitCredentialWait(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary and runs git")
	}
	gcGit(t)
	bin := gcBinary(t)
	gh := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, DeviceInterval: 1})
	s := apitest.StartEnv(t, gcProviderEnv(gh, 0, "github", "github", `^https://`+regexp.QuoteMeta(gcHost)+`(/.*)?$`))
	owner := s.CreateOwner(t)
	env := gcEnv(t, s.URL, gcAPIToken(t, s, owner.Token))
	git, dir := gcGit(t), t.TempDir()

	done := make(chan gcResult, 1)
	go func() {
		cmd := exec.Command(git, "-c", "credential.helper=", "-c", "credential.helper=!'"+bin+"' git-credential --wait", "credential", "fill")
		cmd.Env, cmd.Dir = env, dir
		var stdout, stderr bytes.Buffer
		cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(gcRequest), &stdout, &stderr
		err := cmd.Run()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			code = -1
		}
		done <- gcResult{code: code, stdout: stdout.String(), stderr: stderr.String() + errString(err)}
	}()

	select {
	case r := <-done:
		t.Fatalf("git credential fill answered before the link: %+v", r)
	case <-time.After(1500 * time.Millisecond):
	}
	gcLinkDevice(t, s, gh, owner.Token, "github")
	select {
	case r := <-done:
		require.Equal(t, 0, r.code, "stderr: %s", r.stderr)
		assert.Equal(t, gh.ValidTokens()[0], gcAnswer(r.stdout)["username"])
	case <-time.After(30 * time.Second):
		t.Fatal("git credential fill did not answer after the link")
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
