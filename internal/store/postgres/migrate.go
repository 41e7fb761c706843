package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/gitauthd/gitauthd/internal/store/migrations"
)

// migrate applies every pending embedded migration, holding a session-level
// advisory lock meanwhile: replicas that start together take turns, and
// the ones that come second find everything applied. The lock is keyed by
// database and schema, so deployments sharing a server (or tests, each in
// its own schema) do not wait on one another. Each migration runs in its
// own transaction; goose records applied versions in goose_db_version.
func migrate(ctx context.Context, cc *pgx.ConnConfig, lockTimeout time.Duration, log *slog.Logger) error {
	fsys, err := migrations.Postgres()
	if err != nil {
		return fmt.Errorf("postgres: load migrations: %w", err)
	}
	// goose speaks database/sql; a small pool of its own, closed afterwards.
	db := stdlib.OpenDB(*cc.Copy())
	defer db.Close()
	db.SetMaxOpenConns(2)

	var schema sql.NullString
	var database string
	if err := db.QueryRowContext(ctx, `SELECT current_database(), current_schema()`).Scan(&database, &schema); err != nil {
		return mapErr(ctx, "postgres: migrate", err)
	}
	if !schema.Valid {
		return errors.New("postgres: migrate: no schema to create tables in: the first schema of the search_path does not exist")
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte("gitauthd-migrations\x00" + database + "\x00" + schema.String))
	lockID := int64(h.Sum64() &^ (1 << 63))

	const probe = time.Second
	locker, err := lock.NewPostgresSessionLocker(
		lock.WithLockID(lockID),
		lock.WithLockTimeout(1, uint64(max(1, lockTimeout/probe))),
		lock.WithUnlockTimeout(1, 30),
	)
	if err != nil {
		return fmt.Errorf("postgres: prepare migration lock: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, fsys,
		goose.WithDisableGlobalRegistry(true),
		goose.WithSessionLocker(locker),
		goose.WithSlog(log),
	)
	if err != nil {
		return fmt.Errorf("postgres: prepare migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return mapErr(ctx, "postgres: migrate", err)
	}
	if len(results) > 0 {
		log.Info("postgres migrations applied", slog.Int("count", len(results)),
			slog.String("schema", schema.String))
	}
	return nil
}
