package server

import "github.com/labstack/echo/v4"

// buildVersionHeader names the build on every response, as Coder's server
// does: codersdk's clients (coder login among them) take a server without
// it, even on a 404, for something other than a Coder deployment.
const buildVersionHeader = "X-Coder-Build-Version"

// buildVersion sets the header before routing, so that every answer carries
// it: the handlers', the error handler's, Echo's 404 and 405, the pages,
// Swagger UI and the health endpoints.
func buildVersion(version string) echo.MiddlewareFunc {
	value := []string{version}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Response().Header()[buildVersionHeader] = value
			return next(c)
		}
	}
}
