package sqlrow

import (
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
)

// AuditColumns is the column list every audit query selects and inserts, in
// ScanAuditRecord and AuditValues order.
const AuditColumns = `id, time, user_id, username, api_key_id, action, resource_type,
	resource_id, resource_uuid, resource_target, provider_id, repository_url, allowed,
	status_code, request_id, ip, user_agent`

// auditColumnCount is the number of AuditColumns.
const auditColumnCount = 17

// AuditValues are r's values in AuditColumns order, encoded for storage
// (both drivers encode the id and the boolean for their column types).
func AuditValues(r store.AuditRecord) []any {
	return []any{r.ID, Millis(r.Time), uuidText(r.UserID), r.Username, r.APIKeyID, r.Action, r.ResourceType,
		r.ResourceID, uuidText(r.ResourceUUID), r.ResourceTarget, r.ProviderID, r.RepositoryURL, r.Allowed,
		r.StatusCode, r.RequestID, r.IP, r.UserAgent}
}

// uuidText is "" for uuid.Nil, the canonical text otherwise.
func uuidText(id uuid.UUID) string {
	if id == uuid.Nil {
		return ""
	}
	return id.String()
}

// parseUUIDText reads what uuidText wrote.
func parseUUIDText(s string) (uuid.UUID, error) {
	if s == "" {
		return uuid.Nil, nil
	}
	return uuid.Parse(s)
}

// InsertAuditSQL is the statement inserting n records, with placeholders
// from ph (1-based).
func InsertAuditSQL(n int, ph func(int) string) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO audit_logs (` + AuditColumns + `) VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range auditColumnCount {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(ph(i*auditColumnCount + j + 1))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// ScanAuditRecord reads one row of AuditColumns.
func ScanAuditRecord(sc Scanner) (store.AuditRecord, error) {
	var (
		r                  store.AuditRecord
		at                 int64
		userID, resourceID string
	)
	err := sc.Scan(&r.ID, &at, &userID, &r.Username, &r.APIKeyID, &r.Action, &r.ResourceType,
		&r.ResourceID, &resourceID, &r.ResourceTarget, &r.ProviderID, &r.RepositoryURL, &r.Allowed,
		&r.StatusCode, &r.RequestID, &r.IP, &r.UserAgent)
	if err != nil {
		return store.AuditRecord{}, err
	}
	r.Time = FromMillis(at)
	if r.UserID, err = parseUUIDText(userID); err != nil {
		return store.AuditRecord{}, err
	}
	if r.ResourceUUID, err = parseUUIDText(resourceID); err != nil {
		return store.AuditRecord{}, err
	}
	return r, nil
}

// AuditWhere is the WHERE clause (" WHERE …", or "") and its arguments for
// f, with placeholders from ph starting at 1; next is the first unused
// placeholder number.
func AuditWhere(f store.AuditFilter, ph func(int) string) (where string, args []any, next int) {
	var conds []string
	add := func(cond string, vals ...any) {
		for _, v := range vals {
			args = append(args, v)
			cond = strings.Replace(cond, "?", ph(len(args)), 1)
		}
		conds = append(conds, cond)
	}
	if f.UserID != uuid.Nil {
		add(`user_id = ?`, f.UserID.String())
	}
	if f.Username != "" {
		add(`lower(username) = lower(?)`, f.Username)
	}
	if f.Action != "" {
		add(`action = ?`, f.Action)
	}
	if f.ResourceType != "" {
		add(`resource_type = ?`, f.ResourceType)
	}
	if f.ResourceID != "" {
		add(`(resource_id = ? OR resource_uuid = ?)`, f.ResourceID, strings.ToLower(f.ResourceID))
	}
	if !f.From.IsZero() {
		add(`time >= ?`, Millis(f.From))
	}
	if !f.To.IsZero() {
		add(`time <= ?`, Millis(f.To))
	}
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	return where, args, len(args) + 1
}

// Dollar is PostgreSQL's placeholder $n.
func Dollar(n int) string { return "$" + strconv.Itoa(n) }

// Question is SQLite's placeholder ?.
func Question(int) string { return "?" }
