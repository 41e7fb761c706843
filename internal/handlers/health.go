package handlers

import (
	"context"

	"github.com/gitauthd/gitauthd/gen/api"
)

func (s *Server) GetHealthz(context.Context, api.GetHealthzRequestObject) (api.GetHealthzResponseObject, error) {
	return api.GetHealthz200TextResponse("ok"), nil
}

func (s *Server) GetReadyz(ctx context.Context, _ api.GetReadyzRequestObject) (api.GetReadyzResponseObject, error) {
	r := s.General.Ready(ctx)
	body := api.Readiness{Status: api.ReadinessOK, Checks: r.Checks}
	if !r.OK {
		body.Status = api.ReadinessUnavailable
		return api.GetReadyz503JSONResponse(body), nil
	}
	return api.GetReadyz200JSONResponse(body), nil
}
