package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

const spec = `
openapi: 3.0.3
info: {title: t, version: "1"}
tags:
  - name: Coder
  - name: Stage
    x-error-dialect: servicestage
paths:
  /api/v2/things/{id}:
    get: {tags: [Coder], responses: {"200": {description: ok}}}
  /v1/{project_id}/git/auths:
    get: {tags: [Stage], responses: {"200": {description: ok}}}
`

func echoPath(p string) string {
	return strings.NewReplacer("{id}", ":id", "{project_id}", ":project_id").Replace(p)
}

func newEcho(t *testing.T, fail error) *echo.Echo {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(spec))
	require.NoError(t, err)
	ds, err := NewDialects(doc, echoPath)
	require.NoError(t, err)
	e := echo.New()
	e.HTTPErrorHandler = ErrorHandler(slog.New(slog.DiscardHandler), ds)
	h := func(echo.Context) error { return fail }
	e.GET("/api/v2/things/:id", h)
	e.GET("/v1/:project_id/git/auths", h)
	return e
}

func call(e *echo.Echo, method, path string) (int, map[string]any) {
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	var body map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	return rec.Code, body
}

func TestDialectByRouteGroup(t *testing.T) {
	e := newEcho(t, errs.NotFound().WithDetail("project \"p\" not found"))
	for _, tc := range []struct {
		method, path string
		status       int
		want         map[string]any
	}{
		{"GET", "/v1/p/git/auths", 404, map[string]any{"error_code": "SVCSTG.REPO.0404", "error_msg": errs.MsgNotFound + `: project "p" not found`}},
		{"DELETE", "/v1/p/git/auths", 405, map[string]any{"error_code": "SVCSTG.REPO.0400", "error_msg": "Method not allowed."}},
		{"GET", "/v1/p/git/nothing", 404, map[string]any{"error_code": "APIGW.0101", "error_msg": "Route not found."}},
		{"GET", "/v1", 404, map[string]any{"error_code": "APIGW.0101", "error_msg": "Route not found."}},
		{"GET", "/api/v2/things/1", 404, map[string]any{"message": errs.MsgNotFound, "detail": `project "p" not found`}},
		{"GET", "/v10/x", 404, map[string]any{"message": "Route not found."}},
		{"GET", "/nothing", 404, map[string]any{"message": "Route not found."}},
	} {
		status, body := call(e, tc.method, tc.path)
		assert.Equal(t, tc.status, status, "%s %s", tc.method, tc.path)
		assert.Equal(t, tc.want, body, "%s %s", tc.method, tc.path)
	}
}

func TestOneTable(t *testing.T) {
	for _, tc := range []struct {
		err    *errs.Error
		status int
		code   string
	}{
		{errs.Invalid("name", "bad"), 400, "SVCSTG.REPO.0400"},
		{errs.New(errs.KindConflict, "x"), 409, "SVCSTG.REPO.0403"},
		{errs.New(errs.KindConflict, "x").WithReason(errs.ReasonExists), 400, "SVCSTG.REPO.0403"},
		{errs.New(errs.KindNotFound, "x").WithReason(errs.ReasonNoSuchAuthorization), 400, "SVCSTG.REPO.0450"},
		{errs.New(errs.KindInvalid, "x").WithReason(errs.ReasonUnsupported), 400, "SVCSTG.REPO.0401"},
		{errs.New(errs.KindInvalid, "x").WithReason(errs.ReasonOAuthInvalid), 400, "SVCSTG.REPO.0402"},
		{errs.New(errs.KindInvalid, "x").WithReason(errs.ReasonCredentialInvalid), 400, "SVCSTG.REPO.0451"},
		{errs.New(errs.KindUnavailable, "x").WithReason(errs.ReasonCredentialInvalid), 503, "SVCSTG.REPO.0503"},
		{errs.New(errs.KindTooMany, "x"), 429, "APIGW.0308"},
		{errs.Unauthorized("no key"), 401, "APIGW.0301"},
		{errs.Forbidden(), 403, "APIGW.0302"},
		{errs.Wrap(fmt.Errorf("boom"), errs.MsgInternal), 500, "SVCSTG.REPO.0500"},
		{&errs.Error{Kind: errs.Kind(99), Message: "x"}, 500, "SVCSTG.REPO.0500"},
	} {
		assert.Equal(t, tc.status, Status(tc.err), "%v", tc.err)
		assert.Equal(t, tc.code, answerOf(tc.err).code, "%v", tc.err)
	}
	for k := errs.KindInternal; k <= errs.KindUnavailable; k++ {
		_, ok := byKind[k]
		assert.True(t, ok, "kind %d has an answer", k)
	}
}

func TestClassifyStoreAndContext(t *testing.T) {
	e, status := Classify(fmt.Errorf("get user: %w", store.ErrUnavailable))
	assert.Equal(t, 503, status)
	assert.Equal(t, errs.MsgDatabaseUnavailable, e.Message, "the words of errs.FromStore")
	_, status = Classify(context.DeadlineExceeded)
	assert.Equal(t, 503, status)
	e, status = Classify(fmt.Errorf("secret cause"))
	assert.Equal(t, 500, status)
	assert.Equal(t, errs.MsgInternal, e.Message)

	// An internal error never shows its cause, in either dialect.
	srv := newEcho(t, fmt.Errorf("secret cause"))
	for _, p := range []string{"/v1/p/git/auths", "/api/v2/things/1"} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		assert.Equal(t, 500, rec.Code)
		assert.NotContains(t, rec.Body.String(), "secret", p)
	}
}

func TestUnknownDialect(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(strings.Replace(spec, "servicestage", "soap", 1)))
	require.NoError(t, err)
	_, err = NewDialects(doc, echoPath)
	assert.ErrorContains(t, err, "unknown dialect soap")
}
