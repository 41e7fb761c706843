package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/client"
	"github.com/gitauthd/gitauthd/internal/apitest"
)

// idCreateToken creates a token for user (a reference: me, a name or an id)
// as the holder of token, and returns the key.
func idCreateToken(t *testing.T, s *apitest.Server, token, user string, body client.CreateTokenJSONRequestBody) string {
	t.Helper()
	res, err := s.Client(token).CreateTokenWithResponse(context.Background(), user, body)
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, res.StatusCode(), "create token for %s: %s", user, res.Body)
	require.Regexp(t, idKeyPattern, res.JSON201.Key)
	return res.JSON201.Key
}

// idListTokens lists user's tokens as the holder of token.
func idListTokens(t *testing.T, s *apitest.Server, token, user string) []client.APIKey {
	t.Helper()
	res, err := s.Client(token).ListTokensWithResponse(context.Background(), user)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode(), "list tokens of %s: %s", user, res.Body)
	return *res.JSON200
}

// idWhoAmI returns the status of GET /users/me with key in the
// Coder-Session-Token header, and the user's id on success.
func idWhoAmI(t *testing.T, s *apitest.Server, key string) (int, string) {
	t.Helper()
	res, body := s.Do("GET", "/api/v2/users/me", "", idHeader("Coder-Session-Token", key))
	if res.StatusCode != http.StatusOK {
		e := idErr(t, res, body)
		if res.StatusCode == http.StatusUnauthorized {
			assert.Equal(t, idMsgUnauthorized, e.Message)
		}
		return res.StatusCode, ""
	}
	var u client.User
	require.NoError(t, json.Unmarshal(body, &u))
	return res.StatusCode, u.Id.String()
}

// idKeyID is the id part of a key.
func idKeyID(key string) string { return strings.SplitN(key, "-", 2)[0] }

