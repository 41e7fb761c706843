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
	"sync"
	"sync/atomic"
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
	// Close releases the pools; Store.Close calls it once.
	Close func() error
}

// Store implements every data method of store.Store; an engine embeds it
// and adds Ping and Close.
type Store struct {
	e    Engine
	w, r *sqlq.Queries

	closed    atomic.Bool
	closeOnce sync.Once
	closeErr  error
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

// err maps err (nil stays nil) for the operation op; any failure after
// Close is store.ErrUnavailable.
func (s *Store) err(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	if s.closed.Load() {
		return fmt.Errorf("%s: %s: %w: store closed", s.e.Name, op, store.ErrUnavailable)
	}
	return s.e.Err(ctx, s.e.Name+": "+op, err)
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if s.closed.Load() {
		return fmt.Errorf("%s: ping: %w: store closed", s.e.Name, store.ErrUnavailable)
	}
	_, err := read(s, ctx, "ping", s.r.Ping, func(int32) struct{} { return struct{}{} })
	return err
}

// Close releases the database; every later call fails with
// store.ErrUnavailable. Closing twice is harmless.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.closed.Store(true)
		s.closeErr = s.e.Close()
	})
	return s.closeErr
}

// read runs one reading statement under the query timeout and converts
// its row, or maps its error.
func read[R, T any](s *Store, ctx context.Context, op string, stmt func(context.Context) (R, error), conv func(R) T) (T, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	r, err := stmt(ctx)
	if err != nil {
		var zero T
		return zero, s.err(ctx, op, err)
	}
	return conv(r), nil
}

// readAll is read for many rows; an empty result is an empty, non-nil
// slice, so that it encodes as [] rather than null.
func readAll[R, T any](s *Store, ctx context.Context, op string, stmt func(context.Context) ([]R, error), conv func(R) T) ([]T, error) {
	return read(s, ctx, op, stmt, func(rows []R) []T {
		out := make([]T, len(rows))
		for i, r := range rows {
			out[i] = conv(r)
		}
		return out
	})
}

// exec runs one writing statement under the query timeout.
func (s *Store) exec(ctx context.Context, op string, stmt func(context.Context) error) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	return s.err(ctx, op, stmt(ctx))
}

// execCount runs one writing statement and returns the rows it changed.
func (s *Store) execCount(ctx context.Context, op string, stmt func(context.Context) (int64, error)) (int64, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	n, err := stmt(ctx)
	return n, s.err(ctx, op, err)
}

// execOne runs stmt(arg), an UPDATE or DELETE of one row by key:
// store.ErrNotFound when no row changed.
func execOne[P any](s *Store, ctx context.Context, op string, stmt func(context.Context, P) (int64, error), arg P) error {
	n, err := s.execCount(ctx, op, func(ctx context.Context) (int64, error) { return stmt(ctx, arg) })
	if err == nil && n == 0 {
		return fmt.Errorf("%s: %s: %w", s.e.Name, op, store.ErrNotFound)
	}
	return err
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

// compareAndSwap runs swap(arg), an UPDATE of one row by key whose WHERE
// clause also compares the old value, in a write transaction. When it
// changed no row, exists(key) (a look-up of the key alone) tells
// store.ErrConflict (the row holds another value) from store.ErrNotFound (no
// row), as seen by that same transaction. Both are sqlq's method
// expressions, run on the transaction's queries.
func compareAndSwap[P, K any](s *Store, ctx context.Context, op string,
	swap func(*sqlq.Queries, context.Context, P) (int64, error), arg P,
	exists func(*sqlq.Queries, context.Context, K) (bool, error), key K,
) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	err := s.inTx(ctx, func(q *sqlq.Queries) error {
		n, err := swap(q, ctx, arg)
		if err != nil || n > 0 {
			return err
		}
		found, err := exists(q, ctx, key)
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
