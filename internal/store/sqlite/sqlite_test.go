package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/storetest"
)

// openFileStore opens a file store at path, closed when the test ends.
func openFileStore(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(t.Context(), Options{Path: path})
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// openMemoryStore opens an in-memory store, closed when the test ends.
func openMemoryStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), Options{InMemory: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestConformanceFile(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return openFileStore(t, filepath.Join(t.TempDir(), DefaultFileName))
	})
}

func TestConformanceMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return openMemoryStore(t) })
}

// sampleUser is a minimal valid user.
func sampleUser(name string) store.User {
	now := time.Now()
	return store.User{ID: uuid.New(), Email: name + "@example.com", Username: name,
		Status: "active", LoginType: store.LoginTypePassword,
		CreatedAt: now, UpdatedAt: now, LastSeenAt: now}
}

// sampleKey is a minimal valid token of user.
func sampleKey(user uuid.UUID, id string) store.APIKey {
	now := time.Now()
	return store.APIKey{ID: id, HashedSecret: []byte("0123456789abcdef0123456789abcdef"),
		UserID: user, LoginType: store.LoginTypeToken, Scope: "all", TokenName: id,
		LifetimeSeconds: 3600, ExpiresAt: now.Add(time.Hour), CreatedAt: now, UpdatedAt: now, LastUsed: now}
}

func TestPersistsAcrossReopen(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "data", DefaultFileName) // parent created by Open
	u := sampleUser("persisted")
	k := sampleKey(u.ID, "key0000001")

	s, err := Open(ctx, Options{Path: path})
	require.NoError(t, err)
	require.NoError(t, s.InsertFirstUser(ctx, u))
	require.NoError(t, s.InsertAPIKey(ctx, k))
	id, err := s.DeploymentID(ctx, "deployment-1")
	require.NoError(t, err)
	require.NoError(t, s.Close())

	s = openFileStore(t, path)
	got, err := s.GetUserByID(ctx, u.ID)
	require.NoError(t, err)
	require.Equal(t, u.Username, got.Username)
	gotKey, err := s.GetAPIKeyByID(ctx, k.ID)
	require.NoError(t, err)
	require.Equal(t, k.HashedSecret, gotKey.HashedSecret)
	again, err := s.DeploymentID(ctx, "deployment-2")
	require.NoError(t, err)
	require.Equal(t, id, again)
	require.ErrorIs(t, s.InsertFirstUser(ctx, sampleUser("second")), store.ErrConflict,
		"the first user is remembered across restarts")
}

func TestMigrationsIdempotent(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), DefaultFileName)
	schema := func(s *Store) (string, int) {
		var ddl string
		require.NoError(t, s.reader.QueryRowContext(ctx,
			`SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema
			 WHERE sql IS NOT NULL ORDER BY name)`).Scan(&ddl))
		var applied int
		require.NoError(t, s.reader.QueryRowContext(ctx,
			`SELECT count(*) FROM goose_db_version WHERE version_id > 0`).Scan(&applied))
		return ddl, applied
	}
	s, err := Open(ctx, Options{Path: path})
	require.NoError(t, err)
	ddl1, applied1 := schema(s)
	require.NoError(t, s.Close())

	for range 2 {
		s, err = Open(ctx, Options{Path: path})
		require.NoError(t, err)
		ddl, applied := schema(s)
		require.Equal(t, ddl1, ddl)
		require.Equal(t, applied1, applied, "no migration applied twice")
		require.NoError(t, s.Close())
	}
	require.Positive(t, applied1)
}

// queryText returns the single text value q yields on db.
func queryText(t *testing.T, db *sql.DB, q string) string {
	t.Helper()
	var v string
	require.NoError(t, db.QueryRowContext(t.Context(), q).Scan(&v), q)
	return v
}

