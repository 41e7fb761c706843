package audit

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

// Actions and ResourceTypes are every value records carry, for filters.
var (
	Actions = []string{ActionLogin, ActionLogout, ActionCreate, ActionWrite, ActionSuspend, ActionActivate, ActionDelete,
		ActionReadCredential, ActionRefreshCredential, ActionRotateKey}
	ResourceTypes = []string{ResourceUser, ResourceAPIKey, ResourceExternalAuthLink, ResourceProject,
		ResourceProjectMember, ResourceGitAuthorization, ResourceEncryptionKey}
)

// Page sizes of List.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

const msgInvalidQuery = "Invalid audit search query."

// Reader reads the trail for the people allowed to: owners and auditors.
type Reader struct {
	Store store.Store
}

// Roles is what Reader needs to know of the caller (identity.Actor).
type Roles interface{ HasRole(string) bool }

// Page is one page of records, newest first, with the total the query
// selects and the users the records name (those that still exist).
type Page struct {
	Records []store.AuditRecord
	Count   int64
	Users   map[uuid.UUID]store.User
}

// MayRead reports whether who may read the audit trail: owners and auditors.
func MayRead(who Roles) bool {
	return who != nil && (who.HasRole(store.RoleOwner) || who.HasRole(store.RoleAuditor))
}

// List returns the records query selects (Coder's audit search syntax,
// see ParseQuery), limit (0: DefaultLimit) from offset. Only owners and
// auditors may; anyone else gets KindForbidden.
func (r *Reader) List(ctx context.Context, who Roles, query string, offset, limit int) (Page, error) {
	if !MayRead(who) {
		return Page{}, errs.Forbidden().WithDetail("only owners and auditors read the audit trail")
	}
	f, err := ParseQuery(query)
	if err != nil {
		return Page{}, err
	}
	switch {
	case offset < 0:
		return Page{}, errs.Invalid("offset", "offset must not be negative")
	case limit < 0 || limit > MaxLimit:
		return Page{}, errs.Invalid("limit", fmt.Sprintf("limit must be between 0 and %d", MaxLimit))
	case limit == 0:
		limit = DefaultLimit
	}
	f.Offset, f.Limit = offset, limit
	recs, count, err := r.Store.ListAuditRecords(ctx, f)
	if err != nil {
		return Page{}, errs.FromStore(err, "audit: list records")
	}
	users := map[uuid.UUID]store.User{}
	for _, rec := range recs {
		if rec.UserID == uuid.Nil {
			continue
		}
		if _, seen := users[rec.UserID]; seen {
			continue
		}
		u, err := r.Store.GetUserByID(ctx, rec.UserID)
		if err != nil {
			if e := errs.FromStore(err, "audit: get user"); !isNotFound(err) {
				return Page{}, e
			}
			continue
		}
		users[rec.UserID] = u
	}
	return Page{Records: recs, Count: count, Users: users}, nil
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }

// ParseQuery reads Coder's audit search syntax: space-separated key:value
// terms (a value may be double-quoted), with the keys username, action,
// resource_type, resource_id, date_from and date_to (dates 2006-01-02,
// both inclusive, UTC). Anything else is KindInvalid naming the term.
func ParseQuery(q string) (store.AuditFilter, error) {
	var f store.AuditFilter
	terms, err := splitTerms(q)
	if err != nil {
		return f, invalidQuery(err.Error())
	}
	for _, t := range terms {
		key, value, ok := strings.Cut(t, ":")
		if !ok || value == "" {
			return f, invalidQuery(fmt.Sprintf("%q is not a key:value term", t))
		}
		switch strings.ToLower(key) {
		case "username":
			f.Username = value
		case "action":
			if !slices.Contains(Actions, value) {
				return f, invalidQuery(fmt.Sprintf("action %q is not one of %s", value, strings.Join(Actions, ", ")))
			}
			f.Action = value
		case "resource_type":
			if !slices.Contains(ResourceTypes, value) {
				return f, invalidQuery(fmt.Sprintf("resource_type %q is not one of %s", value, strings.Join(ResourceTypes, ", ")))
			}
			f.ResourceType = value
		case "resource_id":
			f.ResourceID = value
		case "date_from", "date_to":
			d, err := time.Parse(time.DateOnly, value)
			if err != nil {
				return f, invalidQuery(fmt.Sprintf("%s %q is not a date (2006-01-02)", key, value))
			}
			if strings.ToLower(key) == "date_from" {
				f.From = d
			} else {
				f.To = d.Add(24*time.Hour - time.Millisecond)
			}
		default:
			return f, invalidQuery(fmt.Sprintf("%q is not a valid query param", key))
		}
	}
	return f, nil
}

func invalidQuery(detail string) error {
	e := errs.Invalid("q", detail)
	e.Message = msgInvalidQuery
	return e
}

// splitTerms splits q on spaces, keeping double-quoted parts together
// (quotes removed).
func splitTerms(q string) ([]string, error) {
	var (
		terms  []string
		cur    strings.Builder
		quoted bool
	)
	flush := func() {
		if cur.Len() > 0 {
			terms = append(terms, cur.String())
			cur.Reset()
		}
	}
	for _, r := range q {
		switch {
		case r == '"':
			quoted = !quoted
		case r == ' ' && !quoted:
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	if quoted {
		return nil, fmt.Errorf("unterminated quote in %q", q)
	}
	flush()
	return terms, nil
}

// friendly are the actions in words, as Coder's descriptions put them.
var friendly = map[string]string{
	ActionLogin: "logged in", ActionLogout: "logged out", ActionCreate: "created", ActionWrite: "updated",
	ActionSuspend: "suspended", ActionActivate: "activated",
	ActionDelete: "deleted", ActionReadCredential: "obtained a token of", ActionRefreshCredential: "refreshed",
	ActionRotateKey: "rotated",
}

// Describe is a record in words, Coder style: "{user} created api_key ci";
// refusals say so.
func Describe(r store.AuditRecord) string {
	verb := friendly[r.Action]
	if verb == "" {
		verb = r.Action
	}
	d := "{user} " + verb
	if r.Action != ActionLogin && r.Action != ActionLogout {
		d += " " + strings.ReplaceAll(r.ResourceType, "_", " ")
		if r.ResourceTarget != "" {
			d += " " + r.ResourceTarget
		}
	}
	if !r.Allowed {
		d += fmt.Sprintf(" (refused, %d)", r.StatusCode)
	}
	return d
}
