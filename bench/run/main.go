// Command run is `make bench`: it starts the gitauthd binary on embedded
// SQLite beside the in-repo fake provider, creates a user with a linked
// account through the API, and drives the hot endpoints with wrk (or, when
// wrk is missing, a Go load generator) on loopback. In the same run it
// drives a bare Echo server (bench/baseline) that answers the same bytes
// with no validation, authentication or database, and reports gitauthd's
// throughput as a ratio to it, with p50 and p99 latency, idle and loaded
// RSS and the time from start to ready. The results replace the generated
// part of docs/benchmarks.md.
//
//	go run ./bench/run --server bin/gitauthd
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

type config struct {
	server      string
	out         string
	duration    time.Duration
	warmup      time.Duration
	connections int
	threads     int
	starts      int
	rounds      int
	logs        bool
	profile     time.Duration
	keep        bool
	loadgen     string
	micro       bool
	size        sizeRows
	postgresURL string // also the size table on PostgreSQL
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	var c config
	flag.StringVar(&c.server, "server", "bin/gitauthd", "the gitauthd binary to measure (make build)")
	flag.StringVar(&c.out, "out", "docs/benchmarks.md", "file whose generated section receives the results")
	flag.DurationVar(&c.duration, "duration", 10*time.Second, "length of each measured run")
	flag.DurationVar(&c.warmup, "warmup", 2*time.Second, "unmeasured run before each measured one")
	flag.IntVar(&c.connections, "connections", 64, "concurrent connections")
	flag.IntVar(&c.threads, "threads", 2, "wrk threads")
	flag.IntVar(&c.starts, "starts", 5, "starts measured for start-to-ready (the median is reported)")
	flag.IntVar(&c.rounds, "rounds", 3, "measured runs of each endpoint, alternating gitauthd and the baseline (the median is reported)")
	flag.BoolVar(&c.logs, "logs", true, "let the server write its JSON access log (to a file), as in production")
	flag.DurationVar(&c.profile, "profile", 5*time.Second, "CPU profile taken under load on each gitauthd endpoint (0: none)")
	flag.BoolVar(&c.keep, "keep", false, "keep the work directory (profiles, logs)")
	flag.StringVar(&c.loadgen, "loadgen", "auto", "load generator: wrk, go, or auto (wrk when installed)")
	flag.BoolVar(&c.micro, "micro", true, "also run the Go micro-benchmarks (make bench-micro) and report them")
	flag.IntVar(&c.size.users, "size-users", 10000, "users bench/seed adds to the large server (0: no size table)")
	flag.IntVar(&c.size.providers, "size-providers", 10, "links per seeded user")
	flag.IntVar(&c.size.projects, "size-projects", 200, "projects bench/seed adds to the large server")
	flag.IntVar(&c.size.auths, "size-auths", 50, "authorizations per seeded project")
	flag.StringVar(&c.postgresURL, "postgres-url", os.Getenv("GITAUTHD_BENCH_POSTGRES_URL"),
		"also measure the size table on PostgreSQL: a server URL whose user may create databases (default $GITAUTHD_BENCH_POSTGRES_URL; empty: SQLite only)")
	flag.Parse()
	if err := run(c); err != nil {
		log.Fatal(err)
	}
}

// ---------------------------------------------------------------- processes

type proc struct {
	name string
	cmd  *exec.Cmd
	out  *lineBuffer
	done chan struct{}
}

// lineBuffer collects a process's output and lets the caller wait for a
// line matching a pattern.
type lineBuffer struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	cond  *sync.Cond
	ended bool
}

func newLineBuffer(r io.Reader) *lineBuffer {
	b := &lineBuffer{}
	b.cond = sync.NewCond(&b.mu)
	go func() {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			b.mu.Lock()
			b.buf.WriteString(sc.Text() + "\n")
			b.cond.Broadcast()
			b.mu.Unlock()
		}
		b.mu.Lock()
		b.ended = true
		b.cond.Broadcast()
		b.mu.Unlock()
	}()
	return b
}

func (b *lineBuffer) wait(re *regexp.Regexp, timeout time.Duration) ([]string, error) {
	deadline := time.Now().Add(timeout)
	t := time.AfterFunc(timeout, func() { b.mu.Lock(); b.cond.Broadcast(); b.mu.Unlock() })
	defer t.Stop()
	b.mu.Lock()
	defer b.mu.Unlock()
	for {
		if m := re.FindStringSubmatch(b.buf.String()); m != nil {
			return m, nil
		}
		if b.ended || time.Now().After(deadline) {
			return nil, fmt.Errorf("no line matching %q in:\n%s", re, b.buf.String())
		}
		b.cond.Wait()
	}
}

func (b *lineBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.buf.String() }

func start(name string, env []string, bin string, args ...string) (*proc, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	p := &proc{name: name, cmd: cmd, out: newLineBuffer(pr), done: make(chan struct{})}
	go func() { _ = cmd.Wait(); _ = pw.Close(); close(p.done) }()
	return p, nil
}

// stop ends the process gracefully (SIGTERM), killing it after 10 s.
func (p *proc) stop() {
	if p == nil || p.cmd.Process == nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// memory reads the process's resident set now and at its peak, in bytes.
func (p *proc) memory() (rss, hwm int64) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return -1, -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb << 10
		case "VmHWM:":
			hwm = kb << 10
		}
	}
	return rss, hwm
}

