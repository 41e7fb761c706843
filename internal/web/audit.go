package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/identity"
)

// auditPageSize is the number of records the audit page shows at once.
const auditPageSize = 50

// auditRow is one record as the audit page shows it.
type auditRow struct {
	Time, Username, KeyID, Action, ResourceType, Target string
	ProviderID, RepositoryURL, Result, IP               string
	StatusCode                                          int
}

// auditView is what the audit template shows (pageData.Data).
type auditView struct {
	Query       string
	Count       int64
	First, Last int
	Records     []auditRow
	Prev, Next  string
}

// auditPage is /audit: the trail for owners and auditors, filtered with
// the API's query syntax, newest first, a page at a time.
func (p *Pages) auditPage(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error { return p.showAudit(c, a) })
}

func (p *Pages) showAudit(c echo.Context, a identity.Actor) error {
	q := c.QueryParam("q")
	offset, _ := strconv.Atoi(c.QueryParam("offset"))
	offset = max(offset, 0)
	d := signedIn(a, "/audit", pageData{Title: "Audit trail"})
	v := auditView{Query: q}
	page, err := p.Audit.List(c.Request().Context(), a, q, offset, auditPageSize)
	if err != nil {
		status, msg, known := pageError(err, true)
		if !known {
			p.Logger.ErrorContext(c.Request().Context(), "audit page failed", "error", err.Error())
		}
		d.Error, d.Data = msg, v
		return p.render(c, status, "audit", d)
	}
	v.Count = page.Count
	for _, r := range page.Records {
		v.Records = append(v.Records, auditRow{
			Time: r.Time.UTC().Format(time.DateTime), Username: r.Username, KeyID: r.APIKeyID, Action: r.Action,
			ResourceType: r.ResourceType, Target: r.ResourceTarget, ProviderID: r.ProviderID,
			RepositoryURL: r.RepositoryURL, Result: audit.Result(r.Allowed), IP: r.IP, StatusCode: r.StatusCode,
		})
	}
	if len(v.Records) > 0 {
		v.First, v.Last = offset+1, offset+len(v.Records)
	}
	link := func(off int) string {
		v := url.Values{}
		if q != "" {
			v.Set("q", q)
		}
		if off > 0 {
			v.Set("offset", strconv.Itoa(off))
		}
		if len(v) == 0 {
			return "/audit"
		}
		return "/audit?" + v.Encode()
	}
	if offset > 0 {
		v.Prev = link(max(offset-auditPageSize, 0))
	}
	if int64(offset+len(v.Records)) < page.Count {
		v.Next = link(offset + auditPageSize)
	}
	d.Data = v
	return p.render(c, http.StatusOK, "audit", d)
}
