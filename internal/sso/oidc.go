// Package sso signs people in through their company's identity provider.
// OIDC speaks OpenID Connect to one issuer: discovery, the authorization
// code flow with state, nonce and PKCE, ID-token verification against the
// issuer's published keys (fetched again when the issuer rotates them), and
// the claims of the ID token merged with the userinfo endpoint's.
//
// The package is transport-free: it returns the URL to send the browser to
// and the secrets of the flow, which the caller keeps (in a cookie) until
// the callback, and it answers the callback with the person's identity or a
// typed refusal. Creating users and sessions is the identity service's.
package sso

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/gitauthd/gitauthd/internal/errs"
)

// OIDCConfig is the deployment's OpenID Connect configuration, with Coder's
// option names.
type OIDCConfig struct {
	IssuerURL    string
	ClientID     string
	ClientSecret string
	// RedirectURL is the callback the issuer sends the browser back to:
	// {access URL}/api/v2/users/oidc/callback.
	RedirectURL string
	// Scopes; empty means openid, profile and email.
	Scopes []string
	// EmailDomain, when not empty, lists the domains an email address must
	// belong to (case-insensitively; a subdomain does not count).
	EmailDomain []string
	// IgnoreEmailVerified accepts an email whose email_verified claim is
	// false.
	IgnoreEmailVerified bool
	// IgnoreUserInfo takes the claims from the ID token alone.
	IgnoreUserInfo bool
	// Claim names; empty means preferred_username, email and name.
	UsernameField, EmailField, NameField string
	// RoleField names the claim the user's site roles come from; empty
	// leaves roles alone. RoleMapping turns a claim value into roles (a
	// value not in it is a role name); RolesDefault are added to them.
	RoleField    string
	RoleMapping  map[string][]string
	RolesDefault []string
	// AuthURLParams are added to the authorization URL.
	AuthURLParams map[string]string
	// Now is the clock the ID token's times are checked against; nil means
	// time.Now.
	Now func() time.Time
}

// OIDC is one configured issuer. It is safe for concurrent use.
type OIDC struct {
	cfg      OIDCConfig
	client   *http.Client
	provider *oidc.Provider
	verifier *oidc.IDTokenVerifier
	oauth    oauth2.Config
}

// Flow holds the secrets of one sign-in between its start and the callback.
// Each is random and used once.
type Flow struct {
	State    string
	Nonce    string
	Verifier string // PKCE code verifier
}

// Identity is who the issuer says signed in.
type Identity struct {
	Subject  string
	Email    string
	Username string // the username claim as given; the caller makes it valid and unique
	Name     string
	Claims   map[string]any // the merged claims
	// SyncRoles is set when a role field is configured; Roles are then the
	// roles the claim gives (mapped, with the defaults), unchecked.
	SyncRoles bool
	Roles     []string
}

// Refusal messages, one per reason a sign-in is refused.
const (
	MsgStateMismatch  = "OIDC state does not match. Please sign in again."
	MsgExchangeFailed = "Failed to exchange the OIDC authorization code."
	MsgNoIDToken      = "id_token not found in response payload. Ensure your OIDC callback is configured correctly!"
	MsgBadIDToken     = "Failed to verify OIDC token."
	MsgBadNonce       = "The OIDC token's nonce does not match this sign-in."
	MsgNoSubject      = "OIDC token missing 'sub' claim field or 'sub' claim field is empty."
	MsgUserInfo       = "Failed to fetch OIDC user info."
	MsgNoEmail        = "Your OIDC provider did not give an email address."
	MsgEmailNotVerif  = "Verify the email address at your identity provider before you sign in."
	MsgBadRoleClaim   = "Login disabled until OIDC config is fixed."
)

