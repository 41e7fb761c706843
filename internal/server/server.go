// Package server assembles the HTTP server: Echo, its middleware, request
// validation against the embedded contract, Swagger UI, and the generated
// routes bound to the handlers.
package server

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/httpapi"
	"github.com/gitauthd/gitauthd/internal/metrics"
)

// Options configure the HTTP server.
type Options struct {
	Logger *slog.Logger
	// LogRequests logs successful requests at info level, not debug.
	LogRequests    bool
	Spec           *openapi3.T
	Handlers       api.StrictServerInterface
	Auth           AuthFunc
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
	ct, err := newContract(o.Spec)
	if err != nil {
		return nil, fmt.Errorf("preparing the contract: %w", err)
	}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	dialects, err := httpapi.NewDialects(o.Spec, echoPath)
	if err != nil {
		return nil, fmt.Errorf("preparing the contract: %w", err)
	}
	e.HTTPErrorHandler = httpapi.ErrorHandler(o.Logger, dialects)
	// The client address is the socket's, unless a trusted proxy names it.
	if e.IPExtractor, err = newIPExtractor(o.ProxyTrustedHeaders, o.ProxyTrustedOrigins); err != nil {
		return nil, err
	}

	e.Pre(buildVersion(o.BuildVersion))
	routes := routeSet{}
	e.Use(middleware.RequestIDWithConfig(middleware.RequestIDConfig{Generator: requestIDs()}))
	if o.Metrics != nil {
		e.Use(httpMetrics(o.Metrics, routes))
	}
	e.Use(
		accessLog(o.Logger, o.LogRequests),
		recoverMiddleware(o.Logger),
		secureHeaders(o.HSTSSeconds, o.HSTSOptions),
		jsonCharset,
		requestTimeout(o.RequestTimeout, ct),
		bodyLimit(o.MaxBodyBytes),
		contractMiddleware(ct, o.Auth, apiLimiter(o.APIRateLimit), o.RequestTimeout),
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
	routes.fill(e)
	return e, nil
}
