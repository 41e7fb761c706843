package sqlite

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// UpdateUserRoles replaces the user's roles in one write transaction: the
// owners are read, the last one is refused store.ErrLastOwner, and the row
// is updated and returned. SQLite has one writer at a time, so the check
// and the update see the same owners.
func (s *Store) UpdateUserRoles(ctx context.Context, id uuid.UUID, roles []string, at time.Time) (store.User, error) {
	const op = "sqlite: update user roles"
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return store.User{}, s.err(ctx, op, err)
	}
	defer func() { _ = tx.Rollback() }() // no-op after Commit

	roles = store.NormalizeRoles(roles)
	if !slices.Contains(roles, store.RoleOwner) {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM users WHERE `+sqlrow.IsOwnerSQL)
		if err != nil {
			return store.User{}, s.err(ctx, op, err)
		}
		owners, err := collect(rows, func(sc sqlrow.Scanner) (uuid.UUID, error) {
			var o uuid.UUID
			return o, sc.Scan(&o)
		})
		if err != nil {
			return store.User{}, s.err(ctx, op, err)
		}
		if len(owners) == 1 && owners[0] == id {
			return store.User{}, fmt.Errorf("%s: %w", op, store.ErrLastOwner)
		}
	}
	u, err := sqlrow.ScanUser(tx.QueryRowContext(ctx, `UPDATE users SET roles = ?, updated_at = ? WHERE id = ?
		RETURNING `+sqlrow.UserColumns, sqlrow.EncodeRoles(roles), sqlrow.Millis(at), id.String()))
	if err != nil {
		return store.User{}, s.err(ctx, op, err)
	}
	return u, s.err(ctx, op, tx.Commit())
}
