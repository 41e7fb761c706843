package sqlite

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
	_, err := s.writer.ExecContext(ctx, `INSERT INTO oauth_states (`+stateColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		st.StateHash, st.UserID.String(), st.ProviderID, st.Purpose, st.PKCEVerifier,
		st.PKCEVerifierKeyID, st.RedirectTo, millis(st.ExpiresAt), millis(st.CreatedAt))
	return s.err(ctx, "sqlite: insert oauth state", err)
}

// ConsumeOAuthState deletes the state and returns it, in one DELETE …
// RETURNING statement: of concurrent consumers (in this process or another)
// exactly one gets the row. An expired state (expiry at or before now) is
// deleted too, but reported as store.ErrNotFound.
func (s *Store) ConsumeOAuthState(ctx context.Context, stateHash []byte, now time.Time) (store.OAuthState, error) {
	const op = "sqlite: consume oauth state"
	row := s.writer.QueryRowContext(ctx,
		`DELETE FROM oauth_states WHERE state_hash = ? RETURNING `+stateColumns, stateHash)
	st, err := scanState(row)
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
	const op = "sqlite: delete expired oauth states"
	res, err := s.writer.ExecContext(ctx, `DELETE FROM oauth_states WHERE expires_at < ?`, millis(before))
	if err != nil {
		return 0, s.err(ctx, op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, s.err(ctx, op, err)
	}
	return n, nil
}

// ListOAuthStates returns every state, expired or not, ordered by hash.
func (s *Store) ListOAuthStates(ctx context.Context) ([]store.OAuthState, error) {
	const op = "sqlite: list oauth states"
	rows, err := s.reader.QueryContext(ctx, `SELECT `+stateColumns+` FROM oauth_states ORDER BY state_hash`)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	states, err := collect(rows, scanState)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	return states, nil
}
