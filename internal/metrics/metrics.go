// Package metrics owns gitauthd's Prometheus registry and collectors: HTTP
// requests by route template, provider calls, token refreshes, audit
// commits, store cache reads, database pool statistics, CSP reports and
// build information. It knows nothing of
// Echo or of the domain packages: the server feeds it labels and callbacks.
//
// Every label has a bounded set of values: routes are templates (never raw
// paths or ids), providers are the configured ones, endpoints, outcomes and
// pools are fixed lists.
package metrics

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Namespace prefixes every gitauthd metric.
const Namespace = "gitauthd"

// Unmatched is the route label of requests that matched no route.
const Unmatched = "unmatched"

// Provider call outcomes.
const (
	OutcomeSuccess     = "success"      // 2xx
	OutcomeClientError = "client_error" // 4xx other than 429
	OutcomeRateLimited = "rate_limited" // 429
	OutcomeServerError = "server_error" // 5xx
	OutcomeOther       = "other"        // 1xx, 3xx
	OutcomeTimeout     = "timeout"      // no answer in time
	OutcomeCanceled    = "canceled"     // the caller went away
	OutcomeError       = "error"        // connection refused, DNS, TLS...
)

// BuildInfo labels gitauthd_build_info.
type BuildInfo struct {
	Version   string
	Commit    string
	GoVersion string
}

// Metrics is the registry and the collectors the server updates. It is safe
// for concurrent use.
type Metrics struct {
	reg *prometheus.Registry

	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec
	httpInFlight prometheus.Gauge

	providerRequests *prometheus.CounterVec
	providerDuration *prometheus.HistogramVec
	refreshes        *prometheus.CounterVec
	audit            *auditMetrics

	// series caches the HTTP series by labels: the set is bounded (route
	// templates, methods, statuses), and a map look-up is cheaper than
	// the vectors' hashing of label values on every request.
	series sync.Map // httpLabels → *httpSeries
}

type httpLabels struct {
	route, method string
	status        int
}

type httpSeries struct {
	requests prometheus.Counter
	duration prometheus.Observer
}

// latencyBuckets, in seconds, span a cached read (well under a millisecond)
// to a slow provider (seconds).
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

// counterOpts names a counter of the namespace.
func counterOpts(subsystem, name, help string) prometheus.CounterOpts {
	return prometheus.CounterOpts{Namespace: Namespace, Subsystem: subsystem, Name: name, Help: help}
}

// latencyOpts names a histogram of the namespace with latencyBuckets.
func latencyOpts(subsystem, name, help string) prometheus.HistogramOpts {
	return prometheus.HistogramOpts{Namespace: Namespace, Subsystem: subsystem, Name: name, Help: help, Buckets: latencyBuckets}
}

// requestVecs are the two collectors of a kind of request:
// {subsystem}_requests_total by labels and result, and
// {subsystem}_request_duration_seconds by labels.
func requestVecs(subsystem, requestsHelp, durationHelp, result string, labels ...string) (*prometheus.CounterVec, *prometheus.HistogramVec) {
	return prometheus.NewCounterVec(counterOpts(subsystem, "requests_total", requestsHelp), append(slices.Clip(labels), result)),
		prometheus.NewHistogramVec(latencyOpts(subsystem, "request_duration_seconds", durationHelp), labels)
}

