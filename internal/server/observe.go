package server

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/metrics"
)

// routeSet holds the method and template of every registered route, so
// that only templates ever become metric labels.
// Keyed like the contract's operations (method and Echo route), so that
// looking one up allocates nothing.
type routeSet map[opKey]bool

func (rs routeSet) fill(e *echo.Echo) {
	for _, r := range e.Routes() {
		rs[operationKey(r.Method, r.Path)] = true
	}
}

// httpMetrics counts and times each request by route template, method and
// status. Requests that matched no route (404s from the router, 405s) are
// labelled metrics.Unmatched: never the raw path.
func httpMetrics(m *metrics.Metrics, routes routeSet) echo.MiddlewareFunc {
	inFlight := m.InFlight()
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			inFlight.Inc()
			defer inFlight.Dec()
			if err := next(c); err != nil {
				c.Error(err)
			}
			method := metrics.Method(c.Request().Method)
			route := c.Path()
			if !routes[operationKey(method, route)] {
				route = metrics.Unmatched
			}
			m.ObserveHTTP(route, method, c.Response().Status, time.Since(start))
			return nil
		}
	}
}