// NewOIDC discovers the issuer (its /.well-known/openid-configuration) with
// client, which also fetches the keys and tokens later; nil means a client
// with a 30 s timeout.
func NewOIDC(ctx context.Context, cfg OIDCConfig, client *http.Client) (*OIDC, error) {
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if len(cfg.Scopes) == 0 {
		cfg.Scopes = []string{oidc.ScopeOpenID, "profile", "email"}
	}
	cfg.UsernameField = or(cfg.UsernameField, "preferred_username")
	cfg.EmailField = or(cfg.EmailField, "email")
	cfg.NameField = or(cfg.NameField, "name")
	provider, err := oidc.NewProvider(oidc.ClientContext(ctx, client), cfg.IssuerURL)
	if err != nil {
		return nil, fmt.Errorf("oidc: discovery of %s: %w", cfg.IssuerURL, err)
	}
	return &OIDC{
		cfg:      cfg,
		client:   client,
		provider: provider,
		verifier: provider.Verifier(&oidc.Config{ClientID: cfg.ClientID, Now: cfg.Now}),
		oauth: oauth2.Config{
			ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURL,
			Endpoint: provider.Endpoint(), Scopes: cfg.Scopes,
		},
	}, nil
}

// Start begins a sign-in: it returns the issuer's authorization URL and the
// flow's secrets, which the caller keeps until Finish.
func (o *OIDC) Start() (string, Flow, error) {
	var f Flow
	for _, p := range []*string{&f.State, &f.Nonce} {
		v, err := random()
		if err != nil {
			return "", Flow{}, errs.Wrap(err, errs.MsgInternal)
		}
		*p = v
	}
	f.Verifier = oauth2.GenerateVerifier()
	opts := []oauth2.AuthCodeOption{oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier)}
	for k, v := range o.cfg.AuthURLParams {
		opts = append(opts, oauth2.SetAuthURLParam(k, v))
	}
	return o.oauth.AuthCodeURL(f.State, opts...), f, nil
}

// Finish completes a sign-in from the callback's state and code and the
// flow Start returned. Every refusal is KindUnauthorized (KindUnavailable
// when the issuer cannot be reached) and names its reason.
func (o *OIDC) Finish(ctx context.Context, f Flow, state, code string) (Identity, error) {
	if f.State == "" || state == "" || !equal(f.State, state) {
		return Identity{}, refuse(MsgStateMismatch, "")
	}
	ctx = oidc.ClientContext(ctx, o.client)
	tok, err := o.oauth.Exchange(ctx, code, oauth2.VerifierOption(f.Verifier))
	if err != nil {
		return Identity{}, issuerErr(MsgExchangeFailed, err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return Identity{}, refuse(MsgNoIDToken, "")
	}
	idt, err := o.VerifyIDToken(ctx, raw)
	if err != nil {
		return Identity{}, err
	}
	if !equal(idt.Nonce, f.Nonce) {
		return Identity{}, refuse(MsgBadNonce, "")
	}
	claims := map[string]any{}
	if err := idt.Claims(&claims); err != nil {
		return Identity{}, refuse(MsgBadIDToken, err.Error())
	}
	if !o.cfg.IgnoreUserInfo {
		info, err := o.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
		if err != nil {
			return Identity{}, issuerErr(MsgUserInfo, err)
		}
		extra := map[string]any{}
		if err := info.Claims(&extra); err != nil {
			return Identity{}, refuse(MsgUserInfo, err.Error())
		}
		if sub, _ := extra["sub"].(string); sub != idt.Subject {
			return Identity{}, refuse(MsgUserInfo, "the userinfo subject is not the ID token's")
		}
		for k, v := range extra { // userinfo wins, as Coder merges them
			claims[k] = v
		}
	}
	return o.identity(idt.Subject, claims)
}

// VerifyIDToken checks a raw ID token: signature by one of the issuer's
// current keys, issuer, audience (this client) and expiry.
func (o *OIDC) VerifyIDToken(ctx context.Context, raw string) (*oidc.IDToken, error) {
	idt, err := o.verifier.Verify(oidc.ClientContext(ctx, o.client), raw)
	if err != nil {
		return nil, refuse(MsgBadIDToken, err.Error())
	}
	if idt.Subject == "" {
		return nil, refuse(MsgNoSubject, "")
	}
	return idt, nil
}

// identity applies the claim fields and the email rules.
func (o *OIDC) identity(sub string, claims map[string]any) (Identity, error) {
	email, _ := claims[o.cfg.EmailField].(string)
	if email == "" {
		return Identity{}, refuse(MsgNoEmail, fmt.Sprintf("claim %q is empty or missing", o.cfg.EmailField))
	}
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		return Identity{}, refuse(MsgNoEmail, fmt.Sprintf("claim %q is not an email address", o.cfg.EmailField))
	}
	if !o.cfg.IgnoreEmailVerified {
		if verified, present := claims["email_verified"].(bool); present && !verified {
			return Identity{}, refuse(MsgEmailNotVerif, fmt.Sprintf("email %q is not verified", email))
		}
	}
	if len(o.cfg.EmailDomain) > 0 {
		domain := strings.ToLower(email[strings.LastIndex(email, "@")+1:])
		if !slices.ContainsFunc(o.cfg.EmailDomain, func(d string) bool { return strings.EqualFold(strings.TrimPrefix(d, "@"), domain) }) {
			return Identity{}, refuse(fmt.Sprintf("Your email %q is not in domains %q!", email, o.cfg.EmailDomain), "")
		}
	}
	username, _ := claims[o.cfg.UsernameField].(string)
	name, _ := claims[o.cfg.NameField].(string)
	id := Identity{Subject: sub, Email: email, Username: username, Name: name, Claims: claims}
	if o.cfg.RoleField != "" {
		roles, err := o.roles(claims)
		if err != nil {
			return Identity{}, err
		}
		id.SyncRoles, id.Roles = true, roles
	}
	return id, nil
}

