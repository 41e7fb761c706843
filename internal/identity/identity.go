// Package identity owns gitauthd's people and their keys: users, their roles
// and lifecycle, password and external (OIDC) sign-in, session keys, API
// tokens, and the authentication of every request.
//
// It is transport-free: it knows nothing of Echo or of generated API types,
// returns store values, and reports failures as *errs.Error, which
// internal/httpapi writes in either error dialect.
package identity

import (
	"log/slog"
	"time"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/ratelimit"
	"github.com/gitauthd/gitauthd/internal/store"
)

// Defaults applied by New to zero-valued Config fields. They follow Coder's
// server defaults.
const (
	DefaultSessionDuration      = 24 * time.Hour
	DefaultTokenLifetime        = 30 * 24 * time.Hour // Coder's `tokens create --lifetime` default
	DefaultMaxTokenLifetime     = 876600 * time.Hour  // Coder's CODER_MAX_TOKEN_LIFETIME default (~100 years)
	DefaultLoginRateLimit       = 10                  // attempts per minute per email and per client IP
	defaultRateLimiterMaxKeys   = 65536
	usageWriteInterval          = time.Minute // last_used / last_seen_at are written at most this often
	loginRateWindow             = time.Minute
	msgTooManyLoginAttempts     = "Too many login attempts. Please try again later."
	msgIncorrectEmailOrPassword = "Incorrect email or password."
)

// Config tunes the identity service. Zero values take the defaults above.
type Config struct {
	// SessionDuration is the lifetime of a session key (from password
	// login). It is extended to now+SessionDuration on use unless
	// DisableExpiryRefresh is set.
	SessionDuration      time.Duration
	DisableExpiryRefresh bool
	// DefaultTokenLifetime applies when a token request has no lifetime.
	DefaultTokenLifetime time.Duration
	// MaxTokenLifetime bounds the lifetime a token request may ask for.
	MaxTokenLifetime time.Duration
	// LoginRateLimit is the number of login attempts allowed per minute per
	// email address and per client IP. 0 means DefaultLoginRateLimit; a
	// negative value disables the limit.
	LoginRateLimit int
	// PasswordParams are the argon2id parameters for new password hashes.
	// The zero value means DefaultPasswordParams. Existing hashes are
	// verified with the parameters they were made with.
	PasswordParams PasswordParams
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Audit records sign-ins, sign-outs, users, keys and roles; nil records
	// nothing.
	Audit *audit.Recorder
}

// Service implements the identity use cases over a store.Store. It is safe
// for concurrent use.
type Service struct {
	st    store.Store
	cfg   Config
	log   *slog.Logger
	pw    *hasher
	limit *ratelimit.Limiter[string] // nil when disabled
	links LinkRevoker                // nil: nothing to revoke
	audit *audit.Recorder
}

// New returns a Service. A nil logger discards logs.
func New(st store.Store, cfg Config, logger *slog.Logger) *Service {
	if cfg.SessionDuration <= 0 {
		cfg.SessionDuration = DefaultSessionDuration
	}
	if cfg.MaxTokenLifetime <= 0 {
		cfg.MaxTokenLifetime = DefaultMaxTokenLifetime
	}
	if cfg.DefaultTokenLifetime <= 0 {
		cfg.DefaultTokenLifetime = DefaultTokenLifetime
	}
	if cfg.DefaultTokenLifetime > cfg.MaxTokenLifetime {
		cfg.DefaultTokenLifetime = cfg.MaxTokenLifetime
	}
	if cfg.LoginRateLimit == 0 {
		cfg.LoginRateLimit = DefaultLoginRateLimit
	}
	if cfg.PasswordParams == (PasswordParams{}) {
		cfg.PasswordParams = DefaultPasswordParams
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Service{
		st:    st,
		cfg:   cfg,
		log:   logger,
		pw:    newHasher(cfg.PasswordParams),
		audit: cfg.Audit,
	}
	s.limit = ratelimit.New[string](cfg.LoginRateLimit, loginRateWindow, defaultRateLimiterMaxKeys)
	return s
}

// now returns the current time in UTC, truncated to the millisecond so that
// values written to the store read back equal.
func (s *Service) now() time.Time {
	return s.cfg.Now().UTC().Truncate(time.Millisecond)
}

// storeErr turns a store failure into a domain error (see errs.FromStore).
func storeErr(err error, op string) error { return errs.FromStore(err, ""+op) }

// conflict returns a KindConflict error naming field.
func conflict(message, field, detail string) *errs.Error {
	e := errs.New(errs.KindConflict, message).WithDetail(detail)
	if field != "" {
		e.Fields = []errs.FieldError{{Field: field, Detail: detail}}
	}
	return e
}
