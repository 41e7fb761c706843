// Package sqlstore implements store.Store once for both SQL engines, over
// the statements sqlc compiles from ../queries (package sqlq). An engine
// (internal/store/sqlite, internal/store/postgres) opens its connection
// pools, runs its migrations and maps its driver's errors; everything else,
// every statement included, is here and the same for both.
//
// Times are stored as integer unix milliseconds on both engines: truncated
// to the millisecond on write and returned in UTC.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlq"
)

// Engine is what an SQL engine gives the shared implementation.
type Engine struct {
	// Name prefixes the operation of every error ("sqlite", "postgres").
	Name string
	// Writer runs every write and transaction; Reader the reads. They may be
	// the same pool.
	Writer, Reader *sql.DB
	// Err maps a driver error to the store's sentinel errors
	// (store.ErrNotFound, ErrConflict, ErrUnavailable), with op in its text.
	Err func(ctx context.Context, op string, err error) error
	// QueryTimeout bounds every statement, and every transaction as a whole.
	QueryTimeout time.Duration
}

// Store implements every data method of store.Store; an engine embeds it
// and adds Ping and Close.
type Store struct {
	e    Engine
	w, r *sqlq.Queries
}

// New returns the shared implementation over e.
func New(e Engine) *Store {
	return &Store{e: e, w: sqlq.New(e.Writer), r: sqlq.New(e.Reader)}
}

// ctx bounds one statement or transaction by the query timeout.
func (s *Store) ctx(ctx context.Context) (context.Context, context.CancelFunc) {
	if s.e.QueryTimeout <= 0 {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, s.e.QueryTimeout)
}

// err maps err (nil stays nil) for the operation op.
func (s *Store) err(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	return s.e.Err(ctx, s.e.Name+": "+op, err)
}

// one returns the converted row of a single-row read, or the mapped error.
func one[R, T any](s *Store, ctx context.Context, op string, row R, err error, conv func(R) T) (T, error) {
	if err != nil {
		var zero T
		return zero, s.err(ctx, op, err)
	}
	return conv(row), nil
}

// many converts the rows of a read; an empty result is an empty, non-nil
// slice, so that it encodes as [] rather than null.
func many[R, T any](s *Store, ctx context.Context, op string, rows []R, err error, conv func(R) T) ([]T, error) {
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = conv(r)
	}
	return out, nil
}

// exactlyOne maps the outcome of an UPDATE or DELETE of one row by key:
// store.ErrNotFound when no row changed.
func (s *Store) exactlyOne(ctx context.Context, op string, n int64, err error) error {
	if err != nil {
		return s.err(ctx, op, err)
	}
	if n == 0 {
		return fmt.Errorf("%s: %s: %w", s.e.Name, op, store.ErrNotFound)
	}
	return nil
}

// inTx runs fn in a write transaction, committed when fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(q *sqlq.Queries) error) error {
	tx, err := s.e.Writer.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }() // no-op after Commit
	if err := fn(s.w.WithTx(tx)); err != nil {
		return err
	}
	return tx.Commit()
}

// errChanged and errGone tell apart the two ways a compare-and-swap fails.
var (
	errChanged = fmt.Errorf("%w: the stored value has changed", store.ErrConflict)
	errGone    = store.ErrNotFound
)

// compareAndSwap runs swap, an UPDATE of one row by key whose WHERE clause
// also compares the old value, in a write transaction. When it changed no
// row, exists (a look-up of the key alone) tells store.ErrConflict (the row
// holds another value) from store.ErrNotFound (no row), as seen by that
// same transaction.
func (s *Store) compareAndSwap(ctx context.Context, op string,
	swap func(context.Context, *sqlq.Queries) (int64, error), exists func(context.Context, *sqlq.Queries) (bool, error)) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	err := s.inTx(ctx, func(q *sqlq.Queries) error {
		n, err := swap(ctx, q)
		if err != nil || n > 0 {
			return err
		}
		found, err := exists(ctx, q)
		switch {
		case err != nil:
			return err
		case found:
			return errChanged
		default:
			return errGone
		}
	})
	if err == errChanged || err == errGone {
		return fmt.Errorf("%s: %s: %w", s.e.Name, op, err)
	}
	return s.err(ctx, op, err)
}