// cpu is the CPU time (user and system) the process has used.
func (p *proc) cpu() time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// The command name, in parentheses, may hold spaces: count fields
	// after it. utime and stime are fields 14 and 15, in clock ticks
	// (100 a second on Linux).
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	k, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+k) * 10 * time.Millisecond
}

// medianResult is the run of median throughput, with the median CPU per
// request of all runs.
func medianResult(rs []result) result {
	if len(rs) == 0 {
		return result{}
	}
	s := slices.Clone(rs)
	slices.SortFunc(s, func(a, b result) int { return cmpFloat(a.rps, b.rps) })
	m := s[len(s)/2]
	cpus := make([]time.Duration, 0, len(rs))
	var non2xx, errs int64
	for _, r := range rs {
		cpus = append(cpus, r.cpu)
		non2xx += r.non2xx
		errs += r.errors
	}
	m.cpu = median(cpus)
	m.non2xx, m.errors = non2xx, errs // every run's, not the median's
	return m
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// loadavg is the system's load average (1, 5, 15 minutes).
func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// ---------------------------------------------------------------- the run

type endpoint struct {
	name    string // as the table shows it
	route   string // Echo route, for the baseline
	path    string // path and query requested
	header  [2]string
	target  string // ratio target, "" for none
	min     float64
	p99Max  time.Duration // 0: no latency target
	pending string        // why the row could not be measured
	encode  string        // the contract model the baseline encodes the answer from ("": fixed bytes)
}

// benchTokens are the personal access tokens the fake provider accepts,
// one per authorization of the larger project.
func benchTokens(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("ghp_bench%031d", i)
	}
	return out
}

// maxAuths is the number of authorizations of the larger ServiceStage
// project.
const maxAuths = 500

type measurement struct {
	ep       endpoint
	server   result
	baseline result
	profile  string // pprof -top of gitauthd under this load
}

type result struct {
	rps      float64
	p50, p99 time.Duration
	requests int64
	non2xx   int64
	errors   int64
	cpu      time.Duration // CPU time the server process spent per request
}

type runInfo struct {
	date, command, machine string
	loadgen                string
	serverArgs             []string
	startFresh, startAgain []time.Duration
	rssDefault             []int64 // default configuration, once ready
	rssStart, rssIdle      int64
	loadBefore, loadAfter  string
	rssLoaded, rssPeak     int64
	measurements           []measurement
	micro                  string
	validateBefore         float64
	validateAfter          float64
	validateWindow         time.Duration
	linkReads              int64
}

