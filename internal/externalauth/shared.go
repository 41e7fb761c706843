package externalauth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/sync/singleflight"

	"github.com/gitauthd/gitauthd/internal/errs"
)

// The helpers in this file let credentials that are stored outside this
// package (the project authorizations of internal/projectauth) use the same
// providers, validation, code exchange and refresh machinery as users'
// links. They never cache and never touch links.

// CredentialCheck is what a provider's validate (user) URL said of a
// credential.
type CredentialCheck struct {
	// OK: the credential may be used (the provider accepted it, or rate
	// limited the check, in which case it is assumed valid).
	OK bool
	// Definitive: the provider answered clearly (200, 401, a 403 without
	// rate limiting); otherwise the answer says nothing about the
	// credential (the provider is down, slow, rate limiting or confused).
	Definitive bool
	// User is the account, when the provider described one.
	User *ProviderUser
	// Reason says why the credential is not (or may not be) usable; "" when
	// all is well. It never contains the credential.
	Reason string
}

// CheckBearer asks p's validate URL about an access or personal token sent
// as "Authorization: Bearer". A provider without a validate URL accepts
// everything (OK and Definitive, no user). The call is bounded by
// ProviderTimeout and ctx.
func (s *Service) CheckBearer(ctx context.Context, p *Provider, token string) CredentialCheck {
	return s.checkWith(ctx, p, bearer(token), credentialWording)
}

// CheckBasic asks p's validate URL about a user name and password sent with
// HTTP Basic authentication (Bitbucket app passwords, Gitea, a company
// forge).
func (s *Service) CheckBasic(ctx context.Context, p *Provider, username, password string) CredentialCheck {
	return s.checkWith(ctx, p, func(r *http.Request) { r.SetBasicAuth(username, password) }, credentialWording)
}

func bearer(token string) func(*http.Request) {
	return func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+token) }
}

// checkWording is how a check's reasons and logs name what is checked.
type checkWording struct {
	what     string // "the token"
	checking string // "validating the token"
	check    string // "the token validation"
	reject   string // appended to a definitive rejection
	logFail  string // the log message of a failed call
}

var (
	// linkWording: a user's link, which the person can make again.
	linkWording = checkWording{
		what: "the token", checking: "validating the token", check: "the token validation",
		reject: "; link your account again", logFail: "external auth token validation failed",
	}
	// credentialWording: a credential stored outside this package.
	credentialWording = checkWording{
		what: "the credential", checking: "checking the credential", check: "the check",
		logFail: "external auth credential check failed",
	}
)

// checkWith asks p's validate URL, authorizing the request with authorize,
// and classifies the answer; w words the reasons.
func (s *Service) checkWith(ctx context.Context, p *Provider, authorize func(*http.Request), w checkWording) CredentialCheck {
	if p.ValidateURL == "" {
		return CredentialCheck{OK: true, Definitive: true}
	}
	ctx = withCall(ctx, p, EndpointValidate)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.ValidateURL, nil)
	if err != nil {
		return CredentialCheck{Reason: "the provider's validate URL is invalid"}
	}
	authorize(req)
	req.Header.Set("Accept", "application/json")
	a, err := s.call(ctx, req)
	if err != nil {
		s.log.Warn(w.logFail, "provider", p.ID, "error", describeCallErr(err))
		return CredentialCheck{Reason: w.checking + " with the provider " + describeCallErr(err)}
	}
	switch {
	case a.status == http.StatusOK:
		u, ok := parseUser(a.body)
		if !ok {
			s.log.Warn("external auth validate URL answered an unreadable body", "provider", p.ID)
			return CredentialCheck{Reason: "the provider answered " + w.check + " with an unreadable body"}
		}
		return CredentialCheck{OK: true, Definitive: true, User: u}
	case a.status == http.StatusUnauthorized:
		return CredentialCheck{Definitive: true, Reason: "the provider rejected " + w.what + " (HTTP 401)" + w.reject}
	case a.status == http.StatusForbidden && rateLimited(a.header):
		return CredentialCheck{OK: true, Reason: "the provider rate-limited " + w.check + " (HTTP 403); " + w.what + " is assumed valid"}
	case a.status == http.StatusForbidden:
		return CredentialCheck{Definitive: true, Reason: "the provider refused " + w.what + " (HTTP 403)" + w.reject}
	case a.status == http.StatusTooManyRequests:
		return CredentialCheck{OK: true, Reason: "the provider rate-limited " + w.check + " (HTTP 429); " + w.what + " is assumed valid"}
	default:
		s.log.Warn("external auth validate URL answered an unexpected status", "provider", p.ID, "status", a.status)
		return CredentialCheck{Reason: fmt.Sprintf("the provider answered %s with HTTP %d", w.check, a.status)}
	}
}

