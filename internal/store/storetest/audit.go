package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/pressly/goose/v3"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
)

// newAuditRecord returns a record with every field set.
func newAuditRecord(at time.Time, username, action string) store.AuditRecord {
	return store.AuditRecord{
		ID: uuid.New(), Time: at, UserID: uuid.New(), Username: username, APIKeyID: "abcdefghij",
		Action: action, ResourceType: "external_auth_link", ResourceID: "github",
		ResourceUUID: uuid.New(), ResourceTarget: "GitHub", ProviderID: "github",
		RepositoryURL: "https://github.com/acme/app.git", Allowed: true, StatusCode: 200,
		RequestID: "0123456789abcdef0123456789abcdef", IP: "192.0.2.7", UserAgent: "git/2.45",
	}
}

func normAudit(r store.AuditRecord) store.AuditRecord { r.Time = norm(r.Time); return r }

func testAudit(t *testing.T, fresh Opener) {
	t.Run("RoundTripNewestFirst", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		base := time.Now().Add(-time.Hour)
		a := newAuditRecord(base, "alice", "login")
		b := newAuditRecord(base.Add(time.Second), "bob", "credential_read")
		b.Allowed, b.StatusCode, b.UserID, b.ResourceUUID = false, 403, uuid.Nil, uuid.Nil
		same := newAuditRecord(base.Add(time.Second), "carol", "logout") // same millisecond: insertion order
		require.NoError(t, s.InsertAuditRecords(c, []store.AuditRecord{a, b}))
		require.NoError(t, s.InsertAuditRecords(c, []store.AuditRecord{same}))
		require.NoError(t, s.InsertAuditRecords(c, nil))

		got, count, err := s.ListAuditRecords(c, store.AuditFilter{})
		require.NoError(t, err)
		require.EqualValues(t, 3, count)
		require.Equal(t, []store.AuditRecord{normAudit(same), normAudit(b), normAudit(a)}, got)
	})

	t.Run("DuplicateIDInsertsNothing", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		a := newAuditRecord(time.Now(), "alice", "login")
		dup := newAuditRecord(time.Now(), "bob", "login")
		dup.ID = a.ID
		err := s.InsertAuditRecords(c, []store.AuditRecord{newAuditRecord(time.Now(), "x", "login"), a, dup})
		require.ErrorIs(t, err, store.ErrConflict)
		_, count, err := s.ListAuditRecords(c, store.AuditFilter{})
		require.NoError(t, err)
		require.Zero(t, count, "a failed group leaves no record")
	})

	t.Run("ManyInOneGroup", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		var batch []store.AuditRecord
		for i := range 1203 { // more than one INSERT statement
			batch = append(batch, newAuditRecord(time.Now(), fmt.Sprintf("u%d", i), "login"))
		}
		require.NoError(t, s.InsertAuditRecords(c, batch))
		_, count, err := s.ListAuditRecords(c, store.AuditFilter{Limit: 1})
		require.NoError(t, err)
		require.EqualValues(t, len(batch), count)
	})

	t.Run("Filters", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		day := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
		alice := newAuditRecord(day, "Alice", "login")
		alice2 := newAuditRecord(day.Add(24*time.Hour), "alice", "credential_read")
		alice2.UserID = alice.UserID
		bob := newAuditRecord(day.Add(48*time.Hour), "bob", "delete")
		bob.ResourceType, bob.ResourceID = "api_key", "k123456789"
		require.NoError(t, s.InsertAuditRecords(c, []store.AuditRecord{alice, alice2, bob}))
		list := func(f store.AuditFilter) []string {
			t.Helper()
			got, count, err := s.ListAuditRecords(c, f)
			require.NoError(t, err)
			out := []string{}
			for _, r := range got {
				out = append(out, r.Username+"/"+r.Action)
			}
			require.GreaterOrEqual(t, int(count), len(out))
			return out
		}
		require.Equal(t, []string{"alice/credential_read", "Alice/login"}, list(store.AuditFilter{Username: "ALICE"}))
		require.Equal(t, []string{"alice/credential_read", "Alice/login"}, list(store.AuditFilter{UserID: alice.UserID}))
		require.Equal(t, []string{"bob/delete"}, list(store.AuditFilter{Action: "delete"}))
		require.Equal(t, []string{"bob/delete"}, list(store.AuditFilter{ResourceType: "api_key"}))
		require.Equal(t, []string{"bob/delete"}, list(store.AuditFilter{ResourceID: "k123456789"}))
		require.Equal(t, []string{"Alice/login"}, list(store.AuditFilter{ResourceID: alice.ResourceUUID.String()}))
		require.Equal(t, []string{"alice/credential_read"}, list(store.AuditFilter{From: day.Add(time.Hour), To: day.Add(24 * time.Hour)}))
		require.Equal(t, []string{}, list(store.AuditFilter{Username: "alice", Action: "delete"}))
		require.Equal(t, []string{"alice/credential_read"}, list(store.AuditFilter{Offset: 1, Limit: 1}))
		_, count, err := s.ListAuditRecords(c, store.AuditFilter{Offset: 1, Limit: 1})
		require.NoError(t, err)
		require.EqualValues(t, 3, count, "the count ignores the page")
		// Filter values are data, never SQL.
		require.Equal(t, []string{}, list(store.AuditFilter{Username: "' OR 1=1 --"}))
	})

	t.Run("RetentionDeletesOldestInBatches", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		now := time.Now()
		var batch []store.AuditRecord
		for i := range 5 {
			batch = append(batch, newAuditRecord(now.Add(-time.Duration(10-i)*time.Hour), fmt.Sprintf("old%d", i), "login"))
		}
		keep := newAuditRecord(now, "new", "login")
		require.NoError(t, s.InsertAuditRecords(c, append(batch, keep)))
		n, err := s.DeleteAuditRecordsBefore(c, now.Add(-time.Minute), 3)
		require.NoError(t, err)
		require.EqualValues(t, 3, n)
		n, err = s.DeleteAuditRecordsBefore(c, now.Add(-time.Minute), 3)
		require.NoError(t, err)
		require.EqualValues(t, 2, n)
		n, err = s.DeleteAuditRecordsBefore(c, now.Add(-time.Minute), 3)
		require.NoError(t, err)
		require.Zero(t, n)
		got, _, err := s.ListAuditRecords(c, store.AuditFilter{})
		require.NoError(t, err)
		require.Equal(t, []store.AuditRecord{normAudit(keep)}, got)
		_, err = s.DeleteAuditRecordsBefore(c, now, 0)
		require.Error(t, err)
	})

	t.Run("EndedContext", func(t *testing.T) {
		s := fresh(t)
		c, cancel := context.WithCancel(ctx(t))
		cancel()
		err := s.InsertAuditRecords(c, []store.AuditRecord{newAuditRecord(time.Now(), "a", "login")})
		require.ErrorIs(t, err, store.ErrUnavailable)
	})
}

