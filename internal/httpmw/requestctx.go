package httpmw

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/handlers"
)

// RequestContext bounds each request's context by timeout and puts in it
// what the layers below read of the request: for the contract's
// operations the client address (as the real-IP rules read it) and the
// audit trail's request fields; for the other routes (pages, Swagger UI)
// the audit fields alone; and, for the operations that name credentials,
// the caller (see authenticate). Database and provider calls honour the deadline,
// and a request that runs out answers 503. A context cannot interrupt a
// read of the request body: that is bounded by the http.Server's
// ReadTimeout, set to the same duration.
//
// The deadline's timer is started only if something waits on the context
// (see lazyDeadline): answers from memory do without one. The request is
// copied with its new context once, authentication included.
func RequestContext(ct *Contract, timeout time.Duration, auth AuthFunc) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			deadline := withLazyDeadline(c.Request().Context(), time.Now().Add(timeout))
			defer deadline.stop()
			ip, status := c.RealIP(), 0
			op := ct.lookup(c)
			if op != nil {
				status = op.success
			}
			ctx := audit.WithRequest(deadline, auditRequest(c, ip, status))
			if op != nil {
				ctx = authenticate(handlers.WithClientIP(ctx, ip), c, op, auth)
			}
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}
