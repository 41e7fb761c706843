package sqlstore

import (
	"cmp"
	"container/heap"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlq"
)

// The audit trail is kept in segments (migrations 00009): a group commit
// writes one row holding its records as a JSON array and one posting per
// distinct term of those records, instead of one row per record with five
// indexes. Lists narrow the segments by one posting and the time bounds,
// then filter the decoded records exactly; counts come from the segments'
// and postings' sizes wherever that is exact, so that most segments of a
// long trail are counted without being read.

// segmentRecord is a record as a segment's JSON array holds it, under the
// column names of the former audit_logs table.
type segmentRecord struct {
	ID             string `json:"id"`
	Time           int64  `json:"time"`
	UserID         string `json:"user_id"`
	Username       string `json:"username"`
	APIKeyID       string `json:"api_key_id"`
	Action         string `json:"action"`
	ResourceType   string `json:"resource_type"`
	ResourceID     string `json:"resource_id"`
	ResourceUUID   string `json:"resource_uuid"`
	ResourceTarget string `json:"resource_target"`
	ProviderID     string `json:"provider_id"`
	RepositoryURL  string `json:"repository_url"`
	Allowed        bool   `json:"allowed"`
	StatusCode     int    `json:"status_code"`
	RequestID      string `json:"request_id"`
	IP             string `json:"ip"`
	UserAgent      string `json:"user_agent"`
}

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

func toSegmentRecord(r store.AuditRecord) segmentRecord {
	return segmentRecord{ID: r.ID.String(), Time: millis(r.Time), UserID: uuidText(r.UserID), Username: r.Username,
		APIKeyID: r.APIKeyID, Action: r.Action, ResourceType: r.ResourceType, ResourceID: r.ResourceID,
		ResourceUUID: uuidText(r.ResourceUUID), ResourceTarget: r.ResourceTarget, ProviderID: r.ProviderID,
		RepositoryURL: r.RepositoryURL, Allowed: r.Allowed, StatusCode: r.StatusCode, RequestID: r.RequestID,
		IP: r.IP, UserAgent: r.UserAgent}
}

func (r segmentRecord) toStore() store.AuditRecord {
	return store.AuditRecord{ID: parseUUIDText(r.ID), Time: fromMillis(r.Time), UserID: parseUUIDText(r.UserID),
		Username: r.Username, APIKeyID: r.APIKeyID, Action: r.Action, ResourceType: r.ResourceType,
		ResourceID: r.ResourceID, ResourceUUID: parseUUIDText(r.ResourceUUID), ResourceTarget: r.ResourceTarget,
		ProviderID: r.ProviderID, RepositoryURL: r.RepositoryURL, Allowed: r.Allowed, StatusCode: r.StatusCode,
		RequestID: r.RequestID, IP: r.IP, UserAgent: r.UserAgent}
}

// Posting terms, as the migration writes them.
func userTerm(id string) string         { return "user:" + id }
func usernameTerm(folded string) string { return "username:" + folded }
func actionTerm(a string) string        { return "action:" + a }
func typeTerm(t string) string          { return "type:" + t }
func resourceTerm(id string) string     { return "resource:" + id }

// terms are the distinct terms of r, each a filter that selects r.
func (r segmentRecord) terms() []string {
	t := make([]string, 0, 6)
	if r.UserID != "" {
		t = append(t, userTerm(r.UserID))
	}
	if r.Username != "" {
		t = append(t, usernameTerm(foldASCII(r.Username)))
	}
	t = append(t, actionTerm(r.Action), typeTerm(r.ResourceType))
	if r.ResourceID != "" {
		t = append(t, resourceTerm(r.ResourceID))
	}
	if r.ResourceUUID != "" && r.ResourceUUID != r.ResourceID {
		t = append(t, resourceTerm(r.ResourceUUID))
	}
	return t
}

// segment is one group's records, encoded, with its bounds and postings.
type segment struct {
	first, last int64
	records     string
	postings    map[string]int32 // term → records that carry it
}

func newSegment(recs []segmentRecord) (segment, error) {
	sg := segment{first: math.MaxInt64, last: math.MinInt64, postings: postingsOf(recs)}
	for _, r := range recs {
		sg.first, sg.last = min(sg.first, r.Time), max(sg.last, r.Time)
	}
	b, err := json.Marshal(recs)
	sg.records = string(b)
	return sg, err
}

