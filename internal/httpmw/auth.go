package httpmw

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/errs"
)

// AuthFunc verifies a raw API key and returns a context carrying the caller.
type AuthFunc func(ctx context.Context, rawKey string) (context.Context, error)

// credentialSource reads a credential from one place of a request, as one of
// the spec's security schemes says.
type credentialSource struct {
	in   string // cookie, query, header, bearer
	name string
}

// Order in which Coder reads a session token: cookie, query, header, bearer.
var sourceRank = map[string]int{"cookie": 0, "query": 1, "header": 2, "bearer": 3}

func credentialSources(spec *openapi3.T, security openapi3.SecurityRequirements) ([]credentialSource, error) {
	seen := map[credentialSource]bool{}
	var out []credentialSource
	for _, req := range security {
		for name := range req {
			ref := spec.Components.SecuritySchemes[name]
			if ref == nil || ref.Value == nil {
				return nil, fmt.Errorf("unknown security scheme %q", name)
			}
			s := ref.Value
			var src credentialSource
			switch {
			case s.Type == "apiKey":
				src = credentialSource{in: s.In, name: s.Name}
			case s.Type == "http" && strings.EqualFold(s.Scheme, "bearer"):
				src = credentialSource{in: "bearer", name: "Authorization"}
			default:
				return nil, fmt.Errorf("unsupported security scheme %q", name)
			}
			if !seen[src] {
				seen[src] = true
				out = append(out, src)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return sourceRank[out[i].in] < sourceRank[out[j].in] })
	return out, nil
}

func (s credentialSource) read(r *http.Request) string {
	switch s.in {
	case "cookie":
		if c, err := r.Cookie(s.name); err == nil {
			return c.Value
		}
	case "query":
		return queryValue(r.URL.RawQuery, s.name)
	case "header":
		return r.Header.Get(s.name)
	case "bearer":
		h := r.Header.Get("Authorization")
		if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
			return strings.TrimSpace(h[7:])
		}
	}
	return ""
}

// queryValue is url.ParseQuery(rawQuery).Get(name) without building the
// map of every parameter: the first value of name, "" if none.
func queryValue(rawQuery, name string) string {
	for rawQuery != "" {
		var part string
		part, rawQuery, _ = strings.Cut(rawQuery, "&")
		if part == "" || strings.Contains(part, ";") {
			continue // ParseQuery skips these too
		}
		k, v, _ := strings.Cut(part, "=")
		if k != name {
			if !strings.ContainsAny(k, "%+") {
				continue
			}
			if uk, err := url.QueryUnescape(k); err != nil || uk != name {
				continue
			}
		}
		uv, err := url.QueryUnescape(v)
		if err != nil {
			continue
		}
		return uv
	}
	return ""
}

// credential returns the first credential found, in Coder's order.
func credential(r *http.Request, sources []credentialSource) string {
	for _, s := range sources {
		if v := s.read(r); v != "" {
			return v
		}
	}
	return ""
}

// missingCredential is the 401 for a request that carries no key at all.
func missingCredential(sources []credentialSource) error {
	names := make([]string, 0, len(sources))
	for _, s := range sources {
		switch s.in {
		case "bearer":
			names = append(names, "bearer token")
		default:
			names = append(names, fmt.Sprintf("%s %q", s.in, s.name))
		}
	}
	return errs.Unauthorized(fmt.Sprintf("A session token must be provided in the %s.", strings.Join(names, ", or ")))
}

// authErrKey holds, in the echo.Context, the outcome of a failed
// authentication until RequireAuth answers it.
const authErrKey = "httpmw.authErr"

// authenticate reads the caller's API key where the operation's security
// says (in Coder's order: cookie, query, header, bearer) and, when auth
// accepts it, returns ctx carrying the caller. It runs inside
// RequestContext, so that the request is copied with its new context once.
// A missing or refused key is not answered here but by RequireAuth, after
// RateLimit has counted the attempt: guessing keys is limited too.
func authenticate(ctx context.Context, c echo.Context, op *operation, auth AuthFunc) context.Context {
	if op == nil || len(op.credentials) == 0 || auth == nil {
		return ctx
	}
	raw := credential(c.Request(), op.credentials)
	if raw == "" {
		c.Set(authErrKey, missingCredential(op.credentials))
		return ctx
	}
	authed, err := auth(ctx, raw)
	if err != nil {
		c.Set(authErrKey, err)
		return ctx
	}
	return authed
}

// RequireAuth answers the failed authentication Authenticate found, if any.
func RequireAuth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err, ok := c.Get(authErrKey).(error); ok {
			return err
		}
		return next(c)
	}
}
