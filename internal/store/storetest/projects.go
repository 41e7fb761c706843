package storetest

import (
	"cmp"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store"
)

// newProject returns a project with every field set.
func newProject(id string, d time.Duration) store.Project {
	return store.Project{ID: id, Name: "Project " + id, CreatedAt: at(d)}
}

func normProject(p store.Project) store.Project {
	p.CreatedAt = norm(p.CreatedAt)
	return p
}

// newGitAuth returns an OAuth authorization of project with every field
// set; the key ids are arbitrary (engines store them verbatim).
func newGitAuth(project, name string, by uuid.UUID) store.ProjectGitAuth {
	tag := "github.com"
	return store.ProjectGitAuth{
		ProjectID:         project,
		Name:              name,
		RepoType:          "github",
		ProviderID:        "github-main",
		TokenType:         store.GitAuthOAuth,
		RepoHost:          "https://api.github.com",
		Tag:               &tag,
		Secret:            "gho_secret-" + project + "-" + name,
		SecretKeyID:       "key-s",
		RefreshToken:      "ghr_refresh-" + project + "-" + name,
		RefreshTokenKeyID: "key-r",
		ExpiresAt:         at(8 * time.Hour),
		Status:            store.GitAuthStatusNormal,
		RepoUser:          "octocat",
		RepoHome:          "https://github.com/octocat",
		Avatar:            "https://avatars.githubusercontent.com/u/1?v=4",
		CreatedBy:         by,
		CreatedAt:         at(0),
		UpdatedAt:         at(time.Second),
	}
}

// expectGitAuth is what a store must return for the stored authorization a
// (see expectLink for managed key ids).
func expectGitAuth(t *testing.T, o options, a, got store.ProjectGitAuth) store.ProjectGitAuth {
	t.Helper()
	a.ExpiresAt, a.CreatedAt, a.UpdatedAt = norm(a.ExpiresAt), norm(a.CreatedAt), norm(a.UpdatedAt)
	if o.managedKeyIDs {
		requireKeyID(t, a.Secret, got.SecretKeyID, "secret")
		requireKeyID(t, a.RefreshToken, got.RefreshTokenKeyID, "refresh token")
		a.SecretKeyID, a.RefreshTokenKeyID = got.SecretKeyID, got.RefreshTokenKeyID
	}
	return a
}

// requireGitAuth checks that s holds exactly want.
func requireGitAuth(t *testing.T, s store.Store, o options, want store.ProjectGitAuth) {
	t.Helper()
	got, err := s.GetProjectGitAuth(ctx(t), want.ProjectID, want.Name)
	require.NoError(t, err)
	require.Equal(t, expectGitAuth(t, o, want, got), got)
}

