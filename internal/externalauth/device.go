package externalauth

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/uuid"
	"golang.org/x/oauth2"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
)

const grantTypeDeviceCode = "urn:ietf:params:oauth:grant-type:device_code"

// StartDevice starts the device flow (RFC 8628 §3.1): the provider issues
// a device code and a user code for the person to enter at the
// verification URI.
func (s *Service) StartDevice(ctx context.Context, providerID string) (Device, error) {
	p, err := s.deviceProvider(ctx, providerID)
	if err != nil {
		return Device{}, err
	}
	form := url.Values{"client_id": {p.ClientID}}
	if len(p.Scopes) > 0 {
		form.Set("scope", strings.Join(p.Scopes, " "))
	}
	a, err := s.postForm(withCall(ctx, p, EndpointDevice), p.DeviceCodeURL, form)
	if err != nil {
		s.log.Warn("external auth device authorization failed", "provider", p.ID, "error", describeCallErr(err))
		return Device{}, errs.New(errs.KindUnavailable, msgProviderUnavailable).
			WithDetail("requesting a device code " + describeCallErr(err))
	}
	vals := parseFields(a)
	if code := vals.Get("error"); code != "" || a.status < 200 || a.status > 299 {
		return Device{}, s.deviceErr(p, a, vals)
	}
	d := Device{
		DeviceCode:      vals.Get("device_code"),
		UserCode:        vals.Get("user_code"),
		VerificationURI: firstNonEmpty(vals.Get("verification_uri"), vals.Get("verification_url")),
		ExpiresIn:       int(int64Of(vals.Get("expires_in"))),
		Interval:        int(int64Of(vals.Get("interval"))),
	}
	if d.DeviceCode == "" || d.UserCode == "" || d.VerificationURI == "" {
		s.log.Warn("external auth device authorization answer is incomplete", "provider", p.ID, "status", a.status)
		return Device{}, errs.New(errs.KindUnavailable, msgProviderUnavailable).
			WithDetail("the provider's device authorization answer was unreadable")
	}
	if d.Interval <= 0 {
		d.Interval = 5 // RFC 8628 §3.2
	}
	return d, nil
}

// ExchangeDevice polls the token endpoint once for a device code. Until the
// person has finished, the answer is KindInvalid with Detail set to the
// provider's error code exactly (authorization_pending, slow_down,
// expired_token, access_denied, or whatever else it says). Once the token
// comes it is validated and stored as the caller's link.
func (s *Service) ExchangeDevice(ctx context.Context, userID uuid.UUID, providerID, deviceCode string) (err error) {
	ev := linkEvent(audit.ActionCreate, providerID)
	defer func() {
		// Polls that find the person not done yet are not events.
		if e, ok := errs.As(err); ok && e.Kind == errs.KindInvalid && (e.Detail == "authorization_pending" || e.Detail == "slow_down") {
			return
		}
		err = s.audit.Done(ctx, &ev, err)
	}()
	p, err := s.deviceProvider(ctx, providerID)
	if err != nil {
		return err
	}
	if deviceCode == "" {
		return errs.Invalid("device_code", "is required")
	}
	form := url.Values{
		"client_id":   {p.ClientID},
		"device_code": {deviceCode},
		"grant_type":  {grantTypeDeviceCode},
	}
	a, err := s.postForm(withCall(ctx, p, EndpointToken), p.TokenURL, form, p)
	if err != nil {
		s.log.Warn("external auth device token poll failed", "provider", p.ID, "error", describeCallErr(err))
		return errs.New(errs.KindUnavailable, msgProviderUnavailable).
			WithDetail("polling for the device token " + describeCallErr(err))
	}
	vals := parseFields(a)
	if code := vals.Get("error"); code != "" {
		code = cleanText(redact(code, deviceCode), 100)
		return errs.New(errs.KindInvalid, deviceMessage(code)).WithDetail(code)
	}
	if a.status < 200 || a.status > 299 {
		return s.deviceErr(p, a, vals)
	}
	access := vals.Get("access_token")
	if access == "" {
		s.log.Warn("external auth device token answer has no access token", "provider", p.ID, "status", a.status)
		return errs.New(errs.KindUnavailable, msgProviderUnavailable).
			WithDetail("the provider's token answer was unreadable")
	}
	tok := (&oauth2.Token{
		AccessToken:  access,
		TokenType:    vals.Get("token_type"),
		RefreshToken: vals.Get("refresh_token"),
		ExpiresIn:    int64Of(vals.Get("expires_in")),
	}).WithExtra(vals.raw)
	return s.saveNewToken(ctx, p, userID, tok)
}

