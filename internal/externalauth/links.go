package externalauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"golang.org/x/oauth2"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

// Get returns the caller's status with a provider. With no link the answer
// is simply not authenticated; a link whose provider is down, slow or
// confused is reported not authenticated with ValidateError saying why,
// never as an error (only a failing database is one).
func (s *Service) Get(ctx context.Context, userID uuid.UUID, providerID string) (Status, error) {
	p, err := s.Provider(ctx, providerID)
	if err != nil {
		return Status{}, err
	}
	st := Status{
		Provider:      p,
		Installations: []Installation{},
		AppInstallURL: p.AppInstallURL,
	}
	l, err := s.store.GetExternalAuthLink(ctx, userID, p.ID)
	if errors.Is(err, store.ErrNotFound) {
		return st, nil
	}
	if err != nil {
		return Status{}, storeErr(err, "get external auth link")
	}
	l, err = s.ensureFresh(ctx, p, l)
	if lp, ok := asProblem(err); ok {
		st.ValidateError = lp.reason
		return st, nil
	}
	if err != nil {
		return Status{}, err
	}
	v := s.validate(ctx, p, tokensOf(l))
	st.Authenticated, st.User, st.ValidateError = v.OK, v.User, v.Reason
	if st.Authenticated {
		st.Installations, st.AppInstallable = s.installations(ctx, p, tokensOf(l))
	}
	return st, nil
}

// List returns the configured providers (in configuration order) and the
// caller's links to them, each refreshed if needed and validated.
func (s *Service) List(ctx context.Context, userID uuid.UUID) ([]*Provider, []LinkInfo, error) {
	links, err := s.store.ListExternalAuthLinks(ctx, userID)
	if err != nil {
		return nil, nil, storeErr(err, "list external auth links")
	}
	type slot struct {
		info LinkInfo
		err  error
		ok   bool
	}
	slots := make([]slot, len(links))
	var wg sync.WaitGroup
	for i, l := range links {
		p, ok := s.byID[l.ProviderID]
		if !ok {
			continue // a provider no longer configured
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			info, err := s.linkInfo(ctx, p, l)
			slots[i] = slot{info: info, err: err, ok: true}
		}()
	}
	wg.Wait()
	infos := make([]LinkInfo, 0, len(links))
	for _, sl := range slots {
		if sl.err != nil {
			return nil, nil, sl.err
		}
		if sl.ok {
			infos = append(infos, sl.info)
		}
	}
	return s.Providers(), infos, nil
}

func (s *Service) linkInfo(ctx context.Context, p *Provider, l store.ExternalAuthLink) (LinkInfo, error) {
	fresh, err := s.ensureFresh(ctx, p, l)
	info := LinkInfo{ProviderID: p.ID, CreatedAt: l.CreatedAt}
	if lp, ok := asProblem(err); ok {
		info.UpdatedAt, info.HasRefreshToken, info.Expires = l.UpdatedAt, l.RefreshToken != "", l.ExpiresAt
		info.ValidateError = lp.reason
		return info, nil
	}
	if err != nil {
		return LinkInfo{}, err
	}
	info.UpdatedAt, info.HasRefreshToken, info.Expires = fresh.UpdatedAt, fresh.RefreshToken != "", fresh.ExpiresAt
	v := s.validate(ctx, p, tokensOf(fresh))
	info.Authenticated, info.ValidateError = v.OK, v.Reason
	return info, nil
}

