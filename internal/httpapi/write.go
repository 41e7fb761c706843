package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/errs"
)

// coderError is the error body of Coder's API (/api/v2 and the rest).
type coderError struct {
	Message     string            `json:"message"`
	Detail      string            `json:"detail,omitempty"`
	Validations []coderValidation `json:"validations,omitempty"`
}

type coderValidation struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// serviceStageError is the error body of Huawei Cloud APIs (/v1).
type serviceStageError struct {
	ErrorCode string `json:"error_code"`
	ErrorMsg  string `json:"error_msg"`
}

// body is e's error body in dialect d. An internal error never shows its
// detail.
func body(e *errs.Error, d Dialect) any {
	if d == ServiceStage {
		msg := e.Message
		if e.Detail != "" && e.Kind != errs.KindInternal {
			msg = strings.TrimSuffix(msg, ".") + ": " + e.Detail
		}
		return serviceStageError{ErrorCode: answerOf(e).code, ErrorMsg: msg}
	}
	ce := coderError{Message: e.Message}
	if e.Kind != errs.KindInternal {
		ce.Detail = e.Detail
	}
	for _, f := range e.Fields {
		ce.Validations = append(ce.Validations, coderValidation{Field: f.Field, Detail: f.Detail})
	}
	return ce
}

// ErrorHandler is Echo's HTTPErrorHandler: the one place where errors become
// responses, in the dialect of the request's route group. Failures on the
// server's side (5xx) are logged with the request id.
func ErrorHandler(logger *slog.Logger, dialects *Dialects) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		e, status := Classify(err)
		level := slog.LevelError
		if errors.Is(err, context.Canceled) {
			level = slog.LevelDebug // the client went away; nothing is wrong here
		}
		if status >= 500 {
			logger.Log(c.Request().Context(), level, "request failed",
				"request_id", c.Response().Header().Get(echo.HeaderXRequestID),
				"method", c.Request().Method, "route", c.Path(), "status", status, "error", err.Error())
		}
		if e.Kind == errs.KindTooMany && e.RetryAfter > 0 {
			c.Response().Header().Set("Retry-After", strconv.Itoa(e.RetryAfter))
		}
		if c.Request().Method == http.MethodHead {
			_ = c.NoContent(status)
			return
		}
		if werr := c.JSON(status, body(e, dialects.Of(c))); werr != nil {
			logger.WarnContext(c.Request().Context(), "writing error response", "error", werr.Error())
		}
	}
}
