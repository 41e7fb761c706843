package postgres

import (
	"database/sql"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx", for goose
	"github.com/pressly/goose/v3"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store/migrations"
	"github.com/gitauthd/gitauthd/internal/store/postgres/pgtest"
	"github.com/gitauthd/gitauthd/internal/store/storetest"
)

// TestAuditSegmentsMigration: records of the audit_logs table (version 8)
// are listed as before once migration 9 has turned them into segments,
// later records take seqs after theirs, and rolling back brings them back
// into audit_logs.
func TestAuditSegmentsMigration(t *testing.T) {
	url := pgtest.URL(t)
	provider := func() (*goose.Provider, *sql.DB) {
		db, err := sql.Open("pgx", url)
		require.NoError(t, err)
		t.Cleanup(func() { _ = db.Close() })
		fsys, err := migrations.Postgres()
		require.NoError(t, err)
		p, err := goose.NewProvider(goose.DialectPostgres, db, fsys, goose.WithDisableGlobalRegistry(true))
		require.NoError(t, err)
		return p, db
	}
	p, db := provider()
	_, err := p.UpTo(t.Context(), 8)
	require.NoError(t, err)
	_, err = db.Exec(storetest.LegacyAuditRows)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	s := openStore(t, url)
	storetest.CheckLegacyAudit(t, s)
	require.NoError(t, s.Close())
	require.EqualValues(t, 3, queryInt(t, url,
		`SELECT nextval(pg_get_serial_sequence('audit_segments', 'seq'))`), "new segments follow the migrated ones")

	p, db = provider()
	_, err = p.DownTo(t.Context(), 8)
	require.NoError(t, err)
	var n int
	var names string
	require.NoError(t, db.QueryRow(`SELECT count(*), string_agg(username, ',' ORDER BY seq) FROM audit_logs`).Scan(&n, &names))
	require.Equal(t, 2, n)
	require.Equal(t, "Alice,", names)
}
