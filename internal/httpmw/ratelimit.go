package httpmw

import (
	"fmt"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/handlers"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/ratelimit"
)

// apiRateWindow is the window --rate-limit-api counts in.
const apiRateWindow = time.Minute

// rateKey is a limited client: an API key id, or an IP address for
// requests without a valid key. Two kinds keep the two spaces apart.
type rateKey struct {
	kind byte // 'k' key id, 'i' IP address
	id   string
}

// APILimiter is --rate-limit-api: limit requests a minute per key, or nil
// (no limit) when limit is not positive.
func APILimiter(limit int) *ratelimit.Limiter[rateKey] {
	return ratelimit.New[rateKey](limit, apiRateWindow, ratelimit.DefaultMaxKeys)
}

// checkRate counts a request of k and returns the 429 when it is over the
// limit; a nil limiter allows everything.
func checkRate(l *ratelimit.Limiter[rateKey], k rateKey, now time.Time) error {
	ok, wait := l.Allow(now, k)
	if ok {
		return nil
	}
	retry := ratelimit.RetrySeconds(wait)
	return &errs.Error{
		Kind:       errs.KindTooMany,
		Message:    fmt.Sprintf("You've been rate limited for sending more than %d requests in %v.", l.Limit(), l.Window()),
		Detail:     fmt.Sprintf("retry after %d seconds", retry),
		RetryAfter: retry,
	}
}

// RateLimit applies the API rate limit to the contract's operations that
// have it: per API key once Authenticate has accepted one, else per client
// address (failed authentications included). A refused request has not had
// its body read.
func RateLimit(ct *Contract, limit *ratelimit.Limiter[rateKey]) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if op := ct.lookup(c); op == nil || !op.rateLimited {
				return next(c)
			}
			ctx := c.Request().Context()
			key := rateKey{'i', handlers.ClientIP(ctx)} // as RequestContext read it
			if a, ok := identity.ActorFrom(ctx); ok && a.KeyID != "" {
				key = rateKey{'k', a.KeyID}
			}
			if err := checkRate(limit, key, time.Now()); err != nil {
				return err
			}
			return next(c)
		}
	}
}
