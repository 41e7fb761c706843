package handlers

import (
	"context"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/externalauth"
)

func (s *Server) ListExternalAuths(ctx context.Context, _ api.ListExternalAuthsRequestObject) (api.ListExternalAuthsResponseObject, error) {
	providers, links, err := s.ExternalAuth.List(ctx, actor(ctx).User.ID)
	if err != nil {
		return nil, err
	}
	return api.ListExternalAuths200JSONResponse{
		Providers: convertAll(providers, linkProvider),
		Links:     convertAll(links, link),
	}, nil
}

func (s *Server) GetExternalAuthByID(ctx context.Context, req api.GetExternalAuthByIDRequestObject) (api.GetExternalAuthByIDResponseObject, error) {
	st, err := s.ExternalAuth.Get(ctx, actor(ctx).User.ID, req.Externalauth)
	if err != nil {
		return nil, err
	}
	return api.GetExternalAuthByID200JSONResponse{
		Authenticated: st.Authenticated, Device: st.Provider.DeviceFlow, DisplayName: st.Provider.DisplayName,
		User: providerUser(st.User), Installations: installations(st.Installations),
		AppInstallable: st.AppInstallable, AppInstallUrl: st.AppInstallURL,
	}, nil
}

func (s *Server) DeleteExternalAuthByID(ctx context.Context, req api.DeleteExternalAuthByIDRequestObject) (api.DeleteExternalAuthByIDResponseObject, error) {
	r, err := s.ExternalAuth.Unlink(ctx, actor(ctx).User.ID, req.Externalauth)
	if err != nil {
		return nil, err
	}
	out := api.DeleteExternalAuthByID200JSONResponse{TokenRevoked: r.Revoked}
	if r.Error != "" {
		out.TokenRevocationError = ptr(r.Error)
	}
	return out, nil
}

func (s *Server) GetExternalAuthDeviceByID(ctx context.Context, req api.GetExternalAuthDeviceByIDRequestObject) (api.GetExternalAuthDeviceByIDResponseObject, error) {
	d, err := s.ExternalAuth.StartDevice(ctx, req.Externalauth)
	if err != nil {
		return nil, err
	}
	return api.GetExternalAuthDeviceByID200JSONResponse(device(d)), nil
}

func (s *Server) PostExternalAuthDeviceByID(ctx context.Context, req api.PostExternalAuthDeviceByIDRequestObject) (api.PostExternalAuthDeviceByIDResponseObject, error) {
	if err := s.ExternalAuth.ExchangeDevice(ctx, actor(ctx).User.ID, req.Externalauth, req.Body.DeviceCode); err != nil {
		return nil, err
	}
	return api.PostExternalAuthDeviceByID204Response{}, nil
}

func (s *Server) GetGitAuthByID(ctx context.Context, req api.GetGitAuthByIDRequestObject) (api.GetGitAuthByIDResponseObject, error) {
	st, err := s.ExternalAuth.Get(ctx, actor(ctx).User.ID, req.Gitauth)
	if err != nil {
		return nil, err
	}
	return api.GetGitAuthByID200JSONResponse{
		Authenticated: st.Authenticated, Device: st.Provider.DeviceFlow, Type: st.Provider.Type,
		User: providerUser(st.User), Installations: installations(st.Installations),
		AppInstallable: st.AppInstallable, AppInstallUrl: st.AppInstallURL,
	}, nil
}

func (s *Server) GetGitAuthDeviceByID(ctx context.Context, req api.GetGitAuthDeviceByIDRequestObject) (api.GetGitAuthDeviceByIDResponseObject, error) {
	d, err := s.ExternalAuth.StartDevice(ctx, req.Gitauth)
	if err != nil {
		return nil, err
	}
	return api.GetGitAuthDeviceByID200JSONResponse(device(d)), nil
}

func (s *Server) PostGitAuthDeviceByID(ctx context.Context, req api.PostGitAuthDeviceByIDRequestObject) (api.PostGitAuthDeviceByIDResponseObject, error) {
	if err := s.ExternalAuth.ExchangeDevice(ctx, actor(ctx).User.ID, req.Gitauth, req.Body.DeviceCode); err != nil {
		return nil, err
	}
	return api.PostGitAuthDeviceByID204Response{}, nil
}

func (s *Server) GetGitCredentials(ctx context.Context, req api.GetGitCredentialsRequestObject) (api.GetGitCredentialsResponseObject, error) {
	c, err := s.ExternalAuth.GitCredentials(ctx, actor(ctx).User.ID, req.Params.Match, deref(req.Params.Listen))
	if err != nil {
		return nil, err
	}
	out := api.GetGitCredentials200JSONResponse{Type: c.Type}
	if c.URL != "" {
		out.Url = ptr(c.URL)
		return out, nil
	}
	out.AccessToken, out.Username, out.Password = ptr(c.AccessToken), ptr(c.Username), ptr(c.Password)
	if len(c.TokenExtra) > 0 {
		out.TokenExtra = ptr(c.TokenExtra)
	}
	return out, nil
}

func linkProvider(p *externalauth.Provider) api.ExternalAuthLinkProvider {
	return api.ExternalAuthLinkProvider{
		Id: p.ID, Type: p.Type, Device: p.DeviceFlow, DisplayName: p.DisplayName, DisplayIcon: p.DisplayIcon,
		AllowRefresh: !p.NoRefresh, AllowValidate: p.ValidateURL != "", SupportsRevocation: p.RevokeStyle != externalauth.RevokeNone,
	}
}

func link(l externalauth.LinkInfo) api.ExternalAuthLink {
	return api.ExternalAuthLink{
		ProviderId: l.ProviderID, CreatedAt: l.CreatedAt, UpdatedAt: l.UpdatedAt, HasRefreshToken: l.HasRefreshToken,
		Expires: l.Expires, Authenticated: l.Authenticated, ValidateError: l.ValidateError,
	}
}

// device is a device code as the API answers it (ExternalAuthDevice, and
// its legacy twin GitAuthDevice).
func device(d externalauth.Device) api.ExternalAuthDevice {
	return api.ExternalAuthDevice{
		DeviceCode: d.DeviceCode, UserCode: d.UserCode, VerificationUri: d.VerificationURI, ExpiresIn: d.ExpiresIn, Interval: d.Interval,
	}
}

func providerUser(u *externalauth.ProviderUser) *api.ExternalAuthUser {
	if u == nil {
		return nil
	}
	return &api.ExternalAuthUser{Login: u.Login, Name: u.Name, AvatarUrl: u.AvatarURL, ProfileUrl: u.ProfileURL}
}

func installations(in []externalauth.Installation) []api.ExternalAuthAppInstallation {
	return convertAll(in, func(i externalauth.Installation) api.ExternalAuthAppInstallation {
		return api.ExternalAuthAppInstallation{Id: int(i.ID), ConfigureUrl: i.ConfigureURL, Account: *providerUser(&i.Account)}
	})
}
