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
	// UserRoleField names the claim the user's roles come from; set, the
	// roles it gives replace the user's on each sign-in.
	UserRoleField    string              // --oidc-user-role-field
	UserRoleMapping  map[string][]string // --oidc-user-role-mapping: claim value -> gitauthd roles
	UserRolesDefault []string            // --oidc-user-roles-default
	AuthURLParams    map[string]string   // --oidc-auth-url-params
}

// GroupOIDC holds the OpenID Connect options.
var GroupOIDC = &Group{
	Name:        "OIDC",
	Description: "Sign-in through the company's OpenID Connect identity provider.",
}

func oidcOptions(v *OIDCValues) []*Option {
	return in(GroupOIDC,
		opt("OIDC Issuer URL", "oidc-issuer-url", "", StringOf(&v.IssuerURL),
			"Issuer URL of the OpenID Connect provider; setting it turns OIDC sign-in on. The server discovers the provider at start and refuses to start when it cannot."),
		opt("OIDC Client ID", "oidc-client-id", "", StringOf(&v.ClientID),
			"Client ID gitauthd is registered with at the OpenID Connect provider."),
		secret(opt("OIDC Client Secret", "oidc-client-secret", "", StringOf(&v.ClientSecret),
			"Client secret gitauthd is registered with at the OpenID Connect provider.")),
		opt("OIDC Scopes", "oidc-scopes", "openid,profile,email", StringArrayOf(&v.Scopes),
			"Scopes requested from the OpenID Connect provider, comma-separated."),
		opt("OIDC Email Domain", "oidc-email-domain", "", StringArrayOf(&v.EmailDomain),
			"Email domains allowed to sign in, comma-separated; empty allows any."),
		opt("OIDC Allow Signups", "oidc-allow-signups", "true", BoolOf(&v.AllowSignups),
			"Create a user the first time someone signs in through OIDC. Off: only existing OIDC users may sign in."),
		opt("OIDC Username Field", "oidc-username-field", "preferred_username", StringOf(&v.UsernameField),
			"Claim the username is taken from (made valid and unique as Coder does)."),
		opt("OIDC Email Field", "oidc-email-field", "email", StringOf(&v.EmailField),
			"Claim the email address is taken from."),
		opt("OIDC Name Field", "oidc-name-field", "name", StringOf(&v.NameField),
			"Claim the user's full name is taken from."),
		opt("OIDC Ignore Email Verified", "oidc-ignore-email-verified", "false", BoolOf(&v.IgnoreEmailVerified),
			"Accept an email address whose email_verified claim is false."),
		opt("OIDC Ignore UserInfo", "oidc-ignore-userinfo", "false", BoolOf(&v.IgnoreUserInfo),
			"Take the claims from the ID token only, without calling the provider's userinfo endpoint."),
		opt("OIDC Sign In Text", "oidc-sign-in-text", "OpenID Connect", StringOf(&v.SignInText),
			"Text of the OIDC button on the sign-in page."),
		opt("OIDC Icon URL", "oidc-icon-url", "", StringOf(&v.IconURL),
			"URL of an icon shown on the OIDC button of the sign-in page."),
		opt("OIDC User Role Field", "oidc-user-role-field", "", StringOf(&v.UserRoleField),
			"Claim (from the ID token, merged with userinfo unless ignored) the user's site roles come from: a list of strings or one string. Set, the roles it gives (through the mapping, plus the defaults) replace the user's roles on each OIDC sign-in; roles gitauthd does not know are ignored and logged."),
		opt("OIDC User Role Mapping", "oidc-user-role-mapping", "{}", JSONOf(&v.UserRoleMapping),
			`JSON object from a value of the role claim to the gitauthd roles it gives, e.g. {"platform-admins":["owner"]}; a value not in the mapping is taken as a role name.`),
		opt("OIDC User Roles Default", "oidc-user-roles-default", "", StringArrayOf(&v.UserRolesDefault),
			"Roles every OIDC user gets on sign-in besides those of the role claim, comma-separated; only with --oidc-user-role-field."),
		opt("OIDC Auth URL Params", "oidc-auth-url-params", "{}", JSONOf(&v.AuthURLParams),
			`JSON object of extra query parameters added to the provider's authorization URL, e.g. {"prompt":"login"}.`),
	)
}
