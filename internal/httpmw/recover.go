package httpmw

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/errs"
)

// Recover turns a panic into a 500 in the path's dialect, logged
// with the request id and stack, and keeps the server serving.
func Recover(logger *slog.Logger) echo.MiddlewareFunc {
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
