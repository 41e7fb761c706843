package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/handlers"
	"github.com/gitauthd/gitauthd/internal/identity"
)

// contractMiddleware authenticates (where the operation's security asks for
// it), applies the API rate limit (per key once authenticated, else per
// client IP) and then validates the request against the spec, before the
// handler. A request refused by the limiter has not had its body read.
func contractMiddleware(ct *contract, auth AuthFunc, limit *rateLimiter) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			op := ct.lookup(c)
			if op == nil {
				return next(c)
			}
			ip := c.RealIP()
			c.SetRequest(c.Request().WithContext(handlers.WithClientIP(c.Request().Context(), ip)))
			lim := limit
			if !op.rateLimited {
				lim = nil
			}
			if len(op.credentials) > 0 {
				raw := credential(c.Request(), op.credentials)
				if raw == "" {
					if err := lim.check(rateKey{'i', ip}); err != nil {
						return err
					}
					return missingCredential(op.credentials)
				}
				ctx, err := auth(c.Request().Context(), raw)
				if err != nil {
					// Failed attempts count against the address, so that
					// guessing keys is limited too.
					if lerr := lim.check(rateKey{'i', ip}); lerr != nil {
						return lerr
					}
					return err
				}
				if a, ok := identity.ActorFrom(ctx); ok && a.KeyID != "" {
					if err := lim.check(rateKey{'k', a.KeyID}); err != nil {
						return err
					}
				} else if err := lim.check(rateKey{'i', ip}); err != nil {
					return err
				}
				c.SetRequest(c.Request().WithContext(ctx))
			} else if err := lim.check(rateKey{'i', ip}); err != nil {
				return err
			}
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

// accessLog writes one structured line per request. It never logs the query
// string, which may carry a session token.
func accessLog(logger *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			req, res := c.Request(), c.Response()
			level := slog.LevelInfo
			if res.Status >= 500 {
				level = slog.LevelError
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
// answers 503 for it too.
func requestTimeout(d time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			ctx, cancel := context.WithTimeout(c.Request().Context(), d)
			defer cancel()
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}

// routeBodyLimits are the operations whose bodies have a lower limit than
// --http-max-body-bytes, keyed like the contract's operations (method and
// Echo route). Coder refuses CSP reports over 64 KiB with 413.
var routeBodyLimits = map[string]int64{
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
	hsts := ""
	if hstsSeconds > 0 {
		hsts = "max-age=" + strconv.FormatInt(hstsSeconds, 10)
		for _, o := range hstsOptions {
			hsts += "; " + o
		}
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "no-referrer")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			h.Set("Content-Security-Policy", apiCSP)
			if hsts != "" {
				h.Set("Strict-Transport-Security", hsts)
			}
			return next(c)
		}
	}
}

// apiCSP forbids everything: API answers are data, never documents.
const apiCSP = "default-src 'none'; frame-ancestors 'none'; report-uri /api/v2/csp/reports"
