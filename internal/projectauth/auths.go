package projectauth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/oauth2"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/externalauth"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/store"
)

// Authorization is a project's Git repository authorization as clients
// see it: never with its secrets.
type Authorization struct {
	Name      string
	RepoType  string
	RepoHost  string
	RepoHome  string
	RepoUser  string
	Avatar    string
	TokenType string // store.GitAuthOAuth, GitAuthPersonal or GitAuthPassword
	Tag       *string
	// Status is store.GitAuthStatusNormal, GitAuthStatusExpired or
	// GitAuthStatusUnauthenticated.
	Status    int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Limits of the values clients give.
const (
	maxNameLength = 64
	maxTagLength  = 64
)

func invalid(field, detail string) *errs.Error {
	return errs.Invalid(field, detail)
}

// checkName: 1–64 characters, none of which would need escaping in a URL
// path segment. Huawei's SDK puts the name in the DELETE path without
// escaping it, so a "/" (or "?", "#", "%", a space…) would make the
// authorization impossible to delete.
func checkName(name string) error {
	switch {
	case name == "":
		return invalid("name", "is required")
	case !utf8.ValidString(name):
		return invalid("name", "must be valid UTF-8")
	case utf8.RuneCountInString(name) > maxNameLength:
		return invalid("name", fmt.Sprintf("must be at most %d characters", maxNameLength))
	case strings.ContainsAny(name, `/\?#%`):
		return invalid("name", `must not contain "/", "\", "?", "#" or "%"`)
	case strings.ContainsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }):
		return invalid("name", "must not contain whitespace or control characters")
	}
	return nil
}

func checkTag(tag *string) error {
	if tag == nil {
		return nil
	}
	switch {
	case !utf8.ValidString(*tag) || strings.ContainsFunc(*tag, unicode.IsControl):
		return invalid("tag", "must be valid UTF-8 without control characters")
	case utf8.RuneCountInString(*tag) > maxTagLength:
		return invalid("tag", fmt.Sprintf("must be at most %d characters", maxTagLength))
	}
	return nil
}

// checkToken: a token travels in an HTTP header.
func checkToken(field, token string) error {
	switch {
	case token == "":
		return invalid(field, "is required")
	case strings.ContainsFunc(token, func(r rune) bool { return r < 0x21 || r == 0x7f }):
		return invalid(field, "must not contain whitespace or control characters")
	}
	return nil
}

// statePurpose binds an OAuth state to a project and a repo type.
func statePurpose(projectID, repoType string) string {
	return "project-auth:" + projectID + ":" + repoType
}

func hashState(state string) []byte {
	sum := sha256.Sum256([]byte(state))
	return sum[:]
}

// RedirectURL returns the provider's authorize URL for repoType with a new
// single-use state bound to the project, the caller and repoType. tag is
// checked but not kept: the oauth operation's own tag is the one stored.
func (s *Service) RedirectURL(ctx context.Context, actor identity.Actor, projectID, repoType string, tag *string) (string, error) {
	if _, err := s.reach(ctx, actor, projectID); err != nil {
		return "", err
	}
	if err := checkTag(tag); err != nil {
		return "", err
	}
	repoType = normalizeRepoType(repoType)
	p, err := s.providerFor(repoType, store.GitAuthOAuth, "")
	if err != nil {
		return "", err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", errs.Wrap(err, errs.MsgInternal)
	}
	state := base64.RawURLEncoding.EncodeToString(raw)
	verifier := ""
	if p.PKCE {
		verifier = oauth2.GenerateVerifier()
	}
	now := s.now()
	err = s.store.InsertOAuthState(ctx, store.OAuthState{
		StateHash:    hashState(state),
		UserID:       actor.User.ID,
		ProviderID:   p.ID,
		Purpose:      statePurpose(projectID, repoType),
		PKCEVerifier: verifier,
		ExpiresAt:    now.Add(stateTTL),
		CreatedAt:    now,
	})
	if err != nil {
		return "", storeErr(err, "insert oauth state")
	}
	s.sweepStates(ctx, now)
	return s.ext.AuthorizeURL(p, state, verifier)
}

