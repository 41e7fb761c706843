package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/projectauth"
	"github.com/gitauthd/gitauthd/internal/store"
)

// projectsData is the Projects page: the projects the caller reaches.
type projectsData struct {
	Projects []store.Project
	Owner    bool
}

// projectData is one project's page.
type projectData struct {
	Project store.Project
	Members []store.ProjectMember
	Auths   []projectauth.Authorization
	Owner   bool
	// Users are the users the owner may add (the member field's suggestions).
	Users []store.User
}

// statusWords say what a ServiceStage authorization status means.
var statusWords = map[int]string{
	store.GitAuthStatusNormal:          "Valid",
	store.GitAuthStatusExpired:         "Expired",
	store.GitAuthStatusUnauthenticated: "Rejected by the provider",
}

func (p *Pages) projectsPage(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		d := pageData{}
		if id := c.QueryParam("deleted"); id != "" {
			d.Notice = "Project " + id + " deleted, with its members and authorizations."
		}
		return p.renderProjects(c, a, http.StatusOK, d)
	})
}

func (p *Pages) renderProjects(c echo.Context, a identity.Actor, status int, d pageData) error {
	list, err := p.ProjectAuth.ListProjects(c.Request().Context(), a)
	if err != nil {
		return p.renderError(c, "Projects", err)
	}
	d.Title = "Projects"
	d.Data = projectsData{Projects: list, Owner: a.IsOwner()}
	return p.render(c, status, "projects", signedIn(a, "/projects", d))
}

// createProject creates a project (owner only, projectauth's rules).
func (p *Pages) createProject(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		idValue, name := c.FormValue("id"), c.FormValue("name")
		var id *string
		if idValue != "" {
			id = &idValue
		}
		pr, err := p.ProjectAuth.CreateProject(c.Request().Context(), a, id, name)
		if err != nil {
			status, _, _ := pageError(err, false)
			d := fieldErrors(pageData{Form: map[string]string{"id": idValue, "name": name}}, err, "id", "name")
			return p.renderProjects(c, a, status, d)
		}
		return seeOther(c, projectPath(pr.ID), url.Values{"created": {"true"}})
	})
}

func projectPath(id string) string { return "/projects/" + url.PathEscape(id) }

// projectNotices are what the project page says after a change.
var projectNotices = []notice{
	{"created", "Project created."},
	{"renamed", "Project renamed."},
	{"added", "%s is a member now."},
	{"removed", "%s is no longer a member."},
	{"deleted", "Authorization %s deleted."},
}

func (p *Pages) projectPage(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		d := pageData{Notice: noticeFrom(c.QueryParams(), projectNotices)}
		return p.renderProject(c, a, http.StatusOK, d)
	})
}

// renderProject shows the project with its members and authorizations
// (their status checked with the providers, as the ServiceStage list does).
func (p *Pages) renderProject(c echo.Context, a identity.Actor, status int, d pageData) error {
	ctx := c.Request().Context()
	id := c.Param("project")
	pr, err := p.ProjectAuth.GetProject(ctx, a, id)
	if err != nil {
		return p.renderError(c, "Project", err)
	}
	members, err := p.ProjectAuth.ListMembers(ctx, a, id)
	if err != nil {
		return p.renderError(c, "Project", err)
	}
	auths, err := p.ProjectAuth.List(ctx, a, id)
	if err != nil {
		return p.renderError(c, "Project", err)
	}
	pd := projectData{Project: pr, Members: members, Auths: auths, Owner: a.IsOwner()}
	if pd.Owner {
		if pd.Users, _, err = p.Identity.ListUsers(ctx, a, 0, 0); err != nil {
			return p.renderError(c, "Project", err)
		}
	}
	d.Title = pr.Name
	d.Data = pd
	return p.render(c, status, "project", signedIn(a, "/projects", d))
}

// projectFailed shows the project's page again with err beside its field.
func (p *Pages) projectFailed(c echo.Context, a identity.Actor, err error, form map[string]string, fields ...string) error {
	status, _, ok := pageError(err, false)
	if !ok || status == http.StatusNotFound && len(form) == 0 {
		return p.renderError(c, "Project", err)
	}
	return p.renderProject(c, a, status, fieldErrors(pageData{Form: form}, err, fields...))
}

func (p *Pages) renameProject(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		id, name := c.Param("project"), c.FormValue("name")
		if _, err := p.ProjectAuth.RenameProject(c.Request().Context(), a, id, name); err != nil {
			return p.projectFailed(c, a, err, map[string]string{"name": name}, "name")
		}
		return seeOther(c, projectPath(id), url.Values{"renamed": {"true"}})
	})
}

func (p *Pages) deleteProject(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		id := c.Param("project")
		if err := p.ProjectAuth.DeleteProject(c.Request().Context(), a, id); err != nil {
			return p.renderError(c, "Delete project", err)
		}
		return seeOther(c, "/projects", url.Values{"deleted": {id}})
	})
}

func (p *Pages) addMember(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		id, user := c.Param("project"), c.FormValue("user")
		if err := p.ProjectAuth.AddMember(c.Request().Context(), a, id, user); err != nil {
			return p.projectFailed(c, a, memberErr(err), map[string]string{"user": user}, "user")
		}
		return seeOther(c, projectPath(id), url.Values{"added": {user}})
	})
}

// projectChange is a post that changes one thing of the project the path
// names, the one its param names: change applies projectauth's rule, then
// the browser goes back to the project's page, whose notice (the query key)
// names the thing; a failure is an error page titled title.
func (p *Pages) projectChange(param, notice, title string, change func(ctx context.Context, a identity.Actor, id, thing string) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		return p.signedInOnly(c, func(a identity.Actor) error {
			id, thing := c.Param("project"), c.Param(param)
			if err := change(c.Request().Context(), a, id, thing); err != nil {
				return p.renderError(c, title, err)
			}
			return seeOther(c, projectPath(id), url.Values{notice: {thing}})
		})
	}
}

// memberErr puts the domain's "not found" for the user to add (a bare
// NotFound: the project's own has a detail) beside the member field, in
// the same words.
func memberErr(err error) error {
	e, ok := errs.As(err)
	if !ok || e.Kind != errs.KindNotFound || e.Detail != "" || len(e.Fields) > 0 {
		return err
	}
	return &errs.Error{Kind: e.Kind, Message: e.Message, Fields: []errs.FieldError{{Field: "user", Detail: e.Message}}}
}
