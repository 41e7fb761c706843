package main

import (
	"fmt"
	"log"
	"net/url"
	"os/exec"
	"strings"
	"time"
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
	var on, offRuns []result
	for round := range c.rounds {
		for _, t := range []struct {
			base, token string
			p           *proc
			into        *[]result
		}{{base, token, srv, &on}, {offBase, offToken, off.proc, &offRuns}} {
			h := [2]string{"Coder-Session-Token", t.token}
			if round == 0 {
				if _, err := load(c, gen, t.base+path, h, c.warmup); err != nil {
					return "", err
				}
			}
			cpu0 := t.p.cpu()
			r, err := load(c, gen, t.base+path, h, c.duration)
			if err != nil {
				return "", err
			}
			if r.requests > 0 {
				r.cpu = (t.p.cpu() - cpu0) / time.Duration(r.requests)
			}
			*t.into = append(*t.into, r)
		}
	}
	a, b := medianResult(on), medianResult(offRuns)
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
		s.WriteString("\nWhere auditing's CPU goes: a CPU profile of each server under the same load, the audited one's\n")
		s.WriteString("minus the other's (`go tool pprof -top -cum -diff_base`), the functions that grew most:\n\n```\n")
		s.WriteString(diff + "\n```\n")
	}
	return s.String(), nil
}

// auditProfileDiff profiles both servers under the same load, one after
// the other, and returns the cumulative rows of the audited profile minus
// the other's that grew most.
func auditProfileDiff(c config, gen, server, work, onPprof, offPprof, onTarget, offTarget, onToken, offToken string) (string, error) {
	onFile, err := profileFile(c, gen, work, onPprof, onTarget, [2]string{"Coder-Session-Token", onToken})
	if err != nil {
		return "", err
	}
	offFile, err := profileFile(c, gen, work, offPprof, offTarget, [2]string{"Coder-Session-Token", offToken})
	if err != nil {
		return "", err
	}
	out, err := exec.Command("go", "tool", "pprof", "-top", "-cum", "-nodecount=25", "-diff_base", offFile, server, onFile).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go tool pprof: %w\n%s", err, out)
	}
	var b strings.Builder
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "File:") || strings.HasPrefix(line, "Build ID:") || strings.HasPrefix(line, "Time:") {
			continue
		}
		b.WriteString(line + "\n")
	}
	return strings.TrimSpace(b.String()), nil
}
