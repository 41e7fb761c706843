package sqlstore

import (
	"context"
	"database/sql"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlq"
)

func toProject(p sqlq.Project) store.Project {
	return store.Project{ID: p.ID, Name: p.Name, CreatedAt: fromMillis(p.CreatedAt)}
}

func toMember(m sqlq.ListProjectMembersRow) store.ProjectMember {
	return store.ProjectMember{ProjectID: m.ProjectID, UserID: m.UserID, Username: m.Username, AddedAt: fromMillis(m.AddedAt)}
}

func toGitAuth(a sqlq.ProjectGitAuth) store.ProjectGitAuth {
	var tag *string
	if a.Tag.Valid {
		tag = &a.Tag.String
	}
	return store.ProjectGitAuth{ProjectID: a.ProjectID, Name: a.Name, RepoType: a.RepoType, ProviderID: a.ProviderID,
		TokenType: a.TokenType, RepoHost: a.RepoHost, Tag: tag, Username: a.Username, Secret: a.Secret,
		SecretKeyID: a.SecretKeyID, RefreshToken: a.RefreshToken, RefreshTokenKeyID: a.RefreshTokenKeyID,
		ExpiresAt: fromOptionalMillis(a.ExpiresAt), FailureReason: a.FailureReason, Status: int(a.Status),
		RepoUser: a.RepoUser, RepoHome: a.RepoHome, Avatar: a.Avatar, CreatedBy: a.CreatedBy,
		CreatedAt: fromMillis(a.CreatedAt), UpdatedAt: fromMillis(a.UpdatedAt)}
}

// InsertProject inserts p; store.ErrConflict if the id is taken.
func (s *Store) InsertProject(ctx context.Context, p store.Project) error {
	row := sqlq.InsertProjectParams{ID: p.ID, Name: p.Name, CreatedAt: millis(p.CreatedAt)}
	return s.exec(ctx, "insert project", func(ctx context.Context) error { return s.w.InsertProject(ctx, row) })
}

// GetProject returns the project, or store.ErrNotFound.
func (s *Store) GetProject(ctx context.Context, id string) (store.Project, error) {
	return read(s, ctx, "get project", func(ctx context.Context) (sqlq.Project, error) { return s.r.GetProject(ctx, id) }, toProject)
}

// ListProjects returns every project ordered by creation time, then id.
func (s *Store) ListProjects(ctx context.Context) ([]store.Project, error) {
	return readAll(s, ctx, "list projects", s.r.ListProjects, toProject)
}

// ListUserProjects returns the projects the user is a member of, ordered
// like ListProjects.
func (s *Store) ListUserProjects(ctx context.Context, userID uuid.UUID) ([]store.Project, error) {
	return readAll(s, ctx, "list user projects", func(ctx context.Context) ([]sqlq.Project, error) {
		return s.r.ListUserProjects(ctx, userID)
	}, toProject)
}

// RenameProject sets the project's name and returns the project;
// store.ErrNotFound if absent.
func (s *Store) RenameProject(ctx context.Context, id, name string) (store.Project, error) {
	return read(s, ctx, "rename project", func(ctx context.Context) (sqlq.Project, error) {
		return s.w.RenameProject(ctx, sqlq.RenameProjectParams{Name: name, ID: id})
	}, toProject)
}

// DeleteProject removes the project; its members and Git authorizations go
// with it (ON DELETE CASCADE). store.ErrNotFound if absent.
func (s *Store) DeleteProject(ctx context.Context, id string) error {
	return execOne(s, ctx, "delete project", s.w.DeleteProject, id)
}

// AddProjectMember inserts the membership unless it exists (keeping the
// first added_at). store.ErrNotFound if the project or the user does not
// exist (a foreign-key violation).
func (s *Store) AddProjectMember(ctx context.Context, m store.ProjectMember) error {
	row := sqlq.AddProjectMemberParams{ProjectID: m.ProjectID, UserID: m.UserID, AddedAt: millis(m.AddedAt)}
	return s.exec(ctx, "add project member", func(ctx context.Context) error { return s.w.AddProjectMember(ctx, row) })
}

// RemoveProjectMember removes the membership; store.ErrNotFound if absent.
func (s *Store) RemoveProjectMember(ctx context.Context, projectID string, userID uuid.UUID) error {
	key := sqlq.RemoveProjectMemberParams{ProjectID: projectID, UserID: userID}
	return execOne(s, ctx, "remove project member", s.w.RemoveProjectMember, key)
}

// ListProjectMembers returns the members ordered by added_at, then
// username.
func (s *Store) ListProjectMembers(ctx context.Context, projectID string) ([]store.ProjectMember, error) {
	return readAll(s, ctx, "list project members", func(ctx context.Context) ([]sqlq.ListProjectMembersRow, error) {
		return s.r.ListProjectMembers(ctx, projectID)
	}, toMember)
}

// IsProjectMember reports whether the user is a member of the project.
func (s *Store) IsProjectMember(ctx context.Context, projectID string, userID uuid.UUID) (bool, error) {
	key := sqlq.IsProjectMemberParams{ProjectID: projectID, UserID: userID}
	return read(s, ctx, "is project member", func(ctx context.Context) (bool, error) { return s.r.IsProjectMember(ctx, key) },
		func(ok bool) bool { return ok })
}

