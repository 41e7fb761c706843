package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/client"
	"github.com/gitauthd/gitauthd/internal/apitest"
)

// Helpers shared by the identity tests (users, tokens, auth, persistence).
// Their names start with "id" so that they do not collide with the helpers
// of the other test files of this package.

// Messages of Coder's API, as wire-facts.md gives them.
const (
	idMsgUnauthorized = "You are signed out or your session has expired. Please sign in again to continue."
	idMsgNotFound     = "Resource not found or you do not have access to this resource"
	idMsgForbidden    = "Forbidden."
)

// idKeyPattern is the shape of every API key: {id}-{secret}.
var idKeyPattern = regexp.MustCompile(`^[A-Za-z0-9]{10}-[A-Za-z0-9]{22}$`)

// idCoderError is Coder's error body.
type idCoderError struct {
	Message     string `json:"message"`
	Detail      string `json:"detail"`
	Validations []struct {
		Field  string `json:"field"`
		Detail string `json:"detail"`
	} `json:"validations"`
}

// fields returns the names of the fields the error's validations name.
func (e idCoderError) fields() []string {
	out := make([]string, 0, len(e.Validations))
	for _, v := range e.Validations {
		out = append(out, v.Field)
	}
	return out
}

// idErr decodes a Coder error body strictly: only the three documented
// members may appear, and every validation has a field and a detail.
func idErr(t *testing.T, res *http.Response, body []byte) idCoderError {
	t.Helper()
	require.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"), "error content type; body %s", body)
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &raw), "error body %s", body)
	for k := range raw {
		assert.Contains(t, []string{"message", "detail", "validations"}, k, "unexpected member in error body %s", body)
	}
	var e idCoderError
	require.NoError(t, json.Unmarshal(body, &e))
	require.NotEmpty(t, e.Message, "error message; body %s", body)
	for _, v := range e.Validations {
		assert.NotEmpty(t, v.Field, "validation field; body %s", body)
		assert.NotEmpty(t, v.Detail, "validation detail; body %s", body)
	}
	return e
}

// idExpectErr checks the status of a raw answer and returns its Coder error.
func idExpectErr(t *testing.T, res *http.Response, body []byte, status int) idCoderError {
	t.Helper()
	require.Equal(t, status, res.StatusCode, "status; body %s", body)
	return idErr(t, res, body)
}

// idHeader builds a header from name/value pairs.
func idHeader(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}

// idCheckFieldError sends a request that must be refused with 400 naming
// field.
func idCheckFieldError(t *testing.T, s *apitest.Server, method, path, body string, h http.Header, field string) {
	t.Helper()
	res, data := s.Do(method, path, body, h)
	e := idExpectErr(t, res, data, http.StatusBadRequest)
	assert.Contains(t, e.fields(), field, "request %s: %s", body, data)
}

// idJSON encodes v.
func idJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// idPtr returns a pointer to v.
func idPtr[T any](v T) *T { return &v }

// idDeploymentID returns the deployment id from /api/v2/buildinfo.
func idDeploymentID(t *testing.T, s *apitest.Server) string {
	t.Helper()
	res, err := s.Client("").GetBuildInfoWithResponse(context.Background())
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode(), "buildinfo: %s", res.Body)
	require.NotEmpty(t, res.JSON200.DeploymentId)
	return res.JSON200.DeploymentId
}