// postingsOf counts, for each term of recs, the records that carry it.
func postingsOf(recs []segmentRecord) map[string]int32 {
	p := map[string]int32{}
	for _, r := range recs {
		for _, t := range r.terms() {
			p[t]++
		}
	}
	return p
}

// insertPostings writes sg's postings for the segment seq.
func insertPostings(ctx context.Context, q *sqlq.Queries, seq int64, sg segment) error {
	for term, n := range sg.postings {
		if err := q.InsertAuditPosting(ctx, sqlq.InsertAuditPostingParams{Term: term, Segment: seq, NRecords: n}); err != nil {
			return err
		}
	}
	return nil
}

// InsertAuditRecords writes records as one segment, in one transaction:
// one commit (one fsync, one WAL flush), one row and a few postings for
// the whole group.
func (s *Store) InsertAuditRecords(ctx context.Context, records []store.AuditRecord) error {
	const op = "insert audit records"
	if len(records) == 0 {
		return nil
	}
	recs := make([]segmentRecord, len(records))
	seen := make(map[uuid.UUID]struct{}, len(records))
	for i, r := range records {
		if _, dup := seen[r.ID]; dup {
			return fmt.Errorf("%s: %s: %w: id %s twice in one group", s.e.Name, op, store.ErrConflict, r.ID)
		}
		seen[r.ID] = struct{}{}
		recs[i] = toSegmentRecord(r)
	}
	sg, err := newSegment(recs)
	if err != nil {
		return fmt.Errorf("%s: %s: %w", s.e.Name, op, err)
	}
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	return s.err(ctx, op, s.inTx(ctx, func(q *sqlq.Queries) error {
		seq, err := q.InsertAuditSegment(ctx, sqlq.InsertAuditSegmentParams{
			FirstTime: sg.first, LastTime: sg.last, NRecords: int32(len(recs)), Records: sg.records})
		if err != nil {
			return err
		}
		return insertPostings(ctx, q, seq, sg)
	}))
}

// segmentInfo is a segment's bounds and a size: all its records, or those
// that carry the term it was found by.
type segmentInfo struct {
	seq, first, last int64
	n                int64
}

// auditQuery is a filter as the store applies it.
type auditQuery struct {
	userID, folded, action, resourceType, resourceID string
	from, to                                         int64
	term                                             string // the posting that narrows the segments ("" for none)
	terms                                            int    // how many terms the filter has
}

func newAuditQuery(f store.AuditFilter) auditQuery {
	q := auditQuery{userID: uuidText(f.UserID), folded: foldASCII(f.Username), action: f.Action,
		resourceType: f.ResourceType, resourceID: f.ResourceID, from: bound(f.From), to: bound(f.To)}
	// The most selective term first: it alone narrows the segments.
	for _, t := range []struct{ value, term string }{
		{q.resourceID, resourceTerm(q.resourceID)}, {q.userID, userTerm(q.userID)},
		{q.folded, usernameTerm(q.folded)}, {q.action, actionTerm(q.action)}, {q.resourceType, typeTerm(q.resourceType)},
	} {
		if t.value == "" {
			continue
		}
		if q.terms == 0 {
			q.term = t.term
		}
		q.terms++
	}
	return q
}

// bound is a filter time as the queries take it: 0 for none.
func bound(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return millis(t)
}

func (q auditQuery) match(r segmentRecord) bool {
	return (q.userID == "" || r.UserID == q.userID) &&
		(q.folded == "" || foldASCII(r.Username) == q.folded) &&
		(q.action == "" || r.Action == q.action) &&
		(q.resourceType == "" || r.ResourceType == q.resourceType) &&
		(q.resourceID == "" || r.ResourceID == q.resourceID || r.ResourceUUID == q.resourceID) &&
		(q.from == 0 || r.Time >= q.from) && (q.to == 0 || r.Time <= q.to)
}

// counted reports whether sg's size is exactly how many of its records q
// selects: it lies inside the time bounds and was found by q's only term
// (or q has none).
func (q auditQuery) counted(sg segmentInfo) bool {
	return q.terms <= 1 && (q.from == 0 || sg.first >= q.from) && (q.to == 0 || sg.last <= q.to)
}

