package externalauth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"golang.org/x/oauth2"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

// maxRedirectLen bounds the redirect path kept with a state.
const maxRedirectLen = 2048

// AuthCodeURL starts the browser flow: it makes a single-use state bound to
// the caller and the provider (only its SHA-256 is stored, with the PKCE
// verifier when the provider uses PKCE and the same-origin path to return
// to) and returns the provider's authorize URL and the state, which the
// caller also puts in a cookie.
func (s *Service) AuthCodeURL(ctx context.Context, userID uuid.UUID, providerID, redirectTo string) (string, string, error) {
	p, err := s.Provider(ctx, providerID)
	if err != nil {
		return "", "", err
	}
	if err := checkRedirect(redirectTo); err != nil {
		return "", "", err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", "", errs.Wrap(err, errs.MsgInternal)
	}
	state := base64.RawURLEncoding.EncodeToString(raw)
	var verifier string
	if p.PKCE {
		verifier = oauth2.GenerateVerifier()
	}
	now := s.now()
	err = s.store.InsertOAuthState(ctx, store.OAuthState{
		StateHash:    hashState(state),
		UserID:       userID,
		ProviderID:   p.ID,
		Purpose:      statePurpose,
		PKCEVerifier: verifier,
		RedirectTo:   redirectTo,
		ExpiresAt:    now.Add(stateTTL),
		CreatedAt:    now,
	})
	if errors.Is(err, store.ErrNotFound) {
		return "", "", errs.NotFound().WithDetail("the user does not exist")
	}
	if err != nil {
		return "", "", storeErr(err, "insert oauth state")
	}
	s.sweepStates(ctx, now)
	u, err := s.AuthorizeURL(p, state, verifier)
	if err != nil {
		return "", "", err
	}
	return u, state, nil
}

// sweepStates removes expired states, at most once a minute, best effort.
func (s *Service) sweepStates(ctx context.Context, now time.Time) {
	if !s.lastStateSweep.advance(now, time.Minute) {
		return
	}
	if _, err := s.store.DeleteExpiredOAuthStates(ctx, now); err != nil {
		s.log.Warn("external auth: removing expired OAuth states failed", "error", err)
	}
}

func hashState(state string) []byte {
	sum := sha256.Sum256([]byte(state))
	return sum[:]
}

// checkRedirect accepts only a same-origin path: it starts with one "/",
// and has no backslash, whitespace or control character that a browser
// could turn into "//" (protocol-relative) or otherwise reinterpret.
func checkRedirect(redirectTo string) error {
	if redirectTo == "" {
		return nil
	}
	bad := func(why string) error { return errs.Invalid("redirect", why) }
	switch {
	case len(redirectTo) > maxRedirectLen:
		return bad("must be at most 2048 characters")
	case !strings.HasPrefix(redirectTo, "/"):
		return bad("must be a path on this site, starting with \"/\"")
	case strings.HasPrefix(redirectTo, "//"):
		return bad("must be a path on this site, not a protocol-relative URL")
	case strings.ContainsRune(redirectTo, '\\'):
		return bad("must not contain a backslash")
	}
	for _, r := range redirectTo {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == unicode.ReplacementChar {
			return bad("must not contain whitespace or control characters")
		}
	}
	u, err := url.Parse(redirectTo)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") {
		return bad("must be a path on this site")
	}
	return nil
}

// Callback finishes the browser flow: state must equal the state cookie,
// be unexpired and unused, and have been issued to the caller for this
// provider (a state is consumed by its first use, whoever makes it). The
// code is exchanged (with the PKCE verifier), the token validated and the
// link stored. It returns the same-origin path to send the browser to.
func (s *Service) Callback(ctx context.Context, userID uuid.UUID, providerID, code, state, cookieState string) (_ string, err error) {
	ev := linkEvent(audit.ActionCreate, providerID)
	defer func() { err = s.audit.Done(ctx, &ev, err) }()
	p, err := s.Provider(ctx, providerID)
	if err != nil {
		return "", err
	}
	if state == "" {
		return "", errs.Invalid("state", "is required")
	}
	if cookieState == "" || subtle.ConstantTimeCompare([]byte(state), []byte(cookieState)) != 1 {
		return "", errs.Invalid("state", "does not match the state cookie; start linking again")
	}
	if code == "" {
		return "", errs.Invalid("code", "is required")
	}
	st, err := s.store.ConsumeOAuthState(ctx, hashState(state), s.now())
	if errors.Is(err, store.ErrNotFound) {
		return "", errs.Invalid("state", "is unknown, expired or already used; start linking again")
	}
	if err != nil {
		return "", storeErr(err, "consume oauth state")
	}
	if st.Purpose != statePurpose || st.UserID != userID || st.ProviderID != p.ID {
		s.log.Warn("external auth callback with a state issued for another flow", "provider", p.ID, "user", userID)
		return "", errs.Invalid("state", "was not issued to you for this provider; start linking again")
	}
	tok, err := s.exchange(ctx, p, s.oauth[p.ID], code, st.PKCEVerifier)
	if err != nil {
		return "", err
	}
	if err := s.saveNewToken(ctx, p, userID, tok); err != nil {
		return "", err
	}
	if st.RedirectTo != "" && checkRedirect(st.RedirectTo) == nil {
		return st.RedirectTo, nil
	}
	return "/external-auth/" + url.PathEscape(p.ID) + "?redirected=true", nil
}

// exchangeErr describes a failed code exchange without the code.
func (s *Service) exchangeErr(p *Provider, err error, code string) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		_, reason := classifyRefreshErr(err, code)
		s.log.Warn("external auth code exchange failed", "provider", p.ID, "reason", reason)
		return errs.New(errs.KindUnavailable, msgProviderUnavailable).WithDetail("exchanging the code: " + reason)
	}
	status := 0
	if re.Response != nil {
		status = re.Response.StatusCode
	}
	s.log.Warn("external auth code exchange refused", "provider", p.ID, "status", status, "error_code", cleanText(re.ErrorCode, 64))
	if status == http.StatusTooManyRequests || status >= 500 {
		return errs.New(errs.KindUnavailable, msgProviderUnavailable).WithDetail(fmt.Sprintf("exchanging the code: HTTP %d", status))
	}
	detail := cleanText(re.ErrorCode, 64)
	if detail == "" {
		detail = fmt.Sprintf("HTTP %d", status)
	}
	if desc := cleanText(redact(re.ErrorDescription, code), 200); desc != "" {
		detail += ": " + desc
	}
	return errs.New(errs.KindInvalid, fmt.Sprintf("%s refused the authorization code. Start linking again.", displayName(p))).
		WithDetail(detail)
}

// ProviderError maps the error a provider sent back to the callback
// (?error=…&error_description=…) to a clear KindInvalid error.
func (s *Service) ProviderError(providerID, code, description string) error {
	name := providerID
	if p, ok := s.byID[providerID]; ok {
		name = displayName(p)
	}
	code = cleanText(code, 64)
	if code == "" {
		code = "unknown_error"
	}
	msg := fmt.Sprintf("%s refused the authorization.", name)
	if code == "access_denied" {
		msg = fmt.Sprintf("You did not authorize access at %s.", name)
	}
	detail := code
	if desc := cleanText(description, 200); desc != "" {
		detail += ": " + desc
	}
	e := errs.New(errs.KindInvalid, msg).WithDetail(detail)
	e.Fields = []errs.FieldError{{Field: "error", Detail: detail}}
	return e
}
