package sqlite

import (
	"path/filepath"
	"testing"

	"github.com/pressly/goose/v3"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/migrations"
	"github.com/gitauthd/gitauthd/internal/store/storetest"
)

// TestAuditSegmentsMigration: migration 9 carries the records of
// audit_logs into segments, and back when rolled back.
func TestAuditSegmentsMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.db")
	fsys, err := migrations.SQLite()
	require.NoError(t, err)
	storetest.AuditSegmentsMigration(t,
		storetest.Migration{Driver: driverName, DSN: fileDSN(path, writerRole), Dialect: goose.DialectSQLite3, Files: fsys},
		func(t *testing.T) store.Store { return openFileStore(t, path) })
}
