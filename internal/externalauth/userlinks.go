package externalauth

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/store"
)

// RevokeUserLinks ends every link of a user who is being deleted: each
// link is removed, then its provider is asked to revoke the token where it
// supports revocation (best effort, like Unlink). A link whose provider is
// no longer configured is only removed. Failures are logged, never
// returned: the user's deletion removes whatever is left.
func (s *Service) RevokeUserLinks(ctx context.Context, userID uuid.UUID) {
	ctx = context.WithoutCancel(ctx) // once started, finish even if the caller hangs up
	links, err := s.store.ListExternalAuthLinks(ctx, userID)
	if err != nil {
		s.log.Warn("list external auth links of a deleted user", "user", userID, "error", err)
		return
	}
	for _, l := range links {
		if err := s.store.DeleteExternalAuthLink(ctx, userID, l.ProviderID); err != nil && !errors.Is(err, store.ErrNotFound) {
			s.log.Warn("delete external auth link of a deleted user", "user", userID, "provider", l.ProviderID, "error", err)
		}
		s.invalidate(userID, l.ProviderID)
		p, ok := s.byID[l.ProviderID]
		if !ok {
			continue
		}
		r := s.revoke(ctx, p, l.AccessToken)
		s.log.Info("external auth link of a deleted user ended", "provider", p.ID, "user", userID,
			"revoked", r.Revoked, "revoke_error", r.Error)
	}
}
