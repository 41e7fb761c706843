package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/apitest"
)

// assertCommonHeaders checks the headers every answer carries, errors
// included.
func assertCommonHeaders(t *testing.T, res *http.Response) {
	t.Helper()
	assert.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"), "Content-Type of %s %s", res.Request.Method, res.Request.URL.Path)
	assert.NotEmpty(t, res.Header.Get("X-Request-Id"), "X-Request-Id of %s %s", res.Request.Method, res.Request.URL.Path)
	assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
	assert.Contains(t, res.Header.Get("Content-Security-Policy"), "default-src 'none'")
}

// coderErr sends a request, expects status and a Coder-dialect error, and
// returns it.
func coderErr(t *testing.T, s *apitest.Server, status int, method, path, body string, h http.Header) coderError {
	t.Helper()
	res, data := s.Do(method, path, body, h)
	require.Equal(t, status, res.StatusCode, "%s %s: %.300s", method, path, data)
	assertCommonHeaders(t, res)
	return decodeCoderError(t, data)
}

func svcErr(t *testing.T, s *apitest.Server, status int, method, path, body string, h http.Header) serviceStageError {
	t.Helper()
	res, data := s.Do(method, path, body, h)
	require.Equal(t, status, res.StatusCode, "%s %s: %.300s", method, path, data)
	assertCommonHeaders(t, res)
	return decodeServiceStageError(t, data)
}

func TestValidation(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	owner := s.CreateOwner(t)
	login := func(body string) string { return body }

	t.Run("malformed JSON", func(t *testing.T) {
		for _, body := range []string{`{"email":`, `{"email":"owner@example.com",}`, `not json`, `[1,2`} {
			e := coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users/login", body, nil)
			assert.Equal(t, "Request body must be valid JSON.", e.Message, body)
			assert.Equal(t, []string{"body"}, e.fields(), body)
		}
		e := coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users/me/keys/tokens", `{"lifetime":`, auth(owner.Token))
		assert.Equal(t, "Request body must be valid JSON.", e.Message)
	})

	t.Run("wrong types", func(t *testing.T) {
		e := coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users/me/keys/tokens", `{"lifetime":"abc"}`, auth(owner.Token))
		assert.Equal(t, []string{"lifetime"}, e.fields())
		assert.Contains(t, e.Detail, "lifetime")

		e = coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users/login", login(`{"email":5,"password":"x"}`), nil)
		assert.Equal(t, []string{"email"}, e.fields())

		// The email format: a bare address.
		for _, email := range []string{"not-an-email", "Owner <owner@example.com>", "owner@", ""} {
			e = coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users/login", `{"email":"`+email+`","password":"x"}`, nil)
			assert.Equal(t, "Validation failed.", e.Message, email)
			assert.Equal(t, []string{"email"}, e.fields(), email)
		}
		e = coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users", `{"email":"x","username":"x","password":"`+apitest.Password+`"}`, auth(owner.Token))
		assert.Equal(t, []string{"email"}, e.fields())
		// The uuid format, named down to the array item.
		e = coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users",
			`{"email":"x@example.com","username":"x","password":"`+apitest.Password+`","organization_ids":["not-a-uuid"]}`, auth(owner.Token))
		assert.Equal(t, []string{"organization_ids.0"}, e.fields())

		// Several bad fields: each is named.
		e = coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users/me/keys/tokens",
			`{"lifetime":"abc","scope":"everything","token_name":7}`, auth(owner.Token))
		assert.ElementsMatch(t, []string{"lifetime", "scope", "token_name"}, e.fields())

		// The body must be an object.
		e = coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users/login", `["owner@example.com"]`, nil)
		assert.NotEmpty(t, e.fields())
	})

	t.Run("bad query parameter", func(t *testing.T) {
		e := coderErr(t, s, http.StatusBadRequest, http.MethodGet, "/api/v2/users?limit=abc", "", auth(owner.Token))
		assert.Equal(t, []string{"limit"}, e.fields())
		e = coderErr(t, s, http.StatusBadRequest, http.MethodGet, "/api/v2/users?offset=-1", "", auth(owner.Token))
		assert.Equal(t, []string{"offset"}, e.fields())
	})

	t.Run("missing required fields", func(t *testing.T) {
		e := coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users/login", `{"email":"owner@example.com"}`, nil)
		assert.Equal(t, []string{"password"}, e.fields())
		e = coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users/login", `{}`, nil)
		assert.ElementsMatch(t, []string{"email", "password"}, e.fields())
		e = coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users", `{"email":"x@example.com","password":"`+apitest.Password+`"}`, auth(owner.Token))
		assert.Equal(t, []string{"username"}, e.fields())
	})

	t.Run("missing body", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodPost, s.URL+"/api/v2/users/login", nil)
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		res, err := s.HTTP.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		assert.Equal(t, http.StatusBadRequest, res.StatusCode)
		assertCommonHeaders(t, res)
	})

	t.Run("unknown fields are ignored", func(t *testing.T) {
		res, data := s.Do(http.MethodPost, "/api/v2/users/login",
			`{"email":"owner@example.com","password":"`+apitest.Password+`","foo":1,"nested":{"a":[1,2]}}`, nil)
		require.Equal(t, http.StatusCreated, res.StatusCode, "%s", data)
		assert.Contains(t, string(data), "session_token")
	})

	t.Run("case-variant duplicate on login", func(t *testing.T) {
		e := coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users/login",
			`{"email":"owner@example.com","EMAIL":"other@example.com","password":"`+apitest.Password+`"}`, nil)
		assert.Equal(t, []string{"EMAIL"}, e.fields())
		// A variant alone (no exact key) is refused too, never bound: the
		// exact key is missing.
		e = coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users/login",
			`{"Email":"owner@example.com","password":"`+apitest.Password+`"}`, nil)
		assert.Contains(t, e.fields(), "email")
	})

	t.Run("wrong content type", func(t *testing.T) {
		for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "application/xml"} {
			res, data := s.Do(http.MethodPost, "/api/v2/users/login",
				`{"email":"owner@example.com","password":"`+apitest.Password+`"}`, http.Header{"Content-Type": {ct}})
			require.Contains(t, []int{http.StatusBadRequest, http.StatusUnsupportedMediaType}, res.StatusCode, "%s: %s", ct, data)
			assertCommonHeaders(t, res)
			e := decodeCoderError(t, data)
			assert.Equal(t, []string{"Content-Type"}, e.fields(), ct)
		}
	})
}

