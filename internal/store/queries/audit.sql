-- The audit trail is kept in segments, one per group commit (see
-- migrations/*/00009_audit_segments.sql): a segment holds its records as a
-- JSON array, postings index segments by term. The store narrows by
-- postings and time here and filters the records themselves in Go.

-- name: InsertAuditSegment :one
INSERT INTO audit_segments (first_time, last_time, n_records, records)
VALUES (@first_time, @last_time, @n_records, @records)
RETURNING seq;

-- name: InsertAuditPosting :exec
INSERT INTO audit_postings (term, segment, n_records) VALUES (@term, @segment, @n_records);

-- name: ListAuditSegments :many
-- Segments below cursor (a seq) that overlap the time bounds (0: none),
-- newest first: their bounds and sizes, not their records.
SELECT seq, first_time, last_time, n_records FROM audit_segments
WHERE seq < @cursor
  AND (CAST(@from_time AS BIGINT) = 0 OR last_time >= @from_time)
  AND (CAST(@to_time AS BIGINT) = 0 OR first_time <= @to_time)
ORDER BY seq DESC
LIMIT @page_limit;

-- name: ListAuditSegmentsOfTerm :many
-- ListAuditSegments for the segments that hold term, each with how many
-- of its records carry the term.
SELECT s.seq, s.first_time, s.last_time, p.n_records FROM audit_postings p
JOIN audit_segments s ON s.seq = p.segment
WHERE p.term = @term AND p.segment < @cursor
  AND (CAST(@from_time AS BIGINT) = 0 OR s.last_time >= @from_time)
  AND (CAST(@to_time AS BIGINT) = 0 OR s.first_time <= @to_time)
ORDER BY p.segment DESC
LIMIT @page_limit;

-- name: GetAuditSegmentRecords :one
SELECT records FROM audit_segments WHERE seq = @seq;

-- name: ListOldestAuditSegments :many
-- Retention: the segments holding records older than before, oldest first.
SELECT seq, first_time, last_time, n_records, records FROM audit_segments
WHERE first_time < @before
ORDER BY first_time, seq
LIMIT @page_limit;

-- name: DeleteAuditSegment :exec
DELETE FROM audit_segments WHERE seq = @seq;

-- name: InsertAuditSegmentAt :exec
-- Retention's rewrite of a segment it pruned in part, under the same seq.
INSERT INTO audit_segments (seq, first_time, last_time, n_records, records)
VALUES (@seq, @first_time, @last_time, @n_records, @records);

-- name: DeleteAuditPostings :exec
DELETE FROM audit_postings WHERE segment = @segment AND term = @term;
