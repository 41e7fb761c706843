package identity

// AuthMethods are the ways to sign in that the deployment offers.
type AuthMethods struct {
	Password bool
	GitHub   bool
	// GitHubDefaultProvider: GitHub sign-in through Coder's default OAuth app.
	GitHubDefaultProvider bool
	OIDC                  bool
	OIDCSignInText        string
	OIDCIconURL           string
}
