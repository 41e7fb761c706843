package identity

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

// ExternalUser is a person an identity provider vouches for: the provider
// has checked them, and their email (verified by the caller's rules).
type ExternalUser struct {
	LoginType string // store.LoginTypeOIDC
	Email     string
	Username  string // the provider's; made valid and unique here
	Name      string
	// SyncRoles: Roles, as the provider gives them, replace the user's site
	// roles on this sign-in (OIDC with a role field). Roles gitauthd does
	// not know are ignored and logged.
	SyncRoles bool
	Roles     []string
}

const msgSignupsDisabled = "Signups are disabled for this sign-in method. Ask an administrator to create your account."

// SignInExternal signs in a person an identity provider vouches for and
// returns a session key. The user is found by email; one who signs in
// another way (a password user, say) is refused with Coder's message, and so
// is a suspended one. An unknown person becomes a member when allowSignups,
// and is refused otherwise: nothing is created.
func (s *Service) SignInExternal(ctx context.Context, eu ExternalUser, allowSignups bool) (raw string, key store.APIKey, err error) {
	var who *store.User // the account, once found or created
	defer func() {
		if err = s.RecordSignIn(ctx, who, key.ID, err); err != nil {
			raw, key = "", store.APIKey{}
		}
	}()
	u, err := s.st.GetUserByEmail(ctx, eu.Email)
	if err == nil {
		who = &u
	}
	switch {
	case err == nil:
		if u.LoginType != eu.LoginType {
			return "", store.APIKey{}, errs.New(errs.KindForbidden, fmt.Sprintf(
				"Incorrect login type, attempting to use %q but user is of login type %q", eu.LoginType, u.LoginType))
		}
		if u.Status != statusActive {
			return "", store.APIKey{}, errs.New(errs.KindForbidden, "Your account is not active. Contact an administrator.")
		}
	case errors.Is(err, store.ErrNotFound):
		if !allowSignups {
			return "", store.APIKey{}, errs.New(errs.KindForbidden, msgSignupsDisabled)
		}
		if u, err = s.signUpExternal(ctx, eu); err != nil {
			return "", store.APIKey{}, err
		}
		who = &u
	default:
		return "", store.APIKey{}, storeErr(err, "get user by email")
	}
	if eu.SyncRoles {
		if err := s.syncRoles(ctx, u, eu.Roles); err != nil {
			return "", store.APIKey{}, err
		}
	}
	raw, key, err = s.newSession(ctx, u.ID, eu.LoginType)
	if err != nil {
		return "", store.APIKey{}, err
	}
	s.log.InfoContext(ctx, "user signed in", "user_id", u.ID, "login_type", eu.LoginType, "key_id", key.ID)
	return raw, key, nil
}

// syncRoles gives u the known site roles of roles, as Coder's site-wide
// role sync does: unknown ones are ignored with a log line, and nothing is
// written when the set is unchanged. The last owner keeps the owner role
// (the store refuses to remove it; the rest is applied), with a log line.
// A change is on the audit trail as a write by the user signing in.
func (s *Service) syncRoles(ctx context.Context, u store.User, roles []string) error {
	var known, ignored []string
	for _, r := range roles {
		if _, ok := SiteRoles[r]; ok || r == store.RoleMember {
			known = append(known, r)
		} else {
			ignored = append(ignored, r)
		}
	}
	known = store.NormalizeRoles(known)
	if len(ignored) > 0 {
		s.log.InfoContext(ctx, "identity provider roles ignored in assignment",
			"ignored", ignored, "assigned", known, "user_id", u.ID, "username", u.Username)
	}
	if slices.Equal(known, store.NormalizeRoles(u.Roles)) {
		return nil
	}
	_, err := s.st.UpdateUserRoles(ctx, u.ID, known, s.now())
	if errors.Is(err, store.ErrLastOwner) {
		s.log.WarnContext(ctx, "identity provider roles would remove the last owner; the owner role is kept",
			"user_id", u.ID, "username", u.Username, "assigned", known)
		known = store.NormalizeRoles(append(known, store.RoleOwner))
		_, err = s.st.UpdateUserRoles(ctx, u.ID, known, s.now())
	}
	if err != nil {
		return storeErr(err, "update user roles")
	}
	s.log.InfoContext(ctx, "changed user roles", "user_id", u.ID, "roles", known, "by", "identity provider")
	ev := audit.Event{Actor: audit.Actor{UserID: u.ID, Username: u.Username}, Action: audit.ActionWrite,
		ResourceType: audit.ResourceUser, ResourceID: u.ID.String(), ResourceTarget: u.Username}
	return s.audit.Done(ctx, &ev, nil)
}