// roles reads the role claim as Coder does: absent is no roles (issuers
// leave an empty list out), one string is one role, a list of strings is
// the roles; each value is mapped, then the defaults are added. Any other
// shape refuses the sign-in, which leaves the user's roles as they were.
func (o *OIDC) roles(claims map[string]any) ([]string, error) {
	var values []string
	switch v := claims[o.cfg.RoleField].(type) {
	case nil:
	case string:
		values = []string{v}
	case []any:
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, refuse(MsgBadRoleClaim, fmt.Sprintf("Roles claim %q must be an array of strings, found an element of type %T.", o.cfg.RoleField, e))
			}
			values = append(values, s)
		}
	default:
		return nil, refuse(MsgBadRoleClaim, fmt.Sprintf("Roles claim %q must be an array of strings, type found: %T.", o.cfg.RoleField, v))
	}
	roles := make([]string, 0, len(values)+len(o.cfg.RolesDefault))
	for _, v := range values {
		if mapped, ok := o.cfg.RoleMapping[v]; ok {
			roles = append(roles, mapped...)
		} else {
			roles = append(roles, v)
		}
	}
	return append(roles, o.cfg.RolesDefault...), nil
}

func refuse(message, detail string) *errs.Error {
	return errs.New(errs.KindUnauthorized, message).WithDetail(detail)
}

// issuerErr is a refusal when the issuer answered, and KindUnavailable when
// it could not be reached.
func issuerErr(message string, err error) *errs.Error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		return refuse(message, fmt.Sprintf("the issuer answered %d", re.Response.StatusCode))
	}
	if strings.Contains(err.Error(), ": 4") { // userinfo: "401 Unauthorized: ..."
		return refuse(message, err.Error())
	}
	return errs.New(errs.KindUnavailable, message).WithDetail("the identity provider could not be reached")
}

func random() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// equal compares two secrets in constant time.
func equal(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	var d byte
	for i := 0; i < len(a); i++ {
		d |= a[i] ^ b[i]
	}
	return d == 0
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
