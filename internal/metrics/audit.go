package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// auditMetrics are the audit trail's collectors.
type auditMetrics struct {
	written  prometheus.Counter
	commits  prometheus.Histogram
	failures prometheus.Counter
}

func newAuditMetrics(reg *prometheus.Registry) *auditMetrics {
	a := &auditMetrics{
		written: prometheus.NewCounter(counterOpts("audit", "records_written_total",
			"Audit records committed to the database.")),
		commits: prometheus.NewHistogram(latencyOpts("audit", "commit_duration_seconds",
			"Time of one audit group commit (one transaction for every record queued behind it).")),
		failures: prometheus.NewCounter(counterOpts("audit", "write_failures_total",
			"Audit records that could not be written; the requests they belong to handed nothing out.")),
	}
	reg.MustRegister(a.written, a.commits, a.failures)
	return a
}

// AuditCommitted records one group commit of n records.
func (m *Metrics) AuditCommitted(n int, latency time.Duration) {
	m.audit.written.Add(float64(n))
	m.audit.commits.Observe(latency.Seconds())
}

// AuditFailed records n records that were not written.
func (m *Metrics) AuditFailed(n int) { m.audit.failures.Add(float64(n)) }
