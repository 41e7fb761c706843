package httpmw

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type ctxKey struct{}

func TestLazyDeadline(t *testing.T) {
	parent := context.WithValue(context.Background(), ctxKey{}, "v")

	t.Run("no timer until waited on", func(t *testing.T) {
		c := withLazyDeadline(parent, time.Now().Add(time.Hour))
		assert.Nil(t, c.inner.Load())
		dl, ok := c.Deadline()
		assert.True(t, ok)
		assert.WithinDuration(t, time.Now().Add(time.Hour), dl, time.Minute)
		assert.NoError(t, c.Err())
		assert.Equal(t, "v", c.Value(ctxKey{}))
		assert.Nil(t, c.inner.Load(), "Err and Value start nothing")
		c.stop()
		assert.ErrorIs(t, c.Err(), context.Canceled, "over when the request is")
		<-c.Done()
		assert.Equal(t, "v", c.Value(ctxKey{}), "values outlive the request")
	})

	t.Run("deadline passes", func(t *testing.T) {
		c := withLazyDeadline(parent, time.Now().Add(20*time.Millisecond))
		select {
		case <-c.Done():
		case <-time.After(10 * time.Second):
			t.Fatal("the deadline never fired")
		}
		assert.ErrorIs(t, c.Err(), context.DeadlineExceeded)
		c.stop()
		assert.ErrorIs(t, c.Err(), context.DeadlineExceeded)
	})

	t.Run("deadline passed before anyone waited", func(t *testing.T) {
		c := withLazyDeadline(parent, time.Now().Add(-time.Second))
		assert.ErrorIs(t, c.Err(), context.DeadlineExceeded)
		<-c.Done()
	})

	t.Run("parent cancelled", func(t *testing.T) {
		p, cancel := context.WithCancel(parent)
		c := withLazyDeadline(p, time.Now().Add(time.Hour))
		cancel()
		assert.ErrorIs(t, c.Err(), context.Canceled)
		<-c.Done()
		assert.ErrorIs(t, c.Err(), context.Canceled)
	})

	t.Run("derived contexts follow it", func(t *testing.T) {
		c := withLazyDeadline(parent, time.Now().Add(time.Hour))
		child, cancel := context.WithCancel(c)
		defer cancel()
		assert.NotNil(t, c.inner.Load(), "deriving a cancellable context starts the timer")
		c.stop()
		select {
		case <-child.Done():
		case <-time.After(10 * time.Second):
			t.Fatal("the child was not cancelled")
		}
		require.True(t, errors.Is(child.Err(), context.Canceled))
		assert.Equal(t, "v", child.Value(ctxKey{}))
	})
}