func TestPragmasFile(t *testing.T) {
	s := openFileStore(t, filepath.Join(t.TempDir(), DefaultFileName))
	for name, db := range map[string]*sql.DB{"writer": s.writer, "reader": s.reader} {
		t.Run(name, func(t *testing.T) {
			require.Equal(t, "ok", queryText(t, db, "PRAGMA integrity_check"))
			require.Equal(t, "wal", queryText(t, db, "PRAGMA journal_mode"))
			require.Equal(t, "1", queryText(t, db, "PRAGMA foreign_keys"))
			require.Equal(t, "2", queryText(t, db, "PRAGMA synchronous"), "FULL")
			require.Equal(t, "5000", queryText(t, db, "PRAGMA busy_timeout"))
		})
	}
	_, err := s.reader.ExecContext(t.Context(), `DELETE FROM site_config`)
	require.Error(t, err, "reader connections are query-only")
	require.Equal(t, 1, s.writer.Stats().MaxOpenConnections, "one writer connection")
}

func TestPragmasMemory(t *testing.T) {
	s := openMemoryStore(t)
	require.Equal(t, "ok", queryText(t, s.writer, "PRAGMA integrity_check"))
	require.Equal(t, "1", queryText(t, s.writer, "PRAGMA foreign_keys"))
	require.Equal(t, 1, s.writer.Stats().MaxOpenConnections, "one connection")
	require.Same(t, s.writer, s.reader)
}

func TestFilePermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX permissions only")
	}
	dir := filepath.Join(t.TempDir(), "data")
	s := openFileStore(t, filepath.Join(dir, DefaultFileName))
	require.NoError(t, s.InsertUser(t.Context(), sampleUser("perm")))
	for name, want := range map[string]os.FileMode{
		dir: 0o700, filepath.Join(dir, DefaultFileName): 0o600,
		filepath.Join(dir, DefaultFileName+"-wal"): 0o600,
	} {
		fi, err := os.Stat(name)
		require.NoError(t, err)
		require.Equal(t, want, fi.Mode().Perm(), filepath.Base(name))
	}
}

func TestPathWithURISpecialCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a b?c#d%20e", "my db.sqlite")
	s := openFileStore(t, path)
	require.NoError(t, s.InsertUser(t.Context(), sampleUser("odd")))
	fi, err := os.Stat(path)
	require.NoError(t, err, "the file is at exactly the given path")
	require.Positive(t, fi.Size())
}

func TestOptionsValidation(t *testing.T) {
	_, err := Open(t.Context(), Options{})
	require.Error(t, err)
	_, err = Open(t.Context(), Options{InMemory: true, Path: filepath.Join(t.TempDir(), "x.db")})
	require.Error(t, err)
}

func TestMemoryStoresAreSeparate(t *testing.T) {
	a, b := openMemoryStore(t), openMemoryStore(t)
	require.NoError(t, a.InsertUser(t.Context(), sampleUser("only-in-a")))
	users, err := b.ListUsers(t.Context())
	require.NoError(t, err)
	require.Empty(t, users)
}

