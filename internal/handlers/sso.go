package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/sso"
)

// flowLifetime bounds how long a started OIDC or GitHub sign-in can be
// finished.
const flowLifetime = 10 * time.Minute

// flowCookie is the Set-Cookie of a started sign-in's secrets, sent back
// only to its callback.
func (s *Server) flowCookie(name, path, value string) string {
	c := &http.Cookie{Name: name, Value: value, Path: path, MaxAge: int(flowLifetime / time.Second),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.SecureCookie}
	return c.String()
}

func (s *Server) OidcCallback(ctx context.Context, req api.OidcCallbackRequestObject) (api.OidcCallbackResponseObject, error) {
	p := req.Params
	if deref(p.Code) == "" {
		to, flow, err := s.SignIn.StartOIDC()
		if err != nil {
			return nil, err
		}
		c := s.flowCookie(sso.FlowCookie, "/api/v2/users/oidc", flow)
		return api.OidcCallback307Response{Headers: api.OidcCallback307ResponseHeaders{Location: &to, SetCookie: &c}}, nil
	}
	key, k, err := s.SignIn.FinishOIDC(ctx, deref(p.OidcFlow), deref(p.State), deref(p.Code))
	if err != nil {
		return nil, err
	}
	return api.OidcCallback307Response{Headers: api.OidcCallback307ResponseHeaders{
		Location: ptr("/"), SetCookie: ptr(s.sessionCookie(key, k.ExpiresAt).String())}}, nil
}

func (s *Server) GithubCallback(ctx context.Context, req api.GithubCallbackRequestObject) (api.GithubCallbackResponseObject, error) {
	p := req.Params
	if deref(p.Code) == "" {
		to, flow, err := s.SignIn.StartGitHub()
		if err != nil {
			return nil, err
		}
		c := s.flowCookie(sso.GitHubFlowCookie, "/api/v2/users/oauth2/github", flow)
		return api.GithubCallback307Response{Headers: api.GithubCallback307ResponseHeaders{Location: &to, SetCookie: &c}}, nil
	}
	key, k, err := s.SignIn.FinishGitHub(ctx, deref(p.OauthState), deref(p.State), deref(p.Code))
	if err != nil {
		return nil, err
	}
	return api.GithubCallback307Response{Headers: api.GithubCallback307ResponseHeaders{
		Location: ptr("/"), SetCookie: ptr(s.sessionCookie(key, k.ExpiresAt).String())}}, nil
}

func (s *Server) GithubDevice(ctx context.Context, _ api.GithubDeviceRequestObject) (api.GithubDeviceResponseObject, error) {
	d, err := s.SignIn.GitHubDevice(ctx)
	if err != nil {
		return nil, err
	}
	return api.GithubDevice200JSONResponse{DeviceCode: d.DeviceCode, UserCode: d.UserCode,
		VerificationUri: d.VerificationURI, ExpiresIn: d.ExpiresIn, Interval: d.Interval}, nil
}
