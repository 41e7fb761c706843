package pgtest

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Cluster is a throwaway PostgreSQL server of one test, on a loopback port
// of its own, that the test may stop, crash and restart. Its files are
// deleted when the test ends.
type Cluster struct {
	// URL connects to its database "gitauthd" (trust authentication,
	// loopback only).
	URL string

	t      testing.TB
	bindir string
	dir    string
	port   int
	mu     sync.Mutex
}

// StartCluster initialises and starts a new server. It skips the test when
// EnvURL is unset (PostgreSQL tests are off) and, unless EnvBinDir names
// them, when initdb and pg_ctl cannot be found.
func StartCluster(t testing.TB) *Cluster {
	t.Helper()
	BaseURL(t)
	bindir, err := binDir()
	if err != nil {
		if os.Getenv(EnvBinDir) != "" {
			t.Fatalf("pgtest: %v", err)
		}
		t.Skipf("pgtest: no PostgreSQL server binaries to start a cluster with (%v); set %s", err, EnvBinDir)
	}
	dir, err := os.MkdirTemp("", "gitauthd-pgtest-")
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	if err := ownDir(dir); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	c := &Cluster{t: t, bindir: bindir, dir: dir, port: freePort(t)}
	c.run(t, "initdb", "-D", c.data(), "-U", "gitauthd", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
	t.Cleanup(func() { c.stop("immediate", false) })
	c.Start()
	base := "postgres://gitauthd@127.0.0.1:" + strconv.Itoa(c.port)
	execSQL(t, base+"/postgres?sslmode=disable", `CREATE DATABASE gitauthd`)
	c.URL = base + "/gitauthd?sslmode=disable"
	return c
}

func (c *Cluster) data() string { return filepath.Join(c.dir, "data") }

// Start starts the (stopped) server on its port and waits until it accepts
// connections.
func (c *Cluster) Start() {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.run(c.t, "pg_ctl", "-D", c.data(), "-l", filepath.Join(c.dir, "server.log"), "-w", "-t", "60",
		"-o", "-c listen_addresses=127.0.0.1 -p "+strconv.Itoa(c.port)+" -k "+c.dir+" -c max_connections=100",
		"start")
}

// Stop stops the server: mode "fast" (clients are disconnected, a clean
// shutdown), "immediate" (no shutdown at all: like a crash, the next start
// recovers from the WAL) or "smart".
func (c *Cluster) Stop(mode string) {
	c.t.Helper()
	c.stop(mode, true)
}

func (c *Cluster) stop(mode string, must bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := os.Stat(filepath.Join(c.data(), "postmaster.pid")); err != nil {
		return // not running
	}
	cmd := c.command("pg_ctl", "-D", c.data(), "-m", mode, "-w", "-t", "60", "stop")
	if out, err := cmd.CombinedOutput(); err != nil && must {
		c.t.Fatalf("pgtest: pg_ctl stop -m %s: %v\n%s", mode, err, out)
	}
}

// Restart stops the server in mode and starts it again.
func (c *Cluster) Restart(mode string) {
	c.t.Helper()
	c.Stop(mode)
	c.Start()
}

// Ready reports whether the server accepts connections now.
func (c *Cluster) Ready() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, c.URL)
	if err != nil {
		return false
	}
	_ = conn.Close(ctx)
	return true
}

// Log returns the server's log so far.
func (c *Cluster) Log() string {
	b, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
	return string(b)
}

func (c *Cluster) run(t testing.TB, name string, args ...string) {
	t.Helper()
	cmd := c.command(name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("pgtest: %s: %v\n%s\nserver log:\n%s", describe(name, args), err, out.String(), c.Log())
	}
}

func (c *Cluster) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(c.bindir, name), args...)
	cmd.Dir = c.dir
	asOwner(cmd)
	return cmd
}

// binDir finds the directory of initdb and pg_ctl: EnvBinDir, else PATH
// (following links to the real directory), else pg_config --bindir.
func binDir() (string, error) {
	ok := func(dir string) bool {
		for _, name := range []string{"initdb", "pg_ctl"} {
			if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.IsDir() {
				return false
			}
		}
		return true
	}
	if d := os.Getenv(EnvBinDir); d != "" {
		if ok(d) {
			return d, nil
		}
		return "", &os.PathError{Op: "find initdb and pg_ctl", Path: d, Err: os.ErrNotExist}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil && ok(filepath.Dir(real)) {
			return filepath.Dir(real), nil
		}
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		if d := strings.TrimSpace(string(out)); ok(d) {
			return d, nil
		}
	}
	return "", os.ErrNotExist
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
