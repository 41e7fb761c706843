package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/client"
	"github.com/gitauthd/gitauthd/internal/apitest"
)

// browserGet is a GET by a client that keeps cookies and follows
// redirects, as a browser (and the page's script) does.
func browserGet(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	require.NoError(t, err)
	req.Header.Set("Accept", "application/json")
	res, err := c.Do(req)
	require.NoError(t, err)
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	_ = res.Body.Close()
	return res, string(b)
}

// GitHub sign-in with the device flow as the browser runs it: the start
// lands on /login/device, whose device box polls the callback with the
// state; once GitHub (the fake) approves the code, the poll signs in,
// landing on /.
func TestLoginDevicePage(t *testing.T) {
	t.Parallel()
	s, p := ghStart(t, "--oauth2-github-allow-signups", "--oauth2-github-device-flow")
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := &http.Client{Transport: s.HTTP.Transport, Jar: jar, Timeout: 30 * time.Second}

	res, page := browserGet(t, c, s.URL+"/api/v2/users/oauth2/github/callback")
	require.Equal(t, http.StatusOK, res.StatusCode, page)
	assert.Equal(t, "/login/device", res.Request.URL.Path)
	state := res.Request.URL.Query().Get("state")
	require.NotEmpty(t, state)
	assert.Contains(t, res.Header.Get("Content-Security-Policy"), "default-src 'self'")
	poll := "/api/v2/users/oauth2/github/callback?" + url.Values{"state": {state}}.Encode()
	assert.Contains(t, page, `<div class="device" data-device="github" data-device-api="/api/v2/users/oauth2/github/device" data-device-poll="`+
		strings.ReplaceAll(poll, "&", "&amp;")+`" data-device-auto>`)
	assert.Contains(t, page, `<button type="button" class="secondary device-start">Get a new code</button>`)
	assert.Contains(t, page, `<script src="/static/device.js"`)
	assert.NotContains(t, page, "<script>", "no inline script")

	// What device.js does: ask for a code, then poll the callback with it.
	res, body := browserGet(t, c, s.URL+"/api/v2/users/oauth2/github/device")
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	var d client.ExternalAuthDevice
	require.NoError(t, json.Unmarshal([]byte(body), &d))
	assert.True(t, strings.HasPrefix(d.VerificationUri, p.URL+"/"), d.VerificationUri)
	assert.Positive(t, d.ExpiresIn)
	assert.Equal(t, 1, d.Interval)
	check := s.URL + poll + "&code=" + url.QueryEscape(d.DeviceCode)
	res, body = browserGet(t, c, check)
	require.Equal(t, http.StatusBadRequest, res.StatusCode, body)
	assert.Contains(t, body, `"detail":"authorization_pending"`)
	_, me := browserGet(t, c, s.URL+"/api/v2/users/me")
	assert.NotContains(t, me, "octocat", "not signed in while the code is pending")

	require.NoError(t, p.ApproveDevice(d.UserCode, "octocat"))
	res, _ = browserGet(t, c, check)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "/", res.Request.URL.Path, "signed in, the poll lands on /")
	res, body = browserGet(t, c, s.URL+"/api/v2/users/me")
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	var u client.User
	require.NoError(t, json.Unmarshal([]byte(body), &u))
	assert.Equal(t, "octocat", u.Username)
	assert.Equal(t, client.LoginTypeGithub, u.LoginType)

	t.Run("a wrong state is refused", func(t *testing.T) {
		res, body := browserGet(t, c, s.URL+"/api/v2/users/oauth2/github/callback?state=wrong&code="+url.QueryEscape(d.DeviceCode))
		assert.Equal(t, http.StatusUnauthorized, res.StatusCode, body)
	})
	t.Run("without a state", func(t *testing.T) {
		res, body := s.Do(http.MethodGet, "/login/device", "", nil)
		assert.Equal(t, http.StatusBadRequest, res.StatusCode)
		assert.Contains(t, string(body), "No GitHub sign-in was started")
		assert.NotContains(t, string(body), "data-device")
	})
}

func TestLoginDevicePageGitHubOff(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--in-memory")
	res, body := s.Do(http.MethodGet, "/login/device?state=x", "", nil)
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
	assert.Contains(t, string(body), "GitHub sign-in is not enabled.")
}