func TestFirstUser(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	anon := s.Client("")

	check, err := anon.CheckFirstUserWithResponse(ctx)
	require.NoError(t, err)
	require.Equal(t, http.StatusNotFound, check.StatusCode(), "before: %s", check.Body)
	require.NotNil(t, check.JSON404)
	assert.NotEmpty(t, check.JSON404.Message)

	t.Run("invalid fields are named", func(t *testing.T) {
		for _, tc := range []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"bad email", map[string]any{"email": "not-an-email", "username": "owner", "password": apitest.Password}, "email"},
			{"email with display name", map[string]any{"email": "Owner <owner@example.com>", "username": "owner", "password": apitest.Password}, "email"},
			{"missing email", map[string]any{"username": "owner", "password": apitest.Password}, "email"},
			{"username with underscore", map[string]any{"email": "owner@example.com", "username": "the_owner", "password": apitest.Password}, "username"},
			{"username starting with a hyphen", map[string]any{"email": "owner@example.com", "username": "-owner", "password": apitest.Password}, "username"},
			{"username with a double hyphen", map[string]any{"email": "owner@example.com", "username": "ow--ner", "password": apitest.Password}, "username"},
			{"username too long", map[string]any{"email": "owner@example.com", "username": "a123456789012345678901234567890123", "password": apitest.Password}, "username"},
			{"empty username", map[string]any{"email": "owner@example.com", "username": "", "password": apitest.Password}, "username"},
			{"short password", map[string]any{"email": "owner@example.com", "username": "owner", "password": "short"}, "password"},
			{"missing password", map[string]any{"email": "owner@example.com", "username": "owner"}, "password"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				idCheckFieldError(t, s, "POST", "/api/v2/users/first", idJSON(t, tc.body), nil, tc.field)
			})
		}
		// All at once: every bad field is named in one answer.
		res, body := s.Do("POST", "/api/v2/users/first",
			`{"email":"owner@example.com","username":"-bad-","password":"short"}`, nil)
		e := idExpectErr(t, res, body, http.StatusBadRequest)
		assert.ElementsMatch(t, []string{"username", "password"}, e.fields(), "body %s", body)
	})

	// Nothing was created by the refused requests.
	check, err = anon.CheckFirstUserWithResponse(ctx)
	require.NoError(t, err)
	require.Equal(t, http.StatusNotFound, check.StatusCode())

	// What Coder's CLI sends: trial and trial_info besides the documented fields.
	res, body := s.Do("POST", "/api/v2/users/first", `{
		"email": "owner@example.com", "username": "owner", "name": "Olive Owner",
		"password": "`+apitest.Password+`", "trial": false,
		"trial_info": {"first_name": "Olive", "last_name": "Owner", "phone_number": "", "job_title": "", "company_name": "", "country": "", "developers": ""}
	}`, nil)
	require.Equal(t, http.StatusCreated, res.StatusCode, "body %s", body)
	var created struct {
		UserID         uuid.UUID `json:"user_id"`
		OrganizationID uuid.UUID `json:"organization_id"`
	}
	require.NoError(t, json.Unmarshal(body, &created))
	assert.NotEqual(t, uuid.Nil, created.UserID)
	assert.NotEqual(t, uuid.Nil, created.OrganizationID)

	check, err = anon.CheckFirstUserWithResponse(ctx)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, check.StatusCode(), "after: %s", check.Body)

	// A second first user, even a valid and different one, is refused.
	again, err := anon.CreateFirstUserWithResponse(ctx, client.CreateFirstUserJSONRequestBody{
		Email: "other@example.com", Username: "other", Password: apitest.Password,
	})
	require.NoError(t, err)
	require.Equal(t, http.StatusConflict, again.StatusCode(), "body %s", again.Body)
	e := idErr(t, again.HTTPResponse, again.Body)
	assert.Equal(t, "The initial user has already been created.", e.Message)

	// The first user is the owner, in the organization the answer named.
	token := s.Login(t, "owner@example.com", apitest.Password)
	me, err := s.Client(token).GetUserWithResponse(ctx, "me")
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, me.StatusCode())
	assert.Equal(t, created.UserID, me.JSON200.Id)
	assert.Equal(t, "Olive Owner", me.JSON200.Name)
	assert.Equal(t, []uuid.UUID{created.OrganizationID}, me.JSON200.OrganizationIds)
	assert.Equal(t, []client.SlimRole{{Name: "owner", DisplayName: "Owner"}}, me.JSON200.Roles)
}

func TestFirstUserConcurrent(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	anon := s.Client("")
	const n = 10
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		statuses = map[int]int{}
		failures []error
		winner   string
	)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res, err := anon.CreateFirstUserWithResponse(context.Background(), client.CreateFirstUserJSONRequestBody{
				Email:    openapi_types.Email(fmt.Sprintf("racer%d@example.com", i)),
				Username: fmt.Sprintf("racer%d", i),
				Password: apitest.Password,
			})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failures = append(failures, err)
				return
			}
			statuses[res.StatusCode()]++
			if res.StatusCode() == http.StatusCreated {
				winner = fmt.Sprintf("racer%d", i)
			}
		}()
	}
	close(start)
	wg.Wait()
	require.Empty(t, failures)
	assert.Equal(t, map[int]int{http.StatusCreated: 1, http.StatusConflict: n - 1}, statuses)

	// The winner is the one and only user, and the owner.
	token := s.Login(t, winner+"@example.com", apitest.Password)
	users, err := s.Client(token).ListUsersWithResponse(context.Background(), nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, users.StatusCode(), "body %s", users.Body)
	assert.Equal(t, 1, users.JSON200.Count)
	require.Len(t, users.JSON200.Users, 1)
	assert.Equal(t, winner, users.JSON200.Users[0].Username)
	assert.Equal(t, []client.SlimRole{{Name: "owner", DisplayName: "Owner"}}, users.JSON200.Users[0].Roles)
}

