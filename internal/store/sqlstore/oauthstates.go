package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlq"
)

func toState(st sqlq.OauthState) store.OAuthState {
	return store.OAuthState{StateHash: st.StateHash, UserID: st.UserID, ProviderID: st.ProviderID, Purpose: st.Purpose,
		PKCEVerifier: st.PkceVerifier, PKCEVerifierKeyID: st.PkceVerifierKeyID, RedirectTo: st.RedirectTo,
		ExpiresAt: fromMillis(st.ExpiresAt), CreatedAt: fromMillis(st.CreatedAt)}
}

// InsertOAuthState stores st: store.ErrConflict if a state with the same
// hash exists, store.ErrNotFound if the user does not.
func (s *Store) InsertOAuthState(ctx context.Context, st store.OAuthState) error {
	row := sqlq.InsertOAuthStateParams{StateHash: st.StateHash, UserID: st.UserID, ProviderID: st.ProviderID,
		Purpose: st.Purpose, PkceVerifier: st.PKCEVerifier, PkceVerifierKeyID: st.PKCEVerifierKeyID,
		RedirectTo: st.RedirectTo, ExpiresAt: millis(st.ExpiresAt), CreatedAt: millis(st.CreatedAt)}
	return s.exec(ctx, "insert oauth state", func(ctx context.Context) error { return s.w.InsertOAuthState(ctx, row) })
}

// ConsumeOAuthState deletes the state and returns it, in one DELETE …
// RETURNING statement: of concurrent consumers (in this process or another)
// exactly one gets the row. An expired state (expiry at or before now) is
// deleted too, but reported as store.ErrNotFound.
func (s *Store) ConsumeOAuthState(ctx context.Context, stateHash []byte, now time.Time) (store.OAuthState, error) {
	const op = "consume oauth state"
	st, err := read(s, ctx, op, func(ctx context.Context) (sqlq.OauthState, error) {
		return s.w.ConsumeOAuthState(ctx, stateHash)
	}, toState)
	if err != nil {
		return store.OAuthState{}, err
	}
	if !st.ExpiresAt.After(now) {
		return store.OAuthState{}, fmt.Errorf("%s: %s: %w: the state has expired", s.e.Name, op, store.ErrNotFound)
	}
	return st, nil
}

// DeleteExpiredOAuthStates removes the states whose expiry is strictly
// before before, and returns how many it removed.
func (s *Store) DeleteExpiredOAuthStates(ctx context.Context, before time.Time) (int64, error) {
	return s.execCount(ctx, "delete expired oauth states", func(ctx context.Context) (int64, error) {
		return s.w.DeleteExpiredOAuthStates(ctx, millis(before))
	})
}

// ListOAuthStates returns every state, expired or not, ordered by hash.
func (s *Store) ListOAuthStates(ctx context.Context) ([]store.OAuthState, error) {
	return readAll(s, ctx, "list oauth states", s.r.ListOAuthStates, toState)
}

// RekeyOAuthState replaces the state's PKCE verifier and key id if the
// stored verifier still equals oldVerifier: store.ErrConflict when it does
// not, store.ErrNotFound when the state is gone.
func (s *Store) RekeyOAuthState(ctx context.Context, stateHash []byte, verifier, verifierKeyID, oldVerifier string) error {
	arg := sqlq.RekeyOAuthStateParams{PkceVerifier: verifier, PkceVerifierKeyID: verifierKeyID, StateHash: stateHash, OldPkceVerifier: oldVerifier}
	return compareAndSwap(s, ctx, "rekey oauth state", (*sqlq.Queries).RekeyOAuthState, arg, (*sqlq.Queries).OAuthStateExists, stateHash)
}

// AcquireLease takes the named lease for holder until now+ttl, in one
// statement: it inserts the lease, or takes it over if it has expired (its
// expiry is at or before now) or already belongs to holder (extending it).
// ttl must be positive.
func (s *Store) AcquireLease(ctx context.Context, name, holder string, now time.Time, ttl time.Duration) (bool, error) {
	const op = "acquire lease"
	if ttl <= 0 {
		return false, fmt.Errorf("%s: %s: ttl must be positive, got %v", s.e.Name, op, ttl)
	}
	arg := sqlq.AcquireLeaseParams{Name: name, Holder: holder, ExpiresAt: millis(now.Add(ttl)), Now: millis(now)}
	n, err := s.execCount(ctx, op, func(ctx context.Context) (int64, error) { return s.w.AcquireLease(ctx, arg) })
	return n == 1, err
}

// ReleaseLease frees the lease if holder has it; otherwise it does nothing.
func (s *Store) ReleaseLease(ctx context.Context, name, holder string) error {
	arg := sqlq.ReleaseLeaseParams{Name: name, Holder: holder}
	return s.exec(ctx, "release lease", func(ctx context.Context) error { return s.w.ReleaseLease(ctx, arg) })
}
