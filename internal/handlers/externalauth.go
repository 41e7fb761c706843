package handlers

import (
	"context"

	"github.com/gitauthd/gitauthd/gen/api"
)

// The external auth operations look up the provider first; with no
// provider configured the answer is 404 for every id.

func (s *Server) GetExternalAuthByID(ctx context.Context, req api.GetExternalAuthByIDRequestObject) (api.GetExternalAuthByIDResponseObject, error) {
	_, err := s.ExternalAuth.Provider(ctx, req.Externalauth)
	return nil, err
}

func (s *Server) GetExternalAuthDeviceByID(ctx context.Context, req api.GetExternalAuthDeviceByIDRequestObject) (api.GetExternalAuthDeviceByIDResponseObject, error) {
	_, err := s.ExternalAuth.Provider(ctx, req.Externalauth)
	return nil, err
}

func (s *Server) PostExternalAuthDeviceByID(ctx context.Context, req api.PostExternalAuthDeviceByIDRequestObject) (api.PostExternalAuthDeviceByIDResponseObject, error) {
	_, err := s.ExternalAuth.Provider(ctx, req.Externalauth)
	return nil, err
}

func (s *Server) GetGitAuthByID(ctx context.Context, req api.GetGitAuthByIDRequestObject) (api.GetGitAuthByIDResponseObject, error) {
	_, err := s.ExternalAuth.Provider(ctx, req.Gitauth)
	return nil, err
}

func (s *Server) GetGitAuthDeviceByID(ctx context.Context, req api.GetGitAuthDeviceByIDRequestObject) (api.GetGitAuthDeviceByIDResponseObject, error) {
	_, err := s.ExternalAuth.Provider(ctx, req.Gitauth)
	return nil, err
}

func (s *Server) PostGitAuthDeviceByID(ctx context.Context, req api.PostGitAuthDeviceByIDRequestObject) (api.PostGitAuthDeviceByIDResponseObject, error) {
	_, err := s.ExternalAuth.Provider(ctx, req.Gitauth)
	return nil, err
}
