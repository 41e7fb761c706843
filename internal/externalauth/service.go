package externalauth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"
	"golang.org/x/oauth2"
	"golang.org/x/sync/singleflight"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

// Defaults applied by New to zero-valued Options.
const (
	DefaultValidateCacheTTL = time.Minute
	DefaultProviderTimeout  = 5 * time.Second

	// statePurpose marks the OAuth states of this package's browser flow.
	statePurpose = "external-auth"
	// stateTTL is how long a browser flow may take between AuthCodeURL and
	// Callback.
	stateTTL = 10 * time.Minute
	// refreshSkew: a token that expires within this much of now is
	// refreshed before use.
	refreshSkew = 10 * time.Second
	// leaseTTL bounds how long one process may hold a link's refresh lease.
	leaseTTL = 30 * time.Second
	// refreshAttempts is the number of tries of a refresh that fails for a
	// transient reason.
	refreshAttempts = 3
	// transientCacheTTL caps how long an inconclusive validation (provider
	// down, rate limited) is remembered.
	transientCacheTTL = 10 * time.Second
	// maxBody bounds what is read from any provider answer.
	maxBody = 1 << 20
	// maxReasonLen bounds a stored refresh failure reason.
	maxReasonLen = 400

	msgProviderUnavailable = "The external auth provider could not be reached. Please try again later."
)

// Options configure a Service. Zero values take the defaults above.
type Options struct {
	// Providers in configuration order; ids are unique (NewProviders
	// guarantees it).
	Providers []*Provider
	// Store is already wrapped by the encrypting decorator.
	Store store.Store
	// HTTPClient makes the provider calls; nil means a client with sane
	// timeouts.
	HTTPClient *http.Client
	// Logger; nil discards logs.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Holder is this process's lease holder id; "" means a random one.
	Holder string
	// AccessURL is where users reach gitauthd; "where to link" URLs are
	// {AccessURL}/external-auth/{id}.
	AccessURL *url.URL
	// ValidateCacheTTL is how long a validation result is reused for the
	// same (user, provider, token). Zero means DefaultValidateCacheTTL; a
	// negative value disables the cache.
	ValidateCacheTTL time.Duration
	// ProviderTimeout bounds each provider call. Zero means
	// DefaultProviderTimeout.
	ProviderTimeout time.Duration
	// OnRefresh, if set, is told the outcome of every refresh token spent
	// (RefreshSuccess, RefreshFailed, RefreshTransient), for metrics.
	OnRefresh func(providerID, outcome string)
	// Audit records token hand-outs, refreshes, links and unlinks; nil
	// records nothing.
	Audit *audit.Recorder
}

// Service answers the external auth operations. It is safe for concurrent
// use.
type Service struct {
	providers []*Provider
	byID      map[string]*Provider
	oauth     map[string]*oauth2.Config

	store     store.Store
	http      *http.Client
	log       *slog.Logger
	clock     func() time.Time
	holder    string
	accessURL string // without a trailing slash; "" for relative URLs

	validateTTL     time.Duration
	providerTimeout time.Duration
	onRefresh       func(providerID, outcome string)
	audit           *audit.Recorder

	refreshes   singleflight.Group // key: user + provider
	validations singleflight.Group // key: user + provider + token digest
	validated   *linkCache[CredentialCheck]
	installs    *linkCache[[]Installation]

	// Tunables the tests shorten.
	refreshBackoff time.Duration // first wait between refresh attempts
	leasePoll      time.Duration // a lease waiter's poll interval
	listenPoll     time.Duration // GitCredentials' listen poll interval

	lastStateSweep atomicTime
}