func TestCaseVariantFirstUserCreatesNothing(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	for _, tc := range []struct{ body, field string }{
		{`{"email":"a@example.com","EMAIL":"b@example.com","username":"a","password":"` + apitest.Password + `"}`, "EMAIL"},
		{`{"email":"a@example.com","username":"a","USERNAME":"b","password":"` + apitest.Password + `"}`, "USERNAME"},
		{`{"email":"a@example.com","username":"a","password":"` + apitest.Password + `","Password":"other-password-long"}`, "Password"},
	} {
		e := coderErr(t, s, http.StatusBadRequest, http.MethodPost, "/api/v2/users/first", tc.body, nil)
		assert.Equal(t, []string{tc.field}, e.fields(), tc.body)
		assert.Contains(t, e.Detail, tc.field)
		res, data := s.Do(http.MethodGet, "/api/v2/users/first", "", nil)
		require.Equal(t, http.StatusNotFound, res.StatusCode, "a first user was created by %s: %s", tc.body, data)
	}
	// The exact body then works.
	res, data := s.Do(http.MethodPost, "/api/v2/users/first",
		`{"email":"a@example.com","username":"a","password":"`+apitest.Password+`","trial":false}`, nil)
	require.Equal(t, http.StatusCreated, res.StatusCode, "%s", data)
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--http-max-body-bytes", "2048")
	owner := s.CreateOwner(t)
	big := `{"email":"owner@example.com","password":"` + apitest.Password + `","pad":"` + strings.Repeat("x", 3000) + `"}`

	cases := []struct {
		name, path string
		h          http.Header
	}{
		{"no authentication", "/api/v2/users/login", nil},
		{"authenticated", "/api/v2/users/me/keys/tokens", auth(owner.Token)},
		// The global limit is lower than the CSP route's 64 KiB here.
		{"csp report", "/api/v2/csp/reports", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, data := s.Do(http.MethodPost, tc.path, big, tc.h)
			require.Equal(t, http.StatusRequestEntityTooLarge, res.StatusCode, "with Content-Length: %.300s", data)
			assertCommonHeaders(t, res)
			e := decodeCoderError(t, data)
			assert.Equal(t, "Request body too large.", e.Message)
			assert.Contains(t, e.Detail, "2048")

			res, data = doStream(t, s, http.MethodPost, tc.path, strings.NewReader(big), tc.h)
			require.Equal(t, http.StatusRequestEntityTooLarge, res.StatusCode, "chunked: %.300s", data)
			assertCommonHeaders(t, res)
			decodeCoderError(t, data)
		})
	}

	t.Run("under the limit", func(t *testing.T) {
		small := `{"email":"owner@example.com","password":"` + apitest.Password + `","pad":"` + strings.Repeat("x", 1500) + `"}`
		res, data := s.Do(http.MethodPost, "/api/v2/users/login", small, nil)
		require.Equal(t, http.StatusCreated, res.StatusCode, "%s", data)
		res, data = doStream(t, s, http.MethodPost, "/api/v2/users/login", strings.NewReader(small), nil)
		require.Equal(t, http.StatusCreated, res.StatusCode, "chunked: %s", data)
	})

	t.Run("ServiceStage dialect", func(t *testing.T) {
		e := svcErr(t, s, http.StatusRequestEntityTooLarge, http.MethodGet, "/v1/p1/git/auths", big,
			http.Header{"X-Auth-Token": {owner.Token}})
		assert.NotEmpty(t, e.ErrorCode)
	})
}

