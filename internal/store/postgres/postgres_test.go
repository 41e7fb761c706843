package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/postgres/pgtest"
	"github.com/gitauthd/gitauthd/internal/store/storetest"
)

// openStore opens a store on url, closed when the test ends.
func openStore(t *testing.T, url string) *Store {
	t.Helper()
	s, err := Open(t.Context(), Options{URL: url})
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// TestConformance runs the whole store suite, each subtest in a schema of
// its own.
func TestConformance(t *testing.T) {
	pgtest.BaseURL(t)
	storetest.Run(t, func(t *testing.T) store.Store { return openStore(t, pgtest.URL(t)) })
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

// queryInt returns the single integer q yields on url.
func queryInt(t *testing.T, url, q string, args ...any) int64 {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), url)
	require.NoError(t, err)
	defer conn.Close(context.Background())
	var n int64
	require.NoError(t, conn.QueryRow(t.Context(), q, args...).Scan(&n), q)
	return n
}

// TestConcurrentOpen starts several replicas at once on an empty schema:
// the advisory lock makes them take turns, every migration is applied
// exactly once, and every replica ends up with a working store.
func TestConcurrentOpen(t *testing.T) {
	url := pgtest.URL(t)
	const replicas = 4
	stores := make([]*Store, replicas)
	errs := make([]error, replicas)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range replicas {
		wg.Go(func() {
			<-start
			stores[i], errs[i] = Open(t.Context(), Options{URL: url})
		})
	}
	close(start)
	wg.Wait()
	for i, s := range stores {
		require.NoError(t, errs[i], "replica %d", i)
		t.Cleanup(func() { _ = s.Close() })
	}
	versions := queryInt(t, url, `SELECT count(*) FROM goose_db_version WHERE version_id > 0`)
	distinct := queryInt(t, url, `SELECT count(DISTINCT version_id) FROM goose_db_version WHERE version_id > 0`)
	require.Equal(t, distinct, versions, "no migration applied twice")
	require.Positive(t, versions)

	u := sampleUser("replica")
	require.NoError(t, stores[0].InsertFirstUser(t.Context(), u))
	for i, s := range stores {
		got, err := s.GetUserByID(t.Context(), u.ID)
		require.NoError(t, err, "replica %d", i)
		require.Equal(t, u.Username, got.Username)
		require.ErrorIs(t, s.InsertFirstUser(t.Context(), sampleUser(fmt.Sprint("late", i))), store.ErrConflict)
	}
}

// TestMigrationsIdempotent reopens a migrated schema: nothing is applied
// again and the schema is unchanged.
func TestMigrationsIdempotent(t *testing.T) {
	url := pgtest.URL(t)
	schema := func() (string, int64) {
		conn, err := pgx.Connect(t.Context(), url)
		require.NoError(t, err)
		defer conn.Close(context.Background())
		var ddl string
		require.NoError(t, conn.QueryRow(t.Context(), `SELECT coalesce(string_agg(
			table_name || '.' || column_name || ':' || data_type || ':' || coalesce(collation_name, ''), ';'
			ORDER BY table_name, column_name), '')
			FROM information_schema.columns WHERE table_schema = current_schema()`).Scan(&ddl))
		var applied int64
		require.NoError(t, conn.QueryRow(t.Context(),
			`SELECT count(*) FROM goose_db_version WHERE version_id > 0`).Scan(&applied))
		return ddl, applied
	}
	s, err := Open(t.Context(), Options{URL: url})
	require.NoError(t, err)
	ddl1, applied1 := schema()
	require.NoError(t, s.Close())
	for range 2 {
		s, err = Open(t.Context(), Options{URL: url})
		require.NoError(t, err)
		ddl, applied := schema()
		require.Equal(t, ddl1, ddl)
		require.Equal(t, applied1, applied, "no migration applied twice")
		require.NoError(t, s.Close())
	}
	require.Contains(t, ddl1, "users.username:text:C", "text is COLLATE \"C\"")
}

// TestUseAfterClose: a closed store answers ErrUnavailable.
func TestUseAfterClose(t *testing.T) {
	s, err := Open(t.Context(), Options{URL: pgtest.URL(t)})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	require.NoError(t, s.Close(), "closing twice is harmless")
	require.ErrorIs(t, s.Ping(t.Context()), store.ErrUnavailable)
	_, err = s.GetUserByID(t.Context(), uuid.New())
	require.ErrorIs(t, err, store.ErrUnavailable)
}