// New returns a Service. It never fails: the providers were validated when
// they were built.
func New(o Options) *Service {
	s := &Service{
		byID:            make(map[string]*Provider, len(o.Providers)),
		oauth:           make(map[string]*oauth2.Config, len(o.Providers)),
		store:           o.Store,
		http:            o.HTTPClient,
		log:             o.Logger,
		clock:           o.Now,
		holder:          o.Holder,
		validateTTL:     o.ValidateCacheTTL,
		providerTimeout: o.ProviderTimeout,
		onRefresh:       o.OnRefresh,
		audit:           o.Audit,
		refreshBackoff:  200 * time.Millisecond,
		leasePoll:       100 * time.Millisecond,
		listenPoll:      500 * time.Millisecond,
	}
	for _, p := range o.Providers {
		if p == nil {
			continue
		}
		if _, dup := s.byID[p.ID]; dup {
			continue
		}
		s.providers = append(s.providers, p)
		s.byID[p.ID] = p
		s.oauth[p.ID] = &oauth2.Config{
			ClientID:     p.ClientID,
			ClientSecret: p.ClientSecret,
			Endpoint: oauth2.Endpoint{
				AuthURL:       p.AuthURL,
				TokenURL:      p.TokenURL,
				DeviceAuthURL: p.DeviceCodeURL,
				AuthStyle:     p.AuthStyle,
			},
			RedirectURL: p.RedirectURL,
			Scopes:      p.Scopes,
		}
	}
	if s.http == nil {
		s.http = defaultHTTPClient()
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.validated = newLinkCache[CredentialCheck](s.clock)
	s.installs = newLinkCache[[]Installation](s.clock)
	if s.holder == "" {
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		s.holder = "externalauth-" + hex.EncodeToString(b)
	}
	if o.AccessURL != nil {
		s.accessURL = strings.TrimRight(o.AccessURL.String(), "/")
	}
	if s.validateTTL == 0 {
		s.validateTTL = DefaultValidateCacheTTL
	}
	if s.providerTimeout <= 0 {
		s.providerTimeout = DefaultProviderTimeout
	}
	return s
}

// defaultHTTPClient bounds every phase of a provider call; the per-call
// context deadline (ProviderTimeout) is usually the tighter bound.
func defaultHTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	tr.TLSHandshakeTimeout = 10 * time.Second
	tr.ResponseHeaderTimeout = 30 * time.Second
	tr.MaxIdleConnsPerHost = 16
	return &http.Client{Transport: tr, Timeout: time.Minute}
}

// Providers returns the configured providers in configuration order.
func (s *Service) Providers() []*Provider {
	return append([]*Provider(nil), s.providers...)
}

// Provider returns the configured provider with the given id, or a 404.
func (s *Service) Provider(_ context.Context, id string) (*Provider, error) {
	p, ok := s.byID[id]
	if !ok {
		return nil, errs.NotFound().WithDetail(fmt.Sprintf("external auth provider %q is not configured", id))
	}
	return p, nil
}

// now returns the current time in UTC, truncated to the millisecond so that
// values written to the store read back equal.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Millisecond) }

// LinkURL is where a person links their account with p:
// {access URL}/external-auth/{id}.
func (s *Service) LinkURL(p *Provider) string {
	return s.accessURL + "/external-auth/" + url.PathEscape(p.ID)
}

// oauthContext makes x/oauth2 use the service's HTTP client.
func (s *Service) oauthContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, s.http)
}

func displayName(p *Provider) string {
	if p.DisplayName != "" {
		return p.DisplayName
	}
	return p.ID
}

// storeErr turns a store failure into a domain error (see errs.FromStore).
func storeErr(err error, op string) error { return errs.FromStore(err, "externalauth: "+op) }

// notLinked is the answer when the caller has no link to p.
func (s *Service) notLinked(p *Provider) *errs.Error {
	return errs.New(errs.KindNotFound, fmt.Sprintf("You have not linked your %s account.", displayName(p))).
		WithDetail("link it at " + s.LinkURL(p))
}

// userKey names one user's link to one provider (uuids hold no '|').
func userKey(userID uuid.UUID, providerID string) string {
	return userID.String() + "|" + providerID
}

// linkEvent is the audit event of an action on the caller's link to
// providerID.
func linkEvent(action, providerID string) audit.Event {
	return audit.Event{Action: action, ResourceType: audit.ResourceExternalAuthLink,
		ResourceID: providerID, ResourceTarget: providerID, ProviderID: providerID}
}