// Migration is how an engine's test reaches its database beneath the
// store: the database/sql driver and connection string, goose's dialect
// and the engine's migrations.
type Migration struct {
	Driver, DSN string
	Dialect     goose.Dialect
	Files       fs.FS
}

// provider opens a connection and a goose provider over it.
func (m Migration) provider(t *testing.T) (*goose.Provider, *sql.DB) {
	db, err := sql.Open(m.Driver, m.DSN)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	p, err := goose.NewProvider(m.Dialect, db, m.Files, goose.WithDisableGlobalRegistry(true))
	require.NoError(t, err)
	return p, db
}

// AuditSegmentsMigration checks migration 9 on an engine: records of the
// audit_logs table (version 8) are listed as before once they are
// segments, and come back into audit_logs when the migration is rolled
// back. open opens the store on the same database (migrating it to the
// latest version).
func AuditSegmentsMigration(t *testing.T, m Migration, open Opener) {
	p, db := m.provider(t)
	_, err := p.UpTo(ctx(t), 8)
	require.NoError(t, err)
	_, err = db.Exec(legacyAuditRows)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	s := open(t)
	checkLegacyAudit(t, s)
	require.NoError(t, s.Close())

	p, db = m.provider(t)
	_, err = p.DownTo(ctx(t), 8)
	require.NoError(t, err)
	rows, err := db.Query(`SELECT username FROM audit_logs ORDER BY seq`)
	require.NoError(t, err)
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		names = append(names, n)
	}
	require.NoError(t, rows.Err())
	require.Equal(t, []string{"Alice", ""}, names)
}

// legacyAuditRows are two records as the audit_logs table of schema
// version 8 held them, in SQL both engines take.
const legacyAuditRows = `INSERT INTO audit_logs (id, time, user_id, username, api_key_id, action,
    resource_type, resource_id, resource_uuid, resource_target, provider_id, repository_url, allowed,
    status_code, request_id, ip, user_agent) VALUES
('0190c5a4-0000-7000-8000-000000000001', 1773144000000, '0190c5a4-1111-7000-8000-000000000001', 'Alice',
    'k123456789', 'read_credential', 'external_auth_link', 'github', '5f2c8f1e-2222-5000-8000-000000000002',
    'github', 'github', 'https://github.com/acme/app.git', '1', 200, 'req-1', '127.0.0.1', 'git/2.39'),
('0190c5a4-0000-7000-8000-000000000002', 1773144001000, '', '', '', 'login', 'user', '', '',
    'bob@example.com', '', '', '0', 401, 'req-2', '10.0.0.1', 'curl/8')`

// checkLegacyAudit checks that s, migrated from legacyAuditRows, lists and
// filters those records as they were.
func checkLegacyAudit(t *testing.T, s store.Store) {
	t.Helper()
	c := ctx(t)
	read := store.AuditRecord{ID: uuid.MustParse("0190c5a4-0000-7000-8000-000000000001"),
		Time: time.UnixMilli(1773144000000).UTC(), UserID: uuid.MustParse("0190c5a4-1111-7000-8000-000000000001"),
		Username: "Alice", APIKeyID: "k123456789", Action: "read_credential", ResourceType: "external_auth_link",
		ResourceID: "github", ResourceUUID: uuid.MustParse("5f2c8f1e-2222-5000-8000-000000000002"),
		ResourceTarget: "github", ProviderID: "github", RepositoryURL: "https://github.com/acme/app.git",
		Allowed: true, StatusCode: 200, RequestID: "req-1", IP: "127.0.0.1", UserAgent: "git/2.39"}
	login := store.AuditRecord{ID: uuid.MustParse("0190c5a4-0000-7000-8000-000000000002"),
		Time: time.UnixMilli(1773144001000).UTC(), Action: "login", ResourceType: "user",
		ResourceTarget: "bob@example.com", StatusCode: 401, RequestID: "req-2", IP: "10.0.0.1", UserAgent: "curl/8"}
	for _, tc := range []struct {
		f    store.AuditFilter
		want []store.AuditRecord
	}{
		{store.AuditFilter{}, []store.AuditRecord{login, read}},
		{store.AuditFilter{Username: "alice"}, []store.AuditRecord{read}},
		{store.AuditFilter{ResourceID: read.ResourceUUID.String()}, []store.AuditRecord{read}},
		{store.AuditFilter{Action: "login"}, []store.AuditRecord{login}},
	} {
		got, count, err := s.ListAuditRecords(c, tc.f)
		require.NoError(t, err)
		require.EqualValues(t, len(tc.want), count)
		require.Equal(t, tc.want, got)
	}
}
