package fakeprovider_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

func TestDeviceFlowPendingSlowDownApprove(t *testing.T) {
	t.Parallel()
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) {
			t.Parallel()
			p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: d, DeviceInterval: 1})
			p.AddUser(fakeprovider.User{Login: "alice"})
			p.AddUser(fakeprovider.User{Login: "bob"})
			cfg := config(p)

			da, err := cfg.DeviceAuth(ctx(t))
			require.NoError(t, err)
			assert.Regexp(t, regexp.MustCompile(`^[A-Z0-9]{4}-[A-Z0-9]{4}$`), da.UserCode)
			assert.Equal(t, p.DeviceVerificationURL(), da.VerificationURI)
			assert.EqualValues(t, 1, da.Interval)
			assert.WithinDuration(t, time.Now().Add(15*time.Minute), da.Expiry, time.Minute)
			assert.Equal(t, da.UserCode, p.LastUserCode())

			poll := func() answer { return post(t, p.TokenURL(), pollForm(p, da.DeviceCode)) }
			assert.Equal(t, "authorization_pending", poll().oauthError(t, d))
			// Polled again at once: slow_down, and the interval grows by 5 s.
			a := poll()
			assert.Equal(t, "slow_down", a.oauthError(t, d))
			if d == fakeprovider.GitHub {
				assert.Equal(t, "6", a.form(t).Get("interval"))
			}
			p.Advance(3 * time.Second)
			assert.Equal(t, "slow_down", poll().oauthError(t, d), "interval is 6 s now")
			p.Advance(11 * time.Second)
			assert.Equal(t, "authorization_pending", poll().oauthError(t, d))

			// The verification page.
			page := get(t, da.VerificationURI, "")
			assert.Equal(t, http.StatusOK, page.status)
			assert.True(t, strings.HasPrefix(page.header.Get("Content-Type"), "text/html"))

			require.NoError(t, p.ApproveDevice(strings.ToLower(da.UserCode), "bob"))
			a = poll() // right away: an approved code is never slowed down
			var access string
			if d == fakeprovider.GitHub {
				require.Equal(t, http.StatusOK, a.status)
				access = a.form(t).Get("access_token")
			} else {
				require.Equal(t, http.StatusOK, a.status, "%s", a.body)
				access, _ = a.json(t)["access_token"].(string)
			}
			require.True(t, strings.HasPrefix(access, p.AccessTokenPrefix()), access)
			info, _ := p.Token(access)
			assert.Equal(t, "bob", info.Login)
			assert.Equal(t, "repo read:user", info.Scope)

			// The device code is used up.
			want := "incorrect_device_code"
			if d == fakeprovider.RFC {
				want = "invalid_grant"
			}
			assert.Equal(t, want, poll().oauthError(t, d))
		})
	}
}

func TestDeviceAccessTokenLoop(t *testing.T) {
	t.Parallel()
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) {
			t.Parallel()
			p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: d, DeviceInterval: 1, AccessTokenTTL: time.Hour, RefreshTokens: true})
			cfg := config(p)
			da, err := cfg.DeviceAuth(ctx(t))
			require.NoError(t, err)
			require.NoError(t, p.ApproveDevice(da.UserCode, "")) // the signed-in user
			tok, err := cfg.DeviceAccessToken(ctx(t), da)
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(tok.AccessToken, p.AccessTokenPrefix()))
			assert.NotEmpty(t, tok.RefreshToken)
			info, _ := p.Token(tok.AccessToken)
			assert.Equal(t, fakeprovider.DefaultLogin, info.Login)

			// A device-flow grant belongs to a public client: refresh without the secret.
			pub := *cfg
			pub.ClientSecret = ""
			fresh, err := pub.TokenSource(ctx(t), tok).Token()
			require.NoError(t, err)
			assert.Equal(t, tok.AccessToken, fresh.AccessToken, "not expired: no refresh")
			tok.Expiry = time.Now().Add(-time.Minute)
			fresh, err = pub.TokenSource(ctx(t), tok).Token()
			require.NoError(t, err)
			assert.NotEqual(t, tok.AccessToken, fresh.AccessToken)
		})
	}
}

