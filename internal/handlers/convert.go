package handlers

import (
	"net/url"

	"github.com/google/uuid"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/deployment"
	"github.com/gitauthd/gitauthd/internal/externalauth"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/store"
)

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// convertAll is the wire form of each of in, in order: never nil, so that
// an empty list is [] on the wire rather than null.
func convertAll[T, W any](in []T, convert func(T) W) []W {
	out := make([]W, 0, len(in))
	for _, v := range in {
		out = append(out, convert(v))
	}
	return out
}

func (s *Server) user(u store.User) api.User {
	roles := make([]api.SlimRole, 0, len(u.Roles))
	for _, r := range u.Roles {
		roles = append(roles, api.SlimRole{Name: r, DisplayName: identity.SiteRoles[r]})
	}
	return api.User{
		Id:              u.ID,
		Username:        u.Username,
		Email:           openapi_types.Email(u.Email),
		Name:            u.Name,
		CreatedAt:       u.CreatedAt,
		LastSeenAt:      u.LastSeenAt,
		Status:          api.UserStatus(u.Status),
		LoginType:       api.LoginType(u.LoginType),
		Roles:           roles,
		AvatarUrl:       u.AvatarURL,
		OrganizationIds: []uuid.UUID{s.General.OrganizationID()},
	}
}

func apiKey(k store.APIKey) api.APIKey {
	return api.APIKey{
		Id:              k.ID,
		UserId:          k.UserID,
		LastUsed:        k.LastUsed,
		ExpiresAt:       k.ExpiresAt,
		CreatedAt:       k.CreatedAt,
		UpdatedAt:       k.UpdatedAt,
		LoginType:       api.LoginType(k.LoginType),
		Scope:           api.APIKeyScope(k.Scope),
		TokenName:       k.TokenName,
		LifetimeSeconds: k.LifetimeSeconds,
	}
}

// deploymentValues fills the parts of Coder's DeploymentValues shape that
// gitauthd has options for; the rest is left out.
func deploymentValues(v *deployment.Values) api.DeploymentValues {
	addr := v.Address()
	access := deployment.NewURLJSON(v.AccessURL())
	return api.DeploymentValues{
		AccessUrl:   &api.SerpentURL{Scheme: access.Scheme, Host: access.Host, Path: access.Path, Opaque: access.Opaque, RawPath: access.RawPath, OmitHost: access.OmitHost, ForceQuery: access.ForceQuery, RawQuery: access.RawQuery, Fragment: access.Fragment, RawFragment: access.RawFragment, User: &map[string]interface{}{}},
		Address:     &api.SerpentHostPort{Host: addr.Host, Port: addr.Port},
		HttpAddress: ptr(v.HTTPAddress),
		Config:      ptr(v.ConfigPath),
		Experiments: ptr(nonNil(v.Experiments)),
		ConfigSsh: &api.SSHConfig{
			DeploymentName:   ptr(v.SSHHostnamePrefix),
			SshconfigOptions: ptr(nonNil(v.SSHConfigOptions)),
		},
		InMemoryDatabase:            ptr(v.InMemory),
		PgConnectionUrl:             ptr(""), // secret: --postgres-url is never shown
		Logging:                     &api.LoggingConfig{Human: ptr(v.LogHuman), Json: ptr(v.LogJSON)},
		Verbose:                     ptr(v.Verbose),
		MetricsCacheRefreshInterval: ptr(int64(v.MetricsCacheRefreshInterval)),
		SecureAuthCookie:            ptr(v.SecureAuthCookie),
		SessionLifetime: &api.SessionLifetime{
			DefaultDuration:      ptr(int64(v.SessionDuration)),
			DisableExpiryRefresh: ptr(v.DisableSessionExpiryRefresh),
			DefaultTokenLifetime: ptr(int64(v.DefaultTokenLifetime)),
			MaxTokenLifetime:     ptr(int64(v.MaxTokenLifetime)),
		},
		StrictTransportSecurity:        ptr(v.StrictTransportSecurity),
		StrictTransportSecurityOptions: ptr(nonNil(v.StrictTransportSecurityOptions)),
		Swagger:                        &api.SwaggerConfig{Enable: ptr(v.SwaggerEnable)},
		UpdateCheck:                    ptr(v.UpdateCheck),
		Prometheus:                     &api.PrometheusConfig{Enable: ptr(v.PrometheusEnable), Address: hostPort(v.PrometheusAddress)},
		Pprof:                          &api.PprofConfig{Enable: ptr(v.PprofEnable), Address: hostPort(v.PprofAddress)},
		RateLimit:                      &api.RateLimitConfig{Api: ptr(v.RateLimitAPI), DisableAll: ptr(v.RateLimitDisableAll)},
		ProxyTrustedHeaders:            ptr(nonNil(v.ProxyTrustedHeaders)),
		ProxyTrustedOrigins:            ptr(nonNil(v.ProxyTrustedOrigins)),
		Oidc:                           oidcConfig(v.OIDC),
		Oauth2: &api.OAuth2Config{Github: &api.OAuth2GithubConfig{
			ClientId: ptr(v.GitHub.ClientID), ClientSecret: ptr(""), // secret: never shown
			AllowedOrgs: ptr(nonNil(v.GitHub.AllowedOrgs)), AllowedTeams: ptr(nonNil(v.GitHub.AllowedTeams)),
			AllowSignups: ptr(v.GitHub.AllowSignups), AllowEveryone: ptr(v.GitHub.AllowEveryone),
			EnterpriseBaseUrl: ptr(v.GitHub.EnterpriseBaseURL), DeviceFlow: ptr(v.GitHub.DeviceFlow),
			DefaultProviderEnable: ptr(false), // gitauthd has no OAuth app of its own
		}},
	}
}

