package server

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"time"
)

// Memory trimming: a burst (a password login's argon2id takes 19 MiB, a
// spike of requests) grows the heap, and the Go runtime keeps the pages
// until its next collections bring the heap goal down, which an idle
// server does not run for minutes. Every trimInterval, if no collection
// ran since the last look (the server is idle) and the heap holds
// trimThreshold more than after the last trim, the heap is collected and
// the free pages handed back to the system. A busy server collects by
// itself and is left alone.
const (
	trimInterval  = 5 * time.Second
	trimThreshold = 4 << 20
)

// defaultGCPercent is the Go collector's GOGC for the server, unless the
// GOGC environment variable sets one. The live heap is small (a few MiB):
// letting it grow to three times that instead of two halves the
// collector's work per request, for a few MiB more under load; idle, the
// trimmer gives it back.
const defaultGCPercent = 200

func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(defaultGCPercent)
	}
}

// trimMemory runs until ctx is done.
func trimMemory(ctx context.Context) {
	t := time.NewTicker(trimInterval)
	defer t.Stop()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	lastGC, trimmed := ms.NumGC, uint64(0)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		runtime.ReadMemStats(&ms)
		retained := ms.HeapSys - ms.HeapReleased
		if ms.NumGC == lastGC && retained > trimmed+trimThreshold {
			debug.FreeOSMemory()
			runtime.ReadMemStats(&ms)
			trimmed = ms.HeapSys - ms.HeapReleased
		}
		lastGC = ms.NumGC
	}
}
