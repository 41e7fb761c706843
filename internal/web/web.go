// Package web serves gitauthd's few server-rendered pages: sign-in, the
// external auth page a user lands on (/external-auth/{id}: status, browser
// flow, device flow, unlink) and the OAuth callback. Templates and assets are
// embedded; nothing is loaded from another origin.
package web

import (
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/externalauth"
	"github.com/gitauthd/gitauthd/internal/httpapi"
	"github.com/gitauthd/gitauthd/internal/identity"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// stateCookie carries the OAuth state of a browser flow in progress.
const stateCookie = "gitauthd_oauth_state"

// pageCSP: pages run only their own scripts and styles; avatars may come
// from the providers.
const pageCSP = "default-src 'self'; img-src 'self' data: https:; frame-ancestors 'none'; form-action 'self'; " +
	"base-uri 'none'; report-uri /api/v2/csp/reports"

// Pages serves the web pages.
type Pages struct {
	Identity     *identity.Service
	ExternalAuth *externalauth.Service
	Audit        *audit.Reader
	SecureCookie bool
	Logger       *slog.Logger
	// SignInMethods reports the company sign-in methods the login page
	// offers beside the password form; nil offers none.
	SignInMethods func() identity.AuthMethods

	pages map[string]*template.Template
}

// Mount registers the pages on e.
func (p *Pages) Mount(e *echo.Echo) error {
	p.pages = map[string]*template.Template{}
	for _, name := range []string{"login", "externalauth", "error", "code"} {
		t, err := template.ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return err
		}
		p.pages[name] = t
	}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return err
	}
	// Middleware is given per route: an Echo group with middleware would
	// also catch every unknown route of the server.
	e.GET("/static/*", staticFiles(static))
	e.GET("/login", p.loginPage, pageHeaders)
	e.POST("/login", p.login, pageHeaders, sameOrigin)
	e.GET("/external-auth/:id", p.externalAuthPage, pageHeaders)
	e.POST("/external-auth/:id/unlink", p.unlink, pageHeaders, sameOrigin)
	e.GET("/external-auth/:id/callback", p.callback, pageHeaders)
	e.GET("/gitauth/:id/callback", p.callback, pageHeaders)
	return p.mountAudit(e)
}

