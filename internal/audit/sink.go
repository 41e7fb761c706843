package audit

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
)

// Line is a record as the JSON lines of --audit-log-file carry it: the
// fields of the database row, named as the API names them.
type Line struct {
	ID             string    `json:"id"`
	Time           time.Time `json:"time"`
	RequestID      string    `json:"request_id"`
	IP             string    `json:"ip"`
	UserAgent      string    `json:"user_agent"`
	UserID         string    `json:"user_id"`
	Username       string    `json:"username"`
	APIKeyID       string    `json:"api_key_id"`
	Action         string    `json:"action"`
	ResourceType   string    `json:"resource_type"`
	ResourceID     string    `json:"resource_id"`
	ResourceTarget string    `json:"resource_target"`
	ProviderID     string    `json:"provider_id"`
	RepositoryURL  string    `json:"repository_url"`
	Result         string    `json:"result"`
	StatusCode     int       `json:"status_code"`
}

// Results of an event.
const (
	ResultAllowed = "allowed"
	ResultRefused = "refused"
)

// Result is "allowed" or "refused".
func Result(allowed bool) string {
	if allowed {
		return ResultAllowed
	}
	return ResultRefused
}

// LineOf is the JSON line of a record.
func LineOf(r store.AuditRecord) Line {
	userID := ""
	if r.UserID != uuid.Nil {
		userID = r.UserID.String()
	}
	return Line{
		ID: r.ID.String(), Time: r.Time, RequestID: r.RequestID, IP: r.IP, UserAgent: r.UserAgent,
		UserID: userID, Username: r.Username, APIKeyID: r.APIKeyID, Action: r.Action,
		ResourceType: r.ResourceType, ResourceID: r.ResourceID, ResourceTarget: r.ResourceTarget,
		ProviderID: r.ProviderID, RepositoryURL: r.RepositoryURL, Result: Result(r.Allowed), StatusCode: r.StatusCode,
	}
}

// Sink streams committed records as JSON lines, one per record, for
// shipping to a SIEM.
type Sink struct {
	mu    sync.Mutex
	w     *bufio.Writer
	close func() error
}

// OpenSink opens path for appending (created 0600), or stdout for "-".
func OpenSink(path string) (*Sink, error) {
	if path == "-" {
		return &Sink{w: bufio.NewWriter(os.Stdout), close: func() error { return nil }}, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit log file: %w", err)
	}
	return &Sink{w: bufio.NewWriter(f), close: f.Close}, nil
}

// NewSink streams to w.
func NewSink(w io.Writer) *Sink {
	return &Sink{w: bufio.NewWriter(w), close: func() error { return nil }}
}

// Write appends one line per record and flushes.
func (s *Sink) Write(recs []store.AuditRecord) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	enc := json.NewEncoder(s.w)
	for _, r := range recs {
		if err := enc.Encode(LineOf(r)); err != nil {
			return err
		}
	}
	return s.w.Flush()
}

// Close flushes and closes the file.
func (s *Sink) Close() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.w.Flush(); err != nil {
		_ = s.close()
		return err
	}
	return s.close()
}
