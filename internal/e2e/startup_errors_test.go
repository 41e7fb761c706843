package e2e

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStartupErrorsNameTheFlag starts the built binary with options it
// cannot work with: each start fails at once, with one error line on stderr
// that names the option to change.
func TestStartupErrorsNameTheFlag(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	t.Parallel()
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	aFile := filepath.Join(dir, "a-file")
	require.NoError(t, os.WriteFile(aFile, []byte("x"), 0o600))
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = busy.Close() })

	cases := []struct {
		name string
		args []string
		code int
		want string // the start of the one error line, after "gitauthd: "
	}{
		{"data dir under a file", []string{"--data-dir", filepath.Join(aFile, "data")}, 1,
			"--data-dir " + filepath.Join(aFile, "data") + ": cannot create it: "},
		{"data dir is a file", []string{"--data-dir", aFile}, 1,
			"--data-dir " + aFile + ": "},
		{"address in use", []string{"--in-memory", "--http-address", busy.Addr().String()}, 1,
			"--http-address " + busy.Addr().String() + ": cannot listen: "},
		{"metrics address in use", []string{"--in-memory", "--http-address", "127.0.0.1:0",
			"--prometheus-enable", "--prometheus-address", busy.Addr().String()}, 1,
			"--prometheus-address " + busy.Addr().String() + ": cannot listen for prometheus: "},
		{"log file in a missing directory", []string{"--in-memory", "--log-json", filepath.Join(aFile, "log.json")}, 1,
			"--log-json " + filepath.Join(aFile, "log.json") + ": cannot open it: "},
		{"unreachable PostgreSQL", []string{"--data-dir", filepath.Join(dir, "pg-data"),
			"--postgres-url", "postgres://gitauthd@127.0.0.1:" + closedPort(t) + "/gitauthd?connect_timeout=2"}, 1,
			"--postgres-url: opening the database: "},
	}
	if os.Geteuid() != 0 { // root writes anywhere
		ro := filepath.Join(dir, "read-only")
		require.NoError(t, os.Mkdir(ro, 0o500))
		cases = append(cases, struct {
			name string
			args []string
			code int
			want string
		}{"read-only data dir", []string{"--data-dir", ro}, 1, "--data-dir " + ro + ": not writable: "})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			stderr, code := runFailing(t, bin, append([]string{"server", "--http-address", "127.0.0.1:0"}, c.args...)...)
			assert.Equal(t, c.code, code, stderr)
			var errLines []string
			for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
				if strings.Contains(l, "gitauthd: ") || strings.Contains(l, "level=ERROR") {
					errLines = append(errLines, l)
				}
			}
			require.Len(t, errLines, 1, "the error is printed once:\n%s", stderr)
			assert.True(t, strings.HasPrefix(errLines[0], "gitauthd: "+c.want), "got %q, want the prefix %q", errLines[0], "gitauthd: "+c.want)
		})
	}

	t.Run("logged once when the logs go to a file", func(t *testing.T) {
		t.Parallel()
		logFile := filepath.Join(dir, "server.log.json")
		stderr, code := runFailing(t, bin, "server", "--in-memory", "--http-address", busy.Addr().String(),
			"--log-human", "", "--log-json", logFile)
		assert.Equal(t, 1, code)
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		require.Len(t, lines, 1, "only the error on stderr:\n%s", stderr)
		assert.True(t, strings.HasPrefix(lines[0], "gitauthd: --http-address "+busy.Addr().String()+": cannot listen: "), lines[0])
		logged, err := os.ReadFile(logFile)
		require.NoError(t, err)
		assert.Equal(t, 1, bytes.Count(logged, []byte(`"level":"ERROR"`)), "%s", logged)
		assert.Contains(t, string(logged), "--http-address "+busy.Addr().String()+": cannot listen")
	})
}

// runFailing runs the binary, which must exit by itself, and returns its
// standard error and exit code.
func runFailing(t *testing.T, bin string, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = cleanEnv("HOME=" + t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return stderr.String(), ee.ExitCode()
	}
	require.NoError(t, err, "the server should not have started:\n%s", stderr.String())
	t.Fatalf("the server started and stopped by itself:\n%s", stderr.String())
	return stderr.String(), 0
}

// closedPort is a loopback port nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	require.NoError(t, ln.Close())
	return port
}
