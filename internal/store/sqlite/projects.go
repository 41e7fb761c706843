package sqlite

import (
	"context"
	"database/sql"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// InsertProject inserts p; store.ErrConflict if the id is taken.
func (s *Store) InsertProject(ctx context.Context, p store.Project) error {
	_, err := s.writer.ExecContext(ctx, `INSERT INTO projects (id, name, created_at) VALUES (?, ?, ?)`,
		p.ID, p.Name, sqlrow.Millis(p.CreatedAt))
	return s.err(ctx, "sqlite: insert project", err)
}

// GetProject returns the project, or store.ErrNotFound.
func (s *Store) GetProject(ctx context.Context, id string) (store.Project, error) {
	p, err := sqlrow.ScanProject(s.reader.QueryRowContext(ctx, `SELECT id, name, created_at FROM projects WHERE id = ?`, id))
	if err != nil {
		return store.Project{}, s.err(ctx, "sqlite: get project", err)
	}
	return p, nil
}

// ListProjects returns every project ordered by creation time, then id.
func (s *Store) ListProjects(ctx context.Context) ([]store.Project, error) {
	return s.listProjects(ctx, "sqlite: list projects",
		`SELECT id, name, created_at FROM projects ORDER BY created_at, id`)
}

// ListUserProjects returns the projects the user is a member of.
func (s *Store) ListUserProjects(ctx context.Context, userID uuid.UUID) ([]store.Project, error) {
	return s.listProjects(ctx, "sqlite: list user projects",
		`SELECT p.id, p.name, p.created_at FROM projects p
		JOIN project_members m ON m.project_id = p.id
		WHERE m.user_id = ? ORDER BY p.created_at, p.id`, userID.String())
}

func (s *Store) listProjects(ctx context.Context, op, query string, args ...any) ([]store.Project, error) {
	rows, err := s.reader.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	out, err := collect(rows, sqlrow.ScanProject)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	return out, nil
}

// DeleteProject removes the project; its members and Git authorizations go
// with it (ON DELETE CASCADE). store.ErrNotFound if absent.
func (s *Store) DeleteProject(ctx context.Context, id string) error {
	res, err := s.writer.ExecContext(ctx, `DELETE FROM projects WHERE id = ?`, id)
	return s.affectedOne(ctx, "sqlite: delete project", res, err)
}

// AddProjectMember inserts the membership unless it exists (keeping the
// first added_at). store.ErrNotFound if the project or the user does not
// exist (a foreign-key violation).
func (s *Store) AddProjectMember(ctx context.Context, m store.ProjectMember) error {
	_, err := s.writer.ExecContext(ctx, `INSERT INTO project_members (project_id, user_id, added_at)
		VALUES (?, ?, ?) ON CONFLICT (project_id, user_id) DO NOTHING`,
		m.ProjectID, m.UserID.String(), sqlrow.Millis(m.AddedAt))
	return s.err(ctx, "sqlite: add project member", err)
}

// RemoveProjectMember removes the membership; store.ErrNotFound if absent.
func (s *Store) RemoveProjectMember(ctx context.Context, projectID string, userID uuid.UUID) error {
	res, err := s.writer.ExecContext(ctx, `DELETE FROM project_members WHERE project_id = ? AND user_id = ?`,
		projectID, userID.String())
	return s.affectedOne(ctx, "sqlite: remove project member", res, err)
}

// ListProjectMembers returns the members ordered by added_at, then
// username.
func (s *Store) ListProjectMembers(ctx context.Context, projectID string) ([]store.ProjectMember, error) {
	const op = "sqlite: list project members"
	rows, err := s.reader.QueryContext(ctx, `SELECT m.project_id, m.user_id, u.username, m.added_at
		FROM project_members m JOIN users u ON u.id = m.user_id
		WHERE m.project_id = ? ORDER BY m.added_at, lower(u.username), u.id`, projectID)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	out, err := collect(rows, sqlrow.ScanProjectMember)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	return out, nil
}

// IsProjectMember reports whether the user is a member of the project.
func (s *Store) IsProjectMember(ctx context.Context, projectID string, userID uuid.UUID) (bool, error) {
	var ok bool
	err := s.reader.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM project_members
		WHERE project_id = ? AND user_id = ?)`, projectID, userID.String()).Scan(&ok)
	if err != nil {
		return false, s.err(ctx, "sqlite: is project member", err)
	}
	return ok, nil
}

// InsertProjectGitAuth inserts a: store.ErrConflict if the project has an
// authorization of that name, store.ErrNotFound if the project does not
// exist.
func (s *Store) InsertProjectGitAuth(ctx context.Context, a store.ProjectGitAuth) error {
	var tag sql.NullString
	if a.Tag != nil {
		tag = sql.NullString{String: *a.Tag, Valid: true}
	}
	_, err := s.writer.ExecContext(ctx, `INSERT INTO project_git_auths (`+sqlrow.GitAuthColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ProjectID, a.Name, a.RepoType, a.ProviderID, a.TokenType, a.RepoHost, tag,
		a.Username, a.Secret, a.SecretKeyID, a.RefreshToken, a.RefreshTokenKeyID, sqlrow.OptionalMillis(a.ExpiresAt),
		a.FailureReason, a.Status, a.RepoUser, a.RepoHome, a.Avatar, a.CreatedBy.String(),
		sqlrow.Millis(a.CreatedAt), sqlrow.Millis(a.UpdatedAt))
	return s.err(ctx, "sqlite: insert project git auth", err)
}

// GetProjectGitAuth returns the authorization, or store.ErrNotFound.
func (s *Store) GetProjectGitAuth(ctx context.Context, projectID, name string) (store.ProjectGitAuth, error) {
	a, err := sqlrow.ScanGitAuth(s.reader.QueryRowContext(ctx, `SELECT `+sqlrow.GitAuthColumns+`
		FROM project_git_auths WHERE project_id = ? AND name = ?`, projectID, name))
	if err != nil {
		return store.ProjectGitAuth{}, s.err(ctx, "sqlite: get project git auth", err)
	}
	return a, nil
}

// ListProjectGitAuths returns the project's authorizations in creation
// order: created_at, then rowid (insertion order).
func (s *Store) ListProjectGitAuths(ctx context.Context, projectID string) ([]store.ProjectGitAuth, error) {
	return s.listGitAuths(ctx, "sqlite: list project git auths",
		`WHERE project_id = ? ORDER BY created_at, rowid`, projectID)
}

// AllProjectGitAuths returns every authorization, ordered by project id,
// then name.
func (s *Store) AllProjectGitAuths(ctx context.Context) ([]store.ProjectGitAuth, error) {
	return s.listGitAuths(ctx, "sqlite: all project git auths", `ORDER BY project_id, name`)
}

// listGitAuths returns the authorizations selected by tail (a WHERE and
// ORDER BY clause from a fixed set, never caller input).
func (s *Store) listGitAuths(ctx context.Context, op, tail string, args ...any) ([]store.ProjectGitAuth, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT `+sqlrow.GitAuthColumns+` FROM project_git_auths `+tail, args...)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	out, err := collect(rows, sqlrow.ScanGitAuth)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	return out, nil
}

