package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/audit"
)

// auditPageSize is the number of records the audit page shows at once.
const auditPageSize = 50

// auditRow is one record as the audit page shows it.
type auditRow struct {
	Time, Username, KeyID, Action, ResourceType, Target string
	ProviderID, RepositoryURL, Result, IP               string
	StatusCode                                          int
}

// auditPage is what the audit template shows, beside the layout's data.
type auditPage struct {
	pageData
	Query       string
	Count       int64
	First, Last int
	Records     []auditRow
	Prev, Next  string
}

// mountAudit registers /audit: the trail for owners and auditors, filtered
// with the API's query syntax, newest first, a page at a time.
func (p *Pages) mountAudit(e *echo.Echo) error {
	t, err := template.ParseFS(templateFS, "templates/layout.html", "templates/audit.html")
	if err != nil {
		return err
	}
	p.pages["audit"] = t
	e.GET("/audit", p.auditPage, pageHeaders)
	return nil
}

func (p *Pages) auditPage(c echo.Context) error {
	a, ok := p.actor(c)
	if !ok {
		return toLogin(c)
	}
	q := c.QueryParam("q")
	offset, _ := strconv.Atoi(c.QueryParam("offset"))
	offset = max(offset, 0)
	d := auditPage{pageData: pageData{Title: "Audit trail", SignedIn: a.User.Username}, Query: q}
	page, err := p.Audit.List(c.Request().Context(), a, q, offset, auditPageSize)
	if err != nil {
		status, msg, known := pageError(err, true)
		if !known {
			p.Logger.ErrorContext(c.Request().Context(), "audit page failed", "error", err.Error())
		}
		d.Error = msg
		return p.renderAudit(c, status, d)
	}
	d.Count = page.Count
	for _, r := range page.Records {
		d.Records = append(d.Records, auditRow{
			Time: r.Time.UTC().Format(time.DateTime), Username: r.Username, KeyID: r.APIKeyID, Action: r.Action,
			ResourceType: r.ResourceType, Target: r.ResourceTarget, ProviderID: r.ProviderID,
			RepositoryURL: r.RepositoryURL, Result: audit.Result(r.Allowed), IP: r.IP, StatusCode: r.StatusCode,
		})
	}
	if len(d.Records) > 0 {
		d.First, d.Last = offset+1, offset+len(d.Records)
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
		d.Prev = link(max(offset-auditPageSize, 0))
	}
	if int64(offset+len(d.Records)) < page.Count {
		d.Next = link(offset + auditPageSize)
	}
	return p.renderAudit(c, http.StatusOK, d)
}

func (p *Pages) renderAudit(c echo.Context, status int, d auditPage) error {
	var b strings.Builder
	if err := p.pages["audit"].ExecuteTemplate(&b, "layout", d); err != nil {
		return err
	}
	return c.HTML(status, b.String())
}