// sweepStates removes expired OAuth states, at most once a minute, best
// effort.
func (s *Service) sweepStates(ctx context.Context, now time.Time) {
	old := s.lastStateSweep.Load()
	if now.Sub(time.Unix(0, old)) < time.Minute || !s.lastStateSweep.CompareAndSwap(old, now.UnixNano()) {
		return
	}
	if _, err := s.store.DeleteExpiredOAuthStates(ctx, now); err != nil {
		s.log.Warn("project auth: removing expired OAuth states failed", "error", err)
	}
}

// CreateOAuth exchanges code for a token, after checking that state was
// issued by RedirectURL to the caller for this project and repoType (a
// state is consumed by its first use, whoever makes it), and stores the
// authorization under name.
func (s *Service) CreateOAuth(ctx context.Context, actor identity.Actor, projectID, repoType string, tag *string, name, code, state string) (_ Authorization, err error) {
	ev := authEvent(audit.ActionCreate, projectID, name)
	defer func() { err = s.recordCreate(ctx, &ev, projectID, name, err) }()
	if _, err := s.reach(ctx, actor, projectID); err != nil {
		return Authorization{}, err
	}
	repoType = normalizeRepoType(repoType)
	if err := firstErr(checkName(name), checkTag(tag), checkToken("code", code), checkToken("state", state)); err != nil {
		return Authorization{}, err
	}
	p, a, err := s.newAuth(ctx, &ev, actor, projectID, repoType, name, store.GitAuthOAuth, "")
	if err != nil {
		return Authorization{}, err
	}
	st, err := s.store.ConsumeOAuthState(ctx, hashState(state), s.now())
	if errors.Is(err, store.ErrNotFound) {
		return Authorization{}, oauthInvalid("state", "is unknown, expired or already used; get a new authorization URL")
	}
	if err != nil {
		return Authorization{}, storeErr(err, "consume oauth state")
	}
	if st.Purpose != statePurpose(projectID, repoType) || st.UserID != actor.User.ID || st.ProviderID != p.ID {
		s.log.WarnContext(ctx, "project auth: an OAuth state issued for another flow was used",
			"project", projectID, "repo_type", repoType, "user", actor.User.ID)
		return Authorization{}, oauthInvalid("state", "was not issued to you for this project and repository type")
	}
	tok, err := s.ext.ExchangeCode(ctx, p, code, st.PKCEVerifier)
	if err != nil {
		if e, ok := errs.As(err); ok && e.Kind == errs.KindInvalid {
			return Authorization{}, oauthInvalid("code", "the provider refused it: "+e.Detail)
		}
		return Authorization{}, err
	}
	a.Tag, a.Secret, a.RefreshToken, a.ExpiresAt = tag, tok.AccessToken, tok.RefreshToken, tok.Expiry
	return s.save(ctx, p, a)
}

// CreatePersonal validates a personal access token with the provider
// (host selects a self-hosted instance among the configured providers) and
// stores it under name.
func (s *Service) CreatePersonal(ctx context.Context, actor identity.Actor, projectID, repoType, name, token string, host *string) (_ Authorization, err error) {
	ev := authEvent(audit.ActionCreate, projectID, name)
	defer func() { err = s.recordCreate(ctx, &ev, projectID, name, err) }()
	if _, err := s.reach(ctx, actor, projectID); err != nil {
		return Authorization{}, err
	}
	repoType = normalizeRepoType(repoType)
	if err := firstErr(checkName(name), checkToken("token", token)); err != nil {
		return Authorization{}, err
	}
	h := ""
	if host != nil {
		h = strings.TrimSpace(*host)
	}
	p, a, err := s.newAuth(ctx, &ev, actor, projectID, repoType, name, store.GitAuthPersonal, h)
	if err != nil {
		return Authorization{}, err
	}
	a.Secret = token
	return s.save(ctx, p, a)
}

