package sqlite

import (
	"net/url"
	"strconv"
)

// driverName is the database/sql name modernc.org/sqlite registers.
const driverName = "sqlite"

// busyTimeoutMillis is how long a connection waits for a lock held by
// another connection (or process) before failing with SQLITE_BUSY.
const busyTimeoutMillis = 5000

// busyTimeout is the busy_timeout pragma every connection runs.
var busyTimeout = "busy_timeout(" + strconv.Itoa(busyTimeoutMillis) + ")"

// poolRole tells fileDSN which pool a connection belongs to.
type poolRole int

const (
	writerRole poolRole = iota
	readerRole
)

// fileDSN is the connection string of a file database for the given role.
// Every connection waits on locks, enforces foreign keys and syncs fully;
// the writer puts the database in WAL mode and starts its transactions with
// BEGIN IMMEDIATE (taking the write lock up front, so a transaction never
// fails upgrading a read lock); readers cannot write.
func fileDSN(absPath string, role poolRole) string {
	q := url.Values{}
	q.Add("_pragma", busyTimeout)
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(full)")
	switch role {
	case writerRole:
		q.Add("_pragma", "journal_mode(wal)")
		q.Set("_txlock", "immediate")
	case readerRole:
		q.Add("_pragma", "query_only(1)")
	}
	// Renders as file:///abs/path?...; '?', '#' and '%' in the path are
	// percent-escaped, which SQLite's URI parser decodes.
	u := url.URL{Scheme: "file", Path: absPath, RawQuery: q.Encode()}
	return u.String()
}

// memoryDSN is the connection string of the named shared-cache in-memory
// database name: every connection opened with it sees the same data.
func memoryDSN(name string) string {
	q := url.Values{}
	q.Set("mode", "memory")
	q.Set("cache", "shared")
	q.Add("_pragma", busyTimeout)
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	return "file:" + url.PathEscape(name) + "?" + q.Encode()
}
