package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/api"
)

// benchHandlers answer the benchmarked operations at once, so that what is
// measured is the server around them: routing, middleware, authentication
// (a stub), rate limiting and validation.
type benchHandlers struct {
	api.StrictServerInterface
	tokenName atomic.Value // CreateToken records the name it bound
}

func (*benchHandlers) GetBuildInfo(context.Context, api.GetBuildInfoRequestObject) (api.GetBuildInfoResponseObject, error) {
	return api.GetBuildInfo200JSONResponse{Version: "v1.0.0", ExternalUrl: "https://example.test", DashboardUrl: "https://example.test"}, nil
}

func (*benchHandlers) GetExternalAuthByID(context.Context, api.GetExternalAuthByIDRequestObject) (api.GetExternalAuthByIDResponseObject, error) {
	return api.GetExternalAuthByID200JSONResponse{Authenticated: true, DisplayName: "GitHub", Installations: []api.ExternalAuthAppInstallation{}}, nil
}

func (*benchHandlers) GetGitCredentials(context.Context, api.GetGitCredentialsRequestObject) (api.GetGitCredentialsResponseObject, error) {
	tok := "gho_16C7e42F292c6912E7710c838347Ae178B4a"
	return api.GetGitCredentials200JSONResponse{Type: "github", AccessToken: &tok, Username: &tok}, nil
}

func (h *benchHandlers) CreateToken(_ context.Context, req api.CreateTokenRequestObject) (api.CreateTokenResponseObject, error) {
	if req.Body != nil && req.Body.TokenName != nil {
		h.tokenName.Store(*req.Body.TokenName)
	}
	return api.CreateToken201JSONResponse{Key: "AAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB"}, nil
}

func newBenchEcho(tb testing.TB, h *benchHandlers, rateLimit int) *echo.Echo {
	tb.Helper()
	e, err := NewEcho(Options{
		Logger:         slog.New(slog.DiscardHandler),
		Spec:           mustSpec(),
		Handlers:       h,
		Auth:           func(ctx context.Context, _ string) (context.Context, error) { return ctx, nil },
		RequestTimeout: time.Minute,
		MaxBodyBytes:   1 << 20,
		APIRateLimit:   rateLimit,
	})
	require.NoError(tb, err)
	return e
}

// BenchmarkServer runs requests through the whole Echo server (every
// middleware, the contract's validation) with handlers that answer at once.
func BenchmarkServer(b *testing.B) {
	cases := []struct {
		name, method, target, body string
	}{
		{"buildinfo", http.MethodGet, "/api/v2/buildinfo", ""},
		{"external-auth-by-id", http.MethodGet, "/api/v2/external-auth/github", ""},
		{"git-credentials", http.MethodGet, "/api/v2/git-credentials?match=https%3A%2F%2Fgithub.com%2Focto-org%2Fhello-world.git", ""},
		{"create-token-body", http.MethodPost, "/api/v2/users/me/keys/tokens", `{"token_name":"ci","lifetime":3600000000000}`},
	}
	for _, limited := range []bool{false, true} {
		limit := 0
		suffix := ""
		if limited {
			limit, suffix = 1<<30, "/rate-limited"
		}
		e := newBenchEcho(b, &benchHandlers{}, limit)
		for _, tc := range cases {
			b.Run(tc.name+suffix, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					var body io.Reader
					if tc.body != "" {
						body = strings.NewReader(tc.body)
					}
					req := httptest.NewRequest(tc.method, tc.target, body)
					req.Header.Set("Coder-Session-Token", "AAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB")
					if tc.body != "" {
						req.Header.Set("Content-Type", "application/json")
					}
					rec := httptest.NewRecorder()
					e.ServeHTTP(rec, req)
					if rec.Code >= 300 {
						b.Fatalf("%s %s: %d %s", tc.method, tc.target, rec.Code, rec.Body)
					}
				}
			})
		}
	}
}

// onceBody is a request body that records how it is read.
type onceBody struct {
	r         io.Reader
	read      int
	afterEOF  int // reads after io.EOF was returned
	sawEOF    bool
	closeSeen bool
}

func (b *onceBody) Read(p []byte) (int, error) {
	if b.sawEOF {
		b.afterEOF++
	}
	n, err := b.r.Read(p)
	b.read += n
	if err == io.EOF {
		b.sawEOF = true
	}
	return n, err
}

func (b *onceBody) Close() error { b.closeSeen = true; return nil }

// validatedBody wraps the body validation left on the request, counting
// the reads of its bytes while passing its validated value on.
type validatedBody struct {
	inner interface {
		io.ReadCloser
		ValidatedValue() any
	}
	reads atomic.Int64
}

func (v *validatedBody) Read(p []byte) (int, error) { v.reads.Add(1); return v.inner.Read(p) }
func (v *validatedBody) Close() error               { return v.inner.Close() }
func (v *validatedBody) ValidatedValue() any        { return v.inner.ValidatedValue() }

// TestValidatedBodyReadOnce: an authenticated request with a body is read
// from the connection once, by validation, and the handler binds the value
// validation decoded, never the bytes again.
func TestValidatedBodyReadOnce(t *testing.T) {
	h := &benchHandlers{}
	e := newBenchEcho(t, h, 0)
	// Runs after the contract's middleware, just before the handler.
	var seen *validatedBody
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			vb, ok := c.Request().Body.(interface {
				io.ReadCloser
				ValidatedValue() any
			})
			require.True(t, ok, "validation left no validated value on the body (%T)", c.Request().Body)
			seen = &validatedBody{inner: vb}
			c.Request().Body = seen
			return next(c)
		}
	})
	const payload = `{"token_name":"ci","lifetime":3600000000000}`
	body := &onceBody{r: strings.NewReader(payload)}
	req := httptest.NewRequest(http.MethodPost, "/api/v2/users/me/keys/tokens", body)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Coder-Session-Token", "AAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB")
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	require.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)
	assert.Equal(t, "ci", h.tokenName.Load(), "the handler got the validated body")
	assert.Equal(t, len(payload), body.read, "every byte read once")
	assert.Zero(t, body.afterEOF, "the body was read again after its end")
	require.NotNil(t, seen)
	assert.Zero(t, seen.reads.Load(), "the handler decoded the body's bytes a second time")

}