func run(c config) error {
	if _, err := os.Stat(c.server); err != nil {
		return fmt.Errorf("the server binary: %w (run make build)", err)
	}
	server, err := filepath.Abs(c.server)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "gitauthd-bench-")
	if err != nil {
		return err
	}
	if c.keep {
		log.Printf("work directory: %s", work)
	} else {
		defer os.RemoveAll(work)
	}
	info := &runInfo{
		date:    time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		command: "make bench",
		machine: machine(),
	}
	switch c.loadgen {
	case "auto":
		info.loadgen = "go"
		if _, err := exec.LookPath("wrk"); err == nil {
			info.loadgen = "wrk"
		}
	case "wrk", "go":
		info.loadgen = c.loadgen
	default:
		return fmt.Errorf("--loadgen %q: want wrk, go or auto", c.loadgen)
	}

	// The helpers are built, not `go run`, so that their start-up and the
	// go command stay out of the measurements.
	bins := filepath.Join(work, "bin")
	for _, pkg := range []string{"./cmd/fakeprovider", "./bench/baseline"} {
		log.Printf("building %s", pkg)
		cmd := exec.Command("go", "build", "-o", bins+"/", pkg)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", pkg, err)
		}
	}

	// The fake provider approves device codes by itself.
	fakeAddr, err := freePort()
	if err != nil {
		return err
	}
	fake, err := start("fakeprovider", os.Environ(), filepath.Join(bins, "fakeprovider"),
		"--addr", fakeAddr, "--id", "fake", "--users", "octocat",
		"--device-auto-approve", "--device-auto-approve-after", "50ms", "--device-interval", "1",
		"--personal-token", strings.Join(benchTokens(maxAuths), ","))
	if err != nil {
		return err
	}
	defer fake.stop()
	if _, err := fake.out.wait(regexp.MustCompile(`listening on`), 30*time.Second); err != nil {
		return fmt.Errorf("fake provider: %w", err)
	}
	env := cleanEnv()
	for _, m := range regexp.MustCompile(`(?m)^export (GITAUTHD_[A-Z0-9_]+)='([^']*)'$`).FindAllStringSubmatch(fake.out.String(), -1) {
		env = append(env, m[1]+"="+m[2])
	}

	// Start to ready, on a fresh database (migrations included) and again
	// on the existing one. The helpers were just built: their dirty pages
	// are written out first, so that the migrations' fsyncs do not queue
	// behind them.
	syscall.Sync()
	for i := range c.starts {
		dir := filepath.Join(work, fmt.Sprintf("start-%d", i))
		d1, _, err := timeStart(server, env, dir)
		if err != nil {
			return err
		}
		d2, rss, err := timeStart(server, env, dir)
		if err != nil {
			return err
		}
		info.startFresh, info.startAgain = append(info.startFresh, d1), append(info.startAgain, d2)
		info.rssDefault = append(info.rssDefault, rss)
	}
	log.Printf("start to ready: fresh %v, again %v", median(info.startFresh), median(info.startAgain))

	// The server measured.
	srv, promAddr, pprofAddr, err := startMetered(c, server, env, work, "", "gitauthd")
	if err != nil {
		return err
	}
	defer srv.stop()
	info.serverArgs = srv.args
	info.rssStart, _ = srv.memory()

	api, base := srv.api, srv.api.base
	token, err := setup(api)
	if err != nil {
		return err
	}
	match := "http://" + fakeAddr + "/octocat/hello-world.git"
	endpoints := []endpoint{
		{name: "GET /api/v2/buildinfo", route: "/api/v2/buildinfo", path: "/api/v2/buildinfo", target: "≥ 0.95", min: 0.95},
		{name: "GET /api/v2/external-auth/{id} (authenticated)", route: "/api/v2/external-auth/fake", path: "/api/v2/external-auth/fake",
			header: [2]string{"Coder-Session-Token", token}, target: "≥ 0.80", min: 0.80, p99Max: 5 * time.Millisecond},
		{name: "GET /api/v2/git-credentials", route: "/api/v2/git-credentials", path: "/api/v2/git-credentials?match=" + url.QueryEscape(match),
			header: [2]string{"Coder-Session-Token", token}, target: "≥ 0.80", min: 0.80, p99Max: 5 * time.Millisecond},
	}
	tokens := benchTokens(maxAuths)
	for _, n := range []struct {
		auths int
		min   float64
	}{{1, 0.70}, {maxAuths, 0.60}} {
		svc := endpoint{name: fmt.Sprintf("GET /v1/{project_id}/git/auths, %d authorization(s)", n.auths),
			header: [2]string{"X-Auth-Token", token}, target: fmt.Sprintf("≥ %.2f", n.min), min: n.min,
			encode: "ListAuthorizationsResponse"}
		if project, why := serviceStageProject(api, token, fmt.Sprintf("bench-%d", n.auths), tokens[:min(n.auths, len(tokens))]); why != "" {
			svc.pending = why
		} else {
			svc.route = "/v1/" + project + "/git/auths"
			svc.path = svc.route
		}
		endpoints = append(endpoints, svc)
	}

	// The baseline answers what gitauthd answered.
	var responses []map[string]string
	for i, ep := range endpoints {
		if ep.pending != "" {
			continue
		}
		status, ct, body, err := api.get(ep.path, ep.header)
		if err != nil {
			return err
		}
		if status != http.StatusOK {
			return fmt.Errorf("%s answered %d: %s", ep.path, status, body)
		}
		endpoints[i] = ep
		responses = append(responses, map[string]string{"path": ep.route, "content_type": ct, "body": string(body), "encode": ep.encode})
	}
	respFile := filepath.Join(work, "responses.json")
	data, _ := json.Marshal(responses)
	if err := os.WriteFile(respFile, data, 0o600); err != nil {
		return err
	}
	bl, err := start("baseline", cleanEnv(), filepath.Join(bins, "baseline"), "--addr", "127.0.0.1:0", "--responses", respFile)
	if err != nil {
		return err
	}
	defer bl.stop()
	m, err := bl.out.wait(regexp.MustCompile(`listening on (\S+)`), 30*time.Second)
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	baseline := "http://" + m[1]

	// Idle: an idle server trims its memory within 5–10 s (see
	// internal/server/memtrim.go), after the setup's password login.
	time.Sleep(12 * time.Second)
	info.rssIdle, _ = srv.memory()
	info.loadBefore = loadavg()
	const validations = `gitauthd_provider_requests_total{endpoint="validate",outcome="success",provider="fake"}`

	for _, ep := range endpoints {
		if ep.pending != "" {
			info.measurements = append(info.measurements, measurement{ep: ep})
			log.Printf("%s: pending (%s)", ep.name, ep.pending)
			continue
		}
		log.Printf("%s", ep.name)
		var mm measurement
		mm.ep = ep
		linkRead := ep.route == "/api/v2/external-auth/fake"
		var since time.Time
		if linkRead {
			info.validateBefore, since = scrapeValue(promAddr, validations), time.Now()
		}
		var srvRuns, blRuns []result
		for round := range c.rounds {
			for _, target := range []struct {
				base string
				p    *proc
				into *[]result
			}{{base, srv.proc, &srvRuns}, {baseline, bl, &blRuns}} {
				if round == 0 {
					if _, err := load(c, info.loadgen, target.base+ep.path, ep.header, c.warmup); err != nil {
						return err
					}
				}
				cpu0 := target.p.cpu()
				r, err := load(c, info.loadgen, target.base+ep.path, ep.header, c.duration)
				if err != nil {
					return err
				}
				if r.requests > 0 {
					r.cpu = (target.p.cpu() - cpu0) / time.Duration(r.requests)
				}
				*target.into = append(*target.into, r)
				if target.p == srv.proc {
					rss, hwm := srv.memory()
					info.rssLoaded = max(info.rssLoaded, rss)
					info.rssPeak = max(info.rssPeak, hwm)
					if linkRead {
						info.linkReads += r.requests
					}
				}
			}
		}
		mm.server, mm.baseline = medianResult(srvRuns), medianResult(blRuns)
		if linkRead {
			info.validateAfter, info.validateWindow = scrapeValue(promAddr, validations), time.Since(since)
		}
		log.Printf("  gitauthd %.0f req/s p50 %v p99 %v; baseline %.0f req/s; ratio %.2f",
			mm.server.rps, mm.server.p50, mm.server.p99, mm.baseline.rps, mm.server.rps/mm.baseline.rps)
		if c.profile > 0 {
			mm.profile, err = profileUnder(c, info.loadgen, server, work, pprofAddr, base+ep.path, ep.header)
			if err != nil {
				log.Printf("  profile: %v", err)
			}
		}
		info.measurements = append(info.measurements, mm)
	}
	auditSection, err := measureAuditOff(c, info.loadgen, server, work, env, srv.proc, pprofAddr, base, token, match)
	if err != nil {
		return err
	}
	sizeSection := ""
	if c.size.users > 0 {
		var sized []endpoint
		for _, ep := range endpoints {
			if ep.header[1] != "" && ep.pending == "" && !strings.Contains(ep.name, fmt.Sprintf("%d authorization", maxAuths)) {
				sized = append(sized, ep)
			}
		}
		small := sizeSide{base: base, token: token, project: sizedProject(sized)}
		if sizeSection, err = measureSize(c, info.loadgen, server, bins, work, env, sqliteSize, &small, sized, c.size); err != nil {
			// The other figures stand: say why this one is missing.
			log.Printf("size: %v", err)
			sizeSection = fmt.Sprintf("\n### Cost that does not grow with data\n\nNot measured: %v\n", err)
		}
		if c.postgresURL != "" {
			section, err := measureSizePostgres(c, info.loadgen, server, bins, work, env, sized, c.size)
			if err != nil {
				log.Printf("size on PostgreSQL: %v", err)
				section = fmt.Sprintf("\n### Cost that does not grow with data, on PostgreSQL\n\nNot measured: %v\n", err)
			}
			sizeSection += section
		}
	}
	info.loadAfter = loadavg()
	srv.stop()
	bl.stop()
	fake.stop()
	if c.micro {
		log.Printf("micro-benchmarks")
		if info.micro, err = microBenchmarks(); err != nil {
			return err
		}
	}

	report := render(c, info) + auditSection + sizeSection
	fmt.Println(report)
	return writeSection(c.out, report)
}

