// Package projectauth owns projects and their Git repository
// authorizations: named Git credentials that belong to a project rather
// than to a person, served in the dialect of Huawei ServiceStage's Git
// repository authorization API (/v1/{project_id}/git/auths).
//
// # Projects
//
// The owner creates projects and manages their members. Members (and the
// owner) reach a project's authorizations; anyone else is told the project
// does not exist, exactly as for a project that does not (SVCSTG.REPO.0404).
//
// # Repository types
//
// A repo_type (case-insensitive) names configured external auth providers
// (see internal/externalauth): first a provider whose id is the repo_type,
// then the providers whose type the repo_type stands for, in configuration
// order: github → github; gitlab → gitlab; bitbucket → bitbucket-cloud,
// then bitbucket-server; gitea → gitea; azure-devops → azure-devops; any
// other built-in type name → that type. A generic provider is reached by
// its id only, which is how gitee and a company forge are configured (a
// generic provider with id "gitee"). No provider: SVCSTG.REPO.0401.
//
//   - OAuth uses the first of them.
//   - Personal tokens need a provider with a validate URL; "host" selects
//     among them (see below).
//   - Passwords are checked with HTTP Basic against the validate URL, so
//     they need a provider whose API accepts it: bitbucket-cloud (app
//     passwords), bitbucket-server, gitea or generic. GitHub, GitLab and
//     Azure DevOps refuse account passwords on their APIs: SVCSTG.REPO.0401.
//
// # The host of a personal token, and what the server calls
//
// The server only ever calls URLs of the configured providers: their token
// endpoint and their validate URL. A personal token's optional "host" (a
// URL, or a bare host[:port]) never becomes a URL the server calls; it
// selects, among the providers of the repo_type, the one whose auth, token
// or validate URL is on that host (same host and port, and same scheme when
// one is given). A host that matches none is SVCSTG.REPO.0400. So a caller
// can never make gitauthd send a token to, or probe, a host the
// administrator did not configure. A self-hosted instance is served by
// configuring a provider for it (a gitlab provider whose auth_url is on
// that host, for instance).
//
// # OAuth
//
// The redirect operation returns the provider's authorize URL with a
// single-use state (32 random bytes; only its SHA-256 is stored, with a
// PKCE verifier when the provider uses PKCE) bound to the project, the
// caller and the repo_type: the state's purpose is
// "project-auth:<project_id>:<repo_type>". It expires after ten minutes.
// The redirect_uri is the provider's callback URL
// ({access URL}/external-auth/{id}/callback), the one already registered
// with the provider; the client takes code and state from it and posts them
// to the oauth operation. A state that is unknown, expired, already used,
// or issued for another project, person or repo_type is SVCSTG.REPO.0402,
// as is a code the provider refuses.
//
// # Status
//
// The status of an authorization is computed when it is listed: 0 when the
// provider's validate URL accepts the credential (an OAuth token about to
// expire is refreshed first, by one process at a time: a singleflight here
// and a store lease across replicas, and the single-use refresh token is
// swapped with a compare-and-swap), 1 when it has expired and cannot be
// refreshed (no refresh token, or the provider refused the refresh), 2 when
// the provider rejects it (or its provider is no longer configured).
// repo_user, repo_home and avartar come from the same answer.
//
// Checks run concurrently (at most CheckConcurrency at once per list) and
// their results are cached for CheckCacheTTL (10 s at most when the
// provider did not answer clearly). A list waits for them for at most
// ListBudget; a check that has not finished by then, or whose provider is
// down, slow, rate limiting or confused, shows the last status and profile
// the provider gave definitively, which are kept in the database. A
// provider outage therefore never fails a list and never turns a good
// credential into a bad one.
//
// # Secrets
//
// Tokens and passwords are stored through the encrypting decorator
// (internal/store/dbcrypt), with the keys and rotation of external auth,
// and never appear in an answer, an error or a log line. Deleting an
// authorization does not revoke anything at the provider: a GitHub grant
// revocation would also revoke the tokens of the person's own link.
package projectauth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/gitauthd/gitauthd/internal/audit"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"golang.org/x/sync/singleflight"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/externalauth"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/ttlcache"
)

// Defaults applied by New to zero-valued Options.
const (
	DefaultCheckConcurrency = 8
	DefaultCheckCacheTTL    = 30 * time.Second
	DefaultListBudget       = 5 * time.Second

	// maxCacheEntries bounds the check cache (one entry per authorization).
	maxCacheEntries = 100000
	// transientCacheTTL caps how long an inconclusive check is remembered.
	transientCacheTTL = 10 * time.Second
	// maxCheckTime bounds one check, refresh included, whoever waits for it.
	maxCheckTime = 2 * time.Minute
	// stateTTL is how long an OAuth state issued by the redirect operation
	// stays usable.
	stateTTL = 10 * time.Minute
	// refreshSkew: an OAuth token that expires within this much of now is
	// refreshed before use (as external auth does).
	refreshSkew = 10 * time.Second
)

