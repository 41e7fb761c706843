package compat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/coder/coder/v2/codersdk"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/httphandler"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/impl"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	servicestage "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/servicestage/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/servicestage/v2/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	personalToken  = "ghp_compatPersonalToken0123456789abcd"
	bitbucketLogin = "tom-repo"
	appPassword    = "compat-app-password-0123"
)

// tokenCredentials is the SDK credential of a gitauthd API key: it puts the
// key in X-Auth-Token and the project in the path, and, given AK/SK
// credentials, also signs each request as the SDK always does (gitauthd
// ignores the signature).
type tokenCredentials struct {
	project, token string
	signed         *basic.Credentials // nil: X-Auth-Token alone
}

func (c *tokenCredentials) ProcessAuthParams(*impl.DefaultHttpClient, string) (auth.ICredential, error) {
	return c, nil
}

func (c *tokenCredentials) ProcessAuthRequest(client *impl.DefaultHttpClient, req *request.DefaultHttpRequest) (*request.DefaultHttpRequest, error) {
	req = req.Builder().AddAutoFilledPathParam("project_id", c.project).AddHeaderParam("X-Auth-Token", c.token).Build()
	if c.signed == nil {
		return req, nil
	}
	return c.signed.ProcessAuthRequest(client, req)
}

// ssClient is a ServiceStage SDK client of project with the API key token;
// sent records the headers of every request it makes.
type ssClient struct {
	*servicestage.ServiceStageClient
	mu   sync.Mutex
	sent []http.Header
}

func newSSClient(t *testing.T, s *server, project, token string, signed bool) *ssClient {
	t.Helper()
	cred := &tokenCredentials{project: project, token: token}
	if signed {
		var err error
		cred.signed, err = basic.NewCredentialsBuilder().WithAk("COMPATACCESSKEY0123").
			WithSk("compat-secret-key-0123456789").WithProjectId(project).SafeBuild()
		require.NoError(t, err)
	}
	c := &ssClient{}
	cfg := config.DefaultHttpConfig().WithTimeout(30 * time.Second).WithHttpHandler(
		httphandler.NewHttpHandler().AddRequestHandler(func(r http.Request) {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.sent = append(c.sent, r.Header.Clone())
		}))
	hc, err := servicestage.ServiceStageClientBuilder().
		WithCredentialsType("compat.tokenCredentials").WithCredential(cred).
		WithEndpoint(s.URL).WithHttpConfig(cfg).SafeBuild()
	require.NoError(t, err)
	c.ServiceStageClient = servicestage.NewServiceStageClient(hc)
	return c
}

func (c *ssClient) lastSent() http.Header {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.sent) == 0 {
		return nil
	}
	return c.sent[len(c.sent)-1]
}

// ssError asserts that err is the SDK's *sdkerr.ServiceResponseError with
// status and code.
func ssError(t *testing.T, err error, status int, code string) {
	t.Helper()
	require.Error(t, err)
	var e *sdkerr.ServiceResponseError
	require.True(t, errors.As(err, &e), "not a *sdkerr.ServiceResponseError: %T %v", err, err)
	assert.Equal(t, status, e.StatusCode, "%v", err)
	assert.Equal(t, code, e.ErrorCode, "%v", err)
	assert.NotEmpty(t, e.ErrorMessage, "%v", err)
}

// ssSetup is a server against a GitHub-dialect fake under the id "github"
// (with a personal token) and an RFC-dialect Bitbucket Cloud fake under
// "bitbucket" (whose user has an app password), the owner signed in, and
// project "platform".
func ssSetup(t *testing.T, ctx context.Context) (*server, *codersdk.Client) {
	gh := startFake(t, "--id", "github", "--no-device-flow", "--personal-token", personalToken)
	bb := startFake(t, "--dialect", "rfc", "--id", "bitbucket", "--type", "bitbucket-cloud", "--index", "1",
		"--no-device-flow", "--users", bitbucketLogin, "--password", appPassword)
	s := startServer(t, append(gh, bb...))
	owner, _ := firstUser(t, ctx, s)
	body, err := json.Marshal(map[string]string{"id": "platform", "name": "Platform team"})
	require.NoError(t, err)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/api/v2/projects", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(codersdk.SessionTokenHeader, owner.SessionToken())
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_ = res.Body.Close()
	require.Equal(t, http.StatusCreated, res.StatusCode)
	return s, owner
}

func TestServiceStageSDK(t *testing.T) {
	t.Parallel()
	for _, mode := range []struct {
		name   string
		signed bool
	}{
		{"AK/SK signed with X-Auth-Token", true},
		{"X-Auth-Token alone", false},
	} {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			s, owner := ssSetup(t, ctx)
			key, err := owner.CreateToken(ctx, codersdk.Me, codersdk.CreateTokenRequest{TokenName: "pipeline", Lifetime: time.Hour})
			require.NoError(t, err)
			c := newSSClient(t, s, "platform", key.Key, mode.signed)
			walkServiceStage(t, s, c, key.Key, mode.signed)
		})
	}
}

