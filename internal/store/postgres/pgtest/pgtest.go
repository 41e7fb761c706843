// Package pgtest gives tests PostgreSQL databases: a fresh schema of the
// shared test database named by GITAUTHD_TEST_POSTGRES_URL for each test
// (URL), or a throwaway server of the test's own that it may stop, crash
// and restart (StartCluster). Without GITAUTHD_TEST_POSTGRES_URL the tests
// that need PostgreSQL are skipped; CI sets it (scripts/ci-postgres.sh).
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Environment variables the tests read.
const (
	// EnvURL is the connection URL of a database the tests may create
	// schemas in.
	EnvURL = "GITAUTHD_TEST_POSTGRES_URL"
	// EnvBinDir is the directory of initdb and pg_ctl, for StartCluster;
	// unset, they are looked up on PATH and with pg_config --bindir.
	EnvBinDir = "GITAUTHD_TEST_POSTGRES_BINDIR"
)

// SkipMessage says how to run the tests that were skipped.
const SkipMessage = EnvURL + " is not set: skipping the PostgreSQL tests " +
	"(start a server with `source scripts/ci-postgres.sh && ci_postgres_start`, as CI does)"

// BaseURL returns EnvURL, skipping the test when it is unset.
func BaseURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		t.Skip(SkipMessage)
	}
	return u
}

// URL returns a connection URL whose search_path is a new, empty schema of
// the test database, so that tests running at once (in any package) never
// see one another's tables. The schema is dropped when the test ends,
// after everything the test registered later (servers, stores) is closed.
func URL(t testing.TB) string {
	t.Helper()
	base := BaseURL(t)
	schema := "gitauthd_t_" + randomHex(8)
	execSQL(t, base, `CREATE SCHEMA `+schema)
	t.Cleanup(func() {
		execSQL(t, base, `DROP SCHEMA IF EXISTS `+schema+` CASCADE`)
	})
	return WithSearchPath(base, schema)
}

// WithSearchPath returns connString (a URL or key=value pairs) with its
// search_path set to schema.
func WithSearchPath(connString, schema string) string {
	if strings.Contains(connString, "://") {
		u, err := url.Parse(connString)
		if err == nil {
			q := u.Query()
			q.Set("search_path", schema)
			u.RawQuery = q.Encode()
			return u.String()
		}
	}
	return connString + " search_path=" + schema
}

// execSQL runs one statement on a connection of its own.
func execSQL(t testing.TB, connString, sql string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, connString)
	if err != nil {
		t.Fatalf("pgtest: connecting to the test database: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("pgtest: %s: %v", sql, err)
	}
}

// Exec runs one statement against connString, for tests that inspect or
// arrange the database directly.
func Exec(t testing.TB, connString, sql string) {
	t.Helper()
	execSQL(t, connString, sql)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// describe renders a command line for messages.
func describe(name string, args []string) string {
	return fmt.Sprintf("%s %s", name, strings.Join(args, " "))
}
