package httpmw

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// lazyDeadline is a context with a deadline whose timer starts only when
// something waits on it (Done: a database query, a provider call). A request
// answered from memory, as most are, never pays for a timer. Until then,
// Err reports the deadline by the clock.
type lazyDeadline struct {
	parent   context.Context
	deadline time.Time

	once   sync.Once
	inner  atomic.Pointer[context.Context] // context.WithDeadline(parent), once started
	cancel context.CancelFunc
}

func withLazyDeadline(parent context.Context, d time.Time) *lazyDeadline {
	return &lazyDeadline{parent: parent, deadline: d}
}

// start makes the real deadline context.
func (c *lazyDeadline) start() context.Context {
	c.once.Do(func() {
		ctx, cancel := context.WithDeadline(c.parent, c.deadline)
		c.cancel = cancel
		c.inner.Store(&ctx)
	})
	return *c.inner.Load()
}

// stop ends the context, as cancelling a context.WithTimeout would: its
// timer, if one was started, is released; if none was, the context is
// done from now on all the same.
func (c *lazyDeadline) stop() {
	c.once.Do(func() {
		var ctx context.Context = ended{c.parent}
		c.inner.Store(&ctx)
		c.cancel = func() {}
	})
	c.cancel()
}

// ended is a context whose request is over: done, with its parent's values.
type ended struct{ context.Context }

var closedChan = func() chan struct{} { ch := make(chan struct{}); close(ch); return ch }()

func (ended) Done() <-chan struct{} { return closedChan }
func (ended) Err() error            { return context.Canceled }

func (c *lazyDeadline) Deadline() (time.Time, bool) { return c.deadline, true }

func (c *lazyDeadline) Done() <-chan struct{} { return c.start().Done() }

func (c *lazyDeadline) Err() error {
	if p := c.inner.Load(); p != nil {
		return (*p).Err()
	}
	if err := c.parent.Err(); err != nil {
		return err
	}
	if !time.Now().Before(c.deadline) {
		return context.DeadlineExceeded
	}
	return nil
}

// Value answers from the real context once it exists, so that contexts
// derived from this one find its cancellation (and need no goroutine to
// watch it).
func (c *lazyDeadline) Value(key any) any {
	if p := c.inner.Load(); p != nil {
		return (*p).Value(key)
	}
	return c.parent.Value(key)
}