// Options configure a Service. Zero values take the defaults above.
type Options struct {
	// Store is already wrapped by the encrypting decorator.
	Store store.Store
	// ExternalAuth gives the providers and talks to them.
	ExternalAuth *externalauth.Service
	// Identity resolves the users named in member operations.
	Identity *identity.Service
	// Logger; nil discards logs.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Audit records projects, members and authorizations; nil records
	// nothing.
	Audit *audit.Recorder
	// CheckConcurrency bounds the status checks one list runs at once.
	CheckConcurrency int
	// CheckCacheTTL is how long a status check is reused; negative
	// disables the cache.
	CheckCacheTTL time.Duration
	// ListBudget bounds how long a list waits for status checks.
	ListBudget time.Duration
}

// Service answers the project and project authorization operations. It is
// safe for concurrent use.
type Service struct {
	audit *audit.Recorder
	store store.Store
	ext   *externalauth.Service
	ids   *identity.Service
	log   *slog.Logger
	clock func() time.Time

	concurrency int
	cacheTTL    time.Duration
	listBudget  time.Duration

	refresher *externalauth.SharedRefresher
	checks    singleflight.Group // key: project, name and checkStamp
	cache     *ttlcache.Cache[checkKey, stampedResult]
	// lists keeps, per project, the checks of its last list that the cache
	// answered in full, so that the next list of the same rows takes them
	// in one look-up instead of one per authorization.
	lists *ttlcache.Cache[string, listMemo]

	lastStateSweep atomic.Int64 // unix nanoseconds
}

// New returns a Service.
func New(o Options) *Service {
	s := &Service{
		audit:       o.Audit,
		store:       o.Store,
		ext:         o.ExternalAuth,
		ids:         o.Identity,
		log:         o.Logger,
		clock:       o.Now,
		concurrency: o.CheckConcurrency,
		cacheTTL:    o.CheckCacheTTL,
		listBudget:  o.ListBudget,
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.cache = ttlcache.New[checkKey, stampedResult](ttlcache.Options{MaxEntries: maxCacheEntries, TTL: DefaultCheckCacheTTL, Now: s.clock},
		func(k checkKey) string { return k.project + "\x00" + k.name }) // names hold no NUL
	s.lists = ttlcache.New[string, listMemo](ttlcache.Options{MaxEntries: maxCacheEntries, TTL: DefaultCheckCacheTTL, Now: s.clock,
		Weight: func(v any) uint32 { return uint32(max(1, len(v.(listMemo).out))) }}, ttlcache.String)
	if s.concurrency <= 0 {
		s.concurrency = DefaultCheckConcurrency
	}
	if s.cacheTTL == 0 {
		s.cacheTTL = DefaultCheckCacheTTL
	}
	if s.listBudget <= 0 {
		s.listBudget = DefaultListBudget
	}
	if s.ext != nil {
		s.refresher = s.ext.NewSharedRefresher()
	}
	return s
}

// now returns the current time in UTC, truncated to the millisecond so that
// values written to the store read back equal.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Millisecond) }

// randomHex returns n random bytes, hex-encoded.
func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", errs.Wrap(err, errs.MsgInternal)
	}
	return hex.EncodeToString(b), nil
}

// requireActor rejects a zero Actor (a handler that forgot to authenticate).
func requireActor(a identity.Actor) error {
	if a.User.ID == uuid.Nil {
		return errs.Unauthorized("no session token provided")
	}
	return nil
}

// projectNotFound is the one answer for a project that does not exist and
// for one the caller may not reach.
func projectNotFound(id string) *errs.Error {
	return errs.NotFound().WithDetail(fmt.Sprintf("project %q not found", id))
}

// reach returns the project if the actor may reach it: the owner reaches
// every project, a member the projects they belong to.
func (s *Service) reach(ctx context.Context, actor identity.Actor, projectID string) (store.Project, error) {
	if err := requireActor(actor); err != nil {
		return store.Project{}, err
	}
	if !validProjectID(projectID) {
		return store.Project{}, projectNotFound(projectID)
	}
	if !actor.IsOwner() {
		ok, err := s.store.IsProjectMember(ctx, projectID, actor.User.ID)
		if err != nil {
			return store.Project{}, storeErr(err, "is project member")
		}
		if !ok {
			return store.Project{}, projectNotFound(projectID)
		}
	}
	p, err := s.store.GetProject(ctx, projectID)
	if errors.Is(err, store.ErrNotFound) {
		return store.Project{}, projectNotFound(projectID)
	}
	if err != nil {
		return store.Project{}, storeErr(err, "get project")
	}
	return p, nil
}

// storeErr turns a store failure into a domain error (see errs.FromStore).
func storeErr(err error, op string) error { return errs.FromStore(err, "projectauth: "+op) }
