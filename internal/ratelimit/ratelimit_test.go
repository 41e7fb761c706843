package ratelimit

import (
	"fmt"
	"hash/maphash"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

type key struct {
	kind byte
	id   string
}

func TestBurstThenSteadyRate(t *testing.T) {
	l := New[key](3, time.Minute, 1000)
	a, b := key{'k', "a"}, key{'k', "b"}
	now := t0
	for i := range 3 {
		ok, _ := l.Allow(now, a)
		require.True(t, ok, "request %d of a burst of 3", i)
	}
	ok, wait := l.Allow(now, a)
	require.False(t, ok)
	assert.Equal(t, 20*time.Second, wait, "one request comes back every minute/3")

	ok, _ = l.Allow(now, b)
	assert.True(t, ok, "keys are independent")
	ok, _ = l.Allow(now, key{'i', "a"})
	assert.True(t, ok, "keys of another kind never share an allowance")

	now = now.Add(19 * time.Second)
	ok, wait = l.Allow(now, a)
	assert.False(t, ok)
	assert.InDelta(t, time.Second, wait, float64(time.Millisecond), "a refused request is not counted")
	now = now.Add(time.Second)
	ok, _ = l.Allow(now, a)
	assert.True(t, ok, "allowed again after the wait")
	ok, _ = l.Allow(now, a)
	assert.False(t, ok)

	// After a full window of silence the whole burst is back.
	now = now.Add(time.Minute)
	for i := range 3 {
		ok, _ := l.Allow(now, a)
		require.True(t, ok, "request %d after a quiet minute", i)
	}
}

func TestAllOrNothingOverKeys(t *testing.T) {
	l := New[string](1, time.Minute, 100)
	ok, _ := l.Allow(t0, "ip:a", "email:x")
	require.True(t, ok, "first refused")
	ok, wait := l.Allow(t0.Add(59*time.Second+time.Millisecond), "ip:a", "email:y")
	require.False(t, ok)
	assert.Equal(t, 1, RetrySeconds(wait))
	// email:y was not charged for the refused attempt.
	ok, _ = l.Allow(t0.Add(59*time.Second), "ip:b", "email:y")
	assert.True(t, ok, "email:y charged by a refused attempt")
}

func TestNilAndDisabled(t *testing.T) {
	var none *Limiter[key]
	ok, _ := none.Allow(t0, key{'i', "x"})
	assert.True(t, ok, "a nil limiter allows everything")
	assert.Zero(t, none.Size())
	assert.Nil(t, New[key](0, time.Minute, 10))
	assert.Nil(t, New[key](-1, time.Minute, 10))
	assert.Equal(t, 1, RetrySeconds(time.Millisecond))
	assert.Equal(t, 2, RetrySeconds(1001*time.Millisecond))
}

func TestMemoryBounded(t *testing.T) {
	l := New[key](10, time.Minute, 2*shards)
	for i := range 10000 {
		l.Allow(t0, key{'i', fmt.Sprintf("10.0.%d.%d", i/256, i%256)})
	}
	assert.LessOrEqual(t, l.Size(), 2*shards)

	// Idle keys are dropped once their allowance has recovered.
	l = New[key](10, time.Minute, 1<<16)
	for i := range 1000 {
		l.Allow(t0, key{'i', fmt.Sprint(i)})
	}
	assert.Equal(t, 1000, l.Size())
	later := t0.Add(2 * time.Minute)
	// One new key in every shard: each shard sweeps its idle keys.
	touched := map[uint64]bool{}
	for i := 0; len(touched) < shards; i++ {
		k := key{'k', fmt.Sprint("new-", i)}
		if sh := maphash.Comparable(l.seed, k) % shards; !touched[sh] {
			touched[sh] = true
			l.Allow(later, k)
		}
	}
	assert.Equal(t, shards, l.Size(), "only the new keys are left")
}

func TestConcurrent(t *testing.T) {
	l := New[key](100, time.Minute, 1<<16)
	var allowed atomic.Int64
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				if ok, _ := l.Allow(t0, key{'k', "shared"}); ok {
					allowed.Add(1)
				}
				l.Allow(t0, key{'k', fmt.Sprint(g, i)})
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, int64(100), allowed.Load(), "exactly the burst passes, whatever the interleaving")
}

func BenchmarkAllow(b *testing.B) {
	l := New[key](1<<30, time.Minute, 1<<16)
	keys := make([]key, 1024)
	for i := range keys {
		keys[i] = key{'k', fmt.Sprintf("key%07d", i)}
	}
	now := time.Now()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			l.Allow(now, keys[i%len(keys)])
			i++
		}
	})
}