// microPackages are the packages of the Go micro-benchmarks.
var microPackages = []string{"./internal/server", "./internal/httpmw", "./internal/ratelimit", "./internal/identity", "./internal/store/dbcrypt", "./internal/store/cache", "./internal/audit", "./internal/projectauth", "./internal/handlers"}

// microBenchmarks runs the Go micro-benchmarks and returns their result
// lines.
func microBenchmarks() (string, error) {
	args := append([]string{"test", "-run", "^$", "-bench", ".", "-benchmem", "-count", "1"}, microPackages...)
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go test -bench: %w\n%s", err, out)
	}
	var keep []string
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "Benchmark") || strings.HasPrefix(line, "pkg:") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n"), nil
}

// cleanEnv is the environment without any GITAUTHD_ variable of the caller.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GITAUTHD_") {
			out = append(out, kv)
		}
	}
	return out
}

// timeStart starts the server on dir and measures the time until /readyz
// answers 200, and its resident set a second later, idle; then stops it.
func timeStart(server string, env []string, dir string) (time.Duration, int64, error) {
	addr, err := freePort()
	if err != nil {
		return 0, 0, err
	}
	t0 := time.Now()
	p, err := start("gitauthd", env, server, "server", "--http-address", addr, "--data-dir", dir, "--log-human", "")
	if err != nil {
		return 0, 0, err
	}
	defer p.stop()
	if err := waitReady("http://"+addr, 30*time.Second); err != nil {
		return 0, 0, fmt.Errorf("gitauthd did not get ready: %w\n%s", err, p.out.String())
	}
	d := time.Since(t0)
	time.Sleep(time.Second)
	rss, _ := p.memory()
	return d, rss, nil
}

// gitauthd is a server the benchmark started: its process, the arguments
// it was started with, its data directory and a client for its API.
type gitauthd struct {
	*proc
	args []string
	dir  string
	api  *client
}

// startGitauthd starts server on a free port with its data in
// work/data<suffix>, its JSON log (with --logs) in work/server<suffix>.log
// and the extra arguments, and waits until it is ready. Its process is named
// gitauthd<suffix>; label names it in errors.
func startGitauthd(c config, server string, env []string, work, suffix, label string, extra ...string) (*gitauthd, error) {
	addr, err := freePort()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(work, "data"+suffix)
	args := append([]string{"server", "--http-address", addr, "--data-dir", dir, "--log-human", ""}, extra...)
	// The limiter runs on every request, as in production, but the
	// load generator's single address must not be refused.
	args = append(args, "--rate-limit-api", "1000000000")
	if c.logs {
		args = append(args, "--log-json", filepath.Join(work, "server"+suffix+".log"))
	}
	p, err := start("gitauthd"+suffix, env, server, args...)
	if err != nil {
		return nil, err
	}
	base := "http://" + addr
	if err := waitReady(base, 30*time.Second); err != nil {
		p.stop()
		return nil, fmt.Errorf("%s: %w\n%s", label, err, p.out.String())
	}
	return &gitauthd{proc: p, args: args, dir: dir, api: &client{base: base, http: &http.Client{Timeout: 30 * time.Second}}}, nil
}

// startMetered is startGitauthd with the Prometheus and pprof endpoints on,
// each on a free port of its own, whose addresses it returns.
func startMetered(c config, server string, env []string, work, suffix, label string, extra ...string) (srv *gitauthd, promAddr, pprofAddr string, err error) {
	promAddr, _ = freePort()
	pprofAddr, _ = freePort()
	srv, err = startGitauthd(c, server, env, work, suffix, label, append([]string{
		"--prometheus-enable", "--prometheus-address", promAddr, "--pprof-enable", "--pprof-address", pprofAddr}, extra...)...)
	return srv, promAddr, pprofAddr, err
}

