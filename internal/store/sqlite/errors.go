package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/gitauthd/gitauthd/internal/store"
)

// mapErr turns a driver or database/sql error into the store's sentinel
// errors, prefixed with op:
//
//   - sql.ErrNoRows and foreign-key violations (the referenced row does not
//     exist) → store.ErrNotFound;
//   - unique and primary-key violations → store.ErrConflict;
//   - cancelled or expired contexts, lock timeouts, I/O failures and
//     unusable connections → store.ErrUnavailable (context errors stay in
//     the chain, so errors.Is(err, context.Canceled) also holds).
//
// Driver errors are rendered as text, never wrapped, so that no
// engine-specific type leaks above the store.
func mapErr(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", op, store.ErrNotFound)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w: %w", op, store.ErrUnavailable, err)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		code := se.Code()
		switch {
		case code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%s: %w: %v", op, store.ErrConflict, se)
		case code == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return fmt.Errorf("%s: %w: referenced row does not exist: %v", op, store.ErrNotFound, se)
		case ctx.Err() != nil:
			// The driver interrupts a running statement when ctx ends.
			return fmt.Errorf("%s: %w: %w", op, store.ErrUnavailable, ctx.Err())
		case unavailableCodes[code&0xff]:
			return fmt.Errorf("%s: %w: %v", op, store.ErrUnavailable, se)
		default:
			return fmt.Errorf("%s: %v", op, se)
		}
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w: %w (%v)", op, store.ErrUnavailable, ctx.Err(), err)
	}
	if errors.Is(err, sql.ErrConnDone) || errors.Is(err, driver.ErrBadConn) {
		return fmt.Errorf("%s: %w: %v", op, store.ErrUnavailable, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// unavailableCodes are the primary result codes that mean the database could
// not serve the request now, rather than that the request was wrong.
var unavailableCodes = map[int]bool{
	sqlite3.SQLITE_BUSY:      true, // lock still held after busy_timeout
	sqlite3.SQLITE_LOCKED:    true,
	sqlite3.SQLITE_INTERRUPT: true,
	sqlite3.SQLITE_IOERR:     true,
	sqlite3.SQLITE_CANTOPEN:  true,
	sqlite3.SQLITE_FULL:      true,
	sqlite3.SQLITE_READONLY:  true,
}
