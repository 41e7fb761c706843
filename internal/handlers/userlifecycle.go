package handlers

import (
	"context"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/identity"
)

func (s *Server) SuspendUser(ctx context.Context, req api.SuspendUserRequestObject) (api.SuspendUserResponseObject, error) {
	u, err := s.Identity.SuspendUser(ctx, actor(ctx), req.User)
	if err != nil {
		return nil, err
	}
	return api.SuspendUser200JSONResponse(s.user(u)), nil
}

func (s *Server) ActivateUser(ctx context.Context, req api.ActivateUserRequestObject) (api.ActivateUserResponseObject, error) {
	u, err := s.Identity.ActivateUser(ctx, actor(ctx), req.User)
	if err != nil {
		return nil, err
	}
	return api.ActivateUser200JSONResponse(s.user(u)), nil
}

func (s *Server) DeleteUser(ctx context.Context, req api.DeleteUserRequestObject) (api.DeleteUserResponseObject, error) {
	if err := s.Identity.DeleteUser(ctx, actor(ctx), req.User); err != nil {
		return nil, err
	}
	return api.DeleteUser200JSONResponse{Message: "User has been deleted!"}, nil
}

func (s *Server) UpdateUserPassword(ctx context.Context, req api.UpdateUserPasswordRequestObject) (api.UpdateUserPasswordResponseObject, error) {
	pc := identity.PasswordChange{OldPassword: deref(req.Body.OldPassword), Password: req.Body.Password}
	if err := s.Identity.ChangePassword(ctx, actor(ctx), req.User, pc); err != nil {
		return nil, err
	}
	return api.UpdateUserPassword204Response{}, nil
}

func (s *Server) GetAuthMethods(context.Context, api.GetAuthMethodsRequestObject) (api.GetAuthMethodsResponseObject, error) {
	m := s.SignIn.Methods()
	return api.GetAuthMethods200JSONResponse{
		Password: api.AuthMethod{Enabled: m.Password},
		Github:   api.GithubAuthMethod{Enabled: m.GitHub, DefaultProviderConfigured: m.GitHubDefaultProvider},
		Oidc:     api.OIDCAuthMethod{Enabled: m.OIDC, SignInText: m.OIDCSignInText, IconUrl: m.OIDCIconURL},
	}, nil
}
