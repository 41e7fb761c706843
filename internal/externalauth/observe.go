package externalauth

import "context"

// Provider endpoints, as CallFrom names the call a request makes.
const (
	EndpointToken         = "token"         // code exchange, device token poll, refresh
	EndpointDevice        = "device"        // device authorization (RFC 8628 §3.1)
	EndpointValidate      = "validate"      // the validate URL
	EndpointInstallations = "installations" // the app installations URL
	EndpointRevoke        = "revoke"        // token revocation
)

// Refresh outcomes, as Options.OnRefresh receives them.
const (
	RefreshSuccess   = "success"   // the provider issued a new token
	RefreshFailed    = "failed"    // the provider refused for good: the person must link again
	RefreshTransient = "transient" // the provider could not be reached, or answered 5xx/429/garbage
)

// Call names one provider call: which provider, which endpoint.
type Call struct {
	Provider string
	Endpoint string
}

type callKey struct{}

// withCall marks ctx as making a call to p's endpoint, for the HTTP
// client's transport to read with CallFrom.
func withCall(ctx context.Context, p *Provider, endpoint string) context.Context {
	return context.WithValue(ctx, callKey{}, Call{Provider: p.ID, Endpoint: endpoint})
}

// CallFrom returns the provider call a request's context was marked with,
// so that a RoundTripper around Options.HTTPClient can label it (metrics).
func CallFrom(ctx context.Context) (Call, bool) {
	c, ok := ctx.Value(callKey{}).(Call)
	return c, ok
}

// observeRefresh reports the outcome of spending a refresh token.
func (s *Service) observeRefresh(p *Provider, err error, refreshToken string) {
	if s.onRefresh == nil {
		return
	}
	outcome := RefreshSuccess
	if err != nil {
		outcome = RefreshTransient
		if permanent, _ := classifyRefreshErr(err, refreshToken); permanent {
			outcome = RefreshFailed
		}
	}
	s.onRefresh(p.ID, outcome)
}
