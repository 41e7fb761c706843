//go:build readme

// Package readme runs the README's quick start as a user would: every
// command block marked with a `<!-- readme-test: ID [options] -->` comment,
// in order, verbatim, from the repository's root, against a fresh server.
// `make test-readme` runs it (the build tag keeps it out of `go test ./...`,
// which would run it a second time).
//
// Options of a marker:
//
//	background       the block runs on (a server); the next blocks run beside it
//	wait=URL         a background block is ready when URL answers HTTP
//	stops=ID         before it starts, the background block ID gets SIGINT (Ctrl-C)
//
// The other blocks share one shell's variables (TOKEN, KEY, …) and must
// exit 0; curl fails on an HTTP error status (a shim adds --fail-with-body).
// The only change made to the text is the address: 127.0.0.1:3000 and
// 127.0.0.1:8090 become free loopback ports, and `make run` listens on the
// first through GITAUTHD_HTTP_ADDRESS. HOME is a fresh directory, so the
// default --data-dir is empty.
package readme

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// blocks are the marked blocks the README must have, in this order, with
// what each one's output must show. A marker that disappears fails the test.
var blocks = []struct {
	id     string
	expect []string // regular expressions its output must match
}{
	{"quick-start-server", nil},
	{"quick-start-owner", []string{`"username":"admin"`}},
	{"servicestage-member", []string{`"username":"alice"`}},
	{"servicestage-provider", nil},
	{"servicestage-server", nil},
	{"servicestage-project", []string{`"id":"platform"`}},
	{"servicestage-auths", []string{
		`"name":"ci-github"`,
		`"repo_user":"octocat"`,
		`"status":0`,
		`\{"authorizations":\[\],"count":0\}`, // the list after the delete
	}},
}

const (
	readmeServer   = "127.0.0.1:3000"
	readmeProvider = "127.0.0.1:8090"
	startTimeout   = 5 * time.Minute // `make run` builds the binary first
)

type block struct {
	id         string
	background bool
	wait       string
	stops      string
	text       string
}

var marker = regexp.MustCompile(`^<!-- readme-test: (\S+)((?: \S+)*) -->$`)

func parse(t *testing.T, readme string) []block {
	t.Helper()
	lines := strings.Split(readme, "\n")
	var out []block
	for i := 0; i < len(lines); i++ {
		m := marker.FindStringSubmatch(lines[i])
		if m == nil {
			if strings.Contains(lines[i], "readme-test") {
				t.Fatalf("README.md:%d: malformed marker %q", i+1, lines[i])
			}
			continue
		}
		b := block{id: m[1]}
		for _, opt := range strings.Fields(m[2]) {
			k, v, _ := strings.Cut(opt, "=")
			switch k {
			case "background":
				b.background = true
			case "wait":
				b.wait = v
			case "stops":
				b.stops = v
			default:
				t.Fatalf("README.md:%d: unknown marker option %q", i+1, opt)
			}
		}
		if i+1 >= len(lines) || lines[i+1] != "```sh" {
			t.Fatalf("README.md:%d: marker %s is not followed by a ```sh block", i+1, b.id)
		}
		var body []string
		for i += 2; i < len(lines) && lines[i] != "```"; i++ {
			body = append(body, lines[i])
		}
		if i == len(lines) {
			t.Fatalf("README.md: block %s is not closed", b.id)
		}
		b.text = strings.Join(body, "\n") + "\n"
		if b.background && b.wait == "" {
			t.Fatalf("README.md: background block %s has no wait=URL", b.id)
		}
		out = append(out, b)
	}
	return out
}

func TestReadmeQuickStart(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	found := parse(t, string(raw))
	var got, want []string
	for _, b := range found {
		got = append(got, b.id)
	}
	for _, b := range blocks {
		want = append(want, b.id)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("README.md's marked blocks are\n  %v\nthe test expects\n  %v\n(a block lost its marker, or the walkthrough changed: update both)", got, want)
	}

	serverAddr, providerAddr := freeAddr(t), freeAddr(t)
	r := newRunner(t, root, serverAddr)
	defer r.stopAll()
	t.Cleanup(func() { _ = os.Remove(filepath.Join(root, "fake.env")) })
	for i, b := range found {
		text := strings.NewReplacer(readmeServer, serverAddr, readmeProvider, providerAddr).Replace(b.text)
		wait := strings.NewReplacer(readmeServer, serverAddr, readmeProvider, providerAddr).Replace(b.wait)
		if b.stops != "" {
			r.stop(b.stops)
		}
		if b.background {
			r.start(b.id, text, wait)
			continue
		}
		out := r.run(b.id, text)
		for _, e := range blocks[i].expect {
			if !regexp.MustCompile(e).MatchString(out) {
				r.dumpLogs()
				t.Fatalf("block %s: output does not match %s:\n%s", b.id, e, out)
			}
		}
	}
}

// runner runs blocks in one environment; foreground blocks hand their
// shell variables to the next through a state file.
type runner struct {
	t     *testing.T
	root  string
	dir   string
	env   []string
	state string
	bg    map[string]*exec.Cmd
	logs  map[string]string
	order []string
}

