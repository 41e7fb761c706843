package server

import (
	"fmt"
	"time"

	"github.com/gitauthd/gitauthd/internal/errs"
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

// apiLimiter is --rate-limit-api: limit requests a minute per key, or nil
// (no limit) when limit is not positive.
func apiLimiter(limit int) *ratelimit.Limiter[rateKey] {
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
