package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// deploymentIDKey is the site_config key of the deployment id.
const deploymentIDKey = "deployment_id"

// DeploymentID returns the persisted deployment id, first storing candidate
// if there is none yet; once stored, later candidates are ignored. An empty
// candidate is rejected, since storing it would fix an empty id forever.
//
// The insert and the read are two statements of one READ COMMITTED
// transaction, so the read sees a concurrent winner's committed id (one
// statement would read from a snapshot taken before it).
func (s *Store) DeploymentID(ctx context.Context, candidate string) (string, error) {
	const op = "postgres: deployment id"
	if candidate == "" {
		return "", errors.New(op + ": empty candidate")
	}
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	var id string
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO site_config (key, value) VALUES ($1, $2)
			ON CONFLICT (key) DO NOTHING`, deploymentIDKey, candidate); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT value FROM site_config WHERE key = $1`, deploymentIDKey).Scan(&id)
	})
	if err != nil {
		return "", s.err(ctx, op, err)
	}
	return id, nil
}

// Counts returns the number of users and of keys (any login type) whose
// expiry is after now, read in one statement (one snapshot).
func (s *Store) Counts(ctx context.Context, now time.Time) (store.Counts, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	c := store.Counts{CollectedAt: now.UTC()}
	err := s.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM users),
		(SELECT count(*) FROM api_keys WHERE expires_at > $1)`, sqlrow.Millis(now)).Scan(&c.Users, &c.ActiveKeys)
	if err != nil {
		return store.Counts{}, s.err(ctx, "postgres: counts", err)
	}
	return c, nil
}
