package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// InvalidationChannel is the NOTIFY channel on which replicas tell each
// other which cached rows they wrote (see internal/store/cache).
const InvalidationChannel = "gitauthd_cache"

// listenerApplicationName names the listener's connection in
// pg_stat_activity.
const listenerApplicationName = "gitauthd-listener"

// Defaults of ListenerOptions.
const (
	DefaultPublishTimeout = 2 * time.Second
	DefaultRelistenDelay  = time.Second
)

// Invalidations publishes cache invalidations to the other replicas sharing
// the database and receives theirs, with PostgreSQL's LISTEN/NOTIFY.
type Invalidations struct {
	s       *Store
	origin  string // this process, so that it skips its own messages
	apply   func(string)
	reset   func()
	timeout time.Duration
	delay   time.Duration

	listening atomic.Bool
	pid       atomic.Uint32 // the listener's backend, for tests
	cancel    context.CancelFunc
	done      chan struct{}
	stopOnce  sync.Once
}

// ListenerOptions configure Listen. Zero fields take the defaults.
type ListenerOptions struct {
	// Apply receives each invalidation another replica published.
	Apply func(invalidation string)
	// Reset is called whenever the listener (re)starts listening: the
	// notifications sent while it was not listening are lost, so every
	// cached row must be dropped.
	Reset func()
	// PublishTimeout bounds one NOTIFY.
	PublishTimeout time.Duration
	// RelistenDelay is the wait before reconnecting a dropped listener.
	RelistenDelay time.Duration
}

// Listen starts listening for invalidations on a connection of its own
// (outside the pool), reconnecting whenever it drops, until Stop.
func (s *Store) Listen(o ListenerOptions) *Invalidations {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	inv := &Invalidations{s: s, origin: hex.EncodeToString(b), apply: o.Apply, reset: o.Reset,
		timeout: o.PublishTimeout, delay: o.RelistenDelay, done: make(chan struct{})}
	if inv.timeout <= 0 {
		inv.timeout = DefaultPublishTimeout
	}
	if inv.delay <= 0 {
		inv.delay = DefaultRelistenDelay
	}
	ctx, cancel := context.WithCancel(context.Background())
	inv.cancel = cancel
	go inv.run(ctx)
	return inv
}

// Publish sends an invalidation to every replica. A failure is logged: the
// other replicas then see the write when their cached row expires.
func (inv *Invalidations) Publish(ctx context.Context, invalidation string) {
	ctx, cancel := context.WithTimeout(ctx, inv.timeout)
	defer cancel()
	if _, err := inv.s.pool.Exec(ctx, "SELECT pg_notify($1, $2)", InvalidationChannel, inv.origin+" "+invalidation); err != nil {
		inv.s.log.Warn("postgres: publishing a cache invalidation failed; other replicas see the change when their cache expires",
			"error", mapErr(ctx, "postgres: notify", err))
	}
}

// Listening reports whether the listener is connected and listening.
func (inv *Invalidations) Listening() bool { return inv.listening.Load() }

// Stop ends the listener and waits for it.
func (inv *Invalidations) Stop() {
	inv.stopOnce.Do(func() {
		inv.cancel()
		<-inv.done
	})
}

func (inv *Invalidations) run(ctx context.Context) {
	defer close(inv.done)
	for {
		err := inv.listen(ctx)
		inv.listening.Store(false)
		if ctx.Err() != nil {
			return
		}
		inv.s.log.Warn("postgres: the cache invalidation listener stopped; cached rows expire on their own until it listens again",
			"error", err, "retry_in", inv.delay)
		select {
		case <-ctx.Done():
			return
		case <-time.After(inv.delay):
		}
	}
}

// listen connects, listens and applies notifications until the connection
// fails or ctx ends.
func (inv *Invalidations) listen(ctx context.Context) error {
	cfg := inv.s.pool.Config().ConnConfig.Copy()
	cfg.RuntimeParams["application_name"] = listenerApplicationName
	cctx, cancel := context.WithTimeout(ctx, max(cfg.ConnectTimeout, time.Second))
	conn, err := pgx.ConnectConfig(cctx, cfg)
	cancel()
	if err != nil {
		return mapErr(ctx, "postgres: listener connect", err)
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = conn.Close(cctx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+InvalidationChannel); err != nil {
		return mapErr(ctx, "postgres: listen", err)
	}
	// Whatever was published while nobody listened is lost.
	if inv.reset != nil {
		inv.reset()
	}
	inv.pid.Store(conn.PgConn().PID())
	inv.listening.Store(true)
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			if errors.Is(err, context.Canceled) && ctx.Err() != nil {
				return ctx.Err()
			}
			return mapErr(ctx, "postgres: wait for notification", err)
		}
		origin, msg, _ := strings.Cut(n.Payload, " ")
		if origin == inv.origin || inv.apply == nil {
			continue
		}
		inv.apply(msg)
	}
}