// waitReady polls /readyz every millisecond until it answers 200.
func waitReady(base string, timeout time.Duration) error {
	c := &http.Client{Timeout: 100 * time.Millisecond}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		res, err := c.Get(base + "/readyz")
		if err == nil {
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(time.Millisecond)
	}
	return errors.New("not ready in time")
}

// ---------------------------------------------------------------- API calls

type client struct {
	base string
	http *http.Client
}

func (c *client) do(method, path string, header [2]string, body any) (int, string, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return 0, "", nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if header[0] != "" {
		req.Header.Set(header[0], header[1])
	}
	res, err := c.http.Do(req)
	if err != nil {
		return 0, "", nil, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Content-Type"), data, err
}

func (c *client) get(path string, header [2]string) (int, string, []byte, error) {
	return c.do(http.MethodGet, path, header, nil)
}

// call makes one API call and fails, saying what it was doing, unless the
// server answers want; the answer's JSON is decoded into out (nil: ignored).
func (c *client) call(what string, want int, method, path string, header [2]string, body, out any) error {
	status, _, data, err := c.do(method, path, header, body)
	if err != nil || status != want {
		return fmt.Errorf("%s: %d %s %v", what, status, data, err)
	}
	if out != nil {
		_ = json.Unmarshal(data, out)
	}
	return nil
}

// setup creates the owner, an API token and the owner's link to the fake
// provider (device flow, approved by the fake), and returns the token.
func setup(c *client) (string, error) {
	const email, password = "bench@example.com", "a long benchmark password"
	if err := c.call("creating the first user", http.StatusCreated, http.MethodPost, "/api/v2/users/first", [2]string{},
		map[string]string{"email": email, "username": "bench", "password": password}, nil); err != nil {
		return "", err
	}
	var login struct {
		SessionToken string `json:"session_token"`
	}
	if err := c.call("login", http.StatusCreated, http.MethodPost, "/api/v2/users/login", [2]string{},
		map[string]string{"email": email, "password": password}, &login); err != nil {
		return "", err
	}
	session := [2]string{"Coder-Session-Token", login.SessionToken}
	var tok struct {
		Key string `json:"key"`
	}
	if err := c.call("creating an API token", http.StatusCreated, http.MethodPost, "/api/v2/users/me/keys/tokens", session,
		map[string]any{"token_name": "bench"}, &tok); err != nil {
		return "", err
	}
	auth := [2]string{"Coder-Session-Token", tok.Key}

	var dev struct {
		DeviceCode string `json:"device_code"`
		Interval   int    `json:"interval"`
	}
	if err := c.call("starting the device flow", http.StatusOK, http.MethodGet, "/api/v2/external-auth/fake/device", auth, nil, &dev); err != nil {
		return "", err
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		time.Sleep(time.Duration(max(dev.Interval, 1)) * time.Second)
		status, _, body, err := c.do(http.MethodPost, "/api/v2/external-auth/fake/device", auth, map[string]string{"device_code": dev.DeviceCode})
		if err != nil {
			return "", err
		}
		if status == http.StatusNoContent {
			break
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("the device flow did not complete: %d %s", status, body)
		}
	}
	status, _, body, err := c.get("/api/v2/external-auth/fake", auth)
	if err != nil || status != http.StatusOK || !bytes.Contains(body, []byte(`"authenticated":true`)) {
		return "", fmt.Errorf("the link is not usable: %d %s %v", status, body, err)
	}
	return tok.Key, nil
}

// serviceStageProject creates a project whose authorizations a /v1 row
// lists, with one personal authorization per token (each validated by the
// fake provider), or says why the ServiceStage API cannot be measured.
func serviceStageProject(c *client, token, name string, tokens []string) (id, pending string) {
	auth := [2]string{"Coder-Session-Token", token}
	status, _, body, err := c.do(http.MethodPost, "/api/v2/projects", auth, map[string]string{"id": name, "name": name})
	if err != nil {
		return "", err.Error()
	}
	if status != http.StatusCreated {
		return "", fmt.Sprintf("creating a project answered %d: %s", status, strings.TrimSpace(string(body)))
	}
	var p struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(body, &p)
	key := [2]string{"X-Auth-Token", token}
	for i, tok := range tokens {
		status, _, body, err = c.do(http.MethodPost, "/v1/"+p.ID+"/git/auths/fake/personal", key,
			map[string]string{"name": fmt.Sprintf("auth-%04d", i), "token": tok})
		if err != nil {
			return "", err.Error()
		}
		if status != http.StatusOK {
			return "", fmt.Sprintf("creating an authorization answered %d: %s", status, strings.TrimSpace(string(body)))
		}
	}
	status, _, body, err = c.get("/v1/"+p.ID+"/git/auths", key)
	if err != nil {
		return "", err.Error()
	}
	if status != http.StatusOK {
		return "", fmt.Sprintf("listing the project's authorizations answered %d: %s", status, strings.TrimSpace(string(body)))
	}
	return p.ID, ""
}

// scrapeValue reads one series from the metrics endpoint; NaN if absent.
func scrapeValue(addr, series string) float64 {
	res, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		return math.NaN()
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), series+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return f
		}
	}
	return math.NaN()
}

// ---------------------------------------------------------------- load

// loadTarget is a URL to load and the header sent with every request.
type loadTarget struct {
	url    string
	header [2]string
	p      *proc // when set, its CPU per request is measured too
}

