package e2e

import (
	"encoding/json"
	"net"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/apitest"
)

// The operability options show in /deployment/config as Coder names them.
func TestDeploymentConfigOperability(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t,
		"--prometheus-enable", "--prometheus-address", "127.0.0.1:0",
		"--pprof-address", "127.0.0.1:6061",
		"--rate-limit-api", "100", "--rate-limit-disable-all",
		"--proxy-trusted-headers", "X-Forwarded-For,X-Real-IP", "--proxy-trusted-origins", "10.0.0.0/8")
	owner := s.CreateOwner(t)
	res, body := s.Do(http.MethodGet, "/api/v2/deployment/config", "", auth(owner.Token))
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	var got struct {
		Config map[string]any `json:"config"`
	}
	require.NoError(t, json.Unmarshal(body, &got))
	c := got.Config

	_, promPort, err := net.SplitHostPort(s.App.Values.PrometheusAddress)
	require.NoError(t, err)
	assert.NotEqual(t, "0", promPort, "the bound port is shown")
	assert.Equal(t, map[string]any{"enable": true, "address": map[string]any{"host": "127.0.0.1", "port": promPort}}, c["prometheus"])
	assert.Equal(t, map[string]any{"enable": false, "address": map[string]any{"host": "127.0.0.1", "port": "6061"}}, c["pprof"])
	assert.Equal(t, map[string]any{"api": float64(100), "disable_all": true}, c["rate_limit"])
	assert.Equal(t, []any{"X-Forwarded-For", "X-Real-IP"}, c["proxy_trusted_headers"])
	assert.Equal(t, []any{"10.0.0.0/8"}, c["proxy_trusted_origins"])
}

func TestDeploymentConfigOperabilityDefaults(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	owner := s.CreateOwner(t)
	res, body := s.Do(http.MethodGet, "/api/v2/deployment/config", "", auth(owner.Token))
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	var got struct {
		Config map[string]any `json:"config"`
	}
	require.NoError(t, json.Unmarshal(body, &got))
	c := got.Config
	assert.Equal(t, map[string]any{"enable": false, "address": map[string]any{"host": "127.0.0.1", "port": "2112"}}, c["prometheus"])
	assert.Equal(t, map[string]any{"enable": false, "address": map[string]any{"host": "127.0.0.1", "port": "6060"}}, c["pprof"])
	assert.Equal(t, map[string]any{"api": float64(512), "disable_all": false}, c["rate_limit"])
	assert.Equal(t, []any{}, c["proxy_trusted_headers"])
	assert.Equal(t, []any{}, c["proxy_trusted_origins"])
}