// testProjects covers every project, member and Git authorization method.
func testProjects(t *testing.T, fresh Opener, o options) {
	t.Run("Projects", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		empty, err := s.ListProjects(c)
		require.NoError(t, err)
		require.NotNil(t, empty, "empty list, not nil")
		require.Empty(t, empty)

		b, a, z := newProject("b-project", 0), newProject("a-project", 0), newProject("0-first", -time.Hour)
		for _, p := range []store.Project{b, a, z} {
			require.NoError(t, s.InsertProject(c, p))
		}
		require.ErrorIs(t, s.InsertProject(c, newProject("a-project", time.Hour)), store.ErrConflict, "same id")

		got, err := s.GetProject(c, "a-project")
		require.NoError(t, err)
		require.Equal(t, normProject(a), got)
		_, err = s.GetProject(c, "A-PROJECT")
		require.ErrorIs(t, err, store.ErrNotFound, "ids are case-sensitive")

		all, err := s.ListProjects(c)
		require.NoError(t, err)
		require.Equal(t, []store.Project{normProject(z), normProject(a), normProject(b)}, all,
			"ordered by creation time, then id")

		renamed, err := s.RenameProject(c, "a-project", "Platform engineering")
		require.NoError(t, err)
		want := normProject(a)
		want.Name = "Platform engineering"
		require.Equal(t, want, renamed, "the id and creation time stay")
		got, err = s.GetProject(c, "a-project")
		require.NoError(t, err)
		require.Equal(t, want, got, "the new name is read back")
		_, err = s.RenameProject(c, "no-such-project", "x")
		require.ErrorIs(t, err, store.ErrNotFound)

		require.NoError(t, s.DeleteProject(c, "b-project"))
		_, err = s.GetProject(c, "b-project")
		require.ErrorIs(t, err, store.ErrNotFound)
		require.ErrorIs(t, s.DeleteProject(c, "b-project"), store.ErrNotFound, "already gone")
	})

	t.Run("Members", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		bob, alice, carol := newUser("bob"), newUser("alice"), newUser("carol")
		for _, u := range []store.User{bob, alice, carol} {
			require.NoError(t, s.InsertUser(c, u))
		}
		p, q := newProject("p1", 0), newProject("p2", time.Minute)
		require.NoError(t, s.InsertProject(c, p))
		require.NoError(t, s.InsertProject(c, q))

		none, err := s.ListProjectMembers(c, p.ID)
		require.NoError(t, err)
		require.NotNil(t, none, "empty list, not nil")
		require.Empty(t, none)

		require.NoError(t, s.AddProjectMember(c, store.ProjectMember{ProjectID: p.ID, UserID: bob.ID, AddedAt: at(time.Second)}))
		require.NoError(t, s.AddProjectMember(c, store.ProjectMember{ProjectID: p.ID, UserID: alice.ID, AddedAt: at(time.Second)}))
		require.NoError(t, s.AddProjectMember(c, store.ProjectMember{ProjectID: p.ID, UserID: carol.ID, AddedAt: at(0)}))
		require.NoError(t, s.AddProjectMember(c, store.ProjectMember{ProjectID: p.ID, UserID: bob.ID, AddedAt: at(time.Hour)}),
			"adding a member again is not an error")
		require.NoError(t, s.AddProjectMember(c, store.ProjectMember{ProjectID: q.ID, UserID: bob.ID, AddedAt: at(0)}))

		require.ErrorIs(t, s.AddProjectMember(c, store.ProjectMember{ProjectID: "nope", UserID: bob.ID, AddedAt: at(0)}),
			store.ErrNotFound, "unknown project")
		require.ErrorIs(t, s.AddProjectMember(c, store.ProjectMember{ProjectID: p.ID, UserID: uuid.New(), AddedAt: at(0)}),
			store.ErrNotFound, "unknown user")

		members, err := s.ListProjectMembers(c, p.ID)
		require.NoError(t, err)
		require.Equal(t, []store.ProjectMember{
			{ProjectID: p.ID, UserID: carol.ID, Username: "carol", AddedAt: norm(at(0))},
			{ProjectID: p.ID, UserID: alice.ID, Username: "alice", AddedAt: norm(at(time.Second))},
			{ProjectID: p.ID, UserID: bob.ID, Username: "bob", AddedAt: norm(at(time.Second))},
		}, members, "ordered by added_at, then username; the first added_at is kept")

		for _, tc := range []struct {
			project string
			user    uuid.UUID
			want    bool
		}{{p.ID, bob.ID, true}, {q.ID, bob.ID, true}, {q.ID, alice.ID, false}, {"nope", bob.ID, false}, {p.ID, uuid.New(), false}} {
			ok, err := s.IsProjectMember(c, tc.project, tc.user)
			require.NoError(t, err)
			require.Equal(t, tc.want, ok, "%s %s", tc.project, tc.user)
		}

		mine, err := s.ListUserProjects(c, bob.ID)
		require.NoError(t, err)
		require.Equal(t, []store.Project{normProject(p), normProject(q)}, mine)
		theirs, err := s.ListUserProjects(c, uuid.New())
		require.NoError(t, err)
		require.NotNil(t, theirs, "empty list, not nil")
		require.Empty(t, theirs)

		require.NoError(t, s.RemoveProjectMember(c, p.ID, bob.ID))
		require.ErrorIs(t, s.RemoveProjectMember(c, p.ID, bob.ID), store.ErrNotFound, "not a member any more")
		require.ErrorIs(t, s.RemoveProjectMember(c, "nope", alice.ID), store.ErrNotFound)
		ok, err := s.IsProjectMember(c, p.ID, bob.ID)
		require.NoError(t, err)
		require.False(t, ok)
		ok, err = s.IsProjectMember(c, q.ID, bob.ID)
		require.NoError(t, err)
		require.True(t, ok, "other memberships stay")
	})

	t.Run("GitAuths", func(t *testing.T) { testGitAuths(t, fresh, o) })
	t.Run("GitAuthCompareAndSwap", func(t *testing.T) { testGitAuthCAS(t, fresh, o) })

	t.Run("DeleteCascades", func(t *testing.T) {
		s, c := fresh(t), ctx(t)
		u := newUser("member")
		require.NoError(t, s.InsertUser(c, u))
		for _, id := range []string{"gone", "kept"} {
			require.NoError(t, s.InsertProject(c, newProject(id, 0)))
			require.NoError(t, s.AddProjectMember(c, store.ProjectMember{ProjectID: id, UserID: u.ID, AddedAt: at(0)}))
			require.NoError(t, s.InsertProjectGitAuth(c, newGitAuth(id, "shared-name", u.ID)))
		}
		require.NoError(t, s.DeleteProject(c, "gone"))
		ok, err := s.IsProjectMember(c, "gone", u.ID)
		require.NoError(t, err)
		require.False(t, ok, "members go with the project")
		_, err = s.GetProjectGitAuth(c, "gone", "shared-name")
		require.ErrorIs(t, err, store.ErrNotFound, "authorizations go with the project")
		all, err := s.AllProjectGitAuths(c)
		require.NoError(t, err)
		require.Len(t, all, 1)
		require.Equal(t, "kept", all[0].ProjectID)

		// A project made again with the same id starts empty.
		require.NoError(t, s.InsertProject(c, newProject("gone", time.Hour)))
		list, err := s.ListProjectGitAuths(c, "gone")
		require.NoError(t, err)
		require.Empty(t, list)
	})

	t.Run("Rekey", func(t *testing.T) {
		s := fresh(t)
		rk, ok := s.(store.Rekeyer)
		if !ok {
			t.Skip("the store under test does not implement store.Rekeyer")
		}
		testRekeyGitAuth(t, s, rk)
	})
}

