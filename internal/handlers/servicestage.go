package handlers

import (
	"context"

	"github.com/gitauthd/gitauthd/gen/api"
)

func (s *Server) ListGitAuthorizations(ctx context.Context, req api.ListGitAuthorizationsRequestObject) (api.ListGitAuthorizationsResponseObject, error) {
	err := s.ProjectAuth.Project(ctx, req.ProjectId)
	return nil, err
}