// alternate measures a and b in c.rounds alternating rounds, a first, each
// after an unmeasured warm-up run in the first round, and returns the median
// result of each.
func alternate(c config, gen string, a, b loadTarget) (ra, rb result, err error) {
	runs := make([][]result, 2)
	for round := range c.rounds {
		for i, t := range []loadTarget{a, b} {
			if round == 0 {
				if _, err := load(c, gen, t.url, t.header, c.warmup); err != nil {
					return result{}, result{}, err
				}
			}
			var cpu0 time.Duration
			if t.p != nil {
				cpu0 = t.p.cpu()
			}
			r, err := load(c, gen, t.url, t.header, c.duration)
			if err != nil {
				return result{}, result{}, err
			}
			if t.p != nil && r.requests > 0 {
				r.cpu = (t.p.cpu() - cpu0) / time.Duration(r.requests)
			}
			runs[i] = append(runs[i], r)
		}
	}
	return medianResult(runs[0]), medianResult(runs[1]), nil
}

func load(c config, gen, target string, header [2]string, d time.Duration) (result, error) {
	if gen == "wrk" {
		return wrk(c, target, header, d)
	}
	return goLoad(target, header, c.connections, d), nil
}

func wrk(c config, target string, header [2]string, d time.Duration) (result, error) {
	args := []string{"-t", strconv.Itoa(c.threads), "-c", strconv.Itoa(c.connections),
		"-d", fmt.Sprintf("%ds", max(1, int(d.Round(time.Second)/time.Second))), "--latency"}
	if header[0] != "" {
		args = append(args, "-H", header[0]+": "+header[1])
	}
	out, err := exec.Command("wrk", append(args, target)...).CombinedOutput()
	if err != nil {
		return result{}, fmt.Errorf("wrk: %w\n%s", err, out)
	}
	return parseWrk(string(out))
}

var (
	wrkRPS      = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkRequests = regexp.MustCompile(`(\d+) requests in`)
	wrkNon2xx   = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	wrkErrors   = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
	wrkPct      = regexp.MustCompile(`(?m)^\s+(50|99)%\s+([0-9.]+)(us|ms|s)\s*$`)
)

func parseWrk(out string) (result, error) {
	var r result
	m := wrkRPS.FindStringSubmatch(out)
	if m == nil {
		return r, fmt.Errorf("unreadable wrk output:\n%s", out)
	}
	r.rps, _ = strconv.ParseFloat(m[1], 64)
	if m := wrkRequests.FindStringSubmatch(out); m != nil {
		r.requests, _ = strconv.ParseInt(m[1], 10, 64)
	}
	if m := wrkNon2xx.FindStringSubmatch(out); m != nil {
		r.non2xx, _ = strconv.ParseInt(m[1], 10, 64)
	}
	if m := wrkErrors.FindStringSubmatch(out); m != nil {
		for _, s := range m[1:] {
			n, _ := strconv.ParseInt(s, 10, 64)
			r.errors += n
		}
	}
	for _, m := range wrkPct.FindAllStringSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[m[3]]
		d := time.Duration(v * float64(unit))
		if m[1] == "50" {
			r.p50 = d
		} else {
			r.p99 = d
		}
	}
	return r, nil
}

// goLoad is a closed-loop load generator: conns workers, each sending one
// request after the other on its own connection.
func goLoad(target string, header [2]string, conns int, d time.Duration) result {
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var mu sync.Mutex
	var lat []time.Duration
	var r result
	var wg sync.WaitGroup
	begin := time.Now()
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			var non2xx, errs int64
			for ctx.Err() == nil {
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
				if header[0] != "" {
					req.Header.Set(header[0], header[1])
				}
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						errs++
					}
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				mine = append(mine, time.Since(t0))
				if res.StatusCode < 200 || res.StatusCode > 399 {
					non2xx++
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			r.non2xx += non2xx
			r.errors += errs
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(begin)
	slices.Sort(lat)
	r.requests = int64(len(lat))
	r.rps = float64(len(lat)) / elapsed.Seconds()
	if len(lat) > 0 {
		r.p50 = lat[len(lat)*50/100]
		r.p99 = lat[min(len(lat)-1, len(lat)*99/100)]
	}
	return r
}

// profileUnder takes a CPU profile of gitauthd while it serves target and
// returns the top of it.
func profileUnder(c config, gen, server, work, pprofAddr, target string, header [2]string) (string, error) {
	file, _, err := profileFile(c, gen, work, pprofAddr, target, header)
	if err != nil {
		return "", err
	}
	cum, err := exec.Command("go", "tool", "pprof", "-top", "-cum", "-nodecount=2000", server, file).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go tool pprof: %w\n%s", err, cum)
	}
	out, err := exec.Command("go", "tool", "pprof", "-top", "-nodecount=20", server, file).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go tool pprof: %w\n%s", err, out)
	}
	var b strings.Builder
	b.WriteString("Share of gitauthd's CPU (cumulative, so nested rows overlap):\n\n")
	for _, part := range profileParts {
		fmt.Fprintf(&b, "  %6s  %s\n", cumShare(string(cum), part.fn), part.what)
	}
	b.WriteString("\nTop functions by own CPU:\n\n")
	// Keep the summary and the table, not pprof's file names.
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "File:") || strings.HasPrefix(line, "Build ID:") || strings.HasPrefix(line, "Time:") {
			continue
		}
		b.WriteString(line + "\n")
	}
	return strings.TrimSpace(b.String()), nil
}