// DeleteProjectGitAuth removes the authorization; store.ErrNotFound if
// absent.
func (s *Store) DeleteProjectGitAuth(ctx context.Context, projectID, name string) error {
	res, err := s.writer.ExecContext(ctx, `DELETE FROM project_git_auths WHERE project_id = ? AND name = ?`,
		projectID, name)
	return s.affectedOne(ctx, "sqlite: delete project git auth", res, err)
}

// UpdateProjectGitAuthTokens writes a's secrets, key ids, expiry, failure
// reason and updated_at only if the stored refresh token still equals
// oldRefreshToken (one UPDATE: a compare-and-swap).
func (s *Store) UpdateProjectGitAuthTokens(ctx context.Context, a store.ProjectGitAuth, oldRefreshToken string) error {
	return s.compareAndSwap(ctx, "sqlite: update project git auth tokens",
		`UPDATE project_git_auths SET
			secret = ?, secret_key_id = ?, refresh_token = ?, refresh_token_key_id = ?,
			expires_at = ?, failure_reason = ?, updated_at = ?
		WHERE project_id = ? AND name = ? AND refresh_token = ?`,
		[]any{a.Secret, a.SecretKeyID, a.RefreshToken, a.RefreshTokenKeyID,
			sqlrow.OptionalMillis(a.ExpiresAt), a.FailureReason, sqlrow.Millis(a.UpdatedAt),
			a.ProjectID, a.Name, oldRefreshToken},
		`SELECT EXISTS (SELECT 1 FROM project_git_auths WHERE project_id = ? AND name = ?)`,
		a.ProjectID, a.Name)
}

// UpdateProjectGitAuthCheck records the last definitive status and profile.
func (s *Store) UpdateProjectGitAuthCheck(ctx context.Context, projectID, name string, c store.GitAuthCheck) error {
	res, err := s.writer.ExecContext(ctx, `UPDATE project_git_auths
		SET status = ?, repo_user = ?, repo_home = ?, avatar = ?
		WHERE project_id = ? AND name = ?`,
		c.Status, c.RepoUser, c.RepoHome, c.Avatar, projectID, name)
	return s.affectedOne(ctx, "sqlite: update project git auth check", res, err)
}

// RekeyProjectGitAuth replaces the secret and refresh token and their key
// ids if the stored values still equal oldSecret and oldRefreshToken.
func (s *Store) RekeyProjectGitAuth(ctx context.Context, a store.ProjectGitAuth, oldSecret, oldRefreshToken string) error {
	return s.compareAndSwap(ctx, "sqlite: rekey project git auth",
		`UPDATE project_git_auths SET
			secret = ?, secret_key_id = ?, refresh_token = ?, refresh_token_key_id = ?
		WHERE project_id = ? AND name = ? AND secret = ? AND refresh_token = ?`,
		[]any{a.Secret, a.SecretKeyID, a.RefreshToken, a.RefreshTokenKeyID,
			a.ProjectID, a.Name, oldSecret, oldRefreshToken},
		`SELECT EXISTS (SELECT 1 FROM project_git_auths WHERE project_id = ? AND name = ?)`,
		a.ProjectID, a.Name)
}
