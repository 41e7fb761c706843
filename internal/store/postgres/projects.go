package postgres

import (
	"context"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// InsertProject inserts p; store.ErrConflict if the id is taken.
func (s *Store) InsertProject(ctx context.Context, p store.Project) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	_, err := s.pool.Exec(ctx, `INSERT INTO projects (id, name, created_at) VALUES ($1, $2, $3)`,
		p.ID, p.Name, sqlrow.Millis(p.CreatedAt))
	return s.err(ctx, "postgres: insert project", err)
}

// GetProject returns the project, or store.ErrNotFound.
func (s *Store) GetProject(ctx context.Context, id string) (store.Project, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	p, err := sqlrow.ScanProject(s.pool.QueryRow(ctx, `SELECT id, name, created_at FROM projects WHERE id = $1`, id))
	if err != nil {
		return store.Project{}, s.err(ctx, "postgres: get project", err)
	}
	return p, nil
}

// ListProjects returns every project ordered by creation time, then id.
func (s *Store) ListProjects(ctx context.Context) ([]store.Project, error) {
	return s.listProjects(ctx, "postgres: list projects",
		`SELECT id, name, created_at FROM projects ORDER BY created_at, id`)
}

// ListUserProjects returns the projects the user is a member of.
func (s *Store) ListUserProjects(ctx context.Context, userID uuid.UUID) ([]store.Project, error) {
	return s.listProjects(ctx, "postgres: list user projects",
		`SELECT p.id, p.name, p.created_at FROM projects p
		JOIN project_members m ON m.project_id = p.id
		WHERE m.user_id = $1 ORDER BY p.created_at, p.id`, userID)
}

func (s *Store) listProjects(ctx context.Context, op, query string, args ...any) ([]store.Project, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	rows, err := s.pool.Query(ctx, query, args...)
	out, err := collect(rows, err, sqlrow.ScanProject)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	return out, nil
}

// DeleteProject removes the project; its members and Git authorizations go
// with it (ON DELETE CASCADE). store.ErrNotFound if absent.
func (s *Store) DeleteProject(ctx context.Context, id string) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx, `DELETE FROM projects WHERE id = $1`, id)
	return s.affectedOne(ctx, "postgres: delete project", tag, err)
}

// AddProjectMember inserts the membership unless it exists (keeping the
// first added_at). store.ErrNotFound if the project or the user does not
// exist (a foreign-key violation).
func (s *Store) AddProjectMember(ctx context.Context, m store.ProjectMember) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	_, err := s.pool.Exec(ctx, `INSERT INTO project_members (project_id, user_id, added_at)
		VALUES ($1, $2, $3) ON CONFLICT (project_id, user_id) DO NOTHING`,
		m.ProjectID, m.UserID, sqlrow.Millis(m.AddedAt))
	return s.err(ctx, "postgres: add project member", err)
}

// RemoveProjectMember removes the membership; store.ErrNotFound if absent.
func (s *Store) RemoveProjectMember(ctx context.Context, projectID string, userID uuid.UUID) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx, `DELETE FROM project_members WHERE project_id = $1 AND user_id = $2`,
		projectID, userID)
	return s.affectedOne(ctx, "postgres: remove project member", tag, err)
}

// ListProjectMembers returns the members ordered by added_at, then
// username.
func (s *Store) ListProjectMembers(ctx context.Context, projectID string) ([]store.ProjectMember, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	rows, err := s.pool.Query(ctx, `SELECT m.project_id, m.user_id, u.username, m.added_at
		FROM project_members m JOIN users u ON u.id = m.user_id
		WHERE m.project_id = $1 ORDER BY m.added_at, lower(u.username), u.id`, projectID)
	out, err := collect(rows, err, sqlrow.ScanProjectMember)
	if err != nil {
		return nil, s.err(ctx, "postgres: list project members", err)
	}
	return out, nil
}

