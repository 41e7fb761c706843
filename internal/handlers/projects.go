package handlers

import (
	"context"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/errs"
)

// errProjectsPending is answered until the projects service is wired in.
var errProjectsPending = errs.New(errs.KindUnavailable, "Projects are not available yet.")

func (s *Server) ListProjects(context.Context, api.ListProjectsRequestObject) (api.ListProjectsResponseObject, error) {
	return nil, errProjectsPending
}

func (s *Server) CreateProject(context.Context, api.CreateProjectRequestObject) (api.CreateProjectResponseObject, error) {
	return nil, errProjectsPending
}

func (s *Server) GetProject(context.Context, api.GetProjectRequestObject) (api.GetProjectResponseObject, error) {
	return nil, errProjectsPending
}

func (s *Server) DeleteProject(context.Context, api.DeleteProjectRequestObject) (api.DeleteProjectResponseObject, error) {
	return nil, errProjectsPending
}

func (s *Server) ListProjectMembers(context.Context, api.ListProjectMembersRequestObject) (api.ListProjectMembersResponseObject, error) {
	return nil, errProjectsPending
}

func (s *Server) AddProjectMember(context.Context, api.AddProjectMemberRequestObject) (api.AddProjectMemberResponseObject, error) {
	return nil, errProjectsPending
}

func (s *Server) RemoveProjectMember(context.Context, api.RemoveProjectMemberRequestObject) (api.RemoveProjectMemberResponseObject, error) {
	return nil, errProjectsPending
}

func (s *Server) GetGitAuthorizationRedirect(context.Context, api.GetGitAuthorizationRedirectRequestObject) (api.GetGitAuthorizationRedirectResponseObject, error) {
	return nil, errProjectsPending
}

func (s *Server) CreateOAuthGitAuthorization(context.Context, api.CreateOAuthGitAuthorizationRequestObject) (api.CreateOAuthGitAuthorizationResponseObject, error) {
	return nil, errProjectsPending
}

func (s *Server) CreatePersonalGitAuthorization(context.Context, api.CreatePersonalGitAuthorizationRequestObject) (api.CreatePersonalGitAuthorizationResponseObject, error) {
	return nil, errProjectsPending
}

func (s *Server) CreatePasswordGitAuthorization(context.Context, api.CreatePasswordGitAuthorizationRequestObject) (api.CreatePasswordGitAuthorizationResponseObject, error) {
	return nil, errProjectsPending
}

func (s *Server) DeleteGitAuthorization(context.Context, api.DeleteGitAuthorizationRequestObject) (api.DeleteGitAuthorizationResponseObject, error) {
	return nil, errProjectsPending
}
