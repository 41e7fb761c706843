package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/store"
)

// usersData is the Users page (owners and user admins).
type usersData struct {
	Users []userRow
	// ErrorFor is the username whose row an action's error belongs beside.
	ErrorFor string
}

// userRow is one user with the role choices the page offers.
type userRow struct {
	store.User
	Roles []roleChoice
	Self  bool
}

// roleChoice is one site role's checkbox.
type roleChoice struct {
	Role, Label string
	Checked     bool
}

// siteRoleOrder is the order the role checkboxes appear in (identity.SiteRoles
// names them).
var siteRoleOrder = []string{store.RoleOwner, store.RoleUserAdmin, store.RoleAuditor}

// userNotices are what the users page says after a change.
var userNotices = []notice{
	{"created", "User %s created: they sign in with the email and password you chose."},
	{"roles", "Roles of %s saved."},
	{"suspended", "%s is suspended: their sessions and API tokens no longer work."},
	{"activated", "%s is active again: they sign in anew."},
	{"deleted", "User %s deleted, with their tokens and provider links."},
}

func (p *Pages) usersPage(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		d := pageData{Notice: noticeFrom(c.QueryParams(), userNotices)}
		return p.renderUsers(c, a, http.StatusOK, d, "")
	})
}

// renderUsers lists every user; identity refuses anyone but owners and user
// admins.
func (p *Pages) renderUsers(c echo.Context, a identity.Actor, status int, d pageData, errorFor string) error {
	list, _, err := p.Identity.ListUsers(c.Request().Context(), a, 0, 0)
	if err != nil {
		return p.renderError(c, "Users", err)
	}
	rows := make([]userRow, len(list))
	for i, u := range list {
		rows[i] = userRow{User: u, Self: u.ID == a.User.ID}
		for _, r := range siteRoleOrder {
			rows[i].Roles = append(rows[i].Roles, roleChoice{Role: r, Label: identity.SiteRoles[r], Checked: u.HasRole(r)})
		}
	}
	d.Title = "Users"
	d.Data = usersData{Users: rows, ErrorFor: errorFor}
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
			return p.renderUsers(c, a, status, d, "")
		}
		return seeOther(c, "/users", url.Values{"created": {nu.Username}})
	})
}

// userAction runs one of identity's user changes on the user the path
// names and goes back to the list saying so (notice: the query key), or
// shows the list with the server's words beside that user.
func (p *Pages) userAction(notice string, do func(c echo.Context, a identity.Actor, ref string) (store.User, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		return p.signedInOnly(c, func(a identity.Actor) error {
			u, err := do(c, a, c.Param("user"))
			if err != nil {
				status, msg, ok := pageError(err, true)
				if !ok {
					return p.renderError(c, "Users", err)
				}
				target, _ := p.Identity.ResolveUser(c.Request().Context(), a, c.Param("user"))
				return p.renderUsers(c, a, status, pageData{Error: msg}, target.Username)
			}
			return seeOther(c, "/users", url.Values{notice: {u.Username}})
		})
	}
}

func (p *Pages) setRoles(c echo.Context, a identity.Actor, ref string) (store.User, error) {
	form, err := c.FormParams()
	if err != nil {
		return store.User{}, err
	}
	roles := form["role"]
	if roles == nil {
		roles = []string{}
	}
	return p.Identity.UpdateUserRoles(c.Request().Context(), a, ref, roles)
}

func (p *Pages) suspendUser(c echo.Context, a identity.Actor, ref string) (store.User, error) {
	return p.Identity.SuspendUser(c.Request().Context(), a, ref)
}

func (p *Pages) activateUser(c echo.Context, a identity.Actor, ref string) (store.User, error) {
	return p.Identity.ActivateUser(c.Request().Context(), a, ref)
}

// deleteUser deletes the user (identity revokes their provider links).
func (p *Pages) deleteUser(c echo.Context, a identity.Actor, ref string) (store.User, error) {
	ctx := c.Request().Context()
	u, err := p.Identity.ResolveUser(ctx, a, ref)
	if err != nil {
		return store.User{}, err
	}
	return u, p.Identity.DeleteUser(ctx, a, u.ID.String())
}
