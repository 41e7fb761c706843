package sqlite

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/pressly/goose/v3"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store/migrations"
	"github.com/gitauthd/gitauthd/internal/store/storetest"
)

// TestAuditSegmentsMigration: records of the audit_logs table (version 8)
// are listed as before once migration 9 has turned them into segments,
// and come back into audit_logs when it is rolled back.
func TestAuditSegmentsMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.db")
	provider := func() (*goose.Provider, *sql.DB) {
		db, err := sql.Open(driverName, fileDSN(path, writerRole))
		require.NoError(t, err)
		t.Cleanup(func() { _ = db.Close() })
		fsys, err := migrations.SQLite()
		require.NoError(t, err)
		p, err := goose.NewProvider(goose.DialectSQLite3, db, fsys, goose.WithDisableGlobalRegistry(true))
		require.NoError(t, err)
		return p, db
	}
	p, db := provider()
	_, err := p.UpTo(t.Context(), 8)
	require.NoError(t, err)
	_, err = db.Exec(storetest.LegacyAuditRows)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	s := openFileStore(t, path)
	storetest.CheckLegacyAudit(t, s)
	require.NoError(t, s.Close())

	p, db = provider()
	_, err = p.DownTo(t.Context(), 8)
	require.NoError(t, err)
	var n int
	var names string
	require.NoError(t, db.QueryRow(`SELECT count(*), group_concat(username, ',') FROM audit_logs`).Scan(&n, &names))
	require.Equal(t, 2, n)
	require.Equal(t, "Alice,", names)
}