// Unlink removes the caller's link to a provider, then asks the provider to
// revoke the token (best effort: the link is gone whatever it answers).
func (s *Service) Unlink(ctx context.Context, userID uuid.UUID, providerID string) (_ Revocation, err error) {
	ev := linkEvent(audit.ActionDelete, providerID)
	defer func() { err = s.audit.Done(ctx, &ev, err) }()
	p, err := s.Provider(ctx, providerID)
	if err != nil {
		return Revocation{}, err
	}
	l, err := s.store.GetExternalAuthLink(ctx, userID, p.ID)
	if errors.Is(err, store.ErrNotFound) {
		return Revocation{}, s.notLinked(p)
	}
	if err != nil {
		return Revocation{}, storeErr(err, "get external auth link")
	}
	err = s.store.DeleteExternalAuthLink(ctx, userID, p.ID)
	if errors.Is(err, store.ErrNotFound) {
		return Revocation{}, s.notLinked(p)
	}
	if err != nil {
		return Revocation{}, storeErr(err, "delete external auth link")
	}
	s.invalidate(userID, p.ID)
	s.log.Info("external auth link removed", "provider", p.ID, "user", userID)
	// The link is gone: revoke even if the caller hangs up now.
	return s.revoke(context.WithoutCancel(ctx), p, l.AccessToken), nil
}

// revoke asks the provider to revoke an access token.
func (s *Service) revoke(ctx context.Context, p *Provider, token string) Revocation {
	if p.RevokeURL == "" || p.RevokeStyle == RevokeNone || token == "" {
		return Revocation{}
	}
	var req *http.Request
	var err error
	switch p.RevokeStyle {
	case RevokeGitHub:
		body, _ := json.Marshal(map[string]string{"access_token": token})
		req, err = http.NewRequestWithContext(ctx, http.MethodDelete, p.RevokeURL, strings.NewReader(string(body)))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", "application/vnd.github+json")
			req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
			req.SetBasicAuth(p.ClientID, p.ClientSecret)
		}
	case RevokeRFC7009:
		form := url.Values{"token": {token}, "token_type_hint": {"access_token"}}
		if p.AuthStyle == oauth2.AuthStyleInParams {
			form.Set("client_id", p.ClientID)
			if p.ClientSecret != "" {
				form.Set("client_secret", p.ClientSecret)
			}
		}
		req, err = http.NewRequestWithContext(ctx, http.MethodPost, p.RevokeURL, strings.NewReader(form.Encode()))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Accept", "application/json")
			if p.AuthStyle != oauth2.AuthStyleInParams {
				req.SetBasicAuth(url.QueryEscape(p.ClientID), url.QueryEscape(p.ClientSecret))
			}
		}
	default:
		return Revocation{Error: fmt.Sprintf("unknown revocation style %q", p.RevokeStyle)}
	}
	if err != nil {
		return Revocation{Error: "the provider's revoke URL is invalid"}
	}
	a, err := s.call(withCall(ctx, p, EndpointRevoke), req)
	if err != nil {
		s.log.Warn("external auth token revocation failed", "provider", p.ID, "error", describeCallErr(err))
		return Revocation{Error: "revoking the token at the provider " + describeCallErr(err)}
	}
	if a.status >= 200 && a.status < 300 {
		return Revocation{Revoked: true}
	}
	msg := fmt.Sprintf("the provider answered the revocation with HTTP %d", a.status)
	if code := errorCode(a.body); code != "" {
		msg += " (" + cleanText(redact(code, token), 64) + ")"
	}
	s.log.Warn("external auth token revocation refused", "provider", p.ID, "status", a.status)
	return Revocation{Error: msg}
}

// errorCode reads an OAuth-style "error" (or GitHub's "message") from a
// JSON answer.
func errorCode(body []byte) string {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return ""
	}
	return firstString(m, "error", "message")
}

// Token returns the caller's usable access token for a provider, refreshed
// if needed. No link is KindNotFound; a link that cannot be used any more
// is KindUnauthorized, telling the person to link again.
func (s *Service) Token(ctx context.Context, userID uuid.UUID, providerID string) (tok Token, err error) {
	ev := linkEvent(audit.ActionReadCredential, providerID)
	defer func() {
		if err = s.audit.Done(ctx, &ev, err); err != nil {
			tok = Token{}
		}
	}()
	p, err := s.Provider(ctx, providerID)
	if err != nil {
		return Token{}, err
	}
	l, err := s.usableLink(ctx, p, userID)
	if err != nil {
		return Token{}, s.problemErr(p, err)
	}
	return Token{AccessToken: l.AccessToken, Extra: parseExtra(l.ExtraData), Expiry: l.ExpiresAt}, nil
}

