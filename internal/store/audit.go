package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// AuditRecord is one entry of the audit trail: who did what to which
// resource, when, from where, and whether it was allowed. It never holds a
// secret: keys are named by their public id, credentials by their provider
// and the repository URL asked for.
type AuditRecord struct {
	ID             uuid.UUID
	Time           time.Time
	UserID         uuid.UUID // uuid.Nil when nobody is signed in (a failed sign-in)
	Username       string
	APIKeyID       string // the public id of the key that authenticated the request
	Action         string
	ResourceType   string
	ResourceID     string // the resource's own id (a user's UUID, a key id, a provider id…)
	ResourceUUID   uuid.UUID
	ResourceTarget string // the resource's name, for people
	ProviderID     string
	RepositoryURL  string
	Allowed        bool
	StatusCode     int
	RequestID      string
	IP             string
	UserAgent      string
}

// AuditFilter selects audit records: empty fields match everything. Text
// fields match exactly, but Username case-insensitively; ResourceID matches
// a record's ResourceID or the text of its ResourceUUID. From and To bound
// Time inclusively. Limit 0 means no limit.
type AuditFilter struct {
	UserID       uuid.UUID
	Username     string
	Action       string
	ResourceType string
	ResourceID   string
	From, To     time.Time
	Offset       int
	Limit        int
}

// AuditStore is the append-only audit trail.
type AuditStore interface {
	// InsertAuditRecords inserts every record in one transaction: all are
	// durable when it returns nil, none when it fails. ErrConflict when the
	// group holds an id twice; ids are the caller's (time-ordered random
	// UUIDs) and are not looked up across groups.
	InsertAuditRecords(ctx context.Context, records []AuditRecord) error
	// ListAuditRecords returns one page of the records f selects, newest
	// first (then the latest inserted first), and how many f selects.
	ListAuditRecords(ctx context.Context, f AuditFilter) ([]AuditRecord, int64, error)
	// DeleteAuditRecordsBefore deletes at most limit of the oldest records
	// older than before, and returns how many it deleted: retention, in
	// short transactions that never block writers for long.
	DeleteAuditRecordsBefore(ctx context.Context, before time.Time, limit int) (int64, error)
}
