package main

import (
	"fmt"
	"log"
	"net/url"
	"strings"
)

// auditTarget is the largest loss of throughput that auditing may cost a
// credential hand-out (issue 16): audit-on must reach 0.90 of audit-off.
const auditTarget = 0.90

// measureAuditOff measures GET /api/v2/git-credentials (every answer a
// recorded hand-out) on the audited server srv against a second server with
// --audit-enable=false, in alternating rounds, and returns the report's
// section. The second server has its own data directory and user.
func measureAuditOff(c config, gen, server, work string, env []string, base, token, match string) (string, error) {
	off, err := startGitauthd(c, server, env, work, "-audit-off", "gitauthd --audit-enable=false", "--audit-enable=false")
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
		loadTarget{base + path, [2]string{"Coder-Session-Token", token}},
		loadTarget{offBase + path, [2]string{"Coder-Session-Token", offToken}})
	if err != nil {
		return "", err
	}
	ratio := a.rps / b.rps
	log.Printf("audit on %.0f req/s p99 %v; audit off %.0f req/s p99 %v; ratio %.2f", a.rps, a.p99, b.rps, b.p99, ratio)
	var s strings.Builder
	s.WriteString("\n### Auditing on vs off\n\n")
	s.WriteString("`GET /api/v2/git-credentials` hands out a token on every answer, and each answer waits for its audit\n")
	s.WriteString("record's group commit. The same binary with `--audit-enable=false` (its own data directory and user)\n")
	fmt.Fprintf(&s, "is measured in alternating rounds (median of %d, %v each, %d connections).\n\n", c.rounds, c.duration, c.connections)
	s.WriteString("| server | req/s | p50 | p99 | non-2xx |\n| --- | ---: | ---: | ---: | ---: |\n")
	fmt.Fprintf(&s, "| audit on (default) | %.0f | %s | %s | %d |\n", a.rps, us(a.p50), us(a.p99), a.non2xx)
	fmt.Fprintf(&s, "| audit off | %.0f | %s | %s | %d |\n\n", b.rps, us(b.p50), us(b.p99), b.non2xx)
	fmt.Fprintf(&s, "Ratio on/off: **%.2f** (target ≥ %.2f: %s).\n", ratio, auditTarget, verdict(ratio >= auditTarget))
	return s.String(), nil
}