// New returns a registry with the Go runtime and process collectors, build
// info, and the HTTP, provider and refresh collectors.
func New(b BuildInfo) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.httpRequests, m.httpDuration = requestVecs("http",
		"HTTP requests served, by route template, method and status code.",
		"Time spent serving HTTP requests, by route template and method.",
		"status", "route", "method")
	m.httpInFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: Namespace, Subsystem: "http", Name: "requests_in_flight",
		Help: "HTTP requests being served now.",
	})
	m.providerRequests, m.providerDuration = requestVecs("provider",
		"Calls to external auth providers, by provider id, endpoint (token, device, validate, installations, revoke) and outcome.",
		"Time until an external auth provider answered (headers), by provider id and endpoint.",
		"outcome", "provider", "endpoint")
	m.refreshes = prometheus.NewCounterVec(counterOpts("external_auth", "token_refreshes_total",
		"External auth token refreshes, by provider id and outcome (success, failed, transient)."),
		[]string{"provider", "outcome"})
	buildInfo := prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: Namespace, Name: "build_info",
		Help:        "Always 1; the labels describe the running build.",
		ConstLabels: prometheus.Labels{"version": b.Version, "commit": b.Commit, "go_version": b.GoVersion},
	})
	buildInfo.Set(1)
	m.audit = newAuditMetrics(m.reg)
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		buildInfo,
		m.httpRequests, m.httpDuration, m.httpInFlight,
		m.providerRequests, m.providerDuration, m.refreshes,
	)
	return m
}

// Registry returns the registry, for tests and extra collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// InFlight returns the in-flight gauge: Inc when a request starts, Dec
// when it ends.
func (m *Metrics) InFlight() prometheus.Gauge { return m.httpInFlight }

// ObserveHTTP records one served request. route must be a route template
// or Unmatched, method one of the standard methods (see Method).
func (m *Metrics) ObserveHTTP(route, method string, status int, d time.Duration) {
	k := httpLabels{route, method, status}
	s, ok := m.series.Load(k)
	if !ok {
		s, _ = m.series.LoadOrStore(k, &httpSeries{
			requests: m.httpRequests.WithLabelValues(route, method, strconv.Itoa(status)),
			duration: m.httpDuration.WithLabelValues(route, method),
		})
	}
	hs := s.(*httpSeries)
	hs.requests.Inc()
	hs.duration.Observe(d.Seconds())
}

// Method maps a request method to a label: the standard methods as they
// are, anything else "other".
func Method(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	}
	return "other"
}

// ObserveRefresh records the outcome of one token refresh with provider
// (externalauth names the outcomes: success, failed, transient).
func (m *Metrics) ObserveRefresh(provider, outcome string) {
	m.refreshes.WithLabelValues(provider, outcome).Inc()
}

// CallLabeler names the provider and endpoint of an outgoing provider
// request; ok false when the request is not a known provider call.
type CallLabeler func(*http.Request) (provider, endpoint string, ok bool)

// InstrumentProviders wraps next (nil means http.DefaultTransport) so that
// every provider call it makes is counted and timed, labelled by label.
// Requests label does not know are labelled "unknown".
func (m *Metrics) InstrumentProviders(next http.RoundTripper, label CallLabeler) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	return &providerTransport{m: m, next: next, label: label}
}

type providerTransport struct {
	m     *Metrics
	next  http.RoundTripper
	label CallLabeler
}

func (t *providerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	provider, endpoint, ok := t.label(req)
	if !ok {
		provider, endpoint = "unknown", "unknown"
	}
	start := time.Now()
	res, err := t.next.RoundTrip(req)
	t.m.providerDuration.WithLabelValues(provider, endpoint).Observe(time.Since(start).Seconds())
	t.m.providerRequests.WithLabelValues(provider, endpoint, outcome(res, err)).Inc()
	return res, err
}

func outcome(res *http.Response, err error) string {
	if err != nil {
		var ne net.Error
		switch {
		case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
			return OutcomeTimeout
		case errors.Is(err, context.Canceled):
			return OutcomeCanceled
		}
		return OutcomeError
	}
	switch c := res.StatusCode; {
	case c >= 200 && c < 300:
		return OutcomeSuccess
	case c == http.StatusTooManyRequests:
		return OutcomeRateLimited
	case c >= 400 && c < 500:
		return OutcomeClientError
	case c >= 500:
		return OutcomeServerError
	}
	return OutcomeOther
}

// RegisterCSPReports exposes the number of CSP violation reports received,
// read from fn at each scrape.
func (m *Metrics) RegisterCSPReports(fn func() int64) {
	m.reg.MustRegister(prometheus.NewCounterFunc(counterOpts("", "csp_reports_total",
		"Content-Security-Policy violation reports received."),
		func() float64 { return float64(fn()) }))
}

