package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/sso"
	"github.com/gitauthd/gitauthd/internal/store"
)

// flowLifetime bounds how long a started OIDC or GitHub sign-in can be
// finished: as long as GitHub's device codes live (15 minutes), so that a
// code entered late on the device page still signs in.
const flowLifetime = 15 * time.Minute

// flowCookie is the Set-Cookie of a started sign-in's secrets, sent back
// only to its callback.
func (s *Server) flowCookie(name, path, value string) string {
	c := &http.Cookie{Name: name, Value: value, Path: path, MaxAge: int(flowLifetime / time.Second),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.SecureCookie}
	return c.String()
}

func (s *Server) OidcCallback(ctx context.Context, req api.OidcCallbackRequestObject) (api.OidcCallbackResponseObject, error) {
	p := req.Params
	to, c, err := s.signInCallback(deref(p.Code), s.SignIn.StartOIDC, sso.FlowCookie, "/api/v2/users/oidc",
		func() (string, store.APIKey, error) {
			return s.SignIn.FinishOIDC(ctx, deref(p.OidcFlow), deref(p.State), deref(p.Code))
		})
	if err != nil {
		return nil, err
	}
	return api.OidcCallback307Response{Headers: api.OidcCallback307ResponseHeaders{Location: &to, SetCookie: &c}}, nil
}

func (s *Server) GithubCallback(ctx context.Context, req api.GithubCallbackRequestObject) (api.GithubCallbackResponseObject, error) {
	p := req.Params
	to, c, err := s.signInCallback(deref(p.Code), s.SignIn.StartGitHub, sso.GitHubFlowCookie, "/api/v2/users/oauth2/github",
		func() (string, store.APIKey, error) {
			return s.SignIn.FinishGitHub(ctx, deref(p.OauthState), deref(p.State), deref(p.Code))
		})
	if err != nil {
		return nil, err
	}
	return api.GithubCallback307Response{Headers: api.GithubCallback307ResponseHeaders{Location: &to, SetCookie: &c}}, nil
}

// signInCallback is where a sign-in callback redirects, and the cookie it
// sets: without a code it starts the flow (the provider's page, and the
// flow's cookie on path); with one it finishes it (home, and the session).
func (s *Server) signInCallback(code string, start func() (string, string, error), cookie, path string,
	finish func() (string, store.APIKey, error)) (to, setCookie string, err error) {
	if code == "" {
		to, flow, err := start()
		if err != nil {
			return "", "", err
		}
		return to, s.flowCookie(cookie, path, flow), nil
	}
	key, k, err := finish()
	if err != nil {
		return "", "", err
	}
	return "/", s.sessionCookie(key, k.ExpiresAt).String(), nil
}

func (s *Server) GithubDevice(ctx context.Context, _ api.GithubDeviceRequestObject) (api.GithubDeviceResponseObject, error) {
	d, err := s.SignIn.GitHubDevice(ctx)
	if err != nil {
		return nil, err
	}
	return api.GithubDevice200JSONResponse{DeviceCode: d.DeviceCode, UserCode: d.UserCode,
		VerificationUri: d.VerificationURI, ExpiresIn: d.ExpiresIn, Interval: d.Interval}, nil
}