// IsProjectMember reports whether the user is a member of the project.
func (s *Store) IsProjectMember(ctx context.Context, projectID string, userID uuid.UUID) (bool, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	var ok bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM project_members
		WHERE project_id = $1 AND user_id = $2)`, projectID, userID).Scan(&ok)
	if err != nil {
		return false, s.err(ctx, "postgres: is project member", err)
	}
	return ok, nil
}

// InsertProjectGitAuth inserts a: store.ErrConflict if the project has an
// authorization of that name, store.ErrNotFound if the project does not
// exist.
func (s *Store) InsertProjectGitAuth(ctx context.Context, a store.ProjectGitAuth) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	_, err := s.pool.Exec(ctx, `INSERT INTO project_git_auths (`+sqlrow.GitAuthColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
		a.ProjectID, a.Name, a.RepoType, a.ProviderID, a.TokenType, a.RepoHost, a.Tag,
		a.Username, a.Secret, a.SecretKeyID, a.RefreshToken, a.RefreshTokenKeyID, sqlrow.OptionalMillis(a.ExpiresAt),
		a.FailureReason, a.Status, a.RepoUser, a.RepoHome, a.Avatar, a.CreatedBy,
		sqlrow.Millis(a.CreatedAt), sqlrow.Millis(a.UpdatedAt))
	return s.err(ctx, "postgres: insert project git auth", err)
}

// GetProjectGitAuth returns the authorization, or store.ErrNotFound.
func (s *Store) GetProjectGitAuth(ctx context.Context, projectID, name string) (store.ProjectGitAuth, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	a, err := sqlrow.ScanGitAuth(s.pool.QueryRow(ctx, `SELECT `+sqlrow.GitAuthColumns+`
		FROM project_git_auths WHERE project_id = $1 AND name = $2`, projectID, name))
	if err != nil {
		return store.ProjectGitAuth{}, s.err(ctx, "postgres: get project git auth", err)
	}
	return a, nil
}

// ListProjectGitAuths returns the project's authorizations in creation
// order: created_at, then insertion order (seq).
func (s *Store) ListProjectGitAuths(ctx context.Context, projectID string) ([]store.ProjectGitAuth, error) {
	return s.listGitAuths(ctx, "postgres: list project git auths",
		`WHERE project_id = $1 ORDER BY created_at, seq`, projectID)
}

// AllProjectGitAuths returns every authorization, ordered by project id,
// then name.
func (s *Store) AllProjectGitAuths(ctx context.Context) ([]store.ProjectGitAuth, error) {
	return s.listGitAuths(ctx, "postgres: all project git auths", `ORDER BY project_id, name`)
}

// listGitAuths returns the authorizations selected by tail (a WHERE and
// ORDER BY clause from a fixed set, never caller input).
func (s *Store) listGitAuths(ctx context.Context, op, tail string, args ...any) ([]store.ProjectGitAuth, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	rows, err := s.pool.Query(ctx, `SELECT `+sqlrow.GitAuthColumns+` FROM project_git_auths `+tail, args...)
	out, err := collect(rows, err, sqlrow.ScanGitAuth)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	return out, nil
}

// DeleteProjectGitAuth removes the authorization; store.ErrNotFound if
// absent.
func (s *Store) DeleteProjectGitAuth(ctx context.Context, projectID, name string) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx, `DELETE FROM project_git_auths WHERE project_id = $1 AND name = $2`,
		projectID, name)
	return s.affectedOne(ctx, "postgres: delete project git auth", tag, err)
}

// UpdateProjectGitAuthTokens writes a's secrets, key ids, expiry, failure
// reason and updated_at only if the stored refresh token still equals
// oldRefreshToken (one UPDATE: a compare-and-swap).
func (s *Store) UpdateProjectGitAuthTokens(ctx context.Context, a store.ProjectGitAuth, oldRefreshToken string) error {
	return s.compareAndSwap(ctx, "postgres: update project git auth tokens",
		`UPDATE project_git_auths SET
			secret = $1, secret_key_id = $2, refresh_token = $3, refresh_token_key_id = $4,
			expires_at = $5, failure_reason = $6, updated_at = $7
		WHERE project_id = $8 AND name = $9 AND refresh_token = $10`,
		[]any{a.Secret, a.SecretKeyID, a.RefreshToken, a.RefreshTokenKeyID,
			sqlrow.OptionalMillis(a.ExpiresAt), a.FailureReason, sqlrow.Millis(a.UpdatedAt),
			a.ProjectID, a.Name, oldRefreshToken},
		`SELECT EXISTS (SELECT 1 FROM project_git_auths WHERE project_id = $1 AND name = $2)`,
		a.ProjectID, a.Name)
}

// UpdateProjectGitAuthCheck records the last definitive status and profile.
func (s *Store) UpdateProjectGitAuthCheck(ctx context.Context, projectID, name string, c store.GitAuthCheck) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx, `UPDATE project_git_auths
		SET status = $1, repo_user = $2, repo_home = $3, avatar = $4
		WHERE project_id = $5 AND name = $6`,
		c.Status, c.RepoUser, c.RepoHome, c.Avatar, projectID, name)
	return s.affectedOne(ctx, "postgres: update project git auth check", tag, err)
}

// RekeyProjectGitAuth replaces the secret and refresh token and their key
// ids if the stored values still equal oldSecret and oldRefreshToken.
func (s *Store) RekeyProjectGitAuth(ctx context.Context, a store.ProjectGitAuth, oldSecret, oldRefreshToken string) error {
	return s.compareAndSwap(ctx, "postgres: rekey project git auth",
		`UPDATE project_git_auths SET
			secret = $1, secret_key_id = $2, refresh_token = $3, refresh_token_key_id = $4
		WHERE project_id = $5 AND name = $6 AND secret = $7 AND refresh_token = $8`,
		[]any{a.Secret, a.SecretKeyID, a.RefreshToken, a.RefreshTokenKeyID,
			a.ProjectID, a.Name, oldSecret, oldRefreshToken},
		`SELECT EXISTS (SELECT 1 FROM project_git_auths WHERE project_id = $1 AND name = $2)`,
		a.ProjectID, a.Name)
}
