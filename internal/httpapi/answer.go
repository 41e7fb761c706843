// Package httpapi owns the two error dialects of gitauthd's API: Coder's
// {message, detail, validations} and Huawei ServiceStage's
// {error_code, error_msg}. One table maps each domain error kind (and
// reason, where ServiceStage tells cases apart) to its HTTP status and
// ServiceStage code; the dialect is the route group's, read from the
// contract once at start-up; ErrorHandler is the one place where errors
// become responses.
package httpapi

import (
	"net/http"

	"github.com/gitauthd/gitauthd/internal/errs"
)

// answer is how one kind or reason of error is answered.
type answer struct {
	status int    // the HTTP status, in both dialects
	code   string // the ServiceStage error_code
}

// byKind answers each error kind.
var byKind = map[errs.Kind]answer{
	errs.KindInvalid:      {http.StatusBadRequest, "SVCSTG.REPO.0400"},
	errs.KindUnauthorized: {http.StatusUnauthorized, "APIGW.0301"},
	errs.KindForbidden:    {http.StatusForbidden, "APIGW.0302"},
	errs.KindNotFound:     {http.StatusNotFound, "SVCSTG.REPO.0404"},
	errs.KindConflict:     {http.StatusConflict, "SVCSTG.REPO.0403"},
	errs.KindTooMany:      {http.StatusTooManyRequests, "APIGW.0308"},
	errs.KindUnavailable:  {http.StatusServiceUnavailable, "SVCSTG.REPO.0503"},
	errs.KindInternal:     {http.StatusInternalServerError, "SVCSTG.REPO.0500"},
}

// byReason refines byKind. ServiceStage answers its own repository errors
// with HTTP 400 whatever their kind (0401 repository type not implemented,
// 0402 OAuth code or state invalid, 0403 already exists, 0450 no such
// authorization, 0451 authorization invalid); a failure on the server's side
// (5xx, 429) keeps its kind's answer.
var byReason = map[errs.Reason]answer{
	errs.ReasonUnsupported:         {http.StatusBadRequest, "SVCSTG.REPO.0401"},
	errs.ReasonOAuthInvalid:        {http.StatusBadRequest, "SVCSTG.REPO.0402"},
	errs.ReasonExists:              {http.StatusBadRequest, "SVCSTG.REPO.0403"},
	errs.ReasonNoSuchAuthorization: {http.StatusBadRequest, "SVCSTG.REPO.0450"},
	errs.ReasonCredentialInvalid:   {http.StatusBadRequest, "SVCSTG.REPO.0451"},
	errs.ReasonNoRoute:             {http.StatusNotFound, "APIGW.0101"},
}

// answerOf is e's answer.
func answerOf(e *errs.Error) answer {
	a, ok := byKind[e.Kind]
	if !ok {
		a = byKind[errs.KindInternal]
	}
	if r, ok := byReason[e.Reason]; ok && a.status < http.StatusInternalServerError && a.status != http.StatusTooManyRequests {
		return r
	}
	return a
}

// Status is the HTTP status of a domain error, for the API and the
// server-rendered pages alike.
func Status(e *errs.Error) int { return answerOf(e).status }
