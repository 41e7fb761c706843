package metrics

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCatalog(t *testing.T) {
	cat := Catalog()
	byName := map[string]Family{}
	for _, f := range cat {
		require.NotEmpty(t, f.Help, f.Name)
		byName[f.Name] = f
	}
	for name, labels := range map[string][]string{
		"gitauthd_http_requests_total":                 {"method", "route", "status"},
		"gitauthd_http_request_duration_seconds":       {"method", "route", "le (buckets)"},
		"gitauthd_http_requests_in_flight":             nil,
		"gitauthd_provider_requests_total":             {"endpoint", "outcome", "provider"},
		"gitauthd_provider_request_duration_seconds":   {"endpoint", "provider", "le (buckets)"},
		"gitauthd_external_auth_token_refreshes_total": {"outcome", "provider"},
		"gitauthd_db_open_connections":                 {"pool"},
		"gitauthd_csp_reports_total":                   nil,
		"gitauthd_store_cache_reads_total":             {"result", "table"},
		"gitauthd_build_info":                          {"commit", "go_version", "version"},
	} {
		f, ok := byName[name]
		if assert.True(t, ok, "%s missing from the catalog", name) {
			assert.Equal(t, labels, f.Labels, name)
		}
	}
}
