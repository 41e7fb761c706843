-- The same logical schema as sqlite/00008_git_auth_seq.sql: PostgreSQL has
-- had project_git_auths.seq since 00003, so there is nothing to change.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
