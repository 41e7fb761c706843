// Package externalauth owns the external auth providers (GitHub, GitLab,
// Bitbucket, Azure DevOps, Gitea, any OAuth2/OIDC server) and the users'
// links to them: the providers' configuration (Config, the defaults of each
// provider type and the validation, in NewProviders; internal/deployment
// only reads the entries from the environment and the YAML file), the
// browser and device flows that make links, the validation, refresh and
// revocation of their tokens, and the credentials handed to git.
//
// It is transport-free: handlers and web pages call it with an actor and
// get domain values or *errs.Error back.
package externalauth

import (
	"regexp"

	"golang.org/x/oauth2"
)

// Provider types with built-in defaults.
const (
	TypeGitHub          = "github"
	TypeGitLab          = "gitlab"
	TypeBitbucketCloud  = "bitbucket-cloud"
	TypeBitbucketServer = "bitbucket-server"
	TypeAzureDevOps     = "azure-devops"
	TypeGitea           = "gitea"
	TypeGeneric         = "generic"
)

// Revocation styles.
const (
	RevokeNone    = ""        // the provider cannot revoke
	RevokeGitHub  = "github"  // DELETE {api}/applications/{client_id}/grant with basic auth
	RevokeRFC7009 = "rfc7009" // form POST token=… to revoke_url
)

// Provider is one configured provider, with its type's defaults applied and
// every field validated.
type Provider struct {
	ID          string
	Type        string
	DisplayName string
	DisplayIcon string

	ClientID     string
	ClientSecret string

	AuthURL       string
	TokenURL      string
	DeviceCodeURL string // "" when DeviceFlow is false
	ValidateURL   string // "" when tokens cannot be validated
	RevokeURL     string // "" when RevokeStyle is RevokeNone
	RevokeStyle   string

	AppInstallURL       string
	AppInstallationsURL string

	Scopes         []string
	ExtraTokenKeys []string
	NoRefresh      bool
	DeviceFlow     bool
	// PKCE: send an S256 code challenge in the browser flow.
	PKCE bool
	// AuthStyle says how the client authenticates to the token endpoint.
	AuthStyle oauth2.AuthStyle
	// Regex matches the repository URLs this provider serves.
	Regex *regexp.Regexp
	// RedirectURL is the callback: {access URL}/external-auth/{id}/callback.
	RedirectURL string
}

// GitUsernamePassword maps an access token to the username and password git
// sends over HTTPS for this provider's type.
func (p *Provider) GitUsernamePassword(token string) (username, password string) {
	switch p.Type {
	case TypeGitLab:
		return "oauth2", token
	case TypeBitbucketCloud, TypeBitbucketServer:
		return "x-token-auth", token
	default:
		return token, ""
	}
}
