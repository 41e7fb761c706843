package identity

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

// Coder's answers for the user lifecycle routes.
const (
	msgSuspendSelf        = "You cannot suspend yourself."
	msgDeleteSelf         = "You cannot delete yourself!"
	msgDeleteLastOwner    = "You cannot delete the last owner."
	msgNoPasswordLogin    = "Users without password login type cannot change their password."
	msgOldPasswordNeeded  = "Old password is required."
	msgOldPasswordWrong   = "Old password is incorrect."
	msgInvalidPassword    = "Invalid password."
	msgPasswordNotChanged = "New password cannot match old password."
)

// LinkRevoker ends a user's links with outside providers: it asks each
// provider that supports it to revoke the user's token and removes the
// links. DeleteUser calls it before removing the user.
type LinkRevoker interface {
	RevokeUserLinks(ctx context.Context, userID uuid.UUID)
}

// SetLinkRevoker sets what DeleteUser calls to end the user's provider
// links; without one, deleting a user only removes them.
func (s *Service) SetLinkRevoker(r LinkRevoker) { s.links = r }

// SuspendUser sets the user's status to suspended and ends every session and
// API token of the user at once. Nobody may suspend themselves, and an owner
// cannot be suspended (Coder's rules), so the deployment always keeps an
// active owner.
func (s *Service) SuspendUser(ctx context.Context, actor Actor, ref string) (_ store.User, err error) {
	ev := userEvent(actor, audit.ActionSuspend, ref)
	defer func() { err = s.audit.Done(ctx, &ev, err) }()
	u, err := s.managedUser(ctx, actor, ref)
	nameUser(&ev, u)
	if err != nil {
		return store.User{}, err
	}
	if u.ID == actor.User.ID {
		return store.User{}, errs.New(errs.KindInvalid, msgSuspendSelf)
	}
	if u.HasRole(store.RoleOwner) {
		return store.User{}, errs.New(errs.KindInvalid,
			fmt.Sprintf("You cannot suspend a user with the %q role. You must remove the role first.", store.RoleOwner))
	}
	return s.setStatus(ctx, actor, u, store.UserStatusSuspended)
}

// ActivateUser sets the user's status to active. The user signs in again:
// suspension ended their sessions.
func (s *Service) ActivateUser(ctx context.Context, actor Actor, ref string) (_ store.User, err error) {
	ev := userEvent(actor, audit.ActionActivate, ref)
	defer func() { err = s.audit.Done(ctx, &ev, err) }()
	u, err := s.managedUser(ctx, actor, ref)
	nameUser(&ev, u)
	if err != nil {
		return store.User{}, err
	}
	return s.setStatus(ctx, actor, u, store.UserStatusActive)
}

func (s *Service) setStatus(ctx context.Context, actor Actor, u store.User, status string) (store.User, error) {
	now := s.now()
	if err := s.st.UpdateUserStatus(ctx, u.ID, status, now); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return store.User{}, errs.NotFound()
		}
		return store.User{}, storeErr(err, "update user status")
	}
	u.Status, u.UpdatedAt = status, now
	s.log.InfoContext(ctx, "user status changed", "user_id", u.ID, "status", status, "by", actor.User.ID)
	return u, nil
}

// DeleteUser removes a user: their provider links are revoked at the
// provider where it supports revocation, then the user goes with their
// sessions, API tokens, remaining links and project memberships. Nobody may
// delete themselves, nor the last owner.
func (s *Service) DeleteUser(ctx context.Context, actor Actor, ref string) (err error) {
	ev := userEvent(actor, audit.ActionDelete, ref)
	defer func() { err = s.audit.Done(ctx, &ev, err) }()
	u, err := s.managedUser(ctx, actor, ref)
	nameUser(&ev, u)
	if err != nil {
		return err
	}
	if u.ID == actor.User.ID {
		return errs.New(errs.KindForbidden, msgDeleteSelf)
	}
	if u.HasRole(store.RoleOwner) {
		// A cheap first answer before revoking anything at the provider;
		// the store decides again under its owner lock.
		if err := s.deleteKeepsAnOwner(ctx, u.ID); err != nil {
			return err
		}
	}
	if s.links != nil {
		s.links.RevokeUserLinks(ctx, u.ID)
	}
	if err := s.st.DeleteUser(ctx, u.ID); err != nil {
		switch {
		case errors.Is(err, store.ErrNotFound):
			return errs.NotFound()
		case errors.Is(err, store.ErrLastOwner):
			return errs.New(errs.KindInvalid, msgDeleteLastOwner)
		}
		return storeErr(err, "delete user")
	}
	s.log.InfoContext(ctx, "user deleted", "user_id", u.ID, "username", u.Username, "by", actor.User.ID)
	return nil
}