// oidcConfig is the OIDC part of the config, its secret blanked.
func oidcConfig(o deployment.OIDCValues) *api.OIDCConfig {
	icon := &api.SerpentURL{User: &map[string]interface{}{}}
	if u, err := url.Parse(o.IconURL); err == nil {
		j := deployment.NewURLJSON(u)
		icon = &api.SerpentURL{Scheme: j.Scheme, Host: j.Host, Path: j.Path, Opaque: j.Opaque, RawPath: j.RawPath, OmitHost: j.OmitHost, ForceQuery: j.ForceQuery, RawQuery: j.RawQuery, Fragment: j.Fragment, RawFragment: j.RawFragment, User: &map[string]interface{}{}}
	}
	return &api.OIDCConfig{
		IssuerUrl: ptr(o.IssuerURL), ClientId: ptr(o.ClientID), ClientSecret: ptr(""),
		Scopes: ptr(nonNil(o.Scopes)), EmailDomain: ptr(nonNil(o.EmailDomain)), AllowSignups: ptr(o.AllowSignups),
		UsernameField: ptr(o.UsernameField), EmailField: ptr(o.EmailField), NameField: ptr(o.NameField),
		IgnoreEmailVerified: ptr(o.IgnoreEmailVerified), IgnoreUserInfo: ptr(o.IgnoreUserInfo),
		SignInText: ptr(o.SignInText), IconUrl: icon,
		UserRoleField: ptr(o.UserRoleField), UserRoleMapping: ptr(jsonObject(o.UserRoleMapping)),
		UserRolesDefault: ptr(nonNil(o.UserRolesDefault)), AuthUrlParams: ptr(jsonObject(o.AuthURLParams)),
	}
}

// jsonObject is a map as the config's free-form objects carry it.
func jsonObject[V any](m map[string]V) map[string]interface{} {
	out := make(map[string]interface{}, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// hostPort is a "host:port" option as the config shows it; Load has
// checked that it parses.
func hostPort(addr string) *api.SerpentHostPort {
	hp, _ := deployment.ParseHostPort(addr)
	return &api.SerpentHostPort{Host: hp.Host, Port: hp.Port}
}

func serpentOptions(opts []deployment.OptionView) []api.SerpentOption {
	out := make([]api.SerpentOption, 0, len(opts))
	for _, o := range opts {
		so := api.SerpentOption{
			Name:        o.Name,
			Description: ptr(o.Description),
			Flag:        ptr(o.Flag),
			Env:         ptr(o.Env),
			Yaml:        ptr(o.YAML),
			Default:     ptr(o.Default),
			Group:       serpentGroup(o.Group),
			Hidden:      ptr(o.Hidden),
			Value:       o.Value,
			ValueSource: api.SerpentOptionValueSource(o.ValueSource),
		}
		if o.Annotations != nil {
			so.Annotations = ptr(o.Annotations)
		}
		out = append(out, so)
	}
	return out
}

func serpentGroup(g *deployment.Group) *api.SerpentGroup {
	if g == nil {
		return nil
	}
	return &api.SerpentGroup{Name: ptr(g.Name), Yaml: ptr(g.YAML), Description: ptr(g.Description), Parent: serpentGroup(g.Parent)}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// externalAuthConfigs shows the providers as the server runs them (type
// defaults applied), never with their client secrets.
func externalAuthConfigs(providers []*externalauth.Provider) *api.SerpentStructExternalAuthConfigs {
	out := make([]api.ExternalAuthConfig, 0, len(providers))
	for _, p := range providers {
		regex := ""
		if p.Regex != nil {
			regex = p.Regex.String()
		}
		out = append(out, api.ExternalAuthConfig{
			Id: ptr(p.ID), Type: ptr(p.Type), ClientId: ptr(p.ClientID),
			AuthUrl: ptr(p.AuthURL), TokenUrl: ptr(p.TokenURL), ValidateUrl: ptr(p.ValidateURL),
			AppInstallUrl: ptr(p.AppInstallURL), AppInstallationsUrl: ptr(p.AppInstallationsURL),
			NoRefresh: ptr(p.NoRefresh), Scopes: ptr(nonNil(p.Scopes)), DeviceFlow: ptr(p.DeviceFlow),
			DeviceCodeUrl: ptr(p.DeviceCodeURL), Regex: ptr(regex),
			DisplayName: ptr(p.DisplayName), DisplayIcon: ptr(p.DisplayIcon),
		})
	}
	return &api.SerpentStructExternalAuthConfigs{Value: &out}
}
