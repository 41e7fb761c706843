package fakeprovider_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

func TestPersonalTokensAndPasswords(t *testing.T) {
	t.Parallel()
	for _, d := range []fakeprovider.Dialect{fakeprovider.GitHub, fakeprovider.RFC} {
		t.Run(d.String(), func(t *testing.T) {
			t.Parallel()
			p := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: d})
			p.AddUser(fakeprovider.User{Login: "tom", Name: "Tom"})
			_, err := p.IssuePersonalToken("nobody", "repo")
			require.Error(t, err)
			require.Error(t, p.SetPassword("nobody", "x"))

			pat, err := p.IssuePersonalToken("tom", "repo")
			require.NoError(t, err)
			require.Contains(t, p.IssuedTokens(), pat)
			a := get(t, p.ValidateURL(), pat)
			require.Equal(t, http.StatusOK, a.status)
			require.Contains(t, string(a.body), `"tom"`)

			require.NoError(t, p.SetPassword("tom", "s3cret"))
			basic := func(user, password string) int {
				req, _ := http.NewRequest(http.MethodGet, p.ValidateURL(), nil)
				req.SetBasicAuth(user, password)
				return do(t, req).status
			}
			require.Equal(t, http.StatusOK, basic("tom", "s3cret"))
			require.Equal(t, http.StatusUnauthorized, basic("tom", "wrong"))
			require.Equal(t, http.StatusUnauthorized, basic("nobody", "s3cret"))
			require.NoError(t, p.SetPassword("tom", ""))
			require.Equal(t, http.StatusUnauthorized, basic("tom", "s3cret"), "password removed")

			require.Error(t, p.AddPersonalToken("nobody", "ghp_fixed", "repo"))
			require.Error(t, p.AddPersonalToken("tom", "", "repo"))
			require.Error(t, p.AddPersonalToken("tom", pat, "repo"), "a token already issued")
			require.Equal(t, http.StatusUnauthorized, get(t, p.ValidateURL(), "ghp_fixed").status)
			require.NoError(t, p.AddPersonalToken("tom", "ghp_fixed", "repo"))
			require.Equal(t, http.StatusOK, get(t, p.ValidateURL(), "ghp_fixed").status)

			require.True(t, p.RevokeToken(pat))
			require.Equal(t, http.StatusUnauthorized, get(t, p.ValidateURL(), pat).status, "revoked")
		})
	}
}
