package sso

import (
	"context"
	"strings"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/store"
)

// FlowCookie carries an OIDC sign-in's secrets between its start and the
// callback; GitHubFlowCookie a GitHub sign-in's (Coder's name).
const (
	FlowCookie       = "oidc_flow"
	GitHubFlowCookie = "oauth_state"
)

// SignIn is the deployment's company sign-in: OIDC and GitHub, each when
// configured. It turns what the provider vouches for into a gitauthd
// session.
type SignIn struct {
	OIDC         *OIDC // nil: OIDC sign-in is off
	Identity     *identity.Service
	AllowSignups bool // OIDC's
	SignInText   string
	IconURL      string

	GitHub             *GitHub // nil: GitHub sign-in is off
	GitHubAllowSignups bool
}

const (
	msgOIDCOff   = "OIDC sign-in is not configured."
	msgGitHubOff = "Github OAuth2 is not enabled."
)

// Methods are the sign-in methods on offer.
func (s *SignIn) Methods() identity.AuthMethods {
	m := identity.AuthMethods{Password: true, GitHub: s.GitHub != nil}
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

// StartGitHub returns where to send the browser (GitHub, or the device
// page) and the value of the flow cookie it must bring back.
func (s *SignIn) StartGitHub() (string, string, error) {
	if s.GitHub == nil {
		return "", "", errs.New(errs.KindNotFound, msgGitHubOff)
	}
	u, f, err := s.GitHub.Start()
	if err != nil {
		return "", "", err
	}
	return u, f.State + "." + f.Verifier, nil
}

// GitHubDevice asks GitHub for a device code.
func (s *SignIn) GitHubDevice(ctx context.Context) (Device, error) {
	if s.GitHub == nil {
		return Device{}, errs.New(errs.KindNotFound, msgGitHubOff)
	}
	return s.GitHub.Device(ctx)
}

// FinishGitHub checks the callback's state and code against the flow
// cookie and GitHub, and signs the person in: a session key, or a refusal
// that creates nothing.
func (s *SignIn) FinishGitHub(ctx context.Context, cookie, state, code string) (string, store.APIKey, error) {
	if s.GitHub == nil {
		return "", store.APIKey{}, errs.New(errs.KindNotFound, msgGitHubOff)
	}
	st, verifier, ok := strings.Cut(cookie, ".")
	if !ok {
		return "", store.APIKey{}, refuse(MsgStateMismatch, "no sign-in was started in this browser")
	}
	id, err := s.GitHub.Finish(ctx, Flow{State: st, Verifier: verifier}, state, code)
	if err != nil {
		return "", store.APIKey{}, err
	}
	return s.Identity.SignInExternal(ctx, identity.ExternalUser{
		LoginType: store.LoginTypeGitHub, Email: id.Email, Username: id.Username, Name: id.Name,
	}, s.GitHubAllowSignups)
}