// signUpExternal creates a member for eu with a valid, unique username.
func (s *Service) signUpExternal(ctx context.Context, eu ExternalUser) (store.User, error) {
	base := eu.Username
	if base == "" {
		base = eu.Email[:strings.LastIndex(eu.Email, "@")]
	}
	base = usernameFrom(base)
	name := eu.Name
	if checkName(name) != "" {
		name = ""
	}
	now := s.now()
	for attempt := 0; attempt < 10; attempt++ {
		username := base
		if attempt > 0 {
			suffix, err := randomString(4, "0123456789abcdefghijklmnopqrstuvwxyz")
			if err != nil {
				return store.User{}, errs.Wrap(err, errs.MsgInternal)
			}
			username = strings.TrimRight(base[:min(len(base), maxUsernameLength-5)], "-") + "-" + suffix
		}
		u := store.User{
			ID: uuid.New(), Email: eu.Email, Username: username, Name: name, // a member: no roles beyond
			Status: statusActive, LoginType: eu.LoginType, CreatedAt: now, UpdatedAt: now,
		}
		err := s.st.InsertUser(ctx, u)
		if err == nil {
			s.log.InfoContext(ctx, "created user", "user_id", u.ID, "username", u.Username, "login_type", u.LoginType)
			ev := audit.Event{Actor: audit.Actor{UserID: u.ID, Username: u.Username}, Action: audit.ActionCreate,
				ResourceType: audit.ResourceUser, ResourceID: u.ID.String(), ResourceTarget: u.Username}
			return u, s.audit.Done(ctx, &ev, nil)
		}
		if !errors.Is(err, store.ErrConflict) {
			return store.User{}, storeErr(err, "insert user")
		}
		if _, err := s.st.GetUserByEmail(ctx, eu.Email); err == nil {
			return store.User{}, conflict(msgUserExists, "email", "email is already in use")
		}
	}
	return store.User{}, conflict(msgUserExists, "username", "no free username")
}

// usernameFrom makes s a valid username as Coder does: letters and digits
// kept, every other run of characters one hyphen, no hyphen at either end,
// at most 32 characters, lower case; "user" when nothing is left or the
// result is the reserved "me".
func usernameFrom(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			b.WriteRune(r)
			hyphen = false
		} else if !hyphen && b.Len() > 0 {
			b.WriteByte('-')
			hyphen = true
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > maxUsernameLength {
		out = strings.TrimRight(out[:maxUsernameLength], "-")
	}
	if out == "" || out == meRef {
		return "user"
	}
	return out
}

// newSession stores a session key of the login type for the user.
func (s *Service) newSession(ctx context.Context, userID uuid.UUID, loginType string) (string, store.APIKey, error) {
	now := s.now()
	raw, k, err := s.insertKey(ctx, store.APIKey{
		UserID:          userID,
		LoginType:       loginType,
		Scope:           ScopeAll,
		LifetimeSeconds: int64(s.cfg.SessionDuration / time.Second),
		ExpiresAt:       now.Add(s.cfg.SessionDuration),
		CreatedAt:       now,
		UpdatedAt:       now,
		LastUsed:        now,
	})
	if err != nil {
		if _, isDomain := errs.As(err); isDomain {
			return "", store.APIKey{}, err
		}
		return "", store.APIKey{}, storeErr(err, "insert session key")
	}
	return raw, k, nil
}
