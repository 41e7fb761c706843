// Package migrations embeds the versioned SQL migrations of every store
// engine. Each engine has its own directory (sqlite/, postgres/) holding
// goose migrations with the same version numbers, so that version N means the
// same schema whichever engine runs it.
package migrations

import (
	"embed"
	"io/fs"
)

//go:embed sqlite/*.sql postgres/*.sql
var files embed.FS

// SQLite returns the SQLite migrations, rooted so that the NNNNN_name.sql files
// sit at the top of the returned file system (as goose expects).
func SQLite() (fs.FS, error) {
	return fs.Sub(files, "sqlite")
}

// Postgres returns the PostgreSQL migrations, rooted like SQLite's.
func Postgres() (fs.FS, error) {
	return fs.Sub(files, "postgres")
}
