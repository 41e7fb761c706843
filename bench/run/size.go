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

// sizeSide is one server of the size table: where it answers, its user's
// token and the project of one authorization its /v1 path lists.
type sizeSide struct{ base, token, project string }

// path is ep's path on this side.
func (d sizeSide) path(ep endpoint) string {
	if strings.HasPrefix(ep.path, "/v1/") {
		return "/v1/" + d.project + "/git/auths"
	}
	return ep.path
}

// sizedProject is the project of the /v1 endpoint of eps ("" for none).
func sizedProject(eps []endpoint) string {
	for _, ep := range eps {
		if rest, ok := strings.CutPrefix(ep.path, "/v1/"); ok {
			project, _, _ := strings.Cut(rest, "/")
			return project
		}
	}
	return ""
}

// sizeEngine is the database the size table runs on.
type sizeEngine struct {
	name string
	// tag starts the suffix of the servers it starts ("" for the first
	// engine, whose section is the table's own): <tag>-small, <tag>-large.
	tag string
	// args are the server's database arguments for a server of suffix
	// (none: SQLite in its data directory).
	args func(suffix string) []string
	// seedArgs name the database bench/seed writes for the server started
	// with suffix, whose data directory is dir.
	seedArgs func(suffix, dir string) []string
	// size is the large server's database size in bytes (0: unknown).
	size func(dir string) int64
}

var sqliteSize = sizeEngine{
	name:     "embedded SQLite",
	args:     func(string) []string { return nil },
	seedArgs: func(_, dir string) []string { return []string{"--data-dir", dir} },
	size: func(dir string) int64 {
		fi, err := os.Stat(filepath.Join(dir, "gitauthd.db"))
		if err != nil {
			return 0
		}
		return fi.Size()
	},
}

// newSizeSide starts a server on engine with the setup through the API and
// a project of one authorization.
func newSizeSide(c config, server string, env []string, work string, engine sizeEngine, suffix, label string) (*gitauthd, sizeSide, error) {
	srv, _, _, err := startMetered(c, server, env, work, suffix, label, engine.args(suffix)...)
	if err != nil {
		return nil, sizeSide{}, err
	}
	token, err := setup(srv.api)
	if err != nil {
		srv.stop()
		return nil, sizeSide{}, err
	}
	project, why := serviceStageProject(srv.api, token, "bench-1", benchTokens(1))
	if why != "" {
		srv.stop()
		return nil, sizeSide{}, fmt.Errorf("%s: %s", label, why)
	}
	return srv, sizeSide{base: srv.api.base, token: token, project: project}, nil
}

// measureSize measures the authenticated hot paths of a small server (with
// the few rows of the setup: small, or a new one on engine when small is
// nil) against a second server on engine whose database also holds the rows
// bench/seed makes, in alternating rounds, and returns the report's
// section. Each server gets the setup through the API first (the first user
// can only be made on an empty database); the seed then writes beside it,
// through the store.
func measureSize(c config, gen, server, bins, work string, env []string, engine sizeEngine, small *sizeSide, eps []endpoint, rows sizeRows) (string, error) {
	cmd := exec.Command("go", "build", "-o", bins+"/", "./bench/seed")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ./bench/seed: %w", err)
	}
	suffix := engine.tag + "-large"
	if small == nil {
		srv, side, err := newSizeSide(c, server, env, work, engine, engine.tag+"-small", "gitauthd (small, "+engine.name+")")
		if err != nil {
			return "", err
		}
		defer srv.stop()
		small = &side
	}
	// As the small (measured) server: metrics and pprof on.
	large, side, err := newSizeSide(c, server, env, work, engine, suffix, "gitauthd (large, "+engine.name+")")
	if err != nil {
		return "", err
	}
	defer large.stop()
	seedStart := time.Now()
	seed := exec.Command(filepath.Join(bins, "seed"), append(engine.seedArgs(suffix, large.dir),
		"--users", strconv.Itoa(rows.users), "--providers", strconv.Itoa(rows.providers),
		"--projects", strconv.Itoa(rows.projects), "--auths", strconv.Itoa(rows.auths))...)
	seed.Stdout, seed.Stderr = os.Stderr, os.Stderr
	if err := seed.Run(); err != nil {
		return "", fmt.Errorf("bench/seed: %w", err)
	}
	seedTime := time.Since(seedStart)
	dbSize := engine.size(large.dir)
	rssBefore, _ := large.memory()

	var s strings.Builder
	title := "\n### Cost that does not grow with data\n\n"
	if engine.tag != "" {
		title = "\n### Cost that does not grow with data, on " + engine.name + "\n\n"
	}
	s.WriteString(title)
	fmt.Fprintf(&s, "A server on %s (metrics and pprof on, as on the first) gets the same setup through the API, then\n"+
		"`bench/seed` adds, through the store, %s: %.0f MiB of database, seeded in %v.\n"+
		"Each path is measured on a small server (the setup's rows only) and the large one in alternating rounds (median of %d, %v each, %d connections).\n\n",
		engine.name, rows, float64(dbSize)/(1<<20), seedTime.Round(100*time.Millisecond), c.rounds, c.duration, c.connections)
	s.WriteString("| path | small req/s | large req/s | large p99 | large / small | target | non-2xx |\n| --- | ---: | ---: | ---: | ---: | --- | ---: |\n")
	for _, ep := range eps {
		log.Printf("size (%s): %s", engine.name, ep.name)
		a, b, err := alternate(c, gen,
			loadTarget{small.base + small.path(ep), [2]string{ep.header[0], small.token}, nil},
			loadTarget{side.base + side.path(ep), [2]string{ep.header[0], side.token}, nil})
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
