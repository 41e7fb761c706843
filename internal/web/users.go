package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/store"
)

// usersData is the Users page (owners).
type usersData struct {
	Users []store.User
}

func (p *Pages) usersPage(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		d := pageData{}
		if u := c.QueryParam("created"); u != "" {
			d.Notice = "User " + u + " created: they sign in with the email and password you chose."
		}
		return p.renderUsers(c, a, http.StatusOK, d)
	})
}

// renderUsers lists every user; identity refuses anyone but the owner.
func (p *Pages) renderUsers(c echo.Context, a identity.Actor, status int, d pageData) error {
	list, _, err := p.Identity.ListUsers(c.Request().Context(), a, 0, 0)
	if err != nil {
		return p.renderError(c, "Users", err)
	}
	d.Title = "Users"
	d.Data = usersData{Users: list}
	return p.render(c, status, "users", signedIn(a, "/users", d))
}

// createUser creates a member with the rules of POST /api/v2/users.
func (p *Pages) createUser(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		nu := identity.NewUser{Email: c.FormValue("email"), Username: c.FormValue("username"),
			Name: c.FormValue("name"), Password: c.FormValue("password")}
		if _, err := p.Identity.CreateUser(c.Request().Context(), a, nu); err != nil {
			status, _, ok := pageError(err, false)
			if !ok || status == http.StatusForbidden {
				return p.renderError(c, "Users", err)
			}
			d := fieldErrors(pageData{Form: map[string]string{"email": nu.Email, "username": nu.Username, "name": nu.Name}},
				err, "email", "username", "name", "password")
			return p.renderUsers(c, a, status, d)
		}
		return seeOther(c, "/users", map[string][]string{"created": {nu.Username}})
	})
}
