package identity

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

// Token scopes, as Coder names them.
const (
	ScopeAll                = "all"
	ScopeApplicationConnect = "application_connect"
)

const (
	maxTokenNameLength = 64
	// generatedNameAttempts bounds retries when a generated name is taken.
	generatedNameAttempts = 5
)

// TokenRequest asks for an API token. A zero Lifetime means
// DefaultTokenLifetime; an empty Scope means "all"; an empty TokenName gets
// a generated readable name.
type TokenRequest struct {
	Lifetime  time.Duration
	Scope     string
	TokenName string
}

// CreateToken creates an API token (login type token) for the user named by
// userRef and returns the full key; it is shown once and only its hash is
// kept. A member may create tokens only for themselves (another user is
// KindNotFound); the owner may create them for anyone.
func (s *Service) CreateToken(ctx context.Context, actor Actor, userRef string, req TokenRequest) (raw string, err error) {
	ev := audit.Event{Actor: actor.audit(), Action: audit.ActionCreate, ResourceType: audit.ResourceAPIKey, ResourceTarget: req.TokenName}
	defer func() {
		if err != nil {
			raw = ""
		}
		err = s.audit.Done(ctx, &ev, err)
		if err != nil && raw != "" {
			// Not recorded, so not handed out: the token must not live on.
			_ = s.st.DeleteAPIKey(context.WithoutCancel(ctx), ev.ResourceID)
			raw = ""
		}
	}()
	u, err := s.ResolveUser(ctx, actor, userRef)
	if err != nil {
		return "", err
	}
	if err := s.normalizeTokenRequest(&req); err != nil {
		return "", err
	}
	generated := req.TokenName == ""
	attempts := 1
	if generated {
		attempts = generatedNameAttempts
	} else {
		// Pre-check for a clear answer; the store's unique index settles races.
		existing, err := s.st.ListAPIKeys(ctx, u.ID, store.LoginTypeToken)
		if err != nil {
			return "", storeErr(err, "list api keys")
		}
		for _, k := range existing {
			if k.TokenName == req.TokenName {
				return "", tokenNameTaken(req.TokenName)
			}
		}
	}

	now := s.now()
	for i := 0; ; i++ {
		name := req.TokenName
		if generated {
			if name, err = randomTokenName(); err != nil {
				return "", errs.Wrap(fmt.Errorf("generate token name: %w", err), errs.MsgInternal)
			}
		}
		raw, k, err := s.insertKey(ctx, store.APIKey{
			UserID:          u.ID,
			LoginType:       store.LoginTypeToken,
			Scope:           req.Scope,
			TokenName:       name,
			LifetimeSeconds: int64(req.Lifetime / time.Second),
			ExpiresAt:       now.Add(req.Lifetime),
			CreatedAt:       now,
			UpdatedAt:       now,
		})
		if err == nil {
			s.log.InfoContext(ctx, "created api token", "user_id", u.ID, "key_id", k.ID, "token_name", name, "by", actor.User.ID)
			ev.ResourceID, ev.ResourceTarget = k.ID, name
			return raw, nil
		}
		if _, isDomain := errs.As(err); isDomain {
			return "", err
		}
		if !errors.Is(err, store.ErrConflict) {
			return "", storeErr(err, "insert api token")
		}
		if i+1 >= attempts {
			return "", tokenNameTaken(name)
		}
	}
}

// normalizeTokenRequest applies defaults and validates every field.
func (s *Service) normalizeTokenRequest(req *TokenRequest) error {
	var fields []errs.FieldError
	switch {
	case req.Lifetime == 0:
		req.Lifetime = s.cfg.DefaultTokenLifetime
	case req.Lifetime < 0:
		fields = append(fields, errs.FieldError{Field: "lifetime", Detail: "lifetime must be positive"})
	case req.Lifetime > s.cfg.MaxTokenLifetime:
		fields = append(fields, errs.FieldError{Field: "lifetime", Detail: fmt.Sprintf("lifetime must be less than %s", s.cfg.MaxTokenLifetime)})
	}
	switch req.Scope {
	case "":
		req.Scope = ScopeAll
	case ScopeAll, ScopeApplicationConnect:
	default:
		fields = append(fields, errs.FieldError{Field: "scope", Detail: fmt.Sprintf("scope must be %q or %q", ScopeAll, ScopeApplicationConnect)})
	}
	if req.TokenName != "" && !validTokenName(req.TokenName) {
		fields = append(fields, errs.FieldError{Field: "token_name", Detail: fmt.Sprintf("token_name must be at most %d letters, digits, hyphens and underscores", maxTokenNameLength)})
	}
	return invalidFields(fields)
}