// profileFile takes a CPU profile of the server at pprofAddr under load on
// target and returns the file it is in (in work) and how many requests the
// server answered while it was taken (estimated from the load, which runs
// a second longer).
func profileFile(c config, gen, work, pprofAddr, target string, header [2]string) (string, float64, error) {
	file := filepath.Join(work, fmt.Sprintf("cpu-%d.pprof", time.Now().UnixNano()))
	errc := make(chan error, 1)
	go func() {
		res, err := http.Get(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", pprofAddr, int(c.profile/time.Second)))
		if err != nil {
			errc <- err
			return
		}
		defer res.Body.Close()
		data, err := io.ReadAll(res.Body)
		if err == nil {
			err = os.WriteFile(file, data, 0o600)
		}
		errc <- err
	}()
	r, err := load(c, gen, target, header, c.profile+time.Second)
	if err != nil {
		return "", 0, err
	}
	if err := <-errc; err != nil {
		return "", 0, err
	}
	return file, float64(r.requests) * float64(c.profile) / float64(c.profile+time.Second), nil
}

// profileParts are the functions whose cumulative share of the CPU
// profile the report shows: where a request's time goes.
var profileParts = []struct{ fn, what string }{
	{"net/http.(*conn).serve", "net/http: reading requests, writing answers, and everything below"},
	{"github.com/labstack/echo/v4.(*Echo).ServeHTTP", "Echo: routing, every middleware and the handler"},
	{"log/slog.(*Logger).LogAttrs", "access log line (JSON to a file)"},
	{"github.com/gitauthd/gitauthd/internal/metrics.(*Metrics).ObserveHTTP", "HTTP metrics"},
	{"github.com/gitauthd/gitauthd/internal/ratelimit.", "rate limiter"},
	{"github.com/gitauthd/gitauthd/internal/server.assemble.authFunc.func", "authentication (identity.Authenticate)"},
	{"github.com/gitauthd/gitauthd/internal/httpmw.(*Contract).validate", "request validation (kin-openapi)"},
	{"github.com/gitauthd/gitauthd/internal/externalauth.(*Service).Get", "externalauth: link read, cached validation"},
	{"github.com/gitauthd/gitauthd/internal/externalauth.(*Service).GitCredentials", "externalauth: git credentials"},
	{"github.com/gitauthd/gitauthd/internal/projectauth.", "projectauth (ServiceStage)"},
	{"database/sql.(*DB).QueryContext", "database queries"},
	{"encoding/json.(*Encoder).Encode", "JSON encoding of the answer"},
	{"runtime.gcBgMarkWorker", "garbage collector (background)"},
	{"runtime.gcAssistAlloc", "garbage collector (assists)"},
	{"runtime.mallocgc", "allocation"},
	{"syscall.Syscall", "system calls (read, write)"},
}

// cumShare finds the first row of a pprof -top -cum listing whose
// function starts with fn and returns its cum%, or "—".
func cumShare(listing, fn string) string {
	for _, line := range strings.Split(listing, "\n") {
		f := strings.Fields(line)
		if len(f) >= 6 && strings.HasPrefix(f[5], fn) {
			return f[4]
		}
	}
	return "—"
}

// ---------------------------------------------------------------- report

func machine() string {
	cpu := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if m := regexp.MustCompile(`(?m)^model name\s*:\s*(.+)$`).FindStringSubmatch(string(data)); m != nil {
			cpu = strings.TrimSpace(m[1])
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		if m := regexp.MustCompile(`(?m)^MemTotal:\s+(\d+) kB`).FindStringSubmatch(string(data)); m != nil {
			kb, _ := strconv.ParseInt(m[1], 10, 64)
			mem = fmt.Sprintf(", %.1f GiB RAM", float64(kb)/(1<<20))
		}
	}
	kernel := ""
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		kernel = ", Linux " + strings.TrimSpace(string(data))
	}
	return fmt.Sprintf("%d CPUs (nproc), %s%s%s, %s", runtime.NumCPU(), cpu, mem, kernel, runtime.Version())
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func ms(d time.Duration) string {
	if d < time.Millisecond {
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}

func us(d time.Duration) string { return fmt.Sprintf("%.1f µs", float64(d)/float64(time.Microsecond)) }

func render(c config, info *runInfo) string {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	p("Generated by `%s` on %s.\n\n", info.command, info.date)
	p("- Machine: %s. Load average before the load runs: %s; after: %s.\n", info.machine, info.loadBefore, info.loadAfter)
	gen := "wrk"
	if info.loadgen == "go" {
		gen = "the Go load generator of bench/run (wrk was not installed)"
	}
	p("- Load: %s, %d connections, %d threads, on loopback. Each endpoint: a %v warm-up, then %d rounds of %v on gitauthd and %v on the baseline, alternating; the table shows the round of median throughput and the median CPU per request. gitauthd, the baseline and the load generator share the machine.\n",
		gen, c.connections, c.threads, c.warmup, c.rounds, c.duration, c.duration)
	p("- gitauthd: `gitauthd %s` (embedded SQLite in WAL mode, metrics and pprof on, API rate limiter on with a limit the load cannot reach%s), with one external auth provider served by `cmd/fakeprovider`; the user, an API token and the linked account are made through the API (device flow) before the runs.\n",
		strings.Join(redactArgs(info.serverArgs), " "), map[bool]string{true: ", JSON access log written to a file", false: ", no logs"}[c.logs])
	p("- Baseline: `bench/baseline`, a bare Echo handler answering the same bytes, with no validation, authentication or database.\n")
	p("- CPU/request is the CPU time (user + system) of the server process divided by the requests it answered; unlike requests/s it hardly depends on what else runs on the machine.\n\n")

	p("| Endpoint | gitauthd req/s | p50 | p99 | CPU/request | baseline req/s | baseline p99 | baseline CPU/request | ratio (req/s) | target | non-2xx |\n")
	p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n")
	for _, m := range info.measurements {
		if m.ep.pending != "" {
			p("| %s | pending | | | | | | | | %s | |\n", m.ep.name, "pending: "+strings.ReplaceAll(m.ep.pending, "|", "\\|"))
			continue
		}
		ratio := m.server.rps / m.baseline.rps
		target := "—"
		if m.ep.target != "" {
			target = m.ep.target + " " + verdict(ratio >= m.ep.min)
			if m.ep.p99Max > 0 {
				target += fmt.Sprintf("; p99 ≤ %v %s", m.ep.p99Max, verdict(m.server.p99 <= m.ep.p99Max))
			}
		}
		p("| %s | %.0f | %s | %s | %s | %.0f | %s | %s | %.2f | %s | %d |\n", m.ep.name, m.server.rps, ms(m.server.p50), ms(m.server.p99),
			us(m.server.cpu), m.baseline.rps, ms(m.baseline.p99), us(m.baseline.cpu), ratio, target, m.server.non2xx+m.server.errors)
	}
	p("\n")
	p("| Measure | Value | Target |\n|---|---:|---|\n")
	fresh, again := median(info.startFresh), median(info.startAgain)
	p("| Start to ready (`/readyz` answers 200), new database (median of %d) | %s | ≤ 50 ms %s |\n", len(info.startFresh), ms(fresh), verdict(fresh <= 50*time.Millisecond))
	p("| Start to ready, existing database (median of %d) | %s | ≤ 50 ms %s |\n", len(info.startAgain), ms(again), verdict(again <= 50*time.Millisecond))
	rssDefault := int64(0)
	if len(info.rssDefault) > 0 {
		s := slices.Clone(info.rssDefault)
		slices.Sort(s)
		rssDefault = s[len(s)/2]
	}
	p("| Idle RSS, default configuration, 1 s after ready (median of %d) | %s (%.1f MB) | ≤ 30 MB %s |\n", len(info.rssDefault), mib(rssDefault), float64(rssDefault)/1e6, verdict(rssDefault <= 30e6))
	p("| Idle RSS of the measured server (metrics and pprof on), once ready | %s | — |\n", mib(info.rssStart))
	p("| Idle RSS of the measured server after the setup (a password login, a device flow) and 12 s idle | %s | — |\n", mib(info.rssIdle))
	p("| RSS under load (highest sample / peak) | %s / %s | — |\n", mib(info.rssLoaded), mib(info.rssPeak))
	var non2xx int64
	for _, m := range info.measurements {
		non2xx += m.server.non2xx + m.server.errors
	}
	p("| Non-2xx answers and socket errors of gitauthd during load | %d | 0 %s |\n", non2xx, verdict(non2xx == 0))
	calls := info.validateAfter - info.validateBefore
	// The cached validation lives a minute: at most one call per minute
	// begun.
	allowed := math.Floor(info.validateWindow.Minutes()) + 1
	p("| Provider validations during %d authenticated link reads over %v | %.0f | none while the validation is cached: at most %.0f %s |\n",
		info.linkReads, info.validateWindow.Round(time.Second), calls, allowed, verdict(calls <= allowed))
	p("\nStart-to-ready samples (new database): %v; (existing database): %v.\n", info.startFresh, info.startAgain)
	if info.micro != "" {
		p("\nGo micro-benchmarks (`go test -run '^$' -bench . -benchmem %s`, the same machine, after the load runs):\n\n```\n%s\n```\n",
			strings.Join(microPackages, " "), info.micro)
	}
	for _, m := range info.measurements {
		if m.profile == "" {
			continue
		}
		p("\n<details><summary>CPU profile of gitauthd under load: %s</summary>\n\n```\n%s\n```\n</details>\n", m.ep.name, m.profile)
	}
	return b.String()
}

// redactArgs drops the temporary paths from the server's arguments.
func redactArgs(args []string) []string {
	out := slices.Clone(args)
	for i := 1; i < len(out); i++ {
		switch out[i-1] {
		case "--data-dir":
			out[i] = "<tmp>/data"
		case "--log-json":
			out[i] = "<tmp>/server.log"
		}
		if strings.HasPrefix(out[i], "127.0.0.1:") {
			out[i] = "127.0.0.1:<port>"
		}
	}
	for i, a := range out {
		if a == "" {
			out[i] = `""`
		}
	}
	return out
}

const (
	beginMarker = "<!-- bench:begin (generated by make bench; edits between the markers are overwritten) -->"
	endMarker   = "<!-- bench:end -->"
)

// writeSection replaces the generated section of file (between the
// markers), creating the file if needed.
func writeSection(file, report string) error {
	old, err := os.ReadFile(file)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	text := string(old)
	section := beginMarker + "\n" + report + "\n" + endMarker
	i, j := strings.Index(text, beginMarker), strings.Index(text, endMarker)
	switch {
	case i >= 0 && j > i:
		text = text[:i] + section + text[j+len(endMarker):]
	case text == "":
		text = "# Benchmarks\n\n" + section + "\n"
	default:
		text = strings.TrimRight(text, "\n") + "\n\n" + section + "\n"
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	log.Printf("wrote %s", file)
	return os.WriteFile(file, []byte(text), 0o644)
}