// segmentPage is how many segments one statement of a listing reads.
const segmentPage = 512

// segments returns the next page of segments below cursor that q may
// select, newest first.
func (s *Store) segments(ctx context.Context, q auditQuery, cursor int64) ([]segmentInfo, error) {
	if q.term == "" {
		rows, err := s.r.ListAuditSegments(ctx, sqlq.ListAuditSegmentsParams{
			Cursor: cursor, FromTime: q.from, ToTime: q.to, PageLimit: segmentPage})
		return infos(rows, func(r sqlq.ListAuditSegmentsRow) segmentInfo {
			return segmentInfo{r.Seq, r.FirstTime, r.LastTime, int64(r.NRecords)}
		}), err
	}
	rows, err := s.r.ListAuditSegmentsOfTerm(ctx, sqlq.ListAuditSegmentsOfTermParams{
		Term: q.term, Cursor: cursor, FromTime: q.from, ToTime: q.to, PageLimit: segmentPage})
	return infos(rows, func(r sqlq.ListAuditSegmentsOfTermRow) segmentInfo {
		return segmentInfo{r.Seq, r.FirstTime, r.LastTime, int64(r.NRecords)}
	}), err
}

// infos converts the rows of either segment listing (sqlc gives each its
// own row type).
func infos[R any](rows []R, conv func(R) segmentInfo) []segmentInfo {
	out := make([]segmentInfo, len(rows))
	for i, r := range rows {
		out[i] = conv(r)
	}
	return out
}

// segmentRecords decodes the records of segment seq (none when retention
// deleted it meanwhile).
func (s *Store) segmentRecords(ctx context.Context, seq int64) ([]segmentRecord, error) {
	text, err := s.r.GetAuditSegmentRecords(ctx, seq)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var recs []segmentRecord
	return recs, json.Unmarshal([]byte(text), &recs)
}

// ListAuditRecords returns one page of the selected records, newest first
// (then the latest inserted first), and their count. The first pass counts
// and ranks the selected records by where they are kept (so that a deep
// page costs 24 bytes a record passed over, not the record); the second
// reads the page's records from their segments.
func (s *Store) ListAuditRecords(ctx context.Context, f store.AuditFilter) ([]store.AuditRecord, int64, error) {
	const op = "list audit records"
	q := newAuditQuery(f)
	offset := min(f.Offset, math.MaxInt32)
	want := math.MaxInt
	if f.Limit > 0 {
		want = offset + min(f.Limit, math.MaxInt32)
	}
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	top := &newest{}
	var count int64
	for cursor := int64(math.MaxInt64); ; {
		segs, err := s.segments(ctx, q, cursor)
		if err != nil {
			return nil, 0, s.err(ctx, op, err)
		}
		for _, sg := range segs {
			if q.counted(sg) && len(*top) >= want && sg.last < (*top)[0].time {
				count += sg.n // none of its records makes the page
				continue
			}
			recs, err := s.segmentRecords(ctx, sg.seq)
			if err != nil {
				return nil, 0, s.err(ctx, op, err)
			}
			for i, r := range recs {
				if q.match(r) {
					count++
					top.offer(ranked{time: r.Time, seq: sg.seq, index: i}, want)
				}
			}
		}
		if len(segs) < segmentPage {
			break
		}
		cursor = segs[len(segs)-1].seq
	}
	page := top.sorted()
	page = page[min(offset, len(page)):]
	out := make([]store.AuditRecord, 0, len(page))
	segs := map[int64][]segmentRecord{}
	for _, r := range page {
		recs, ok := segs[r.seq]
		if !ok {
			var err error
			if recs, err = s.segmentRecords(ctx, r.seq); err != nil {
				return nil, 0, s.err(ctx, op, err)
			}
			segs[r.seq] = recs
		}
		// A segment that retention pruned between the passes may have
		// lost the record: the page is then shorter, never wrong.
		if r.index < len(recs) && recs[r.index].Time == r.time && q.match(recs[r.index]) {
			out = append(out, recs[r.index].toStore())
		}
	}
	return out, count, nil
}

// ranked is where a selected record is kept: records are listed by time,
// then by segment and place in it (the order of insertion).
type ranked struct {
	time, seq int64
	index     int
}

