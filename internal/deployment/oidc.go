package deployment

// OIDCValues configure sign-in through an OpenID Connect issuer, with
// Coder's option names. Sign-in is on when IssuerURL is set.
type OIDCValues struct {
	IssuerURL           string   // --oidc-issuer-url
	ClientID            string   // --oidc-client-id
	ClientSecret        string   // --oidc-client-secret; secret
	Scopes              []string // --oidc-scopes
	EmailDomain         []string // --oidc-email-domain
	AllowSignups        bool     // --oidc-allow-signups
	UsernameField       string   // --oidc-username-field
	EmailField          string   // --oidc-email-field
	NameField           string   // --oidc-name-field
	IgnoreEmailVerified bool     // --oidc-ignore-email-verified
	IgnoreUserInfo      bool     // --oidc-ignore-userinfo
	SignInText          string   // --oidc-sign-in-text
	IconURL             string   // --oidc-icon-url
}

// GroupOIDC holds the OpenID Connect options.
var GroupOIDC = &Group{
	Name:        "OIDC",
	Description: "Sign-in through the company's OpenID Connect identity provider.",
}

func oidcOptions(v *OIDCValues) []*Option {
	return []*Option{
		{
			Name:        "OIDC Issuer URL",
			Description: "Issuer URL of the OpenID Connect provider; setting it turns OIDC sign-in on. The server discovers the provider at start and refuses to start when it cannot.",
			Flag:        "oidc-issuer-url",
			Group:       GroupOIDC,
			Value:       StringOf(&v.IssuerURL),
		},
		{
			Name:        "OIDC Client ID",
			Description: "Client ID gitauthd is registered with at the OpenID Connect provider.",
			Flag:        "oidc-client-id",
			Group:       GroupOIDC,
			Value:       StringOf(&v.ClientID),
		},
		{
			Name:        "OIDC Client Secret",
			Description: "Client secret gitauthd is registered with at the OpenID Connect provider.",
			Flag:        "oidc-client-secret",
			Group:       GroupOIDC,
			Annotations: map[string]string{AnnotationSecret: "true"},
			Value:       StringOf(&v.ClientSecret),
		},
		{
			Name:        "OIDC Scopes",
			Description: "Scopes requested from the OpenID Connect provider, comma-separated.",
			Flag:        "oidc-scopes",
			Default:     "openid,profile,email",
			Group:       GroupOIDC,
			Value:       StringArrayOf(&v.Scopes),
		},
		{
			Name:        "OIDC Email Domain",
			Description: "Email domains allowed to sign in, comma-separated; empty allows any.",
			Flag:        "oidc-email-domain",
			Group:       GroupOIDC,
			Value:       StringArrayOf(&v.EmailDomain),
		},
		{
			Name:        "OIDC Allow Signups",
			Description: "Create a user the first time someone signs in through OIDC. Off: only existing OIDC users may sign in.",
			Flag:        "oidc-allow-signups",
			Default:     "true",
			Group:       GroupOIDC,
			Value:       BoolOf(&v.AllowSignups),
		},
		{
			Name:        "OIDC Username Field",
			Description: "Claim the username is taken from (made valid and unique as Coder does).",
			Flag:        "oidc-username-field",
			Default:     "preferred_username",
			Group:       GroupOIDC,
			Value:       StringOf(&v.UsernameField),
		},
		{
			Name:        "OIDC Email Field",
			Description: "Claim the email address is taken from.",
			Flag:        "oidc-email-field",
			Default:     "email",
			Group:       GroupOIDC,
			Value:       StringOf(&v.EmailField),
		},
		{
			Name:        "OIDC Name Field",
			Description: "Claim the user's full name is taken from.",
			Flag:        "oidc-name-field",
			Default:     "name",
			Group:       GroupOIDC,
			Value:       StringOf(&v.NameField),
		},
		{
			Name:        "OIDC Ignore Email Verified",
			Description: "Accept an email address whose email_verified claim is false.",
			Flag:        "oidc-ignore-email-verified",
			Default:     "false",
			Group:       GroupOIDC,
			Value:       BoolOf(&v.IgnoreEmailVerified),
		},
		{
			Name:        "OIDC Ignore UserInfo",
			Description: "Take the claims from the ID token only, without calling the provider's userinfo endpoint.",
			Flag:        "oidc-ignore-userinfo",
			Default:     "false",
			Group:       GroupOIDC,
			Value:       BoolOf(&v.IgnoreUserInfo),
		},
		{
			Name:        "OIDC Sign In Text",
			Description: "Text of the OIDC button on the sign-in page.",
			Flag:        "oidc-sign-in-text",
			Default:     "OpenID Connect",
			Group:       GroupOIDC,
			Value:       StringOf(&v.SignInText),
		},
		{
			Name:        "OIDC Icon URL",
			Description: "URL of an icon shown on the OIDC button of the sign-in page.",
			Flag:        "oidc-icon-url",
			Group:       GroupOIDC,
			Value:       StringOf(&v.IconURL),
		},
	}
}
