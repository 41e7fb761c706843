package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/identity"
)

func (s *Server) CheckFirstUser(ctx context.Context, _ api.CheckFirstUserRequestObject) (api.CheckFirstUserResponseObject, error) {
	has, err := s.Identity.HasFirstUser(ctx)
	if err != nil {
		return nil, err
	}
	if !has {
		return api.CheckFirstUser404JSONResponse{Message: "The initial user has not been created!"}, nil
	}
	return api.CheckFirstUser200JSONResponse{Message: "The initial user has already been created!"}, nil
}

func (s *Server) CreateFirstUser(ctx context.Context, req api.CreateFirstUserRequestObject) (api.CreateFirstUserResponseObject, error) {
	b := req.Body
	u, err := s.Identity.CreateFirstUser(ctx, identity.NewUser{
		Email: string(b.Email), Username: b.Username, Name: deref(b.Name), Password: b.Password,
	})
	if err != nil {
		return nil, err
	}
	return api.CreateFirstUser201JSONResponse{UserId: u.ID, OrganizationId: s.General.OrganizationID()}, nil
}

func (s *Server) Login(ctx context.Context, req api.LoginRequestObject) (api.LoginResponseObject, error) {
	key, k, err := s.Identity.Login(ctx, string(req.Body.Email), req.Body.Password, ClientIP(ctx))
	if err != nil {
		return nil, err
	}
	cookie := s.sessionCookie(key, k.ExpiresAt)
	return api.Login201JSONResponse{
		Body:    api.LoginWithPasswordResponse{SessionToken: key},
		Headers: api.Login201ResponseHeaders{SetCookie: ptr(cookie.String())},
	}, nil
}

func (s *Server) Logout(ctx context.Context, _ api.LogoutRequestObject) (api.LogoutResponseObject, error) {
	if err := s.Identity.Logout(ctx, actor(ctx)); err != nil {
		return nil, err
	}
	cookie := s.sessionCookie("", time.Time{})
	cookie.MaxAge = -1
	return api.Logout200JSONResponse{
		Body:    api.Response{Message: "Logged out!"},
		Headers: api.Logout200ResponseHeaders{SetCookie: ptr(cookie.String())},
	}, nil
}

func (s *Server) sessionCookie(value string, expires time.Time) *http.Cookie {
	return &http.Cookie{
		Name: identity.SessionCookie, Value: value, Path: "/", Expires: expires,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.SecureCookie,
	}
}

func (s *Server) ListUsers(ctx context.Context, req api.ListUsersRequestObject) (api.ListUsersResponseObject, error) {
	users, count, err := s.Identity.ListUsers(ctx, actor(ctx), deref(req.Params.Offset), deref(req.Params.Limit))
	if err != nil {
		return nil, err
	}
	return api.ListUsers200JSONResponse{Users: convertAll(users, s.user), Count: count}, nil
}

func (s *Server) CreateUser(ctx context.Context, req api.CreateUserRequestObject) (api.CreateUserResponseObject, error) {
	b := req.Body
	nu := identity.NewUser{Email: string(b.Email), Username: b.Username, Name: deref(b.Name), Password: b.Password}
	if b.LoginType != nil {
		nu.LoginType = string(*b.LoginType)
	}
	if b.UserStatus != nil {
		nu.Status = string(*b.UserStatus)
	}
	u, err := s.Identity.CreateUser(ctx, actor(ctx), nu)
	if err != nil {
		return nil, err
	}
	return api.CreateUser201JSONResponse(s.user(u)), nil
}

func (s *Server) GetUser(ctx context.Context, req api.GetUserRequestObject) (api.GetUserResponseObject, error) {
	u, err := s.Identity.ResolveUser(ctx, actor(ctx), req.User)
	if err != nil {
		return nil, err
	}
	return api.GetUser200JSONResponse(s.user(u)), nil
}

func (s *Server) CreateToken(ctx context.Context, req api.CreateTokenRequestObject) (api.CreateTokenResponseObject, error) {
	b := req.Body
	tr := identity.TokenRequest{Lifetime: time.Duration(deref(b.Lifetime)), TokenName: deref(b.TokenName)}
	if b.Scope != nil {
		tr.Scope = string(*b.Scope)
	}
	key, err := s.Identity.CreateToken(ctx, actor(ctx), req.User, tr)
	if err != nil {
		return nil, err
	}
	return api.CreateToken201JSONResponse{Key: key}, nil
}

func (s *Server) ListTokens(ctx context.Context, req api.ListTokensRequestObject) (api.ListTokensResponseObject, error) {
	keys, err := s.Identity.ListTokens(ctx, actor(ctx), req.User)
	if err != nil {
		return nil, err
	}
	return api.ListTokens200JSONResponse(convertAll(keys, apiKey)), nil
}

func (s *Server) DeleteAPIKey(ctx context.Context, req api.DeleteAPIKeyRequestObject) (api.DeleteAPIKeyResponseObject, error) {
	if err := s.Identity.DeleteKey(ctx, actor(ctx), req.User, req.Keyid); err != nil {
		return nil, err
	}
	return api.DeleteAPIKey204Response{}, nil
}

func (s *Server) UpdateUserRoles(ctx context.Context, req api.UpdateUserRolesRequestObject) (api.UpdateUserRolesResponseObject, error) {
	u, err := s.Identity.UpdateUserRoles(ctx, actor(ctx), req.User, req.Body.Roles)
	if err != nil {
		return nil, err
	}
	return api.UpdateUserRoles200JSONResponse(s.user(u)), nil
}