func validTokenName(name string) bool {
	if len(name) == 0 || len(name) > maxTokenNameLength {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c != '-' && c != '_' && !isAlphanumeric(name[i:i+1]) {
			return false
		}
	}
	return true
}

func tokenNameTaken(name string) *errs.Error {
	return conflict(fmt.Sprintf("A token with the name %q already exists.", name), "token_name", "token_name is already in use")
}

// Word lists for generated token names: adjective_noun_xxxx.
var (
	nameAdjectives = []string{
		"amber", "brave", "calm", "clever", "crisp", "eager", "fancy", "gentle", "happy", "jolly",
		"keen", "lively", "lucid", "merry", "nimble", "noble", "proud", "quick", "quiet", "rapid",
		"shiny", "silent", "steady", "sunny", "swift", "tidy", "vivid", "wise", "witty", "zesty",
	}
	nameNouns = []string{
		"badger", "beacon", "cedar", "comet", "falcon", "fern", "harbor", "heron", "island", "lantern",
		"maple", "meadow", "otter", "pebble", "pine", "planet", "quartz", "raven", "river", "robin",
		"sparrow", "spruce", "summit", "thicket", "tiger", "tulip", "valley", "walrus", "willow", "zephyr",
	}
)

const lowerAlphanumeric = "0123456789abcdefghijklmnopqrstuvwxyz"

// randomTokenName returns a readable name such as "swift_otter_k3p9".
func randomTokenName() (string, error) {
	a, err := randomIndexes(1, len(nameAdjectives))
	if err != nil {
		return "", err
	}
	n, err := randomIndexes(1, len(nameNouns))
	if err != nil {
		return "", err
	}
	suffix, err := randomString(4, lowerAlphanumeric)
	if err != nil {
		return "", err
	}
	return nameAdjectives[a[0]] + "_" + nameNouns[n[0]] + "_" + suffix, nil
}

// ListTokens returns the user's API tokens (not sessions), newest first,
// with HashedSecret cleared.
func (s *Service) ListTokens(ctx context.Context, actor Actor, userRef string) ([]store.APIKey, error) {
	u, err := s.ResolveUser(ctx, actor, userRef)
	if err != nil {
		return nil, err
	}
	keys, err := s.st.ListAPIKeys(ctx, u.ID, store.LoginTypeToken)
	if err != nil {
		return nil, storeErr(err, "list api keys")
	}
	for i := range keys {
		keys[i].HashedSecret = nil
	}
	return keys, nil
}

// DeleteKey deletes a key (token or session) of the user named by userRef.
// A key that does not exist or belongs to someone else is KindNotFound.
// Deleting the caller's own current session is allowed.
func (s *Service) DeleteKey(ctx context.Context, actor Actor, userRef, keyID string) (err error) {
	ev := audit.Event{Actor: actor.audit(), Action: audit.ActionDelete, ResourceType: audit.ResourceAPIKey}
	if validKeyID(keyID) {
		ev.ResourceID = keyID
	}
	defer func() { err = s.audit.Done(ctx, &ev, err) }()
	u, err := s.ResolveUser(ctx, actor, userRef)
	if err != nil {
		return err
	}
	if !validKeyID(keyID) {
		return errs.NotFound()
	}
	k, err := s.st.GetAPIKeyByID(ctx, keyID)
	if errors.Is(err, store.ErrNotFound) {
		return errs.NotFound()
	}
	if err != nil {
		return storeErr(err, "get api key")
	}
	if k.UserID != u.ID {
		return errs.NotFound()
	}
	ev.ResourceTarget = k.TokenName
	if err := s.st.DeleteAPIKey(ctx, keyID); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return errs.NotFound()
		}
		return storeErr(err, "delete api key")
	}
	s.log.InfoContext(ctx, "deleted api key", "user_id", u.ID, "key_id", keyID, "by", actor.User.ID)
	return nil
}

// TokenConfig returns the maximum token lifetime for a user the actor may
// see.
func (s *Service) TokenConfig(ctx context.Context, actor Actor, userRef string) (time.Duration, error) {
	if _, err := s.ResolveUser(ctx, actor, userRef); err != nil {
		return 0, err
	}
	return s.cfg.MaxTokenLifetime, nil
}

// DefaultTokenLifetime is the lifetime of a token created without one.
func (s *Service) DefaultTokenLifetime() time.Duration { return s.cfg.DefaultTokenLifetime }
