package httpmw

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
)

func init() {
	// Browsers send CSP violation reports as application/csp-report, which is JSON.
	openapi3filter.RegisterBodyDecoder("application/csp-report", openapi3filter.JSONBodyDecoder)
}

// operation is one operation of the contract, prepared once at start-up so
// that finding it for a request is a map look-up on Echo's matched route.
type operation struct {
	route       *routers.Route
	credentials []credentialSource // empty: no authentication
	// rateLimited: the API rate limit applies (the API proper, /api/v2
	// and /v1; not the health probes).
	rateLimited bool
	// success is the status the operation answers when it succeeds, for
	// the audit trail.
	success int
	// trivial: the operation declares no parameter and no body, so there
	// is nothing to validate (undeclared query parameters are ignored).
	trivial bool
}

// Contract holds every operation of the spec, keyed by method and Echo route
// template (for example GET and "/api/v2/users/:user").
type Contract struct {
	ops     map[opKey]*operation
	options *openapi3filter.Options
}

// opKey names an operation by method and Echo route template. A struct,
// not a joined string, so that looking one up allocates nothing.
type opKey struct{ method, path string }

func operationKey(method, echoPath string) opKey { return opKey{method, echoPath} }

// EchoPath turns an OpenAPI path template into Echo's: {user} → :user.
func EchoPath(p string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(p, '{')
		if i < 0 {
			b.WriteString(p)
			return b.String()
		}
		j := strings.IndexByte(p[i:], '}')
		if j < 0 {
			b.WriteString(p)
			return b.String()
		}
		b.WriteString(p[:i])
		b.WriteByte(':')
		b.WriteString(p[i+1 : i+j])
		p = p[i+j+1:]
	}
}

func NewContract(spec *openapi3.T) (*Contract, error) {
	c := &Contract{
		ops: map[opKey]*operation{},
		options: &openapi3filter.Options{
			// Authentication is done by the server's own middleware, which
			// runs first; the validator only checks the request's shape.
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			MultiError:         true,
			KeepValidatedValue: true,
			// One map for every validation (WithStringFormatValidator
			// would build one each time).
			SchemaValidationOptions: []openapi3.SchemaValidationOption{
				openapi3.WithStringFormatValidators(map[string]openapi3.StringFormatValidator{
					"email": openapi3.NewCallbackValidator(checkEmailFormat),
					"uuid":  openapi3.NewCallbackValidator(checkUUIDFormat),
				}),
			},
		},
	}
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			security := spec.Security
			if op.Security != nil {
				security = *op.Security
			}
			creds, err := credentialSources(spec, security)
			if err != nil {
				return nil, fmt.Errorf("operation %s: %w", op.OperationID, err)
			}
			// The validator gets the operation without its security: the
			// middleware has authenticated already, and kin-openapi's
			// security check would read the whole body into memory only
			// for the body validation to read it a second time.
			unsecured := *op
			unsecured.Security = &openapi3.SecurityRequirements{}
			c.ops[operationKey(method, EchoPath(path))] = &operation{
				route: &routers.Route{
					Spec: spec, Path: path, PathItem: item, Method: method, Operation: &unsecured,
				},
				credentials: creds,
				rateLimited: strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/v1/"),
				trivial:     len(item.Parameters) == 0 && len(op.Parameters) == 0 && op.RequestBody == nil,
				success:     successStatus(op),
			}
		}
	}
	return c, nil
}

// checkEmailFormat is the spec's "email" format: a bare address, no display
// name or angle brackets. kin-openapi does not check the format by itself, and
// the generated models (openapi_types.Email) refuse what net/mail cannot
// parse when they bind, which would answer 400 without naming the field.
func checkEmailFormat(s string) error {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return errors.New("must be a valid email address")
	}
	return nil
}

// checkUUIDFormat is the spec's "uuid" format, checked as the generated
// models (openapi_types.UUID) parse it when they bind, so that a bad value is
// refused naming its field rather than by the binding.
func checkUUIDFormat(s string) error {
	if _, err := uuid.Parse(s); err != nil {
		return errors.New("must be a UUID")
	}
	return nil
}

// lookup returns the operation Echo routed the request to, or nil for routes
// outside the contract (Swagger UI, unknown routes).
func (ct *Contract) lookup(c echo.Context) *operation {
	return ct.ops[operationKey(c.Request().Method, c.Path())]
}
