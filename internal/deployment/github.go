package deployment

// GitHubValues configure sign-in through GitHub (or GitHub Enterprise
// Server), with Coder's option names (oauth2.github.*). Sign-in is on when
// ClientID is set. Coder's default_provider_enable (sign-in through
// Coder's own GitHub OAuth app) has no counterpart: gitauthd has no OAuth
// app of its own, so the config always reports it false.
type GitHubValues struct {
	ClientID          string   // --oauth2-github-client-id
	ClientSecret      string   // --oauth2-github-client-secret; secret
	AllowedOrgs       []string // --oauth2-github-allowed-orgs
	AllowedTeams      []string // --oauth2-github-allowed-teams, "org/team"
	AllowSignups      bool     // --oauth2-github-allow-signups
	AllowEveryone     bool     // --oauth2-github-allow-everyone
	EnterpriseBaseURL string   // --oauth2-github-enterprise-base-url
	DeviceFlow        bool     // --oauth2-github-device-flow
}

// GroupGitHub holds the GitHub sign-in options.
var GroupGitHub = &Group{
	Name:        "GitHub",
	Description: "Sign-in through GitHub or GitHub Enterprise Server, restricted to organizations and teams.",
	Parent:      GroupOAuth2,
}

// GroupOAuth2 is the parent of the OAuth2 sign-in groups, as in Coder.
var GroupOAuth2 = &Group{
	Name:        "OAuth2",
	Description: "Sign-in through OAuth2 providers.",
}

func githubOptions(v *GitHubValues) []*Option {
	return in(GroupGitHub,
		opt("OAuth2 GitHub Client ID", "oauth2-github-client-id", "", StringOf(&v.ClientID),
			"Client ID of the GitHub OAuth app gitauthd signs people in with; setting it turns GitHub sign-in on. Its callback URL is {access URL}/api/v2/users/oauth2/github/callback."),
		secret(opt("OAuth2 GitHub Client Secret", "oauth2-github-client-secret", "", StringOf(&v.ClientSecret),
			"Client secret of the GitHub OAuth app.")),
		opt("OAuth2 GitHub Allowed Orgs", "oauth2-github-allowed-orgs", "", StringArrayOf(&v.AllowedOrgs),
			"GitHub organizations whose active members may sign in, comma-separated."),
		opt("OAuth2 GitHub Allowed Teams", "oauth2-github-allowed-teams", "", StringArrayOf(&v.AllowedTeams),
			"Teams, as <organization>/<team-slug>, whose active members may sign in, comma-separated."),
		opt("OAuth2 GitHub Allow Signups", "oauth2-github-allow-signups", "false", BoolOf(&v.AllowSignups),
			"Create a user the first time an allowed GitHub user signs in. Off: only existing GitHub users may sign in."),
		opt("OAuth2 GitHub Allow Everyone", "oauth2-github-allow-everyone", "false", BoolOf(&v.AllowEveryone),
			"Let any GitHub user sign in, whatever their organizations. Without it, allowed orgs or teams must be set."),
		opt("OAuth2 GitHub Enterprise Base URL", "oauth2-github-enterprise-base-url", "", StringOf(&v.EnterpriseBaseURL),
			"Base URL of a GitHub Enterprise Server, e.g. https://github.example.com: sign-in then uses its pages and its API under /api/v3 instead of github.com."),
		opt("OAuth2 GitHub Device Flow", "oauth2-github-device-flow", "false", BoolOf(&v.DeviceFlow),
			"Sign in with GitHub's device flow: GET /api/v2/users/oauth2/github/device gives the code to enter at GitHub, and the callback takes the device code."),
	)
}
