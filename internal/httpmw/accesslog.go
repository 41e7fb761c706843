package httpmw

import (
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"
)

// AccessLog writes one structured line per request, with its request id,
// at a level set by its status: successful answers (below 400) at debug
// (info when every request is to be logged: --log-requests), 4xx at info,
// 5xx at error. It never logs the query string, which may carry a session
// token.
func AccessLog(logger *slog.Logger, everyRequest bool) echo.MiddlewareFunc {
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
