-- name: InsertProject :exec
INSERT INTO projects (id, name, created_at) VALUES (@id, @name, @created_at);

-- name: GetProject :one
SELECT * FROM projects WHERE id = @id;

-- name: ListProjects :many
SELECT * FROM projects ORDER BY created_at, id;

-- name: ListUserProjects :many
SELECT p.* FROM projects p JOIN project_members m ON m.project_id = p.id
WHERE m.user_id = @user_id ORDER BY p.created_at, p.id;

-- name: RenameProject :one
UPDATE projects SET name = @name WHERE id = @id
RETURNING *;

-- name: DeleteProject :execrows
DELETE FROM projects WHERE id = @id;

-- name: AddProjectMember :exec
-- Keeps the first added_at of an existing membership.
INSERT INTO project_members (project_id, user_id, added_at) VALUES (@project_id, @user_id, @added_at)
ON CONFLICT (project_id, user_id) DO NOTHING;

-- name: RemoveProjectMember :execrows
DELETE FROM project_members WHERE project_id = @project_id AND user_id = @user_id;

-- name: ListProjectMembers :many
SELECT m.project_id, m.user_id, u.username, m.added_at
FROM project_members m JOIN users u ON u.id = m.user_id
WHERE m.project_id = @project_id ORDER BY m.added_at, lower(u.username), u.id;

-- name: IsProjectMember :one
SELECT EXISTS (SELECT 1 FROM project_members WHERE project_id = @project_id AND user_id = @user_id);

-- name: InsertProjectGitAuth :exec
INSERT INTO project_git_auths (project_id, name, repo_type, provider_id, token_type, repo_host, tag,
    username, secret, secret_key_id, refresh_token, refresh_token_key_id, expires_at,
    failure_reason, status, repo_user, repo_home, avatar, created_by, created_at, updated_at)
VALUES (@project_id, @name, @repo_type, @provider_id, @token_type, @repo_host, @tag,
    @username, @secret, @secret_key_id, @refresh_token, @refresh_token_key_id, @expires_at,
    @failure_reason, @status, @repo_user, @repo_home, @avatar, @created_by, @created_at, @updated_at);

-- name: GetProjectGitAuth :one
SELECT * FROM project_git_auths WHERE project_id = @project_id AND name = @name;

-- name: ListProjectGitAuths :many
-- Creation order: created_at, then insertion order (seq).
SELECT * FROM project_git_auths WHERE project_id = @project_id ORDER BY created_at, seq;

-- name: AllProjectGitAuths :many
SELECT * FROM project_git_auths ORDER BY project_id, name;

-- name: DeleteProjectGitAuth :execrows
DELETE FROM project_git_auths WHERE project_id = @project_id AND name = @name;

-- name: ProjectGitAuthExists :one
SELECT EXISTS (SELECT 1 FROM project_git_auths WHERE project_id = @project_id AND name = @name);

-- name: UpdateProjectGitAuthTokens :execrows
-- A compare-and-swap on the refresh token.
UPDATE project_git_auths SET
    secret = @secret, secret_key_id = @secret_key_id,
    refresh_token = @refresh_token, refresh_token_key_id = @refresh_token_key_id,
    expires_at = @expires_at, failure_reason = @failure_reason, updated_at = @updated_at
WHERE project_id = @project_id AND name = @name AND refresh_token = @old_refresh_token;

-- name: UpdateProjectGitAuthCheck :execrows
UPDATE project_git_auths SET status = @status, repo_user = @repo_user, repo_home = @repo_home, avatar = @avatar
WHERE project_id = @project_id AND name = @name;

-- name: RekeyProjectGitAuth :execrows
UPDATE project_git_auths SET
    secret = @secret, secret_key_id = @secret_key_id,
    refresh_token = @refresh_token, refresh_token_key_id = @refresh_token_key_id
WHERE project_id = @project_id AND name = @name AND secret = @old_secret AND refresh_token = @old_refresh_token;