func walkServiceStage(t *testing.T, s *server, c *ssClient, token string, signed bool) {
	names := func() []string {
		t.Helper()
		res, err := c.ListAuthorizations(&model.ListAuthorizationsRequest{})
		require.NoError(t, err)
		require.NotNil(t, res.Authorizations)
		require.NotNil(t, res.Count)
		require.Equal(t, int(*res.Count), len(*res.Authorizations))
		out := []string{}
		for _, a := range *res.Authorizations {
			out = append(out, a.Name)
		}
		return out
	}

	t.Run("list, empty", func(t *testing.T) {
		assert.Empty(t, names())
		h := c.lastSent()
		require.NotNil(t, h)
		assert.Equal(t, token, h.Get("X-Auth-Token"))
		if signed {
			assert.Contains(t, h.Get("Authorization"), "SDK-HMAC-SHA256", "the SDK signed the request")
			assert.NotEmpty(t, h.Get("X-Sdk-Date"))
		} else {
			assert.Empty(t, h.Get("Authorization"))
		}
	})

	t.Run("personal", func(t *testing.T) {
		res, err := c.CreatePersonalAuth(&model.CreatePersonalAuthRequest{
			RepoType: model.GetCreatePersonalAuthRequestRepoTypeEnum().GITHUB,
			Body:     &model.AccessToken{Name: "ci-github", Token: personalToken},
		})
		require.NoError(t, err)
		require.NotNil(t, res.Authorization)
		a := res.Authorization
		assert.Equal(t, "ci-github", a.Name)
		assert.Equal(t, "github", a.RepoType)
		assert.Equal(t, "personal", a.TokenType)
		assert.Equal(t, "octocat", a.RepoUser)
		assert.Equal(t, int32(0), a.Status)
		assert.Positive(t, a.CreateTime)
		assert.Positive(t, a.UpdateTime)
	})

	t.Run("password", func(t *testing.T) {
		res, err := c.CreatePasswordAuth(&model.CreatePasswordAuthRequest{
			RepoType: model.GetCreatePasswordAuthRequestRepoTypeEnum().BITBUCKET,
			Body:     &model.AccessPassword{Name: "ci-bitbucket", User: bitbucketLogin, Password: appPassword},
		})
		require.NoError(t, err)
		require.NotNil(t, res.Authorization)
		assert.Equal(t, "ci-bitbucket", res.Authorization.Name)
		assert.Equal(t, "bitbucket", res.Authorization.RepoType)
		assert.Equal(t, "password", res.Authorization.TokenType)
		assert.Equal(t, int32(0), res.Authorization.Status)
	})

	t.Run("redirect and OAuth", func(t *testing.T) {
		tag := "release"
		redirect, err := c.ShowRedirectUrl(&model.ShowRedirectUrlRequest{
			RepoType: model.GetShowRedirectUrlRequestRepoTypeEnum().GITHUB, Tag: &tag})
		require.NoError(t, err)
		require.NotNil(t, redirect.Url)
		code, state := authorize(t, *redirect.Url)
		res, err := c.CreateOAuth(&model.CreateOAuthRequest{
			RepoType: model.GetCreateOAuthRequestRepoTypeEnum().GITHUB, Tag: &tag,
			Body: &model.OAuth{Name: "ci-oauth", Code: code, State: state},
		})
		require.NoError(t, err)
		require.NotNil(t, res.Authorization)
		assert.Equal(t, "ci-oauth", res.Authorization.Name)
		assert.Equal(t, "oauth", res.Authorization.TokenType)
		assert.Equal(t, "octocat", res.Authorization.RepoUser)

		// The state is single-use: 0402, and nothing more is stored.
		_, err = c.CreateOAuth(&model.CreateOAuthRequest{
			RepoType: model.GetCreateOAuthRequestRepoTypeEnum().GITHUB,
			Body:     &model.OAuth{Name: "ci-oauth-again", Code: code, State: state},
		})
		ssError(t, err, http.StatusBadRequest, "SVCSTG.REPO.0402")
	})

	t.Run("list", func(t *testing.T) {
		res, err := c.ListAuthorizations(&model.ListAuthorizationsRequest{})
		require.NoError(t, err)
		require.Len(t, *res.Authorizations, 3)
		require.Equal(t, int32(3), *res.Count)
		for _, a := range *res.Authorizations {
			assert.Equal(t, int32(0), a.Status, "%s", a.Name)
			assert.Positive(t, a.CreateTime, a.Name)
		}
		i := slices.IndexFunc(*res.Authorizations, func(a model.AuthorizationVo) bool { return a.Name == "ci-oauth" })
		require.GreaterOrEqual(t, i, 0)
		assert.Equal(t, "release", (*res.Authorizations)[i].Tag)
	})

	// Each documented error code, through sdkerr.ServiceResponseError,
	// and nothing stored by any of them.
	before := names()
	t.Run("errors", func(t *testing.T) {
		personal := func(repoType model.CreatePersonalAuthRequestRepoType, body model.AccessToken) error {
			_, err := c.CreatePersonalAuth(&model.CreatePersonalAuthRequest{RepoType: repoType, Body: &body})
			return err
		}
		gh := model.GetCreatePersonalAuthRequestRepoTypeEnum().GITHUB
		host := "git.unknown.example"

		// 0400: a host that selects no configured provider; a name the
		// SDK could never delete.
		ssError(t, personal(gh, model.AccessToken{Name: "elsewhere", Token: personalToken, Host: &host}), http.StatusBadRequest, "SVCSTG.REPO.0400")
		ssError(t, personal(gh, model.AccessToken{Name: "a/b", Token: personalToken}), http.StatusBadRequest, "SVCSTG.REPO.0400")
		// 0401: no provider for the repository type; GitHub takes no
		// account passwords.
		ssError(t, personal(model.GetCreatePersonalAuthRequestRepoTypeEnum().GITLAB, model.AccessToken{Name: "gl", Token: personalToken}),
			http.StatusBadRequest, "SVCSTG.REPO.0401")
		_, err := c.CreatePasswordAuth(&model.CreatePasswordAuthRequest{
			RepoType: model.GetCreatePasswordAuthRequestRepoTypeEnum().GITHUB,
			Body:     &model.AccessPassword{Name: "gh-pw", User: bitbucketLogin, Password: appPassword},
		})
		ssError(t, err, http.StatusBadRequest, "SVCSTG.REPO.0401")
		_, err = c.ShowRedirectUrl(&model.ShowRedirectUrlRequest{RepoType: model.GetShowRedirectUrlRequestRepoTypeEnum().GITEE})
		ssError(t, err, http.StatusBadRequest, "SVCSTG.REPO.0401")
		// 0402: a state never issued.
		_, err = c.CreateOAuth(&model.CreateOAuthRequest{
			RepoType: model.GetCreateOAuthRequestRepoTypeEnum().GITHUB,
			Body:     &model.OAuth{Name: "never", Code: "code", State: "never-issued"},
		})
		ssError(t, err, http.StatusBadRequest, "SVCSTG.REPO.0402")
		// 0403: the name exists in this project.
		ssError(t, personal(gh, model.AccessToken{Name: "ci-github", Token: personalToken}), http.StatusBadRequest, "SVCSTG.REPO.0403")
		// 0450: no such authorization.
		_, err = c.DeleteAuthorize(&model.DeleteAuthorizeRequest{Name: "no-such-authorization"})
		ssError(t, err, http.StatusBadRequest, "SVCSTG.REPO.0450")
		// 0451: a credential the provider rejects.
		ssError(t, personal(gh, model.AccessToken{Name: "bad-pat", Token: "ghp_not-a-token"}), http.StatusBadRequest, "SVCSTG.REPO.0451")
		_, err = c.CreatePasswordAuth(&model.CreatePasswordAuthRequest{
			RepoType: model.GetCreatePasswordAuthRequestRepoTypeEnum().BITBUCKET,
			Body:     &model.AccessPassword{Name: "bad-pw", User: bitbucketLogin, Password: "wrong"},
		})
		ssError(t, err, http.StatusBadRequest, "SVCSTG.REPO.0451")
		// 0404: a project that does not exist (or is not the caller's).
		_, err = newSSClient(t, s, "no-such-project", token, signed).ListAuthorizations(&model.ListAuthorizationsRequest{})
		ssError(t, err, http.StatusNotFound, "SVCSTG.REPO.0404")
		// A bad API key: 401 with API Gateway's code for a token it does
		// not accept, as Huawei Cloud answers before ServiceStage is reached.
		_, err = newSSClient(t, s, "platform", "AAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB", signed).ListAuthorizations(&model.ListAuthorizationsRequest{})
		ssError(t, err, http.StatusUnauthorized, "APIGW.0301")

		assert.Equal(t, before, names(), "no error stored anything")
	})

	t.Run("delete", func(t *testing.T) {
		for _, name := range before {
			res, err := c.DeleteAuthorize(&model.DeleteAuthorizeRequest{Name: name})
			require.NoError(t, err, name)
			assert.Equal(t, http.StatusNoContent, res.HttpStatusCode, name)
		}
		assert.Empty(t, names())
		_, err := c.DeleteAuthorize(&model.DeleteAuthorizeRequest{Name: before[0]})
		ssError(t, err, http.StatusBadRequest, "SVCSTG.REPO.0450")
	})
}

// authorize signs in at the fake provider's authorize URL, as a person would
// in a browser, and returns the code and state it redirects back with.
func authorize(t *testing.T, authorizeURL string) (code, state string) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(authorizeURL)
	require.NoError(t, err)
	_ = res.Body.Close()
	require.Equal(t, http.StatusFound, res.StatusCode, "the provider redirects back")
	loc, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	require.Empty(t, loc.Query().Get("error"), "the provider refused: %s", loc)
	return loc.Query().Get("code"), loc.Query().Get("state")
}