// staticFiles serves the embedded assets, files only: a directory (such as
// /static/ itself) is not found rather than listed.
func staticFiles(static fs.FS) echo.HandlerFunc {
	files := http.StripPrefix("/static/", http.FileServer(http.FS(static)))
	return func(c echo.Context) error {
		name := strings.TrimPrefix(c.Request().URL.Path, "/static/")
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

type pageData struct {
	Title    string
	SignedIn string
	Error    string
	Back     string
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
}

func (p *Pages) render(c echo.Context, status int, page string, d pageData) error {
	var b strings.Builder
	if err := p.pages[page].ExecuteTemplate(&b, "layout", d); err != nil {
		return err
	}
	return c.HTML(status, b.String())
}

// renderError shows err as a page, with the status its kind calls for.
func (p *Pages) renderError(c echo.Context, title string, err error) error {
	status, msg, ok := pageError(err, true)
	if !ok {
		p.Logger.ErrorContext(c.Request().Context(), "page failed", "path", c.Path(), "error", err.Error())
	}
	return p.render(c, status, "error", pageData{Title: title, Error: msg, Back: "/"})
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

// actor returns the signed-in user, if the session cookie is valid.
func (p *Pages) actor(c echo.Context) (identity.Actor, bool) {
	ck, err := c.Cookie(identity.SessionCookie)
	if err != nil || ck.Value == "" {
		return identity.Actor{}, false
	}
	a, err := p.Identity.Authenticate(c.Request().Context(), ck.Value)
	return a, err == nil
}

// toLogin sends a signed-out visitor to sign in, then back here.
func toLogin(c echo.Context) error {
	return c.Redirect(http.StatusSeeOther, "/login?redirect="+url.QueryEscape(c.Request().URL.RequestURI()))
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

func (p *Pages) loginPage(c echo.Context) error {
	return p.render(c, http.StatusOK, "login", pageData{Title: "Sign in", Redirect: safeRedirect(c.QueryParam("redirect"), "/"), SignIn: p.signInMethods()})
}

func (p *Pages) signInMethods() identity.AuthMethods {
	if p.SignInMethods == nil {
		return identity.AuthMethods{}
	}
	return p.SignInMethods()
}

func (p *Pages) login(c echo.Context) error {
	redirect := safeRedirect(c.FormValue("redirect"), "/")
	email := c.FormValue("email")
	key, k, err := p.Identity.Login(c.Request().Context(), email, c.FormValue("password"), c.RealIP())
	if err != nil {
		status, msg, known := pageError(err, false)
		if !known {
			p.Logger.ErrorContext(c.Request().Context(), "sign-in failed", "error", err.Error())
		}
		return p.render(c, status, "login", pageData{Title: "Sign in", Error: msg, Redirect: redirect, Email: email, SignIn: p.signInMethods()})
	}
	c.SetCookie(p.cookie(identity.SessionCookie, key, "/", k.ExpiresAt))
	return c.Redirect(http.StatusSeeOther, redirect)
}

func (p *Pages) cookie(name, value, path string, expires time.Time) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: path, Expires: expires,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: p.SecureCookie}
}

func (p *Pages) externalAuthPage(c echo.Context) error {
	a, ok := p.actor(c)
	if !ok {
		return toLogin(c)
	}
	ctx := c.Request().Context()
	st, err := p.ExternalAuth.Get(ctx, a.User.ID, c.Param("id"))
	if err != nil {
		return p.renderError(c, "External auth", err)
	}
	return p.render(c, http.StatusOK, "externalauth", pageData{
		Title: st.Provider.DisplayName, SignedIn: a.User.Username, Provider: st.Provider, Status: st,
		Redirected: c.QueryParam("redirected") == "true",
	})
}

func (p *Pages) unlink(c echo.Context) error {
	a, ok := p.actor(c)
	if !ok {
		return toLogin(c)
	}
	id := c.Param("id")
	if _, err := p.ExternalAuth.Unlink(c.Request().Context(), a.User.ID, id); err != nil && !isKind(err, errs.KindNotFound) {
		return p.renderError(c, "Unlink", err)
	}
	return c.Redirect(http.StatusSeeOther, "/external-auth/"+url.PathEscape(id))
}

// callback runs both halves of the browser flow: without a code it starts
// the flow (state cookie + server-side state, redirect to the provider);
// with one it finishes it.
func (p *Pages) callback(c echo.Context) error {
	a, ok := p.actor(c)
	if !ok {
		return toLogin(c)
	}
	ctx := c.Request().Context()
	id := c.Param("id")
	q := c.Request().URL.Query()
	if perr := q.Get("error"); perr != "" {
		p.clearState(c)
		return p.renderError(c, "Linking failed", p.ExternalAuth.ProviderError(id, perr, q.Get("error_description")))
	}
	code := q.Get("code")
	if code == "" {
		authURL, state, err := p.ExternalAuth.AuthCodeURL(ctx, a.User.ID, id, q.Get("redirect"))
		if err != nil {
			return p.renderError(c, "Linking failed", err)
		}
		c.SetCookie(p.cookie(stateCookie, state, "/", time.Now().Add(10*time.Minute)))
		return c.Redirect(http.StatusTemporaryRedirect, authURL)
	}
	cookieState := ""
	if ck, err := c.Cookie(stateCookie); err == nil {
		cookieState = ck.Value
	}
	if cookieState == "" {
		// No browser flow of this user is in progress: the code belongs to
		// a flow started elsewhere (a ServiceStage client's redirect URL).
		return p.render(c, http.StatusBadRequest, "code", pageData{Title: "Authorization code", SignedIn: a.User.Username,
			Code: code, State: q.Get("state")})
	}
	p.clearState(c)
	redirect, err := p.ExternalAuth.Callback(ctx, a.User.ID, id, code, q.Get("state"), cookieState)
	if err != nil {
		return p.renderError(c, "Linking failed", err)
	}
	return c.Redirect(http.StatusTemporaryRedirect, redirect)
}

func (p *Pages) clearState(c echo.Context) {
	ck := p.cookie(stateCookie, "", "/", time.Time{})
	ck.MaxAge = -1
	c.SetCookie(ck)
}

func isKind(err error, k errs.Kind) bool {
	e, ok := errs.As(err)
	return ok && e.Kind == k
}
