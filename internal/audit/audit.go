// Package audit keeps gitauthd's audit trail: a record of every provider
// token handed out and of every security event (sign-in, keys, users,
// roles, projects, links), durable before the answer that it describes.
//
// Domain services call Recorder.Record once per event; it returns when the
// record is committed. Concurrent records share one commit (group commit):
// a single writer takes every record queued while the previous commit ran
// and inserts them in one transaction, so a request waits for the shared
// commit, not for a commit of its own. When the commit fails, Record
// returns a KindUnavailable error and the caller hands nothing out.
//
// Records never hold a secret: keys are named by their public id,
// credentials by provider and repository URL.
package audit

import (
	"context"
	"net/http"
	"time"

	"github.com/google/uuid"
)

// Actions. Coder's names where Coder has the event; the credential
// hand-outs are gitauthd's own.
const (
	ActionLogin             = "login"              // sign-in (refused: a failed sign-in)
	ActionLogout            = "logout"             // sign-out
	ActionCreate            = "create"             // user, API key, project, membership, link, ServiceStage authorization
	ActionWrite             = "write"              // role change, password change
	ActionSuspend           = "suspend"            // a user suspended (Coder records it as a write)
	ActionActivate          = "activate"           // a user activated again
	ActionDelete            = "delete"             // user, API key, project, membership, link, ServiceStage authorization
	ActionReadCredential    = "read_credential"    // a provider token handed out (git-credentials, external-auth read)
	ActionRefreshCredential = "refresh_credential" // a provider token refreshed
	ActionRotateKey         = "rotate_key"         // secrets re-encrypted with a new key
)

// Resource types: Coder's names where Coder has the resource.
const (
	ResourceUser             = "user"
	ResourceAPIKey           = "api_key"
	ResourceExternalAuthLink = "external_auth_link"
	ResourceProject          = "project"
	ResourceProjectMember    = "project_member"
	ResourceGitAuthorization = "git_authorization"
	ResourceEncryptionKey    = "encryption_key"
)

// Actor is who acted: the signed-in user and the public id of the key that
// authenticated the request (never the key). The zero Actor is nobody (a
// failed sign-in).
type Actor struct {
	UserID   uuid.UUID
	Username string
	KeyID    string
}

// Event is one thing to record. Err is nil when the action was allowed and
// done; otherwise the refusal, whose kind gives the status code.
type Event struct {
	Actor          Actor
	Action         string
	ResourceType   string
	ResourceID     string    // the resource's own id
	ResourceUUID   uuid.UUID // the resource's UUID when it has one; else derived from type and id
	ResourceTarget string    // the resource's name, for people
	ProviderID     string
	RepositoryURL  string
	Err            error
}

// Request is what the server knows of the request an event belongs to.
type Request struct {
	ID        string
	IP        string
	UserAgent string
	// Status is the answer on success (the operation's 2xx); 0 means 200.
	Status int
}

type requestKey struct{}

// WithRequest returns a copy of ctx carrying r.
func WithRequest(ctx context.Context, r Request) context.Context {
	return context.WithValue(ctx, requestKey{}, r)
}

// RequestFrom returns the request stored by WithRequest (zero if none).
func RequestFrom(ctx context.Context) Request {
	r, _ := ctx.Value(requestKey{}).(Request)
	return r
}

// Limits on request fields a client chooses, so that a record stays small.
const (
	maxRequestIDLen = 64
	maxUserAgentLen = 512
	maxURLLen       = 2048
)

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// resourceNamespace derives stable UUIDs for resources whose ids are not
// UUIDs (Coder's resource_id is one).
var resourceNamespace = uuid.MustParse("6f0c1e36-54a8-4d8e-9a61-2b7d3c2f0a15")

// ResourceUUID is the UUID of a resource: id itself when it is a UUID, else
// one derived from its type and id (the same every time).
func ResourceUUID(resourceType, id string) uuid.UUID {
	if id == "" {
		return uuid.Nil
	}
	if u, err := uuid.Parse(id); err == nil && len(id) == 36 {
		return u
	}
	return uuid.NewSHA1(resourceNamespace, []byte(resourceType+"/"+id))
}

// statusOK is the status of an allowed event whose request named none.
const statusOK = http.StatusOK

// defaultTimeout bounds one commit.
const defaultTimeout = 10 * time.Second
