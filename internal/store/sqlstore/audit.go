package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlq"
)

// uuidText is "" for uuid.Nil, the canonical text otherwise.
func uuidText(id uuid.UUID) string {
	if id == uuid.Nil {
		return ""
	}
	return id.String()
}

// parseUUIDText reads what uuidText wrote ("" and anything else unreadable
// is uuid.Nil).
func parseUUIDText(s string) uuid.UUID {
	id, err := uuid.Parse(s)
	if err != nil {
		return uuid.Nil
	}
	return id
}

func toAuditRecord(r sqlq.AuditLog) store.AuditRecord {
	return store.AuditRecord{ID: r.ID, Time: fromMillis(r.Time), UserID: parseUUIDText(r.UserID), Username: r.Username,
		APIKeyID: r.ApiKeyID, Action: r.Action, ResourceType: r.ResourceType, ResourceID: r.ResourceID,
		ResourceUUID: parseUUIDText(r.ResourceUuid), ResourceTarget: r.ResourceTarget, ProviderID: r.ProviderID,
		RepositoryURL: r.RepositoryUrl, Allowed: r.Allowed, StatusCode: int(r.StatusCode), RequestID: r.RequestID,
		IP: r.Ip, UserAgent: r.UserAgent}
}

// InsertAuditRecords inserts records in one write transaction: one commit
// (one fsync, one WAL flush) for the whole group, the insert prepared once
// for the group (which PostgreSQL then parses once; the SQLite driver
// parses a statement on every execution, prepared or not).
func (s *Store) InsertAuditRecords(ctx context.Context, records []store.AuditRecord) error {
	if len(records) == 0 {
		return nil
	}
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tx, err := s.e.Writer.BeginTx(ctx, nil)
	if err != nil {
		return s.err(ctx, "insert audit records", err)
	}
	defer func() { _ = tx.Rollback() }() // no-op after Commit
	ptx := &preparingTx{Tx: tx, stmts: map[string]*sql.Stmt{}}
	defer ptx.close()
	q := sqlq.New(ptx)
	for _, r := range records {
		if err := q.InsertAuditRecord(ctx, sqlq.InsertAuditRecordParams{
			ID: r.ID, Time: millis(r.Time), UserID: uuidText(r.UserID), Username: r.Username, ApiKeyID: r.APIKeyID,
			Action: r.Action, ResourceType: r.ResourceType, ResourceID: r.ResourceID,
			ResourceUuid: uuidText(r.ResourceUUID), ResourceTarget: r.ResourceTarget, ProviderID: r.ProviderID,
			RepositoryUrl: r.RepositoryURL, Allowed: r.Allowed, StatusCode: int32(r.StatusCode),
			RequestID: r.RequestID, Ip: r.IP, UserAgent: r.UserAgent,
		}); err != nil {
			return s.err(ctx, "insert audit records", err)
		}
	}
	return s.err(ctx, "insert audit records", tx.Commit())
}

// preparingTx runs a transaction's statements prepared, each once: a group
// of audit records repeats one insert, which PostgreSQL then parses once.
type preparingTx struct {
	*sql.Tx
	stmts map[string]*sql.Stmt
}

func (p *preparingTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, ok := p.stmts[query]
	if !ok {
		var err error
		if st, err = p.Tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		p.stmts[query] = st
	}
	return st.ExecContext(ctx, args...)
}

func (p *preparingTx) close() {
	for _, st := range p.stmts {
		_ = st.Close()
	}
}

// bound is a filter time as the queries take it: 0 for none.
func bound(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return millis(t)
}

// ListAuditRecords returns one page of the selected records, newest first,
// and their count.
func (s *Store) ListAuditRecords(ctx context.Context, f store.AuditFilter) ([]store.AuditRecord, int64, error) {
	const op = "list audit records"
	c := sqlq.CountAuditRecordsParams{UserID: uuidText(f.UserID), FoldedUsername: foldASCII(f.Username),
		Action: f.Action, ResourceType: f.ResourceType, ResourceID: f.ResourceID, FromTime: bound(f.From), ToTime: bound(f.To)}
	count, err := read(s, ctx, op, func(ctx context.Context) (int64, error) { return s.r.CountAuditRecords(ctx, c) },
		func(n int64) int64 { return n })
	if err != nil {
		return nil, 0, err
	}
	limit := int32(math.MaxInt32)
	if f.Limit > 0 && f.Limit < math.MaxInt32 {
		limit = int32(f.Limit)
	}
	p := sqlq.ListAuditRecordsParams{UserID: c.UserID, FoldedUsername: c.FoldedUsername, Action: c.Action,
		ResourceType: c.ResourceType, ResourceID: c.ResourceID, FromTime: c.FromTime, ToTime: c.ToTime,
		PageOffset: int32(min(f.Offset, math.MaxInt32)), PageLimit: limit}
	recs, err := readAll(s, ctx, op, func(ctx context.Context) ([]sqlq.AuditLog, error) { return s.r.ListAuditRecords(ctx, p) },
		toAuditRecord)
	if err != nil {
		return nil, 0, err
	}
	return recs, count, nil
}

// DeleteAuditRecordsBefore deletes at most limit of the oldest records
// older than before, in one short statement.
func (s *Store) DeleteAuditRecordsBefore(ctx context.Context, before time.Time, limit int) (int64, error) {
	if limit <= 0 {
		return 0, fmt.Errorf("%s: delete audit records: limit must be positive", s.e.Name)
	}
	return s.execCount(ctx, "delete audit records", func(ctx context.Context) (int64, error) {
		return s.w.DeleteAuditRecordsBefore(ctx, sqlq.DeleteAuditRecordsBeforeParams{Before: millis(before), PageLimit: int32(min(limit, math.MaxInt32))})
	})
}