// errNoLink marks a missing link in usableLink.
var errNoLink = errors.New("no link")

// usableLink returns the user's link to p with a token that can be handed
// out: refreshed if needed and not rejected by the provider. When the
// provider cannot be asked (down, rate limited) the token is handed out
// anyway: git will find out, and an outage must not look like a revoked
// link. Errors: errNoLink, *linkProblem, or a store error.
func (s *Service) usableLink(ctx context.Context, p *Provider, userID uuid.UUID) (store.ExternalAuthLink, error) {
	l, err := s.store.GetExternalAuthLink(ctx, userID, p.ID)
	if errors.Is(err, store.ErrNotFound) {
		return l, errNoLink
	}
	if err != nil {
		return l, storeErr(err, "get external auth link")
	}
	if l, err = s.ensureFresh(ctx, p, l); err != nil {
		return l, err
	}
	if v := s.validate(ctx, p, tokensOf(l)); !v.OK && v.Definitive {
		return l, relinkProblem("%s", v.Reason)
	}
	return l, nil
}

// problemErr turns a usableLink error into a domain error.
func (s *Service) problemErr(p *Provider, err error) error {
	if errors.Is(err, errNoLink) {
		return s.notLinked(p)
	}
	lp, ok := asProblem(err)
	if !ok {
		return err
	}
	if lp.relink {
		return errs.New(errs.KindUnauthorized,
			fmt.Sprintf("Your %s link is no longer valid. Link your account again at %s.", displayName(p), s.LinkURL(p))).
			WithDetail(lp.reason)
	}
	return errs.New(errs.KindUnavailable, msgProviderUnavailable).WithDetail(lp.reason)
}

func asProblem(err error) (*linkProblem, bool) {
	var lp *linkProblem
	ok := errors.As(err, &lp)
	return lp, ok
}

// GitCredentials answers a git credential helper asking for matchURL: the
// first provider whose regex matches it serves it. With a usable link the
// answer carries the token and git's username and password for it;
// without one, only the URL where the person can link. With listen, it
// waits (bounded by ctx) until a usable link exists.
func (s *Service) GitCredentials(ctx context.Context, userID uuid.UUID, matchURL string, listen bool) (creds GitCredentials, err error) {
	ev := linkEvent(audit.ActionReadCredential, "")
	ev.RepositoryURL = safeURL(matchURL)
	defer func() {
		// Only a token handed out, or a refusal, is recorded: an answer
		// with just the URL where to link hands nothing out.
		if err != nil || creds.AccessToken != "" {
			if err = s.audit.Done(ctx, &ev, err); err != nil {
				creds = GitCredentials{}
			}
		}
	}()
	var p *Provider
	for _, c := range s.providers {
		if c.Regex != nil && c.Regex.MatchString(matchURL) {
			p = c
			break
		}
	}
	if p == nil {
		return GitCredentials{}, errs.New(errs.KindNotFound, "no external auth provider matches the URL").
			WithDetail(fmt.Sprintf("no external auth provider matches %q", cleanText(safeURL(matchURL), 200)))
	}
	ev.ResourceID, ev.ResourceTarget, ev.ProviderID = p.ID, p.ID, p.ID
	for {
		l, err := s.usableLink(ctx, p, userID)
		if err == nil {
			user, pass := p.GitUsernamePassword(l.AccessToken)
			return GitCredentials{
				AccessToken: l.AccessToken,
				TokenExtra:  parseExtra(l.ExtraData),
				Type:        p.Type,
				Username:    user,
				Password:    pass,
			}, nil
		}
		if _, ok := asProblem(err); !ok && !errors.Is(err, errNoLink) {
			if listen && ctx.Err() != nil {
				return GitCredentials{URL: s.LinkURL(p), Type: p.Type}, nil
			}
			return GitCredentials{}, err // the database failed
		}
		if !listen {
			return GitCredentials{URL: s.LinkURL(p), Type: p.Type}, nil
		}
		t := time.NewTimer(s.listenPoll)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return GitCredentials{URL: s.LinkURL(p), Type: p.Type}, nil
		}
	}
}

