package postgres

import (
	"database/sql"
)

// DBStats returns the statistics of the connection pool, under the name
// "pool", in database/sql's shape (as the SQLite engine reports its pools),
// for the server to expose as metrics.
func (s *Store) DBStats() map[string]sql.DBStats {
	st := s.pool.Stat()
	return map[string]sql.DBStats{"pool": {
		MaxOpenConnections: int(st.MaxConns()),
		OpenConnections:    int(st.TotalConns()),
		InUse:              int(st.AcquiredConns()),
		Idle:               int(st.IdleConns()),
		WaitCount:          st.EmptyAcquireCount(),
		WaitDuration:       st.EmptyAcquireWaitTime(),
		MaxIdleClosed:      st.MaxIdleDestroyCount(),
		MaxLifetimeClosed:  st.MaxLifetimeDestroyCount(),
	}}
}
