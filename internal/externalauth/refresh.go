package externalauth

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
	"golang.org/x/oauth2"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/store"
)

// linkProblem says why a link's token cannot be used right now.
type linkProblem struct {
	reason string
	// relink: the link is unusable until the person links again; otherwise
	// the problem is transient (provider down, refresh still running).
	relink bool
}

func (e *linkProblem) Error() string { return e.reason }

func relinkProblem(format string, args ...any) *linkProblem {
	return &linkProblem{reason: fmt.Sprintf(format, args...), relink: true}
}

func transientProblem(format string, args ...any) *linkProblem {
	return &linkProblem{reason: fmt.Sprintf(format, args...)}
}

// failedProblem is the answer for a link whose refresh failed for good.
func failedProblem(reason string) *linkProblem {
	return relinkProblem("refreshing the token failed (%s); link your account again", reason)
}

func tokensOf(l store.ExternalAuthLink) linkTokens {
	return linkTokens{userID: l.UserID, accessToken: l.AccessToken, expiresAt: l.ExpiresAt}
}

// needsRefresh reports whether l's token expires within refreshSkew.
func (s *Service) needsRefresh(l store.ExternalAuthLink) bool {
	return !l.ExpiresAt.IsZero() && !l.ExpiresAt.After(s.now().Add(refreshSkew))
}

// ensureFresh returns l with a token that can be used now, refreshing it
// first if it expires soon. The error is a *linkProblem when the token
// cannot be used, or a store error.
//
// Concurrent callers for one link collapse into a single refresh: a
// singleflight in this process and a store lease across processes.
func (s *Service) ensureFresh(ctx context.Context, p *Provider, l store.ExternalAuthLink) (store.ExternalAuthLink, error) {
	if l.FailureReason != "" {
		return l, failedProblem(l.FailureReason)
	}
	if !s.needsRefresh(l) {
		return l, nil
	}
	if p.NoRefresh || l.RefreshToken == "" {
		if l.ExpiresAt.After(s.now()) {
			// Still valid for a few seconds and nothing can be done
			// about it: let the caller use it.
			return l, nil
		}
		return l, relinkProblem("the token has expired and cannot be refreshed; link your account again")
	}
	ch := s.refreshes.DoChan(userKey(l.UserID, p.ID), func() (any, error) {
		// Detached from the first caller so that its going away does not
		// fail the others (or waste a single-use refresh token midway).
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.refreshBudget())
		defer cancel()
		return s.refreshShared(rctx, p, l.UserID)
	})
	select {
	case r := <-ch:
		var lp *linkProblem
		if errors.As(r.Err, &lp) && !lp.relink && l.ExpiresAt.After(s.now()) {
			// The refresh failed for now but the old token still works
			// for a few seconds.
			return l, nil
		}
		if r.Err != nil {
			return l, r.Err
		}
		return r.Val.(store.ExternalAuthLink), nil
	case <-ctx.Done():
		return l, transientProblem("refreshing the token %s", describeCallErr(ctx.Err()))
	}
}

// refreshBudget bounds one shared refresh: every attempt and its backoff,
// plus the store work around them.
func (s *Service) refreshBudget() time.Duration {
	return refreshAttempts*s.providerTimeout + 8*s.refreshBackoff + 5*time.Second
}

// leaseTTL is leaseTTL, or longer when a refresh may take longer (a long
// ProviderTimeout), so that the lease outlives the refresh it guards.
func (s *Service) leaseTTL() time.Duration {
	return max(leaseTTL, s.refreshBudget()+5*time.Second)
}

func leaseName(userID uuid.UUID, providerID string) string {
	return "externalauth-refresh:" + userID.String() + ":" + providerID
}