// CacheStats are the counts of the in-process store cache.
type CacheStats struct {
	KeyHits, KeyMisses   int64
	LinkHits, LinkMisses int64
}

// RegisterStoreCache exposes the store cache's hits and misses, read from
// fn at each scrape, as gitauthd_store_cache_reads_total{table, result}.
func (m *Metrics) RegisterStoreCache(fn func() CacheStats) {
	m.reg.MustRegister(&cacheCollector{fn: fn, desc: prometheus.NewDesc(
		prometheus.BuildFQName(Namespace, "store_cache", "reads_total"),
		"Reads of API keys and external auth links by the in-process store cache, by table (api_keys, external_auth_links) and result (hit, miss).",
		[]string{"table", "result"}, nil)})
}

type cacheCollector struct {
	fn   func() CacheStats
	desc *prometheus.Desc
}

func (c *cacheCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *cacheCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.fn()
	for _, v := range []struct {
		table, result string
		n             int64
	}{
		{"api_keys", "hit", s.KeyHits}, {"api_keys", "miss", s.KeyMisses},
		{"external_auth_links", "hit", s.LinkHits}, {"external_auth_links", "miss", s.LinkMisses},
	} {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, float64(v.n), v.table, v.result)
	}
}

// DBStatsFunc reads the statistics of the database's connection pools, by
// pool name.
type DBStatsFunc func() map[string]sql.DBStats

// RegisterDBStats exposes the connection pool statistics fn reads at each
// scrape, as gitauthd_db_* labelled by pool.
func (m *Metrics) RegisterDBStats(fn DBStatsFunc) {
	m.reg.MustRegister(newDBCollector(fn))
}

type dbCollector struct {
	fn DBStatsFunc

	maxOpen, open, inUse, idle                   *prometheus.Desc
	waitCount, waitDuration                      *prometheus.Desc
	maxIdleClosed, maxIdleTimeClosed, maxLifeEnd *prometheus.Desc
}

func newDBCollector(fn DBStatsFunc) *dbCollector {
	d := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc(prometheus.BuildFQName(Namespace, "db", name), help, []string{"pool"}, nil)
	}
	return &dbCollector{
		fn:                fn,
		maxOpen:           d("max_open_connections", "Most connections the pool may open."),
		open:              d("open_connections", "Connections open, in use or idle."),
		inUse:             d("in_use_connections", "Connections in use."),
		idle:              d("idle_connections", "Idle connections."),
		waitCount:         d("wait_count_total", "Times a caller waited for a connection."),
		waitDuration:      d("wait_duration_seconds_total", "Total time callers waited for a connection."),
		maxIdleClosed:     d("max_idle_closed_total", "Connections closed because of the idle connection limit."),
		maxIdleTimeClosed: d("max_idle_time_closed_total", "Connections closed because they were idle too long."),
		maxLifeEnd:        d("max_lifetime_closed_total", "Connections closed because they were too old."),
	}
}

func (c *dbCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.maxOpen, c.open, c.inUse, c.idle, c.waitCount, c.waitDuration, c.maxIdleClosed, c.maxIdleTimeClosed, c.maxLifeEnd} {
		ch <- d
	}
}

func (c *dbCollector) Collect(ch chan<- prometheus.Metric) {
	for pool, s := range c.fn() {
		g := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, pool)
		}
		n := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, pool)
		}
		g(c.maxOpen, float64(s.MaxOpenConnections))
		g(c.open, float64(s.OpenConnections))
		g(c.inUse, float64(s.InUse))
		g(c.idle, float64(s.Idle))
		n(c.waitCount, float64(s.WaitCount))
		n(c.waitDuration, s.WaitDuration.Seconds())
		n(c.maxIdleClosed, float64(s.MaxIdleClosed))
		n(c.maxIdleTimeClosed, float64(s.MaxIdleTimeClosed))
		n(c.maxLifeEnd, float64(s.MaxLifetimeClosed))
	}
}
