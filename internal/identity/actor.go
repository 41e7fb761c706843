package identity

import (
	"context"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/store"
)

// Actor is the authenticated caller of a request: the user, the id of the
// key that authenticated it, and that key's login type (password for a
// session, token for an API token). The server keeps it in the request
// context with WithActor.
type Actor struct {
	User      store.User
	KeyID     string
	LoginType string
}

// audit is the actor as the audit trail names it.
func (a Actor) audit() audit.Actor {
	return audit.Actor{UserID: a.User.ID, Username: a.User.Username, KeyID: a.KeyID}
}

// AuditActor reads the signed-in actor of a request context for the audit
// trail (zero when nobody is signed in).
func AuditActor(ctx context.Context) audit.Actor {
	a, _ := ActorFrom(ctx)
	return a.audit()
}

// HasRole reports whether the actor holds the site role (every actor holds
// store.RoleMember).
func (a Actor) HasRole(role string) bool { return a.User.HasRole(role) }

// IsOwner reports whether the actor holds the owner role.
func (a Actor) IsOwner() bool { return a.HasRole(store.RoleOwner) }

// ManagesUsers reports whether the actor may see, list and create users and
// change their roles: owners and user admins, as in Coder.
func (a Actor) ManagesUsers() bool { return a.IsOwner() || a.HasRole(store.RoleUserAdmin) }

// canSee reports whether the actor may see u: owners and user admins see
// everyone, anyone else only themselves.
func (a Actor) canSee(u store.User) bool {
	return a.ManagesUsers() || a.User.ID == u.ID
}

type actorKey struct{}

// WithActor returns a copy of ctx carrying a.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor stored in ctx by WithActor.
func ActorFrom(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	return a, ok
}

// SessionCookie is the cookie that carries a session token, as Coder names
// it; browsers authenticate with it.
const SessionCookie = "coder_session_token"
