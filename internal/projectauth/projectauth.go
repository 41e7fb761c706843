// Package projectauth owns ServiceStage-style project Git authorizations:
// named credentials that belong to a project rather than to a person.
//
// Projects are created by the owner and reached by their members. This
// version of gitauthd has no project operations yet, so no project exists
// and every project id answers as unknown (404), exactly as a project the
// caller is not a member of will.
package projectauth

import (
	"context"
	"fmt"

	"github.com/gitauthd/gitauthd/internal/errs"
)

// Service answers the project authorization operations.
type Service struct{}

// New returns a Service.
func New() *Service { return &Service{} }

// Project checks that the project exists and that the caller may reach it.
func (s *Service) Project(_ context.Context, projectID string) error {
	return errs.NotFound().WithCode("SVCSTG.REPO.0404").WithDetail(fmt.Sprintf("project %q not found", projectID))
}
