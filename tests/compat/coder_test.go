package compat

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/coder/coder/v2/codersdk"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	ownerEmail    = "owner@example.com"
	ownerPassword = "a-long-compat-password"
)

// coderClient is a codersdk client of s with the given session token.
func coderClient(t *testing.T, s *server, token string) *codersdk.Client {
	t.Helper()
	u, err := url.Parse(s.URL)
	require.NoError(t, err)
	c := codersdk.New(u)
	c.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	c.SetSessionToken(token)
	return c
}

// sdkError asserts that err is a *codersdk.Error with the given status and
// a message, and returns it.
func sdkError(t *testing.T, err error, status int) *codersdk.Error {
	t.Helper()
	require.Error(t, err)
	var e *codersdk.Error
	require.True(t, errors.As(err, &e), "not a *codersdk.Error: %T %v", err, err)
	assert.Equal(t, status, e.StatusCode(), "%v", err)
	assert.NotEmpty(t, e.Message, "%v", err)
	return e
}

// firstUser creates the owner through codersdk and signs in.
func firstUser(t *testing.T, ctx context.Context, s *server) (*codersdk.Client, codersdk.CreateFirstUserResponse) {
	t.Helper()
	anon := coderClient(t, s, "")
	first, err := anon.CreateFirstUser(ctx, codersdk.CreateFirstUserRequest{
		Email: ownerEmail, Username: "owner", Name: "The Owner", Password: ownerPassword,
		// coder login sends these too; unknown to gitauthd, they are ignored.
		Trial: false, TrialInfo: codersdk.CreateFirstUserTrialInfo{FirstName: "The"},
	})
	require.NoError(t, err)
	login, err := anon.LoginWithPassword(ctx, codersdk.LoginWithPasswordRequest{Email: ownerEmail, Password: ownerPassword})
	require.NoError(t, err)
	require.NotEmpty(t, login.SessionToken)
	return coderClient(t, s, login.SessionToken), first
}

// coderSetup is a server against a GitHub-dialect fake with the device flow
// (approved a second after it starts) under the id "github".
func coderSetup(t *testing.T) *server {
	env := startFake(t, "--id", "github", "--users", "octocat",
		"--device-auto-approve", "--device-auto-approve-after", "1s", "--device-interval", "1")
	return startServer(t, env)
}