func TestRoutingErrors(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	owner := s.CreateOwner(t)

	t.Run("unknown route", func(t *testing.T) {
		for _, p := range []string{"/api/v2/nope", "/api/v2/users/me/nope/deeper", "/nope", "/api/v3/"} {
			res, data := s.Do(http.MethodGet, p, "", nil)
			require.Equal(t, http.StatusNotFound, res.StatusCode, "%s: %s", p, data)
			assertCommonHeaders(t, res)
			assert.JSONEq(t, `{"message":"Route not found."}`, string(data), p)
		}
	})

	t.Run("wrong method", func(t *testing.T) {
		for _, tc := range []struct{ method, path string }{
			{http.MethodDelete, "/api/v2/buildinfo"},
			{http.MethodPost, "/api/v2/buildinfo"},
			{http.MethodPut, "/api/v2/users/login"},
			{http.MethodPatch, "/api/v2/deployment/config"},
		} {
			e := coderErr(t, s, http.StatusMethodNotAllowed, tc.method, tc.path, "", auth(owner.Token))
			assert.Equal(t, "Method not allowed.", e.Message, "%s %s", tc.method, tc.path)
		}
	})

	t.Run("external auth: no provider is configured", func(t *testing.T) {
		for _, tc := range []struct{ method, path, body string }{
			{http.MethodGet, "/api/v2/external-auth/github", ""},
			{http.MethodGet, "/api/v2/external-auth/github/device", ""},
			{http.MethodPost, "/api/v2/external-auth/github/device", `{"device_code":"abc"}`},
			{http.MethodGet, "/api/v2/gitauth/gitlab", ""},
			{http.MethodGet, "/api/v2/gitauth/gitlab/device", ""},
			{http.MethodPost, "/api/v2/gitauth/gitlab/device", `{"device_code":"abc"}`},
		} {
			e := coderErr(t, s, http.StatusNotFound, tc.method, tc.path, tc.body, auth(owner.Token))
			assert.Equal(t, "Resource not found or you do not have access to this resource", e.Message, "%s %s", tc.method, tc.path)
			// Without a key: 401 before anything else.
			coderErr(t, s, http.StatusUnauthorized, tc.method, tc.path, tc.body, nil)
		}
	})
}

