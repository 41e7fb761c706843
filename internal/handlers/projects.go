package handlers

import (
	"context"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/store"
)

func (s *Server) ListProjects(ctx context.Context, _ api.ListProjectsRequestObject) (api.ListProjectsResponseObject, error) {
	list, err := s.ProjectAuth.ListProjects(ctx, actor(ctx))
	if err != nil {
		return nil, err
	}
	return api.ListProjects200JSONResponse(convertAll(list, project)), nil
}

func (s *Server) CreateProject(ctx context.Context, req api.CreateProjectRequestObject) (api.CreateProjectResponseObject, error) {
	b := deref(req.Body)
	p, err := s.ProjectAuth.CreateProject(ctx, actor(ctx), b.Id, b.Name)
	if err != nil {
		return nil, err
	}
	return api.CreateProject201JSONResponse(project(p)), nil
}

func (s *Server) GetProject(ctx context.Context, req api.GetProjectRequestObject) (api.GetProjectResponseObject, error) {
	p, err := s.ProjectAuth.GetProject(ctx, actor(ctx), req.Project)
	if err != nil {
		return nil, err
	}
	return api.GetProject200JSONResponse(project(p)), nil
}

func (s *Server) UpdateProject(ctx context.Context, req api.UpdateProjectRequestObject) (api.UpdateProjectResponseObject, error) {
	p, err := s.ProjectAuth.RenameProject(ctx, actor(ctx), req.Project, deref(req.Body).Name)
	if err != nil {
		return nil, err
	}
	return api.UpdateProject200JSONResponse(project(p)), nil
}

func (s *Server) DeleteProject(ctx context.Context, req api.DeleteProjectRequestObject) (api.DeleteProjectResponseObject, error) {
	if err := s.ProjectAuth.DeleteProject(ctx, actor(ctx), req.Project); err != nil {
		return nil, err
	}
	return api.DeleteProject204Response{}, nil
}

func (s *Server) ListProjectMembers(ctx context.Context, req api.ListProjectMembersRequestObject) (api.ListProjectMembersResponseObject, error) {
	list, err := s.ProjectAuth.ListMembers(ctx, actor(ctx), req.Project)
	if err != nil {
		return nil, err
	}
	return api.ListProjectMembers200JSONResponse(convertAll(list, projectMember)), nil
}

func (s *Server) AddProjectMember(ctx context.Context, req api.AddProjectMemberRequestObject) (api.AddProjectMemberResponseObject, error) {
	if err := s.ProjectAuth.AddMember(ctx, actor(ctx), req.Project, req.User); err != nil {
		return nil, err
	}
	return api.AddProjectMember204Response{}, nil
}

func (s *Server) RemoveProjectMember(ctx context.Context, req api.RemoveProjectMemberRequestObject) (api.RemoveProjectMemberResponseObject, error) {
	if err := s.ProjectAuth.RemoveMember(ctx, actor(ctx), req.Project, req.User); err != nil {
		return nil, err
	}
	return api.RemoveProjectMember204Response{}, nil
}

func project(p store.Project) api.Project {
	return api.Project{Id: p.ID, Name: p.Name, CreatedAt: p.CreatedAt}
}

func projectMember(m store.ProjectMember) api.ProjectMember {
	return api.ProjectMember{UserId: m.UserID, Username: m.Username, AddedAt: m.AddedAt}
}
