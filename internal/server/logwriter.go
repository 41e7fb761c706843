package server

import (
	"io"
	"sync"
)

// maxPendingLog bounds what a log writer holds before writers wait for it.
const maxPendingLog = 1 << 20

// asyncWriter hands log lines to a goroutine that writes them: a request
// does not wait for the write system call, and under load the lines of
// many requests go out in one write. Idle, a line is written as soon as it
// comes. Close writes what is pending. Lines still pending when the process
// dies abruptly (kill -9) are lost; there are at most a few microseconds'
// worth under load.
type asyncWriter struct {
	w io.Writer

	mu      sync.Mutex
	cond    *sync.Cond
	pending []byte
	spare   []byte
	closed  bool
	done    chan struct{}
}

func newAsyncWriter(w io.Writer) *asyncWriter {
	a := &asyncWriter{w: w, done: make(chan struct{})}
	a.cond = sync.NewCond(&a.mu)
	go a.loop()
	return a
}

// Write queues p (a whole log line: slog writes one per call).
func (a *asyncWriter) Write(p []byte) (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return a.w.Write(p)
	}
	for len(a.pending) >= maxPendingLog && !a.closed {
		a.cond.Wait() // the disk cannot keep up: slow the writers down
	}
	a.pending = append(a.pending, p...)
	a.cond.Broadcast()
	return len(p), nil
}

func (a *asyncWriter) loop() {
	defer close(a.done)
	a.mu.Lock()
	defer a.mu.Unlock()
	for {
		for len(a.pending) == 0 && !a.closed {
			a.cond.Wait()
		}
		if len(a.pending) == 0 {
			return // closed, and everything written
		}
		out := a.pending
		a.pending = a.spare[:0]
		a.mu.Unlock()
		_, _ = a.w.Write(out)
		a.mu.Lock()
		if cap(out) <= maxPendingLog {
			a.spare = out
		}
		a.cond.Broadcast()
	}
}

// Close writes what is pending and stops the writer; later writes go
// straight through.
func (a *asyncWriter) Close() error {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return nil
	}
	a.closed = true
	a.cond.Broadcast()
	a.mu.Unlock()
	<-a.done
	return nil
}
