package main

import (
	"fmt"
	"log"
	"net/url"
	"os/exec"
	"strconv"
	"strings"
)

// auditTarget is the largest loss of throughput that auditing may cost a
// credential hand-out (issue 16): audit-on must reach 0.90 of audit-off.
const auditTarget = 0.90

// measureAuditOff measures GET /api/v2/git-credentials (every answer a
// recorded hand-out) on the audited server srv against a second server with
// --audit-enable=false, in alternating rounds, and returns the report's
// section. The second server has its own data directory and user.
func measureAuditOff(c config, gen, server, work string, env []string, srv *proc, srvPprof, base, token, match string) (string, error) {
	offPprof, err := freePort()
	if err != nil {
		return "", err
	}
	off, err := startGitauthd(c, server, env, work, "-audit-off", "gitauthd --audit-enable=false", "--audit-enable=false",
		"--pprof-enable", "--pprof-address", offPprof)
	if err != nil {
		return "", err
	}
	defer off.stop()
	offBase := off.api.base
	offToken, err := setup(off.api)
	if err != nil {
		return "", err
	}
	path := "/api/v2/git-credentials?match=" + url.QueryEscape(match)
	a, b, err := alternate(c, gen,
		loadTarget{base + path, [2]string{"Coder-Session-Token", token}, srv},
		loadTarget{offBase + path, [2]string{"Coder-Session-Token", offToken}, off.proc})
	if err != nil {
		return "", err
	}
	ratio := a.rps / b.rps
	log.Printf("audit on %.0f req/s p99 %v cpu %v; audit off %.0f req/s p99 %v cpu %v; ratio %.2f", a.rps, a.p99, a.cpu, b.rps, b.p99, b.cpu, ratio)
	var s strings.Builder
	s.WriteString("\n### Auditing on vs off\n\n")
	s.WriteString("`GET /api/v2/git-credentials` hands out a token on every answer, and each answer waits for its audit\n")
	s.WriteString("record's group commit. The same binary with `--audit-enable=false` (its own data directory and user)\n")
	fmt.Fprintf(&s, "is measured in alternating rounds (median of %d, %v each, %d connections).\n\n", c.rounds, c.duration, c.connections)
	s.WriteString("| server | req/s | p50 | p99 | CPU/request | non-2xx |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
	fmt.Fprintf(&s, "| audit on (default) | %.0f | %s | %s | %s | %d |\n", a.rps, us(a.p50), us(a.p99), us(a.cpu), a.non2xx)
	fmt.Fprintf(&s, "| audit off | %.0f | %s | %s | %s | %d |\n\n", b.rps, us(b.p50), us(b.p99), us(b.cpu), b.non2xx)
	fmt.Fprintf(&s, "Ratio on/off: **%.2f** (target ≥ %.2f: %s).\n", ratio, auditTarget, verdict(ratio >= auditTarget))
	if c.profile > 0 {
		diff, err := auditProfileDiff(c, gen, server, work, srvPprof, offPprof, base+path, offBase+path, token, offToken)
		if err != nil {
			return "", err
		}
		s.WriteString("\nWhere auditing's CPU goes: a CPU profile of each server under the same load, its cumulative\n")
		s.WriteString("seconds in each part divided by the requests answered meanwhile:\n\n")
		s.WriteString(diff)
	}
	return s.String(), nil
}

// auditParts are the functions whose CPU per request the audit comparison
// shows for both servers.
var auditParts = []struct{ fn, what string }{
	{"net/http.(*conn).serve", "the request: net/http, Echo, middleware, handler"},
	{"github.com/gitauthd/gitauthd/internal/audit.(*Recorder).Record", "  of which the request's side of its record (queue, wait, answer)"},
	{"github.com/gitauthd/gitauthd/internal/audit.(*Recorder).write", "the audit writer (group commits)"},
	{"github.com/gitauthd/gitauthd/internal/store/sqlstore.(*Store).InsertAuditRecords", "  of which the store: encoding, SQL, commit"},
	{"database/sql.(*Tx).Commit", "  of which the commit (WAL write and fsync)"},
	{"runtime.gcBgMarkWorker", "garbage collector (background)"},
	{"runtime.schedule", "scheduler"},
}

// auditProfileDiff profiles both servers under the same load, one after
// the other, and returns a table of CPU per request in the parts of
// auditParts, from the cumulative rows of each profile.
func auditProfileDiff(c config, gen, server, work, onPprof, offPprof, onTarget, offTarget, onToken, offToken string) (string, error) {
	var per [2]map[string]float64
	for i, t := range []struct{ pprof, target, token string }{{onPprof, onTarget, onToken}, {offPprof, offTarget, offToken}} {
		file, requests, err := profileFile(c, gen, work, t.pprof, t.target, [2]string{"Coder-Session-Token", t.token})
		if err != nil {
			return "", err
		}
		out, err := exec.Command("go", "tool", "pprof", "-top", "-cum", "-nodecount=2000", "-unit=s", server, file).CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("go tool pprof: %w\n%s", err, out)
		}
		per[i] = map[string]float64{}
		for _, part := range auditParts {
			per[i][part.fn] = cumSeconds(string(out), part.fn) / max(requests, 1) * 1e6
		}
		per[i][""] = totalSeconds(string(out)) / max(requests, 1) * 1e6
	}
	var b strings.Builder
	b.WriteString("| CPU per request, from each profile | audit on | audit off |\n| --- | ---: | ---: |\n")
	fmt.Fprintf(&b, "| all of gitauthd | %.1f µs | %.1f µs |\n", per[0][""], per[1][""])
	for _, part := range auditParts {
		fmt.Fprintf(&b, "| %s | %.1f µs | %.1f µs |\n", strings.Replace(part.what, "  ", "… ", 1), per[0][part.fn], per[1][part.fn])
	}
	return b.String(), nil
}

// cumSeconds is the cumulative seconds of fn's row in a pprof -top -cum
// -unit=s listing (0 when it has none).
func cumSeconds(listing, fn string) float64 {
	for _, line := range strings.Split(listing, "\n") {
		f := strings.Fields(line)
		if len(f) >= 6 && f[5] == fn {
			v, _ := strconv.ParseFloat(strings.TrimSuffix(f[3], "s"), 64)
			return v
		}
	}
	return 0
}

// totalSeconds is the "Total samples" of a pprof listing.
func totalSeconds(listing string) float64 {
	_, rest, ok := strings.Cut(listing, "Total samples = ")
	if !ok {
		return 0
	}
	v, _ := strconv.ParseFloat(strings.TrimSuffix(strings.Fields(rest)[0], "s"), 64)
	return v
}
