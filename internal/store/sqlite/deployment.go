package sqlite

import (
	"context"
	"errors"
	"time"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// deploymentIDKey is the site_config key of the deployment id.
const deploymentIDKey = "deployment_id"

// DeploymentID returns the persisted deployment id, first storing candidate
// if there is none yet; once stored, later candidates are ignored. An empty
// candidate is rejected, since storing it would fix an empty id forever.
func (s *Store) DeploymentID(ctx context.Context, candidate string) (string, error) {
	const op = "sqlite: deployment id"
	if candidate == "" {
		return "", errors.New(op + ": empty candidate")
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return "", s.err(ctx, op, err)
	}
	defer func() { _ = tx.Rollback() }() // no-op after Commit

	if _, err := tx.ExecContext(ctx, `INSERT INTO site_config (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO NOTHING`, deploymentIDKey, candidate); err != nil {
		return "", s.err(ctx, op, err)
	}
	var id string
	if err := tx.QueryRowContext(ctx, `SELECT value FROM site_config WHERE key = ?`,
		deploymentIDKey).Scan(&id); err != nil {
		return "", s.err(ctx, op, err)
	}
	if err := tx.Commit(); err != nil {
		return "", s.err(ctx, op, err)
	}
	return id, nil
}

// Counts returns the number of users and of keys (any login type) whose
// expiry is after now, read in one consistent snapshot.
func (s *Store) Counts(ctx context.Context, now time.Time) (store.Counts, error) {
	c := store.Counts{CollectedAt: now.UTC()}
	err := s.reader.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM users),
		(SELECT count(*) FROM api_keys WHERE expires_at > ?)`, sqlrow.Millis(now)).Scan(&c.Users, &c.ActiveKeys)
	if err != nil {
		return store.Counts{}, s.err(ctx, "sqlite: counts", err)
	}
	return c, nil
}
