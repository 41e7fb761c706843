package sqlite

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
	_, err := s.writer.ExecContext(ctx, `INSERT INTO oauth_states (`+sqlrow.StateColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		st.StateHash, st.UserID.String(), st.ProviderID, st.Purpose, st.PKCEVerifier,
		st.PKCEVerifierKeyID, st.RedirectTo, sqlrow.Millis(st.ExpiresAt), sqlrow.Millis(st.CreatedAt))
	return s.err(ctx, "sqlite: insert oauth state", err)
}

// ConsumeOAuthState deletes the state and returns it, in one DELETE …
// RETURNING statement: of concurrent consumers (in this process or another)
// exactly one gets the row. An expired state (expiry at or before now) is
// deleted too, but reported as store.ErrNotFound.
func (s *Store) ConsumeOAuthState(ctx context.Context, stateHash []byte, now time.Time) (store.OAuthState, error) {
	const op = "sqlite: consume oauth state"
	row := s.writer.QueryRowContext(ctx,
		`DELETE FROM oauth_states WHERE state_hash = ? RETURNING `+sqlrow.StateColumns, stateHash)
	st, err := sqlrow.ScanState(row)
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
	res, err := s.writer.ExecContext(ctx, `DELETE FROM oauth_states WHERE expires_at < ?`, sqlrow.Millis(before))
	return s.affected(ctx, op, res, err)
}

// ListOAuthStates returns every state, expired or not, ordered by hash.
func (s *Store) ListOAuthStates(ctx context.Context) ([]store.OAuthState, error) {
	const op = "sqlite: list oauth states"
	rows, err := s.reader.QueryContext(ctx, `SELECT `+sqlrow.StateColumns+` FROM oauth_states ORDER BY state_hash`)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	states, err := collect(rows, sqlrow.ScanState)
	if err != nil {
		return nil, s.err(ctx, op, err)
	}
	return states, nil
}
