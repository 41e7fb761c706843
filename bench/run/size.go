package main

import (
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// sizeTarget is the least throughput a hot path may keep at the large size,
// as a ratio to the small one (issue 13: cost does not grow with data).
const sizeTarget = 0.80

// sizeRows is what bench/seed adds to the large server's database.
type sizeRows struct{ users, providers, projects, auths int }

func (s sizeRows) String() string {
	return fmt.Sprintf("%d users with %d links each (%d links), %d projects with %d authorizations each (%d authorizations)",
		s.users, s.providers, s.users*s.providers, s.projects, s.auths, s.projects*s.auths)
}

// measureSize measures the authenticated hot paths of the small server
// (base, with the few rows of the setup) against a second server whose
// database also holds the rows bench/seed makes, in alternating rounds, and
// returns the report's section. The second server gets the same setup
// through the API first (the first user can only be made on an empty
// database); the seed then writes beside it, through the store.
func measureSize(c config, gen, server, bins, work string, env []string, base string, small []endpoint, rows sizeRows) (string, error) {
	cmd := exec.Command("go", "build", "-o", bins+"/", "./bench/seed")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ./bench/seed: %w", err)
	}
	// As the small (measured) server: metrics and pprof on.
	large, _, _, err := startMetered(c, server, env, work, "-large", "gitauthd (large)")
	if err != nil {
		return "", err
	}
	defer large.stop()
	api, largeBase, dir := large.api, large.api.base, large.dir
	token, err := setup(api)
	if err != nil {
		return "", err
	}
	project, why := serviceStageProject(api, token, "bench-1", benchTokens(1))
	if why != "" {
		return "", fmt.Errorf("gitauthd (large): %s", why)
	}
	seedStart := time.Now()
	seed := exec.Command(filepath.Join(bins, "seed"), "--data-dir", dir,
		"--users", strconv.Itoa(rows.users), "--providers", strconv.Itoa(rows.providers),
		"--projects", strconv.Itoa(rows.projects), "--auths", strconv.Itoa(rows.auths))
	seed.Stdout, seed.Stderr = os.Stderr, os.Stderr
	if err := seed.Run(); err != nil {
		return "", fmt.Errorf("bench/seed: %w", err)
	}
	seedTime := time.Since(seedStart)
	dbSize := int64(0)
	if fi, err := os.Stat(filepath.Join(dir, "gitauthd.db")); err == nil {
		dbSize = fi.Size()
	}
	rssBefore, _ := large.memory()

	var s strings.Builder
	s.WriteString("\n### Cost that does not grow with data\n\n")
	fmt.Fprintf(&s, "A second server (embedded SQLite, metrics and pprof on as on the first) gets the same setup through the API, then\n"+
		"`bench/seed` adds, through the store, %s: %.0f MiB of database, seeded in %v.\n"+
		"Each path is measured on the small and the large server in alternating rounds (median of %d, %v each, %d connections).\n\n",
		rows, float64(dbSize)/(1<<20), seedTime.Round(100*time.Millisecond), c.rounds, c.duration, c.connections)
	s.WriteString("| path | small req/s | large req/s | large p99 | large / small | target | non-2xx |\n| --- | ---: | ---: | ---: | ---: | --- | ---: |\n")
	for _, ep := range small {
		largePath := ep.path
		if strings.HasPrefix(ep.path, "/v1/") {
			largePath = "/v1/" + project + "/git/auths"
		}
		log.Printf("size: %s", ep.name)
		a, b, err := alternate(c, gen,
			loadTarget{base + ep.path, ep.header, nil},
			loadTarget{largeBase + largePath, [2]string{ep.header[0], token}, nil})
		if err != nil {
			return "", err
		}
		ratio := b.rps / a.rps
		log.Printf("  small %.0f req/s; large %.0f req/s p99 %v; ratio %.2f", a.rps, b.rps, b.p99, ratio)
		fmt.Fprintf(&s, "| %s | %.0f | %.0f | %s | **%.2f** | ≥ %.2f %s | %d |\n", ep.name, a.rps, b.rps, us(b.p99), ratio,
			sizeTarget, verdict(ratio >= sizeTarget), a.non2xx+b.non2xx)
	}
	rssAfter, hwm := large.memory()
	fmt.Fprintf(&s, "\nRSS of the large server: %.1f MiB once seeded, %.1f MiB after the load (peak %.1f MiB).\n",
		float64(rssBefore)/(1<<20), float64(rssAfter)/(1<<20), float64(hwm)/(1<<20))
	return s.String(), nil
}
