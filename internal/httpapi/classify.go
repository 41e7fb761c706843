package httpapi

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

// Classify turns any error reaching the edge of the server into a domain
// error and its status: typed errors pass through, Echo's routing and
// binding errors and oversized bodies are classified here, store failures
// and cancellations as errs.FromStore words them, and everything else
// becomes an internal error.
func Classify(err error) (*errs.Error, int) {
	if e, ok := errs.As(err); ok {
		return e, Status(e)
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		switch he.Code {
		case http.StatusNotFound:
			return errs.New(errs.KindNotFound, "Route not found.").WithReason(errs.ReasonNoRoute), http.StatusNotFound
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
		e, _ := errs.As(errs.FromStore(err, ""))
		return e, Status(e)
	}
	return errs.Wrap(err, errs.MsgInternal), http.StatusInternalServerError
}
