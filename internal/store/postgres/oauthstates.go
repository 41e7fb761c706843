package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlrow"
)

// InsertOAuthState stores st: store.ErrConflict if a state with the same
// hash exists, store.ErrNotFound if the user does not.
func (s *Store) InsertOAuthState(ctx context.Context, st store.OAuthState) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	hash := st.StateHash
	if hash == nil {
		hash = []byte{}
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO oauth_states (`+sqlrow.StateColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		hash, st.UserID, st.ProviderID, st.Purpose, st.PKCEVerifier,
		st.PKCEVerifierKeyID, st.RedirectTo, sqlrow.Millis(st.ExpiresAt), sqlrow.Millis(st.CreatedAt))
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
	st, err := sqlrow.ScanState(s.pool.QueryRow(ctx,
		`DELETE FROM oauth_states WHERE state_hash = $1 RETURNING `+sqlrow.StateColumns, stateHash))
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
	tag, err := s.pool.Exec(ctx, `DELETE FROM oauth_states WHERE expires_at < $1`, sqlrow.Millis(before))
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
	rows, err := s.pool.Query(ctx, `SELECT `+sqlrow.StateColumns+` FROM oauth_states ORDER BY state_hash`)
	states, err := collect(rows, err, sqlrow.ScanState)
	if err != nil {
		return nil, s.err(ctx, "postgres: list oauth states", err)
	}
	return states, nil
}
