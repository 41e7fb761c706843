package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/deployment"
	"github.com/gitauthd/gitauthd/internal/httpapi"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/metrics"
	"github.com/gitauthd/gitauthd/internal/store"
)

// successStatus is the lowest 2xx status an operation declares (200 if it
// declares none).
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

// withAuditRequest puts the request's audit fields in its context, for the
// routes outside the contract (the web pages).
func withAuditRequest(c echo.Context, status int) {
	r := c.Request()
	c.SetRequest(r.WithContext(audit.WithRequest(r.Context(), auditRequest(c, c.RealIP(), status))))
}

// openAudit starts the audit recorder of --audit-enable over st, streaming
// to --audit-log-file when set; both are nil when auditing is off.
func openAudit(v *deployment.Values, st store.AuditStore, m *metrics.Metrics, logger *slog.Logger) (*audit.Recorder, *audit.Sink, error) {
	if !v.AuditEnable {
		logger.Warn("the audit trail is off (--audit-enable=false): credential hand-outs are not recorded")
		return nil, nil, nil
	}
	var sink *audit.Sink
	if v.AuditLogFile != "" {
		var err error
		if sink, err = audit.OpenSink(v.AuditLogFile); err != nil {
			return nil, nil, fmt.Errorf("--audit-log-file: %w", err)
		}
	}
	o := audit.Options{Sink: sink, StatusOf: httpapi.ErrorStatus, Logger: logger, ActorFrom: identity.AuditActor}
	if m != nil {
		o.Observer = m
	}
	return audit.New(st, o), sink, nil
}