func TestServiceStageErrors(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	owner := s.CreateOwner(t)
	token := http.Header{"X-Auth-Token": {owner.Token}}

	t.Run("unknown route", func(t *testing.T) {
		for _, p := range []string{"/v1/nope", "/v1/p1/git", "/v1/p1/git/auths/x/y/z/w", "/v1"} {
			e := svcErr(t, s, http.StatusNotFound, http.MethodGet, p, "", token)
			assert.Equal(t, "APIGW.0101", e.ErrorCode, p)
		}
	})

	t.Run("no X-Auth-Token", func(t *testing.T) {
		e := svcErr(t, s, http.StatusUnauthorized, http.MethodGet, "/v1/p1/git/auths", "", nil)
		assert.Equal(t, "APIGW.0301", e.ErrorCode)
		// A Coder session header is not a ServiceStage credential.
		e = svcErr(t, s, http.StatusUnauthorized, http.MethodGet, "/v1/p1/git/auths", "", auth(owner.Token))
		assert.Equal(t, "APIGW.0301", e.ErrorCode)
	})

	t.Run("invalid X-Auth-Token", func(t *testing.T) {
		for _, tok := range []string{"garbage", "AAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB", owner.Token + "x"} {
			e := svcErr(t, s, http.StatusUnauthorized, http.MethodGet, "/v1/p1/git/auths", "", http.Header{"X-Auth-Token": {tok}})
			assert.Equal(t, "APIGW.0301", e.ErrorCode, tok)
		}
	})

	t.Run("unknown project", func(t *testing.T) {
		for _, p := range []string{"0605767a3300d5762fb0c0186d9e1234", "no-such-project", "%20"} {
			e := svcErr(t, s, http.StatusNotFound, http.MethodGet, "/v1/"+p+"/git/auths", "", token)
			assert.Equal(t, "SVCSTG.REPO.0404", e.ErrorCode, p)
		}
	})

	t.Run("Huawei SDK headers are ignored", func(t *testing.T) {
		h := http.Header{
			"X-Auth-Token":  {owner.Token},
			"Content-Type":  {"application/json"},
			"Authorization": {"SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=abc"},
			"X-Sdk-Date":    {"20250301T120000Z"},
			"X-Project-Id":  {"0605767a3300d5762fb0c0186d9e1234"},
		}
		e := svcErr(t, s, http.StatusNotFound, http.MethodGet, "/v1/0605767a3300d5762fb0c0186d9e1234/git/auths", "", h)
		assert.Equal(t, "SVCSTG.REPO.0404", e.ErrorCode)
	})

	t.Run("wrong method", func(t *testing.T) {
		e := svcErr(t, s, http.StatusMethodNotAllowed, http.MethodDelete, "/v1/p1/git/auths", "", token)
		assert.NotEmpty(t, e.ErrorCode)
	})

	// Path parameters are validated as the handlers bind them, unescaped:
	// 40 "," escaped as %2C (which Go would not escape, so Echo hands the
	// route the raw, escaped path) are 40 characters, under repo_type's 64,
	// not 120. Found by Schemathesis (make contract-test).
	t.Run("escaped path parameter", func(t *testing.T) {
		e := svcErr(t, s, http.StatusNotFound, http.MethodGet, "/v1/no-such-project/git/auths/"+strings.Repeat("%2C", 40)+"/redirect", "", token)
		assert.Equal(t, "SVCSTG.REPO.0404", e.ErrorCode, "%+v", e)
		e = svcErr(t, s, http.StatusBadRequest, http.MethodGet, "/v1/no-such-project/git/auths/"+strings.Repeat("%2C", 65)+"/redirect", "", token)
		assert.Equal(t, "SVCSTG.REPO.0400", e.ErrorCode, "65 characters are too many: %+v", e)
	})
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	paths := []struct {
		path   string
		status int
	}{
		{"/api/v2/", http.StatusOK},
		{"/api/v2/buildinfo", http.StatusOK},
		{"/api/v2/nope", http.StatusNotFound},
		{"/api/v2/deployment/config", http.StatusUnauthorized},
		{"/v1/p1/git/auths", http.StatusUnauthorized},
	}
	t.Run("no HSTS by default", func(t *testing.T) {
		t.Parallel()
		s := apitest.Start(t)
		for _, p := range paths {
			res, _ := s.Do(http.MethodGet, p.path, "", nil)
			require.Equal(t, p.status, res.StatusCode, p.path)
			assertCommonHeaders(t, res)
			assert.Empty(t, res.Header.Values("Strict-Transport-Security"), p.path)
			assert.Equal(t, "DENY", res.Header.Get("X-Frame-Options"), p.path)
		}
	})
	t.Run("HSTS", func(t *testing.T) {
		t.Parallel()
		s := apitest.Start(t, "--strict-transport-security", "3600")
		for _, p := range paths {
			res, _ := s.Do(http.MethodGet, p.path, "", nil)
			require.Equal(t, p.status, res.StatusCode, p.path)
			assert.Equal(t, "max-age=3600", res.Header.Get("Strict-Transport-Security"), p.path)
		}
	})
	t.Run("HSTS with options", func(t *testing.T) {
		t.Parallel()
		s := apitest.Start(t, "--strict-transport-security", "3600",
			"--strict-transport-security-options", "includeSubDomains,preload")
		for _, p := range paths {
			res, _ := s.Do(http.MethodGet, p.path, "", nil)
			require.Equal(t, p.status, res.StatusCode, p.path)
			assert.Equal(t, "max-age=3600; includeSubDomains; preload", res.Header.Get("Strict-Transport-Security"), p.path)
		}
	})
	t.Run("request ids differ", func(t *testing.T) {
		t.Parallel()
		s := apitest.Start(t)
		seen := map[string]bool{}
		for i := 0; i < 5; i++ {
			res, _ := s.Do(http.MethodGet, "/api/v2/nope", "", nil)
			id := res.Header.Get("X-Request-Id")
			require.NotEmpty(t, id)
			assert.False(t, seen[id], "request id %q reused", id)
			seen[id] = true
		}
	})
}

