// Package externalauth owns the external auth providers (GitHub, GitLab, …)
// and the users' links to them.
//
// Providers come from the server's configuration. This version of gitauthd
// has no provider options yet, so the set is empty and every provider id is
// unknown: the API answers 404 for it, as it will for any id that is not
// configured.
package externalauth

import (
	"context"
	"fmt"

	"github.com/gitauthd/gitauthd/internal/errs"
)

// Provider is one configured external auth provider.
type Provider struct {
	ID          string
	Type        string
	DisplayName string
}

// Service answers the external auth operations.
type Service struct {
	providers map[string]Provider
}

// New returns a Service over the configured providers.
func New(providers []Provider) *Service {
	s := &Service{providers: make(map[string]Provider, len(providers))}
	for _, p := range providers {
		s.providers[p.ID] = p
	}
	return s
}

// Provider returns the configured provider with the given id, or a 404.
func (s *Service) Provider(_ context.Context, id string) (Provider, error) {
	p, ok := s.providers[id]
	if !ok {
		return Provider{}, errs.NotFound().WithDetail(fmt.Sprintf("external auth provider %q is not configured", id))
	}
	return p, nil
}
