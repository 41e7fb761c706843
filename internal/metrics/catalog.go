package metrics

import (
	"database/sql"
	"net/http"
	"sort"
	"strings"

	dto "github.com/prometheus/client_model/go"
)

// Family describes one metric gitauthd exposes, for the operations guide.
type Family struct {
	Name   string
	Type   string // counter, gauge, histogram
	Help   string
	Labels []string
}

// Catalog lists gitauthd's own metrics (not the go_* and process_* ones
// of the standard collectors), sorted by name. It registers every
// collector the server can register, feeds each one sample, and reads
// back what the registry exposes, so the list cannot drift from the code.
func Catalog() []Family {
	m := New(BuildInfo{Version: "v0.0.0", Commit: "0", GoVersion: "go"})
	m.ObserveHTTP("/route", http.MethodGet, http.StatusOK, 0)
	m.InFlight().Set(0)
	m.ObserveRefresh("provider", "success")
	tr := m.InstrumentProviders(roundTripperFunc(func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody}, nil
	}), func(*http.Request) (string, string, bool) { return "provider", "token", true })
	req, _ := http.NewRequest(http.MethodGet, "http://provider.invalid/", nil)
	if res, err := tr.RoundTrip(req); err == nil {
		_ = res.Body.Close()
	}
	m.RegisterDBStats(func() map[string]sql.DBStats { return map[string]sql.DBStats{"writer": {}} })
	m.RegisterCSPReports(func() int64 { return 0 })
	m.RegisterStoreCache(func() CacheStats { return CacheStats{} })

	families, err := m.reg.Gather()
	if err != nil {
		panic("metrics: gathering the catalog: " + err.Error())
	}
	var out []Family
	for _, f := range families {
		if !strings.HasPrefix(f.GetName(), Namespace+"_") {
			continue
		}
		labels := map[string]bool{}
		for _, mt := range f.GetMetric() {
			for _, l := range mt.GetLabel() {
				labels[l.GetName()] = true
			}
		}
		fam := Family{Name: f.GetName(), Type: strings.ToLower(f.GetType().String()), Help: f.GetHelp()}
		for l := range labels {
			fam.Labels = append(fam.Labels, l)
		}
		sort.Strings(fam.Labels)
		if f.GetType() == dto.MetricType_HISTOGRAM {
			fam.Labels = append(fam.Labels, "le (buckets)")
		}
		out = append(out, fam)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
