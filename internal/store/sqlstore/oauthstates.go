package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlq"
)

func toState(st sqlq.OauthState) store.OAuthState {
	return store.OAuthState{
		StateHash: st.StateHash, UserID: st.UserID, ProviderID: st.ProviderID, Purpose: st.Purpose,
		PKCEVerifier: st.PkceVerifier, PKCEVerifierKeyID: st.PkceVerifierKeyID, RedirectTo: st.RedirectTo,
		ExpiresAt: fromMillis(st.ExpiresAt), CreatedAt: fromMillis(st.CreatedAt),
	}
}

// InsertOAuthState stores st: store.ErrConflict if a state with the same
// hash exists, store.ErrNotFound if the user does not.
func (s *Store) InsertOAuthState(ctx context.Context, st store.OAuthState) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	return s.err(ctx, "insert oauth state", s.w.InsertOAuthState(ctx, sqlq.InsertOAuthStateParams{
		StateHash: st.StateHash, UserID: st.UserID, ProviderID: st.ProviderID, Purpose: st.Purpose,
		PkceVerifier: st.PKCEVerifier, PkceVerifierKeyID: st.PKCEVerifierKeyID, RedirectTo: st.RedirectTo,
		ExpiresAt: millis(st.ExpiresAt), CreatedAt: millis(st.CreatedAt),
	}))
}

// ConsumeOAuthState deletes the state and returns it, in one DELETE …
// RETURNING statement: of concurrent consumers (in this process or another)
// exactly one gets the row. An expired state (expiry at or before now) is
// deleted too, but reported as store.ErrNotFound.
func (s *Store) ConsumeOAuthState(ctx context.Context, stateHash []byte, now time.Time) (store.OAuthState, error) {
	const op = "consume oauth state"
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	row, err := s.w.ConsumeOAuthState(ctx, stateHash)
	st, err := one(s, ctx, op, row, err, toState)
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
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	n, err := s.w.DeleteExpiredOAuthStates(ctx, millis(before))
	return n, s.err(ctx, "delete expired oauth states", err)
}

// ListOAuthStates returns every state, expired or not, ordered by hash.
func (s *Store) ListOAuthStates(ctx context.Context) ([]store.OAuthState, error) {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	sts, err := s.r.ListOAuthStates(ctx)
	return many(s, ctx, "list oauth states", sts, err, toState)
}

// RekeyOAuthState replaces the state's PKCE verifier and key id if the
// stored verifier still equals oldVerifier: store.ErrConflict when it does
// not, store.ErrNotFound when the state is gone.
func (s *Store) RekeyOAuthState(ctx context.Context, stateHash []byte, verifier, verifierKeyID, oldVerifier string) error {
	return s.compareAndSwap(ctx, "rekey oauth state", func(ctx context.Context, q *sqlq.Queries) (int64, error) {
		return q.RekeyOAuthState(ctx, sqlq.RekeyOAuthStateParams{
			PkceVerifier: verifier, PkceVerifierKeyID: verifierKeyID, StateHash: stateHash, OldPkceVerifier: oldVerifier,
		})
	}, func(ctx context.Context, q *sqlq.Queries) (bool, error) { return q.OAuthStateExists(ctx, stateHash) })
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
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	n, err := s.w.AcquireLease(ctx, sqlq.AcquireLeaseParams{Name: name, Holder: holder, ExpiresAt: millis(now.Add(ttl)), Now: millis(now)})
	return n == 1, s.err(ctx, op, err)
}

// ReleaseLease frees the lease if holder has it; otherwise it does nothing.
func (s *Store) ReleaseLease(ctx context.Context, name, holder string) error {
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	return s.err(ctx, "release lease", s.w.ReleaseLease(ctx, sqlq.ReleaseLeaseParams{Name: name, Holder: holder}))
}
