package audit

import (
	"context"
	"log/slog"
	"time"

	"github.com/gitauthd/gitauthd/internal/store"
)

// DefaultRetention is how long records are kept unless --audit-retention
// says otherwise.
const DefaultRetention = 90 * 24 * time.Hour

// Retention settings: records are pruned in batches of pruneBatch, one
// short transaction each, every pruneInterval.
const (
	pruneBatch    = 1000
	pruneInterval = time.Hour
	prunePause    = 50 * time.Millisecond // between batches, so writers get the lock
)

// Prune deletes the records older than now-retention, pruneBatch at a time,
// and returns how many it deleted. A retention of 0 or less keeps
// everything.
func Prune(ctx context.Context, st store.AuditStore, retention time.Duration, now time.Time) (int64, error) {
	if retention <= 0 {
		return 0, nil
	}
	before := now.Add(-retention)
	var total int64
	for {
		n, err := st.DeleteAuditRecordsBefore(ctx, before, pruneBatch)
		total += n
		if err != nil || n < pruneBatch {
			return total, err
		}
		select {
		case <-ctx.Done():
			return total, ctx.Err()
		case <-time.After(prunePause):
		}
	}
}

// RunRetention prunes at start and then every hour until ctx ends.
func RunRetention(ctx context.Context, st store.AuditStore, retention time.Duration, log *slog.Logger) {
	if retention <= 0 {
		return
	}
	t := time.NewTicker(pruneInterval)
	defer t.Stop()
	for {
		n, err := Prune(ctx, st, retention, time.Now())
		if err != nil && ctx.Err() == nil {
			log.Warn("audit retention: pruning failed; retrying later", "error", err.Error())
		} else if n > 0 {
			log.Info("audit retention: pruned old records", "records", n, "retention", retention.String())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
