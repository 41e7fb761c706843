package sqlrow

import (
	"strings"

	"github.com/gitauthd/gitauthd/internal/store"
)

// EncodeRoles is the roles column value of a role set: the normalized roles
// joined by commas ("" for a plain member).
func EncodeRoles(roles []string) string { return strings.Join(store.NormalizeRoles(roles), ",") }

// DecodeRoles reads a roles column value written by EncodeRoles.
func DecodeRoles(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// IsOwnerSQL is the condition, the same in both engines, that a users row's
// roles column holds the owner role.
const IsOwnerSQL = `(',' || roles || ',') LIKE '%,` + store.RoleOwner + `,%'`