// TestCascade: deleting a user (which the contract cannot do) removes its
// keys, links and states, as in SQLite.
func TestCascade(t *testing.T) {
	url := pgtest.URL(t)
	s := openStore(t, url)
	ctx := t.Context()
	u := sampleUser("gone")
	require.NoError(t, s.InsertUser(ctx, u))
	require.NoError(t, s.InsertAPIKey(ctx, sampleKey(u.ID, "key0000001")))
	require.NoError(t, s.UpsertExternalAuthLink(ctx, store.ExternalAuthLink{UserID: u.ID, ProviderID: "github",
		AccessToken: "a", CreatedAt: time.Now(), UpdatedAt: time.Now()}))
	require.NoError(t, s.InsertOAuthState(ctx, store.OAuthState{StateHash: []byte("h"), UserID: u.ID,
		ProviderID: "github", Purpose: "external-auth", ExpiresAt: time.Now().Add(time.Hour)}))
	pgtest.Exec(t, url, `DELETE FROM users WHERE id = '`+u.ID.String()+`'`)
	for _, table := range []string{"api_keys", "external_auth_links", "oauth_states"} {
		require.Zero(t, queryInt(t, url, `SELECT count(*) FROM `+table), table)
	}
}

// TestASCIIFolding: lower() folds ASCII letters only, as SQLite's does,
// whatever the database locale; so non-ASCII names match alike in both
// engines.
func TestASCIIFolding(t *testing.T) {
	s := openStore(t, pgtest.URL(t))
	ctx := t.Context()
	u := sampleUser("Ärger")
	require.NoError(t, s.InsertUser(ctx, u))
	_, err := s.GetUserByUsername(ctx, "äRGER")
	require.ErrorIs(t, err, store.ErrNotFound, "Ä and ä are different letters to SQLite's lower()")
	got, err := s.GetUserByUsername(ctx, "ÄRGER")
	require.NoError(t, err)
	require.Equal(t, u.ID, got.ID)
	other := sampleUser("ärger")
	other.Email = "other@example.com"
	require.NoError(t, s.InsertUser(ctx, other), "not a duplicate, as in SQLite")
}

// TestUnreachable: a database that does not answer is ErrUnavailable, and
// quickly. It needs no PostgreSQL.
func TestUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close()) // nothing listens there now

	start := time.Now()
	_, err = Open(t.Context(), Options{URL: "postgres://gitauthd:secret-password@" + addr + "/gitauthd?sslmode=disable"})
	require.ErrorIs(t, err, store.ErrUnavailable)
	require.Less(t, time.Since(start), 5*time.Second, "refused connections fail fast")
	require.NotContains(t, err.Error(), "secret-password")
	require.Contains(t, err.Error(), "postgres://gitauthd@"+addr+"/gitauthd")

	// A server that accepts and never answers: the connect timeout ends it.
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer silent.Close()
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	start = time.Now()
	_, err = Open(t.Context(), Options{URL: "postgres://u@" + silent.Addr().String() + "/db?sslmode=disable",
		ConnectTimeout: 300 * time.Millisecond})
	require.ErrorIs(t, err, store.ErrUnavailable)
	require.Less(t, time.Since(start), 5*time.Second)
}

func TestPoolConfig(t *testing.T) {
	cfg, err := poolConfig(Options{URL: "postgres://u:p@db.example:6543/gitauthd"})
	require.NoError(t, err)
	require.EqualValues(t, DefaultMaxConns, cfg.MaxConns)
	require.Equal(t, DefaultConnectTimeout, cfg.ConnConfig.ConnectTimeout)
	require.Equal(t, "gitauthd", cfg.ConnConfig.RuntimeParams["application_name"])

	cfg, err = poolConfig(Options{URL: "postgres://u@h/d?pool_max_conns=3&connect_timeout=9&application_name=x"})
	require.NoError(t, err)
	require.EqualValues(t, 3, cfg.MaxConns, "the URL's pool size")
	require.Equal(t, 9*time.Second, cfg.ConnConfig.ConnectTimeout)
	require.Equal(t, "x", cfg.ConnConfig.RuntimeParams["application_name"])

	cfg, err = poolConfig(Options{URL: "host=h user=u dbname=d pool_max_conns=7", MaxConns: 20, ConnectTimeout: time.Second})
	require.NoError(t, err)
	require.EqualValues(t, 20, cfg.MaxConns, "Options win")
	require.Equal(t, time.Second, cfg.ConnConfig.ConnectTimeout)

	_, err = poolConfig(Options{URL: ""})
	require.Error(t, err)
	_, err = poolConfig(Options{URL: "postgres://u:hunter2@h:notaport/d"})
	require.Error(t, err)
	require.NotContains(t, err.Error(), "hunter2")
}

