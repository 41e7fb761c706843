// Package sqlite is the embedded SQLite engine of the store contract
// (store.Store), built on the cgo-free modernc.org/sqlite driver.
//
// A file database runs in WAL mode with synchronous=FULL, so every
// acknowledged write survives a crash or kill -9. Writes go through a pool of
// exactly one connection (and BEGIN IMMEDIATE), so writers in this process
// queue in Go instead of failing with SQLITE_BUSY; reads use a separate pool
// of query-only connections that WAL lets run beside the writer. An in-memory
// database uses one connection for everything.
//
// Every statement is the shared one of internal/store/sqlstore (compiled by
// sqlc from internal/store/queries); this package opens the pools, runs the
// migrations and maps the driver's errors.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlstore"

	// Registers the "sqlite" database/sql driver.
	_ "modernc.org/sqlite"
)

// DefaultFileName is the conventional name of the database file inside a
// data directory.
const DefaultFileName = "gitauthd.db"

// Options configure Open. Exactly one of Path and InMemory must be set.
type Options struct {
	// Path is the database file. Missing parent directories are created
	// (mode 0700) and a new file is created with mode 0600.
	Path string
	// InMemory keeps everything in memory; nothing outlives Close.
	InMemory bool
	// Logger receives migration and lifecycle messages; nil discards them.
	Logger *slog.Logger
}

// Store is the SQLite implementation of store.Store. It is safe for
// concurrent use.
type Store struct {
	*sqlstore.Store

	writer *sql.DB // exactly one connection; every write goes here
	reader *sql.DB // query-only connections; the writer itself when in memory
	// keeper pins one extra connection to a shared in-memory database so
	// that its contents survive the pool discarding a connection (which the
	// driver does after a query is interrupted by a cancelled context).
	keeper *sql.DB
	log    *slog.Logger
}

var (
	_ store.Store   = (*Store)(nil)
	_ store.Rekeyer = (*Store)(nil)
)

// QueryTimeout bounds every statement (and transaction).
const QueryTimeout = 30 * time.Second

// withStatements gives s the shared statements over its pools.
func (s *Store) withStatements() *Store {
	s.Store = sqlstore.New(sqlstore.Engine{
		Name: "sqlite", Writer: s.writer, Reader: s.reader, QueryTimeout: QueryTimeout,
		Err: mapErr, Close: s.closePools,
	})
	return s
}

// Open opens (creating if needed) the database described by opts, applies
// pending migrations and returns a ready Store.
func Open(ctx context.Context, opts Options) (*Store, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	switch {
	case opts.InMemory && opts.Path != "":
		return nil, errors.New("sqlite: set either Path or InMemory, not both")
	case opts.InMemory:
		return openMemory(ctx, log)
	case opts.Path != "":
		return openFile(ctx, opts.Path, log)
	default:
		return nil, errors.New("sqlite: no database path given")
	}
}

// openFile opens a WAL file database with a one-connection writer pool and a
// separate reader pool.
func openFile(ctx context.Context, path string, log *slog.Logger) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("sqlite: resolve database path: %w", err)
	}
	if err := createFile(abs); err != nil {
		return nil, err
	}
	s := &Store{log: log}
	if s.writer, err = openPool(ctx, fileDSN(abs, writerRole), 1); err != nil {
		return nil, err
	}
	if err := migrate(ctx, s.writer, log); err != nil {
		_ = s.writer.Close()
		return nil, err
	}
	if s.reader, err = openPool(ctx, fileDSN(abs, readerRole), readerConns()); err != nil {
		_ = s.writer.Close()
		return nil, err
	}
	log.Info("sqlite store opened", slog.String("path", abs))
	return s.withStatements(), nil
}

// openMemory opens a private, named, shared-cache in-memory database used
// through a single connection, plus a keeper connection that holds the data
// alive for as long as the Store is open.
func openMemory(ctx context.Context, log *slog.Logger) (*Store, error) {
	dsn := memoryDSN("gitauthd-" + uuid.NewString())
	keeper, err := openPool(ctx, dsn, 1)
	if err != nil {
		return nil, err
	}
	s := &Store{keeper: keeper, log: log}
	if s.writer, err = openPool(ctx, dsn, 1); err != nil {
		_ = keeper.Close()
		return nil, err
	}
	s.reader = s.writer
	if err := migrate(ctx, s.writer, log); err != nil {
		_ = s.writer.Close()
		_ = keeper.Close()
		return nil, err
	}
	log.Info("sqlite store opened in memory")
	return s.withStatements(), nil
}

// createFile makes sure the database file and its directory exist with
// owner-only permissions before SQLite opens it; SQLite gives the -wal and
// -shm files the same mode as the database file.
func createFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("sqlite: create database directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("sqlite: create database file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("sqlite: create database file: %w", err)
	}
	return nil
}

// openPool opens a database/sql pool of at most maxConns connections that
// are never closed for being idle or old, and checks that it answers.
func openPool(ctx context.Context, dsn string, maxConns int) (*sql.DB, error) {
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, mapErr(ctx, "sqlite: open", err)
	}
	return db, nil
}

// readerConns is the size of the reader pool.
func readerConns() int {
	return max(4, runtime.GOMAXPROCS(0))
}

// closePools releases the pools (Store.Close calls it once).
func (s *Store) closePools() error {
	var errs []error
	if s.reader != nil && s.reader != s.writer {
		errs = append(errs, s.reader.Close())
	}
	errs = append(errs, s.writer.Close())
	if s.keeper != nil {
		errs = append(errs, s.keeper.Close())
	}
	s.log.Info("sqlite store closed")
	return errors.Join(errs...)
}
