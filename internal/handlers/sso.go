package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/sso"
)

// oidcFlowLifetime bounds how long a started OIDC sign-in can be finished.
const oidcFlowLifetime = 10 * time.Minute

func (s *Server) OidcCallback(ctx context.Context, req api.OidcCallbackRequestObject) (api.OidcCallbackResponseObject, error) {
	p := req.Params
	if deref(p.Code) == "" {
		to, flow, err := s.SignIn.StartOIDC()
		if err != nil {
			return nil, err
		}
		c := &http.Cookie{Name: sso.FlowCookie, Value: flow, Path: "/api/v2/users/oidc", MaxAge: int(oidcFlowLifetime / time.Second),
			HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.SecureCookie}
		return api.OidcCallback307Response{Headers: api.OidcCallback307ResponseHeaders{Location: &to, SetCookie: ptr(c.String())}}, nil
	}
	key, k, err := s.SignIn.FinishOIDC(ctx, deref(p.OidcFlow), deref(p.State), deref(p.Code))
	if err != nil {
		return nil, err
	}
	return api.OidcCallback307Response{Headers: api.OidcCallback307ResponseHeaders{
		Location: ptr("/"), SetCookie: ptr(s.sessionCookie(key, k.ExpiresAt).String())}}, nil
}
