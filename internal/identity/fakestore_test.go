package identity

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
)

// fakeStore is a map-backed store.Store honouring the contract's
// ErrNotFound / ErrConflict semantics. It counts calls per method, can be
// taken down (every call answers store.ErrUnavailable), and can be told to
// fail the next call of a method with a given error.
type fakeStore struct {
	// ExternalAuthStore is not used by the identity service; calling it
	// panics, which a test would show.
	store.ExternalAuthStore
	// Nor is ProjectStore.
	store.ProjectStore
	// Nor AuditStore: the audit recorder has its own tests.
	store.AuditStore

	mu       sync.Mutex
	users    map[uuid.UUID]store.User
	keys     map[string]store.APIKey
	deployID string
	down     bool
	failNext map[string]error
	calls    map[string]int
}

var _ store.Store = (*fakeStore)(nil)

func newFakeStore() *fakeStore {
	return &fakeStore{
		users:    map[uuid.UUID]store.User{},
		keys:     map[string]store.APIKey{},
		failNext: map[string]error{},
		calls:    map[string]int{},
	}
}

// enter records a call and returns an injected failure, if any. The caller
// holds f.mu.
func (f *fakeStore) enter(ctx context.Context, method string) error {
	f.calls[method]++
	if err := ctx.Err(); err != nil {
		return err
	}
	if f.down {
		return store.ErrUnavailable
	}
	if err, ok := f.failNext[method]; ok {
		delete(f.failNext, method)
		return err
	}
	return nil
}

func (f *fakeStore) setDown(down bool) { f.mu.Lock(); f.down = down; f.mu.Unlock() }

func (f *fakeStore) failOnce(method string, err error) {
	f.mu.Lock()
	f.failNext[method] = err
	f.mu.Unlock()
}

func (f *fakeStore) count(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method]
}

func (f *fakeStore) resetCounts() {
	f.mu.Lock()
	f.calls = map[string]int{}
	f.mu.Unlock()
}

// rawKey returns the stored key row without going through the counters.
func (f *fakeStore) rawKey(id string) (store.APIKey, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	k, ok := f.keys[id]
	return cloneKey(k), ok
}

func (f *fakeStore) rawUser(id uuid.UUID) store.User {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.users[id]
}

func cloneKey(k store.APIKey) store.APIKey {
	k.HashedSecret = slices.Clone(k.HashedSecret)
	return k
}

func utcUser(u store.User) store.User {
	u.CreatedAt, u.UpdatedAt, u.LastSeenAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC(), u.LastSeenAt.UTC()
	return u
}

func (f *fakeStore) Ping(ctx context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.enter(ctx, "Ping")
}

func (f *fakeStore) Close() error { return nil }

func (f *fakeStore) insertUserLocked(u store.User) error {
	for _, o := range f.users {
		if strings.EqualFold(o.Username, u.Username) || strings.EqualFold(o.Email, u.Email) || o.ID == u.ID {
			return store.ErrConflict
		}
	}
	f.users[u.ID] = utcUser(u)
	return nil
}

func (f *fakeStore) InsertFirstUser(ctx context.Context, u store.User) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "InsertFirstUser"); err != nil {
		return err
	}
	if len(f.users) > 0 {
		return store.ErrConflict
	}
	return f.insertUserLocked(u)
}

func (f *fakeStore) InsertUser(ctx context.Context, u store.User) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "InsertUser"); err != nil {
		return err
	}
	return f.insertUserLocked(u)
}

func (f *fakeStore) GetUserByID(ctx context.Context, id uuid.UUID) (store.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "GetUserByID"); err != nil {
		return store.User{}, err
	}
	u, ok := f.users[id]
	if !ok {
		return store.User{}, store.ErrNotFound
	}
	return u, nil
}

func (f *fakeStore) findUser(match func(store.User) bool) (store.User, error) {
	for _, u := range f.users {
		if match(u) {
			return u, nil
		}
	}
	return store.User{}, store.ErrNotFound
}

func (f *fakeStore) GetUserByUsername(ctx context.Context, username string) (store.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "GetUserByUsername"); err != nil {
		return store.User{}, err
	}
	return f.findUser(func(u store.User) bool { return strings.EqualFold(u.Username, username) })
}

func (f *fakeStore) GetUserByEmail(ctx context.Context, email string) (store.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "GetUserByEmail"); err != nil {
		return store.User{}, err
	}
	return f.findUser(func(u store.User) bool { return strings.EqualFold(u.Email, email) })
}

func (f *fakeStore) ListUsers(ctx context.Context) ([]store.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "ListUsers"); err != nil {
		return nil, err
	}
	out := make([]store.User, 0, len(f.users))
	for _, u := range f.users {
		out = append(out, u)
	}
	slices.SortFunc(out, func(a, b store.User) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.Username, b.Username)
	})
	return out, nil
}

func (f *fakeStore) UpdateUserRoles(ctx context.Context, id uuid.UUID, roles []string, at time.Time) (store.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "UpdateUserRoles"); err != nil {
		return store.User{}, err
	}
	u, ok := f.users[id]
	if !ok {
		return store.User{}, store.ErrNotFound
	}
	roles = store.NormalizeRoles(roles)
	if u.HasRole(store.RoleOwner) && !slices.Contains(roles, store.RoleOwner) {
		owners := 0
		for _, o := range f.users {
			if o.HasRole(store.RoleOwner) {
				owners++
			}
		}
		if owners == 1 {
			return store.User{}, store.ErrLastOwner
		}
	}
	u.Roles, u.UpdatedAt = roles, at.UTC()
	f.users[id] = u
	return u, nil
}