// deleteKeepsAnOwner refuses to delete id when it is the only owner.
func (s *Service) deleteKeepsAnOwner(ctx context.Context, id uuid.UUID) error {
	all, err := s.st.ListUsers(ctx)
	if err != nil {
		return storeErr(err, "list users")
	}
	for _, o := range all {
		if o.HasRole(store.RoleOwner) && o.ID != id {
			return nil
		}
	}
	return errs.New(errs.KindInvalid, msgDeleteLastOwner)
}

// userEvent is the audit record of a change to the user ref by actor; it
// names the user as asked (ref) until nameUser names the one resolved.
func userEvent(actor Actor, action, ref string) audit.Event {
	return audit.Event{Actor: actor.audit(), Action: action, ResourceType: audit.ResourceUser, ResourceTarget: ref}
}

// nameUser names u as the resource of ev, once resolved.
func nameUser(ev *audit.Event, u store.User) {
	if u.ID != uuid.Nil {
		ev.ResourceID, ev.ResourceTarget = u.ID.String(), u.Username
	}
}

// managedUser resolves ref for an actor who administers users; anyone else
// is KindForbidden.
func (s *Service) managedUser(ctx context.Context, actor Actor, ref string) (store.User, error) {
	if err := requireActor(actor); err != nil {
		return store.User{}, err
	}
	if !actor.ManagesUsers() {
		return store.User{}, errs.Forbidden()
	}
	u, err := s.ResolveUser(ctx, actor, ref)
	if err == nil && u.HasRole(store.RoleOwner) && !actor.IsOwner() {
		// User admins manage everyone but owners, as they may not grant
		// or take the owner role either.
		return store.User{}, errs.Forbidden().WithDetail("only an owner may manage an owner")
	}
	return u, err
}

// PasswordChange is a request to set a user's password. OldPassword is
// required when users change their own password; an administrator may
// leave it empty for someone else.
type PasswordChange struct {
	OldPassword string
	Password    string
}

// ChangePassword sets the password of a password user and, as Coder does,
// signs the user out everywhere (every session and API token is deleted).
// Users may change their own; an administrator anyone's. Anyone else sees
// KindNotFound, as for a user that does not exist.
func (s *Service) ChangePassword(ctx context.Context, actor Actor, ref string, pc PasswordChange) (err error) {
	if err := requireActor(actor); err != nil {
		return err
	}
	ev := userEvent(actor, audit.ActionWrite, ref)
	defer func() { err = s.audit.Done(ctx, &ev, err) }()
	u, err := s.ResolveUser(ctx, actor, ref)
	nameUser(&ev, u)
	if err != nil {
		return err
	}
	if u.ID != actor.User.ID && !actor.ManagesUsers() {
		return errs.NotFound()
	}
	if u.ID != actor.User.ID && u.HasRole(store.RoleOwner) && !actor.IsOwner() {
		return errs.Forbidden().WithDetail("only an owner may set an owner's password")
	}
	if u.LoginType != store.LoginTypePassword {
		return errs.New(errs.KindInvalid, msgNoPasswordLogin)
	}
	if u.ID == actor.User.ID && pc.OldPassword == "" {
		return errs.New(errs.KindInvalid, msgOldPasswordNeeded)
	}
	if d := checkPassword(pc.Password, u.Username, u.Email); d != "" {
		e := errs.Invalid("password", d)
		e.Message = msgInvalidPassword
		return e
	}
	if pc.OldPassword != "" {
		ok, err := s.pw.verify(ctx, pc.OldPassword, u.HashedPassword)
		if err != nil {
			return errs.Wrap(fmt.Errorf("verify password: %w", err), errs.MsgInternal)
		}
		if !ok {
			e := errs.Invalid("old_password", msgOldPasswordWrong)
			e.Message = msgOldPasswordWrong
			return e
		}
	}
	if same, err := s.pw.verify(ctx, pc.Password, u.HashedPassword); err == nil && same {
		return errs.New(errs.KindInvalid, msgPasswordNotChanged)
	}
	hashed, err := s.pw.hash(ctx, pc.Password)
	if err != nil {
		return errs.Wrap(fmt.Errorf("hash password: %w", err), errs.MsgInternal)
	}
	if err := s.st.UpdateUserPassword(ctx, u.ID, hashed, s.now()); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return errs.NotFound()
		}
		return storeErr(err, "update user password")
	}
	s.log.InfoContext(ctx, "user password changed", "user_id", u.ID, "by", actor.User.ID)
	return nil
}
