package general

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Counts are the figures a stats source reports. The server adapts its store
// to a StatsSource; this package does not depend on the store.
type Counts struct {
	Users      int64
	ActiveKeys int64 // unexpired API keys and sessions
}

// StatsSource reads the current counts.
type StatsSource func(ctx context.Context) (Counts, error)

// Stats is one snapshot, as GET /deployment/stats reports it.
type Stats struct {
	// CollectedAt is when the counts were read (the collector's clock).
	CollectedAt time.Time
	// AggregatedFrom is the start of the window the snapshot covers:
	// always CollectedAt minus the interval, whether or not an earlier
	// collection happened then.
	AggregatedFrom time.Time
	// NextUpdateAt is when the next collection is due: CollectedAt plus
	// the interval.
	NextUpdateAt time.Time
	Users        int64
	ActiveKeys   int64
}

// statsCollectTimeout bounds one call of the source.
const statsCollectTimeout = 30 * time.Second

// StatsCollector keeps the latest Stats, collecting them every interval. It
// is safe for concurrent use.
type StatsCollector struct {
	source   StatsSource
	interval time.Duration
	clock    func() time.Time
	logger   *slog.Logger

	collectMu sync.Mutex // one collection at a time

	mu     sync.RWMutex
	latest Stats
	have   bool

	startOnce sync.Once
	started   atomic.Bool
	done      chan struct{}
}

// NewStatsCollector returns a collector reading source every interval
// (--metrics-cache-refresh-interval; 1 h if not positive). clock nil means
// time.Now; logger nil means no logging. Call Start to collect in the
// background.
func NewStatsCollector(source StatsSource, interval time.Duration, clock func() time.Time, logger *slog.Logger) *StatsCollector {
	if interval <= 0 {
		interval = time.Hour
	}
	if clock == nil {
		clock = time.Now
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &StatsCollector{
		source:   source,
		interval: interval,
		clock:    clock,
		logger:   logger,
		done:     make(chan struct{}),
	}
}

// Start collects once, before returning, then every interval in a goroutine
// until ctx is done. A failed collection is logged and keeps the previous
// snapshot. Later calls do nothing.
func (c *StatsCollector) Start(ctx context.Context) {
	c.startOnce.Do(func() {
		c.started.Store(true)
		if _, err := c.Collect(ctx); err != nil {
			c.logger.Warn("collect deployment stats", slog.String("error", err.Error()))
		}
		go c.loop(ctx)
	})
}

func (c *StatsCollector) loop(ctx context.Context) {
	defer close(c.done)
	t := time.NewTicker(c.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := c.Collect(ctx); err != nil && ctx.Err() == nil {
				c.logger.Warn("collect deployment stats", slog.String("error", err.Error()))
			}
		}
	}
}

// Wait blocks until the goroutine started by Start has stopped, which it does
// once Start's ctx is done. Without Start it returns at once.
func (c *StatsCollector) Wait() {
	if c.started.Load() {
		<-c.done
	}
}

// Collect reads the source now, stores the snapshot as the latest and
// returns it. On error the latest snapshot is kept.
func (c *StatsCollector) Collect(ctx context.Context) (Stats, error) {
	c.collectMu.Lock()
	defer c.collectMu.Unlock()
	return c.collectLocked(ctx)
}

func (c *StatsCollector) collectLocked(ctx context.Context) (Stats, error) {
	ctx, cancel := context.WithTimeout(ctx, statsCollectTimeout)
	defer cancel()
	counts, err := c.source(ctx)
	if err != nil {
		return Stats{}, err
	}
	now := c.clock()
	s := Stats{
		CollectedAt:    now,
		AggregatedFrom: now.Add(-c.interval),
		NextUpdateAt:   now.Add(c.interval),
		Users:          counts.Users,
		ActiveKeys:     counts.ActiveKeys,
	}
	c.mu.Lock()
	c.latest, c.have = s, true
	c.mu.Unlock()
	return s, nil
}

// Latest returns the newest snapshot, collecting one now if there is none
// yet (then an error from the source is returned).
func (c *StatsCollector) Latest(ctx context.Context) (Stats, error) {
	c.mu.RLock()
	s, ok := c.latest, c.have
	c.mu.RUnlock()
	if ok {
		return s, nil
	}
	c.collectMu.Lock()
	defer c.collectMu.Unlock()
	c.mu.RLock()
	s, ok = c.latest, c.have
	c.mu.RUnlock()
	if ok {
		return s, nil // another caller collected while we waited
	}
	return c.collectLocked(ctx)
}
