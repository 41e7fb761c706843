package projectauth

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/gitauthd/gitauthd/internal/externalauth"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/store"
)

// List returns the project's authorizations in creation order, each with
// its status computed (see the package documentation): checks run
// concurrently, are cached briefly, and a list waits for them for at most
// ListBudget. Only a failing database fails a list; a provider that is down
// shows as the last known status. The list may be shared with later calls:
// callers read it and never modify it.
func (s *Service) List(ctx context.Context, actor identity.Actor, projectID string) ([]Authorization, error) {
	if _, err := s.reach(ctx, actor, projectID); err != nil {
		return nil, err
	}
	gen := s.lists.Generation()
	rows, err := s.store.ListProjectGitAuths(ctx, projectID)
	if err != nil {
		return nil, storeErr(err, "list project git auths")
	}
	if m, ok := s.lists.Get(projectID); ok && sameRows(m.rows, rows) {
		return m.out, nil
	}
	results, expires, all := s.checkAll(ctx, rows)
	out := make([]Authorization, len(rows))
	for i, a := range rows {
		out[i] = toAuthorization(a, results[i])
	}
	if all {
		s.lists.FillTTL(projectID, listMemo{rows: rows, out: out}, gen, expires.Sub(s.clock()))
	}
	return out, nil
}

// listMemo is a list whose checks the cache answered in full, with the
// rows it was made of, kept until the first of those checks expires. A
// check stored since (Service.check) drops it.
type listMemo struct {
	rows []store.ProjectGitAuth
	out  []Authorization
}

// sameRows reports whether b is the very slice a is: the store's cache
// returns the one it holds until the project's authorizations change, so
// an unchanged list is told in one comparison (a store without a cache
// returns a new slice every time, and the memo is never used).
func sameRows(a, b []store.ProjectGitAuth) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// checkResult is what one check found out about an authorization.
type checkResult struct {
	// known: status is this check's finding; otherwise the provider could
	// not tell and the last known status stands.
	known  bool
	status int
	// definitive: the provider (or a refused refresh) decided the status;
	// it becomes the last known one.
	definitive bool
	// user is the account the provider described (nil when none).
	user *externalauth.ProviderUser
	// updatedAt is set when a refresh replaced the token.
	updatedAt time.Time
	// reason says why the status is not 0, for the logs.
	reason string
}

// checkAll checks rows with at most s.concurrency checks at once and
// returns what finished within the list budget (nil for the others, which
// go on in the background and fill the cache). Cached results are taken
// first, without starting anything, so a list whose checks are all cached
// costs no goroutine; for such a list checkAll also reports all, with the
// time the first of its cached checks expires.
func (s *Service) checkAll(ctx context.Context, rows []store.ProjectGitAuth) (results []*checkResult, expires time.Time, all bool) {
	results = make([]*checkResult, len(rows))
	var misses []int
	found := make([]checkResult, len(rows))
	for i, a := range rows {
		if e, ok := s.cached(a); ok {
			found[i] = e.r
			results[i] = &found[i]
			if expires.IsZero() || e.expires.Before(expires) {
				expires = e.expires
			}
			continue
		}
		misses = append(misses, i)
	}
	if len(misses) == 0 {
		return results, expires, s.cacheTTL > 0
	}
	type done struct {
		i int
		r checkResult
	}
	finished := make(chan done, len(misses)) // never blocks a check
	stop := make(chan struct{})
	defer close(stop)
	slots := make(chan struct{}, s.concurrency)
	go func() {
		for _, i := range misses {
			select {
			case slots <- struct{}{}:
			case <-stop:
				return
			}
			go func() {
				defer func() { <-slots }()
				finished <- done{i: i, r: s.check(ctx, rows[i])}
			}()
		}
	}()
	budget := time.NewTimer(s.listBudget)
	defer budget.Stop()
	for range misses {
		select {
		case d := <-finished:
			found[d.i] = d.r
			results[d.i] = &found[d.i]
		case <-budget.C:
			s.log.WarnContext(ctx, "project auth: status checks did not all finish within the list budget; showing the last known status",
				"budget", s.listBudget)
			return results, expires, false
		case <-ctx.Done():
			return results, expires, false
		}
	}
	return results, expires, false
}

// checkKey names one authorization in the check cache.
type checkKey struct{ project, name string }

// checkStamp tells one credential of an authorization from another: its
// secret changes only with its UpdatedAt (a refresh, a rotation keeps the
// plaintext), and a new authorization of the same name has another
// CreatedAt. Nothing secret is kept.
type checkStamp struct{ created, updated int64 }

type stampedResult struct {
	stamp   checkStamp
	r       checkResult
	expires time.Time // when the cache drops it
}

func stampOf(a store.ProjectGitAuth) checkStamp {
	return checkStamp{a.CreatedAt.UnixNano(), a.UpdatedAt.UnixNano()}
}