// InsertProjectGitAuth inserts a: store.ErrConflict if the project has an
// authorization of that name, store.ErrNotFound if the project does not
// exist.
func (s *Store) InsertProjectGitAuth(ctx context.Context, a store.ProjectGitAuth) error {
	var tag sql.NullString
	if a.Tag != nil {
		tag = sql.NullString{String: *a.Tag, Valid: true}
	}
	row := sqlq.InsertProjectGitAuthParams{ProjectID: a.ProjectID, Name: a.Name, RepoType: a.RepoType,
		ProviderID: a.ProviderID, TokenType: a.TokenType, RepoHost: a.RepoHost, Tag: tag, Username: a.Username,
		Secret: a.Secret, SecretKeyID: a.SecretKeyID, RefreshToken: a.RefreshToken, RefreshTokenKeyID: a.RefreshTokenKeyID,
		ExpiresAt: optionalMillis(a.ExpiresAt), FailureReason: a.FailureReason, Status: int32(a.Status),
		RepoUser: a.RepoUser, RepoHome: a.RepoHome, Avatar: a.Avatar, CreatedBy: a.CreatedBy,
		CreatedAt: millis(a.CreatedAt), UpdatedAt: millis(a.UpdatedAt)}
	return s.exec(ctx, "insert project git auth", func(ctx context.Context) error { return s.w.InsertProjectGitAuth(ctx, row) })
}

// GetProjectGitAuth returns the authorization, or store.ErrNotFound.
func (s *Store) GetProjectGitAuth(ctx context.Context, projectID, name string) (store.ProjectGitAuth, error) {
	key := sqlq.GetProjectGitAuthParams{ProjectID: projectID, Name: name}
	return read(s, ctx, "get project git auth", func(ctx context.Context) (sqlq.ProjectGitAuth, error) {
		return s.r.GetProjectGitAuth(ctx, key)
	}, toGitAuth)
}

// ListProjectGitAuths returns the project's authorizations in creation
// order: created_at, then insertion order.
func (s *Store) ListProjectGitAuths(ctx context.Context, projectID string) ([]store.ProjectGitAuth, error) {
	return readAll(s, ctx, "list project git auths", func(ctx context.Context) ([]sqlq.ProjectGitAuth, error) {
		return s.r.ListProjectGitAuths(ctx, projectID)
	}, toGitAuth)
}

// AllProjectGitAuths returns every authorization, ordered by project id,
// then name.
func (s *Store) AllProjectGitAuths(ctx context.Context) ([]store.ProjectGitAuth, error) {
	return readAll(s, ctx, "all project git auths", s.r.AllProjectGitAuths, toGitAuth)
}

// DeleteProjectGitAuth removes the authorization; store.ErrNotFound if
// absent.
func (s *Store) DeleteProjectGitAuth(ctx context.Context, projectID, name string) error {
	key := sqlq.DeleteProjectGitAuthParams{ProjectID: projectID, Name: name}
	return execOne(s, ctx, "delete project git auth", s.w.DeleteProjectGitAuth, key)
}

// gitAuthKey is the key a compare-and-swap looks the authorization up by.
func gitAuthKey(a store.ProjectGitAuth) sqlq.ProjectGitAuthExistsParams {
	return sqlq.ProjectGitAuthExistsParams{ProjectID: a.ProjectID, Name: a.Name}
}

// UpdateProjectGitAuthTokens writes a's secrets, key ids, expiry, failure
// reason and updated_at only if the stored refresh token still equals
// oldRefreshToken (a compare-and-swap).
func (s *Store) UpdateProjectGitAuthTokens(ctx context.Context, a store.ProjectGitAuth, oldRefreshToken string) error {
	arg := sqlq.UpdateProjectGitAuthTokensParams{Secret: a.Secret, SecretKeyID: a.SecretKeyID,
		RefreshToken: a.RefreshToken, RefreshTokenKeyID: a.RefreshTokenKeyID, ExpiresAt: optionalMillis(a.ExpiresAt),
		FailureReason: a.FailureReason, UpdatedAt: millis(a.UpdatedAt),
		ProjectID: a.ProjectID, Name: a.Name, OldRefreshToken: oldRefreshToken}
	return compareAndSwap(s, ctx, "update project git auth tokens", (*sqlq.Queries).UpdateProjectGitAuthTokens, arg,
		(*sqlq.Queries).ProjectGitAuthExists, gitAuthKey(a))
}

// UpdateProjectGitAuthCheck records the last definitive status and profile.
func (s *Store) UpdateProjectGitAuthCheck(ctx context.Context, projectID, name string, c store.GitAuthCheck) error {
	arg := sqlq.UpdateProjectGitAuthCheckParams{Status: int32(c.Status), RepoUser: c.RepoUser, RepoHome: c.RepoHome,
		Avatar: c.Avatar, ProjectID: projectID, Name: name}
	return execOne(s, ctx, "update project git auth check", s.w.UpdateProjectGitAuthCheck, arg)
}

// RekeyProjectGitAuth replaces the secret and refresh token and their key
// ids if the stored values still equal oldSecret and oldRefreshToken.
func (s *Store) RekeyProjectGitAuth(ctx context.Context, a store.ProjectGitAuth, oldSecret, oldRefreshToken string) error {
	arg := sqlq.RekeyProjectGitAuthParams{Secret: a.Secret, SecretKeyID: a.SecretKeyID, RefreshToken: a.RefreshToken,
		RefreshTokenKeyID: a.RefreshTokenKeyID, ProjectID: a.ProjectID, Name: a.Name,
		OldSecret: oldSecret, OldRefreshToken: oldRefreshToken}
	return compareAndSwap(s, ctx, "rekey project git auth", (*sqlq.Queries).RekeyProjectGitAuth, arg,
		(*sqlq.Queries).ProjectGitAuthExists, gitAuthKey(a))
}
