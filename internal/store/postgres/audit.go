package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// auditInsertBatch bounds the rows of one INSERT statement (17 values each,
// under PostgreSQL's limit of 65535 parameters).
const auditInsertBatch = 1000

// InsertAuditRecords inserts records in one transaction, in multi-row
// INSERTs: one commit (one WAL flush) for the whole group.
func (s *Store) InsertAuditRecords(ctx context.Context, records []store.AuditRecord) error {
	const op = "postgres: insert audit records"
	if len(records) == 0 {
		return nil
	}
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return s.err(ctx, op, err)
	}
	defer func() { _ = tx.Rollback(ctx) }() // no-op after Commit
	for start := 0; start < len(records); start += auditInsertBatch {
		batch := records[start:min(start+auditInsertBatch, len(records))]
		args := make([]any, 0, len(batch)*17)
		for _, r := range batch {
			args = append(args, sqlrow.AuditValues(r)...)
		}
		if _, err := tx.Exec(ctx, sqlrow.InsertAuditSQL(len(batch), sqlrow.Dollar), args...); err != nil {
			return s.err(ctx, op, err)
		}
	}
	return s.err(ctx, op, tx.Commit(ctx))
}

// ListAuditRecords returns one page of the selected records, newest first,
// and their count.
func (s *Store) ListAuditRecords(ctx context.Context, f store.AuditFilter) ([]store.AuditRecord, int64, error) {
	const op = "postgres: list audit records"
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	where, args, next := sqlrow.AuditWhere(f, sqlrow.Dollar)
	var count int64
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM audit_logs`+where, args...).Scan(&count); err != nil {
		return nil, 0, s.err(ctx, op, err)
	}
	var limit any // NULL: no limit
	if f.Limit > 0 {
		limit = f.Limit
	}
	rows, err := s.pool.Query(ctx, `SELECT `+sqlrow.AuditColumns+` FROM audit_logs`+where+
		` ORDER BY time DESC, seq DESC LIMIT `+sqlrow.Dollar(next)+`::bigint OFFSET `+sqlrow.Dollar(next+1),
		append(args, limit, f.Offset)...)
	out, err := collect(rows, err, sqlrow.ScanAuditRecord)
	if err != nil {
		return nil, 0, s.err(ctx, op, err)
	}
	return out, count, nil
}

// DeleteAuditRecordsBefore deletes at most limit of the oldest records
// older than before, in one short statement.
func (s *Store) DeleteAuditRecordsBefore(ctx context.Context, before time.Time, limit int) (int64, error) {
	const op = "postgres: delete audit records"
	if limit <= 0 {
		return 0, fmt.Errorf("%s: limit must be positive", op)
	}
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx, `DELETE FROM audit_logs WHERE seq IN
		(SELECT seq FROM audit_logs WHERE time < $1 ORDER BY time LIMIT $2)`, sqlrow.Millis(before), limit)
	if err != nil {
		return 0, s.err(ctx, op, err)
	}
	return tag.RowsAffected(), nil
}
