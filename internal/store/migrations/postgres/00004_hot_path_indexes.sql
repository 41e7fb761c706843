-- Indexes for the lookups of the hot paths that no primary key serves.
-- Every other hot lookup (an API key, a user, a link, a project, a
-- membership by its key) is a primary-key read; the engine's tests show the
-- plans (EXPLAIN) of all of them.

-- +goose Up
-- A project's authorizations in creation order (the ServiceStage list):
-- the rows come from the index in order, with no sort.
CREATE INDEX project_git_auths_project_created_idx ON project_git_auths (project_id, created_at, seq);

-- +goose Down
DROP INDEX project_git_auths_project_created_idx;