func TestCoderSDK(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := coderSetup(t)
	anon := coderClient(t, s, "")

	// HasFirstUser is how `coder login` tells a fresh Coder deployment from
	// another server's 404: it needs X-Coder-Build-Version on that 404.
	has, err := anon.HasFirstUser(ctx)
	require.NoError(t, err, "a fresh deployment must be recognised as Coder's")
	require.False(t, has)

	owner, first := firstUser(t, ctx, s)
	require.NotEqual(t, uuid.Nil, first.UserID)
	has, err = anon.HasFirstUser(ctx)
	require.NoError(t, err)
	require.True(t, has)

	// A second first user is refused with Coder's error type.
	_, err = anon.CreateFirstUser(ctx, codersdk.CreateFirstUserRequest{Email: "x@example.com", Username: "x", Password: ownerPassword})
	sdkError(t, err, http.StatusConflict)

	t.Run("User(me)", func(t *testing.T) {
		me, err := owner.User(ctx, codersdk.Me)
		require.NoError(t, err)
		assert.Equal(t, first.UserID, me.ID)
		assert.Equal(t, "owner", me.Username)
		assert.Equal(t, ownerEmail, me.Email)
		assert.Equal(t, "The Owner", me.Name)
		assert.Equal(t, codersdk.UserStatusActive, me.Status)
		assert.Equal(t, codersdk.LoginTypePassword, me.LoginType)
		assert.True(t, slices.ContainsFunc(me.Roles, func(r codersdk.SlimRole) bool { return r.Name == "owner" }), "%+v", me.Roles)
		byName, err := owner.User(ctx, "owner")
		require.NoError(t, err)
		assert.Equal(t, me.ID, byName.ID)
		byID, err := owner.User(ctx, me.ID.String())
		require.NoError(t, err)
		assert.Equal(t, me.ID, byID.ID)
	})

	t.Run("login with a wrong password", func(t *testing.T) {
		_, err := anon.LoginWithPassword(ctx, codersdk.LoginWithPasswordRequest{Email: ownerEmail, Password: "not-the-password"})
		sdkError(t, err, http.StatusUnauthorized)
	})

	t.Run("BuildInfo", func(t *testing.T) {
		info, err := anon.BuildInfo(ctx)
		require.NoError(t, err)
		assert.NotEmpty(t, info.Version)
		assert.NotEmpty(t, info.ExternalURL)
		assert.NotEmpty(t, info.DeploymentID)
		res, err := anon.Request(ctx, http.MethodGet, "/api/v2/users/first", nil)
		require.NoError(t, err)
		_ = res.Body.Close()
		assert.Equal(t, info.Version, res.Header.Get(codersdk.BuildVersionHeader))
	})

	t.Run("Experiments", func(t *testing.T) {
		exp, err := owner.Experiments(ctx)
		require.NoError(t, err)
		assert.NotNil(t, exp)
		// GET /experiments/available: the reference page (the contract
		// here) answers a JSON array, where Coder's server answers
		// {"safe": [...]} (wire facts); so codersdk's SafeExperiments cannot
		// decode it, and the page's shape is checked instead.
		res, err := owner.Request(ctx, http.MethodGet, "/api/v2/experiments/available", nil)
		require.NoError(t, err)
		defer res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode)
		var available []codersdk.Experiment
		require.NoError(t, json.NewDecoder(res.Body).Decode(&available), "the page's shape: a JSON array")
	})

	t.Run("tokens", func(t *testing.T) {
		cfg, err := owner.GetTokenConfig(ctx, codersdk.Me)
		require.NoError(t, err)
		require.Positive(t, cfg.MaxTokenLifetime)

		key, err := owner.CreateToken(ctx, codersdk.Me, codersdk.CreateTokenRequest{TokenName: "ci", Lifetime: time.Hour})
		require.NoError(t, err)
		require.Regexp(t, `^[0-9A-Za-z]{10}-[0-9A-Za-z]{22}$`, key.Key)
		viaToken := coderClient(t, s, key.Key)
		me, err := viaToken.User(ctx, codersdk.Me)
		require.NoError(t, err)
		assert.Equal(t, first.UserID, me.ID)

		tokens, err := owner.Tokens(ctx, codersdk.Me, codersdk.TokensFilter{})
		require.NoError(t, err)
		i := slices.IndexFunc(tokens, func(k codersdk.APIKeyWithOwner) bool { return k.TokenName == "ci" })
		require.GreaterOrEqual(t, i, 0, "%+v", tokens)
		ci := tokens[i]
		assert.Equal(t, key.Key[:10], ci.ID)
		assert.Equal(t, first.UserID, ci.UserID)
		assert.Equal(t, int64(3600), ci.LifetimeSeconds)
		assert.Equal(t, codersdk.LoginTypeToken, ci.LoginType)
		assert.WithinDuration(t, time.Now().Add(time.Hour), ci.ExpiresAt, time.Minute)

		// A lifetime over the maximum: 400, the field named, nothing made.
		_, err = owner.CreateToken(ctx, codersdk.Me, codersdk.CreateTokenRequest{TokenName: "too-long", Lifetime: cfg.MaxTokenLifetime + time.Hour})
		e := sdkError(t, err, http.StatusBadRequest)
		require.NotEmpty(t, e.Validations, "%v", err)
		assert.Equal(t, "lifetime", e.Validations[0].Field)
		assert.NotEmpty(t, e.Validations[0].Detail)

		// A duplicate name: refused, nothing made.
		_, err = owner.CreateToken(ctx, codersdk.Me, codersdk.CreateTokenRequest{TokenName: "ci", Lifetime: time.Hour})
		e = sdkError(t, err, http.StatusConflict)
		after, err := owner.Tokens(ctx, codersdk.Me, codersdk.TokensFilter{})
		require.NoError(t, err)
		assert.Equal(t, len(tokens), len(after), "refused tokens created nothing: %+v", after)
		assert.False(t, slices.ContainsFunc(after, func(k codersdk.APIKeyWithOwner) bool { return k.TokenName == "too-long" }))

		// A bad token: 401, and the key it tried to delete is still there.
		bad := coderClient(t, s, "AAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB")
		sdkError(t, bad.DeleteAPIKey(ctx, codersdk.Me, ci.ID), http.StatusUnauthorized)
		_, err = viaToken.User(ctx, codersdk.Me)
		require.NoError(t, err, "the key survives a delete with a bad token")

		require.NoError(t, owner.DeleteAPIKey(ctx, codersdk.Me, ci.ID))
		_, err = viaToken.User(ctx, codersdk.Me)
		sdkError(t, err, http.StatusUnauthorized)
		sdkError(t, owner.DeleteAPIKey(ctx, codersdk.Me, ci.ID), http.StatusNotFound)
	})

	t.Run("session token transports", func(t *testing.T) {
		token := owner.SessionToken()
		for name, set := range map[string]func(*http.Request){
			"cookie": func(r *http.Request) { r.AddCookie(&http.Cookie{Name: codersdk.SessionTokenCookie, Value: token}) },
			"query": func(r *http.Request) {
				q := r.URL.Query()
				q.Set(codersdk.SessionTokenCookie, token)
				r.URL.RawQuery = q.Encode()
			},
			"bearer": func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+token) },
		} {
			t.Run(name, func(t *testing.T) {
				c := coderClient(t, s, "") // codersdk sends no header of its own
				c.HTTPClient.Transport = transport(set)
				me, err := c.User(ctx, codersdk.Me)
				require.NoError(t, err)
				assert.Equal(t, first.UserID, me.ID)
			})
		}
		t.Run("header", func(t *testing.T) {
			me, err := coderClient(t, s, token).User(ctx, codersdk.Me)
			require.NoError(t, err)
			assert.Equal(t, first.UserID, me.ID)
		})
		t.Run("none", func(t *testing.T) {
			_, err := anon.User(ctx, codersdk.Me)
			sdkError(t, err, http.StatusUnauthorized)
		})
	})

	t.Run("external auth", func(t *testing.T) {
		list, err := owner.ListExternalAuths(ctx)
		require.NoError(t, err)
		require.Len(t, list.Providers, 1)
		assert.Equal(t, "github", list.Providers[0].ID)
		assert.Equal(t, "github", list.Providers[0].Type)
		assert.True(t, list.Providers[0].Device)
		assert.Empty(t, list.Links)

		ea, err := owner.ExternalAuthByID(ctx, "github")
		require.NoError(t, err)
		assert.False(t, ea.Authenticated)
		assert.True(t, ea.Device)
		assert.NotNil(t, ea.AppInstallations, "installations: [] rather than null")

		// Unknown provider: 404 on each route, and no link appears.
		_, err = owner.ExternalAuthByID(ctx, "no-such-provider")
		sdkError(t, err, http.StatusNotFound)
		_, err = owner.ExternalAuthDeviceByID(ctx, "no-such-provider")
		sdkError(t, err, http.StatusNotFound)
		err = owner.ExternalAuthDeviceExchange(ctx, "no-such-provider", codersdk.ExternalAuthDeviceExchange{DeviceCode: "x"})
		sdkError(t, err, http.StatusNotFound)
		sdkError(t, owner.UnlinkExternalAuthByID(ctx, "no-such-provider"), http.StatusNotFound)
		// No link yet: unlinking is a 404 too.
		sdkError(t, owner.UnlinkExternalAuthByID(ctx, "github"), http.StatusNotFound)

		// The device flow, polled as Coder's CLI does until linked.
		dev, err := owner.ExternalAuthDeviceByID(ctx, "github")
		require.NoError(t, err)
		require.NotEmpty(t, dev.DeviceCode)
		require.NotEmpty(t, dev.UserCode)
		require.NotEmpty(t, dev.VerificationURI)
		require.Positive(t, dev.ExpiresIn)
		require.Positive(t, dev.Interval)
		interval := time.Duration(dev.Interval) * time.Second
		pending := 0
		for {
			err := owner.ExternalAuthDeviceExchange(ctx, "github", codersdk.ExternalAuthDeviceExchange{DeviceCode: dev.DeviceCode})
			if err == nil {
				break
			}
			e := sdkError(t, err, http.StatusBadRequest)
			require.Contains(t, []string{"authorization_pending", "slow_down"}, e.Detail, "%v", err)
			if e.Detail == "slow_down" {
				interval += 5 * time.Second
			}
			pending++
			select {
			case <-ctx.Done():
				t.Fatal("the device code was never approved")
			case <-time.After(interval):
			}
		}
		assert.Positive(t, pending, "the fake approves after a second: the first poll is pending")

		ea, err = owner.ExternalAuthByID(ctx, "github")
		require.NoError(t, err)
		assert.True(t, ea.Authenticated)
		require.NotNil(t, ea.User)
		assert.Equal(t, "octocat", ea.User.Login)
		list, err = owner.ListExternalAuths(ctx)
		require.NoError(t, err)
		require.Len(t, list.Links, 1)
		assert.Equal(t, "github", list.Links[0].ProviderID)
		assert.True(t, list.Links[0].Authenticated)

		require.NoError(t, owner.UnlinkExternalAuthByID(ctx, "github"))
		ea, err = owner.ExternalAuthByID(ctx, "github")
		require.NoError(t, err)
		assert.False(t, ea.Authenticated)
		list, err = owner.ListExternalAuths(ctx)
		require.NoError(t, err)
		assert.Empty(t, list.Links)
	})

	// After the runs above: the trail holds the owner's sign-ins, the link
	// created by the device flow and its removal, as codersdk decodes them.
	t.Run("AuditLogs", func(t *testing.T) {
		logins, err := owner.AuditLogs(ctx, codersdk.AuditLogsRequest{SearchQuery: "username:owner action:login"})
		require.NoError(t, err)
		require.NotEmpty(t, logins.AuditLogs)
		assert.GreaterOrEqual(t, logins.Count, int64(len(logins.AuditLogs)))
		for _, l := range logins.AuditLogs {
			assert.Equal(t, codersdk.AuditActionLogin, l.Action)
			require.NotNil(t, l.User)
			assert.Equal(t, "owner", l.User.Username)
			assert.Equal(t, first.UserID, l.User.ID)
			assert.NotEqual(t, uuid.Nil, l.ID)
			assert.NotEqual(t, uuid.Nil, l.RequestID)
			assert.True(t, l.IP.IsValid(), "ip %v", l.IP)
			assert.False(t, l.Time.IsZero())
			assert.NotEmpty(t, l.UserAgent)
		}
		// A refused sign-in is recorded with its status.
		assert.True(t, slices.ContainsFunc(logins.AuditLogs, func(l codersdk.AuditLog) bool { return l.StatusCode == http.StatusUnauthorized }),
			"the wrong-password sign-in above: %+v", logins.AuditLogs)

		links, err := owner.AuditLogs(ctx, codersdk.AuditLogsRequest{SearchQuery: "resource_type:external_auth_link"})
		require.NoError(t, err)
		var actions []codersdk.AuditAction
		for _, l := range links.AuditLogs {
			actions = append(actions, l.Action)
		}
		assert.Contains(t, actions, codersdk.AuditActionCreate, "the device exchange created the link")
		assert.Contains(t, actions, codersdk.AuditActionDelete, "the unlink")

		page, err := owner.AuditLogs(ctx, codersdk.AuditLogsRequest{Pagination: codersdk.Pagination{Limit: 1}})
		require.NoError(t, err)
		assert.Len(t, page.AuditLogs, 1)
		assert.Greater(t, page.Count, int64(1), "count is the whole trail, not the page")

		_, err = owner.AuditLogs(ctx, codersdk.AuditLogsRequest{SearchQuery: "action:no-such-action"})
		sdkError(t, err, http.StatusBadRequest)

		// A member reads nothing.
		_, err = owner.CreateUserWithOrgs(ctx, codersdk.CreateUserRequestWithOrgs{
			Email: "member@example.com", Username: "member", Password: ownerPassword, UserLoginType: codersdk.LoginTypePassword,
		})
		require.NoError(t, err)
		login, err := anon.LoginWithPassword(ctx, codersdk.LoginWithPasswordRequest{Email: "member@example.com", Password: ownerPassword})
		require.NoError(t, err)
		member := coderClient(t, s, login.SessionToken)
		_, err = member.AuditLogs(ctx, codersdk.AuditLogsRequest{})
		sdkError(t, err, http.StatusForbidden)

		// The member's own sign-in, filtered by user, is only theirs.
		mine, err := owner.AuditLogs(ctx, codersdk.AuditLogsRequest{SearchQuery: "username:member"})
		require.NoError(t, err)
		require.NotEmpty(t, mine.AuditLogs)
		for _, l := range mine.AuditLogs {
			require.NotNil(t, l.User)
			assert.Equal(t, "member", l.User.Username)
		}
	})
}

// transport is an http.RoundTripper that edits each request before sending
// it.
type transport func(*http.Request)

func (f transport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	f(r)
	return http.DefaultTransport.RoundTrip(r)
}
