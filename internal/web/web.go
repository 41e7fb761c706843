// Package web serves gitauthd's web app: first-user setup, sign-in, Your
// accounts (links to the Git providers, by browser OAuth or device flow),
// API tokens, projects, for owners and user admins the users, for owners
// and auditors the audit trail; one navigation (nav.go) shows each person
// the pages their roles reach. Pages are rendered on the server from
// embedded templates; the two small scripts and the styles are embedded
// too, so nothing is loaded from another origin and no build step runs at
// run time.
//
// Every page calls the same domain services as the API (identity,
// externalauth, projectauth): no rule is implemented twice. Form posts are
// same-origin only (sameOrigin, plus the SameSite=Lax session cookie); no
// secret ever goes into a URL.
package web

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/externalauth"
	"github.com/gitauthd/gitauthd/internal/httpapi"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/projectauth"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageCSP: pages run only their own scripts and styles; avatars may come
// from the providers.
const pageCSP = "default-src 'self'; img-src 'self' data: https:; frame-ancestors 'none'; form-action 'self'; " +
	"base-uri 'none'; report-uri /api/v2/csp/reports"

// Pages serves the web app.
type Pages struct {
	Identity     *identity.Service
	ExternalAuth *externalauth.Service
	ProjectAuth  *projectauth.Service
	Audit        *audit.Reader
	// AccessURL is the deployment's external URL (the "use it with git" box).
	AccessURL    string
	SecureCookie bool
	Logger       *slog.Logger
	// SignInMethods reports the company sign-in methods the login page
	// offers beside the password form; nil offers none.
	SignInMethods func() identity.AuthMethods

	pages map[string]*template.Template
}

// pageNames are the templates under templates/, each rendered inside
// layout.html with the shared pieces of parts.html.
var pageNames = []string{
	"login", "setup", "accounts", "externalauth", "tokens", "projects", "project", "users", "audit", "error", "code",
	"logindevice",
}

// Mount registers the pages on e.
func (p *Pages) Mount(e *echo.Echo) error {
	p.pages = map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS,
			"templates/layout.html", "templates/parts.html", "templates/"+name+".html")
		if err != nil {
			return err
		}
		p.pages[name] = t
	}
	for prefix, dir := range map[string]string{"/static/": "static", "/icon/": "static/icon", "/emojis/": "static/emojis"} {
		sub, err := fs.Sub(staticFS, dir)
		if err != nil {
			return err
		}
		e.GET(prefix+"*", staticFiles(prefix, sub))
	}
	// Middleware is given per route: an Echo group with middleware would
	// also catch every unknown route of the server.
	get := func(path string, h echo.HandlerFunc) { e.GET(path, h, pageHeaders) }
	post := func(path string, h echo.HandlerFunc) { e.POST(path, h, pageHeaders, sameOrigin) }

	get("/", p.home)
	get("/setup", p.setupPage)
	post("/setup", p.setup)
	get("/login", p.loginPage)
	post("/login", p.login)
	post("/logout", p.logout)
	get("/login/device", p.loginDevicePage)

	get("/external-auth/:id", p.externalAuthPage)
	post("/external-auth/:id/unlink", p.unlink)
	get("/external-auth/:id/callback", p.callback)
	get("/gitauth/:id/callback", p.callback)

	get("/tokens", p.tokensPage)
	post("/tokens", p.createToken)
	post("/tokens/:id/delete", p.deleteToken)

	get("/projects", p.projectsPage)
	post("/projects", p.createProject)
	get("/projects/:project", p.projectPage)
	post("/projects/:project/rename", p.renameProject)
	post("/projects/:project/delete", p.deleteProject)
	post("/projects/:project/members", p.addMember)
	post("/projects/:project/members/:user/remove", p.projectChange("user", "removed", "Remove member", p.ProjectAuth.RemoveMember))
	post("/projects/:project/auths/:name/delete", p.projectChange("name", "deleted", "Delete authorization", p.ProjectAuth.Delete))

	get("/users", p.usersPage)
	post("/users", p.createUser)
	post("/users/:user/roles", p.userAction("roles", p.setRoles))
	post("/users/:user/suspend", p.userAction("suspended", p.suspendUser))
	post("/users/:user/activate", p.userAction("activated", p.activateUser))
	post("/users/:user/delete", p.userAction("deleted", p.deleteUser))

	get("/audit", p.auditPage)
	return nil
}

