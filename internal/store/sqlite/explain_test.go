package sqlite

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// hotQueries are the lookups of the hot paths (authentication, link
// reads, git credentials, the ServiceStage list), as the engine runs them
// (columns aside, which do not change a plan).
var hotQueries = map[string]string{
	"api key by id":             `SELECT * FROM api_keys WHERE id = ?`,
	"user by id":                `SELECT * FROM users WHERE id = ?`,
	"link by user and provider": `SELECT * FROM external_auth_links WHERE user_id = ? AND provider_id = ?`,
	"project by id":             `SELECT id, name, created_at FROM projects WHERE id = ?`,
	"membership":                `SELECT EXISTS (SELECT 1 FROM project_members WHERE project_id = ? AND user_id = ?)`,
	"project's authorizations":  `SELECT * FROM project_git_auths WHERE project_id = ? ORDER BY created_at, seq`,
	"authorization by name":     `SELECT * FROM project_git_auths WHERE project_id = ? AND name = ?`,
}

// Every hot lookup is an index search: no full scan of a table, no sort.
func TestHotQueriesUseIndexes(t *testing.T) {
	s := openFileStore(t, filepath.Join(t.TempDir(), "gitauthd.db"))
	for name, q := range hotQueries {
		rows, err := s.reader.QueryContext(t.Context(), `EXPLAIN QUERY PLAN `+q, "a", "b")
		require.NoError(t, err, name)
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			require.NoError(t, rows.Scan(&id, &parent, &unused, &detail))
			plan = append(plan, detail)
		}
		require.NoError(t, rows.Err())
		rows.Close()
		text := strings.Join(plan, "; ")
		t.Logf("%s: %s", name, text)
		require.NotEmpty(t, plan, name)
		for _, step := range plan {
			require.False(t, strings.HasPrefix(step, "SCAN ") && step != "SCAN CONSTANT ROW", "%s: a full scan: %s", name, text)
			require.NotContains(t, step, "TEMP B-TREE", "%s: a sort: %s", name, text)
		}
		require.Contains(t, text, "USING ", "%s: no index: %s", name, text)
	}
}
