package handlers

import (
	"context"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/store"
)

func (s *Server) GetAuditLogs(ctx context.Context, req api.GetAuditLogsRequestObject) (api.GetAuditLogsResponseObject, error) {
	p := req.Params
	page, err := s.Audit.List(ctx, actor(ctx), deref(p.Q), deref(p.Offset), deref(p.Limit))
	if err != nil {
		return nil, err
	}
	out := make([]api.AuditLog, 0, len(page.Records))
	for _, r := range page.Records {
		out = append(out, s.auditLog(r, page.Users))
	}
	return api.GetAuditLogs200JSONResponse{AuditLogs: out, Count: page.Count}, nil
}

// auditLog is a record in codersdk's AuditLog shape.
func (s *Server) auditLog(r store.AuditRecord, users map[uuid.UUID]store.User) api.AuditLog {
	requestID, err := uuid.Parse(r.RequestID)
	if err != nil {
		requestID = uuid.Nil
	}
	l := api.AuditLog{
		Id:             r.ID,
		RequestId:      requestID,
		Time:           r.Time,
		Ip:             r.IP,
		UserAgent:      r.UserAgent,
		ResourceType:   r.ResourceType,
		ResourceId:     r.ResourceUUID,
		ResourceTarget: r.ResourceTarget,
		Action:         r.Action,
		Diff:           map[string]any{},
		StatusCode:     int32(r.StatusCode),
		AdditionalFields: api.AuditFields{
			Result:        api.AuditFieldsResult(audit.Result(r.Allowed)),
			ApiKeyId:      r.APIKeyID,
			ProviderId:    r.ProviderID,
			RepositoryUrl: r.RepositoryURL,
			ResourceId:    r.ResourceID,
			Username:      r.Username,
		},
		Description:    audit.Describe(r),
		OrganizationId: s.General.OrganizationID(),
	}
	if u, ok := users[r.UserID]; ok {
		au := s.user(u)
		l.User = &au
	}
	return l
}
