package sqlrow

import "github.com/gitauthd/gitauthd/internal/store"

// Scanner is the common part of *sql.Row, *sql.Rows, pgx.Row and pgx.Rows.
type Scanner interface {
	Scan(dest ...any) error
}

// UserColumns is the column list every user query selects, in ScanUser
// order.
const UserColumns = `id, email, username, name, hashed_password, roles, status,
	login_type, avatar_url, created_at, updated_at, last_seen_at`

// ScanUser reads one row of UserColumns.
func ScanUser(sc Scanner) (store.User, error) {
	var (
		u                        store.User
		created, updated, seenAt int64
		roles                    string
	)
	err := sc.Scan(&u.ID, &u.Email, &u.Username, &u.Name, &u.HashedPassword, &roles, &u.Status,
		&u.LoginType, &u.AvatarURL, &created, &updated, &seenAt)
	if err != nil {
		return store.User{}, err
	}
	u.CreatedAt, u.UpdatedAt, u.LastSeenAt = FromMillis(created), FromMillis(updated), FromMillis(seenAt)
	u.Roles = DecodeRoles(roles)
	return u, nil
}

// APIKeyColumns is the column list every key query selects, in ScanAPIKey
// order.
const APIKeyColumns = `id, hashed_secret, user_id, login_type, scope, token_name,
	lifetime_seconds, expires_at, created_at, updated_at, last_used`

// ScanAPIKey reads one row of APIKeyColumns.
func ScanAPIKey(sc Scanner) (store.APIKey, error) {
	var (
		k                                 store.APIKey
		expires, created, updated, usedAt int64
	)
	err := sc.Scan(&k.ID, &k.HashedSecret, &k.UserID, &k.LoginType, &k.Scope, &k.TokenName,
		&k.LifetimeSeconds, &expires, &created, &updated, &usedAt)
	if err != nil {
		return store.APIKey{}, err
	}
	k.ExpiresAt, k.CreatedAt = FromMillis(expires), FromMillis(created)
	k.UpdatedAt, k.LastUsed = FromMillis(updated), FromMillis(usedAt)
	return k, nil
}

// LinkColumns is the column list every external auth link query selects, in
// ScanLink order.
const LinkColumns = `user_id, provider_id, access_token, access_token_key_id,
	refresh_token, refresh_token_key_id, expires_at, extra_data, failure_reason,
	created_at, updated_at`

// ScanLink reads one row of LinkColumns.
func ScanLink(sc Scanner) (store.ExternalAuthLink, error) {
	var (
		l                         store.ExternalAuthLink
		expires, created, updated int64
	)
	err := sc.Scan(&l.UserID, &l.ProviderID, &l.AccessToken, &l.AccessTokenKeyID,
		&l.RefreshToken, &l.RefreshTokenKeyID, &expires, &l.ExtraData, &l.FailureReason,
		&created, &updated)
	if err != nil {
		return store.ExternalAuthLink{}, err
	}
	l.ExpiresAt = FromOptionalMillis(expires)
	l.CreatedAt, l.UpdatedAt = FromMillis(created), FromMillis(updated)
	return l, nil
}

// StateColumns is the column list every OAuth state query selects, in
// ScanState order.
const StateColumns = `state_hash, user_id, provider_id, purpose, pkce_verifier,
	pkce_verifier_key_id, redirect_to, expires_at, created_at`

// ScanState reads one row of StateColumns.
func ScanState(sc Scanner) (store.OAuthState, error) {
	var (
		st               store.OAuthState
		expires, created int64
	)
	err := sc.Scan(&st.StateHash, &st.UserID, &st.ProviderID, &st.Purpose, &st.PKCEVerifier,
		&st.PKCEVerifierKeyID, &st.RedirectTo, &expires, &created)
	if err != nil {
		return store.OAuthState{}, err
	}
	st.ExpiresAt, st.CreatedAt = FromMillis(expires), FromMillis(created)
	return st, nil
}

// ScanProject reads one row of id, name, created_at from projects.
func ScanProject(sc Scanner) (store.Project, error) {
	var (
		p       store.Project
		created int64
	)
	if err := sc.Scan(&p.ID, &p.Name, &created); err != nil {
		return store.Project{}, err
	}
	p.CreatedAt = FromMillis(created)
	return p, nil
}

// ScanProjectMember reads one row of project_id, user_id, username,
// added_at (the member's username joined from users).
func ScanProjectMember(sc Scanner) (store.ProjectMember, error) {
	var (
		m     store.ProjectMember
		added int64
	)
	if err := sc.Scan(&m.ProjectID, &m.UserID, &m.Username, &added); err != nil {
		return store.ProjectMember{}, err
	}
	m.AddedAt = FromMillis(added)
	return m, nil
}

// GitAuthColumns is the column list every project authorization query
// selects, in ScanGitAuth order.
const GitAuthColumns = `project_id, name, repo_type, provider_id, token_type, repo_host, tag,
	username, secret, secret_key_id, refresh_token, refresh_token_key_id, expires_at,
	failure_reason, status, repo_user, repo_home, avatar, created_by, created_at, updated_at`

// ScanGitAuth reads one row of GitAuthColumns. A NULL tag reads as a nil
// Tag (database/sql and pgx both scan NULL into a **string as nil).
func ScanGitAuth(sc Scanner) (store.ProjectGitAuth, error) {
	var (
		a                         store.ProjectGitAuth
		tag                       *string
		expires, created, updated int64
	)
	err := sc.Scan(&a.ProjectID, &a.Name, &a.RepoType, &a.ProviderID, &a.TokenType, &a.RepoHost, &tag,
		&a.Username, &a.Secret, &a.SecretKeyID, &a.RefreshToken, &a.RefreshTokenKeyID, &expires,
		&a.FailureReason, &a.Status, &a.RepoUser, &a.RepoHome, &a.Avatar, &a.CreatedBy, &created, &updated)
	if err != nil {
		return store.ProjectGitAuth{}, err
	}
	a.Tag = tag
	a.ExpiresAt = FromOptionalMillis(expires)
	a.CreatedAt, a.UpdatedAt = FromMillis(created), FromMillis(updated)
	return a, nil
}
