package sso

import (
	"context"
	"strings"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/store"
)

// FlowCookie carries a sign-in's secrets between its start and the
// callback.
const FlowCookie = "oidc_flow"

// SignIn is the deployment's company sign-in: OIDC when configured. It
// turns what the issuer vouches for into a gitauthd session.
type SignIn struct {
	OIDC         *OIDC // nil: OIDC sign-in is off
	Identity     *identity.Service
	AllowSignups bool
	SignInText   string
	IconURL      string
}

const msgOIDCOff = "OIDC sign-in is not configured."

// Methods are the sign-in methods on offer.
func (s *SignIn) Methods() identity.AuthMethods {
	m := identity.AuthMethods{Password: true}
	if s.OIDC != nil { // as Coder, the button's text and icon only with OIDC on
		m.OIDC, m.OIDCSignInText, m.OIDCIconURL = true, s.SignInText, s.IconURL
	}
	return m
}

// StartOIDC returns the issuer's authorization URL and the value of the
// flow cookie the browser must bring back to the callback.
func (s *SignIn) StartOIDC() (string, string, error) {
	if s.OIDC == nil {
		return "", "", errs.New(errs.KindNotFound, msgOIDCOff)
	}
	u, f, err := s.OIDC.Start()
	if err != nil {
		return "", "", err
	}
	return u, f.State + "." + f.Nonce + "." + f.Verifier, nil
}

// FinishOIDC checks the callback's state and code against the flow cookie
// and the issuer, and signs the person in: a session key, or a refusal
// that creates nothing.
func (s *SignIn) FinishOIDC(ctx context.Context, cookie, state, code string) (string, store.APIKey, error) {
	if s.OIDC == nil {
		return "", store.APIKey{}, errs.New(errs.KindNotFound, msgOIDCOff)
	}
	parts := strings.Split(cookie, ".")
	if len(parts) != 3 {
		return "", store.APIKey{}, refuse(MsgStateMismatch, "no sign-in was started in this browser")
	}
	id, err := s.OIDC.Finish(ctx, Flow{State: parts[0], Nonce: parts[1], Verifier: parts[2]}, state, code)
	if err != nil {
		return "", store.APIKey{}, err
	}
	return s.Identity.SignInExternal(ctx, identity.ExternalUser{
		LoginType: store.LoginTypeOIDC, Email: id.Email, Username: id.Username, Name: id.Name,
		SyncRoles: id.SyncRoles, Roles: id.Roles,
	}, s.AllowSignups)
}
