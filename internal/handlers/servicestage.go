package handlers

import (
	"context"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/projectauth"
)

// The Huawei ServiceStage Git repository authorization API
// (/v1/{project_id}/git/auths), served by internal/projectauth.

func (s *Server) ListGitAuthorizations(ctx context.Context, req api.ListGitAuthorizationsRequestObject) (api.ListGitAuthorizationsResponseObject, error) {
	list, err := s.ProjectAuth.List(ctx, actor(ctx), req.ProjectId)
	if err != nil {
		return nil, err
	}
	return api.ListGitAuthorizations200JSONResponse{Authorizations: convertAll(list, authorization), Count: int32(len(list))}, nil
}

func (s *Server) GetGitAuthorizationRedirect(ctx context.Context, req api.GetGitAuthorizationRedirectRequestObject) (api.GetGitAuthorizationRedirectResponseObject, error) {
	u, err := s.ProjectAuth.RedirectURL(ctx, actor(ctx), req.ProjectId, req.RepoType, req.Params.Tag)
	if err != nil {
		return nil, err
	}
	return api.GetGitAuthorizationRedirect200JSONResponse{Url: u}, nil
}

func (s *Server) CreateOAuthGitAuthorization(ctx context.Context, req api.CreateOAuthGitAuthorizationRequestObject) (api.CreateOAuthGitAuthorizationResponseObject, error) {
	b := deref(req.Body)
	a, err := s.ProjectAuth.CreateOAuth(ctx, actor(ctx), req.ProjectId, req.RepoType, req.Params.Tag, b.Name, b.Code, b.State)
	if err != nil {
		return nil, err
	}
	return api.CreateOAuthGitAuthorization200JSONResponse{Authorization: authorization(a)}, nil
}

func (s *Server) CreatePersonalGitAuthorization(ctx context.Context, req api.CreatePersonalGitAuthorizationRequestObject) (api.CreatePersonalGitAuthorizationResponseObject, error) {
	b := deref(req.Body)
	a, err := s.ProjectAuth.CreatePersonal(ctx, actor(ctx), req.ProjectId, req.RepoType, b.Name, b.Token, b.Host)
	if err != nil {
		return nil, err
	}
	return api.CreatePersonalGitAuthorization200JSONResponse{Authorization: authorization(a)}, nil
}

func (s *Server) CreatePasswordGitAuthorization(ctx context.Context, req api.CreatePasswordGitAuthorizationRequestObject) (api.CreatePasswordGitAuthorizationResponseObject, error) {
	b := deref(req.Body)
	a, err := s.ProjectAuth.CreatePassword(ctx, actor(ctx), req.ProjectId, req.RepoType, b.Name, b.User, b.Password)
	if err != nil {
		return nil, err
	}
	return api.CreatePasswordGitAuthorization200JSONResponse{Authorization: authorization(a)}, nil
}

func (s *Server) DeleteGitAuthorization(ctx context.Context, req api.DeleteGitAuthorizationRequestObject) (api.DeleteGitAuthorizationResponseObject, error) {
	if err := s.ProjectAuth.Delete(ctx, actor(ctx), req.ProjectId, req.Name); err != nil {
		return nil, err
	}
	return api.DeleteGitAuthorization204Response{}, nil
}

// authorization is the wire form of an authorization: times in epoch
// milliseconds, tag null unless given, never a secret.
func authorization(a projectauth.Authorization) api.Authorization {
	return api.Authorization{
		Name:       a.Name,
		RepoType:   a.RepoType,
		RepoHost:   a.RepoHost,
		RepoHome:   a.RepoHome,
		RepoUser:   a.RepoUser,
		Avartar:    a.Avatar,
		TokenType:  api.AuthorizationTokenType(a.TokenType),
		CreateTime: a.CreatedAt.UnixMilli(),
		UpdateTime: a.UpdatedAt.UnixMilli(),
		Status:     api.AuthorizationStatus(a.Status),
		Tag:        a.Tag,
	}
}