func TestDeviceFlowEndings(t *testing.T) {
	t.Parallel()
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) {
			t.Parallel()
			p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: d, DeviceInterval: 1, DeviceCodeTTL: time.Minute})
			cfg := config(p)
			poll := func(code string) string { return post(t, p.TokenURL(), pollForm(p, code)).oauthError(t, d) }

			expired, err := cfg.DeviceAuth(ctx(t))
			require.NoError(t, err)
			denied, err := cfg.DeviceAuth(ctx(t))
			require.NoError(t, err)
			slowed, err := cfg.DeviceAuth(ctx(t))
			require.NoError(t, err)

			require.NoError(t, p.DenyDevice(denied.UserCode))
			assert.Equal(t, "access_denied", poll(denied.DeviceCode))
			assert.Equal(t, "access_denied", poll(denied.DeviceCode))

			p.SlowDownNext()
			assert.Equal(t, "slow_down", poll(slowed.DeviceCode), "even the first poll")
			p.Advance(10 * time.Second)
			assert.Equal(t, "authorization_pending", poll(slowed.DeviceCode))

			p.Advance(time.Minute)
			assert.Equal(t, "expired_token", poll(expired.DeviceCode))

			want := "incorrect_device_code"
			if d == fakeprovider.RFC {
				want = "invalid_grant"
			}
			assert.Equal(t, want, poll("nope"))
			assert.Error(t, p.ApproveDevice("ZZZZ-ZZZZ", ""))
		})
	}
}

func TestDeviceCodeWireFormats(t *testing.T) {
	t.Parallel()
	gh := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub})
	form := url.Values{"client_id": {gh.ClientID()}, "scope": {"repo"}}

	// GitHub: form-encoded unless asked for JSON.
	v := post(t, gh.DeviceCodeURL(), form).form(t)
	assert.Len(t, v.Get("device_code"), 40)
	assert.Equal(t, "5", v.Get("interval"))
	assert.Equal(t, "900", v.Get("expires_in"))
	assert.Equal(t, gh.URL+"/login/device", v.Get("verification_uri"))
	m := post(t, gh.DeviceCodeURL(), form, "Accept", "application/json").json(t)
	assert.EqualValues(t, 5, m["interval"])

	a := post(t, gh.DeviceCodeURL(), url.Values{"client_id": {"nope"}})
	assert.Equal(t, "incorrect_client_credentials", a.oauthError(t, fakeprovider.GitHub))

	// The verification page approves for the signed-in user.
	code := v.Get("user_code")
	a = post(t, gh.URL+"/fake/device", url.Values{"user_code": {code}, "action": {"approve"}})
	assert.Equal(t, http.StatusOK, a.status)
	a = post(t, gh.TokenURL(), pollForm(gh, v.Get("device_code")))
	assert.NotEmpty(t, a.form(t).Get("access_token"))

	off := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, DisableDeviceFlow: true})
	a = post(t, off.DeviceCodeURL(), url.Values{"client_id": {off.ClientID()}})
	assert.Equal(t, "device_flow_disabled", a.oauthError(t, fakeprovider.GitHub))

	// RFC: JSON, with verification_uri_complete; GitLab's path too.
	rfc := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.RFC})
	for _, path := range []string{"/oauth/device", "/oauth/authorize_device"} {
		m = post(t, rfc.URL+path, url.Values{"client_id": {rfc.ClientID()}}).json(t)
		assert.NotEmpty(t, m["device_code"])
		assert.Equal(t, rfc.URL+"/oauth/device?user_code="+url.QueryEscape(m["user_code"].(string)), m["verification_uri_complete"])
	}
	a = post(t, rfc.DeviceCodeURL(), url.Values{"client_id": {"nope"}})
	assert.Equal(t, http.StatusUnauthorized, a.status)
	assert.Equal(t, "invalid_client", a.oauthError(t, fakeprovider.RFC))
}

func TestDeviceAutoApprove(t *testing.T) {
	t.Parallel()
	p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, DeviceInterval: 1, DeviceAutoApprove: 3 * time.Second})
	p.AddUser(fakeprovider.User{Login: "alice"})
	da, err := config(p).DeviceAuth(ctx(t))
	require.NoError(t, err)
	assert.Equal(t, "authorization_pending", post(t, p.TokenURL(), pollForm(p, da.DeviceCode)).oauthError(t, fakeprovider.GitHub))
	p.Advance(3 * time.Second)
	a := post(t, p.TokenURL(), pollForm(p, da.DeviceCode))
	info, _ := p.Token(a.form(t).Get("access_token"))
	assert.Equal(t, "alice", info.Login)
}
