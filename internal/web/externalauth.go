package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/identity"
)

// stateCookie carries the OAuth state of a browser flow in progress.
const stateCookie = "gitauthd_oauth_state"

// externalAuthPage is /external-auth/{id}, the page tools send a person to
// for one provider (Coder's): status, Connect, Disconnect.
func (p *Pages) externalAuthPage(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		st, err := p.ExternalAuth.Get(c.Request().Context(), a.User.ID, c.Param("id"))
		if err != nil {
			return p.renderError(c, "External auth", err)
		}
		d := signedIn(a, "", pageData{Title: st.Provider.DisplayName, Provider: st.Provider, Status: st,
			Redirected: c.QueryParam("redirected") == "true"})
		d.Notice = disconnectedNotice(c, st.Provider.DisplayName, st.Provider.RevokeURL != "")
		return p.render(c, http.StatusOK, "externalauth", d)
	})
}

// unlink removes the caller's link (revoking the token where the provider
// can), then goes back to the page the form names.
func (p *Pages) unlink(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		id := c.Param("id")
		rev, err := p.ExternalAuth.Unlink(c.Request().Context(), a.User.ID, id)
		if err != nil && !isKind(err, errs.KindNotFound) {
			return p.renderError(c, "Disconnect", err)
		}
		q := url.Values{}
		if err == nil {
			q.Set("disconnected", id)
			q.Set("revoked", strconv.FormatBool(rev.Revoked))
		}
		return seeOther(c, safeRedirect(c.FormValue("redirect"), "/external-auth/"+url.PathEscape(id)), q)
	})
}

// disconnectedNotice tells of a disconnection just made (the unlink's
// redirect says so in ?disconnected=&revoked=).
func disconnectedNotice(c echo.Context, name string, canRevoke bool) string {
	if c.QueryParam("disconnected") == "" {
		return ""
	}
	switch {
	case c.QueryParam("revoked") == "true":
		return "Disconnected from " + name + ", and " + name + " revoked the token."
	case canRevoke:
		return "Disconnected from " + name + ". " + name + " did not confirm the revocation: check the app's access in your " + name + " settings."
	default:
		return "Disconnected from " + name + ". " + name + " cannot revoke tokens from here: remove the app's access in your " + name + " settings."
	}
}

// callback runs both halves of the browser flow: without a code it starts
// the flow (state cookie + server-side state, redirect to the provider);
// with one it finishes it.
func (p *Pages) callback(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		ctx := c.Request().Context()
		id := c.Param("id")
		q := c.Request().URL.Query()
		if perr := q.Get("error"); perr != "" {
			p.clearCookie(c, stateCookie)
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
			return p.render(c, http.StatusBadRequest, "code", signedIn(a, "", pageData{Title: "Authorization code",
				Code: code, State: q.Get("state")}))
		}
		p.clearCookie(c, stateCookie)
		redirect, err := p.ExternalAuth.Callback(ctx, a.User.ID, id, code, q.Get("state"), cookieState)
		if err != nil {
			return p.renderError(c, "Linking failed", err)
		}
		return c.Redirect(http.StatusTemporaryRedirect, redirect)
	})
}
