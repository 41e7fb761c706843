package e2e

import (
	"context"
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/client"
	"github.com/gitauthd/gitauthd/internal/apitest"
)

// pjCreate creates a project as the holder of token and returns its id.
func pjCreate(t *testing.T, s *apitest.Server, token, id, name string) string {
	t.Helper()
	body := client.CreateProjectJSONRequestBody{Name: name}
	if id != "" {
		body.Id = &id
	}
	res, err := s.Client(token).CreateProjectWithResponse(context.Background(), body)
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, res.StatusCode(), "create project %q: %s", id, res.Body)
	return res.JSON201.Id
}

// pjAddMember makes user a member of project, as the holder of token.
func pjAddMember(t *testing.T, s *apitest.Server, token, project, user string) {
	t.Helper()
	res, err := s.Client(token).AddProjectMemberWithResponse(context.Background(), project, user)
	require.NoError(t, err)
	require.Equal(t, http.StatusNoContent, res.StatusCode(), "add %s to %s: %s", user, project, res.Body)
}

// pjIDs returns the ids of projects.
func pjIDs(list []client.Project) []string {
	ids := make([]string, 0, len(list))
	for _, p := range list {
		ids = append(ids, p.Id)
	}
	return ids
}

func TestProjects(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	owner := s.CreateOwner(t)
	alice := s.CreateMember(t, owner, "alice")
	bob := s.CreateMember(t, owner, "bob")
	ctx := context.Background()
	oc, ac, bc := s.Client(owner.Token), s.Client(alice.Token), s.Client(bob.Token)

	t.Run("create", func(t *testing.T) {
		res, err := oc.CreateProjectWithResponse(ctx, client.CreateProjectJSONRequestBody{Id: idPtr("platform"), Name: "Platform team"})
		require.NoError(t, err)
		require.Equal(t, http.StatusCreated, res.StatusCode(), "%s", res.Body)
		assert.Equal(t, "platform", res.JSON201.Id)
		assert.Equal(t, "Platform team", res.JSON201.Name)
		assert.False(t, res.JSON201.CreatedAt.IsZero())

		gen := pjCreate(t, s, owner.Token, "", "Generated")
		assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{32}$`), gen, "a generated id is 32 hex characters")

		dup, err := oc.CreateProjectWithResponse(ctx, client.CreateProjectJSONRequestBody{Id: idPtr("platform"), Name: "Again"})
		require.NoError(t, err)
		require.Equal(t, http.StatusConflict, dup.StatusCode(), "%s", dup.Body)
		assert.NotEmpty(t, dup.JSON409.Message)

		for _, body := range []string{
			`{"id":"-starts-with-hyphen","name":"x"}`,
			`{"id":"has/slash","name":"x"}`,
			`{"id":"has:colon","name":"x"}`,
			`{"id":"ok","name":""}`,
			`{"id":"ok","name":"   "}`,
			`{"id":"ok"}`,
		} {
			res, data := s.Do(http.MethodPost, "/api/v2/projects", body, idHeader("Coder-Session-Token", owner.Token))
			e := idExpectErr(t, res, data, http.StatusBadRequest)
			assert.NotEmpty(t, e.Validations, body)
		}

		forbidden, err := ac.CreateProjectWithResponse(ctx, client.CreateProjectJSONRequestBody{Id: idPtr("mine"), Name: "Mine"})
		require.NoError(t, err)
		require.Equal(t, http.StatusForbidden, forbidden.StatusCode(), "only the owner creates projects: %s", forbidden.Body)

		raw, data := s.Do(http.MethodPost, "/api/v2/projects", `{"name":"x"}`, nil)
		idExpectErr(t, raw, data, http.StatusUnauthorized)
	})

	pjCreate(t, s, owner.Token, "alpha", "Alpha")
	pjCreate(t, s, owner.Token, "beta", "Beta")

	t.Run("members", func(t *testing.T) {
		pjAddMember(t, s, owner.Token, "alpha", "alice")
		pjAddMember(t, s, owner.Token, "alpha", "alice") // twice is not an error
		pjAddMember(t, s, owner.Token, "alpha", bob.ID)  // by UUID
		pjAddMember(t, s, owner.Token, "beta", "bob")

		res, err := oc.ListProjectMembersWithResponse(ctx, "alpha")
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode(), "%s", res.Body)
		require.Len(t, *res.JSON200, 2)
		assert.Equal(t, "alice", (*res.JSON200)[0].Username)
		assert.Equal(t, alice.ID, (*res.JSON200)[0].UserId.String())
		assert.Equal(t, "bob", (*res.JSON200)[1].Username)

		// A member sees the members of their projects, not of others.
		res, err = ac.ListProjectMembersWithResponse(ctx, "alpha")
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode(), "%s", res.Body)
		res, err = ac.ListProjectMembersWithResponse(ctx, "beta")
		require.NoError(t, err)
		require.Equal(t, http.StatusNotFound, res.StatusCode(), "%s", res.Body)

		// Only the owner manages members.
		add, err := ac.AddProjectMemberWithResponse(ctx, "alpha", "bob")
		require.NoError(t, err)
		assert.Equal(t, http.StatusForbidden, add.StatusCode(), "%s", add.Body)
		rm, err := bc.RemoveProjectMemberWithResponse(ctx, "beta", "bob")
		require.NoError(t, err)
		assert.Equal(t, http.StatusForbidden, rm.StatusCode(), "%s", rm.Body)

		// Unknown users and projects.
		add, err = oc.AddProjectMemberWithResponse(ctx, "alpha", "nobody")
		require.NoError(t, err)
		assert.Equal(t, http.StatusNotFound, add.StatusCode(), "%s", add.Body)
		add, err = oc.AddProjectMemberWithResponse(ctx, "nope", "alice")
		require.NoError(t, err)
		assert.Equal(t, http.StatusNotFound, add.StatusCode(), "%s", add.Body)

		rm, err = oc.RemoveProjectMemberWithResponse(ctx, "beta", "alice")
		require.NoError(t, err)
		assert.Equal(t, http.StatusNotFound, rm.StatusCode(), "not a member: %s", rm.Body)
		rm, err = oc.RemoveProjectMemberWithResponse(ctx, "alpha", "bob")
		require.NoError(t, err)
		assert.Equal(t, http.StatusNoContent, rm.StatusCode(), "%s", rm.Body)
	})

	t.Run("visibility", func(t *testing.T) {
		all, err := oc.ListProjectsWithResponse(ctx)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, all.StatusCode())
		assert.Subset(t, pjIDs(*all.JSON200), []string{"platform", "alpha", "beta"}, "the owner sees every project")

		mine, err := ac.ListProjectsWithResponse(ctx)
		require.NoError(t, err)
		assert.Equal(t, []string{"alpha"}, pjIDs(*mine.JSON200))
		mine, err = bc.ListProjectsWithResponse(ctx)
		require.NoError(t, err)
		assert.Equal(t, []string{"beta"}, pjIDs(*mine.JSON200))

		got, err := ac.GetProjectWithResponse(ctx, "alpha")
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, got.StatusCode())
		assert.Equal(t, "Alpha", got.JSON200.Name)

		// Another's project answers exactly as one that does not exist.
		other, err := ac.GetProjectWithResponse(ctx, "beta")
		require.NoError(t, err)
		none, err := ac.GetProjectWithResponse(ctx, "gamma")
		require.NoError(t, err)
		require.Equal(t, http.StatusNotFound, other.StatusCode())
		require.Equal(t, http.StatusNotFound, none.StatusCode())
		assert.Equal(t, other.JSON404.Message, none.JSON404.Message)
	})

	t.Run("rename", func(t *testing.T) {
		res, err := oc.UpdateProjectWithResponse(ctx, "beta", client.UpdateProjectJSONRequestBody{Name: "  Beta team  "})
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode(), "%s", res.Body)
		assert.Equal(t, "beta", res.JSON200.Id, "the id stays")
		assert.Equal(t, "Beta team", res.JSON200.Name, "white space around the name is trimmed")
		got, err := bc.GetProjectWithResponse(ctx, "beta")
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, got.StatusCode(), "the member still reaches it: %s", got.Body)
		assert.Equal(t, "Beta team", got.JSON200.Name)
		assert.Equal(t, res.JSON200.CreatedAt, got.JSON200.CreatedAt)

		for _, body := range []string{`{"name":""}`, `{"name":"   "}`, `{}`, `{"name":"tab\there"}`} {
			raw, data := s.Do(http.MethodPatch, "/api/v2/projects/beta", body, idHeader("Coder-Session-Token", owner.Token))
			e := idExpectErr(t, raw, data, http.StatusBadRequest)
			assert.NotEmpty(t, e.Validations, body)
		}
		got, err = oc.GetProjectWithResponse(ctx, "beta")
		require.NoError(t, err)
		assert.Equal(t, "Beta team", got.JSON200.Name, "a refused rename changes nothing")

		forbidden, err := bc.UpdateProjectWithResponse(ctx, "beta", client.UpdateProjectJSONRequestBody{Name: "Mine now"})
		require.NoError(t, err)
		assert.Equal(t, http.StatusForbidden, forbidden.StatusCode(), "only the owner renames: %s", forbidden.Body)
		missing, err := oc.UpdateProjectWithResponse(ctx, "gamma", client.UpdateProjectJSONRequestBody{Name: "x"})
		require.NoError(t, err)
		assert.Equal(t, http.StatusNotFound, missing.StatusCode(), "%s", missing.Body)
	})

	t.Run("delete", func(t *testing.T) {
		del, err := ac.DeleteProjectWithResponse(ctx, "alpha")
		require.NoError(t, err)
		assert.Equal(t, http.StatusForbidden, del.StatusCode(), "only the owner deletes: %s", del.Body)

		del, err = oc.DeleteProjectWithResponse(ctx, "platform")
		require.NoError(t, err)
		require.Equal(t, http.StatusNoContent, del.StatusCode(), "%s", del.Body)
		del, err = oc.DeleteProjectWithResponse(ctx, "platform")
		require.NoError(t, err)
		assert.Equal(t, http.StatusNotFound, del.StatusCode(), "%s", del.Body)
		got, err := oc.GetProjectWithResponse(ctx, "platform")
		require.NoError(t, err)
		assert.Equal(t, http.StatusNotFound, got.StatusCode())

		// The id can be used again, and the new project starts empty.
		pjCreate(t, s, owner.Token, "platform", "Platform again")
		members, err := oc.ListProjectMembersWithResponse(ctx, "platform")
		require.NoError(t, err)
		assert.Empty(t, *members.JSON200)
	})
}
