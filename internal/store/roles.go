package store

import "slices"

// NormalizeRoles returns roles sorted, without duplicates and without the
// implied RoleMember, never nil: the form engines store and return.
func NormalizeRoles(roles []string) []string {
	out := make([]string, 0, len(roles))
	for _, r := range roles {
		if r != "" && r != RoleMember {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