// CreatePassword validates a user name and password with HTTP Basic against
// the provider and stores them under name.
func (s *Service) CreatePassword(ctx context.Context, actor identity.Actor, projectID, repoType, name, user, password string) (_ Authorization, err error) {
	ev := authEvent(audit.ActionCreate, projectID, name)
	defer func() { err = s.recordCreate(ctx, &ev, projectID, name, err) }()
	if _, err := s.reach(ctx, actor, projectID); err != nil {
		return Authorization{}, err
	}
	repoType = normalizeRepoType(repoType)
	var userErr error
	switch {
	case user == "":
		userErr = invalid("user", "is required")
	case strings.Contains(user, ":"):
		userErr = invalid("user", `must not contain ":" (HTTP Basic authentication cannot carry it)`)
	case !utf8.ValidString(user) || strings.ContainsFunc(user, unicode.IsControl):
		userErr = invalid("user", "must be valid UTF-8 without control characters")
	}
	var passErr error
	if password == "" {
		passErr = invalid("password", "is required")
	}
	if err := firstErr(checkName(name), userErr, passErr); err != nil {
		return Authorization{}, err
	}
	p, a, err := s.newAuth(ctx, &ev, actor, projectID, repoType, name, store.GitAuthPassword, "")
	if err != nil {
		return Authorization{}, err
	}
	a.Username, a.Secret = user, password
	return s.save(ctx, p, a)
}

// newAuth starts a new authorization of tokenType: it picks the provider
// (host selects a self-hosted one), names it on ev, refuses a name the
// project already uses, and returns the row without its credential.
func (s *Service) newAuth(ctx context.Context, ev *audit.Event, actor identity.Actor, projectID, repoType, name, tokenType, host string) (*externalauth.Provider, store.ProjectGitAuth, error) {
	p, err := s.providerFor(repoType, tokenType, host)
	if err != nil {
		return nil, store.ProjectGitAuth{}, err
	}
	ev.ProviderID = p.ID
	if err := s.nameFree(ctx, projectID, name); err != nil {
		return nil, store.ProjectGitAuth{}, err
	}
	now := s.now()
	return p, store.ProjectGitAuth{
		ProjectID: projectID, Name: name, RepoType: repoType, ProviderID: p.ID, TokenType: tokenType,
		RepoHost: repoHost(p), CreatedBy: actor.User.ID, CreatedAt: now, UpdatedAt: now,
	}, nil
}

// save checks a new credential with the provider and stores it: a
// credential the provider rejects is ReasonCredentialInvalid, a provider that
// cannot tell is unavailable (503); nothing is stored in either case.
func (s *Service) save(ctx context.Context, p *externalauth.Provider, a store.ProjectGitAuth) (Authorization, error) {
	cc := s.checkCredential(ctx, p, a)
	if !cc.OK {
		if cc.Definitive {
			return Authorization{}, errs.New(errs.KindInvalid, "Authorization invalid. Check the credential and authorize again.").
				WithDetail(cc.Reason).WithReason(errs.ReasonCredentialInvalid)
		}
		return Authorization{}, errs.New(errs.KindUnavailable, "The repository provider could not be reached. Please try again later.").
			WithDetail(cc.Reason)
	}
	a.Status = store.GitAuthStatusNormal
	if u := cc.User; u != nil {
		a.RepoUser, a.RepoHome, a.Avatar = u.Login, u.ProfileURL, u.AvatarURL
	}
	err := s.store.InsertProjectGitAuth(ctx, a)
	switch {
	case errors.Is(err, store.ErrConflict):
		return Authorization{}, exists(a.Name)
	case errors.Is(err, store.ErrNotFound):
		return Authorization{}, projectNotFound(a.ProjectID) // deleted meanwhile
	case err != nil:
		return Authorization{}, storeErr(err, "insert project git auth")
	}
	s.log.InfoContext(ctx, "project git authorization created", "project", a.ProjectID, "name", a.Name,
		"repo_type", a.RepoType, "provider", a.ProviderID, "token_type", a.TokenType, "by", a.CreatedBy)
	return toAuthorization(a, nil), nil
}

