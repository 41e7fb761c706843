package general

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock advances by one second on every reading.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Second)
	return c.now
}

func TestStatsCollector(t *testing.T) {
	var calls atomic.Int64
	source := func(ctx context.Context) (Counts, error) {
		n := calls.Add(1)
		return Counts{Users: n, ActiveKeys: 10 * n}, nil
	}
	clock := &fakeClock{now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	const interval = 10 * time.Millisecond
	c := NewStatsCollector(source, interval, clock.Now, nil)

	ctx, cancel := context.WithCancel(context.Background())
	c.Start(ctx)
	c.Start(ctx) // a second Start does nothing
	if calls.Load() < 1 {
		t.Fatal("Start did not collect before returning")
	}
	first, err := c.Latest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if first.Users < 1 || first.ActiveKeys != 10*first.Users {
		t.Errorf("first = %+v", first)
	}
	if !first.AggregatedFrom.Equal(first.CollectedAt.Add(-interval)) || !first.NextUpdateAt.Equal(first.CollectedAt.Add(interval)) {
		t.Errorf("window = %v .. %v, next %v", first.AggregatedFrom, first.CollectedAt, first.NextUpdateAt)
	}

	deadline := time.Now().Add(5 * time.Second)
	for calls.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if calls.Load() < 3 {
		t.Fatalf("only %d collections in 5s with a %v interval", calls.Load(), interval)
	}
	later, _ := c.Latest(ctx)
	if !later.CollectedAt.After(first.CollectedAt) || later.Users <= first.Users {
		t.Errorf("later = %+v, first = %+v", later, first)
	}

	cancel()
	c.Wait()
	stopped := calls.Load()
	time.Sleep(5 * interval)
	if calls.Load() != stopped {
		t.Errorf("collected after ctx was done")
	}
}

func TestStatsCollectorLatestCollectsWhenEmpty(t *testing.T) {
	var calls atomic.Int64
	fail := true
	source := func(ctx context.Context) (Counts, error) {
		calls.Add(1)
		if fail {
			return Counts{}, errors.New("database down")
		}
		return Counts{Users: 2, ActiveKeys: 3}, nil
	}
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	c := NewStatsCollector(source, time.Hour, func() time.Time { return at }, nil)

	if _, err := c.Latest(context.Background()); err == nil {
		t.Fatal("Latest with a failing source and no snapshot: want error")
	}
	fail = false
	s, err := c.Latest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{
		CollectedAt:    at,
		AggregatedFrom: at.Add(-time.Hour),
		NextUpdateAt:   at.Add(time.Hour),
		Users:          2,
		ActiveKeys:     3,
	}
	if s != want {
		t.Errorf("Latest = %+v, want %+v", s, want)
	}
	// The snapshot is kept: no new collection, and a later failure keeps it.
	n := calls.Load()
	if again, _ := c.Latest(context.Background()); again != want || calls.Load() != n {
		t.Errorf("Latest collected again")
	}
	fail = true
	if _, err := c.Collect(context.Background()); err == nil {
		t.Error("Collect with failing source: want error")
	}
	if kept, _ := c.Latest(context.Background()); kept != want {
		t.Errorf("failed collection replaced the snapshot: %+v", kept)
	}
	c.Wait() // never started: returns at once
}

func TestStatsCollectorStartSurvivesFailure(t *testing.T) {
	source := func(ctx context.Context) (Counts, error) { return Counts{}, errors.New("down") }
	c := NewStatsCollector(source, time.Hour, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	c.Start(ctx)
	cancel()
	c.Wait()
}
