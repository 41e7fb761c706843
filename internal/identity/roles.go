package identity

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

// SiteRoles are the roles a user can be given, with Coder's display names.
// store.RoleMember is implied for everyone and is accepted (and ignored) in
// a new role set, as Coder does.
var SiteRoles = map[string]string{
	store.RoleOwner:     "Owner",
	store.RoleUserAdmin: "User Admin",
	store.RoleAuditor:   "Auditor",
}

const (
	msgOwnRoles  = "You cannot change your own roles."
	msgLastOwner = "The last owner cannot be demoted."
)

// UpdateUserRoles replaces the site roles of the user named by ref ("me", a
// username or a UUID) with roles, as Coder's PUT /users/{user}/roles does.
// Owners may grant and remove any role; user admins any role but owner
// (granting or removing it is KindForbidden); anyone else gets
// KindForbidden. Nobody changes their own roles, an unknown role is
// KindInvalid, and the change that would leave no owner is KindInvalid and
// changes nothing.
func (s *Service) UpdateUserRoles(ctx context.Context, actor Actor, ref string, roles []string) (_ store.User, err error) {
	if err := requireActor(actor); err != nil {
		return store.User{}, err
	}
	ev := audit.Event{Actor: actor.audit(), Action: audit.ActionWrite, ResourceType: audit.ResourceUser}
	defer func() { err = s.audit.Done(ctx, &ev, err) }()
	if !actor.ManagesUsers() {
		return store.User{}, errs.Forbidden()
	}
	u, err := s.ResolveUser(ctx, actor, ref)
	if err != nil {
		return store.User{}, err
	}
	ev.ResourceID, ev.ResourceTarget = u.ID.String(), u.Username
	if u.ID == actor.User.ID {
		return store.User{}, errs.New(errs.KindInvalid, msgOwnRoles)
	}
	for _, r := range roles {
		if _, ok := SiteRoles[r]; !ok && r != store.RoleMember {
			return store.User{}, errs.New(errs.KindInvalid, fmt.Sprintf("%q is not a supported role", r)).
				WithDetail("roles: the site roles are owner, user-admin, auditor and member")
		}
	}
	roles = store.NormalizeRoles(roles)
	if !actor.IsOwner() && slices.Contains(roles, store.RoleOwner) != u.HasRole(store.RoleOwner) {
		return store.User{}, errs.Forbidden().WithDetail("only an owner may grant or remove the owner role")
	}
	updated, err := s.st.UpdateUserRoles(ctx, u.ID, roles, s.now())
	switch {
	case errors.Is(err, store.ErrLastOwner):
		return store.User{}, errs.New(errs.KindInvalid, msgLastOwner).
			WithDetail("grant the owner role to another user first")
	case errors.Is(err, store.ErrNotFound):
		return store.User{}, errs.NotFound()
	case err != nil:
		return store.User{}, storeErr(err, "update user roles")
	}
	s.log.InfoContext(ctx, "changed user roles", "user_id", updated.ID, "roles", updated.Roles, "by", actor.User.ID)
	return updated, nil
}
