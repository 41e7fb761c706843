package audit

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlite"
)

// gatedStore is a real SQLite store whose first audit insert waits for
// release, so that the test can queue records behind it.
type gatedStore struct {
	store.Store
	release chan struct{}
	once    sync.Once
	mu      sync.Mutex
	groups  []int
	fail    error
}

func (g *gatedStore) InsertAuditRecords(ctx context.Context, recs []store.AuditRecord) error {
	g.mu.Lock()
	g.groups = append(g.groups, len(recs))
	fail := g.fail
	g.mu.Unlock()
	g.once.Do(func() { <-g.release })
	if fail != nil {
		return fail
	}
	return g.Store.InsertAuditRecords(ctx, recs)
}

func openStore(t *testing.T) store.Store { return openStoreB(t) }

func openStoreB(t testing.TB) store.Store {
	st, err := sqlite.Open(context.Background(), sqlite.Options{Path: t.TempDir() + "/a.db"})
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	return st
}

type countingObserver struct {
	mu                sync.Mutex
	written, failures int
}

func (c *countingObserver) AuditCommitted(n int, _ time.Duration) {
	c.mu.Lock()
	c.written += n
	c.mu.Unlock()
}

func (c *countingObserver) AuditFailed(n int) {
	c.mu.Lock()
	c.failures += n
	c.mu.Unlock()
}

func TestConcurrentRecordsShareACommit(t *testing.T) {
	g := &gatedStore{Store: openStore(t), release: make(chan struct{})}
	obs := &countingObserver{}
	r := New(g, Options{Observer: obs})
	defer r.Close()

	const n = 50
	var wg sync.WaitGroup
	errsOut := make([]error, n)
	record := func(i int) {
		wg.Go(func() {
			errsOut[i] = r.Record(context.Background(), Event{Action: ActionReadCredential,
				ResourceType: ResourceExternalAuthLink, ResourceID: fmt.Sprint(i)})
		})
	}
	groups := func() []int {
		g.mu.Lock()
		defer g.mu.Unlock()
		return slices.Clone(g.groups)
	}
	// A lone record is committed alone, and its commit is held; every
	// other record is queued behind it, then the commit may finish.
	record(0)
	for len(groups()) == 0 {
		time.Sleep(time.Millisecond)
	}
	for i := 1; i < n; i++ {
		record(i)
	}
	for len(r.queue) < n-1 {
		time.Sleep(time.Millisecond)
	}
	close(g.release)
	wg.Wait()
	for _, err := range errsOut {
		require.NoError(t, err)
	}
	require.Equal(t, []int{1, n - 1}, groups(), "the records queued during a commit share the next one")
	_, count, err := g.ListAuditRecords(context.Background(), store.AuditFilter{})
	require.NoError(t, err)
	require.EqualValues(t, n, count)
	require.Equal(t, n, obs.written)
}

func TestFailedCommitFailsEveryRecordOfIt(t *testing.T) {
	g := &gatedStore{Store: openStore(t), release: make(chan struct{}), fail: errors.New("disk full")}
	close(g.release)
	obs := &countingObserver{}
	r := New(g, Options{Observer: obs})
	defer r.Close()
	err := r.Record(context.Background(), Event{Action: ActionLogin, ResourceType: ResourceUser})
	e, ok := errs.As(err)
	require.True(t, ok, "%v", err)
	require.Equal(t, errs.KindUnavailable, e.Kind)
	require.Equal(t, 1, obs.failures)

	// Done keeps a refusal as it was, and turns an allowed action into the
	// recorder's error.
	refusal := errs.Forbidden()
	ev := Event{Action: ActionLogin}
	require.Same(t, refusal, r.Done(context.Background(), &ev, refusal))
	ev = Event{Action: ActionLogin}
	require.ErrorAs(t, r.Done(context.Background(), &ev, nil), &e)
	require.Equal(t, errs.KindUnavailable, e.Kind)
}

