// Package cache is the store's read-through cache of the rows the hot paths
// read on every request: API keys (by id), users (by id), external auth
// links (by user and provider), projects (by id), project memberships, and
// the list of a project's Git authorizations. It wraps a store.Store as a
// decorator, like dbcrypt, on both engines; every cache is a
// ttlcache.Cache, bounded, whose entries expire after Options.TTL.
//
// Every method of this decorator that writes a cached row invalidates it
// here and publishes the invalidation (see Publisher): with PostgreSQL the
// server publishes through NOTIFY and applies what other replicas publish
// (internal/store/postgres.Listener), so a revoked key, an unlinked account
// or a deleted authorization is refused by every replica about as soon as
// the write commits. The TTL bounds what a missed notification (a listener
// connection that dropped) or a write from outside gitauthd leaves behind.
//
// A store method added later that writes one of these tables must be
// overridden here with the invalidation it needs (see invalidate); the
// conformance and invalidation tests show how.
package cache

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/ttlcache"
)

// Defaults for zero Options fields.
const (
	DefaultTTL        = 5 * time.Second
	DefaultMaxEntries = 16384
)

// Options tune the cache.
type Options struct {
	// TTL is how long a row is reused without reading it again.
	TTL time.Duration
	// MaxEntries bounds each table's cache (for the lists of Git
	// authorizations: the rows of all lists together).
	MaxEntries int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Publisher sends an invalidation to the other replicas sharing the
// database. Publish must not block for long: it runs after every write.
type Publisher interface {
	Publish(ctx context.Context, invalidation string)
}

// Store is the caching decorator; Stats reports its effectiveness.
type Store struct {
	store.Store
	keys    *ttlcache.Cache[string, store.APIKey]
	users   *ttlcache.Cache[uuid.UUID, store.User]
	links   *ttlcache.Cache[linkID, store.ExternalAuthLink]
	proj    *ttlcache.Cache[string, store.Project]
	members *ttlcache.Cache[memberID, bool]
	auths   *ttlcache.Cache[string, []store.ProjectGitAuth]

	pub Publisher
}

type linkID struct {
	user     uuid.UUID
	provider string
}

type memberID struct {
	project string
	user    uuid.UUID
}

// memberKey is the project id, a NUL (which no id holds) and the user.
func memberKey(m memberID) string { return m.project + "\x00" + string(m.user[:]) }

// New wraps inner.
func New(inner store.Store, o Options) *Store {
	if o.TTL <= 0 {
		o.TTL = DefaultTTL
	}
	if o.MaxEntries <= 0 {
		o.MaxEntries = DefaultMaxEntries
	}
	to := ttlcache.Options{TTL: o.TTL, MaxEntries: o.MaxEntries, Now: o.Now}
	lists := to
	lists.Weight = func(v any) uint32 { return uint32(min(len(v.([]store.ProjectGitAuth)), 1<<20)) }
	return &Store{
		Store:   inner,
		keys:    ttlcache.New[string, store.APIKey](to, ttlcache.String),
		users:   ttlcache.New[uuid.UUID, store.User](to, func(id uuid.UUID) string { return string(id[:]) }),
		links:   ttlcache.New[linkID, store.ExternalAuthLink](to, func(l linkID) string { return string(l.user[:]) + l.provider }),
		proj:    ttlcache.New[string, store.Project](to, ttlcache.String),
		members: ttlcache.New[memberID, bool](to, memberKey),
		auths:   ttlcache.New[string, []store.ProjectGitAuth](lists, ttlcache.String),
	}
}

// SetPublisher makes every invalidation also go to p. Call it before the
// store is used.
func (s *Store) SetPublisher(p Publisher) { s.pub = p }

// Unwrap returns the decorated store.
func (s *Store) Unwrap() store.Store { return s.Store }

// Stats are hit and miss counts since start.
type Stats struct {
	KeyHits, KeyMisses   int64
	LinkHits, LinkMisses int64
}

// Stats returns the hit and miss counts.
func (s *Store) Stats() Stats {
	var st Stats
	st.KeyHits, st.KeyMisses = s.keys.Stats()
	st.LinkHits, st.LinkMisses = s.links.Stats()
	return st
}

// ---------------------------------------------------------------- invalidations
//
// An invalidation is one line of text, what a NOTIFY payload carries:
// "<table> <id...>", ids separated by spaces (none of them can hold one).

const (
	invKey     = "key"     // key <id>
	invKeys    = "keys"    // keys: every key
	invUser    = "user"    // user <uuid>
	invLink    = "link"    // link <uuid> <provider>
	invProject = "project" // project <id>: the project, its members and its authorizations
	invMember  = "member"  // member <project> <uuid>
	invAuths   = "auths"   // auths <project>
	invAll     = "all"     // everything
)

// invalidate applies an invalidation here and publishes it.
func (s *Store) invalidate(ctx context.Context, parts ...string) {
	msg := strings.Join(parts, " ")
	s.Apply(msg)
	if s.pub != nil {
		s.pub.Publish(context.WithoutCancel(ctx), msg)
	}
}

// Apply applies an invalidation published by another replica (or made
// here). An unknown one drops everything: it is safe, only slower.
func (s *Store) Apply(invalidation string) {
	f := strings.Fields(invalidation)
	if len(f) == 0 {
		return
	}
	switch {
	case f[0] == invKey && len(f) == 2:
		s.keys.Invalidate(f[1])
		return
	case f[0] == invKeys && len(f) == 1:
		s.keys.InvalidateAll()
		return
	case f[0] == invUser && len(f) == 2:
		if id, err := uuid.Parse(f[1]); err == nil {
			s.users.Invalidate(id)
			return
		}
	case f[0] == invLink && len(f) == 3:
		if id, err := uuid.Parse(f[1]); err == nil {
			s.links.Invalidate(linkID{id, f[2]})
			return
		}
	case f[0] == invProject && len(f) == 2:
		s.proj.Invalidate(f[1])
		s.auths.Invalidate(f[1])
		prefix := f[1] + "\x00"
		s.members.InvalidateIf(func(k string) bool { return strings.HasPrefix(k, prefix) })
		return
	case f[0] == invMember && len(f) == 3:
		if id, err := uuid.Parse(f[2]); err == nil {
			s.members.Invalidate(memberID{f[1], id})
			return
		}
	case f[0] == invAuths && len(f) == 2:
		s.auths.Invalidate(f[1])
		return
	}
	s.InvalidateAll()
}

// InvalidateAll drops every cached row (a listener that reconnects may
// have missed notifications).
func (s *Store) InvalidateAll() {
	s.keys.InvalidateAll()
	s.users.InvalidateAll()
	s.links.InvalidateAll()
	s.proj.InvalidateAll()
	s.members.InvalidateAll()
	s.auths.InvalidateAll()
}

// read is a read-through: the cached value, or fetch's, stored unless an
// invalidation raced it. Errors are not cached.
func read[K comparable, V any](ctx context.Context, c *ttlcache.Cache[K, V], k K, fetch func() (V, error)) (V, error) {
	if store.IsFresh(ctx) {
		// A read that coordinates with other replicas: the database's row,
		// which also replaces what this replica had.
		c.Invalidate(k)
	} else if v, ok := c.Get(k); ok {
		return v, nil
	}
	gen := c.Generation()
	v, err := fetch()
	if err != nil {
		return v, err
	}
	c.Fill(k, v, gen)
	return v, nil
}

// ---------------------------------------------------------------- keys

// GetAPIKeyByID returns the cached row, or reads and caches it.
func (s *Store) GetAPIKeyByID(ctx context.Context, id string) (store.APIKey, error) {
	k, err := read(ctx, s.keys, id, func() (store.APIKey, error) { return s.Store.GetAPIKeyByID(ctx, id) })
	return cloneKey(k), err
}

func (s *Store) InsertAPIKey(ctx context.Context, k store.APIKey) error {
	defer s.invalidate(ctx, invKey, k.ID)
	return s.Store.InsertAPIKey(ctx, k)
}

func (s *Store) DeleteAPIKey(ctx context.Context, id string) error {
	defer s.invalidate(ctx, invKey, id)
	return s.Store.DeleteAPIKey(ctx, id)
}

func (s *Store) UpdateAPIKeyUsage(ctx context.Context, id string, lastUsed, expiresAt time.Time) error {
	defer s.invalidate(ctx, invKey, id)
	return s.Store.UpdateAPIKeyUsage(ctx, id, lastUsed, expiresAt)
}

func (s *Store) DeleteExpiredAPIKeys(ctx context.Context, before time.Time) (int64, error) {
	n, err := s.Store.DeleteExpiredAPIKeys(ctx, before)
	if n > 0 || err != nil {
		s.invalidate(ctx, invKeys)
	}
	return n, err
}

// cloneKey copies the key's hash, so that no caller can alter the cached
// row through the slice.
func cloneKey(k store.APIKey) store.APIKey {
	k.HashedSecret = append([]byte(nil), k.HashedSecret...)
	return k
}

// ---------------------------------------------------------------- users

// GetUserByID returns the cached row, or reads and caches it.
func (s *Store) GetUserByID(ctx context.Context, id uuid.UUID) (store.User, error) {
	return read(ctx, s.users, id, func() (store.User, error) { return s.Store.GetUserByID(ctx, id) })
}

func (s *Store) UpdateUserLastSeen(ctx context.Context, id uuid.UUID, at time.Time) error {
	defer s.invalidate(ctx, invUser, id.String())
	return s.Store.UpdateUserLastSeen(ctx, id, at)
}

// ---------------------------------------------------------------- links

// GetExternalAuthLink returns the cached row, or reads and caches it.
func (s *Store) GetExternalAuthLink(ctx context.Context, userID uuid.UUID, providerID string) (store.ExternalAuthLink, error) {
	return read(ctx, s.links, linkID{userID, providerID}, func() (store.ExternalAuthLink, error) {
		return s.Store.GetExternalAuthLink(ctx, userID, providerID)
	})
}

func (s *Store) UpsertExternalAuthLink(ctx context.Context, l store.ExternalAuthLink) error {
	defer s.invalidate(ctx, invLink, l.UserID.String(), l.ProviderID)
	return s.Store.UpsertExternalAuthLink(ctx, l)
}

func (s *Store) DeleteExternalAuthLink(ctx context.Context, userID uuid.UUID, providerID string) error {
	defer s.invalidate(ctx, invLink, userID.String(), providerID)
	return s.Store.DeleteExternalAuthLink(ctx, userID, providerID)
}

func (s *Store) UpdateExternalAuthLinkTokens(ctx context.Context, l store.ExternalAuthLink, oldRefreshToken string) error {
	defer s.invalidate(ctx, invLink, l.UserID.String(), l.ProviderID)
	return s.Store.UpdateExternalAuthLinkTokens(ctx, l, oldRefreshToken)
}

// ---------------------------------------------------------------- projects

// GetProject returns the cached row, or reads and caches it.
func (s *Store) GetProject(ctx context.Context, id string) (store.Project, error) {
	return read(ctx, s.proj, id, func() (store.Project, error) { return s.Store.GetProject(ctx, id) })
}

func (s *Store) InsertProject(ctx context.Context, p store.Project) error {
	defer s.invalidate(ctx, invProject, p.ID)
	return s.Store.InsertProject(ctx, p)
}

func (s *Store) RenameProject(ctx context.Context, id, name string) (store.Project, error) {
	defer s.invalidate(ctx, invProject, id)
	return s.Store.RenameProject(ctx, id, name)
}

func (s *Store) DeleteProject(ctx context.Context, id string) error {
	defer s.invalidate(ctx, invProject, id)
	return s.Store.DeleteProject(ctx, id)
}

// IsProjectMember returns the cached answer, or asks and caches it.
func (s *Store) IsProjectMember(ctx context.Context, projectID string, userID uuid.UUID) (bool, error) {
	return read(ctx, s.members, memberID{projectID, userID}, func() (bool, error) {
		return s.Store.IsProjectMember(ctx, projectID, userID)
	})
}

func (s *Store) AddProjectMember(ctx context.Context, m store.ProjectMember) error {
	defer s.invalidate(ctx, invMember, m.ProjectID, m.UserID.String())
	return s.Store.AddProjectMember(ctx, m)
}

func (s *Store) RemoveProjectMember(ctx context.Context, projectID string, userID uuid.UUID) error {
	defer s.invalidate(ctx, invMember, projectID, userID.String())
	return s.Store.RemoveProjectMember(ctx, projectID, userID)
}

// ListProjectGitAuths returns the cached list itself, or reads and caches
// it: the same slice until the project's authorizations change, which
// callers read and never modify (see store.ProjectStore), so that a list
// of many costs no copy and a caller can tell an unchanged list by it.
func (s *Store) ListProjectGitAuths(ctx context.Context, projectID string) ([]store.ProjectGitAuth, error) {
	return read(ctx, s.auths, projectID, func() ([]store.ProjectGitAuth, error) {
		return s.Store.ListProjectGitAuths(ctx, projectID)
	})
}

func (s *Store) InsertProjectGitAuth(ctx context.Context, a store.ProjectGitAuth) error {
	defer s.invalidate(ctx, invAuths, a.ProjectID)
	return s.Store.InsertProjectGitAuth(ctx, a)
}

func (s *Store) DeleteProjectGitAuth(ctx context.Context, projectID, name string) error {
	defer s.invalidate(ctx, invAuths, projectID)
	return s.Store.DeleteProjectGitAuth(ctx, projectID, name)
}

func (s *Store) UpdateProjectGitAuthTokens(ctx context.Context, a store.ProjectGitAuth, oldRefreshToken string) error {
	defer s.invalidate(ctx, invAuths, a.ProjectID)
	return s.Store.UpdateProjectGitAuthTokens(ctx, a, oldRefreshToken)
}

func (s *Store) UpdateProjectGitAuthCheck(ctx context.Context, projectID, name string, c store.GitAuthCheck) error {
	defer s.invalidate(ctx, invAuths, projectID)
	return s.Store.UpdateProjectGitAuthCheck(ctx, projectID, name, c)
}
