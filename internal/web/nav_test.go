package web

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/store"
)

func TestNavFollowsRoles(t *testing.T) {
	paths := func(roles ...string) []string {
		var out []string
		for _, l := range navFor(identity.Actor{User: store.User{Roles: roles}}, "/tokens") {
			out = append(out, l.Path)
			assert.Equal(t, l.Path == "/tokens", l.Current, l.Path)
		}
		return out
	}
	assert.Equal(t, []string{"/", "/tokens", "/projects"}, paths())
	assert.Equal(t, []string{"/", "/tokens", "/projects", "/users", "/audit"}, paths(store.RoleOwner))
	assert.Equal(t, []string{"/", "/tokens", "/projects", "/users"}, paths(store.RoleUserAdmin))
	assert.Equal(t, []string{"/", "/tokens", "/projects", "/audit"}, paths(store.RoleAuditor))
}
