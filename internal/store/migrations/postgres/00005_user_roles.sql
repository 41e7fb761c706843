-- Site roles as a set (Coder's owner, user-admin, auditor; member is implied
-- and never stored): users.role becomes users.roles, the roles sorted and
-- joined by commas, '' for a plain member. Owners stay owners.

-- +goose Up
ALTER TABLE users RENAME COLUMN role TO roles;
UPDATE users SET roles = '' WHERE roles <> 'owner';

-- +goose Down
UPDATE users SET roles = CASE WHEN (',' || roles || ',') LIKE '%,owner,%' THEN 'owner' ELSE 'member' END;
ALTER TABLE users RENAME COLUMN roles TO role;
