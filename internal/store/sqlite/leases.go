package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// AcquireLease takes the named lease for holder until now+ttl, in one
// statement: it inserts the lease, or takes it over if it has expired (its
// expiry is at or before now) or already belongs to holder (extending it).
// The statement changes a row exactly when holder gets the lease, which is
// what it reports. ttl must be positive.
func (s *Store) AcquireLease(ctx context.Context, name, holder string, now time.Time, ttl time.Duration) (bool, error) {
	const op = "sqlite: acquire lease"
	if ttl <= 0 {
		return false, fmt.Errorf("%s: ttl must be positive, got %v", op, ttl)
	}
	res, err := s.writer.ExecContext(ctx, `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
		WHERE leases.expires_at <= ? OR leases.holder = excluded.holder`,
		name, holder, sqlrow.Millis(now.Add(ttl)), sqlrow.Millis(now))
	n, err := s.affected(ctx, op, res, err)
	return n == 1, err
}

// ReleaseLease frees the lease if holder has it; otherwise it does nothing.
func (s *Store) ReleaseLease(ctx context.Context, name, holder string) error {
	_, err := s.writer.ExecContext(ctx, `DELETE FROM leases WHERE name = ? AND holder = ?`, name, holder)
	return s.err(ctx, "sqlite: release lease", err)
}
