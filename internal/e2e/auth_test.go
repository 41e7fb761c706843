package e2e

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/client"
	"github.com/gitauthd/gitauthd/internal/apitest"
)

// idServiceStageError decodes a ServiceStage error body strictly: exactly
// error_code and error_msg, both non-empty strings.
func idServiceStageError(t *testing.T, res *http.Response, body []byte, status int) (code, msg string) {
	t.Helper()
	require.Equal(t, status, res.StatusCode, "status; body %s", body)
	require.True(t, strings.HasPrefix(res.Header.Get("Content-Type"), "application/json"), "content type %q", res.Header.Get("Content-Type"))
	var raw map[string]any
	require.NoError(t, json.Unmarshal(body, &raw), "body %s", body)
	require.Len(t, raw, 2, "only error_code and error_msg: %s", body)
	code, _ = raw["error_code"].(string)
	msg, _ = raw["error_msg"].(string)
	require.NotEmpty(t, code, "error_code: %s", body)
	require.NotEmpty(t, msg, "error_msg: %s", body)
	return code, msg
}

// idReplaceSecret keeps key's id and replaces its secret with another of the
// same shape.
func idReplaceSecret(key string) string {
	id, secret, _ := strings.Cut(key, "-")
	other := []byte(secret)
	for i := range other {
		if other[i] == 'a' {
			other[i] = 'b'
		} else {
			other[i] = 'a'
		}
	}
	return id + "-" + string(other)
}

// idCredential is one way of sending a key.
type idCredential struct {
	name string
	send func(key string) (query string, h http.Header)
}

var idCredentials = []idCredential{
	{"header", func(k string) (string, http.Header) { return "", idHeader("Coder-Session-Token", k) }},
	{"cookie", func(k string) (string, http.Header) { return "", idHeader("Cookie", "coder_session_token="+k) }},
	{"query", func(k string) (string, http.Header) { return "?coder_session_token=" + url.QueryEscape(k), nil }},
	{"bearer", func(k string) (string, http.Header) { return "", idHeader("Authorization", "Bearer "+k) }},
}