// IssuedToken is a token the provider issued by a code exchange or a
// refresh.
type IssuedToken struct {
	AccessToken  string
	RefreshToken string // "" when none (or the provider is configured no_refresh)
	Expiry       time.Time
}

func (s *Service) issued(p *Provider, tok *oauth2.Token) IssuedToken {
	t := IssuedToken{AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken, Expiry: s.expiryOf(tok)}
	if p.NoRefresh {
		t.RefreshToken = ""
	}
	return t
}

// oauthConfig returns p's OAuth client configuration; p must be one of the
// configured providers.
func (s *Service) oauthConfig(p *Provider) (*oauth2.Config, error) {
	cfg, ok := s.oauth[p.ID]
	if !ok || s.byID[p.ID] != p {
		return nil, errs.Wrap(fmt.Errorf("externalauth: provider %q is not one of the service's", p.ID), errs.MsgInternal)
	}
	return cfg, nil
}

// AuthorizeURL is p's authorize URL for a browser flow whose state the
// caller made (and stored) itself, with an S256 code challenge when
// pkceVerifier is set. The redirect_uri is p's RedirectURL, the callback
// registered with the provider.
func (s *Service) AuthorizeURL(p *Provider, state, pkceVerifier string) (string, error) {
	cfg, err := s.oauthConfig(p)
	if err != nil {
		return "", err
	}
	var opts []oauth2.AuthCodeOption
	if pkceVerifier != "" {
		opts = append(opts, oauth2.S256ChallengeOption(pkceVerifier))
	}
	return cfg.AuthCodeURL(state, opts...), nil
}

// ExchangeCode exchanges an authorization code obtained with AuthorizeURL
// (same redirect_uri, and the PKCE verifier if one was used). A code the
// provider refuses is KindInvalid; a provider that cannot be reached is
// KindUnavailable. Neither error contains the code.
func (s *Service) ExchangeCode(ctx context.Context, p *Provider, code, pkceVerifier string) (IssuedToken, error) {
	cfg, err := s.oauthConfig(p)
	if err != nil {
		return IssuedToken{}, err
	}
	tok, err := s.exchange(ctx, p, cfg, code, pkceVerifier)
	if err != nil {
		return IssuedToken{}, err
	}
	return s.issued(p, tok), nil
}

// exchange exchanges code at p's token endpoint (cfg is p's), bounded by
// ProviderTimeout; the error is exchangeErr's.
func (s *Service) exchange(ctx context.Context, p *Provider, cfg *oauth2.Config, code, pkceVerifier string) (*oauth2.Token, error) {
	var opts []oauth2.AuthCodeOption
	if pkceVerifier != "" {
		opts = append(opts, oauth2.VerifierOption(pkceVerifier))
	}
	xctx, cancel := context.WithTimeout(ctx, s.providerTimeout)
	defer cancel()
	tok, err := cfg.Exchange(s.oauthContext(withCall(xctx, p, EndpointToken)), code, opts...)
	if err != nil {
		return nil, s.exchangeErr(p, err, code)
	}
	return tok, nil
}

// RefreshError says why a refresh token could not be spent. Permanent: the
// provider refused it for good (the credential must be made again);
// otherwise the failure is transient. Reason never contains a token.
type RefreshError struct {
	Permanent bool
	Reason    string
}

