package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// AcquireLease takes the named lease for holder until now+ttl, in one
// statement: it inserts the lease, or takes it over if it has expired (its
// expiry is at or before now) or already belongs to holder (extending it).
// INSERT … ON CONFLICT DO UPDATE is atomic in PostgreSQL: of concurrent
// contenders (from any replica) one inserts or updates, the others wait on
// its row lock and then re-check the condition against what it wrote. The
// statement changes a row exactly when holder gets the lease, which is what
// it reports. ttl must be positive.
func (s *Store) AcquireLease(ctx context.Context, name, holder string, now time.Time, ttl time.Duration) (bool, error) {
	const op = "postgres: acquire lease"
	if ttl <= 0 {
		return false, fmt.Errorf("%s: ttl must be positive, got %v", op, ttl)
	}
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx, `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
		WHERE leases.expires_at <= $4 OR leases.holder = excluded.holder`,
		name, holder, sqlrow.Millis(now.Add(ttl)), sqlrow.Millis(now))
	if err != nil {
		return false, s.err(ctx, op, err)
	}
	return tag.RowsAffected() == 1, nil
}

// ReleaseLease frees the lease if holder has it; otherwise it does nothing.
func (s *Store) ReleaseLease(ctx context.Context, name, holder string) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	_, err := s.pool.Exec(ctx, `DELETE FROM leases WHERE name = $1 AND holder = $2`, name, holder)
	return s.err(ctx, "postgres: release lease", err)
}