func TestCreateUserConcurrentDuplicates(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	owner := s.CreateOwner(t)
	oc := s.Client(owner.Token)
	const n = 6
	type result struct {
		status int
		body   []byte
	}
	results := make(chan result, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			// Same username, different emails: only the username conflicts.
			res, err := oc.CreateUserWithResponse(context.Background(), client.CreateUserJSONRequestBody{
				Email: openapi_types.Email(fmt.Sprintf("twin%d@example.com", i)), Username: "twin", Password: apitest.Password,
			})
			if err != nil {
				results <- result{status: -1, body: []byte(err.Error())}
				return
			}
			results <- result{status: res.StatusCode(), body: res.Body}
		}()
	}
	close(start)
	wg.Wait()
	close(results)
	created := 0
	for r := range results {
		switch r.status {
		case http.StatusCreated:
			created++
		case http.StatusConflict:
			var e idCoderError
			require.NoError(t, json.Unmarshal(r.body, &e))
			assert.Equal(t, []string{"username"}, e.fields(), "a conflict found at insert still names the field: %s", r.body)
		default:
			t.Errorf("status %d: %s", r.status, r.body)
		}
	}
	assert.Equal(t, 1, created)
}

func TestLogin(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--login-rate-limit", "1000")
	ctx := context.Background()
	owner := s.CreateOwner(t)

	res, err := s.Client("").LoginWithResponse(ctx, client.LoginJSONRequestBody{Email: openapi_types.Email(owner.Email), Password: apitest.Password})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, res.StatusCode(), "body %s", res.Body)
	token := res.JSON201.SessionToken
	assert.Regexp(t, idKeyPattern, token)
	assert.NotEqual(t, owner.Token, token, "every login makes a new session")

	cookies := res.HTTPResponse.Cookies()
	require.Len(t, cookies, 1, "Set-Cookie: %q", res.HTTPResponse.Header.Values("Set-Cookie"))
	c := cookies[0]
	assert.Equal(t, "coder_session_token", c.Name)
	assert.Equal(t, token, c.Value)
	assert.True(t, c.HttpOnly, "HttpOnly")
	assert.False(t, c.Secure, "Secure without --secure-auth-cookie")
	assert.Equal(t, "/", c.Path)
	assert.Equal(t, http.SameSiteLaxMode, c.SameSite)
	assert.WithinDuration(t, time.Now().Add(24*time.Hour), c.Expires, time.Minute, "the cookie expires with the session (--session-duration 24h)")

	t.Run("the cookie alone authenticates", func(t *testing.T) {
		r, body := s.Do("GET", "/api/v2/users/me", "", idHeader("Cookie", c.Name+"="+c.Value))
		require.Equal(t, http.StatusOK, r.StatusCode, "body %s", body)
		var u client.User
		require.NoError(t, json.Unmarshal(body, &u))
		assert.Equal(t, owner.ID, u.Id.String())
	})

	t.Run("email is case-insensitive", func(t *testing.T) {
		r, body := s.Do("POST", "/api/v2/users/login", `{"email":"OWNER@example.com","password":"`+apitest.Password+`"}`, nil)
		require.Equal(t, http.StatusCreated, r.StatusCode, "body %s", body)
	})

	t.Run("wrong password and unknown user answer alike", func(t *testing.T) {
		wrongRes, wrongBody := s.Do("POST", "/api/v2/users/login", `{"email":"owner@example.com","password":"not-the-password"}`, nil)
		unknownRes, unknownBody := s.Do("POST", "/api/v2/users/login", `{"email":"nobody@example.com","password":"not-the-password"}`, nil)
		e := idExpectErr(t, wrongRes, wrongBody, http.StatusUnauthorized)
		assert.Equal(t, "Incorrect email or password.", e.Message)
		assert.Equal(t, wrongRes.StatusCode, unknownRes.StatusCode)
		assert.Equal(t, string(wrongBody), string(unknownBody))
		assert.Empty(t, wrongRes.Header.Values("Set-Cookie"))
		assert.Empty(t, unknownRes.Header.Values("Set-Cookie"))
	})

	t.Run("bad requests name the field", func(t *testing.T) {
		for _, tc := range []struct{ body, field string }{
			{`{"email":"not-an-email","password":"x"}`, "email"},
			{`{"password":"` + apitest.Password + `"}`, "email"},
			{`{"email":"owner@example.com"}`, "password"},
			{`{"email":"owner@example.com","password":""}`, "password"},
		} {
			t.Run(tc.field, func(t *testing.T) {
				idCheckFieldError(t, s, "POST", "/api/v2/users/login", tc.body, nil, tc.field)
			})
		}
	})
}

