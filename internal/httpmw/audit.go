package httpmw

import (
	"net/http"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/audit"
)

// successStatus is the lowest 2xx status an operation declares (200 if it
// declares none): what the audit trail records of a request that succeeds.
func successStatus(op *openapi3.Operation) int {
	best := 0
	if op.Responses != nil {
		for code := range op.Responses.Map() {
			if n, err := strconv.Atoi(code); err == nil && n >= 200 && n < 300 && (best == 0 || n < best) {
				best = n
			}
		}
	}
	if best == 0 {
		return http.StatusOK
	}
	return best
}

// auditRequest is what the audit trail records of a request: its id, the
// client address as the real-IP rules read it, and its user agent.
func auditRequest(c echo.Context, ip string, status int) audit.Request {
	return audit.Request{
		ID:        c.Response().Header().Get(echo.HeaderXRequestID),
		IP:        ip,
		UserAgent: c.Request().UserAgent(),
		Status:    status,
	}
}
