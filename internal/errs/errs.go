// Package errs defines the typed errors that domain packages return. They carry
// no transport detail: internal/httpapi maps each Kind (and Reason) to an HTTP
// status and writes it in the error dialect of the route's group (Coder's
// under /api/v2, ServiceStage's under /v1).
package errs

import (
	"context"
	"errors"
	"fmt"

	"github.com/gitauthd/gitauthd/internal/store"
)

// Kind classifies a domain error.
type Kind int

const (
	KindInternal     Kind = iota // a bug or an unexpected failure: 500
	KindInvalid                  // bad input: 400
	KindUnauthorized             // no valid credentials: 401
	KindForbidden                // authenticated but not allowed: 403
	KindNotFound                 // absent, or not visible to the caller: 404
	KindConflict                 // already exists: 409
	KindTooMany                  // rate limited: 429
	KindUnavailable              // a dependency (database, provider) is down: 503
)

// Reason refines a Kind where an API tells cases apart that the kind does
// not (ServiceStage gives each its own error code). The zero value says
// nothing more than the kind.
type Reason uint8

const (
	ReasonNone                Reason = iota
	ReasonUnsupported                // the repository type (or credential type) is not implemented
	ReasonOAuthInvalid               // an OAuth code or state is invalid or was issued for something else
	ReasonExists                     // a resource of that name already exists
	ReasonNoSuchAuthorization        // the project has no repository authorization of that name
	ReasonCredentialInvalid          // the provider rejected a credential: authorize again
	ReasonNoRoute                    // no operation at that path
)

// FieldError names one invalid field of a request.
type FieldError struct {
	Field  string
	Detail string
}

// Error is a domain error. Message is a short sentence for a person; Detail
// carries the underlying cause; Fields names each invalid field; Reason
// refines Kind.
type Error struct {
	Kind    Kind
	Message string
	Detail  string
	Fields  []FieldError
	Reason  Reason
	// RetryAfter, in seconds, for KindTooMany.
	RetryAfter int
	cause      error
}

func (e *Error) Error() string {
	if e.Detail != "" {
		return e.Message + ": " + e.Detail
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.cause }

// New returns an error of the given kind.
func New(kind Kind, message string) *Error { return &Error{Kind: kind, Message: message} }

// Invalid returns a KindInvalid error naming one field.
func Invalid(field, detail string) *Error {
	return &Error{
		Kind:    KindInvalid,
		Message: "Validation failed.",
		Detail:  fmt.Sprintf("%s: %s", field, detail),
		Fields:  []FieldError{{Field: field, Detail: detail}},
	}
}

// Wrap returns an internal error that keeps cause for the logs only; the
// cause is never shown to the client.
func Wrap(cause error, message string) *Error {
	return &Error{Kind: KindInternal, Message: message, cause: cause}
}

// WithDetail sets Detail and returns e.
func (e *Error) WithDetail(detail string) *Error { e.Detail = detail; return e }

// WithReason sets Reason and returns e.
func (e *Error) WithReason(r Reason) *Error { e.Reason = r; return e }

// Standard messages, as Coder's server words them.
const (
	MsgNotFound     = "Resource not found or you do not have access to this resource"
	MsgUnauthorized = "You are signed out or your session has expired. Please sign in again to continue."
	MsgForbidden    = "Forbidden."
	MsgInternal     = "An internal server error occurred."
)

// NotFound is the answer for anything absent or not visible to the caller.
func NotFound() *Error { return New(KindNotFound, MsgNotFound) }

// Forbidden is the answer for an authenticated caller lacking a role.
func Forbidden() *Error { return New(KindForbidden, MsgForbidden) }

// Unauthorized is the answer for missing, malformed, unknown or expired keys.
func Unauthorized(detail string) *Error {
	return &Error{Kind: KindUnauthorized, Message: MsgUnauthorized, Detail: detail}
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// MsgDatabaseUnavailable is the message of a KindUnavailable error caused by
// the database.
const MsgDatabaseUnavailable = "The database is unavailable. Please try again later."

// FromStore turns a store failure into a domain error: a domain error passes
// through; an outage or a timeout (store.ErrUnavailable, an expired or
// cancelled context) is KindUnavailable; anything else is KindInternal. The
// cause is kept for errors.Is and for the logs, never shown to the client.
func FromStore(err error, op string) error {
	if e, ok := As(err); ok {
		return e
	}
	if errors.Is(err, store.ErrUnavailable) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		e := Wrap(err, MsgDatabaseUnavailable)
		e.Kind = KindUnavailable
		return e
	}
	return Wrap(fmt.Errorf("%s: %w", op, err), MsgInternal)
}
