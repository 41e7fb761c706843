package httpmw

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/metrics"
)

// Routes holds the method and template of every registered route, so
// that only templates ever become metric labels.
// Keyed like the contract's operations (method and Echo route), so that
// looking one up allocates nothing.
type Routes map[opKey]bool

// Fill records e's routes; call it once every route is registered.
func (rs Routes) Fill(e *echo.Echo) {
	for _, r := range e.Routes() {
		rs[operationKey(r.Method, r.Path)] = true
	}
}

// Metrics counts and times each request by route template, method and
// status. Requests that matched no route (404s from the router, 405s) are
// labelled metrics.Unmatched: never the raw path.
func Metrics(m *metrics.Metrics, routes Routes) echo.MiddlewareFunc {
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
