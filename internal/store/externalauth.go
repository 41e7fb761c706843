package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// ExternalAuthLink is a user's link to an external auth provider: the OAuth
// tokens gitauthd keeps for them. Above the store the tokens are plaintext;
// the encrypting decorator (internal/store/dbcrypt) turns them into
// ciphertext tagged with the id of the key that encrypted them, so at rest
// they are never in the clear.
type ExternalAuthLink struct {
	UserID     uuid.UUID
	ProviderID string

	AccessToken string
	// AccessTokenKeyID is the id of the key that encrypts AccessToken at
	// rest; "" when it is stored as given. Engines store key ids verbatim;
	// the decorator sets them on write and reports them on read.
	AccessTokenKeyID  string
	RefreshToken      string // "" when the provider gave none
	RefreshTokenKeyID string
	// ExpiresAt is when the access token expires; zero means never (engines
	// store it as 0, so the instant of the Unix epoch also reads as never).
	ExpiresAt time.Time
	// ExtraData is a JSON object with the extra token fields the provider
	// is configured to keep (extra_token_keys), "" for none. It can hold
	// tokens (id_token), so the decorator encrypts it at rest with the key
	// AccessTokenKeyID names.
	ExtraData string
	// FailureReason is set when a refresh failed permanently: the link is
	// unusable until the user links again.
	FailureReason string

	CreatedAt time.Time
	UpdatedAt time.Time
}

// OAuthState is a single-use state of a browser OAuth flow, bound to the
// user who started it. Only the SHA-256 of the state value is stored.
type OAuthState struct {
	StateHash  []byte
	UserID     uuid.UUID
	ProviderID string
	// Purpose distinguishes flows that share the mechanism ("external-auth",
	// "project-auth:<project>", …).
	Purpose string
	// PKCEVerifier is the PKCE code verifier (secret: encrypted at rest).
	PKCEVerifier      string
	PKCEVerifierKeyID string
	// RedirectTo is the same-origin path to return to after the callback.
	RedirectTo string
	ExpiresAt  time.Time
	CreatedAt  time.Time
}

// ExternalAuthStore persists external auth links, OAuth states and leases.
type ExternalAuthStore interface {
	// UpsertExternalAuthLink inserts or replaces the user's link to the
	// provider (created_at is kept on replace); ErrNotFound if the user does
	// not exist.
	UpsertExternalAuthLink(ctx context.Context, l ExternalAuthLink) error
	GetExternalAuthLink(ctx context.Context, userID uuid.UUID, providerID string) (ExternalAuthLink, error)
	// ListExternalAuthLinks returns the user's links ordered by provider id.
	ListExternalAuthLinks(ctx context.Context, userID uuid.UUID) ([]ExternalAuthLink, error)
	// AllExternalAuthLinks returns every link (for key rotation), ordered by
	// user id, then provider id.
	AllExternalAuthLinks(ctx context.Context) ([]ExternalAuthLink, error)
	// DeleteExternalAuthLink removes the link; ErrNotFound if absent.
	DeleteExternalAuthLink(ctx context.Context, userID uuid.UUID, providerID string) error
	// UpdateExternalAuthLinkTokens replaces the tokens (and expiry, extra
	// data, failure reason) only if the stored refresh token still equals
	// oldRefreshToken — a compare-and-swap that keeps a single-use refresh
	// token from being spent twice. ErrConflict when it no longer matches,
	// ErrNotFound when the link is gone. The comparison is on the values
	// as the caller sees them (the encrypting decorator handles ciphertext).
	// It writes the token fields, their key ids, ExpiresAt, ExtraData,
	// FailureReason and UpdatedAt; CreatedAt is kept.
	UpdateExternalAuthLinkTokens(ctx context.Context, l ExternalAuthLink, oldRefreshToken string) error

	// InsertOAuthState stores a new state; ErrConflict if a state with the
	// same hash exists, ErrNotFound if the user does not.
	InsertOAuthState(ctx context.Context, s OAuthState) error
	// ConsumeOAuthState deletes the state and returns it: a state can be
	// consumed once, and of concurrent consumers exactly one gets it.
	// ErrNotFound if absent or expired (its expiry is at or before now); an
	// expired state is deleted all the same.
	ConsumeOAuthState(ctx context.Context, stateHash []byte, now time.Time) (OAuthState, error)
	// DeleteExpiredOAuthStates removes states whose expiry is strictly
	// before t and returns how many it removed.
	DeleteExpiredOAuthStates(ctx context.Context, before time.Time) (int64, error)

	// AcquireLease takes the named lease for holder until now+ttl if it is
	// free, expired (its expiry is at or before now), or already held by
	// holder (which extends it); it reports whether holder has it. It is
	// one atomic step, so of several contenders at most one gets the lease.
	// ttl must be positive. Leases coordinate work (a token refresh) across
	// processes.
	AcquireLease(ctx context.Context, name, holder string, now time.Time, ttl time.Duration) (bool, error)
	// ReleaseLease frees the lease if holder has it; otherwise it does
	// nothing (and returns nil).
	ReleaseLease(ctx context.Context, name, holder string) error
}

// Rekeyer lets key rotation (dbcrypt.Rotate) re-encrypt stored secrets
// without ever overwriting a concurrent change. Its compare-and-swaps compare
// the values as stored (ciphertext, for encrypted values), which the
// decorator randomizes on every write. Every engine implements it; it is
// kept out of Store because nothing but key rotation needs it.
type Rekeyer interface {
	// RekeyExternalAuthLink replaces the link's access and refresh tokens,
	// their key ids and its extra data (which the decorator encrypts with
	// the access token's key), and nothing else, only if the stored values
	// still equal oldAccessToken, oldRefreshToken and oldExtraData.
	// ErrConflict when any has changed, ErrNotFound when the link is gone.
	RekeyExternalAuthLink(ctx context.Context, l ExternalAuthLink, oldAccessToken, oldRefreshToken, oldExtraData string) error
	// ListOAuthStates returns every stored state, expired or not, ordered
	// by state hash.
	ListOAuthStates(ctx context.Context) ([]OAuthState, error)
	// RekeyOAuthState replaces the state's PKCE verifier and its key id
	// only if the stored verifier still equals oldVerifier. ErrConflict when
	// it has changed, ErrNotFound when the state is gone.
	RekeyOAuthState(ctx context.Context, stateHash []byte, verifier, verifierKeyID, oldVerifier string) error
	// RekeyProjectGitAuth replaces the authorization's secret and refresh
	// token and their key ids, and nothing else, only if the stored values
	// still equal oldSecret and oldRefreshToken. ErrConflict when either has
	// changed, ErrNotFound when the authorization is gone.
	RekeyProjectGitAuth(ctx context.Context, a ProjectGitAuth, oldSecret, oldRefreshToken string) error
}