// cached returns a's cached check result.
func (s *Service) cached(a store.ProjectGitAuth) (stampedResult, bool) {
	if s.cacheTTL <= 0 {
		return stampedResult{}, false
	}
	e, ok := s.cache.Get(checkKey{a.ProjectID, a.Name})
	if !ok || e.stamp != stampOf(a) {
		return stampedResult{}, false
	}
	return e, true
}

// check returns a's status, from the cache or from the provider. Concurrent
// checks of one credential share one run, detached from the caller so that
// it can finish (and be cached) after the caller stopped waiting.
func (s *Service) check(ctx context.Context, a store.ProjectGitAuth) checkResult {
	if e, ok := s.cached(a); ok {
		return e.r
	}
	stamp := stampOf(a)
	sf := a.ProjectID + "\x00" + a.Name + "\x00" + strconv.FormatInt(stamp.created, 10) + "\x00" + strconv.FormatInt(stamp.updated, 10)
	ch := s.checks.DoChan(sf, func() (any, error) {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), maxCheckTime)
		defer cancel()
		r := s.evaluate(cctx, a)
		if r.definitive {
			s.record(cctx, a, r)
		}
		if s.cacheTTL > 0 {
			ttl := s.cacheTTL
			if !r.definitive {
				ttl = min(ttl, transientCacheTTL)
			}
			s.cache.SetTTL(checkKey{a.ProjectID, a.Name}, stampedResult{stamp: stamp, r: r, expires: s.clock().Add(ttl)}, ttl)
			s.lists.Invalidate(a.ProjectID)
		}
		return r, nil
	})
	select {
	case res := <-ch:
		return res.Val.(checkResult)
	case <-ctx.Done():
		return checkResult{reason: "the check did not finish in time"}
	}
}

// evaluate asks the provider about a's credential, refreshing an OAuth
// token first when it expires soon.
func (s *Service) evaluate(ctx context.Context, a store.ProjectGitAuth) checkResult {
	p := s.provider(a.ProviderID)
	if p == nil {
		return checkResult{known: true, status: store.GitAuthStatusUnauthenticated,
			reason: "its provider " + a.ProviderID + " is no longer configured"}
	}
	if a.FailureReason != "" {
		return expired("refreshing the token failed: " + a.FailureReason)
	}
	var updatedAt time.Time
	if s.needsRefresh(a) {
		switch {
		case p.NoRefresh || a.RefreshToken == "":
			if !a.ExpiresAt.After(s.now()) {
				return expired("the token has expired and cannot be refreshed")
			}
			// Still valid for a few seconds: use it.
		default:
			fresh, err := s.refresh(ctx, p, a)
			var re *externalauth.RefreshError
			switch {
			case err == nil && fresh.FailureReason != "":
				return expired("refreshing the token failed: " + fresh.FailureReason)
			case err == nil:
				if !fresh.UpdatedAt.Equal(a.UpdatedAt) {
					updatedAt = fresh.UpdatedAt
				}
				a = fresh
			case errors.As(err, &re) && re.Permanent:
				return expired("refreshing the token failed: " + re.Reason)
			case !a.ExpiresAt.After(s.now()):
				// The refresh failed for now and the old token is gone.
				return checkResult{reason: "refreshing the token failed for now: " + err.Error()}
			}
		}
	}
	cc := s.checkCredential(ctx, p, a)
	r := checkResult{updatedAt: updatedAt, reason: cc.Reason, user: cc.User}
	switch {
	case cc.OK:
		r.known, r.status, r.definitive = true, store.GitAuthStatusNormal, cc.Definitive
	case cc.Definitive:
		r.known, r.status, r.definitive = true, store.GitAuthStatusUnauthenticated, true
	}
	return r
}

func expired(reason string) checkResult {
	return checkResult{known: true, definitive: true, status: store.GitAuthStatusExpired, reason: reason}
}

// checkCredential asks p about a's secret: a password with HTTP Basic, a
// token as a bearer token.
func (s *Service) checkCredential(ctx context.Context, p *externalauth.Provider, a store.ProjectGitAuth) externalauth.CredentialCheck {
	if a.TokenType == store.GitAuthPassword {
		return s.ext.CheckBasic(ctx, p, a.Username, a.Secret)
	}
	return s.ext.CheckBearer(ctx, p, a.Secret)
}