// funcs are the helpers templates use.
var funcs = template.FuncMap{
	// linkDevice is the device flow of linking an account (deviceView).
	"linkDevice": linkDevice,
	// when shows a time in UTC to the minute; the zero time is "never".
	"when": func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	},
	// statusWord says what a ServiceStage authorization status means.
	"statusWord": func(s int) string { return statusWords[s] },
	// httpsOnly keeps an image URL the page CSP lets load (img-src https:),
	// and drops any other, so that a page never asks for what it may not load.
	"httpsOnly": func(u string) string {
		if strings.HasPrefix(u, "https://") {
			return u
		}
		return ""
	},
}

// staticFiles serves the embedded files under prefix, files only: a
// directory (such as /static/ itself) is not found rather than listed.
func staticFiles(prefix string, static fs.FS) echo.HandlerFunc {
	files := http.StripPrefix(prefix, http.FileServer(http.FS(static)))
	return func(c echo.Context) error {
		name := strings.TrimPrefix(c.Request().URL.Path, prefix)
		if st, err := fs.Stat(static, name); err != nil || st.IsDir() {
			return echo.ErrNotFound
		}
		files.ServeHTTP(c.Response(), c.Request())
		return nil
	}
}

// pageHeaders sets the headers of every page.
func pageHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Content-Security-Policy", pageCSP)
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}

// pageData is what every template gets: the layout's part, the form's
// errors and values, and the page's own data in Data.
type pageData struct {
	Title    string
	SignedIn string
	Nav      []navLink
	Error    string
	Notice   string
	Back     string
	// Fields are the errors of single form fields, by field name, in the
	// server's words; Form the values to show again.
	Fields map[string]string
	Form   map[string]string
	// login
	Redirect string
	Email    string
	SignIn   identity.AuthMethods // company sign-in buttons
	// external auth
	Provider   *externalauth.Provider
	Status     externalauth.Status
	Redirected bool
	// code
	Code, State string
	// the page's own data
	Data any
}

func (p *Pages) render(c echo.Context, status int, page string, d pageData) error {
	var b strings.Builder
	if err := p.pages[page].ExecuteTemplate(&b, "layout", d); err != nil {
		return err
	}
	return c.HTML(status, b.String())
}

// signedIn fills the layout's part of d for the signed-in actor a.
func signedIn(a identity.Actor, active string, d pageData) pageData {
	d.SignedIn = a.User.Username
	d.Nav = navFor(a, active)
	return d
}

// renderError shows err as a page, with the status its kind calls for.
func (p *Pages) renderError(c echo.Context, title string, err error) error {
	status, msg, ok := pageError(err, true)
	if !ok {
		p.Logger.ErrorContext(c.Request().Context(), "page failed", "path", c.Path(), "error", err.Error())
	}
	d := pageData{Title: title, Error: msg, Back: "/"}
	if a, signed := p.actor(c); signed {
		d = signedIn(a, "", d)
	}
	return p.render(c, status, "error", d)
}

// pageError is what a page shows of err: its kind's status and its message
// (with its detail, if withDetail), or for an internal error (ok false)
// 500 and a message that says nothing of the cause.
func pageError(err error, withDetail bool) (status int, msg string, ok bool) {
	e, ok := errs.As(err)
	if !ok || e.Kind == errs.KindInternal {
		return http.StatusInternalServerError, errs.MsgInternal, false
	}
	msg = e.Message
	if withDetail && e.Detail != "" {
		msg = strings.TrimSuffix(msg, ".") + ": " + e.Detail
	}
	return httpapi.Status(e), msg, true
}

// formFailed renders page again after a failed form post, with err in it
// (fieldErrors) and the status its kind calls for.
func (p *Pages) formFailed(c echo.Context, page string, err error, d pageData, known ...string) error {
	status, _, ok := pageError(err, false)
	if !ok {
		p.Logger.ErrorContext(c.Request().Context(), "form failed", "path", c.Path(), "error", err.Error())
	}
	return p.render(c, status, page, fieldErrors(d, err, known...))
}

// fieldErrors puts err into d in the server's words: its message at the
// top, and each field's error beside the field when the form has it (known
// names its fields); the errors of other fields, and the detail of an
// error without fields, join the message.
func fieldErrors(d pageData, err error, known ...string) pageData {
	_, msg, ok := pageError(err, false)
	d.Error = msg
	e, _ := errs.As(err)
	if !ok || e == nil {
		return d
	}
	var other []string
	for _, f := range e.Fields {
		if slices.Contains(known, f.Field) {
			if d.Fields == nil {
				d.Fields = map[string]string{}
			}
			d.Fields[f.Field] = f.Detail
		} else {
			other = append(other, f.Field+": "+f.Detail)
		}
	}
	if len(e.Fields) == 0 && e.Detail != "" {
		other = append(other, e.Detail)
	}
	if len(other) > 0 {
		d.Error = strings.TrimSuffix(d.Error, ".") + ": " + strings.Join(other, "; ")
	}
	return d
}

