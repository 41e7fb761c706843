// Package general is the logic of the General API group and the health
// probes: what the running deployment reports about itself (build info,
// configuration with secrets removed, statistics, update check,
// experiments, SSH settings), the CSP report sink and readiness. The
// configuration itself is internal/deployment's.
//
// The package knows nothing of HTTP routing or of the generated API types:
// handlers map these values onto the wire shapes.
package general

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/deployment"
	"github.com/gitauthd/gitauthd/internal/errs"
)

// Viewer is the caller of an introspection operation; only owners may see
// the configuration and statistics.
type Viewer interface{ IsOwner() bool }

// Service answers the General operations (build info, config, stats,
// update check, experiments, SSH settings) of one running server.
type Service struct {
	Values  *deployment.Values
	Options []*deployment.Option
	// ID is the deployment id, created once and persisted by the store.
	ID      string
	Build   BuildInfo
	Updates *UpdateChecker
	Stats   *StatsCollector
	Logger  *slog.Logger
	// Database is pinged by the readiness probe.
	Database interface{ Ping(context.Context) error }

	cspReports atomic.Int64
}

// About describes the running deployment for GET /buildinfo.
type About struct {
	Version      string // the build's version, with "+<short commit>" when the commit is known
	DeploymentID string
	AccessURL    string
}

// About returns the build and deployment identity.
func (d *Service) About() About {
	version := d.Build.Version
	if c := d.Build.Commit; c != "" {
		version += "+" + c[:min(len(c), 7)]
	}
	return About{Version: version, DeploymentID: d.ID, AccessURL: d.Values.AccessURL().String()}
}

// Config returns the values the server runs with and the option list with
// secrets removed. Owners only.
func (d *Service) Config(v Viewer) (*deployment.Values, []deployment.OptionView, error) {
	if !v.IsOwner() {
		return nil, nil, errs.Forbidden()
	}
	return d.Values, deployment.Redacted(d.Options), nil
}

// DeploymentStats returns the latest statistics snapshot. Owners only.
func (d *Service) DeploymentStats(ctx context.Context, v Viewer) (Stats, error) {
	if !v.IsOwner() {
		return Stats{}, errs.Forbidden()
	}
	s, err := d.Stats.Latest(ctx)
	if err != nil {
		return Stats{}, errs.Wrap(err, errs.MsgInternal)
	}
	return s, nil
}

// UpdateCheck compares the running version with the release feed, if one is
// configured; it never fails.
func (d *Service) UpdateCheck(ctx context.Context) UpdateResult { return d.Updates.Check(ctx) }

// SSHConfig returns the host name prefix and options handed to SSH clients.
func (d *Service) SSHConfig() (prefix string, options map[string]string) {
	return d.Values.SSHHostnamePrefix, d.Values.SSHConfigOptionsMap()
}

// SafeExperiments lists the experiments that may be enabled safely.
func (d *Service) SafeExperiments() []string { return deployment.SafeExperiments() }

// ReportCSP logs a Content-Security-Policy violation a browser reported
// and counts it.
func (d *Service) ReportCSP(ctx context.Context, report map[string]any) {
	n := d.cspReports.Add(1)
	attrs := []any{"count", n}
	for _, k := range []string{"document-uri", "violated-directive", "effective-directive", "blocked-uri", "source-file", "line-number"} {
		if v, ok := report[k]; ok {
			attrs = append(attrs, k, v)
		}
	}
	d.Logger.WarnContext(ctx, "CSP violation reported", attrs...)
}

// CSPReports is the number of CSP violation reports received since start.
func (d *Service) CSPReports() int64 { return d.cspReports.Load() }

// OrganizationID is the id of the one organization every user belongs to.
// gitauthd has no organizations; Coder's clients expect one, so the
// deployment id stands for it.
func (d *Service) OrganizationID() uuid.UUID {
	if id, err := uuid.Parse(d.ID); err == nil {
		return id
	}
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte(d.ID))
}

// Readiness says whether the server can serve: each check's result by name.
type Readiness struct {
	OK     bool
	Checks map[string]string
}

// readyTimeout bounds the readiness probe's database check.
const readyTimeout = 2 * time.Second

// Ready checks the database (the store was opened, hence migrated, at
// start; a failing ping means it is unreachable now).
func (d *Service) Ready(ctx context.Context) Readiness {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	r := Readiness{OK: true, Checks: map[string]string{"database": "ok"}}
	if err := d.Database.Ping(ctx); err != nil {
		r.OK = false
		r.Checks["database"] = "database unavailable: " + err.Error()
	}
	return r
}