func TestAuthMatrix(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	owner := s.CreateOwner(t)
	member := s.CreateMember(t, owner, "member")
	token := idCreateToken(t, s, owner.Token, "me", client.CreateTokenJSONRequestBody{TokenName: idPtr("matrix")})

	paths := []string{"/api/v2/users/me", "/api/v2/deployment/config"}

	t.Run("rejected keys", func(t *testing.T) {
		id := idKeyID(owner.Token)
		bad := []struct{ name, key string }{
			{"abc", "abc"},
			{"x-y", "x-y"},
			{"no hyphen", strings.Repeat("a", 33)},
			{"hyphen misplaced", strings.Repeat("a", 11) + "-" + strings.Repeat("a", 21)},
			{"bad charset in the id", "abcdefghi_-" + strings.Repeat("a", 22)},
			{"bad charset in the secret", id + "-" + strings.Repeat("a", 21) + "+"},
			{"non-ASCII", id + "-" + strings.Repeat("a", 20) + "é"},
			{"one character too long", owner.Token + "a"},
			{"one character too short", owner.Token[:len(owner.Token)-1]},
			{"unknown id", "ZZZZZZZZZZ-" + strings.Repeat("a", 22)},
			{"right id, wrong secret", idReplaceSecret(owner.Token)},
			{"token id, wrong secret", idReplaceSecret(token)},
			{"swapped case", strings.ToUpper(owner.Token[:11]) + strings.ToLower(owner.Token[11:])},
		}
		for _, path := range paths {
			for _, c := range idCredentials {
				for _, b := range bad {
					q, h := c.send(b.key)
					res, body := s.Do("GET", path+q, "", h)
					e := idExpectErr(t, res, body, http.StatusUnauthorized)
					assert.Equal(t, idMsgUnauthorized, e.Message, "%s %s %s", path, c.name, b.name)
					assert.Empty(t, e.Validations)
				}
			}
			// No key at all.
			res, body := s.Do("GET", path, "", nil)
			e := idExpectErr(t, res, body, http.StatusUnauthorized)
			assert.Equal(t, idMsgUnauthorized, e.Message)
			assert.NotEmpty(t, e.Detail, "the detail says where a key is expected")
			// Empty values count as no key.
			res, body = s.Do("GET", path+"?coder_session_token=", "", idHeader("Coder-Session-Token", "", "Authorization", "Bearer "))
			idExpectErr(t, res, body, http.StatusUnauthorized)
			// Another scheme than Bearer is not a key.
			res, body = s.Do("GET", path, "", idHeader("Authorization", "Basic "+owner.Token))
			idExpectErr(t, res, body, http.StatusUnauthorized)
		}

		// An unknown id and a wrong secret answer alike.
		r1, b1 := s.Do("GET", "/api/v2/users/me", "", idHeader("Coder-Session-Token", "ZZZZZZZZZZ-"+strings.Repeat("a", 22)))
		r2, b2 := s.Do("GET", "/api/v2/users/me", "", idHeader("Coder-Session-Token", idReplaceSecret(owner.Token)))
		assert.Equal(t, r1.StatusCode, r2.StatusCode)
		assert.Equal(t, string(b1), string(b2))

		// The owner's key still works after all those attempts.
		status, _ := idWhoAmI(t, s, owner.Token)
		assert.Equal(t, http.StatusOK, status)
	})

	t.Run("every source is accepted", func(t *testing.T) {
		for _, path := range paths {
			for _, key := range []string{owner.Token, token} {
				for _, c := range idCredentials {
					q, h := c.send(key)
					res, body := s.Do("GET", path+q, "", h)
					assert.Equal(t, http.StatusOK, res.StatusCode, "%s by %s: %s", path, c.name, body)
				}
			}
		}
		// The scheme name is case-insensitive.
		res, body := s.Do("GET", "/api/v2/users/me", "", idHeader("Authorization", "bearer "+owner.Token))
		assert.Equal(t, http.StatusOK, res.StatusCode, "body %s", body)
		// The cookie is found among others.
		res, body = s.Do("GET", "/api/v2/users/me", "", idHeader("Cookie", "theme=dark; coder_session_token="+owner.Token+"; lang=en"))
		assert.Equal(t, http.StatusOK, res.StatusCode, "body %s", body)
	})

	t.Run("precedence: cookie, query, header, bearer", func(t *testing.T) {
		good, badKey := owner.Token, idReplaceSecret(owner.Token)
		send := func(cookie, query, header, bearer string) int {
			t.Helper()
			h := http.Header{}
			if cookie != "" {
				h.Set("Cookie", "coder_session_token="+cookie)
			}
			if header != "" {
				h.Set("Coder-Session-Token", header)
			}
			if bearer != "" {
				h.Set("Authorization", "Bearer "+bearer)
			}
			path := "/api/v2/users/me"
			if query != "" {
				path += "?coder_session_token=" + query
			}
			res, body := s.Do("GET", path, "", h)
			if res.StatusCode != http.StatusOK {
				idErr(t, res, body)
			}
			return res.StatusCode
		}
		for _, tc := range []struct {
			name                          string
			cookie, query, header, bearer string
			want                          int
		}{
			{"bad cookie beats good query", badKey, good, "", "", http.StatusUnauthorized},
			{"bad cookie beats good header", badKey, "", good, "", http.StatusUnauthorized},
			{"bad cookie beats good bearer", badKey, "", "", good, http.StatusUnauthorized},
			{"bad cookie beats all good", badKey, good, good, good, http.StatusUnauthorized},
			{"good cookie beats bad rest", good, badKey, badKey, badKey, http.StatusOK},
			{"bad query beats good header", "", badKey, good, "", http.StatusUnauthorized},
			{"bad query beats good bearer", "", badKey, "", good, http.StatusUnauthorized},
			{"good query beats bad header and bearer", "", good, badKey, badKey, http.StatusOK},
			{"bad header beats good bearer", "", "", badKey, good, http.StatusUnauthorized},
			{"good header beats bad bearer", "", "", good, badKey, http.StatusOK},
			{"malformed cookie beats good header", "abc", "", good, "", http.StatusUnauthorized},
		} {
			assert.Equal(t, tc.want, send(tc.cookie, tc.query, tc.header, tc.bearer), tc.name)
		}
	})

	t.Run("owner only", func(t *testing.T) {
		memberToken := idCreateToken(t, s, member.Token, "me", client.CreateTokenJSONRequestBody{TokenName: idPtr("m")})
		for _, key := range []string{member.Token, memberToken} {
			for _, c := range idCredentials {
				q, h := c.send(key)
				res, body := s.Do("GET", "/api/v2/deployment/config"+q, "", h)
				e := idExpectErr(t, res, body, http.StatusForbidden)
				assert.Equal(t, idMsgForbidden, e.Message, c.name)
				// The same key is good for what a member may do.
				res, body = s.Do("GET", "/api/v2/users/me"+q, "", h)
				assert.Equal(t, http.StatusOK, res.StatusCode, "%s: %s", c.name, body)
			}
		}
	})

	t.Run("the query token is not logged", func(t *testing.T) {
		assert.NotContains(t, s.Logs.String(), strings.SplitN(owner.Token, "-", 2)[1])
		assert.NotContains(t, s.Logs.String(), strings.SplitN(token, "-", 2)[1])
	})
}