// testGitAuths covers insert, get, list, all, delete and the check update.
func testGitAuths(t *testing.T, fresh Opener, o options) {
	s, c := fresh(t), ctx(t)
	u := newUser("creator")
	require.NoError(t, s.InsertUser(c, u))
	for _, id := range []string{"p1", "p2"} {
		require.NoError(t, s.InsertProject(c, newProject(id, 0)))
	}

	empty, err := s.ListProjectGitAuths(c, "p1")
	require.NoError(t, err)
	require.NotNil(t, empty, "empty list, not nil")
	require.Empty(t, empty)
	all, err := s.AllProjectGitAuths(c)
	require.NoError(t, err)
	require.NotNil(t, all, "empty list, not nil")
	require.Empty(t, all)

	full := newGitAuth("p1", "zeta", u.ID)
	require.NoError(t, s.InsertProjectGitAuth(c, full))
	requireGitAuth(t, s, o, full)

	// Every optional value at its zero: no tag (null), no refresh token,
	// no expiry, no profile; a password authorization with its user name.
	bare := store.ProjectGitAuth{ProjectID: "p1", Name: "alpha", RepoType: "bitbucket", ProviderID: "bitbucket",
		TokenType: store.GitAuthPassword, Username: "tom", Secret: "app-password", Status: store.GitAuthStatusUnauthenticated,
		CreatedBy: u.ID, CreatedAt: at(0), UpdatedAt: at(0)}
	require.NoError(t, s.InsertProjectGitAuth(c, bare))
	got, err := s.GetProjectGitAuth(c, "p1", "alpha")
	require.NoError(t, err)
	require.Nil(t, got.Tag, "no tag reads as nil")
	require.True(t, got.ExpiresAt.IsZero(), "zero expiry means never")
	require.Equal(t, expectGitAuth(t, o, bare, got), got)

	empTag := newGitAuth("p1", "empty-tag", u.ID)
	empTag.Tag = new(string)
	empTag.CreatedAt = at(time.Minute)
	require.NoError(t, s.InsertProjectGitAuth(c, empTag))
	requireGitAuth(t, s, o, empTag) // an empty tag is not a missing one

	dup := newGitAuth("p1", "zeta", u.ID)
	dup.Secret = "another"
	require.ErrorIs(t, s.InsertProjectGitAuth(c, dup), store.ErrConflict, "names are unique in a project")
	requireGitAuth(t, s, o, full)
	other := newGitAuth("p2", "zeta", u.ID)
	require.NoError(t, s.InsertProjectGitAuth(c, other), "the same name in another project")
	require.ErrorIs(t, s.InsertProjectGitAuth(c, newGitAuth("nope", "x", u.ID)), store.ErrNotFound, "unknown project")

	_, err = s.GetProjectGitAuth(c, "p1", "ZETA")
	require.ErrorIs(t, err, store.ErrNotFound, "names are case-sensitive")
	_, err = s.GetProjectGitAuth(c, "p3", "zeta")
	require.ErrorIs(t, err, store.ErrNotFound)

	// Creation order: created_at, then insertion order (zeta and alpha
	// share a created_at; zeta came first).
	list, err := s.ListProjectGitAuths(c, "p1")
	require.NoError(t, err)
	want := []store.ProjectGitAuth{full, bare, empTag}
	require.Len(t, list, len(want))
	for i := range want {
		require.Equal(t, expectGitAuth(t, o, want[i], list[i]), list[i], "creation order, %d", i)
	}

	all, err = s.AllProjectGitAuths(c)
	require.NoError(t, err)
	wantAll := []store.ProjectGitAuth{full, bare, empTag, other}
	slices.SortFunc(wantAll, func(a, b store.ProjectGitAuth) int {
		return cmp.Or(cmp.Compare(a.ProjectID, b.ProjectID), cmp.Compare(a.Name, b.Name))
	})
	require.Len(t, all, len(wantAll))
	for i := range wantAll {
		require.Equal(t, expectGitAuth(t, o, wantAll[i], all[i]), all[i], "ordered by project, then name")
	}

	// The check update writes the status and the profile only.
	check := store.GitAuthCheck{Status: store.GitAuthStatusUnauthenticated, RepoUser: "octo2", RepoHome: "https://x/octo2", Avatar: "https://x/a.png"}
	require.NoError(t, s.UpdateProjectGitAuthCheck(c, "p1", "zeta", check))
	checked := full
	checked.Status, checked.RepoUser, checked.RepoHome, checked.Avatar = check.Status, check.RepoUser, check.RepoHome, check.Avatar
	requireGitAuth(t, s, o, checked)
	requireGitAuth(t, s, o, other) // same name, other project: untouched
	require.ErrorIs(t, s.UpdateProjectGitAuthCheck(c, "p1", "nope", check), store.ErrNotFound)

	require.NoError(t, s.DeleteProjectGitAuth(c, "p1", "zeta"))
	_, err = s.GetProjectGitAuth(c, "p1", "zeta")
	require.ErrorIs(t, err, store.ErrNotFound)
	require.ErrorIs(t, s.DeleteProjectGitAuth(c, "p1", "zeta"), store.ErrNotFound, "already gone")
	requireGitAuth(t, s, o, other)
	require.NoError(t, s.InsertProjectGitAuth(c, full), "a deleted name can be used again")
}

