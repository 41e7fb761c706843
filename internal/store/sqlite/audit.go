package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// auditInsertBatch bounds the rows of one INSERT statement (17 values each,
// under SQLite's limit of 32766 variables).
const auditInsertBatch = 500

// InsertAuditRecords inserts records in one write transaction, in multi-row
// INSERTs: one fsync for the whole group.
func (s *Store) InsertAuditRecords(ctx context.Context, records []store.AuditRecord) error {
	const op = "sqlite: insert audit records"
	if len(records) == 0 {
		return nil
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return s.err(ctx, op, err)
	}
	defer func() { _ = tx.Rollback() }() // no-op after Commit
	for start := 0; start < len(records); start += auditInsertBatch {
		batch := records[start:min(start+auditInsertBatch, len(records))]
		args := make([]any, 0, len(batch)*17)
		for _, r := range batch {
			args = append(args, sqlrow.AuditValues(r)...)
		}
		if _, err := tx.ExecContext(ctx, sqlrow.InsertAuditSQL(len(batch), sqlrow.Question), args...); err != nil {
			return s.err(ctx, op, err)
		}
	}
	return s.err(ctx, op, tx.Commit())
}

// ListAuditRecords returns one page of the selected records, newest first,
// and their count.
func (s *Store) ListAuditRecords(ctx context.Context, f store.AuditFilter) ([]store.AuditRecord, int64, error) {
	const op = "sqlite: list audit records"
	where, args, _ := sqlrow.AuditWhere(f, sqlrow.Question)
	var count int64
	if err := s.reader.QueryRowContext(ctx, `SELECT count(*) FROM audit_logs`+where, args...).Scan(&count); err != nil {
		return nil, 0, s.err(ctx, op, err)
	}
	limit := int64(f.Limit)
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.reader.QueryContext(ctx, `SELECT `+sqlrow.AuditColumns+` FROM audit_logs`+where+
		` ORDER BY time DESC, rowid DESC LIMIT ? OFFSET ?`, append(args, limit, f.Offset)...)
	if err != nil {
		return nil, 0, s.err(ctx, op, err)
	}
	out, err := collect(rows, sqlrow.ScanAuditRecord)
	if err != nil {
		return nil, 0, s.err(ctx, op, err)
	}
	return out, count, nil
}

// DeleteAuditRecordsBefore deletes at most limit of the oldest records
// older than before, in one short write transaction.
func (s *Store) DeleteAuditRecordsBefore(ctx context.Context, before time.Time, limit int) (int64, error) {
	const op = "sqlite: delete audit records"
	if limit <= 0 {
		return 0, fmt.Errorf("%s: limit must be positive", op)
	}
	res, err := s.writer.ExecContext(ctx, `DELETE FROM audit_logs WHERE rowid IN
		(SELECT rowid FROM audit_logs WHERE time < ? ORDER BY time LIMIT ?)`, sqlrow.Millis(before), limit)
	return s.affected(ctx, op, res, err)
}
