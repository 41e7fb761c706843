package postgres

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/postgres/pgtest"
)

// TestServerRestartUnderLoad restarts PostgreSQL (a clean fast stop, then a
// crash: an immediate stop, recovered from the WAL at the next start) while
// writers keep writing. During each outage every call fails fast with
// ErrUnavailable; afterwards the same Store works again without being
// reopened; and every write that was acknowledged is there.
func TestServerRestartUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and restarts a PostgreSQL server")
	}
	c := pgtest.StartCluster(t)
	s, err := Open(t.Context(), Options{URL: c.URL, MaxConns: 4, ConnectTimeout: 2 * time.Second})
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	u := sampleUser("load")
	require.NoError(t, s.InsertFirstUser(t.Context(), u))

	var (
		mu         sync.Mutex
		acked      []string
		failures   atomic.Int64
		slowest    atomic.Int64 // nanoseconds of the slowest failed call
		unexpected = make(chan error, 100)
		stop       = make(chan struct{})
		wg         sync.WaitGroup
		seq        atomic.Int64
	)
	for w := range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				id := fmt.Sprintf("w%dk%07d", w, seq.Add(1))
				began := time.Now()
				err := s.InsertAPIKey(t.Context(), sampleKey(u.ID, id))
				switch {
				case err == nil:
					mu.Lock()
					acked = append(acked, id)
					mu.Unlock()
				case errors.Is(err, store.ErrUnavailable):
					failures.Add(1)
					if d := int64(time.Since(began)); d > slowest.Load() {
						slowest.Store(d)
					}
					time.Sleep(20 * time.Millisecond)
				default:
					select {
					case unexpected <- err:
					default:
					}
				}
			}
		})
	}
	ackedNow := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(acked)
	}
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s\nserver log:\n%s", what, c.Log())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	for _, mode := range []string{"fast", "immediate"} {
		before := ackedNow()
		waitFor("writes before the restart", func() bool { return ackedNow() >= before+20 })
		c.Stop(mode)
		failed := failures.Load()
		waitFor("writes failing while the server is down", func() bool { return failures.Load() >= failed+10 })
		// Reads fail fast too.
		began := time.Now()
		_, err := s.GetUserByID(t.Context(), u.ID)
		require.ErrorIs(t, err, store.ErrUnavailable, "mode %s", mode)
		require.Less(t, time.Since(began), 3*time.Second, "mode %s: a call fails fast while the server is down", mode)

		c.Start()
		after := ackedNow()
		waitFor("writes succeeding again", func() bool { return ackedNow() >= after+20 })
		require.NoError(t, s.Ping(t.Context()), "mode %s: the store reconnected by itself", mode)
	}
	close(stop)
	wg.Wait()
	close(unexpected)
	for err := range unexpected {
		require.NoError(t, err, "only ErrUnavailable during the outages")
	}
	require.Less(t, time.Duration(slowest.Load()), 3*time.Second, "failed calls failed fast")

	mu.Lock()
	defer mu.Unlock()
	for _, id := range acked {
		_, err := s.GetAPIKeyByID(t.Context(), id)
		require.NoError(t, err, "acknowledged key %s", id)
	}
	c2, err := s.Counts(t.Context(), time.Now())
	require.NoError(t, err)
	require.GreaterOrEqual(t, c2.ActiveKeys, int64(len(acked)))
	t.Logf("%d writes acknowledged, %d refused while the server was down", len(acked), failures.Load())
}