// nameFree refuses a name the project already uses before the provider is
// asked (the insert refuses it again if a concurrent create wins).
func (s *Service) nameFree(ctx context.Context, projectID, name string) error {
	_, err := s.store.GetProjectGitAuth(ctx, projectID, name)
	switch {
	case err == nil:
		return exists(name)
	case errors.Is(err, store.ErrNotFound):
		return nil
	default:
		return storeErr(err, "get project git auth")
	}
}

func exists(name string) *errs.Error {
	return errs.New(errs.KindConflict, "Resource already exists.").
		WithDetail(fmt.Sprintf("the project already has an authorization named %q", name)).WithReason(errs.ReasonExists)
}

func oauthInvalid(field, detail string) *errs.Error {
	e := errs.New(errs.KindInvalid, "OAuth code or state invalid.").WithDetail(field + ": " + detail).WithReason(errs.ReasonOAuthInvalid)
	e.Fields = []errs.FieldError{{Field: field, Detail: detail}}
	return e
}

func firstErr(all ...error) error {
	for _, err := range all {
		if err != nil {
			return err
		}
	}
	return nil
}

// Delete removes the project's authorization name; an unknown name is
// SVCSTG.REPO.0450. Nothing is revoked at the provider.
func (s *Service) Delete(ctx context.Context, actor identity.Actor, projectID, name string) (err error) {
	ev := authEvent(audit.ActionDelete, projectID, name)
	defer func() { err = s.audit.Done(ctx, &ev, err) }()
	if _, err := s.reach(ctx, actor, projectID); err != nil {
		return err
	}
	err = s.store.DeleteProjectGitAuth(ctx, projectID, name)
	if errors.Is(err, store.ErrNotFound) {
		return errs.New(errs.KindNotFound, "No such repository authorization.").
			WithDetail(fmt.Sprintf("the project has no authorization named %q", name)).WithReason(errs.ReasonNoSuchAuthorization)
	}
	if err != nil {
		return storeErr(err, "delete project git auth")
	}
	s.cache.Invalidate(checkKey{projectID, name})
	s.lists.Invalidate(projectID)
	s.log.InfoContext(ctx, "project git authorization deleted", "project", projectID, "name", name, "by", actor.User.ID)
	return nil
}

// toAuthorization is what clients see of a; r, when set, is a fresh check
// (otherwise the last known status and profile are shown).
func toAuthorization(a store.ProjectGitAuth, r *checkResult) Authorization {
	out := Authorization{
		Name:      a.Name,
		RepoType:  a.RepoType,
		RepoHost:  a.RepoHost,
		RepoHome:  a.RepoHome,
		RepoUser:  a.RepoUser,
		Avatar:    a.Avatar,
		TokenType: a.TokenType,
		Tag:       a.Tag,
		Status:    a.Status,
		CreatedAt: a.CreatedAt,
		UpdatedAt: a.UpdatedAt,
	}
	if r != nil {
		if r.known {
			out.Status = r.status
		}
		if r.user != nil {
			out.RepoUser, out.RepoHome, out.Avatar = r.user.Login, r.user.ProfileURL, r.user.AvatarURL
		}
		if !r.updatedAt.IsZero() {
			out.UpdatedAt = r.updatedAt
		}
	}
	return out
}

// authEvent is the audit event of an action on a project's authorization.
func authEvent(action, projectID, name string) audit.Event {
	return audit.Event{Action: action, ResourceType: audit.ResourceGitAuthorization,
		ResourceID: projectID + "/" + name, ResourceTarget: name}
}

// recordCreate records the creation of authorization name with outcome
// err; when it was created but cannot be recorded, it is removed again and
// the answer is the recorder's KindUnavailable.
func (s *Service) recordCreate(ctx context.Context, ev *audit.Event, projectID, name string, err error) error {
	created := err == nil
	if err = s.audit.Done(ctx, ev, err); err != nil && created {
		if derr := s.store.DeleteProjectGitAuth(context.WithoutCancel(ctx), projectID, name); derr != nil {
			s.log.ErrorContext(ctx, "removing an unrecorded authorization failed", "project", projectID, "name", name, "error", derr)
		}
	}
	return err
}
