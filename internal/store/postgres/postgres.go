// Package postgres is the PostgreSQL engine of the store contract
// (store.Store), built on pgx v5 and its connection pool. It lets several
// gitauthd replicas share one database: everything that must be single-use
// or exclusive across replicas (OAuth states, the first user, refresh
// leases, refresh-token swaps) is one atomic statement or a short
// transaction in the database, never process memory.
//
// Every call is bounded: by its context, by the store's query timeout, and,
// when a connection must be made, by the connect timeout. Connections that
// break (a database restart, a failover) are dropped by the pool and new ones
// are made on demand, so the store recovers by itself; while the database is
// unreachable calls fail fast with store.ErrUnavailable.
//
// Every statement is the shared one of internal/store/sqlstore (compiled by
// sqlc from internal/store/queries), run through database/sql over the pgx
// pool; this package opens the pool, runs the migrations and maps pgx's
// errors.
//
// Times are stored as BIGINT unix milliseconds and text is COLLATE "C", so
// the engine behaves exactly as the SQLite one (see internal/store/README.md).
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlstore"
)

// Defaults of Options, used when neither the Options nor the URL set them.
const (
	// DefaultMaxConns bounds the pool of each process. Replicas × this must
	// stay below the server's max_connections.
	DefaultMaxConns = 10
	// DefaultConnectTimeout bounds making one connection (TCP, TLS, auth).
	DefaultConnectTimeout = 5 * time.Second
	// DefaultQueryTimeout bounds each store call, whatever its context says.
	DefaultQueryTimeout = 30 * time.Second
	// DefaultMigrationLockTimeout bounds the wait for another replica's
	// migrations at Open.
	DefaultMigrationLockTimeout = 5 * time.Minute
)

// Options configure Open.
type Options struct {
	// URL is the connection string: a postgres:// URL or key=value pairs,
	// as libpq and pgx read them. It may set the pool with pool_max_conns,
	// pool_min_conns, pool_max_conn_lifetime, pool_max_conn_idle_time and
	// pool_health_check_period, and the connect timeout with
	// connect_timeout (seconds); the fields below override them. Tables go
	// to the first schema of the search_path.
	URL string
	// Logger receives migration and lifecycle messages; nil discards them.
	Logger *slog.Logger
	// MaxConns is the pool's size; 0 means the URL's pool_max_conns, else
	// DefaultMaxConns.
	MaxConns int32
	// MinConns connections are kept open even when idle; 0 means the URL's
	// pool_min_conns, else none.
	MinConns int32
	// ConnectTimeout bounds making one connection; 0 means the URL's
	// connect_timeout, else DefaultConnectTimeout.
	ConnectTimeout time.Duration
	// QueryTimeout bounds each store call; 0 means DefaultQueryTimeout.
	QueryTimeout time.Duration
	// MigrationLockTimeout bounds the wait for the migration lock another
	// process holds; 0 means DefaultMigrationLockTimeout.
	MigrationLockTimeout time.Duration
}

// Store is the PostgreSQL implementation of store.Store. It is safe for
// concurrent use, by any number of processes sharing the database.
type Store struct {
	*sqlstore.Store

	pool         *pgxpool.Pool
	db           *sql.DB // database/sql over pool, for the shared statements
	log          *slog.Logger
	queryTimeout time.Duration
}

var _ store.Store = (*Store)(nil)

// Open connects to the database described by opts, applies pending
// migrations (under an advisory lock, so that replicas starting together
// take turns) and returns a ready Store. A database that cannot be reached
// is store.ErrUnavailable.
func Open(ctx context.Context, opts Options) (*Store, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg, err := poolConfig(opts)
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	s := &Store{pool: pool, db: stdlib.OpenDBFromPool(pool), log: log, queryTimeout: opts.QueryTimeout}
	if s.queryTimeout <= 0 {
		s.queryTimeout = DefaultQueryTimeout
	}
	s.Store = sqlstore.New(sqlstore.Engine{
		Name: "postgres", Writer: s.db, Reader: s.db, QueryTimeout: s.queryTimeout,
		Err: mapErr, Close: s.closePools,
	})
	if err := s.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connecting to %s: %w", Describe(opts.URL), err)
	}
	lockTimeout := opts.MigrationLockTimeout
	if lockTimeout <= 0 {
		lockTimeout = DefaultMigrationLockTimeout
	}
	if err := migrate(ctx, cfg.ConnConfig, lockTimeout, log); err != nil {
		pool.Close()
		return nil, err
	}
	log.Info("postgres store opened", slog.String("database", Describe(opts.URL)),
		slog.Int("max_conns", int(cfg.MaxConns)))
	return s, nil
}

