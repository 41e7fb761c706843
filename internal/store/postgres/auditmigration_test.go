package postgres

import (
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx", for goose
	"github.com/pressly/goose/v3"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/migrations"
	"github.com/gitauthd/gitauthd/internal/store/postgres/pgtest"
	"github.com/gitauthd/gitauthd/internal/store/storetest"
)

// TestAuditSegmentsMigration: migration 9 carries the records of
// audit_logs into segments, and back when rolled back; segments written
// later take seqs after the migrated ones.
func TestAuditSegmentsMigration(t *testing.T) {
	url := pgtest.URL(t)
	fsys, err := migrations.Postgres()
	require.NoError(t, err)
	storetest.AuditSegmentsMigration(t,
		storetest.Migration{Driver: "pgx", DSN: url, Dialect: goose.DialectPostgres, Files: fsys},
		func(t *testing.T) store.Store {
			s := openStore(t, url)
			require.EqualValues(t, 3, queryInt(t, url,
				`SELECT nextval(pg_get_serial_sequence('audit_segments', 'seq'))`), "new segments follow the migrated ones")
			return s
		})
}