func newRunner(t *testing.T, root, serverAddr string) *runner {
	dir := t.TempDir()
	r := &runner{t: t, root: root, dir: dir, state: filepath.Join(dir, "state.sh"),
		bg: map[string]*exec.Cmd{}, logs: map[string]string{}}
	realCurl, err := exec.LookPath("curl")
	if err != nil {
		t.Fatal("curl is needed: the README's commands use it")
	}
	shims := filepath.Join(dir, "bin")
	must(t, os.MkdirAll(shims, 0o755))
	must(t, os.WriteFile(filepath.Join(shims, "curl"),
		[]byte("#!/bin/sh\nexec "+realCurl+" --fail-with-body --show-error \"$@\"\n"), 0o755))
	home := filepath.Join(dir, "home")
	must(t, os.MkdirAll(home, 0o755))
	// The Go caches stay where they are (a fresh HOME would rebuild the
	// world); everything of gitauthd's is fresh.
	goenv, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH").Output()
	must(t, err)
	gv := strings.Fields(string(goenv))
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GITAUTHD_") || strings.HasPrefix(kv, "HOME=") ||
			strings.HasPrefix(kv, "XDG_") || strings.HasPrefix(kv, "PATH=") || strings.HasPrefix(kv, "MAKEFLAGS=") ||
			strings.HasPrefix(kv, "MAKELEVEL=") {
			continue
		}
		r.env = append(r.env, kv)
	}
	r.env = append(r.env, "HOME="+home, "PATH="+shims+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GOCACHE="+gv[0], "GOMODCACHE="+gv[1], "GOPATH="+gv[2], "GITAUTHD_HTTP_ADDRESS="+serverAddr)
	must(t, os.WriteFile(r.state, nil, 0o600))
	return r
}

// script wraps a block: load the variables of the blocks before, run it
// with errexit and pipefail, save the variables for the blocks after.
func (r *runner) script(text string, save bool) string {
	s := "set -eo pipefail\n. " + shellQuote(r.state) + "\nset -a\n" + text
	if save {
		s += "set +a\nexport -p > " + shellQuote(r.state) + ".new && mv " + shellQuote(r.state) + ".new " + shellQuote(r.state) + "\n"
	}
	return s
}

func (r *runner) command(ctx context.Context, id, text string, save bool) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "bash", "-c", r.script(text, save))
	cmd.Dir = r.root
	cmd.Env = r.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd
}

func (r *runner) run(id, text string) string {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := r.command(ctx, id, text, true)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	r.t.Logf("block %s:\n%s", id, out.String())
	if err != nil {
		r.dumpLogs()
		r.t.Fatalf("block %s failed (%v):\n%s\n--- its commands:\n%s", id, err, out.String(), text)
	}
	return out.String()
}

func (r *runner) start(id, text, wait string) {
	r.t.Helper()
	log := filepath.Join(r.dir, id+".log")
	f, err := os.Create(log)
	must(r.t, err)
	defer f.Close()
	cmd := r.command(context.Background(), id, text, false)
	cmd.Stdout, cmd.Stderr = f, f
	must(r.t, cmd.Start())
	r.bg[id], r.logs[id] = cmd, log
	r.order = append(r.order, id)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(startTimeout)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		select {
		case err := <-exited:
			r.bg[id] = nil
			r.dumpLogs()
			r.t.Fatalf("background block %s exited before %s answered (%v)", id, wait, err)
		default:
		}
		if res, err := client.Get(wait); err == nil {
			res.Body.Close()
			r.t.Logf("block %s: %s answers %s", id, wait, res.Status)
			go func() { <-exited }()
			return
		}
		if time.Now().After(deadline) {
			r.dumpLogs()
			r.t.Fatalf("background block %s: %s did not answer within %s", id, wait, startTimeout)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// stop sends SIGINT to a background block's process group, as Ctrl-C
// does, and waits for it to be gone (SIGKILL after 30 s).
func (r *runner) stop(id string) {
	r.t.Helper()
	cmd, ok := r.bg[id]
	if !ok {
		r.t.Fatalf("stops=%s: no such background block started before", id)
	}
	if cmd == nil {
		return
	}
	r.bg[id] = nil
	pgid := cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGINT)
	for i := 0; i < 300; i++ {
		if syscall.Kill(-pgid, 0) != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	r.t.Errorf("background block %s did not stop on SIGINT within 30 s", id)
}

func (r *runner) stopAll() {
	for i := len(r.order) - 1; i >= 0; i-- {
		r.stop(r.order[i])
	}
}

func (r *runner) dumpLogs() {
	for _, id := range r.order {
		b, _ := os.ReadFile(r.logs[id])
		r.t.Logf("--- log of background block %s:\n%s", id, tail(b, 60))
	}
}

func tail(b []byte, n int) string {
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	defer ln.Close()
	return ln.Addr().String()
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			err = fmt.Errorf("%w: %s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
}