// refreshShared refreshes the user's link to p under the store lease. A
// process that does not get the lease waits until the holder has written
// the new token (or gives the lease up) instead of spending the refresh
// token a second time.
func (s *Service) refreshShared(ctx context.Context, p *Provider, userID uuid.UUID) (store.ExternalAuthLink, error) {
	var cur store.ExternalAuthLink
	// needed reads the link (into cur) and says whether it still needs a
	// refresh; a link that failed for good, or is gone, ends the wait.
	needed := func(ctx context.Context) (bool, error) {
		var err error
		if cur, err = s.readLink(ctx, p, userID); err != nil {
			return false, err
		}
		if cur.FailureReason != "" {
			return false, failedProblem(cur.FailureReason)
		}
		return s.needsRefresh(cur), nil
	}
	err := s.underLease(ctx, leaseName(userID, p.ID), needed, func(ctx context.Context) error {
		var err error
		cur, err = s.refreshLink(ctx, p, userID, cur)
		return err
	})
	if errors.Is(err, errLeaseWait) {
		return cur, transientProblem("waiting for another server to refresh the token %s", describeCallErr(err))
	}
	return cur, err
}

// refreshLink spends cur's refresh token (under the lease) and stores the
// outcome with a compare-and-swap on the spent refresh token.
func (s *Service) refreshLink(ctx context.Context, p *Provider, userID uuid.UUID, cur store.ExternalAuthLink) (store.ExternalAuthLink, error) {
	if p.NoRefresh || cur.RefreshToken == "" {
		return cur, relinkProblem("the token has expired and cannot be refreshed; link your account again")
	}
	tok, err := s.refreshWithRetry(ctx, p, cur.RefreshToken)
	s.observeRefresh(p, err, cur.RefreshToken)
	if err != nil {
		permanent, reason := classifyRefreshErr(err, cur.RefreshToken)
		if !permanent {
			s.log.Warn("external auth token refresh failed", "provider", p.ID, "user", userID, "reason", reason)
			return cur, transientProblem("refreshing the token failed (%s); try again later", reason)
		}
		s.log.Warn("external auth token refresh failed for good", "provider", p.ID, "user", userID, "reason", reason)
		failed := cur
		failed.FailureReason = truncate(reason, maxReasonLen)
		failed.UpdatedAt = s.now()
		switch err := s.store.UpdateExternalAuthLinkTokens(ctx, failed, cur.RefreshToken); {
		case errors.Is(err, store.ErrConflict):
			// The link changed under us (a relink): use what is there now.
			if now, rerr := s.readLink(ctx, p, userID); rerr == nil && now.FailureReason == "" && !s.needsRefresh(now) {
				return now, nil
			}
		case err != nil:
			s.log.Warn("external auth: recording a refresh failure failed", "provider", p.ID, "user", userID, "error", err)
		}
		s.invalidate(userID, p.ID)
		return cur, failedProblem(reason)
	}

	updated := cur
	updated.AccessToken = tok.AccessToken
	if tok.RefreshToken != "" {
		updated.RefreshToken = tok.RefreshToken
	}
	updated.ExpiresAt = s.expiryOf(tok)
	if extra := extraData(p, tok); extra != "" {
		updated.ExtraData = extra
	}
	updated.FailureReason = ""
	updated.UpdatedAt = s.now()
	switch err := s.store.UpdateExternalAuthLinkTokens(ctx, updated, cur.RefreshToken); {
	case errors.Is(err, store.ErrConflict):
		// Only a relink (or a lease that expired under a very slow
		// refresh) gets here; what is stored now wins.
		s.log.Warn("external auth: the link changed during a refresh; keeping the stored one", "provider", p.ID, "user", userID)
		return s.readLink(ctx, p, userID)
	case errors.Is(err, store.ErrNotFound):
		return cur, relinkProblem("the link was removed; link your account again")
	case err != nil:
		return cur, storeErr(err, "store refreshed token")
	}
	s.log.Info("external auth token refreshed", "provider", p.ID, "user", userID)
	ev := linkEvent(audit.ActionRefreshCredential, p.ID)
	ev.ResourceTarget = userID.String()
	// The new token is stored whatever happens here; handing it out is
	// recorded (and gated) by its reader.
	_ = s.audit.Record(ctx, ev)
	return updated, nil
}