// actor returns the signed-in user, if the session cookie is valid.
func (p *Pages) actor(c echo.Context) (identity.Actor, bool) {
	ck, err := c.Cookie(identity.SessionCookie)
	if err != nil || ck.Value == "" {
		return identity.Actor{}, false
	}
	a, err := p.Identity.Authenticate(c.Request().Context(), ck.Value)
	return a, err == nil
}

// signedInOnly runs page with the signed-in actor, or sends a signed-out
// visitor to sign in, then back here.
func (p *Pages) signedInOnly(c echo.Context, page func(identity.Actor) error) error {
	a, ok := p.actor(c)
	if !ok {
		return toLogin(c)
	}
	return page(a)
}

// toLogin sends a signed-out visitor to sign in, then back here (to the
// page a form was posted from, for a post).
func toLogin(c echo.Context) error {
	back := c.Request().URL.RequestURI()
	if c.Request().Method != http.MethodGet {
		back = "/"
	}
	return c.Redirect(http.StatusSeeOther, "/login?redirect="+url.QueryEscape(back))
}

// seeOther ends a successful form post: the browser loads path (Post/
// Redirect/Get), with query as a notice's parameters.
func seeOther(c echo.Context, path string, query url.Values) error {
	if len(query) > 0 {
		path += "?" + query.Encode()
	}
	return c.Redirect(http.StatusSeeOther, path)
}

// safeRedirect keeps only same-origin paths: "/x" but not "//x", "/\x" or
// anything absolute.
func safeRedirect(to, fallback string) string {
	if to == "" || !strings.HasPrefix(to, "/") || strings.HasPrefix(to, "//") || strings.HasPrefix(to, "/\\") ||
		strings.ContainsAny(to, "\r\n\t") {
		return fallback
	}
	return to
}

// sameOrigin refuses state-changing form posts from other origins (in
// addition to the SameSite=Lax session cookie).
func sameOrigin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		origin := c.Request().Header.Get("Origin")
		if origin == "" {
			if ref, err := url.Parse(c.Request().Header.Get("Referer")); err == nil && ref.Host != "" {
				origin = ref.Scheme + "://" + ref.Host
			}
		}
		if origin != "" && origin != "null" {
			u, err := url.Parse(origin)
			if err != nil || u.Host != c.Request().Host {
				return c.String(http.StatusForbidden, "cross-origin request refused")
			}
		}
		return next(c)
	}
}

func (p *Pages) cookie(name, value, path string, expires time.Time) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: path, Expires: expires,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: p.SecureCookie}
}

func (p *Pages) clearCookie(c echo.Context, name string) {
	ck := p.cookie(name, "", "/", time.Time{})
	ck.MaxAge = -1
	c.SetCookie(ck)
}

func isKind(err error, k errs.Kind) bool {
	e, ok := errs.As(err)
	return ok && e.Kind == k
}

// plural is "1 day", "2 days".
func plural(n int64, unit string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// fieldView is one labelled form field as the "field" template shows it.
type fieldView struct {
	Name, Label, Type, Autocomplete string
	Required                        bool
	Value, Error, Hint, List        string
}

// Field is the form field name of the page, with its value and error.
// A password's value is never shown again.
func (d pageData) Field(name, label, typ, autocomplete string, required bool) fieldView {
	f := fieldView{Name: name, Label: label, Type: typ, Autocomplete: autocomplete, Required: required,
		Error: d.Fields[name]}
	if typ != "password" {
		f.Value = d.Form[name]
	}
	return f
}

// WithHint adds a hint below the field (shown when it has no error).
func (f fieldView) WithHint(h string) fieldView { f.Hint = h; return f }

// WithList suggests the values of the datalist id.
func (f fieldView) WithList(id string) fieldView { f.List = id; return f }

// notice is what a page says after the change a redirect's query parameter
// names: words, with %s standing for the parameter's value.
type notice struct{ param, words string }

// noticeFrom is the notice of the first parameter of list that q sets ("" for
// none).
func noticeFrom(q url.Values, list []notice) string {
	for _, n := range list {
		if v := q.Get(n.param); v != "" {
			return strings.ReplaceAll(n.words, "%s", v)
		}
	}
	return ""
}