func TestRecordFields(t *testing.T) {
	st := openStore(t)
	r := New(st, Options{
		StatusOf:  func(error) int { return 403 },
		ActorFrom: func(context.Context) Actor { return Actor{UserID: uuid.New(), Username: "alice", KeyID: "abcdefghij"} },
	})
	ctx := WithRequest(context.Background(), Request{ID: "0123456789abcdef0123456789abcdef", IP: "192.0.2.1", UserAgent: "git/2.45", Status: 201})
	require.NoError(t, r.Record(ctx, Event{Action: ActionCreate, ResourceType: ResourceProject, ResourceID: "p1"}))
	require.NoError(t, r.Record(ctx, Event{Action: ActionDelete, ResourceType: ResourceProject, ResourceID: "p1", Err: errs.Forbidden()}))
	r.Close()
	got, _, err := st.ListAuditRecords(context.Background(), store.AuditFilter{})
	require.NoError(t, err)
	require.Len(t, got, 2)
	refused, allowed := got[0], got[1]
	require.True(t, allowed.Allowed)
	require.Equal(t, 201, allowed.StatusCode)
	require.False(t, refused.Allowed)
	require.Equal(t, 403, refused.StatusCode)
	require.Equal(t, "alice", allowed.Username)
	require.Equal(t, "abcdefghij", allowed.APIKeyID)
	require.Equal(t, "192.0.2.1", allowed.IP)
	require.Equal(t, ResourceUUID(ResourceProject, "p1"), allowed.ResourceUUID)
	require.Equal(t, allowed.ResourceUUID, ResourceUUID(ResourceProject, "p1"), "derived UUIDs are stable")

	// After Close, records fail instead of hanging.
	require.Error(t, r.Record(ctx, Event{Action: ActionLogin}))
}

func TestPruneDeletesOnlyOldRecordsInBatches(t *testing.T) {
	st := openStore(t)
	now := time.Now()
	var recs []store.AuditRecord
	for i := range 2500 {
		recs = append(recs, store.AuditRecord{ID: uuid.New(), Time: now.Add(-100 * 24 * time.Hour).Add(time.Duration(i) * time.Millisecond),
			Action: ActionLogin, ResourceType: ResourceUser, Allowed: true, StatusCode: 200})
	}
	recs = append(recs, store.AuditRecord{ID: uuid.New(), Time: now, Action: ActionLogin, ResourceType: ResourceUser, Allowed: true, StatusCode: 200})
	require.NoError(t, st.InsertAuditRecords(context.Background(), recs))
	n, err := Prune(context.Background(), st, DefaultRetention, now)
	require.NoError(t, err)
	require.EqualValues(t, 2500, n)
	_, count, err := st.ListAuditRecords(context.Background(), store.AuditFilter{})
	require.NoError(t, err)
	require.EqualValues(t, 1, count)
	n, err = Prune(context.Background(), st, 0, now)
	require.NoError(t, err)
	require.Zero(t, n, "a retention of 0 keeps everything")
}

func TestParseQuery(t *testing.T) {
	f, err := ParseQuery(`username:alice action:read_credential resource_type:external_auth_link resource_id:"github" date_from:2026-03-01 date_to:2026-03-02`)
	require.NoError(t, err)
	require.Equal(t, "alice", f.Username)
	require.Equal(t, ActionReadCredential, f.Action)
	require.Equal(t, ResourceExternalAuthLink, f.ResourceType)
	require.Equal(t, "github", f.ResourceID)
	require.Equal(t, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), f.From)
	require.Equal(t, time.Date(2026, 3, 2, 23, 59, 59, 999e6, time.UTC), f.To)
	for _, bad := range []string{"alice", "color:red", "action:fly", "resource_type:car", "date_from:yesterday", `username:"open`, "username:"} {
		_, err := ParseQuery(bad)
		e, ok := errs.As(err)
		require.True(t, ok, "%q: %v", bad, err)
		require.Equal(t, errs.KindInvalid, e.Kind, bad)
		require.Equal(t, "q", e.Fields[0].Field, bad)
	}
	f, err = ParseQuery("")
	require.NoError(t, err)
	require.Equal(t, store.AuditFilter{}, f)
}
