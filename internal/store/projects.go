package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// Project is a group of people sharing named Git credentials (ServiceStage's
// tenant project): its id is the {project_id} of /v1/{project_id}/git/...
type Project struct {
	ID        string
	Name      string
	CreatedAt time.Time
}

// ProjectMember is a user who may reach a project.
type ProjectMember struct {
	ProjectID string
	UserID    uuid.UUID
	Username  string // the user's, read with the membership; ignored on write
	AddedAt   time.Time
}

// Token types of project Git authorizations, as ServiceStage names them.
const (
	GitAuthOAuth    = "oauth"
	GitAuthPersonal = "personal"
	GitAuthPassword = "password"
)

// Statuses of project Git authorizations, as ServiceStage numbers them.
const (
	GitAuthStatusNormal          = 0
	GitAuthStatusExpired         = 1
	GitAuthStatusUnauthenticated = 2
)

// ProjectGitAuth is a named Git credential of a project (a ServiceStage
// "repository authorization"). Above the store Secret and RefreshToken are
// plaintext; the encrypting decorator (internal/store/dbcrypt) turns them
// into ciphertext tagged with the id of their key, as it does for links.
type ProjectGitAuth struct {
	ProjectID string
	// Name is unique within the project.
	Name string
	// RepoType is the repo_type it was created with (lower case).
	RepoType string
	// ProviderID is the configured external auth provider it belongs to.
	ProviderID string
	// TokenType is GitAuthOAuth, GitAuthPersonal or GitAuthPassword.
	TokenType string
	// RepoHost is the provider's API address (scheme and host).
	RepoHost string
	// Tag is the type of the authorized site; nil when none was given.
	Tag *string

	// Username is the account name of a password authorization ("" for the
	// others); it is not secret.
	Username string
	// Secret is the OAuth access token, the personal token or the password.
	Secret      string
	SecretKeyID string // see ExternalAuthLink.AccessTokenKeyID
	// RefreshToken is the OAuth refresh token ("" for none).
	RefreshToken      string
	RefreshTokenKeyID string
	// ExpiresAt is when Secret expires (OAuth); zero means never.
	ExpiresAt time.Time
	// FailureReason is set when a refresh failed for good.
	FailureReason string

	// Status and the profile (RepoUser, RepoHome, Avatar) are the last
	// definitive answer of the provider about the credential: what is shown
	// while the provider cannot be asked.
	Status   int
	RepoUser string
	RepoHome string
	Avatar   string

	// CreatedBy is the user who created it (no foreign key: the
	// authorization belongs to the project, not to that person).
	CreatedBy uuid.UUID
	CreatedAt time.Time
	UpdatedAt time.Time
}

// GitAuthCheck is the provider's last definitive answer about a project Git
// authorization's credential.
type GitAuthCheck struct {
	Status   int
	RepoUser string
	RepoHome string
	Avatar   string
}

// ProjectStore persists projects, their members and their Git
// authorizations.
type ProjectStore interface {
	// InsertProject inserts p; ErrConflict if the id is taken.
	InsertProject(ctx context.Context, p Project) error
	GetProject(ctx context.Context, id string) (Project, error)
	// ListProjects returns every project ordered by creation time, then id.
	ListProjects(ctx context.Context) ([]Project, error)
	// ListUserProjects returns the projects the user is a member of, in
	// ListProjects' order.
	ListUserProjects(ctx context.Context, userID uuid.UUID) ([]Project, error)
	// RenameProject gives the project a new name and returns it;
	// ErrNotFound if absent.
	RenameProject(ctx context.Context, id, name string) (Project, error)
	// DeleteProject removes the project with its members and Git
	// authorizations; ErrNotFound if absent.
	DeleteProject(ctx context.Context, id string) error

	// AddProjectMember makes the user a member as of m.AddedAt; adding a
	// member again changes nothing (the first AddedAt is kept).
	// ErrNotFound if the project or the user does not exist.
	AddProjectMember(ctx context.Context, m ProjectMember) error
	// RemoveProjectMember removes the membership; ErrNotFound if the user
	// is not a member.
	RemoveProjectMember(ctx context.Context, projectID string, userID uuid.UUID) error
	// ListProjectMembers returns the members with their usernames, ordered
	// by AddedAt, then username.
	ListProjectMembers(ctx context.Context, projectID string) ([]ProjectMember, error)
	// IsProjectMember reports whether the user is a member (false for a
	// project that does not exist).
	IsProjectMember(ctx context.Context, projectID string, userID uuid.UUID) (bool, error)

	// InsertProjectGitAuth inserts a; ErrConflict if the project already
	// has an authorization of that name, ErrNotFound if the project does
	// not exist.
	InsertProjectGitAuth(ctx context.Context, a ProjectGitAuth) error
	GetProjectGitAuth(ctx context.Context, projectID, name string) (ProjectGitAuth, error)
	// ListProjectGitAuths returns the project's authorizations in creation
	// order (CreatedAt, then insertion order). The slice may be shared (the
	// cache returns the one it holds until the rows change): callers read it
	// and never modify it.
	ListProjectGitAuths(ctx context.Context, projectID string) ([]ProjectGitAuth, error)
	// AllProjectGitAuths returns every authorization of every project (for
	// key rotation), ordered by project id, then name.
	AllProjectGitAuths(ctx context.Context) ([]ProjectGitAuth, error)
	// DeleteProjectGitAuth removes it; ErrNotFound if absent.
	DeleteProjectGitAuth(ctx context.Context, projectID, name string) error
	// UpdateProjectGitAuthTokens writes Secret, RefreshToken, their key
	// ids, ExpiresAt, FailureReason and UpdatedAt only if the stored refresh
	// token still equals oldRefreshToken: the compare-and-swap of
	// UpdateExternalAuthLinkTokens, for the same reason (single-use refresh
	// tokens). ErrConflict when it no longer matches, ErrNotFound when the
	// authorization is gone.
	UpdateProjectGitAuthTokens(ctx context.Context, a ProjectGitAuth, oldRefreshToken string) error
	// UpdateProjectGitAuthCheck records the provider's last definitive
	// answer (status and profile); nothing else changes, UpdatedAt
	// included. ErrNotFound when the authorization is gone.
	UpdateProjectGitAuthCheck(ctx context.Context, projectID, name string, c GitAuthCheck) error
}
