// Package server assembles the application from its configuration: it
// opens the store (SQLite or PostgreSQL, with encryption, caches and
// cross-replica invalidation), the key files and the audit trail, builds the
// domain services, sets up logging, GC tuning and the metrics and pprof
// listeners (app.go), and composes the Echo server: the middleware of
// internal/httpmw in one visible order, the generated routes bound to the
// handlers, the pages and Swagger UI (server.go).
package server

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/httpapi"
	"github.com/gitauthd/gitauthd/internal/httpmw"
	"github.com/gitauthd/gitauthd/internal/metrics"
)

// Options configure the HTTP server.
type Options struct {
	Logger *slog.Logger
	// LogRequests logs successful requests at info level, not debug.
	LogRequests    bool
	Spec           *openapi3.T
	Handlers       api.StrictServerInterface
	Auth           httpmw.AuthFunc
	RequestTimeout time.Duration
	MaxBodyBytes   int64
	Swagger        bool
	// Pages are the server-rendered web pages, mounted beside the API.
	Pages       interface{ Mount(*echo.Echo) error }
	HSTSSeconds int64
	HSTSOptions []string
	// Metrics, if set, counts and times every request by route template.
	Metrics *metrics.Metrics
	// APIRateLimit is the number of API requests allowed per minute per
	// API key, or per client IP without a valid key; 0 or less: no limit.
	APIRateLimit int
	// ProxyTrustedHeaders and ProxyTrustedOrigins say which proxies may
	// name the client's IP address, and in which headers.
	ProxyTrustedHeaders []string
	ProxyTrustedOrigins []string
	// BuildVersion is the /buildinfo version, sent on every response as
	// X-Coder-Build-Version.
	BuildVersion string
}

// NewEcho builds the Echo instance that serves the whole API.
func NewEcho(o Options) (*echo.Echo, error) {
	ct, err := httpmw.NewContract(o.Spec)
	if err != nil {
		return nil, fmt.Errorf("preparing the contract: %w", err)
	}
	dialects, err := httpapi.NewDialects(o.Spec, httpmw.EchoPath)
	if err != nil {
		return nil, fmt.Errorf("preparing the contract: %w", err)
	}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = httpapi.ErrorHandler(o.Logger, dialects)
	// The client address is the socket's, unless a trusted proxy names it.
	if e.IPExtractor, err = httpmw.NewIPExtractor(o.ProxyTrustedHeaders, o.ProxyTrustedOrigins); err != nil {
		return nil, err
	}

	// The middleware, in the order a request meets it. BuildVersion runs
	// before routing, so that even Echo's 404 and 405 carry the header.
	e.Pre(httpmw.BuildVersion(o.BuildVersion))
	routes := httpmw.Routes{}
	e.Use(httpmw.RequestID())
	if o.Metrics != nil {
		e.Use(httpmw.Metrics(o.Metrics, routes))
	}
	e.Use(
		httpmw.AccessLog(o.Logger, o.LogRequests),
		httpmw.Recover(o.Logger),
		httpmw.SecureHeaders(o.HSTSSeconds, o.HSTSOptions),
		httpmw.JSONCharset,
		// Who is calling is read with the request's context (one copy of
		// the request); how often, and is the request what the spec says,
		// below.
		httpmw.RequestContext(ct, o.RequestTimeout, o.Auth),
		httpmw.BodyLimit(o.MaxBodyBytes),
		httpmw.RateLimit(ct, httpmw.APILimiter(o.APIRateLimit)),
		httpmw.RequireAuth,
		httpmw.Validate(ct),
	)
	api.RegisterHandlers(e, api.NewStrictHandler(o.Handlers, nil))
	if o.Pages != nil {
		if err := o.Pages.Mount(e); err != nil {
			return nil, fmt.Errorf("mounting the web pages: %w", err)
		}
	}
	if o.Swagger {
		if err := mountSwagger(e, o.Spec); err != nil {
			return nil, err
		}
	}
	routes.Fill(e)
	return e, nil
}
