-- name: InsertAuditRecord :exec
-- One record; a group is inserted in one transaction (group commit).
INSERT INTO audit_logs (id, time, user_id, username, api_key_id, action, resource_type,
    resource_id, resource_uuid, resource_target, provider_id, repository_url, allowed,
    status_code, request_id, ip, user_agent)
VALUES (@id, @time, @user_id, @username, @api_key_id, @action, @resource_type,
    @resource_id, @resource_uuid, @resource_target, @provider_id, @repository_url, @allowed,
    @status_code, @request_id, @ip, @user_agent);

-- name: ListAuditRecords :many
-- An empty filter value (0 for times) matches everything; the caller folds
-- the username's ASCII letters, as lower() does.
SELECT * FROM audit_logs
WHERE (CAST(@user_id AS TEXT) = '' OR user_id = @user_id)
  AND (CAST(@folded_username AS TEXT) = '' OR lower(username) = @folded_username)
  AND (CAST(@action AS TEXT) = '' OR action = @action)
  AND (CAST(@resource_type AS TEXT) = '' OR resource_type = @resource_type)
  AND (CAST(@resource_id AS TEXT) = '' OR resource_id = @resource_id OR resource_uuid = @resource_id)
  AND (CAST(@from_time AS BIGINT) = 0 OR time >= @from_time)
  AND (CAST(@to_time AS BIGINT) = 0 OR time <= @to_time)
ORDER BY time DESC, seq DESC
LIMIT @page_limit OFFSET @page_offset;

-- name: CountAuditRecords :one
SELECT count(*) FROM audit_logs
WHERE (CAST(@user_id AS TEXT) = '' OR user_id = @user_id)
  AND (CAST(@folded_username AS TEXT) = '' OR lower(username) = @folded_username)
  AND (CAST(@action AS TEXT) = '' OR action = @action)
  AND (CAST(@resource_type AS TEXT) = '' OR resource_type = @resource_type)
  AND (CAST(@resource_id AS TEXT) = '' OR resource_id = @resource_id OR resource_uuid = @resource_id)
  AND (CAST(@from_time AS BIGINT) = 0 OR time >= @from_time)
  AND (CAST(@to_time AS BIGINT) = 0 OR time <= @to_time);

-- name: DeleteAuditRecordsBefore :execrows
-- Retention: at most page_limit of the oldest records older than before.
DELETE FROM audit_logs WHERE seq IN
    (SELECT old.seq FROM audit_logs old WHERE old.time < @before ORDER BY old.time, old.seq LIMIT @page_limit);
