package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/gitauthd/gitauthd/internal/store"
)

// errChanged and errGone end a compareAndSwap transaction that changed
// nothing.
var (
	errChanged = errors.New("the stored value has changed")
	errGone    = errors.New("no such row")
)

// compareAndSwap runs update, an UPDATE of one row by key whose WHERE clause
// also compares the old value, in a READ COMMITTED transaction. If it
// changed no row, exists (a SELECT EXISTS on the key alone, with
// existsArgs) tells store.ErrConflict (the row holds another value) from
// store.ErrNotFound (no row), as seen by that same transaction. The UPDATE
// itself is the atomic compare-and-swap: of concurrent swaps of one value
// (from any replica) exactly one changes the row.
func (s *Store) compareAndSwap(ctx context.Context, op, update string, updateArgs []any, exists string, existsArgs ...any) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, update, updateArgs...)
		if err != nil {
			return err
		}
		if tag.RowsAffected() > 0 {
			return nil
		}
		var found bool
		if err := tx.QueryRow(ctx, exists, existsArgs...).Scan(&found); err != nil {
			return err
		}
		if found {
			return errChanged
		}
		return errGone
	})
	switch {
	case errors.Is(err, errChanged):
		return fmt.Errorf("%s: %w: %w", op, store.ErrConflict, errChanged)
	case errors.Is(err, errGone):
		return fmt.Errorf("%s: %w", op, store.ErrNotFound)
	}
	return s.err(ctx, op, err)
}
