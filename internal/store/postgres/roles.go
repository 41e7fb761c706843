package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// UpdateUserRoles replaces the user's roles in one READ COMMITTED
// transaction. When the new set lacks the owner role, the owners' rows are
// locked first (SELECT … FOR UPDATE): two replicas demoting the last two
// owners at once take turns, and the second sees that only its target is
// left and is refused store.ErrLastOwner.
func (s *Store) UpdateUserRoles(ctx context.Context, id uuid.UUID, roles []string, at time.Time) (store.User, error) {
	const op = "postgres: update user roles"
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	roles = store.NormalizeRoles(roles)
	var u store.User
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}, func(tx pgx.Tx) error {
		if !slices.Contains(roles, store.RoleOwner) {
			rows, err := tx.Query(ctx, `SELECT id FROM users WHERE `+sqlrow.IsOwnerSQL+` ORDER BY id FOR UPDATE`)
			owners, err := collect(rows, err, func(sc sqlrow.Scanner) (uuid.UUID, error) {
				var o uuid.UUID
				return o, sc.Scan(&o)
			})
			if err != nil {
				return err
			}
			if len(owners) == 1 && owners[0] == id {
				return store.ErrLastOwner
			}
		}
		var err error
		u, err = sqlrow.ScanUser(tx.QueryRow(ctx, `UPDATE users SET roles = $1, updated_at = $2 WHERE id = $3
			RETURNING `+sqlrow.UserColumns, sqlrow.EncodeRoles(roles), sqlrow.Millis(at), id))
		return err
	})
	if errors.Is(err, store.ErrLastOwner) {
		return store.User{}, fmt.Errorf("%s: %w", op, store.ErrLastOwner)
	}
	if err != nil {
		return store.User{}, s.err(ctx, op, err)
	}
	return u, nil
}
