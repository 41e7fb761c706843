package server

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slowSink records what is written, and how many writes it took.
type slowSink struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	writes int
}

func (s *slowSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writes++
	return s.buf.Write(p)
}

func TestAsyncWriter(t *testing.T) {
	sink := &slowSink{}
	a := newAsyncWriter(sink)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				n, err := fmt.Fprintf(a, "line %d %d\n", g, i)
				require.NoError(t, err)
				require.Positive(t, n)
			}
		}()
	}
	wg.Wait()
	require.NoError(t, a.Close())
	lines := strings.Split(strings.TrimSuffix(sink.buf.String(), "\n"), "\n")
	assert.Len(t, lines, 8*500, "every line written, whole, after Close")
	seen := map[string]bool{}
	for _, l := range lines {
		assert.False(t, seen[l], "line %q written twice", l)
		seen[l] = true
	}
	assert.LessOrEqual(t, sink.writes, 8*500)

	// After Close, writes go straight through.
	_, err := a.Write([]byte("late\n"))
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(sink.buf.String(), "late\n"))
	require.NoError(t, a.Close(), "closing twice")
}