func TestLoginRateLimit(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--login-rate-limit", "3")
	ctx := context.Background()
	res, err := s.Client("").CreateFirstUserWithResponse(ctx, client.CreateFirstUserJSONRequestBody{
		Email: "owner@example.com", Username: "owner", Password: apitest.Password,
	})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, res.StatusCode())

	for i := range 3 {
		r, body := s.Do("POST", "/api/v2/users/login", `{"email":"owner@example.com","password":"wrong-password"}`, nil)
		require.Equal(t, http.StatusUnauthorized, r.StatusCode, "attempt %d: %s", i+1, body)
	}
	for _, tc := range []struct{ name, body string }{
		{"same email, wrong password", `{"email":"owner@example.com","password":"wrong-password"}`},
		// The limit holds even for the right password...
		{"same email, right password", `{"email":"owner@example.com","password":"` + apitest.Password + `"}`},
		// ...and per client address, whatever the email.
		{"another email", `{"email":"someone@example.com","password":"wrong-password"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, body := s.Do("POST", "/api/v2/users/login", tc.body, nil)
			e := idExpectErr(t, r, body, http.StatusTooManyRequests)
			assert.Equal(t, "Too many login attempts. Please try again later.", e.Message)
			assert.Regexp(t, `^[1-9][0-9]?$`, r.Header.Get("Retry-After"), "Retry-After in seconds, within the minute")
			assert.Empty(t, r.Header.Values("Set-Cookie"))
		})
	}
	// Forwarding headers cannot move the client's address out of the limit.
	r, body := s.Do("POST", "/api/v2/users/login", `{"email":"else@example.com","password":"wrong-password"}`,
		idHeader("X-Forwarded-For", "203.0.113.7", "X-Real-IP", "203.0.113.7"))
	idExpectErr(t, r, body, http.StatusTooManyRequests)
}

func TestLoginSecureCookie(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--secure-auth-cookie")
	owner := s.CreateOwner(t)
	res, err := s.Client("").LoginWithResponse(context.Background(), client.LoginJSONRequestBody{Email: openapi_types.Email(owner.Email), Password: apitest.Password})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, res.StatusCode())
	cookies := res.HTTPResponse.Cookies()
	require.Len(t, cookies, 1)
	assert.True(t, cookies[0].Secure, "Set-Cookie %q", res.HTTPResponse.Header.Get("Set-Cookie"))
	assert.True(t, cookies[0].HttpOnly)

	logout, err := s.Client(res.JSON201.SessionToken).LogoutWithResponse(context.Background())
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, logout.StatusCode())
	cleared := logout.HTTPResponse.Cookies()
	require.Len(t, cleared, 1)
	assert.True(t, cleared[0].Secure, "the clearing cookie keeps its attributes")
}

func TestLogout(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t, "--login-rate-limit", "1000")
	ctx := context.Background()
	owner := s.CreateOwner(t)
	session := s.Login(t, owner.Email, apitest.Password)

	res, err := s.Client(session).LogoutWithResponse(ctx)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode(), "body %s", res.Body)
	require.NotNil(t, res.JSON200)
	assert.NotEmpty(t, res.JSON200.Message)
	cookies := res.HTTPResponse.Cookies()
	require.Len(t, cookies, 1, "Set-Cookie %q", res.HTTPResponse.Header.Values("Set-Cookie"))
	assert.Equal(t, "coder_session_token", cookies[0].Name)
	assert.Empty(t, cookies[0].Value)
	assert.Less(t, cookies[0].MaxAge, 0, "Max-Age=0 (cleared): %q", res.HTTPResponse.Header.Get("Set-Cookie"))
	assert.Equal(t, "/", cookies[0].Path)
	assert.True(t, cookies[0].HttpOnly)

	r, body := s.Do("GET", "/api/v2/users/me", "", idHeader("Coder-Session-Token", session))
	e := idExpectErr(t, r, body, http.StatusUnauthorized)
	assert.Equal(t, idMsgUnauthorized, e.Message)

	// Logging out again with the dead key is a 401, not a 200.
	r, body = s.Do("POST", "/api/v2/users/logout", "", idHeader("Coder-Session-Token", session))
	idExpectErr(t, r, body, http.StatusUnauthorized)

	// Other sessions of the same user live on.
	me, err := s.Client(owner.Token).GetUserWithResponse(ctx, "me")
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, me.StatusCode())

	// Logging out by cookie (what a browser does).
	session = s.Login(t, owner.Email, apitest.Password)
	r, body = s.Do("POST", "/api/v2/users/logout", "", idHeader("Cookie", "coder_session_token="+session))
	require.Equal(t, http.StatusOK, r.StatusCode, "body %s", body)
	r, body = s.Do("GET", "/api/v2/users/me", "", idHeader("Cookie", "coder_session_token="+session))
	idExpectErr(t, r, body, http.StatusUnauthorized)
}

func TestGetUser(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	owner := s.CreateOwner(t)
	member := s.CreateMember(t, owner, "member")
	other := s.CreateMember(t, owner, "other")
	ownerClient, memberClient := s.Client(owner.Token), s.Client(member.Token)

	first, err := s.Client("").CheckFirstUserWithResponse(ctx)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, first.StatusCode())

	var ownerUser client.User
	for _, ref := range []string{"me", owner.Username, owner.ID, "OWNER"} {
		res, err := ownerClient.GetUserWithResponse(ctx, ref)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode(), "%s: %s", ref, res.Body)
		u := *res.JSON200
		assert.Equal(t, owner.ID, u.Id.String(), ref)
		assert.Equal(t, "owner", u.Username)
		assert.Equal(t, openapi_types.Email(owner.Email), u.Email)
		assert.Equal(t, client.LoginType("password"), u.LoginType)
		assert.Equal(t, client.UserStatus("active"), u.Status)
		assert.Equal(t, []client.SlimRole{{Name: "owner", DisplayName: "Owner"}}, u.Roles)
		require.NotEmpty(t, u.OrganizationIds)
		assert.NotEqual(t, uuid.Nil, u.OrganizationIds[0])
		assert.False(t, u.CreatedAt.IsZero())
		ownerUser = u
	}

	// The owner sees everyone, by name or id.
	for _, ref := range []string{member.Username, member.ID} {
		res, err := ownerClient.GetUserWithResponse(ctx, ref)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode(), "%s: %s", ref, res.Body)
		assert.Equal(t, member.ID, res.JSON200.Id.String())
		assert.Empty(t, res.JSON200.Roles)
	}

	// A member sees themselves, with roles [] (not null) and the same organization.
	for _, ref := range []string{"me", member.Username, member.ID} {
		r, body := s.Do("GET", "/api/v2/users/"+ref, "", idHeader("Coder-Session-Token", member.Token))
		require.Equal(t, http.StatusOK, r.StatusCode, "%s: %s", ref, body)
		var raw map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(body, &raw))
		assert.JSONEq(t, `[]`, string(raw["roles"]), ref)
		var u client.User
		require.NoError(t, json.Unmarshal(body, &u))
		assert.Equal(t, member.ID, u.Id.String())
		assert.Equal(t, ownerUser.OrganizationIds, u.OrganizationIds)
		assert.Equal(t, client.LoginType("password"), u.LoginType)
		assert.Equal(t, client.UserStatus("active"), u.Status)
	}

	// A member asking for anyone else gets 404, never 403, and the same answer
	// whether the user exists or not.
	var notFound []byte
	for _, ref := range []string{owner.Username, owner.ID, other.Username, other.ID, "nobody", uuid.NewString()} {
		res, err := memberClient.GetUserWithResponse(ctx, ref)
		require.NoError(t, err)
		e := idExpectErr(t, res.HTTPResponse, res.Body, http.StatusNotFound)
		assert.Equal(t, idMsgNotFound, e.Message, ref)
		if notFound == nil {
			notFound = res.Body
		}
		assert.Equal(t, string(notFound), string(res.Body), "no existence leak for %s", ref)
	}

	// Unknown users, for the owner too.
	for _, ref := range []string{"nobody", uuid.NewString(), "not_a_username", "00000000-0000-0000-0000-000000000000"} {
		res, err := ownerClient.GetUserWithResponse(ctx, ref)
		require.NoError(t, err)
		e := idExpectErr(t, res.HTTPResponse, res.Body, http.StatusNotFound)
		assert.Equal(t, idMsgNotFound, e.Message, ref)
	}
}

func TestCreateAndListUsers(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	owner := s.CreateOwner(t)
	oc := s.Client(owner.Token)

	res, err := oc.CreateUserWithResponse(ctx, client.CreateUserJSONRequestBody{
		Email: "alice@example.com", Username: "alice", Name: idPtr("Alice A."), Password: apitest.Password,
		LoginType: idPtr(client.CreateUserRequestLoginType("password")),
	})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, res.StatusCode(), "body %s", res.Body)
	alice := *res.JSON201
	assert.Equal(t, "alice", alice.Username)
	assert.Equal(t, openapi_types.Email("alice@example.com"), alice.Email)
	assert.Equal(t, "Alice A.", alice.Name)
	assert.Equal(t, client.UserStatus("active"), alice.Status)
	assert.Equal(t, client.LoginType("password"), alice.LoginType)
	assert.Empty(t, alice.Roles)
	assert.NotEmpty(t, alice.OrganizationIds)
	aliceToken := s.Login(t, "alice@example.com", apitest.Password)

	t.Run("conflicts name the field", func(t *testing.T) {
		for _, tc := range []struct{ username, email, field string }{
			{"alice", "alice2@example.com", "username"},
			{"ALICE", "alice2@example.com", "username"},
			{"alice2", "alice@example.com", "email"},
			{"alice2", "Alice@Example.com", "email"},
			{"owner", "x@example.com", "username"},
		} {
			r, body := s.Do("POST", "/api/v2/users",
				idJSON(t, map[string]any{"email": tc.email, "username": tc.username, "password": apitest.Password}),
				idHeader("Coder-Session-Token", owner.Token))
			e := idExpectErr(t, r, body, http.StatusConflict)
			assert.Contains(t, e.fields(), tc.field, "%s/%s: %s", tc.username, tc.email, body)
		}
	})

	t.Run("what Coder's SDK sends is accepted", func(t *testing.T) {
		r, body := s.Do("POST", "/api/v2/users", `{
			"email": "bob@example.com", "username": "bob", "name": "", "password": "`+apitest.Password+`",
			"login_type": "password", "user_status": null,
			"organization_ids": ["00000000-0000-0000-0000-000000000000"]
		}`, idHeader("Coder-Session-Token", owner.Token))
		require.Equal(t, http.StatusCreated, r.StatusCode, "body %s", body)
		var u client.User
		require.NoError(t, json.Unmarshal(body, &u))
		assert.Equal(t, client.UserStatus("active"), u.Status)
		assert.Equal(t, alice.OrganizationIds, u.OrganizationIds, "the nil UUID means the default organization")

		// An empty login_type means password, and no organization_ids at all.
		r, body = s.Do("POST", "/api/v2/users", `{"email":"carol@example.com","username":"carol","password":"`+apitest.Password+`","login_type":""}`,
			idHeader("Coder-Session-Token", owner.Token))
		require.Equal(t, http.StatusCreated, r.StatusCode, "body %s", body)
	})

	t.Run("invalid requests name the field", func(t *testing.T) {
		for _, tc := range []struct{ body, field string }{
			{`{"email":"dave@example.com","username":"dave","password":"` + apitest.Password + `","login_type":"github"}`, "login_type"},
			{`{"email":"dave@example.com","username":"dave","password":"` + apitest.Password + `","login_type":"oidc"}`, "login_type"},
			{`{"email":"dave@example.com","username":"dave","password":"short"}`, "password"},
			{`{"email":"dave@example.com","username":"dave","password":"dave@example.com"}`, "password"},
			{`{"email":"dave@example.com","username":"dave"}`, "password"},
			{`{"email":"dave-at-example.com","username":"dave","password":"` + apitest.Password + `"}`, "email"},
			{`{"email":"Dave <dave@example.com>","username":"dave","password":"` + apitest.Password + `"}`, "email"},
			{`{"email":"dave@example.com","username":"dave_","password":"` + apitest.Password + `"}`, "username"},
			{`{"email":"dave@example.com","username":"me","password":"` + apitest.Password + `"}`, "username"},
			{`{"email":"dave@example.com","username":"dave","password":"` + apitest.Password + `","user_status":"sleepy"}`, "user_status"},
			{`{"email":"dave@example.com","username":"dave","password":"` + apitest.Password + `","organization_ids":["not-a-uuid"]}`, "organization_ids.0"},
		} {
			t.Run(tc.field, func(t *testing.T) {
				idCheckFieldError(t, s, "POST", "/api/v2/users", tc.body, idHeader("Coder-Session-Token", owner.Token), tc.field)
			})
		}
	})

	t.Run("members may neither create nor list", func(t *testing.T) {
		r, body := s.Do("POST", "/api/v2/users", `{"email":"eve@example.com","username":"eve","password":"`+apitest.Password+`"}`,
			idHeader("Coder-Session-Token", aliceToken))
		e := idExpectErr(t, r, body, http.StatusForbidden)
		assert.Equal(t, idMsgForbidden, e.Message)
		r, body = s.Do("GET", "/api/v2/users", "", idHeader("Coder-Session-Token", aliceToken))
		e = idExpectErr(t, r, body, http.StatusForbidden)
		assert.Equal(t, idMsgForbidden, e.Message)
	})

	t.Run("anonymous callers get 401", func(t *testing.T) {
		r, body := s.Do("POST", "/api/v2/users", `{"email":"eve@example.com","username":"eve","password":"`+apitest.Password+`"}`, nil)
		e := idExpectErr(t, r, body, http.StatusUnauthorized)
		assert.Equal(t, idMsgUnauthorized, e.Message)
		r, body = s.Do("GET", "/api/v2/users", "", nil)
		idExpectErr(t, r, body, http.StatusUnauthorized)
	})

	// owner, alice, bob, carol: four users, in creation order.
	list := func(limit, offset *int) client.GetUsersResponse {
		t.Helper()
		res, err := oc.ListUsersWithResponse(ctx, &client.ListUsersParams{Limit: limit, Offset: offset})
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode(), "body %s", res.Body)
		return *res.JSON200
	}
	names := func(r client.GetUsersResponse) []string {
		out := []string{}
		for _, u := range r.Users {
			out = append(out, u.Username)
		}
		return out
	}
	all := list(nil, nil)
	assert.Equal(t, 4, all.Count)
	assert.Equal(t, []string{"owner", "alice", "bob", "carol"}, names(all))
	assert.Equal(t, []client.SlimRole{{Name: "owner", DisplayName: "Owner"}}, all.Users[0].Roles)

	for _, tc := range []struct {
		limit, offset int
		want          []string
	}{
		{2, 0, []string{"owner", "alice"}},
		{2, 2, []string{"bob", "carol"}},
		{2, 3, []string{"carol"}},
		{1, 1, []string{"alice"}},
		{0, 1, []string{"alice", "bob", "carol"}},
		{1000, 0, []string{"owner", "alice", "bob", "carol"}},
		{2, 4, []string{}},
		{2, 100, []string{}},
	} {
		page := list(&tc.limit, &tc.offset)
		assert.Equal(t, 4, page.Count, "count is the total (limit %d offset %d)", tc.limit, tc.offset)
		assert.Equal(t, tc.want, names(page), "limit %d offset %d", tc.limit, tc.offset)
	}

	// users is [] (not null) on an empty page.
	r, body := s.Do("GET", "/api/v2/users?limit=5&offset=50", "", idHeader("Coder-Session-Token", owner.Token))
	require.Equal(t, http.StatusOK, r.StatusCode)
	assert.JSONEq(t, `{"users":[],"count":4}`, string(body))

	for _, tc := range []struct{ query, field string }{
		{"limit=1001", "limit"},
		{"limit=-1", "limit"},
		{"limit=abc", "limit"},
		{"limit=1.5", "limit"},
		{"offset=-1", "offset"},
		{"offset=x", "offset"},
	} {
		r, body := s.Do("GET", "/api/v2/users?"+tc.query, "", idHeader("Coder-Session-Token", owner.Token))
		e := idExpectErr(t, r, body, http.StatusBadRequest)
		assert.Equal(t, []string{tc.field}, e.fields(), "%s: %s", tc.query, body)
	}
}