// safeURL is rawURL without credentials, query or fragment, for messages.
func safeURL(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(an unparsable URL)"
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}

// invalidate forgets what is cached about the user's link to a provider.
func (s *Service) invalidate(userID uuid.UUID, providerID string) {
	k := linkKey{userID, providerID}
	s.validated.invalidate(k)
	s.installs.invalidate(k)
}

// saveNewToken validates a token just issued by the provider and stores it
// as the user's link (replacing any previous one). Nothing is stored when
// the token does not validate.
func (s *Service) saveNewToken(ctx context.Context, p *Provider, userID uuid.UUID, tok *oauth2.Token) error {
	now := s.now()
	l := store.ExternalAuthLink{
		UserID:       userID,
		ProviderID:   p.ID,
		AccessToken:  tok.AccessToken,
		RefreshToken: tok.RefreshToken,
		ExpiresAt:    s.expiryOf(tok),
		ExtraData:    extraData(p, tok),
		CreatedAt:    now,
		UpdatedAt:    now,
	}
	if p.NoRefresh {
		l.RefreshToken = ""
	}
	s.invalidate(userID, p.ID)
	v := s.validate(ctx, p, tokensOf(l))
	if !v.OK {
		if v.Definitive {
			return errs.New(errs.KindInvalid, "The token the provider issued did not validate.").WithDetail(v.Reason)
		}
		return errs.New(errs.KindUnavailable, msgProviderUnavailable).WithDetail(v.Reason)
	}
	err := s.store.UpsertExternalAuthLink(ctx, l)
	if errors.Is(err, store.ErrNotFound) {
		return errs.NotFound().WithDetail("the user does not exist")
	}
	if err != nil {
		return storeErr(err, "upsert external auth link")
	}
	s.log.Info("external auth link stored", "provider", p.ID, "user", userID)
	return nil
}

// expiryOf is when tok expires by the service's clock; zero means never.
func (s *Service) expiryOf(tok *oauth2.Token) time.Time {
	secs := tok.ExpiresIn
	if secs <= 0 {
		secs = int64Of(tok.Extra("expires_in"))
	}
	if secs > 0 {
		return s.now().Add(time.Duration(secs) * time.Second)
	}
	if !tok.Expiry.IsZero() {
		return tok.Expiry.UTC().Truncate(time.Millisecond)
	}
	return time.Time{}
}

func int64Of(v any) int64 {
	switch n := v.(type) {
	case int64:
		return n
	case int:
		return int64(n)
	case float64:
		if n > 0 && n < math.MaxInt32 {
			return int64(n)
		}
	case json.Number:
		i, _ := n.Int64()
		return i
	case string:
		i, _ := strconv.ParseInt(strings.TrimSpace(n), 10, 64)
		return i
	}
	return 0
}

// extraData keeps the token fields the provider is configured to keep, as
// a JSON object ("" for none).
func extraData(p *Provider, tok *oauth2.Token) string {
	if len(p.ExtraTokenKeys) == 0 {
		return ""
	}
	m := make(map[string]any, len(p.ExtraTokenKeys))
	for _, k := range p.ExtraTokenKeys {
		if v := tok.Extra(k); v != nil && v != "" {
			m[k] = v
		}
	}
	if len(m) == 0 {
		return ""
	}
	b, err := json.Marshal(m)
	if err != nil {
		return ""
	}
	return string(b)
}

func parseExtra(data string) map[string]any {
	if data == "" {
		return nil
	}
	var m map[string]any
	if json.Unmarshal([]byte(data), &m) != nil || len(m) == 0 {
		return nil
	}
	return m
}
