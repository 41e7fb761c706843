package migrations

import (
	"io/fs"
	"testing"
)

// TestSameVersions: every engine has the same migrations, by version and
// name, so that version N means the same schema whichever engine runs it.
func TestSameVersions(t *testing.T) {
	names := func(open func() (fs.FS, error)) []string {
		fsys, err := open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := fs.Glob(fsys, "*.sql")
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	sqlite, postgres := names(SQLite), names(Postgres)
	if len(sqlite) == 0 {
		t.Fatal("no SQLite migrations")
	}
	if len(sqlite) != len(postgres) {
		t.Fatalf("SQLite has %v, PostgreSQL has %v", sqlite, postgres)
	}
	for i := range sqlite {
		if sqlite[i] != postgres[i] {
			t.Errorf("migration %d: SQLite %s, PostgreSQL %s", i, sqlite[i], postgres[i])
		}
	}
}
