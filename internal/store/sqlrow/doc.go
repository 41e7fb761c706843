// Package sqlrow is the shared row encoding of the SQL engines (sqlite and
// postgres): times as unix milliseconds, column lists, and scanning from any
// Scanner — both *sql.Row/*sql.Rows and pgx.Row/pgx.Rows satisfy it. The SQL
// statements themselves (whose placeholders differ: ? against $n) and the
// mapping of driver errors stay in each engine.
package sqlrow
