package httpmw

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
)

// JSONCharset gives JSON answers the content type Coder's server sends.
func JSONCharset(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		res := c.Response()
		res.Before(func() {
			if res.Header().Get(echo.HeaderContentType) == echo.MIMEApplicationJSON {
				res.Header().Set(echo.HeaderContentType, "application/json; charset=utf-8")
			}
		})
		return next(c)
	}
}

// SecureHeaders sets the response headers every answer carries.
func SecureHeaders(hstsSeconds int64, hstsOptions []string) echo.MiddlewareFunc {
	// The keys are canonical and the values built once: each answer gets
	// them by plain map assignment. Every slice has len == cap, so an Add
	// to one of these headers copies instead of writing into the shared
	// array; Set replaces the slice.
	type header struct {
		key   string
		value []string
	}
	headers := []header{
		{"X-Content-Type-Options", []string{"nosniff"}},
		{"X-Frame-Options", []string{"DENY"}},
		{"Referrer-Policy", []string{"no-referrer"}},
		{"Cross-Origin-Opener-Policy", []string{"same-origin"}},
		{"Content-Security-Policy", []string{apiCSP}},
	}
	if hstsSeconds > 0 {
		hsts := "max-age=" + strconv.FormatInt(hstsSeconds, 10)
		for _, o := range hstsOptions {
			hsts += "; " + o
		}
		headers = append(headers, header{"Strict-Transport-Security", []string{hsts}})
	}
	for _, h := range headers {
		if h.key != http.CanonicalHeaderKey(h.key) || len(h.value) != cap(h.value) {
			panic("SecureHeaders: " + h.key)
		}
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			for _, sh := range headers {
				h[sh.key] = sh.value
			}
			return next(c)
		}
	}
}

// apiCSP forbids everything: API answers are data, never documents.
const apiCSP = "default-src 'none'; frame-ancestors 'none'; report-uri /api/v2/csp/reports"
