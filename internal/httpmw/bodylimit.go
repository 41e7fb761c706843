package httpmw

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// routeBodyLimits are the operations whose bodies have a lower limit than
// --http-max-body-bytes, keyed like the contract's operations (method and
// Echo route). Coder refuses CSP reports over 64 KiB with 413.
var routeBodyLimits = map[opKey]int64{
	operationKey(http.MethodPost, "/api/v2/csp/reports"): 64 << 10,
}

// BodyLimit refuses bodies over max bytes (or the route's own, lower limit
// in routeBodyLimits) with 413, whether or not the client declared their
// length.
func BodyLimit(globalMax int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			max := globalMax
			if l, ok := routeBodyLimits[operationKey(c.Request().Method, c.Path())]; ok && l < max {
				max = l
			}
			req := c.Request()
			if req.ContentLength > max {
				return &http.MaxBytesError{Limit: max}
			}
			if req.Body != nil && req.Body != http.NoBody {
				req.Body = http.MaxBytesReader(c.Response(), req.Body, max)
			}
			return next(c)
		}
	}
}
