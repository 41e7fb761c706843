package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"net/url"
	"os"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/errs"
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

// contract holds every operation of the spec, keyed by method and Echo route
// template (for example GET and "/api/v2/users/:user").
type contract struct {
	ops     map[opKey]*operation
	options *openapi3filter.Options
}

// opKey names an operation by method and Echo route template. A struct,
// not a joined string, so that looking one up allocates nothing.
type opKey struct{ method, path string }

func operationKey(method, echoPath string) opKey { return opKey{method, echoPath} }

// echoPath turns an OpenAPI path template into Echo's: {user} → :user.
func echoPath(p string) string {
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

func newContract(spec *openapi3.T) (*contract, error) {
	c := &contract{
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
			c.ops[operationKey(method, echoPath(path))] = &operation{
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
func (ct *contract) lookup(c echo.Context) *operation {
	return ct.ops[operationKey(c.Request().Method, c.Path())]
}

// validate checks the request against the operation. Keys that differ from a
// property only in case are refused, so nothing can validate as one field
// and bind as another.
func (ct *contract) validate(c echo.Context, op *operation) error {
	if op.trivial {
		return nil
	}
	req := c.Request()
	// Echo's path parameters are still escaped when the path had to be
	// (URL.RawPath is set); the generated handlers unescape them before
	// binding, so the validator must see the same, unescaped, values.
	escaped := req.URL.RawPath != ""
	params := make(map[string]string, len(c.ParamNames()))
	for i, name := range c.ParamNames() {
		v := c.ParamValues()[i]
		if escaped {
			if u, err := url.PathUnescape(v); err == nil {
				v = u
			}
		}
		params[name] = v
	}
	input := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: params,
		Route:      op.route,
		Options:    ct.options,
	}
	if err := openapi3filter.ValidateRequest(req.Context(), input); err != nil {
		return validationError(err)
	}
	vb, ok := req.Body.(interface{ ValidatedValue() any })
	if !ok {
		return nil
	}
	value := vb.ValidatedValue()
	if rb := op.route.Operation.RequestBody; rb != nil && rb.Value != nil {
		if mt := rb.Value.Content.Get(req.Header.Get(echo.HeaderContentType)); mt != nil && mt.Schema != nil {
			if fields := caseVariants(mt.Schema.Value, value, ""); len(fields) > 0 {
				return &errs.Error{Kind: errs.KindInvalid, Message: "Validation failed.",
					Detail: fields[0].Field + ": " + fields[0].Detail, Fields: fields}
			}
		}
	}
	// The body keeps ValidatedValue: the generated strict handlers bind that
	// value, matching member names exactly, never the original bytes.
	return nil
}

// caseVariants finds object keys that differ only in case from a property of
// the schema. Go's JSON decoding matches keys case-insensitively, so such a key
// could otherwise bind in place of the property that was validated.
func caseVariants(schema *openapi3.Schema, value any, prefix string) []errs.FieldError {
	if schema == nil {
		return nil
	}
	var out []errs.FieldError
	switch v := value.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if prop, ok := schema.Properties[k]; ok {
				if prop != nil {
					out = append(out, caseVariants(prop.Value, v[k], prefix+k+".")...)
				}
				continue
			}
			for name := range schema.Properties {
				if strings.EqualFold(name, k) {
					out = append(out, errs.FieldError{Field: prefix + k,
						Detail: fmt.Sprintf("unknown field differing from %q only in case", prefix+name)})
					break
				}
			}
		}
	case []any:
		if schema.Items != nil {
			for i, item := range v {
				out = append(out, caseVariants(schema.Items.Value, item, fmt.Sprintf("%s%d.", prefix, i))...)
			}
		}
	}
	return out
}

// validationError turns kin-openapi's errors into one domain error that names
// every bad field.
func validationError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return mbe
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return err
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		// The body was still being read when the connection's read
		// deadline passed (http.Server.ReadTimeout, the request timeout).
		return fmt.Errorf("reading the request body: %w", context.DeadlineExceeded)
	}
	e := &errs.Error{Kind: errs.KindInvalid, Message: "Validation failed."}
	collectFields(err, e)
	if len(e.Fields) > 0 {
		e.Detail = e.Fields[0].Field + ": " + e.Fields[0].Detail
	}
	return e
}

func collectFields(err error, e *errs.Error) {
	var me openapi3.MultiError
	if errors.As(err, &me) && !isSingle(err) {
		for _, sub := range me {
			collectFields(sub, e)
		}
		return
	}
	var re *openapi3filter.RequestError
	if errors.As(err, &re) {
		switch {
		case re.Parameter != nil:
			e.Fields = append(e.Fields, errs.FieldError{Field: re.Parameter.Name, Detail: reasonOf(re)})
			return
		case re.RequestBody != nil:
			var pe *openapi3filter.ParseError
			if errors.As(re.Err, &pe) {
				e.Message = "Request body must be valid JSON."
				e.Fields = append(e.Fields, errs.FieldError{Field: "body", Detail: pe.Error()})
				return
			}
			if re.Err != nil {
				var sub openapi3.MultiError
				var se *openapi3.SchemaError
				if errors.As(re.Err, &sub) || errors.As(re.Err, &se) {
					collectFields(re.Err, e)
					return
				}
			}
			if strings.HasPrefix(re.Reason, "header Content-Type has unexpected value") {
				e.Message = "Unsupported content type."
				e.Fields = append(e.Fields, errs.FieldError{Field: "Content-Type", Detail: re.Reason})
				return
			}
			if errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
				e.Message = "Request body is required."
			}
			e.Fields = append(e.Fields, errs.FieldError{Field: "body", Detail: reasonOf(re)})
			return
		}
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		field := strings.Join(se.JSONPointer(), ".")
		if field == "" {
			field = "body"
		}
		reason := se.Reason
		if reason == "" {
			reason = "does not match the schema's " + se.SchemaField
		}
		e.Fields = append(e.Fields, errs.FieldError{Field: field, Detail: reason})
		return
	}
	var sre *openapi3filter.SecurityRequirementsError
	if errors.As(err, &sre) {
		return // authentication is checked elsewhere
	}
	e.Fields = append(e.Fields, errs.FieldError{Field: "request", Detail: err.Error()})
}

// isSingle reports whether err is itself a typed error whose chain happens to
// contain a MultiError (so it must be handled as one error, not split).
func isSingle(err error) bool {
	switch err.(type) {
	case *openapi3filter.RequestError, *openapi3.SchemaError:
		return true
	}
	return false
}

func reasonOf(re *openapi3filter.RequestError) string {
	if re.Err != nil {
		var se *openapi3.SchemaError
		if errors.As(re.Err, &se) && se.Reason != "" {
			return se.Reason
		}
		if re.Reason != "" {
			return re.Reason + ": " + re.Err.Error()
		}
		return re.Err.Error()
	}
	return re.Reason
}
