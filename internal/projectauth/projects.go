package projectauth

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/store"
)

// validProjectIDPattern is the shape of project ids: they appear in URL
// paths (/v1/{project_id}/...) and in OAuth state purposes, so they are
// 1–64 letters, digits, "_" and "-", starting with a letter or digit.
var validProjectIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)

func validProjectID(id string) bool { return validProjectIDPattern.MatchString(id) }

const maxProjectNameLength = 128

// ListProjects returns the projects the actor may reach: every project for
// the owner, the projects they are a member of for anyone else.
func (s *Service) ListProjects(ctx context.Context, actor identity.Actor) ([]store.Project, error) {
	if err := requireActor(actor); err != nil {
		return nil, err
	}
	var (
		list []store.Project
		err  error
	)
	if actor.IsOwner() {
		list, err = s.store.ListProjects(ctx)
	} else {
		list, err = s.store.ListUserProjects(ctx, actor.User.ID)
	}
	if err != nil {
		return nil, storeErr(err, "list projects")
	}
	return list, nil
}

// CreateProject creates a project (owner only). id may be nil: a
// 32-character hex id is generated.
func (s *Service) CreateProject(ctx context.Context, actor identity.Actor, id *string, name string) (created store.Project, err error) {
	if err := requireActor(actor); err != nil {
		return store.Project{}, err
	}
	ev := audit.Event{Action: audit.ActionCreate, ResourceType: audit.ResourceProject, ResourceTarget: name}
	defer func() {
		ev.ResourceID = created.ID
		err = s.audit.Done(ctx, &ev, err)
	}()
	if !actor.IsOwner() {
		return store.Project{}, errs.Forbidden()
	}
	var fields []errs.FieldError
	pid := ""
	if id != nil {
		pid = *id
		if !validProjectID(pid) {
			fields = append(fields, errs.FieldError{Field: "id",
				Detail: "must be 1 to 64 letters, digits, '_' or '-', starting with a letter or digit"})
		}
	}
	name, bad := checkProjectName(name)
	if bad != nil {
		fields = append(fields, *bad)
	}
	if len(fields) > 0 {
		e := errs.Invalid(fields[0].Field, fields[0].Detail)
		e.Fields = fields
		return store.Project{}, e
	}
	if pid == "" {
		var err error
		if pid, err = randomHex(16); err != nil {
			return store.Project{}, err
		}
	}
	p := store.Project{ID: pid, Name: name, CreatedAt: s.now()}
	err = s.store.InsertProject(ctx, p)
	if errors.Is(err, store.ErrConflict) {
		e := errs.New(errs.KindConflict, "A project with this id already exists.").WithDetail(fmt.Sprintf("project %q exists", pid))
		e.Fields = []errs.FieldError{{Field: "id", Detail: "is taken"}}
		return store.Project{}, e
	}
	if err != nil {
		return store.Project{}, storeErr(err, "insert project")
	}
	s.log.InfoContext(ctx, "project created", "project", pid, "by", actor.User.ID)
	return p, nil
}

// checkProjectName trims name and checks it: 1 to 128 characters of valid
// UTF-8 without control characters.
func checkProjectName(name string) (string, *errs.FieldError) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return name, &errs.FieldError{Field: "name", Detail: "is required"}
	case !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0:
		return name, &errs.FieldError{Field: "name", Detail: "must be valid UTF-8 without control characters"}
	case utf8.RuneCountInString(name) > maxProjectNameLength:
		return name, &errs.FieldError{Field: "name", Detail: fmt.Sprintf("must be at most %d characters", maxProjectNameLength)}
	}
	return name, nil
}

// RenameProject gives a project a new name (owner only), with the rules
// of CreateProject; its id, members and authorizations stay.
func (s *Service) RenameProject(ctx context.Context, actor identity.Actor, id, name string) (_ store.Project, err error) {
	ev := audit.Event{Action: audit.ActionWrite, ResourceType: audit.ResourceProject, ResourceID: id, ResourceTarget: id}
	defer func() { err = s.audit.Done(ctx, &ev, err) }()
	if err := s.requireOwner(actor); err != nil {
		return store.Project{}, err
	}
	if !validProjectID(id) {
		return store.Project{}, projectNotFound(id)
	}
	name, bad := checkProjectName(name)
	if bad != nil {
		return store.Project{}, errs.Invalid(bad.Field, bad.Detail)
	}
	p, err := s.store.RenameProject(ctx, id, name)
	if errors.Is(err, store.ErrNotFound) {
		return store.Project{}, projectNotFound(id)
	}
	if err != nil {
		return store.Project{}, storeErr(err, "rename project")
	}
	s.log.InfoContext(ctx, "project renamed", "project", id, "by", actor.User.ID)
	return p, nil
}

