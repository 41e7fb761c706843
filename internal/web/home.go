package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/identity"
)

// home is "/": first-user setup on a deployment without users, sign-in
// when signed out, Your accounts when signed in.
func (p *Pages) home(c echo.Context) error {
	if a, ok := p.actor(c); ok {
		return p.accountsPage(c, a)
	}
	has, err := p.Identity.HasFirstUser(c.Request().Context())
	if err != nil {
		return p.renderError(c, "gitauthd", err)
	}
	if !has {
		return p.render(c, http.StatusOK, "setup", setupData(nil))
	}
	return p.render(c, http.StatusOK, "login", p.loginData("/", "", ""))
}

// loginData is the sign-in page, with the company sign-in buttons.
func (p *Pages) loginData(redirect, email, msg string) pageData {
	d := pageData{Title: "Sign in", Redirect: redirect, Email: email, Error: msg}
	if p.SignInMethods != nil {
		d.SignIn = p.SignInMethods()
	}
	return d
}

func setupData(form map[string]string) pageData {
	return pageData{Title: "Set up gitauthd", Form: form}
}

// setupPage is /setup: the setup form while there is no user, else home.
func (p *Pages) setupPage(c echo.Context) error {
	has, err := p.Identity.HasFirstUser(c.Request().Context())
	if err != nil {
		return p.renderError(c, "Set up gitauthd", err)
	}
	if has {
		return c.Redirect(http.StatusSeeOther, "/")
	}
	return p.render(c, http.StatusOK, "setup", setupData(nil))
}

// setup creates the first user (the owner) with the rules of POST
// /api/v2/users/first, and signs them in.
func (p *Pages) setup(c echo.Context) error {
	ctx := c.Request().Context()
	nu := identity.NewUser{Email: c.FormValue("email"), Username: c.FormValue("username"),
		Name: c.FormValue("name"), Password: c.FormValue("password")}
	if _, err := p.Identity.CreateFirstUser(ctx, nu); err != nil {
		d := setupData(map[string]string{"email": nu.Email, "username": nu.Username, "name": nu.Name})
		return p.formFailed(c, "setup", err, d, "email", "username", "name", "password")
	}
	return p.signIn(c, nu.Email, nu.Password, "/")
}

// loginPage is the sign-in form; a visitor already signed in goes on to
// where the form would have sent them.
func (p *Pages) loginPage(c echo.Context) error {
	redirect := safeRedirect(c.QueryParam("redirect"), "/")
	if _, ok := p.actor(c); ok {
		return c.Redirect(http.StatusSeeOther, redirect)
	}
	return p.render(c, http.StatusOK, "login", p.loginData(redirect, "", ""))
}

func (p *Pages) login(c echo.Context) error {
	return p.signIn(c, c.FormValue("email"), c.FormValue("password"), safeRedirect(c.FormValue("redirect"), "/"))
}

// signIn checks the password, sets the session cookie and goes on to
// redirect; a refusal shows the sign-in form again with the server's words.
func (p *Pages) signIn(c echo.Context, email, password, redirect string) error {
	key, k, err := p.Identity.Login(c.Request().Context(), email, password, c.RealIP())
	if err != nil {
		status, msg, known := pageError(err, false)
		if !known {
			p.Logger.ErrorContext(c.Request().Context(), "sign-in failed", "error", err.Error())
		}
		return p.render(c, status, "login", p.loginData(redirect, email, msg))
	}
	c.SetCookie(p.cookie(identity.SessionCookie, key, "/", k.ExpiresAt))
	return c.Redirect(http.StatusSeeOther, redirect)
}

// logout ends the session (its key is deleted) and clears the cookie.
func (p *Pages) logout(c echo.Context) error {
	if a, ok := p.actor(c); ok {
		if err := p.Identity.Logout(c.Request().Context(), a); err != nil {
			return p.renderError(c, "Sign out", err)
		}
	}
	p.clearCookie(c, identity.SessionCookie)
	return c.Redirect(http.StatusSeeOther, "/")
}
