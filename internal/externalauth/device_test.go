package externalauth

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

func TestDeviceFlow(t *testing.T) {
	eachDialect(t, func(o *fakeprovider.Options) { o.RefreshTokens = true; o.AccessTokenTTL = time.Hour },
		func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
			e := newEnv(t)
			s := e.service("a", p)
			ctx, user := bounded(t), e.user("alice")

			d, err := s.StartDevice(ctx, p.ID)
			require.NoError(t, err)
			require.NotEmpty(t, d.DeviceCode)
			require.Equal(t, f.LastUserCode(), d.UserCode)
			require.Equal(t, f.DeviceVerificationURL(), d.VerificationURI)
			require.Equal(t, 1, d.Interval)
			require.Positive(t, d.ExpiresIn)

			poll := func() error {
				f.Advance(2 * time.Second) // poll no faster than the interval
				return s.ExchangeDevice(ctx, user, p.ID, d.DeviceCode)
			}
			detail := func(err error) string {
				require.Equal(t, errs.KindInvalid, kindOf(t, err), "%v", err)
				return asErr(t, err).Detail
			}
			require.Equal(t, "authorization_pending", detail(poll()))
			f.SlowDownNext()
			require.Equal(t, "slow_down", detail(poll()))
			// Polling at once again: the provider says slow_down by itself.
			require.Equal(t, "slow_down", detail(s.ExchangeDevice(ctx, user, p.ID, d.DeviceCode)))
			f.Advance(10 * time.Second)

			// Other codes pass through exactly.
			require.Equal(t, map[fakeprovider.Dialect]string{
				fakeprovider.GitHub: "incorrect_device_code", fakeprovider.RFC: "invalid_grant",
			}[f.Options().Dialect], detail(s.ExchangeDevice(ctx, user, p.ID, "wrong")))
			err = s.ExchangeDevice(ctx, user, p.ID, "")
			require.Equal(t, "device_code", asErr(t, err).Fields[0].Field)

			_, err = e.st.GetExternalAuthLink(ctx, user, p.ID)
			require.Error(t, err, "nothing is stored until the token comes")

			require.NoError(t, f.ApproveDevice(d.UserCode, ""))
			require.NoError(t, poll())
			st, err := s.Get(ctx, user, p.ID)
			require.NoError(t, err)
			require.True(t, st.Authenticated, st.ValidateError)
			require.Equal(t, "octocat", st.User.Login)
			l, err := e.st.GetExternalAuthLink(ctx, user, p.ID)
			require.NoError(t, err)
			require.NotEmpty(t, l.RefreshToken)
			require.WithinDuration(t, e.clock.Now().Add(time.Hour), l.ExpiresAt, time.Minute)

			// Denied and expired codes.
			d2, err := s.StartDevice(ctx, p.ID)
			require.NoError(t, err)
			require.NoError(t, f.DenyDevice(d2.UserCode))
			require.Equal(t, "access_denied", detail(poll2(t, f, s, user, p, d2.DeviceCode)))
			d3, err := s.StartDevice(ctx, p.ID)
			require.NoError(t, err)
			require.NoError(t, f.ExpireDevice(d3.UserCode))
			require.Equal(t, "expired_token", detail(poll2(t, f, s, user, p, d3.DeviceCode)))

			noSecrets(t, e.logs.String(), append(f.IssuedTokens(), d.DeviceCode, p.ClientSecret)...)
		})
}

func poll2(t *testing.T, f *fakeprovider.Provider, s *Service, user uuid.UUID, p *Provider, code string) error {
	f.Advance(2 * time.Second)
	return s.ExchangeDevice(bounded(t), user, p.ID, code)
}

func TestDeviceFlowUnsupported(t *testing.T) {
	eachDialect(t, func(o *fakeprovider.Options) { o.DisableDeviceFlow = true },
		func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
			e := newEnv(t)
			ctx, user := bounded(t), e.user("alice")

			// Configured without a device flow.
			noDevice := *p
			noDevice.ID, noDevice.DeviceFlow, noDevice.DeviceCodeURL = "nodevice", false, ""
			s := e.service("a", p, &noDevice)
			_, err := s.StartDevice(ctx, "nodevice")
			require.Equal(t, errs.KindInvalid, kindOf(t, err))
			require.Contains(t, err.Error(), "does not support device flow")
			err = s.ExchangeDevice(ctx, user, "nodevice", "x")
			require.Contains(t, err.Error(), "does not support device flow")

			// Configured with one that the provider refuses.
			_, err = s.StartDevice(ctx, p.ID)
			require.Equal(t, errs.KindInvalid, kindOf(t, err))
			require.True(t, strings.HasPrefix(asErr(t, err).Detail, map[fakeprovider.Dialect]string{
				fakeprovider.GitHub: "device_flow_disabled", fakeprovider.RFC: "unauthorized_client",
			}[f.Options().Dialect]), asErr(t, err).Detail)
		})
}

func TestDeviceFlowProviderDown(t *testing.T) {
	eachDialect(t, nil, func(t *testing.T, f *fakeprovider.Provider, p *Provider) {
		e := newEnv(t)
		s := e.service("a", p)
		s.providerTimeout = 200 * time.Millisecond
		ctx, user := bounded(t), e.user("alice")
		for _, fault := range []fakeprovider.Fault{{Status: 503}, {CloseConnection: true}, {Garbage: true}, {Delay: 5 * time.Second}} {
			f.SetFault("*", fault)
			_, err := s.StartDevice(ctx, p.ID)
			require.Equal(t, errs.KindUnavailable, kindOf(t, err), "%+v: %v", fault, err)
			err = s.ExchangeDevice(ctx, user, p.ID, "code")
			require.Equal(t, errs.KindUnavailable, kindOf(t, err), "%+v: %v", fault, err)
		}
		f.SetFault("*", fakeprovider.Fault{Status: 429})
		_, err := s.StartDevice(ctx, p.ID)
		require.Equal(t, errs.KindTooMany, kindOf(t, err))
	})
}
