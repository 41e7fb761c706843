// Package handlers implements the generated StrictServerInterface. Each
// handler reads its typed request, calls one domain function and returns a
// typed response; errors go to internal/httpapi's ErrorHandler, which writes
// them in the dialect of the route's group.
package handlers

import (
	"context"
	"sync"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/externalauth"
	"github.com/gitauthd/gitauthd/internal/general"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/projectauth"
	"github.com/gitauthd/gitauthd/internal/sso"
)

// Services are the domain services the handlers call.
type Services struct {
	Identity     *identity.Service
	General      *general.Service
	ExternalAuth *externalauth.Service
	ProjectAuth  *projectauth.Service
	SignIn       *sso.SignIn
	Audit        *audit.Reader
	// SecureCookie sets the Secure attribute on the session cookie.
	SecureCookie bool
}

// Server implements api.StrictServerInterface.
type Server struct {
	Services
	// buildInfo is GET /buildinfo's answer, encoded on its first request:
	// nothing in it changes while the server runs.
	buildInfo func() (api.GetBuildInfoResponseObject, error)
}

var _ api.StrictServerInterface = (*Server)(nil)

// New returns the handlers over s.
func New(s Services) *Server {
	h := &Server{Services: s}
	h.buildInfo = sync.OnceValues(h.encodeBuildInfo)
	return h
}

// actor is the authenticated caller. Operations with a security requirement
// never reach their handler without one (the server's middleware answers
// 401 first); elsewhere it is the zero Actor, which no domain rule accepts.
func actor(ctx context.Context) identity.Actor {
	a, _ := identity.ActorFrom(ctx)
	return a
}

type clientIPKey struct{}

// WithClientIP records the client's address (from the socket, or from a
// trusted proxy header) for handlers that rate-limit by it.
func WithClientIP(ctx context.Context, ip string) context.Context {
	return context.WithValue(ctx, clientIPKey{}, ip)
}

// ClientIP is the address WithClientIP recorded ("" for none).
func ClientIP(ctx context.Context) string {
	ip, _ := ctx.Value(clientIPKey{}).(string)
	return ip
}

func ptr[T any](v T) *T { return &v }