// provider returns the configured provider with the id, or nil.
func (s *Service) provider(id string) *externalauth.Provider {
	if s.ext == nil {
		return nil
	}
	for _, p := range s.ext.Providers() {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// needsRefresh reports whether a's OAuth token expires within refreshSkew.
func (s *Service) needsRefresh(a store.ProjectGitAuth) bool {
	return a.TokenType == store.GitAuthOAuth && !a.ExpiresAt.IsZero() && !a.ExpiresAt.After(s.now().Add(refreshSkew))
}

// errGone: the authorization was deleted during a refresh.
var errGone = errors.New("the authorization was deleted")

// refresh spends a's refresh token and returns the authorization as stored
// afterwards. One refresh token is spent once: concurrent refreshes of one
// authorization collapse into one (in this process and across processes,
// see externalauth.SharedRefresher), and the new tokens are stored with a
// compare-and-swap on the old refresh token. A refusal is recorded (the
// authorization then shows as expired); the error is then a permanent
// *externalauth.RefreshError.
func (s *Service) refresh(ctx context.Context, p *externalauth.Provider, a store.ProjectGitAuth) (store.ProjectGitAuth, error) {
	spent := a.RefreshToken
	get := func(ctx context.Context) (store.ProjectGitAuth, error) {
		cur, err := s.store.GetProjectGitAuth(ctx, a.ProjectID, a.Name)
		if errors.Is(err, store.ErrNotFound) {
			return cur, errGone
		}
		if err != nil {
			return cur, storeErr(err, "get project git auth")
		}
		return cur, nil
	}
	needs := func(ctx context.Context) (bool, error) {
		cur, err := get(ctx)
		if err != nil {
			return false, err
		}
		// Someone else spent (or failed to spend) the token meanwhile.
		return cur.FailureReason == "" && cur.RefreshToken == spent && s.needsRefresh(cur), nil
	}
	do := func(ctx context.Context) error {
		cur, err := get(ctx)
		if err != nil {
			return err
		}
		tok, err := s.ext.RefreshToken(ctx, p, cur.RefreshToken)
		if err != nil {
			var re *externalauth.RefreshError
			if !errors.As(err, &re) || !re.Permanent {
				s.log.Warn("project auth token refresh failed", "project", a.ProjectID, "name", a.Name, "provider", p.ID, "error", err)
				return err
			}
			s.log.Warn("project auth token refresh failed for good", "project", a.ProjectID, "name", a.Name, "provider", p.ID, "reason", re.Reason)
			failed := cur
			failed.FailureReason, failed.UpdatedAt = re.Reason, s.now()
			if uerr := s.store.UpdateProjectGitAuthTokens(ctx, failed, cur.RefreshToken); uerr != nil &&
				!errors.Is(uerr, store.ErrConflict) && !errors.Is(uerr, store.ErrNotFound) {
				s.log.Warn("project auth: recording a refresh failure failed", "project", a.ProjectID, "name", a.Name, "error", uerr)
			}
			return err
		}
		updated := cur
		updated.Secret = tok.AccessToken
		if tok.RefreshToken != "" {
			updated.RefreshToken = tok.RefreshToken
		}
		updated.ExpiresAt, updated.FailureReason, updated.UpdatedAt = tok.Expiry, "", s.now()
		switch err := s.store.UpdateProjectGitAuthTokens(ctx, updated, cur.RefreshToken); {
		case errors.Is(err, store.ErrConflict):
			// Only a lease that expired under a very slow refresh gets
			// here; what is stored now wins.
			s.log.Warn("project auth: the authorization changed during a refresh; keeping the stored one", "project", a.ProjectID, "name", a.Name)
		case errors.Is(err, store.ErrNotFound):
			return errGone
		case err != nil:
			return storeErr(err, "store refreshed token")
		default:
			s.log.Info("project auth token refreshed", "project", a.ProjectID, "name", a.Name, "provider", p.ID)
		}
		return nil
	}
	key := a.ProjectID + "\x00" + a.Name
	lease := "projectauth-refresh:" + a.ProjectID + ":" + a.Name
	if err := s.refresher.Do(ctx, key, lease, needs, do); err != nil {
		return a, err
	}
	return get(ctx)
}

// record keeps a definitive finding as the last known status and profile,
// when it changed.
func (s *Service) record(ctx context.Context, a store.ProjectGitAuth, r checkResult) {
	was := store.GitAuthCheck{Status: a.Status, RepoUser: a.RepoUser, RepoHome: a.RepoHome, Avatar: a.Avatar}
	now := was
	now.Status = r.status
	if u := r.user; u != nil {
		now.RepoUser, now.RepoHome, now.Avatar = u.Login, u.ProfileURL, u.AvatarURL
	}
	if now == was {
		return
	}
	if now.Status != was.Status {
		s.log.Info("project git authorization status changed", "project", a.ProjectID, "name", a.Name,
			"from", was.Status, "to", now.Status, "reason", r.reason)
	}
	err := s.store.UpdateProjectGitAuthCheck(ctx, a.ProjectID, a.Name, now)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.log.Warn("project auth: recording a status failed", "project", a.ProjectID, "name", a.Name, "error", err)
	}
}