func (f *fakeStore) UpdateUserLastSeen(ctx context.Context, id uuid.UUID, at time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "UpdateUserLastSeen"); err != nil {
		return err
	}
	u, ok := f.users[id]
	if !ok {
		return store.ErrNotFound
	}
	u.LastSeenAt, u.UpdatedAt = at.UTC(), at.UTC()
	f.users[id] = u
	return nil
}

func (f *fakeStore) InsertAPIKey(ctx context.Context, k store.APIKey) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "InsertAPIKey"); err != nil {
		return err
	}
	if _, ok := f.keys[k.ID]; ok {
		return store.ErrConflict
	}
	if k.LoginType == store.LoginTypeToken {
		for _, o := range f.keys {
			if o.UserID == k.UserID && o.LoginType == store.LoginTypeToken && o.TokenName == k.TokenName {
				return store.ErrConflict
			}
		}
	}
	k = cloneKey(k)
	k.ExpiresAt, k.CreatedAt, k.UpdatedAt, k.LastUsed = k.ExpiresAt.UTC(), k.CreatedAt.UTC(), k.UpdatedAt.UTC(), k.LastUsed.UTC()
	f.keys[k.ID] = k
	return nil
}

func (f *fakeStore) GetAPIKeyByID(ctx context.Context, id string) (store.APIKey, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "GetAPIKeyByID"); err != nil {
		return store.APIKey{}, err
	}
	k, ok := f.keys[id]
	if !ok {
		return store.APIKey{}, store.ErrNotFound
	}
	return cloneKey(k), nil
}

func (f *fakeStore) ListAPIKeys(ctx context.Context, userID uuid.UUID, loginType string) ([]store.APIKey, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "ListAPIKeys"); err != nil {
		return nil, err
	}
	var out []store.APIKey
	for _, k := range f.keys {
		if k.UserID == userID && k.LoginType == loginType {
			out = append(out, cloneKey(k))
		}
	}
	slices.SortFunc(out, func(a, b store.APIKey) int { return b.CreatedAt.Compare(a.CreatedAt) })
	return out, nil
}

func (f *fakeStore) DeleteAPIKey(ctx context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "DeleteAPIKey"); err != nil {
		return err
	}
	if _, ok := f.keys[id]; !ok {
		return store.ErrNotFound
	}
	delete(f.keys, id)
	return nil
}

func (f *fakeStore) UpdateAPIKeyUsage(ctx context.Context, id string, lastUsed, expiresAt time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "UpdateAPIKeyUsage"); err != nil {
		return err
	}
	k, ok := f.keys[id]
	if !ok {
		return store.ErrNotFound
	}
	k.LastUsed, k.ExpiresAt, k.UpdatedAt = lastUsed.UTC(), expiresAt.UTC(), lastUsed.UTC()
	f.keys[id] = k
	return nil
}

func (f *fakeStore) DeleteExpiredAPIKeys(ctx context.Context, before time.Time) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "DeleteExpiredAPIKeys"); err != nil {
		return 0, err
	}
	var n int64
	for id, k := range f.keys {
		if k.ExpiresAt.Before(before) {
			delete(f.keys, id)
			n++
		}
	}
	return n, nil
}

func (f *fakeStore) DeploymentID(ctx context.Context, candidate string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "DeploymentID"); err != nil {
		return "", err
	}
	if f.deployID == "" {
		f.deployID = candidate
	}
	return f.deployID, nil
}

func (f *fakeStore) Counts(ctx context.Context, now time.Time) (store.Counts, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "Counts"); err != nil {
		return store.Counts{}, err
	}
	c := store.Counts{Users: int64(len(f.users)), CollectedAt: now.UTC()}
	for _, k := range f.keys {
		if k.ExpiresAt.After(now) {
			c.ActiveKeys++
		}
	}
	return c, nil
}

func (f *fakeStore) UpdateUserStatus(ctx context.Context, id uuid.UUID, status string, at time.Time) error {
	return f.updateUser(ctx, "UpdateUserStatus", id, status != store.UserStatusActive, func(u *store.User) {
		u.Status, u.UpdatedAt = status, at.UTC()
	})
}

func (f *fakeStore) UpdateUserPassword(ctx context.Context, id uuid.UUID, hashed string, at time.Time) error {
	return f.updateUser(ctx, "UpdateUserPassword", id, true, func(u *store.User) {
		u.HashedPassword, u.UpdatedAt = hashed, at.UTC()
	})
}

func (f *fakeStore) updateUser(ctx context.Context, method string, id uuid.UUID, revoke bool, change func(*store.User)) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, method); err != nil {
		return err
	}
	u, ok := f.users[id]
	if !ok {
		return store.ErrNotFound
	}
	change(&u)
	f.users[id] = u
	if revoke {
		f.deleteKeysOf(id)
	}
	return nil
}

func (f *fakeStore) DeleteUser(ctx context.Context, id uuid.UUID) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(ctx, "DeleteUser"); err != nil {
		return err
	}
	if _, ok := f.users[id]; !ok {
		return store.ErrNotFound
	}
	delete(f.users, id)
	f.deleteKeysOf(id)
	return nil
}

// deleteKeysOf removes the user's keys. The caller holds f.mu.
func (f *fakeStore) deleteKeysOf(id uuid.UUID) {
	for k, v := range f.keys {
		if v.UserID == id {
			delete(f.keys, k)
		}
	}
}