func TestLogsCarryNoSecrets(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--log-requests") // successful requests' lines too
	owner := s.CreateOwner(t)
	secret := strings.SplitN(owner.Token, "-", 2)[1]

	// A token in the query string (which the access log must not copy), in
	// a cookie, as a bearer token; a password in a body; a failed login.
	res, body := s.Do(http.MethodGet, "/api/v2/users/me?coder_session_token="+owner.Token, "", nil)
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	res, body = s.Do(http.MethodGet, "/api/v2/users/me", "", http.Header{"Cookie": {"coder_session_token=" + owner.Token}})
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	res, body = s.Do(http.MethodGet, "/api/v2/users/me", "", http.Header{"Authorization": {"Bearer " + owner.Token}})
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	res, body = s.Do(http.MethodPost, "/api/v2/users/login", `{"email":"owner@example.com","password":"wrong-`+apitest.Password+`"}`, nil)
	require.Equal(t, http.StatusUnauthorized, res.StatusCode, "%s", body)
	res, body = s.Do(http.MethodGet, "/api/v2/users/me?coder_session_token="+owner.Token+"x", "", nil)
	require.Equal(t, http.StatusUnauthorized, res.StatusCode, "%s", body)

	logs := s.Logs.String()
	require.Contains(t, logs, `"msg":"http request"`, "no access log at all")
	assert.Contains(t, logs, `"path":"/api/v2/users/me"`)
	assert.NotContains(t, logs, secret, "a session token's secret was logged")
	assert.NotContains(t, logs, apitest.Password, "a password was logged")
	assert.NotContains(t, logs, "coder_session_token=", "a query string was logged")
}