// testGitAuthCAS covers UpdateProjectGitAuthTokens.
func testGitAuthCAS(t *testing.T, fresh Opener, o options) {
	s, c := fresh(t), ctx(t)
	u := newUser("refresher")
	require.NoError(t, s.InsertUser(c, u))
	require.NoError(t, s.InsertProject(c, newProject("p1", 0)))
	a := newGitAuth("p1", "gh", u.ID)
	require.NoError(t, s.InsertProjectGitAuth(c, a))

	next := a
	next.Secret, next.RefreshToken, next.ExpiresAt, next.UpdatedAt = "access-2", "refresh-2", at(16*time.Hour), at(8*time.Hour)
	// Fields the swap does not write: changes to them are ignored.
	ignored := next
	ignored.RepoType, ignored.Status, ignored.RepoUser, ignored.CreatedAt, ignored.Tag = "gitlab", 2, "someone", at(time.Hour), nil

	require.NoError(t, s.UpdateProjectGitAuthTokens(c, ignored, a.RefreshToken))
	requireGitAuth(t, s, o, next)

	stale := next
	stale.Secret, stale.RefreshToken = "access-3", "refresh-3"
	require.ErrorIs(t, s.UpdateProjectGitAuthTokens(c, stale, a.RefreshToken), store.ErrConflict,
		"the old refresh token was already spent")
	requireGitAuth(t, s, o, next)

	gone := next
	gone.Name = "nope"
	require.ErrorIs(t, s.UpdateProjectGitAuthTokens(c, gone, next.RefreshToken), store.ErrNotFound)

	failed := next
	failed.RefreshToken, failed.FailureReason, failed.ExpiresAt = "", "invalid_grant (HTTP 400)", time.Time{}
	require.NoError(t, s.UpdateProjectGitAuthTokens(c, failed, next.RefreshToken))
	requireGitAuth(t, s, o, failed)

	v := newGitAuth("p1", "concurrent", u.ID)
	require.NoError(t, s.InsertProjectGitAuth(c, v))
	winner := requireOneWinner(t, 20, func(i int) error {
		n := v
		n.Secret, n.RefreshToken = keyID(i)+"-access", keyID(i)+"-refresh"
		return s.UpdateProjectGitAuthTokens(c, n, v.RefreshToken)
	}, store.ErrConflict)
	got, err := s.GetProjectGitAuth(c, "p1", "concurrent")
	require.NoError(t, err)
	require.Equal(t, keyID(winner)+"-refresh", got.RefreshToken, "the winner's tokens are stored")
	require.Equal(t, keyID(winner)+"-access", got.Secret)
}

