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

// signInFlow is one company sign-in as its callback runs it: the SignIn
// methods that start and finish it, and the cookie that carries a started
// flow's secrets, sent back only to path (the callback).
type signInFlow struct {
	start        func(*sso.SignIn) (to, flow string, err error)
	finish       func(s *sso.SignIn, ctx context.Context, flow, state, code string) (session string, k store.APIKey, err error)
	cookie, path string
}

var (
	oidcSignIn   = signInFlow{(*sso.SignIn).StartOIDC, (*sso.SignIn).FinishOIDC, sso.FlowCookie, "/api/v2/users/oidc"}
	githubSignIn = signInFlow{(*sso.SignIn).StartGitHub, (*sso.SignIn).FinishGitHub, sso.GitHubFlowCookie, "/api/v2/users/oauth2/github"}
)

func (s *Server) OidcCallback(ctx context.Context, req api.OidcCallbackRequestObject) (api.OidcCallbackResponseObject, error) {
	p := req.Params
	to, c, err := s.signInCallback(ctx, oidcSignIn, deref(p.OidcFlow), deref(p.State), deref(p.Code))
	if err != nil {
		return nil, err
	}
	return api.OidcCallback307Response{Headers: api.OidcCallback307ResponseHeaders{Location: &to, SetCookie: &c}}, nil
}

func (s *Server) GithubCallback(ctx context.Context, req api.GithubCallbackRequestObject) (api.GithubCallbackResponseObject, error) {
	p := req.Params
	to, c, err := s.signInCallback(ctx, githubSignIn, deref(p.OauthState), deref(p.State), deref(p.Code))
	if err != nil {
		return nil, err
	}
	return api.GithubCallback307Response{Headers: api.GithubCallback307ResponseHeaders{Location: &to, SetCookie: &c}}, nil
}

// signInCallback is where a sign-in callback redirects, and the cookie it
// sets: without a code it starts the flow (the provider's page, and the
// flow's cookie); with one it finishes it with the flow's cookie, state and
// code (home, and the session).
func (s *Server) signInCallback(ctx context.Context, f signInFlow, flow, state, code string) (to, setCookie string, err error) {
	if code == "" {
		to, started, err := f.start(s.SignIn)
		if err != nil {
			return "", "", err
		}
		return to, s.flowCookie(f.cookie, f.path, started), nil
	}
	key, k, err := f.finish(s.SignIn, ctx, flow, state, code)
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