func (a ranked) before(b ranked) bool { // a is listed after b
	if a.time != b.time {
		return a.time < b.time
	}
	if a.seq != b.seq {
		return a.seq < b.seq
	}
	return a.index < b.index
}

// newest keeps the records that make the page: a heap whose root is the
// oldest of them.
type newest []ranked

func (h newest) Len() int           { return len(h) }
func (h newest) Less(i, j int) bool { return h[i].before(h[j]) }
func (h newest) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *newest) Push(x any)        { *h = append(*h, x.(ranked)) }
func (h *newest) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// offer keeps r when it is among the want newest so far.
func (h *newest) offer(r ranked, want int) {
	switch {
	case len(*h) < want:
		heap.Push(h, r)
	case (*h)[0].before(r):
		(*h)[0] = r
		heap.Fix(h, 0)
	}
}

// sorted returns the kept records, newest first.
func (h newest) sorted() []ranked {
	out := slices.Clone(h)
	slices.SortFunc(out, func(a, b ranked) int {
		switch {
		case b.before(a):
			return -1
		case a.before(b):
			return 1
		}
		return 0
	})
	return out
}

// DeleteAuditRecordsBefore deletes at most limit records older than
// before, from the oldest segments first, in one short transaction: a
// segment losing every record is deleted with its postings; one pruned in
// part is written again, under the same seq, with the records it keeps.
func (s *Store) DeleteAuditRecordsBefore(ctx context.Context, before time.Time, limit int) (int64, error) {
	const op = "delete audit records"
	if limit <= 0 {
		return 0, fmt.Errorf("%s: %s: limit must be positive", s.e.Name, op)
	}
	cut := millis(before)
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	var deleted int64
	err := s.inTx(ctx, func(q *sqlq.Queries) error {
		deleted = 0
		for deleted < int64(limit) {
			segs, err := q.ListOldestAuditSegments(ctx, sqlq.ListOldestAuditSegmentsParams{Before: cut, PageLimit: 64})
			if err != nil || len(segs) == 0 {
				return err
			}
			for _, sg := range segs {
				n, err := pruneSegment(ctx, q, sg, cut, int64(limit)-deleted)
				if err != nil {
					return err
				}
				if deleted += n; deleted == int64(limit) {
					return nil
				}
			}
		}
		return nil
	})
	return deleted, s.err(ctx, op, err)
}

// pruneSegment deletes up to limit of sg's records older than cut, oldest
// first, and returns how many it deleted.
func pruneSegment(ctx context.Context, q *sqlq.Queries, sg sqlq.AuditSegment, cut, limit int64) (int64, error) {
	var recs []segmentRecord
	if err := json.Unmarshal([]byte(sg.Records), &recs); err != nil {
		return 0, fmt.Errorf("segment %d: %w", sg.Seq, err)
	}
	old := make([]int, 0, len(recs))
	for i, r := range recs {
		if r.Time < cut {
			old = append(old, i)
		}
	}
	slices.SortStableFunc(old, func(a, b int) int { return cmp.Compare(recs[a].Time, recs[b].Time) })
	old = old[:min(int64(len(old)), limit)]
	drop := make(map[int]bool, len(old))
	for _, i := range old {
		drop[i] = true
	}
	keep := make([]segmentRecord, 0, len(recs)-len(old))
	for i, r := range recs {
		if !drop[i] {
			keep = append(keep, r)
		}
	}
	if err := q.DeleteAuditSegment(ctx, sg.Seq); err != nil {
		return 0, err
	}
	for term := range postingsOf(recs) {
		if err := q.DeleteAuditPostings(ctx, sqlq.DeleteAuditPostingsParams{Segment: sg.Seq, Term: term}); err != nil {
			return 0, err
		}
	}
	if len(keep) > 0 {
		now, err := newSegment(keep)
		if err != nil {
			return 0, err
		}
		if err := q.InsertAuditSegmentAt(ctx, sqlq.InsertAuditSegmentAtParams{Seq: sg.Seq,
			FirstTime: now.first, LastTime: now.last, NRecords: int32(len(keep)), Records: now.records}); err != nil {
			return 0, err
		}
		if err := insertPostings(ctx, q, sg.Seq, now); err != nil {
			return 0, err
		}
	}
	return int64(len(old)), nil
}
