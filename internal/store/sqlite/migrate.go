package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/pressly/goose/v3"

	"github.com/gitauthd/gitauthd/internal/store/migrations"
)

// migrate applies every pending embedded migration through db (the writer
// pool: goose runs each migration in its own transaction on one connection).
// Applying is idempotent: already applied versions are skipped.
func migrate(ctx context.Context, db *sql.DB, log *slog.Logger) error {
	fsys, err := migrations.SQLite()
	if err != nil {
		return fmt.Errorf("sqlite: load migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, fsys,
		goose.WithDisableGlobalRegistry(true),
		goose.WithSlog(log),
	)
	if err != nil {
		return fmt.Errorf("sqlite: prepare migrations: %w", err)
	}
	// p.Close would close db, which the Store still owns: do not call it.
	if _, err := p.Up(ctx); err != nil {
		return mapErr(ctx, "sqlite: migrate", err)
	}
	return nil
}
