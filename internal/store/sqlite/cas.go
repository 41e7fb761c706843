package sqlite

import (
	"context"
	"fmt"

	"github.com/gitauthd/gitauthd/internal/store"
)

// compareAndSwap runs update, an UPDATE of one row by key whose WHERE clause
// also compares the old value, in a write transaction. If it changed no row,
// exists (a SELECT EXISTS on the key alone, with existsArgs) tells
// store.ErrConflict (the row holds another value) from store.ErrNotFound (no
// row), as seen by that same transaction.
func (s *Store) compareAndSwap(ctx context.Context, op, update string, updateArgs []any, exists string, existsArgs ...any) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return s.err(ctx, op, err)
	}
	defer func() { _ = tx.Rollback() }() // no-op after Commit

	res, err := tx.ExecContext(ctx, update, updateArgs...)
	if err != nil {
		return s.err(ctx, op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return s.err(ctx, op, err)
	}
	if n == 0 {
		var found bool
		if err := tx.QueryRowContext(ctx, exists, existsArgs...).Scan(&found); err != nil {
			return s.err(ctx, op, err)
		}
		if found {
			return fmt.Errorf("%s: %w: the stored value has changed", op, store.ErrConflict)
		}
		return fmt.Errorf("%s: %w", op, store.ErrNotFound)
	}
	return s.err(ctx, op, tx.Commit())
}
