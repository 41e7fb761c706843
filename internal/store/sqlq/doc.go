// Package sqlq is the Go that sqlc generates from the store's queries
// (internal/store/queries/*.sql) checked against both engines' migrations
// (internal/store/sqlc.yaml): one method per statement, the same for SQLite
// and PostgreSQL. `make generate` writes every other file of the package;
// internal/store/sqlstore is its one caller.
package sqlq