// testRekeyGitAuth covers RekeyProjectGitAuth; engines store key ids
// verbatim.
func testRekeyGitAuth(t *testing.T, s store.Store, rk store.Rekeyer) {
	c := ctx(t)
	u := newUser("rekeyed")
	require.NoError(t, s.InsertUser(c, u))
	require.NoError(t, s.InsertProject(c, newProject("p1", 0)))
	a := newGitAuth("p1", "gh", u.ID)
	require.NoError(t, s.InsertProjectGitAuth(c, a))

	re := a
	re.Secret, re.SecretKeyID = "secret-rekeyed", "key-2"
	re.RefreshToken, re.RefreshTokenKeyID = "refresh-rekeyed", "key-2"
	re.ExpiresAt, re.FailureReason, re.UpdatedAt, re.Status = at(time.Hour), "x", at(time.Hour), 1
	require.NoError(t, rk.RekeyProjectGitAuth(c, re, a.Secret, a.RefreshToken))
	want := a // only the secrets and their key ids change
	want.Secret, want.SecretKeyID = re.Secret, re.SecretKeyID
	want.RefreshToken, want.RefreshTokenKeyID = re.RefreshToken, re.RefreshTokenKeyID
	requireGitAuth(t, s, options{}, want)

	for _, old := range [][2]string{
		{a.Secret, a.RefreshToken}, {re.Secret, a.RefreshToken}, {a.Secret, re.RefreshToken},
	} {
		require.ErrorIs(t, rk.RekeyProjectGitAuth(c, a, old[0], old[1]), store.ErrConflict, old)
	}
	requireGitAuth(t, s, options{}, want)
	gone := re
	gone.Name = "nope"
	require.ErrorIs(t, rk.RekeyProjectGitAuth(c, gone, re.Secret, re.RefreshToken), store.ErrNotFound)
}
