package handlers

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
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

// ServiceStage error codes, by kind, for errors that carry no code of their own.
var serviceStageCodes = map[errs.Kind]string{
	errs.KindInvalid:      "SVCSTG.REPO.0400",
	errs.KindUnauthorized: "APIGW.0301",
	errs.KindForbidden:    "APIGW.0302",
	errs.KindNotFound:     "SVCSTG.REPO.0404",
	errs.KindConflict:     "SVCSTG.REPO.0403",
	errs.KindTooMany:      "APIGW.0308",
	errs.KindUnavailable:  "SVCSTG.REPO.0503",
	errs.KindInternal:     "SVCSTG.REPO.0500",
}

var kindStatus = map[errs.Kind]int{
	errs.KindInvalid:      http.StatusBadRequest,
	errs.KindUnauthorized: http.StatusUnauthorized,
	errs.KindForbidden:    http.StatusForbidden,
	errs.KindNotFound:     http.StatusNotFound,
	errs.KindConflict:     http.StatusConflict,
	errs.KindTooMany:      http.StatusTooManyRequests,
	errs.KindUnavailable:  http.StatusServiceUnavailable,
	errs.KindInternal:     http.StatusInternalServerError,
}

// KindStatus is the HTTP status of an error kind (500 for any kind not
// listed), for the server-rendered pages, which share this mapping.
func KindStatus(k errs.Kind) int {
	if status, ok := kindStatus[k]; ok {
		return status
	}
	return http.StatusInternalServerError
}

// serviceStageProjectNotFound is the code of a project that does not exist
// or that the caller may not reach.
const serviceStageProjectNotFound = "SVCSTG.REPO.0404"

// statusOf is the HTTP status of a domain error: its kind's, except that
// ServiceStage reports its own repository errors (SVCSTG.REPO.0400 invalid
// parameter, 0401 repository type not implemented, 0402 OAuth code or state
// invalid, 0403 already exists, 0450 no such authorization, 0451
// authorization invalid) with HTTP 400 whatever their kind. Where the status
// itself says more it is kept: an unreachable project (0404) is 404, and
// failures on the server's side (5xx, 429) keep theirs.
func statusOf(e *errs.Error) int {
	status := kindStatus[e.Kind]
	if strings.HasPrefix(e.Code, "SVCSTG.") && e.Code != serviceStageProjectNotFound &&
		status < http.StatusInternalServerError && status != http.StatusTooManyRequests {
		return http.StatusBadRequest
	}
	return status
}

// IsServiceStagePath reports whether path belongs to the ServiceStage API,
// whose errors use the {error_code, error_msg} dialect.
func IsServiceStagePath(path string) bool {
	return path == "/v1" || strings.HasPrefix(path, "/v1/")
}

// ToDomainError turns any error reaching the edge of the server into a
// domain error: typed errors pass through, Echo's routing errors and store
// failures are classified, and everything else becomes an internal error.
func ToDomainError(err error) (*errs.Error, int) {
	if e, ok := errs.As(err); ok {
		return e, statusOf(e)
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		switch he.Code {
		case http.StatusNotFound:
			return errs.New(errs.KindNotFound, "Route not found.").WithCode("APIGW.0101"), http.StatusNotFound
		case http.StatusMethodNotAllowed:
			return errs.New(errs.KindInvalid, "Method not allowed."), http.StatusMethodNotAllowed
		case http.StatusRequestEntityTooLarge:
			return errs.New(errs.KindInvalid, "Request body too large."), http.StatusRequestEntityTooLarge
		case http.StatusServiceUnavailable:
			return errs.New(errs.KindUnavailable, "The request timed out."), http.StatusServiceUnavailable
		}
		if he.Code >= 400 && he.Code < 500 {
			// Binding errors of the generated handlers (a value the spec's
			// schema accepted but Go could not decode).
			e := errs.New(errs.KindInvalid, "Request could not be decoded.")
			if msg, ok := he.Message.(string); ok && msg != http.StatusText(he.Code) {
				e.Detail = msg
			} else if he.Internal != nil {
				e.Detail = he.Internal.Error()
			}
			return e, he.Code
		}
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errs.New(errs.KindInvalid, "Request body too large.").
			WithDetail("the limit is " + strconv.FormatInt(mbe.Limit, 10) + " bytes"), http.StatusRequestEntityTooLarge
	}
	if errors.Is(err, context.Canceled) {
		return errs.New(errs.KindUnavailable, "The request was canceled."), http.StatusServiceUnavailable
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return errs.New(errs.KindUnavailable, "The request timed out. Please try again."), http.StatusServiceUnavailable
	}
	if errors.Is(err, store.ErrUnavailable) {
		return errs.New(errs.KindUnavailable, "The service is temporarily unavailable. Please try again.").
			WithDetail("the database is unavailable"), http.StatusServiceUnavailable
	}
	return errs.Wrap(err, errs.MsgInternal), http.StatusInternalServerError
}

// ErrorHandler is Echo's HTTPErrorHandler: the one place where errors become
// responses, in the dialect of the request's path.
func ErrorHandler(logger *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		e, status := ToDomainError(err)
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
		var body any
		if IsServiceStagePath(c.Request().URL.Path) {
			code := e.Code
			if code == "" {
				code = serviceStageCodes[e.Kind]
			}
			msg := e.Message
			if e.Detail != "" && e.Kind != errs.KindInternal {
				msg = strings.TrimSuffix(msg, ".") + ": " + e.Detail
			}
			body = serviceStageError{ErrorCode: code, ErrorMsg: msg}
		} else {
			ce := coderError{Message: e.Message}
			if e.Kind != errs.KindInternal {
				ce.Detail = e.Detail
			}
			for _, f := range e.Fields {
				ce.Validations = append(ce.Validations, coderValidation{Field: f.Field, Detail: f.Detail})
			}
			body = ce
		}
		if c.Request().Method == http.MethodHead {
			_ = c.NoContent(status)
			return
		}
		if werr := c.JSON(status, body); werr != nil {
			logger.WarnContext(c.Request().Context(), "writing error response", "error", werr.Error())
		}
	}
}

// ErrorStatus is the HTTP status the server answers err with (in either
// dialect), for the audit trail.
func ErrorStatus(err error) int {
	_, status := ToDomainError(err)
	return status
}