func (e *RefreshError) Error() string { return "refreshing the token failed: " + e.Reason }

// RefreshToken spends refreshToken at p's token endpoint, retrying
// transient failures, and returns the new token or a *RefreshError. Callers
// must make sure that one refresh token is spent once (see
// SharedRefresher).
func (s *Service) RefreshToken(ctx context.Context, p *Provider, refreshToken string) (IssuedToken, error) {
	if _, err := s.oauthConfig(p); err != nil {
		return IssuedToken{}, err
	}
	tok, err := s.refreshWithRetry(ctx, p, refreshToken)
	s.observeRefresh(p, err, refreshToken)
	if err != nil {
		permanent, reason := classifyRefreshErr(err, refreshToken)
		return IssuedToken{}, &RefreshError{Permanent: permanent, Reason: truncate(reason, maxReasonLen)}
	}
	return s.issued(p, tok), nil
}

// SharedRefresher makes sure that a credential stored outside this package
// is refreshed at most once at a time, as links are: concurrent callers in
// this process share one run (a singleflight), and processes sharing the
// store take turns with a store lease. Make one per kind of credential.
type SharedRefresher struct {
	s     *Service
	group singleflight.Group
}

// NewSharedRefresher returns a SharedRefresher using s's store, clock,
// lease holder id and timeouts.
func (s *Service) NewSharedRefresher() *SharedRefresher { return &SharedRefresher{s: s} }

// errLeaseWait marks a refresh that gave up waiting for another process.
var errLeaseWait = errors.New("waiting for another server to refresh the token")

// underLease runs refresh holding the store lease named lease, so that
// processes sharing the store take turns. needsRefresh is asked while
// another process holds the lease (polling every leasePoll) and once more
// when the lease is held: when it answers false or fails, underLease
// returns its error without refreshing. Giving up the wait because ctx
// ended is an error wrapping errLeaseWait and ctx's error.
func (s *Service) underLease(ctx context.Context, lease string,
	needsRefresh func(context.Context) (bool, error), refresh func(context.Context) error) error {
	for {
		ok, err := s.store.AcquireLease(ctx, lease, s.holder, s.now(), s.leaseTTL())
		if err != nil {
			return storeErr(err, "acquire refresh lease")
		}
		if ok {
			break
		}
		needed, err := needsRefresh(ctx)
		if err != nil || !needed {
			return err
		}
		t := time.NewTimer(s.leasePoll)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%w: %w", errLeaseWait, ctx.Err())
		}
	}
	defer func() {
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := s.store.ReleaseLease(lctx, lease, s.holder); err != nil {
			s.log.Warn("external auth: releasing refresh lease failed", "lease", lease, "error", err)
		}
	}()
	// Another process may have refreshed between the caller's read and
	// the lease.
	needed, err := needsRefresh(ctx)
	if err != nil || !needed {
		return err
	}
	return refresh(ctx)
}

// Do refreshes the credential named key, unless it no longer needs it.
// needsRefresh reads the stored credential and reports whether it still
// needs a refresh; it is asked before refreshing (under the lease named
// lease) and, while another process holds that lease, until that process
// is done. refresh spends the refresh token and stores the outcome (a
// compare-and-swap on the old refresh token). Both run detached from ctx's
// cancellation, within the service's refresh budget, so that a caller who
// goes away never wastes a single-use refresh token midway. Do returns
// their error, or ctx's when ctx ends first (the refresh then goes on).
// Callers read the stored credential again afterwards.
func (r *SharedRefresher) Do(ctx context.Context, key, lease string,
	needsRefresh func(context.Context) (bool, error), refresh func(context.Context) error) error {
	s := r.s
	ch := r.group.DoChan(key, func() (any, error) {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.refreshBudget())
		defer cancel()
		return nil, s.underLease(rctx, lease, needsRefresh, refresh)
	})
	select {
	case res := <-ch:
		return res.Err
	case <-ctx.Done():
		return ctx.Err()
	}
}
