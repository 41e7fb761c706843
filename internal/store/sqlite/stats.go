package sqlite

import "database/sql"

// DBStats returns the statistics of the connection pools, by pool name:
// "writer" and "reader" for a file database, "writer" alone in memory
// (where one pool does everything). The server exposes them as metrics.
func (s *Store) DBStats() map[string]sql.DBStats {
	out := map[string]sql.DBStats{"writer": s.writer.Stats()}
	if s.reader != nil && s.reader != s.writer {
		out["reader"] = s.reader.Stats()
	}
	return out
}