// TestSurvivesInterruptedQuery checks that a statement interrupted by its
// context does not lose data. The driver discards an interrupted connection,
// which for an in-memory database would drop everything were it not for the
// keeper connection.
func TestSurvivesInterruptedQuery(t *testing.T) {
	for name, open := range map[string]func(t *testing.T) *Store{
		"file":   func(t *testing.T) *Store { return openFileStore(t, filepath.Join(t.TempDir(), "i.db")) },
		"memory": openMemoryStore,
	} {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			u := sampleUser("survivor")
			require.NoError(t, s.InsertUser(t.Context(), u))

			ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
			defer cancel()
			_, err := s.writer.ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL
				SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n`)
			require.Error(t, err)
			require.ErrorIs(t, mapErr(ctx, "op", err), store.ErrUnavailable)

			got, err := s.GetUserByID(t.Context(), u.ID)
			require.NoError(t, err)
			require.Equal(t, u.Username, got.Username)
		})
	}
}

func TestCascadeDelete(t *testing.T) {
	ctx := t.Context()
	s := openMemoryStore(t)
	u := sampleUser("cascade")
	require.NoError(t, s.InsertUser(ctx, u))
	require.NoError(t, s.InsertAPIKey(ctx, sampleKey(u.ID, "key0000001")))
	require.NoError(t, s.UpsertExternalAuthLink(ctx, store.ExternalAuthLink{
		UserID: u.ID, ProviderID: "github", AccessToken: "a"}))
	hash := []byte("state-hash")
	require.NoError(t, s.InsertOAuthState(ctx, store.OAuthState{StateHash: hash, UserID: u.ID,
		ProviderID: "github", Purpose: "external-auth", ExpiresAt: time.Now().Add(time.Hour)}))
	_, err := s.writer.ExecContext(ctx, `DELETE FROM users WHERE id = ?`, u.ID.String())
	require.NoError(t, err)
	_, err = s.GetAPIKeyByID(ctx, "key0000001")
	require.ErrorIs(t, err, store.ErrNotFound, "keys go with their user")
	links, err := s.AllExternalAuthLinks(ctx)
	require.NoError(t, err)
	require.Empty(t, links, "links go with their user")
	states, err := s.ListOAuthStates(ctx)
	require.NoError(t, err)
	require.Empty(t, states, "states go with their user")
}

// TestFirstUserIndex checks the schema itself refuses a second first user,
// whatever statement inserts it.
func TestFirstUserIndex(t *testing.T) {
	ctx := t.Context()
	s := openMemoryStore(t)
	require.NoError(t, s.InsertFirstUser(ctx, sampleUser("first")))
	u := sampleUser("sneaky")
	_, err := s.writer.ExecContext(ctx, `INSERT INTO users (id, email, username, roles, status, login_type,
		created_at, updated_at, last_seen_at, first_user) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 1)`,
		u.ID.String(), u.Email, u.Username, "", u.Status, u.LoginType)
	require.ErrorIs(t, mapErr(ctx, "op", err), store.ErrConflict)
}

func TestClose(t *testing.T) {
	s, err := Open(t.Context(), Options{Path: filepath.Join(t.TempDir(), DefaultFileName)})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	require.NoError(t, s.Close(), "closing twice is harmless")
	require.ErrorIs(t, s.Ping(t.Context()), store.ErrUnavailable)
	_, err = s.GetUserByID(t.Context(), uuid.New())
	require.ErrorIs(t, err, store.ErrUnavailable)
}

// TestTwoStoresOneFile stands in for two processes sharing a database file:
// their writers contend for SQLite's lock, which busy_timeout and BEGIN
// IMMEDIATE must turn into waiting rather than SQLITE_BUSY.
func TestTwoStoresOneFile(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), DefaultFileName)
	a, b := openFileStore(t, path), openFileStore(t, path)
	u := sampleUser("shared")
	require.NoError(t, a.InsertUser(ctx, u))

	const perStore = 20
	var wg sync.WaitGroup
	errs := make(chan error, 2*perStore)
	for i := range 2 * perStore {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() {
			k := sampleKey(u.ID, fmt.Sprintf("key%07d", i))
			if err := s.InsertAPIKey(ctx, k); err != nil {
				errs <- err
				return
			}
			if _, err := s.DeploymentID(ctx, k.ID); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	for _, s := range []*Store{a, b} {
		c, err := s.Counts(ctx, time.Now())
		require.NoError(t, err)
		require.EqualValues(t, 2*perStore, c.ActiveKeys)
	}
}

// TestTwoStoresSingleUse stands in for two replicas sharing a database file:
// a state is consumed once and a lease has one holder across both.
func TestTwoStoresSingleUse(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), DefaultFileName)
	stores := []*Store{openFileStore(t, path), openFileStore(t, path)}
	u := sampleUser("replicas")
	require.NoError(t, stores[0].InsertUser(ctx, u))
	hash := []byte("shared-state")
	now := time.Now()
	require.NoError(t, stores[0].InsertOAuthState(ctx, store.OAuthState{StateHash: hash, UserID: u.ID,
		ProviderID: "github", Purpose: "external-auth", ExpiresAt: now.Add(time.Hour)}))

	const n = 20
	var consumed, leased atomic.Int32
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		s := stores[i%2]
		wg.Go(func() {
			if _, err := s.ConsumeOAuthState(ctx, hash, now); err == nil {
				consumed.Add(1)
			} else if !errors.Is(err, store.ErrNotFound) {
				errs <- err
			}
			ok, err := s.AcquireLease(ctx, "refresh", fmt.Sprintf("replica-%d", i), now, time.Minute)
			if err != nil {
				errs <- err
			} else if ok {
				leased.Add(1)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	require.EqualValues(t, 1, consumed.Load(), "one consumer")
	require.EqualValues(t, 1, leased.Load(), "one holder")
}