func TestAuthServiceStage(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	owner := s.CreateOwner(t)
	token := idCreateToken(t, s, owner.Token, "me", client.CreateTokenJSONRequestBody{TokenName: idPtr("svcstg")})
	const path = "/v1/0a1b2c3d4e5f67890a1b2c3d4e5f6789/git/auths"

	t.Run("X-Auth-Token is accepted", func(t *testing.T) {
		for _, key := range []string{owner.Token, token} {
			res, body := s.Do("GET", path, "", idHeader("X-Auth-Token", key))
			// No project exists yet: 404 in the ServiceStage dialect.
			idServiceStageError(t, res, body, http.StatusNotFound)
			// What Huawei Cloud's SDK adds is ignored.
			res, body = s.Do("GET", path, "", idHeader("X-Auth-Token", key, "Content-Type", "application/json",
				"Authorization", "SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=00",
				"X-Sdk-Date", "20250301T120000Z", "X-Project-Id", "0a1b2c3d4e5f67890a1b2c3d4e5f6789"))
			idServiceStageError(t, res, body, http.StatusNotFound)
		}
	})

	t.Run("rejected", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			h    http.Header
			q    string
		}{
			{"no key", nil, ""},
			{"malformed", idHeader("X-Auth-Token", "abc"), ""},
			{"wrong secret", idHeader("X-Auth-Token", idReplaceSecret(owner.Token)), ""},
			{"Coder-Session-Token", idHeader("Coder-Session-Token", owner.Token), ""},
			{"cookie", idHeader("Cookie", "coder_session_token="+owner.Token), ""},
			{"query", nil, "?coder_session_token=" + owner.Token},
			{"bearer", idHeader("Authorization", "Bearer "+owner.Token), ""},
		} {
			res, body := s.Do("GET", path+tc.q, "", tc.h)
			idServiceStageError(t, res, body, http.StatusUnauthorized)
		}
	})

	t.Run("X-Auth-Token is not accepted under /api/v2", func(t *testing.T) {
		res, body := s.Do("GET", "/api/v2/users/me", "", idHeader("X-Auth-Token", owner.Token))
		e := idExpectErr(t, res, body, http.StatusUnauthorized)
		assert.Equal(t, idMsgUnauthorized, e.Message)
	})
}

func TestAuthExpiry(t *testing.T) {
	t.Parallel()
	// Sessions last one second. They are refreshed on use, so the session
	// below is not used while it runs out.
	s := apitest.Start(t, "--session-duration", "1s")
	owner := s.CreateOwner(t)
	// A token that outlives the session it was made with.
	long := idCreateToken(t, s, owner.Token, "me", client.CreateTokenJSONRequestBody{TokenName: idPtr("long")})
	// A token of a few milliseconds.
	short := idCreateToken(t, s, owner.Token, "me", client.CreateTokenJSONRequestBody{
		TokenName: idPtr("short"), Lifetime: idPtr(int64(50 * time.Millisecond)),
	})
	session := s.Login(t, owner.Email, apitest.Password)

	time.Sleep(1100 * time.Millisecond)

	for _, tc := range []struct{ name, key string }{
		{"session", session},
		{"session used just before", owner.Token},
		{"token", short},
	} {
		res, body := s.Do("GET", "/api/v2/users/me", "", idHeader("Coder-Session-Token", tc.key))
		e := idExpectErr(t, res, body, http.StatusUnauthorized)
		assert.Equal(t, idMsgUnauthorized, e.Message, tc.name)
		assert.Contains(t, e.Detail, "expired", tc.name)
		res, body = s.Do("GET", "/api/v2/deployment/config", "", idHeader("Authorization", "Bearer "+tc.key))
		idExpectErr(t, res, body, http.StatusUnauthorized)
	}
	status, _ := idWhoAmI(t, s, long)
	assert.Equal(t, http.StatusOK, status, "a token outlives the session that made it")
}
