package httpmw

import (
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"sync/atomic"
)

// RequestID sets X-Request-ID on every answer (an incoming one is kept).
func RequestID() echo.MiddlewareFunc {
	return middleware.RequestIDWithConfig(middleware.RequestIDConfig{Generator: requestIDs()})
}

// requestIDs returns a generator of request ids: 32 hex digits, a random
// half drawn once per process and a counter. Unique within the process and,
// but for a one in 2^64 chance, across processes; and much cheaper than
// drawing 32 random characters for every request.
func requestIDs() func() string {
	var prefix [8]byte
	_, _ = rand.Read(prefix[:])
	var n atomic.Uint64
	return func() string {
		var b [32]byte
		var count [8]byte
		binary.BigEndian.PutUint64(count[:], n.Add(1))
		hex.Encode(b[:16], prefix[:])
		hex.Encode(b[16:], count[:])
		return string(b[:])
	}
}
