package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/gitauthd/gitauthd/internal/store"
)

// mapErr turns a pgx error into the store's sentinel errors, prefixed with
// op, exactly as the SQLite engine does:
//
//   - pgx.ErrNoRows and foreign-key violations (23503: the referenced row
//     does not exist) → store.ErrNotFound;
//   - unique violations (23505) → store.ErrConflict;
//   - ended contexts (the caller's or the query timeout), failed or broken
//     connections, a server shutting down or restarting (57P01, 57P02,
//     57P03), connection exceptions (class 08), exhausted resources (class
//     53), cancelled statements, lock timeouts, serialization failures and
//     deadlocks → store.ErrUnavailable (context errors stay in the chain,
//     so errors.Is(err, context.Canceled) also holds).
//
// Driver errors are rendered as text, never wrapped, so that no
// engine-specific type leaks above the store.
func mapErr(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) || errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", op, store.ErrNotFound)
	}
	var ce *pgconn.ConnectError
	connectFailed := errors.As(err, &ce)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && !connectFailed {
		switch pe.Code {
		case "23505": // unique_violation
			return fmt.Errorf("%s: %w: %s", op, store.ErrConflict, describePgError(pe))
		case "23503": // foreign_key_violation
			return fmt.Errorf("%s: %w: referenced row does not exist: %s", op, store.ErrNotFound, describePgError(pe))
		}
	}
	if cerr := ctx.Err(); cerr != nil {
		return fmt.Errorf("%s: %w: %w (%v)", op, store.ErrUnavailable, cerr, err)
	}
	for _, cerr := range []error{context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, cerr) {
			return fmt.Errorf("%s: %w: %w (%v)", op, store.ErrUnavailable, cerr, err)
		}
	}
	if pe != nil && !connectFailed {
		if unavailableCode(pe.Code) {
			return fmt.Errorf("%s: %w: %s", op, store.ErrUnavailable, describePgError(pe))
		}
		return fmt.Errorf("%s: %s", op, describePgError(pe))
	}
	if connectFailed || connectionLost(err) {
		return fmt.Errorf("%s: %w: %v", op, store.ErrUnavailable, err)
	}
	return fmt.Errorf("%s: %v", op, err)
}

// describePgError renders a server error without the values of the row
// (a unique violation's DETAIL names the duplicate value).
func describePgError(pe *pgconn.PgError) string {
	return pe.Severity + ": " + pe.Message + " (SQLSTATE " + pe.Code + ")"
}

// unavailableCode reports whether a SQLSTATE means that the database could
// not serve the request now, rather than that the request was wrong.
func unavailableCode(code string) bool {
	switch {
	case strings.HasPrefix(code, "08"): // connection exception
		return true
	case strings.HasPrefix(code, "53"): // insufficient resources (too many connections, disk full)
		return true
	case strings.HasPrefix(code, "58"): // system error (I/O)
		return true
	}
	switch code {
	case "57P01", // admin_shutdown: the server is stopping or restarting
		"57P02", // crash_shutdown
		"57P03", // cannot_connect_now: starting up or shutting down
		"57P04", // database_dropped
		"57014", // query_canceled: statement_timeout or a cancel request
		"55P03", // lock_not_available: lock_timeout
		"40001", // serialization_failure
		"40P01", // deadlock_detected
		"25006", // read_only_sql_transaction: a standby after a failover
		"25P03": // idle_in_transaction_session_timeout
		return true
	}
	return false
}

// connectionLost reports whether err says that the connection failed or
// broke (as opposed to a query that was wrong).
func connectionLost(err error) bool {
	if pgconn.Timeout(err) || pgconn.SafeToRetry(err) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	for _, target := range []error{io.EOF, io.ErrUnexpectedEOF, net.ErrClosed,
		syscall.ECONNREFUSED, syscall.ECONNRESET, syscall.EPIPE} {
		if errors.Is(err, target) {
			return true
		}
	}
	// pgconn reports a connection it already found broken as "conn closed".
	return strings.Contains(err.Error(), "conn closed") || strings.Contains(err.Error(), "closed pool")
}