func TestDescribe(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://gitauthd:s3cret@db.example:6543/auth?sslmode=require": "postgres://gitauthd@db.example:6543/auth",
		"postgresql://db.example/auth":                                    "postgres://",
		"host=db.example port=5433 user=me password=s3cret dbname=auth":   "postgres://me@db.example:5433/auth",
		"postgres://u:s3cret@[::1]:5432/d":                                "postgres://u@[::1]:5432/d",
		"::not a url::":                                                   "(an unparsable PostgreSQL URL)",
	} {
		got := Describe(in)
		require.NotContains(t, got, "s3cret", in)
		require.True(t, strings.HasPrefix(got, want), "%s: %s, want prefix %s", in, got, want)
	}
}

// TestMapErr pins the error mapping down for errors a live server rarely
// produces on demand.
func TestMapErr(t *testing.T) {
	ctx := t.Context()
	pg := func(code string) error {
		return fmt.Errorf("wrapped: %w", &pgconn.PgError{Severity: "ERROR", Code: code, Message: "m", Detail: "Key (email)=(secret@example.com)"})
	}
	for _, tc := range []struct {
		err  error
		want error
	}{
		{pgx.ErrNoRows, store.ErrNotFound},
		{pg("23505"), store.ErrConflict},
		{pg("23503"), store.ErrNotFound},
		{pg("57P01"), store.ErrUnavailable},
		{pg("57P03"), store.ErrUnavailable},
		{pg("08006"), store.ErrUnavailable},
		{pg("53300"), store.ErrUnavailable},
		{pg("40001"), store.ErrUnavailable},
		{pg("57014"), store.ErrUnavailable},
		{io.ErrUnexpectedEOF, store.ErrUnavailable},
		{&net.OpError{Op: "dial", Err: errors.New("connection refused")}, store.ErrUnavailable},
		{context.DeadlineExceeded, store.ErrUnavailable},
	} {
		err := mapErr(ctx, "op", tc.err)
		require.ErrorIs(t, err, tc.want, "%v", tc.err)
		require.NotContains(t, err.Error(), "secret@example.com", "row values stay out of errors")
		var pe *pgconn.PgError
		require.False(t, errors.As(err, &pe), "driver errors are not wrapped")
	}
	for _, code := range []string{"42601", "22P02", "23514"} {
		err := mapErr(ctx, "op", pg(code))
		for _, sentinel := range []error{store.ErrNotFound, store.ErrConflict, store.ErrUnavailable} {
			require.NotErrorIs(t, err, sentinel, code)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	err := mapErr(cancelled, "op", errors.New("whatever the driver said"))
	require.ErrorIs(t, err, store.ErrUnavailable)
	require.ErrorIs(t, err, context.Canceled)
	require.NoError(t, mapErr(ctx, "op", nil))
}

// TestQueryTimeout: a call that outlives the query timeout ends with
// ErrUnavailable (and DeadlineExceeded), the statement is cancelled on the
// server, and the store goes on working.
func TestQueryTimeout(t *testing.T) {
	url := pgtest.URL(t)
	s, err := Open(t.Context(), Options{URL: url, QueryTimeout: 200 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	began := time.Now()
	err = s.pool.QueryRow(context.Background(), "SELECT 1").Scan(new(int)) // warm a connection
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), s.queryTimeout) // as the shared statements bound themselves
	defer cancel()
	_, err = s.db.ExecContext(ctx, "SELECT pg_sleep(10)")
	err = mapErr(ctx, "sleep", err)
	require.ErrorIs(t, err, store.ErrUnavailable)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(began), 3*time.Second)
	require.Zero(t, queryInt(t, url, `SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(10)' AND state = 'active'`),
		"the statement was cancelled on the server")
	require.NoError(t, s.Ping(t.Context()))
}
