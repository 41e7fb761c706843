package httpmw

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/errs"
)

// Validate checks every request to an operation of the contract against
// the spec before its handler runs (see validate).
func Validate(ct *Contract) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if op := ct.lookup(c); op != nil {
				if err := ct.validate(c, op); err != nil {
					return err
				}
			}
			return next(c)
		}
	}
}

// validate checks the request against the operation. Keys that differ from a
// property only in case are refused, so nothing can validate as one field
// and bind as another.
func (ct *Contract) validate(c echo.Context, op *operation) error {
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
