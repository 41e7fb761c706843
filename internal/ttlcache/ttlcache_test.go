package ttlcache

import (
	"sync"
	"testing"
	"time"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestExpiry(t *testing.T) {
	clk := &fakeClock{t: time.Unix(1_000_000, 0)}
	c := New[string, int](Options{TTL: time.Second, Now: clk.now})
	c.Set("a", 1)
	c.SetTTL("b", 2, 3*time.Second)
	if v, ok := c.Get("a"); !ok || v != 1 {
		t.Fatalf("Get(a) = %v, %v", v, ok)
	}
	clk.add(1500 * time.Millisecond)
	if _, ok := c.Get("a"); ok {
		t.Fatal("a is still there after its TTL")
	}
	if v, ok := c.Get("b"); !ok || v != 2 {
		t.Fatalf("Get(b) = %v, %v before its own TTL", v, ok)
	}
	clk.add(2 * time.Second)
	if _, ok := c.Get("b"); ok {
		t.Fatal("b is still there after its TTL")
	}
	if h, m := c.Stats(); h != 2 || m != 2 {
		t.Fatalf("stats = %d hits, %d misses; want 2, 2", h, m)
	}
}

func TestFillAfterInvalidationIsDropped(t *testing.T) {
	c := New[string, int](Options{})
	gen := c.Generation()
	c.Invalidate("a") // a write happened while the value was read
	c.Fill("a", 1, gen)
	if _, ok := c.Get("a"); ok {
		t.Fatal("a fill that raced with an invalidation was stored")
	}
	gen = c.Generation()
	c.Fill("a", 2, gen)
	if v, ok := c.Get("a"); !ok || v != 2 {
		t.Fatalf("Get(a) = %v, %v after a clean fill", v, ok)
	}
}

func TestInvalidate(t *testing.T) {
	c := New[int, int](Options{})
	for i := range 10 {
		c.Set(i, i)
	}
	c.Invalidate(3)
	c.InvalidateIf(func(k int) bool { return k%2 == 0 })
	for i := range 10 {
		_, ok := c.Get(i)
		if want := i != 3 && i%2 == 1; ok != want {
			t.Errorf("Get(%d) present = %v, want %v", i, ok, want)
		}
	}
	c.InvalidateAll()
	if _, ok := c.Get(1); ok {
		t.Fatal("InvalidateAll left an entry")
	}
}

func TestBounded(t *testing.T) {
	c := New[int, int](Options{MaxEntries: 100})
	for i := range 10000 {
		c.Set(i, i)
	}
	c.c.CleanUp()
	if n := c.Len(); n > 100 {
		t.Fatalf("%d entries, bound 100", n)
	}
}
