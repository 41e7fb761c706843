package server

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/gitauthd/gitauthd/internal/deployment"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/sso"
)

// newSignIn builds company sign-in from the OIDC and GitHub options. With
// --oidc-issuer-url set it discovers the issuer now, so that a wrong issuer
// stops the server at start instead of failing every sign-in.
func newSignIn(ctx context.Context, v *deployment.Values, ids *identity.Service) (*sso.SignIn, error) {
	o := v.OIDC
	s := &sso.SignIn{Identity: ids, AllowSignups: o.AllowSignups, SignInText: o.SignInText, IconURL: o.IconURL,
		GitHubAllowSignups: v.GitHub.AllowSignups}
	if gh := v.GitHub; gh.ClientID != "" {
		g, err := sso.NewGitHub(sso.GitHubConfig{
			ClientID: gh.ClientID, ClientSecret: gh.ClientSecret,
			RedirectURL: v.AccessURL().JoinPath("/api/v2/users/oauth2/github/callback").String(),
			AllowedOrgs: gh.AllowedOrgs, AllowedTeams: gh.AllowedTeams, AllowEveryone: gh.AllowEveryone,
			EnterpriseBaseURL: gh.EnterpriseBaseURL, DeviceFlow: gh.DeviceFlow,
		}, &http.Client{Timeout: 30 * time.Second})
		if err != nil {
			return nil, fmt.Errorf("--oauth2-github-*: %w", err)
		}
		s.GitHub = g
	}
	if o.IssuerURL == "" {
		return s, nil
	}
	if o.ClientID == "" {
		return nil, fmt.Errorf("--oidc-client-id is required with --oidc-issuer-url")
	}
	callback := v.AccessURL().JoinPath("/api/v2/users/oidc/callback")
	dctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	p, err := sso.NewOIDC(dctx, sso.OIDCConfig{
		IssuerURL: o.IssuerURL, ClientID: o.ClientID, ClientSecret: o.ClientSecret, RedirectURL: callback.String(),
		Scopes: o.Scopes, EmailDomain: o.EmailDomain, IgnoreEmailVerified: o.IgnoreEmailVerified,
		IgnoreUserInfo: o.IgnoreUserInfo, UsernameField: o.UsernameField, EmailField: o.EmailField, NameField: o.NameField,
		RoleField: o.UserRoleField, RoleMapping: o.UserRoleMapping, RolesDefault: o.UserRolesDefault, AuthURLParams: o.AuthURLParams,
	}, &http.Client{Timeout: 30 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("--oidc-issuer-url: %w", err)
	}
	s.OIDC = p
	return s, nil
}