func (s *Service) deviceProvider(ctx context.Context, providerID string) (*Provider, error) {
	p, err := s.Provider(ctx, providerID)
	if err != nil {
		return nil, err
	}
	if !p.DeviceFlow || p.DeviceCodeURL == "" {
		return nil, errs.New(errs.KindInvalid, fmt.Sprintf("External auth provider %q does not support device flow.", p.ID))
	}
	return p, nil
}

// deviceMessage is the sentence for a device flow error code.
func deviceMessage(code string) string {
	switch code {
	case "authorization_pending":
		return "The device has not been authorized yet."
	case "slow_down":
		return "Polling too often; wait longer between polls."
	case "expired_token":
		return "The device code has expired. Start again."
	case "access_denied":
		return "The authorization was denied."
	default:
		return "The provider refused the device authorization."
	}
}

// deviceErr maps a device flow failure that is not a pending poll.
func (s *Service) deviceErr(p *Provider, a answer, vals fields) error {
	code := cleanText(vals.Get("error"), 100)
	s.log.Warn("external auth device flow refused", "provider", p.ID, "status", a.status, "error_code", code)
	switch {
	case a.status == http.StatusTooManyRequests:
		return errs.New(errs.KindTooMany, "The provider is rate limiting requests. Please try again later.")
	case a.status >= 500 || code == "":
		return errs.New(errs.KindUnavailable, msgProviderUnavailable).
			WithDetail(fmt.Sprintf("the provider answered HTTP %d", a.status))
	}
	detail := code
	if desc := cleanText(vals.Get("error_description"), 200); desc != "" {
		detail += ": " + desc
	}
	return errs.New(errs.KindInvalid, deviceMessage(code)).WithDetail(detail)
}

// postForm POSTs a form asking for JSON. With a provider, the client
// authenticates as its AuthStyle says (the client_id is in the form
// already; a public client has no secret).
func (s *Service) postForm(ctx context.Context, endpoint string, form url.Values, auth ...*Provider) (answer, error) {
	var user, pass string
	basic := false
	if len(auth) > 0 && auth[0].ClientSecret != "" {
		p := auth[0]
		if p.AuthStyle == oauth2.AuthStyleInHeader {
			basic, user, pass = true, url.QueryEscape(p.ClientID), url.QueryEscape(p.ClientSecret)
		} else {
			form.Set("client_secret", p.ClientSecret)
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if basic {
		req.SetBasicAuth(user, pass)
	}
	return s.call(ctx, req)
}

// fields are the top-level fields of a provider's JSON or form answer.
type fields struct {
	vals url.Values
	raw  any // map[string]any or url.Values, for oauth2.Token.WithExtra
}

func (f fields) Get(k string) string { return f.vals.Get(k) }

// parseFields reads a JSON object or a form-encoded body (GitHub answers
// form-encoded unless asked for JSON). Scalars become strings.
func parseFields(a answer) fields {
	ct, _, _ := mime.ParseMediaType(a.header.Get("Content-Type"))
	body := bytes.TrimSpace(a.body)
	if ct == "application/x-www-form-urlencoded" || ct == "text/plain" || (len(body) > 0 && body[0] != '{') {
		if v, err := url.ParseQuery(string(body)); err == nil && ct != "application/json" {
			return fields{vals: v, raw: v}
		}
		return fields{vals: url.Values{}}
	}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil || m == nil {
		return fields{vals: url.Values{}}
	}
	v := url.Values{}
	for k, x := range m {
		switch t := x.(type) {
		case string:
			v.Set(k, t)
		case json.Number:
			v.Set(k, t.String())
		case bool:
			v.Set(k, fmt.Sprint(t))
		}
	}
	return fields{vals: v, raw: m}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
