package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/gitauthd/gitauthd/internal/store"
)

// stateColumns is the column list every state query selects, in scanState
// order.
const stateColumns = `state_hash, user_id, provider_id, purpose, pkce_verifier,
	pkce_verifier_key_id, redirect_to, expires_at, created_at`

// scanState reads one row of stateColumns.
func scanState(sc scanner) (store.OAuthState, error) {
	var (
		st               store.OAuthState
		expires, created int64
	)
	err := sc.Scan(&st.StateHash, &st.UserID, &st.ProviderID, &st.Purpose, &st.PKCEVerifier,
		&st.PKCEVerifierKeyID, &st.RedirectTo, &expires, &created)
	if err != nil {
		return store.OAuthState{}, err
	}
	st.ExpiresAt, st.CreatedAt = fromMillis(expires), fromMillis(created)
	return st, nil
}

// InsertOAuthState stores st: store.ErrConflict if a state with the same
// hash exists, store.ErrNotFound if the user does not.
func (s *Store) InsertOAuthState(ctx context.Context, st store.OAuthState) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	hash := st.StateHash
	if hash == nil {
		hash = []byte{}
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO oauth_states (`+stateColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		hash, st.UserID, st.ProviderID, st.Purpose, st.PKCEVerifier,
		st.PKCEVerifierKeyID, st.RedirectTo, millis(st.ExpiresAt), millis(st.CreatedAt))
	return s.err(ctx, "postgres: insert oauth state", err)
}

// ConsumeOAuthState deletes the state and returns it, in one DELETE …
// RETURNING statement: of concurrent consumers (in this process or another
// replica) exactly one gets the row. An expired state (expiry at or before
// now) is deleted too, but reported as store.ErrNotFound.
func (s *Store) ConsumeOAuthState(ctx context.Context, stateHash []byte, now time.Time) (store.OAuthState, error) {
	const op = "postgres: consume oauth state"
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	if stateHash == nil {
		stateHash = []byte{}
	}
	st, err := scanState(s.pool.QueryRow(ctx,
		`DELETE FROM oauth_states WHERE state_hash = $1 RETURNING `+stateColumns, stateHash))
	if err != nil {
		return store.OAuthState{}, s.err(ctx, op, err)
	}
	if !st.ExpiresAt.After(now) {
		return store.OAuthState{}, fmt.Errorf("%s: %w: the state has expired", op, store.ErrNotFound)
	}
	return st, nil
}

// DeleteExpiredOAuthStates removes the states whose expiry is strictly
// before before, and returns how many it removed.
func (s *Store) DeleteExpiredOAuthStates(ctx context.Context, before time.Time) (int64, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	tag, err := s.pool.Exec(ctx, `DELETE FROM oauth_states WHERE expires_at < $1`, millis(before))
	if err != nil {
		return 0, s.err(ctx, "postgres: delete expired oauth states", err)
	}
	return tag.RowsAffected(), nil
}

// ListOAuthStates returns every state, expired or not, ordered by hash
// (bytewise, as SQLite orders BLOBs).
func (s *Store) ListOAuthStates(ctx context.Context) ([]store.OAuthState, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	rows, err := s.pool.Query(ctx, `SELECT `+stateColumns+` FROM oauth_states ORDER BY state_hash`)
	states, err := collect(rows, err, scanState)
	if err != nil {
		return nil, s.err(ctx, "postgres: list oauth states", err)
	}
	return states, nil
}
