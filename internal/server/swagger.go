package server

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"
	swaggerfiles "github.com/swaggo/files/v2"
	"gopkg.in/yaml.v3"
)

//go:embed assets/swagger-initializer.js
var swaggerInitializer []byte

// swaggerCSP lets Swagger UI run from the server's own origin only.
const swaggerCSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
	"frame-ancestors 'none'; report-uri /api/v2/csp/reports"

// mountSwagger serves Swagger UI (assets embedded in the binary) at /swagger/
// and the embedded spec as /swagger/openapi.json and /swagger/openapi.yaml.
// The documents are encoded on their first request, not at start: encoding
// the spec costs megabytes that a server nobody reads the docs of would
// keep for nothing.
func mountSwagger(e *echo.Echo, spec *openapi3.T) error {
	specJSON := sync.OnceValues(func() ([]byte, error) {
		b, err := json.Marshal(spec)
		if err != nil {
			return nil, fmt.Errorf("encoding the spec as JSON: %w", err)
		}
		return b, nil
	})
	specYAML := sync.OnceValues(func() ([]byte, error) {
		doc, err := spec.MarshalYAML()
		if err != nil {
			return nil, fmt.Errorf("encoding the spec as YAML: %w", err)
		}
		b, err := yaml.Marshal(doc)
		if err != nil {
			return nil, fmt.Errorf("encoding the spec as YAML: %w", err)
		}
		return b, nil
	})
	assets := http.StripPrefix("/swagger/", http.FileServer(http.FS(swaggerfiles.FS)))
	g := e.Group("/swagger", func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Response().Header().Set("Content-Security-Policy", swaggerCSP)
			return next(c)
		}
	})
	e.GET("/swagger", func(c echo.Context) error {
		return c.Redirect(http.StatusMovedPermanently, "/swagger/")
	})
	g.GET("/openapi.json", func(c echo.Context) error {
		b, err := specJSON()
		if err != nil {
			return err
		}
		return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, b)
	})
	g.GET("/openapi.yaml", func(c echo.Context) error {
		b, err := specYAML()
		if err != nil {
			return err
		}
		return c.Blob(http.StatusOK, "application/yaml", b)
	})
	g.GET("/swagger-initializer.js", func(c echo.Context) error {
		return c.Blob(http.StatusOK, "text/javascript; charset=utf-8", swaggerInitializer)
	})
	g.GET("/*", echo.WrapHandler(assets))
	return nil
}
