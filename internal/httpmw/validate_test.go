package httpmw

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/api"
)

func mustSpec() *openapi3.T {
	spec, err := api.GetSpec()
	if err != nil {
		panic(err)
	}
	return spec
}

// BenchmarkValidate is the contract alone: finding the operation from
// Echo's matched route and validating the request against it.
func BenchmarkValidate(b *testing.B) {
	e := echo.New()
	ct, err := NewContract(mustSpec())
	require.NoError(b, err)
	for k := range ct.ops {
		e.Add(k.method, k.path, func(echo.Context) error { return nil })
	}
	cases := []struct {
		name, method, target, body string
	}{
		{"no-parameters", http.MethodGet, "/api/v2/buildinfo", ""},
		{"path-parameter", http.MethodGet, "/api/v2/external-auth/github", ""},
		{"query-parameter", http.MethodGet, "/api/v2/git-credentials?match=https%3A%2F%2Fgithub.com%2Focto-org%2Fhello-world.git", ""},
		{"json-body", http.MethodPost, "/api/v2/users/me/keys/tokens", `{"token_name":"ci","lifetime":3600000000000}`},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var body io.Reader
				if tc.body != "" {
					body = strings.NewReader(tc.body)
				}
				req, _ := http.NewRequest(tc.method, tc.target, body)
				if tc.body != "" {
					req.Header.Set("Content-Type", "application/json")
				}
				c := e.NewContext(req, httptest.NewRecorder())
				e.Router().Find(tc.method, req.URL.Path, c)
				op := ct.lookup(c)
				if op == nil {
					b.Fatal("no operation")
				}
				if err := ct.validate(c, op); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestValidatorNeverSeesSecurity: the middleware authenticates, so the
// validator gets every operation without its security.
func TestValidatorNeverSeesSecurity(t *testing.T) {
	// kin-openapi's security check would read the whole body into memory
	// before the body validation reads that copy again: the validator
	// never sees the operations' security (the middleware authenticates).
	ct, err := NewContract(mustSpec())
	require.NoError(t, err)
	for k, op := range ct.ops {
		require.NotNil(t, op.route.Operation.Security, "%v", k)
		assert.Empty(t, *op.route.Operation.Security, "%v", k)
	}
	assert.NotEmpty(t, ct.ops[opKey{http.MethodPost, "/api/v2/users/:user/keys/tokens"}].credentials)
}