// poolConfig parses the URL and applies opts and the defaults.
func poolConfig(opts Options) (*pgxpool.Config, error) {
	if strings.TrimSpace(opts.URL) == "" {
		return nil, errors.New("postgres: no connection URL given")
	}
	cfg, err := pgxpool.ParseConfig(opts.URL)
	if err != nil {
		// pgx renders the URL with its password masked.
		return nil, fmt.Errorf("postgres: invalid connection URL: %w", err)
	}
	params := urlParams(opts.URL)
	switch {
	case opts.MaxConns > 0:
		cfg.MaxConns = opts.MaxConns
	case !params["pool_max_conns"]:
		cfg.MaxConns = DefaultMaxConns
	}
	if opts.MinConns > 0 {
		cfg.MinConns = min(opts.MinConns, cfg.MaxConns)
	}
	switch {
	case opts.ConnectTimeout > 0:
		cfg.ConnConfig.ConnectTimeout = opts.ConnectTimeout
	case cfg.ConnConfig.ConnectTimeout <= 0:
		cfg.ConnConfig.ConnectTimeout = DefaultConnectTimeout
	}
	if !params["pool_health_check_period"] {
		// Idle connections a restart broke are found and replaced soon.
		cfg.HealthCheckPeriod = 15 * time.Second
	}
	if !params["pool_max_conn_idle_time"] {
		cfg.MaxConnIdleTime = 5 * time.Minute
	}
	// A call whose context ends (its deadline, the query timeout) is
	// cancelled on the server too, with a cancel request; if the server does
	// not answer within a second, the connection is closed.
	cfg.ConnConfig.BuildContextWatcherHandler = func(pc *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: pc, DeadlineDelay: time.Second}
	}
	// Only parameters that connection poolers such as PgBouncer pass on.
	if _, ok := cfg.ConnConfig.RuntimeParams["application_name"]; !ok {
		cfg.ConnConfig.RuntimeParams["application_name"] = "gitauthd"
	}
	return cfg, nil
}

// urlParams reports which parameter names the connection string sets, in
// either of its forms (URL query or key=value pairs).
func urlParams(connString string) map[string]bool {
	set := map[string]bool{}
	if i := strings.Index(connString, "://"); i >= 0 {
		if q := strings.IndexByte(connString, '?'); q >= 0 {
			for _, kv := range strings.Split(connString[q+1:], "&") {
				k, _, _ := strings.Cut(kv, "=")
				set[k] = true
			}
		}
		return set
	}
	for _, f := range strings.Fields(connString) {
		if k, _, ok := strings.Cut(f, "="); ok {
			set[strings.TrimSpace(k)] = true
		}
	}
	return set
}

// Describe renders a connection string for logs and messages without its
// password or parameters: postgres://user@host:port/database.
func Describe(connString string) string {
	cfg, err := pgconn.ParseConfig(connString)
	if err != nil {
		return "(an unparsable PostgreSQL URL)"
	}
	host := cfg.Host
	if !strings.HasPrefix(host, "/") {
		host = net.JoinHostPort(host, strconv.Itoa(int(cfg.Port)))
	} else {
		host = "[socket " + host + "]:" + strconv.Itoa(int(cfg.Port))
	}
	user := ""
	if cfg.User != "" {
		user = cfg.User + "@"
	}
	return "postgres://" + user + host + "/" + cfg.Database
}

// closePools releases the pool (Store.Close calls it once).
func (s *Store) closePools() error {
	_ = s.db.Close()
	s.pool.Close()
	s.log.Info("postgres store closed")
	return nil
}
