package handlers

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/errs"
)

func (s *Server) ApiRoot(context.Context, api.ApiRootRequestObject) (api.ApiRootResponseObject, error) {
	return api.ApiRoot200JSONResponse{Message: "👋"}, nil
}

func (s *Server) GetBuildInfo(context.Context, api.GetBuildInfoRequestObject) (api.GetBuildInfoResponseObject, error) {
	return s.buildInfo()
}

// buildInfoAnswer is GET /buildinfo's answer.
func (s *Server) buildInfoAnswer() api.GetBuildInfo200JSONResponse {
	a := s.General.About()
	return api.GetBuildInfo200JSONResponse{
		Version:               a.Version,
		ExternalUrl:           a.AccessURL,
		DashboardUrl:          a.AccessURL,
		DeploymentId:          a.DeploymentID,
		AgentApiVersion:       "2.0",
		ProvisionerApiVersion: "1.0",
	}
}

// encodeBuildInfo encodes buildInfoAnswer as the generated response type
// writes it (json.Encoder: a newline at the end).
func (s *Server) encodeBuildInfo() (api.GetBuildInfoResponseObject, error) {
	b, err := json.Marshal(s.buildInfoAnswer())
	return encodedBuildInfo(append(b, '\n')), err
}

// encodedBuildInfo is GET /buildinfo's answer as bytes, written as the
// generated GetBuildInfo200JSONResponse writes its encoding.
type encodedBuildInfo []byte

func (b encodedBuildInfo) VisitGetBuildInfoResponse(w http.ResponseWriter) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(b)
	return err
}

func (s *Server) ReportCSPViolations(ctx context.Context, req api.ReportCSPViolationsRequestObject) (api.ReportCSPViolationsResponseObject, error) {
	body := req.JSONBody
	if body == nil && req.Body != nil { // application/csp-report, already validated as JSON
		body = &api.CSPViolation{}
		if err := json.NewDecoder(req.Body).Decode(body); err != nil {
			return nil, errs.Invalid("body", err.Error())
		}
	}
	var report map[string]any
	if body != nil && body.CspReport != nil {
		report = *body.CspReport
	}
	s.General.ReportCSP(ctx, report)
	return api.ReportCSPViolations200JSONResponse("ok"), nil
}

func (s *Server) GetDeploymentConfig(ctx context.Context, _ api.GetDeploymentConfigRequestObject) (api.GetDeploymentConfigResponseObject, error) {
	values, options, err := s.General.Config(actor(ctx))
	if err != nil {
		return nil, err
	}
	cfg := deploymentValues(values)
	cfg.ExternalAuth = externalAuthConfigs(s.ExternalAuth.Providers())
	return api.GetDeploymentConfig200JSONResponse{Config: cfg, Options: serpentOptions(options)}, nil
}

func (s *Server) GetDeploymentSSHConfig(context.Context, api.GetDeploymentSSHConfigRequestObject) (api.GetDeploymentSSHConfigResponseObject, error) {
	prefix, options := s.General.SSHConfig()
	return api.GetDeploymentSSHConfig200JSONResponse{HostnamePrefix: prefix, SshConfigOptions: options}, nil
}

func (s *Server) GetDeploymentStats(ctx context.Context, _ api.GetDeploymentStatsRequestObject) (api.GetDeploymentStatsResponseObject, error) {
	st, err := s.General.DeploymentStats(ctx, actor(ctx))
	if err != nil {
		return nil, err
	}
	return api.GetDeploymentStats200JSONResponse{
		CollectedAt:    st.CollectedAt,
		AggregatedFrom: st.AggregatedFrom,
		NextUpdateAt:   st.NextUpdateAt,
	}, nil
}

func (s *Server) GetEnabledExperiments(context.Context, api.GetEnabledExperimentsRequestObject) (api.GetEnabledExperimentsResponseObject, error) {
	return api.GetEnabledExperiments200JSONResponse(s.General.Values.EnabledExperiments()), nil
}

func (s *Server) GetSafeExperiments(context.Context, api.GetSafeExperimentsRequestObject) (api.GetSafeExperimentsResponseObject, error) {
	return api.GetSafeExperiments200JSONResponse(s.General.SafeExperiments()), nil
}

func (s *Server) GetUpdateCheck(ctx context.Context, _ api.GetUpdateCheckRequestObject) (api.GetUpdateCheckResponseObject, error) {
	r := s.General.UpdateCheck(ctx)
	return api.GetUpdateCheck200JSONResponse{Current: r.Current, Version: r.Version, Url: r.URL}, nil
}

func (s *Server) GetTokenConfig(ctx context.Context, req api.GetTokenConfigRequestObject) (api.GetTokenConfigResponseObject, error) {
	max, err := s.Identity.TokenConfig(ctx, actor(ctx), req.User)
	if err != nil {
		return nil, err
	}
	return api.GetTokenConfig200JSONResponse{MaxTokenLifetime: int64(max)}, nil
}