// GetProject returns a project the actor may reach; any other is 404.
func (s *Service) GetProject(ctx context.Context, actor identity.Actor, id string) (store.Project, error) {
	return s.reach(ctx, actor, id)
}

// DeleteProject deletes a project with its members and authorizations
// (owner only).
func (s *Service) DeleteProject(ctx context.Context, actor identity.Actor, id string) (err error) {
	ev := audit.Event{Action: audit.ActionDelete, ResourceType: audit.ResourceProject, ResourceID: id, ResourceTarget: id}
	defer func() { err = s.audit.Done(ctx, &ev, err) }()
	if err := s.requireOwner(actor); err != nil {
		return err
	}
	if !validProjectID(id) {
		return projectNotFound(id)
	}
	err = s.store.DeleteProject(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return projectNotFound(id)
	}
	if err != nil {
		return storeErr(err, "delete project")
	}
	s.log.InfoContext(ctx, "project deleted", "project", id, "by", actor.User.ID)
	return nil
}

// ListMembers returns the members of a project the actor may reach.
func (s *Service) ListMembers(ctx context.Context, actor identity.Actor, id string) ([]store.ProjectMember, error) {
	if _, err := s.reach(ctx, actor, id); err != nil {
		return nil, err
	}
	list, err := s.store.ListProjectMembers(ctx, id)
	if err != nil {
		return nil, storeErr(err, "list project members")
	}
	return list, nil
}

// AddMember makes the user named by userRef (a username or UUID) a member
// of the project (owner only). Adding a member twice is not an error.
func (s *Service) AddMember(ctx context.Context, actor identity.Actor, id, userRef string) error {
	return s.changeMember(ctx, actor, audit.ActionCreate, id, userRef, func(u store.User) error {
		err := s.store.AddProjectMember(ctx, store.ProjectMember{ProjectID: id, UserID: u.ID, AddedAt: s.now()})
		if errors.Is(err, store.ErrNotFound) {
			// The project (or the user) went away meanwhile.
			return projectNotFound(id)
		}
		if err != nil {
			return storeErr(err, "add project member")
		}
		s.log.InfoContext(ctx, "project member added", "project", id, "user", u.ID, "by", actor.User.ID)
		return nil
	})
}

// RemoveMember removes the user from the project (owner only); 404 when the
// user is not a member.
func (s *Service) RemoveMember(ctx context.Context, actor identity.Actor, id, userRef string) error {
	return s.changeMember(ctx, actor, audit.ActionDelete, id, userRef, func(u store.User) error {
		err := s.store.RemoveProjectMember(ctx, id, u.ID)
		if errors.Is(err, store.ErrNotFound) {
			return errs.NotFound().WithDetail(fmt.Sprintf("%s is not a member of project %q", u.Username, id))
		}
		if err != nil {
			return storeErr(err, "remove project member")
		}
		s.log.InfoContext(ctx, "project member removed", "project", id, "user", u.ID, "by", actor.User.ID)
		return nil
	})
}

// changeMember is what every change to the members of project id has in
// common: for the project's owner, it resolves the user userRef names and
// runs change, the store write, for that user, recording the whole as an
// audit event of action on the membership.
func (s *Service) changeMember(ctx context.Context, actor identity.Actor, action, id, userRef string,
	change func(u store.User) error,
) (err error) {
	ev := audit.Event{Action: action, ResourceType: audit.ResourceProjectMember,
		ResourceID: id + "/" + userRef, ResourceTarget: userRef}
	defer func() { err = s.audit.Done(ctx, &ev, err) }()
	if err := s.requireOwner(actor); err != nil {
		return err
	}
	if _, err := s.reach(ctx, actor, id); err != nil {
		return err
	}
	u, err := s.ids.ResolveUser(ctx, actor, userRef)
	if err != nil {
		return err
	}
	ev.ResourceID, ev.ResourceTarget = id+"/"+u.ID.String(), u.Username
	return change(u)
}

// requireOwner: project management is the owner's.
func (s *Service) requireOwner(actor identity.Actor) error {
	if err := requireActor(actor); err != nil {
		return err
	}
	if !actor.IsOwner() {
		return errs.Forbidden().WithDetail("only the owner manages projects")
	}
	return nil
}
