-- Indexes for the lookups of the hot paths that no primary key serves.
-- Every other hot lookup (an API key, a user, a link, a project, a
-- membership by its key) is a primary-key read; migrations_test shows the
-- plans (EXPLAIN QUERY PLAN) of all of them.

-- +goose Up
-- A project's authorizations in creation order (the ServiceStage list):
-- the rows come from the index in order, with no sort (seq, the
-- tie-breaker, is the rowid, the last column of every SQLite index).
-- 00008 rebuilds the table and makes this index again.
CREATE INDEX project_git_auths_project_created_idx ON project_git_auths (project_id, created_at);

-- +goose Down
DROP INDEX project_git_auths_project_created_idx;
