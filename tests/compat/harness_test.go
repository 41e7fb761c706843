package compat

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// root is the repository's root, two levels up from this module.
var (
	root         string
	gitauthdBin  string // bin/gitauthd, as `make build` makes it
	fakeProvider string // cmd/fakeprovider, built by TestMain
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	root = filepath.Dir(filepath.Dir(wd))
	gitauthdBin = os.Getenv("COMPAT_GITAUTHD_BIN")
	if gitauthdBin == "" {
		gitauthdBin = filepath.Join(root, "bin", "gitauthd")
	}
	if _, err := os.Stat(gitauthdBin); err != nil {
		fmt.Fprintf(os.Stderr, "compat: %s is missing: run `make build` first (or `make test-compat`, which does)\n", gitauthdBin)
		return 1
	}
	tmp, err := os.MkdirTemp("", "compat-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	fakeProvider = filepath.Join(tmp, "fakeprovider")
	build := exec.Command("go", "build", "-o", fakeProvider, "./cmd/fakeprovider")
	build.Dir = root
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "compat: building cmd/fakeprovider: %v\n", err)
		return 1
	}
	return m.Run()
}

// startFake runs cmd/fakeprovider on a free loopback port with args and
// returns the GITAUTHD_EXTERNAL_AUTH_* variables it prints.
func startFake(t *testing.T, args ...string) []string {
	t.Helper()
	cmd := exec.Command(fakeProvider, append([]string{"--addr", "127.0.0.1:0"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("fakeprovider %v logs:\n%s", args, logs.String())
		}
	})
	var env []string
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		line := lines.Text()
		kv, ok := strings.CutPrefix(line, "export ")
		if !ok {
			if strings.HasPrefix(line, "#") {
				continue
			}
			break
		}
		k, v, _ := strings.Cut(kv, "=")
		env = append(env, k+"="+strings.ReplaceAll(strings.Trim(v, "'"), `'\''`, "'"))
		if strings.HasSuffix(k, "_DISPLAY_NAME") {
			break // the last variable the fake prints
		}
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	if len(env) == 0 {
		t.Fatalf("fakeprovider printed no configuration: %s", logs.String())
	}
	return env
}

// server is a running bin/gitauthd.
type server struct {
	URL     string
	DataDir string
	logs    *lockedBuffer
}

// startServer runs bin/gitauthd on a free loopback port with a fresh data
// directory, the environment env and args, and waits until it is ready.
func startServer(t *testing.T, env []string, args ...string) *server {
	t.Helper()
	s := &server{DataDir: t.TempDir(), logs: &lockedBuffer{}}
	addr := freeAddr(t)
	s.URL = "http://" + addr
	cmd := exec.Command(gitauthdBin, append([]string{"server", "--http-address", addr, "--data-dir", s.DataDir}, args...)...)
	// The server refuses GITAUTHD_* variables it does not know: it gets
	// only env, never the caller's.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GITAUTHD_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdout, cmd.Stderr = s.logs, s.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("gitauthd logs:\n%s", s.logs.String())
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		res, err := http.Get(s.URL + "/readyz")
		if err == nil {
			_ = res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		select {
		case <-exited:
			t.Fatalf("gitauthd exited at start:\n%s", s.logs.String())
		case <-ctx.Done():
			t.Fatalf("gitauthd did not become ready at %s: %v\n%s", s.URL, err, s.logs.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// freeAddr returns a loopback address with a port free at the time of the
// call.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// lockedBuffer collects a process's output.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