// readLink reads the user's link from the database itself (never a cached
// copy: it decides whether a refresh another replica may just have done is
// still needed); a missing link is a linkProblem.
func (s *Service) readLink(ctx context.Context, p *Provider, userID uuid.UUID) (store.ExternalAuthLink, error) {
	l, err := s.store.GetExternalAuthLink(store.Fresh(ctx), userID, p.ID)
	if errors.Is(err, store.ErrNotFound) {
		return l, relinkProblem("the link was removed; link your account again")
	}
	if err != nil {
		return l, storeErr(err, "get external auth link")
	}
	return l, nil
}

// refreshWithRetry spends refreshToken at the token endpoint, retrying
// transient failures with exponential backoff and jitter.
func (s *Service) refreshWithRetry(ctx context.Context, p *Provider, refreshToken string) (*oauth2.Token, error) {
	cfg := s.oauth[p.ID]
	for attempt := 0; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, s.providerTimeout)
		// An empty access token makes the token source refresh at once,
		// whatever the clocks say.
		tok, err := cfg.TokenSource(s.oauthContext(withCall(actx, p, EndpointToken)), &oauth2.Token{RefreshToken: refreshToken}).Token()
		cancel()
		if err == nil {
			return tok, nil
		}
		if permanent, _ := classifyRefreshErr(err, refreshToken); permanent || attempt+1 >= refreshAttempts {
			return nil, err
		}
		wait := s.refreshBackoff << attempt
		wait += time.Duration(rand.Int64N(int64(wait)/2 + 1))
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, err
		}
	}
}

// Error codes that say a refresh can never succeed.
var permanentCodes = map[string]bool{
	"invalid_grant":                true,
	"invalid_client":               true,
	"unauthorized_client":          true,
	"invalid_request":              true,
	"unsupported_grant_type":       true,
	"invalid_scope":                true,
	"bad_refresh_token":            true, // GitHub, with HTTP 200
	"incorrect_client_credentials": true,
}

// classifyRefreshErr says whether a refresh failure is permanent (the
// refresh token or the client is rejected: 400/401, or an OAuth error code
// in a 2xx answer as GitHub sends them) or transient (network, 5xx, 429,
// garbage), and describes it without secrets.
func classifyRefreshErr(err error, refreshToken string) (permanent bool, reason string) {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		if strings.Contains(err.Error(), "missing access_token") {
			return false, "the provider's answer had no access token"
		}
		if strings.Contains(err.Error(), "cannot parse") {
			return false, "the provider's answer was unreadable"
		}
		return false, "the provider " + describeCallErr(err)
	}
	status := 0
	if re.Response != nil {
		status = re.Response.StatusCode
	}
	reason = fmt.Sprintf("HTTP %d", status)
	if code := cleanText(re.ErrorCode, 64); code != "" {
		reason = code + " (" + reason + ")"
	}
	if desc := cleanText(redact(re.ErrorDescription, refreshToken), 200); desc != "" {
		reason += ": " + desc
	}
	switch {
	case re.ErrorCode == "temporarily_unavailable" || re.ErrorCode == "slow_down":
		return false, reason
	case status == http.StatusTooManyRequests || status == http.StatusRequestTimeout || status >= 500:
		return false, reason
	case status == http.StatusBadRequest || status == http.StatusUnauthorized:
		return true, reason
	case status >= 200 && status < 300 && re.ErrorCode != "":
		return true, reason
	case permanentCodes[re.ErrorCode]:
		return true, reason
	default:
		return false, reason
	}
}

// redact removes secret from s.
func redact(s, secret string) string {
	if secret == "" {
		return s
	}
	return strings.ReplaceAll(s, secret, "[redacted]")
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// cleanText keeps printable characters of a provider-supplied text and cuts
// it to n bytes.
func cleanText(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
	return truncate(strings.TrimSpace(s), n)
}
