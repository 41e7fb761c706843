package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/handlers"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/ratelimit"
)

// contractMiddleware authenticates (where the operation's security asks for
// it), applies the API rate limit (per key once authenticated, else per
// client IP) and then validates the request against the spec, before the
// handler. A request refused by the limiter has not had its body read.
//
// It also bounds the request's context by timeout (as requestTimeout does
// for the routes outside the contract), so that the request is copied with
// a new context once rather than twice.
func contractMiddleware(ct *contract, auth AuthFunc, limit *ratelimit.Limiter[rateKey], timeout time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			op := ct.lookup(c)
			if op == nil {
				withAuditRequest(c, 0)
				return next(c)
			}
			deadline := withLazyDeadline(c.Request().Context(), time.Now().Add(timeout))
			defer deadline.stop()
			ip := c.RealIP()
			ctx := audit.WithRequest(handlers.WithClientIP(deadline, ip), auditRequest(c, ip, op.success))
			// Requests count against the client's address unless a key
			// authenticated them: failed attempts too, so that guessing
			// keys is limited. The limit is checked before the outcome of
			// authentication is answered.
			key := rateKey{'i', ip}
			var authErr error
			if len(op.credentials) > 0 {
				if raw := credential(c.Request(), op.credentials); raw == "" {
					authErr = missingCredential(op.credentials)
				} else if actx, err := auth(ctx, raw); err != nil {
					authErr = err
				} else {
					if a, ok := identity.ActorFrom(actx); ok && a.KeyID != "" {
						key = rateKey{'k', a.KeyID}
					}
					ctx = actx
				}
			}
			if op.rateLimited {
				if err := checkRate(limit, key, time.Now()); err != nil {
					return err
				}
			}
			if authErr != nil {
				return authErr
			}
			c.SetRequest(c.Request().WithContext(ctx))
			if err := ct.validate(c, op); err != nil {
				return err
			}
			return next(c)
		}
	}
}

// recoverMiddleware turns a panic into a 500 in the path's dialect, logged
// with the request id and stack, and keeps the server serving.
func recoverMiddleware(logger *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				r := recover()
				if r == nil {
					return
				}
				if r == http.ErrAbortHandler {
					panic(r)
				}
				logger.ErrorContext(c.Request().Context(), "panic serving request",
					"request_id", c.Response().Header().Get(echo.HeaderXRequestID),
					"method", c.Request().Method, "route", c.Path(),
					"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				err = errs.Wrap(fmt.Errorf("panic: %v", r), errs.MsgInternal)
			}()
			return next(c)
		}
	}
}

// accessLog writes one structured line per request, with its request id,
// at a level set by its status: successful answers (below 400) at debug
// (info when every request is to be logged: --log-requests), 4xx at info,
// 5xx at error. It never logs the query string, which may carry a session
// token.
func accessLog(logger *slog.Logger, everyRequest bool) echo.MiddlewareFunc {
	ok := slog.LevelDebug
	if everyRequest {
		ok = slog.LevelInfo
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			req, res := c.Request(), c.Response()
			level := ok
			switch {
			case res.Status >= 500:
				level = slog.LevelError
			case res.Status >= 400:
				level = slog.LevelInfo
			}
			if !logger.Enabled(req.Context(), level) {
				return nil
			}
			logger.LogAttrs(req.Context(), level, "http request",
				slog.String("request_id", res.Header().Get(echo.HeaderXRequestID)),
				slog.String("method", req.Method),
				slog.String("route", c.Path()),
				slog.String("path", req.URL.Path),
				slog.Int("status", res.Status),
				slog.Int64("bytes", res.Size),
				slog.Duration("duration", time.Since(start)),
				slog.String("remote_ip", c.RealIP()),
			)
			return nil
		}
	}
}

// requestTimeout bounds each request's context; database and provider calls
// honour it, and a request that runs out answers 503. A context cannot
// interrupt a read of the request body: that is bounded by the http.Server's
// ReadTimeout (see App.Serve), set to the same duration, and validation
// answers 503 for it too. The operations of the contract get their deadline
// from contractMiddleware instead.
//
// The deadline's timer is started only if something waits on the context
// (see lazyDeadline): answers from memory do without one.
func requestTimeout(d time.Duration, ct *contract) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if ct.lookup(c) != nil {
				return next(c)
			}
			ctx := withLazyDeadline(c.Request().Context(), time.Now().Add(d))
			defer ctx.stop()
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}

// routeBodyLimits are the operations whose bodies have a lower limit than
// --http-max-body-bytes, keyed like the contract's operations (method and
// Echo route). Coder refuses CSP reports over 64 KiB with 413.
var routeBodyLimits = map[opKey]int64{
	operationKey(http.MethodPost, "/api/v2/csp/reports"): 64 << 10,
}

// bodyLimit refuses bodies over max bytes (or the route's own, lower limit
// in routeBodyLimits) with 413, whether or not the client declared their
// length.
func bodyLimit(globalMax int64) echo.MiddlewareFunc {
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

// jsonCharset gives JSON answers the content type Coder's server sends.
func jsonCharset(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		res := c.Response()
		res.Before(func() {
			if res.Header().Get(echo.HeaderContentType) == echo.MIMEApplicationJSON {
				res.Header().Set(echo.HeaderContentType, "application/json; charset=utf-8")
			}
		})
		return next(c)
	}
}

// secureHeaders sets the response headers every answer carries.
func secureHeaders(hstsSeconds int64, hstsOptions []string) echo.MiddlewareFunc {
	// The keys are canonical and the values built once: each answer gets
	// them by plain map assignment. Every slice has len == cap, so an Add
	// to one of these headers copies instead of writing into the shared
	// array; Set replaces the slice.
	type header struct {
		key   string
		value []string
	}
	headers := []header{
		{"X-Content-Type-Options", []string{"nosniff"}},
		{"X-Frame-Options", []string{"DENY"}},
		{"Referrer-Policy", []string{"no-referrer"}},
		{"Cross-Origin-Opener-Policy", []string{"same-origin"}},
		{"Content-Security-Policy", []string{apiCSP}},
	}
	if hstsSeconds > 0 {
		hsts := "max-age=" + strconv.FormatInt(hstsSeconds, 10)
		for _, o := range hstsOptions {
			hsts += "; " + o
		}
		headers = append(headers, header{"Strict-Transport-Security", []string{hsts}})
	}
	for _, h := range headers {
		if h.key != http.CanonicalHeaderKey(h.key) || len(h.value) != cap(h.value) {
			panic("secureHeaders: " + h.key)
		}
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			for _, sh := range headers {
				h[sh.key] = sh.value
			}
			return next(c)
		}
	}
}

// apiCSP forbids everything: API answers are data, never documents.
const apiCSP = "default-src 'none'; frame-ancestors 'none'; report-uri /api/v2/csp/reports"
