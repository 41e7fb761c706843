package externalauth

import "time"

// ProviderUser is the account a token belongs to, as the provider
// describes it.
type ProviderUser struct {
	Login      string
	Name       string
	AvatarURL  string
	ProfileURL string
}

// Installation is one installation of the provider's app (GitHub Apps)
// visible to the user.
type Installation struct {
	ID           int64
	ConfigureURL string
	Account      ProviderUser
}

// Status is a user's view of one provider: whether their link works, whom
// it belongs to, and the app's installations.
type Status struct {
	Provider      *Provider
	Authenticated bool
	User          *ProviderUser  // nil when unknown
	Installations []Installation // never nil
	// AppInstallable says the app installations could be listed with the
	// user's token (Coder's meaning); the app is installed at AppInstallURL.
	AppInstallable bool
	AppInstallURL  string
	// ValidateError says why the link is not (or may not be) usable; ""
	// when all is well.
	ValidateError string
}

// LinkInfo describes one of a user's links, without its tokens.
type LinkInfo struct {
	ProviderID      string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	HasRefreshToken bool
	// Expires is when the access token expires; zero means never.
	Expires       time.Time
	Authenticated bool
	ValidateError string
}

// Revocation reports the best-effort revocation of a token at the provider
// when a link is removed. Error never contains a token.
type Revocation struct {
	Revoked bool
	Error   string
}

// Device is the provider's answer to a device authorization request
// (RFC 8628 §3.2).
type Device struct {
	DeviceCode      string
	UserCode        string
	VerificationURI string
	ExpiresIn       int // seconds
	Interval        int // seconds between polls
}

// Token is a usable access token with the extra token fields the provider
// is configured to keep.
type Token struct {
	AccessToken string
	Extra       map[string]any // nil when none
	Expiry      time.Time      // zero means never
}

// GitCredentials answers a git credential helper. With a usable link the
// token fields and Username/Password are set; without one only URL, telling
// the person where to link, and Type are.
type GitCredentials struct {
	AccessToken string
	TokenExtra  map[string]any
	Type        string
	Username    string
	Password    string
	URL         string
}