func TestTokens(t *testing.T) {
	t.Parallel()
	const maxLifetime = 48 * time.Hour
	// The default token lifetime (168h by default) may not exceed the maximum.
	s := apitest.Start(t, "--max-token-lifetime", "48h", "--default-token-lifetime", "24h")
	ctx := context.Background()
	owner := s.CreateOwner(t)
	member := s.CreateMember(t, owner, "member")
	oc := s.Client(owner.Token)

	t.Run("tokenconfig", func(t *testing.T) {
		for _, ref := range []string{"me", owner.Username, owner.ID, member.Username} {
			res, err := oc.GetTokenConfigWithResponse(ctx, ref)
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, res.StatusCode(), "%s: %s", ref, res.Body)
			assert.Equal(t, int64(maxLifetime), res.JSON200.MaxTokenLifetime, ref)
		}
		res, err := s.Client(member.Token).GetTokenConfigWithResponse(ctx, "me")
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode())
		assert.Equal(t, int64(maxLifetime), res.JSON200.MaxTokenLifetime)
		// A member asking about someone else: 404.
		r, body := s.Do("GET", "/api/v2/users/owner/keys/tokens/tokenconfig", "", idHeader("Coder-Session-Token", member.Token))
		e := idExpectErr(t, r, body, http.StatusNotFound)
		assert.Equal(t, idMsgNotFound, e.Message)
	})

	before := time.Now().Add(-time.Second)
	key := idCreateToken(t, s, owner.Token, "me", client.CreateTokenJSONRequestBody{
		Lifetime: idPtr(int64(time.Hour)), Scope: idPtr(client.CreateTokenRequestScope("all")), TokenName: idPtr("ci"),
	})
	after := time.Now().Add(time.Second)

	t.Run("list", func(t *testing.T) {
		r, body := s.Do("GET", "/api/v2/users/me/keys/tokens", "", idHeader("Coder-Session-Token", owner.Token))
		require.Equal(t, http.StatusOK, r.StatusCode)
		var raw []map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(body, &raw))
		require.Len(t, raw, 1, "only tokens are listed, not sessions: %s", body)
		members := []string{}
		for k := range raw[0] {
			members = append(members, k)
		}
		assert.ElementsMatch(t, []string{"id", "user_id", "last_used", "expires_at", "created_at", "updated_at",
			"login_type", "scope", "token_name", "lifetime_seconds"}, members, "APIKey members per wire-facts")
		assert.NotContains(t, string(body), strings.SplitN(key, "-", 2)[1], "the secret is never listed")
		assert.NotContains(t, string(body), "hashed_secret")

		k := idListTokens(t, s, owner.Token, "me")[0]
		assert.Equal(t, idKeyID(key), k.Id)
		assert.Equal(t, owner.ID, k.UserId.String())
		assert.Equal(t, client.LoginType("token"), k.LoginType)
		assert.Equal(t, client.APIKeyScope("all"), k.Scope)
		assert.Equal(t, "ci", k.TokenName)
		assert.Equal(t, int64(3600), k.LifetimeSeconds)
		assert.WithinRange(t, k.CreatedAt, before, after)
		assert.WithinDuration(t, k.CreatedAt.Add(time.Hour), k.ExpiresAt, time.Second)
		assert.False(t, k.UpdatedAt.Before(k.CreatedAt))

		// By name and by id, the same list.
		assert.Equal(t, []client.APIKey{k}, idListTokens(t, s, owner.Token, owner.Username))
		assert.Equal(t, []client.APIKey{k}, idListTokens(t, s, owner.Token, owner.ID))
	})

	t.Run("the token authenticates", func(t *testing.T) {
		status, id := idWhoAmI(t, s, key)
		require.Equal(t, http.StatusOK, status)
		assert.Equal(t, owner.ID, id)
		// ...and is an owner's key: owner-only operations accept it.
		r, body := s.Do("GET", "/api/v2/deployment/config", "", idHeader("Coder-Session-Token", key))
		require.Equal(t, http.StatusOK, r.StatusCode, "body %s", body)
	})

	t.Run("defaults", func(t *testing.T) {
		// No lifetime: the default (24h). No name: a generated one. An empty
		// scope (what Coder's CLI sends) means all.
		k := idCreateToken(t, s, owner.Token, "me", client.CreateTokenJSONRequestBody{})
		k2 := idCreateToken(t, s, owner.Token, "me", client.CreateTokenJSONRequestBody{
			Lifetime: idPtr(int64(0)), Scope: idPtr(client.CreateTokenRequestScope("")), TokenName: idPtr(""),
		})
		r, body := s.Do("POST", "/api/v2/users/me/keys/tokens", `{}`, idHeader("Coder-Session-Token", owner.Token))
		require.Equal(t, http.StatusCreated, r.StatusCode, "body %s", body)
		names := map[string]bool{}
		for _, listed := range idListTokens(t, s, owner.Token, "me") {
			if listed.Id == idKeyID(k) || listed.Id == idKeyID(k2) {
				assert.Equal(t, int64(24*3600), listed.LifetimeSeconds)
				assert.Equal(t, client.APIKeyScope("all"), listed.Scope)
				assert.NotEmpty(t, listed.TokenName)
				assert.WithinDuration(t, listed.CreatedAt.Add(24*time.Hour), listed.ExpiresAt, time.Second)
			}
			assert.False(t, names[listed.TokenName], "token names are unique: %s", listed.TokenName)
			names[listed.TokenName] = true
		}
		assert.Len(t, names, 4)
		// The maximum itself is allowed; so is the other scope.
		idCreateToken(t, s, owner.Token, "me", client.CreateTokenJSONRequestBody{Lifetime: idPtr(int64(maxLifetime)), TokenName: idPtr("longest")})
		idCreateToken(t, s, owner.Token, "me", client.CreateTokenJSONRequestBody{
			Scope: idPtr(client.CreateTokenRequestScope("application_connect")), TokenName: idPtr("apps"),
		})
	})

	t.Run("invalid requests name the field", func(t *testing.T) {
		for _, tc := range []struct{ body, field string }{
			{fmt.Sprintf(`{"lifetime": %d, "token_name": "too-long"}`, int64(maxLifetime+time.Nanosecond)), "lifetime"},
			{fmt.Sprintf(`{"lifetime": %d, "token_name": "much-too-long"}`, int64(49*time.Hour)), "lifetime"},
			{`{"lifetime": -1, "token_name": "negative"}`, "lifetime"},
			{fmt.Sprintf(`{"lifetime": %d, "token_name": "negative2"}`, -int64(time.Hour)), "lifetime"},
			{`{"lifetime": "1h", "token_name": "string"}`, "lifetime"},
			{`{"scope": "everything", "token_name": "bad-scope"}`, "scope"},
			{`{"token_name": "has space"}`, "token_name"},
			{`{"token_name": "` + strings.Repeat("a", 65) + `"}`, "token_name"},
		} {
			r, body := s.Do("POST", "/api/v2/users/me/keys/tokens", tc.body, idHeader("Coder-Session-Token", owner.Token))
			e := idExpectErr(t, r, body, http.StatusBadRequest)
			assert.Contains(t, e.fields(), tc.field, "request %s: %s", tc.body, body)
		}
		// Over the maximum: the validation says what the maximum is.
		r, body := s.Do("POST", "/api/v2/users/me/keys/tokens", fmt.Sprintf(`{"lifetime": %d}`, int64(49*time.Hour)), idHeader("Coder-Session-Token", owner.Token))
		e := idExpectErr(t, r, body, http.StatusBadRequest)
		require.Len(t, e.Validations, 1)
		assert.Equal(t, "lifetime", e.Validations[0].Field)
		assert.Contains(t, e.Validations[0].Detail, maxLifetime.String())
	})

	t.Run("duplicate name", func(t *testing.T) {
		r, body := s.Do("POST", "/api/v2/users/me/keys/tokens", `{"token_name":"ci"}`, idHeader("Coder-Session-Token", owner.Token))
		e := idExpectErr(t, r, body, http.StatusConflict)
		assert.Equal(t, []string{"token_name"}, e.fields())
		assert.Contains(t, e.Message, `"ci"`)
		// Names are unique per user: a member may use the same one.
		idCreateToken(t, s, member.Token, "me", client.CreateTokenJSONRequestBody{TokenName: idPtr("ci")})
	})

	t.Run("a member cannot reach another user's tokens", func(t *testing.T) {
		mc := s.Client(member.Token)
		for _, ref := range []string{owner.Username, owner.ID, "nobody"} {
			list, err := mc.ListTokensWithResponse(ctx, ref)
			require.NoError(t, err)
			e := idExpectErr(t, list.HTTPResponse, list.Body, http.StatusNotFound)
			assert.Equal(t, idMsgNotFound, e.Message)

			create, err := mc.CreateTokenWithResponse(ctx, ref, client.CreateTokenJSONRequestBody{TokenName: idPtr("sneaky")})
			require.NoError(t, err)
			idExpectErr(t, create.HTTPResponse, create.Body, http.StatusNotFound)

			del, err := mc.DeleteAPIKeyWithResponse(ctx, ref, idKeyID(key))
			require.NoError(t, err)
			idExpectErr(t, del.HTTPResponse, del.Body, http.StatusNotFound)
		}
		// Not through their own path either.
		del, err := mc.DeleteAPIKeyWithResponse(ctx, "me", idKeyID(key))
		require.NoError(t, err)
		idExpectErr(t, del.HTTPResponse, del.Body, http.StatusNotFound)
		// The owner's token survived all that.
		status, _ := idWhoAmI(t, s, key)
		assert.Equal(t, http.StatusOK, status)
	})

	t.Run("the owner manages a member's tokens", func(t *testing.T) {
		mk := idCreateToken(t, s, owner.Token, member.Username, client.CreateTokenJSONRequestBody{TokenName: idPtr("made-by-owner")})
		status, id := idWhoAmI(t, s, mk)
		require.Equal(t, http.StatusOK, status)
		assert.Equal(t, member.ID, id, "the token is the member's")

		found := false
		for _, k := range idListTokens(t, s, member.Token, "me") {
			if k.Id == idKeyID(mk) {
				found = true
				assert.Equal(t, member.ID, k.UserId.String())
			}
		}
		assert.True(t, found, "the member sees the token")
		byOwner := idListTokens(t, s, owner.Token, member.ID)
		assert.Len(t, byOwner, 2) // "ci" and "made-by-owner"

		// Deleting it under the wrong user is 404.
		del, err := oc.DeleteAPIKeyWithResponse(ctx, "me", idKeyID(mk))
		require.NoError(t, err)
		idExpectErr(t, del.HTTPResponse, del.Body, http.StatusNotFound)

		del, err = oc.DeleteAPIKeyWithResponse(ctx, member.Username, idKeyID(mk))
		require.NoError(t, err)
		require.Equal(t, http.StatusNoContent, del.StatusCode(), "body %s", del.Body)
		assert.Empty(t, del.Body)
		status, _ = idWhoAmI(t, s, mk)
		assert.Equal(t, http.StatusUnauthorized, status)
	})

	t.Run("delete", func(t *testing.T) {
		k := idCreateToken(t, s, owner.Token, "me", client.CreateTokenJSONRequestBody{TokenName: idPtr("short-lived")})
		status, _ := idWhoAmI(t, s, k)
		require.Equal(t, http.StatusOK, status)

		del, err := oc.DeleteAPIKeyWithResponse(ctx, "me", idKeyID(k))
		require.NoError(t, err)
		require.Equal(t, http.StatusNoContent, del.StatusCode(), "body %s", del.Body)

		status, _ = idWhoAmI(t, s, k)
		assert.Equal(t, http.StatusUnauthorized, status, "a deleted token stops working at once")
		for _, listed := range idListTokens(t, s, owner.Token, "me") {
			assert.NotEqual(t, idKeyID(k), listed.Id)
		}

		del, err = oc.DeleteAPIKeyWithResponse(ctx, "me", idKeyID(k))
		require.NoError(t, err)
		e := idExpectErr(t, del.HTTPResponse, del.Body, http.StatusNotFound)
		assert.Equal(t, idMsgNotFound, e.Message)

		// Ids that cannot be key ids.
		for _, id := range []string{"abc", "0123456789a", "abc!defghi"} {
			r, body := s.Do("DELETE", "/api/v2/users/me/keys/"+id, "", idHeader("Coder-Session-Token", owner.Token))
			idExpectErr(t, r, body, http.StatusNotFound)
		}

		// The name is free again.
		idCreateToken(t, s, owner.Token, "me", client.CreateTokenJSONRequestBody{TokenName: idPtr("short-lived")})
	})

	t.Run("a session can be deleted by id", func(t *testing.T) {
		session := s.Login(t, owner.Email, apitest.Password)
		del, err := oc.DeleteAPIKeyWithResponse(ctx, "me", idKeyID(session))
		require.NoError(t, err)
		require.Equal(t, http.StatusNoContent, del.StatusCode(), "body %s", del.Body)
		status, _ := idWhoAmI(t, s, session)
		assert.Equal(t, http.StatusUnauthorized, status)
	})

	t.Run("a token can create tokens and delete itself", func(t *testing.T) {
		k := idCreateToken(t, s, member.Token, "me", client.CreateTokenJSONRequestBody{TokenName: idPtr("self")})
		k2 := idCreateToken(t, s, k, "me", client.CreateTokenJSONRequestBody{TokenName: idPtr("child")})
		del, err := s.Client(k).DeleteAPIKeyWithResponse(ctx, "me", idKeyID(k))
		require.NoError(t, err)
		require.Equal(t, http.StatusNoContent, del.StatusCode())
		status, _ := idWhoAmI(t, s, k)
		assert.Equal(t, http.StatusUnauthorized, status)
		status, _ = idWhoAmI(t, s, k2)
		assert.Equal(t, http.StatusOK, status)
	})
}
