package postgres

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store/postgres/pgtest"
)

// hotQueries are the lookups of the hot paths (authentication, link
// reads, git credentials, the ServiceStage list), as the engine runs them
// (columns aside, which do not change a plan; literals for parameters).
var hotQueries = map[string]string{
	"api key by id":             `SELECT * FROM api_keys WHERE id = 'abcdefghij'`,
	"user by id":                `SELECT * FROM users WHERE id = '00000000-0000-0000-0000-000000000001'`,
	"link by user and provider": `SELECT * FROM external_auth_links WHERE user_id = '00000000-0000-0000-0000-000000000001' AND provider_id = 'github'`,
	"project by id":             `SELECT id, name, created_at FROM projects WHERE id = 'p'`,
	"membership":                `SELECT EXISTS (SELECT 1 FROM project_members WHERE project_id = 'p' AND user_id = '00000000-0000-0000-0000-000000000001')`,
	"project's authorizations":  `SELECT * FROM project_git_auths WHERE project_id = 'p' ORDER BY created_at, seq`,
	"authorization by name":     `SELECT * FROM project_git_auths WHERE project_id = 'p' AND name = 'ci'`,
}

// Every hot lookup can be served by an index with no sort: with
// sequential scans priced out (the tables are empty, where a scan would
// win), each plan is an index scan.
func TestHotQueriesUseIndexes(t *testing.T) {
	url := pgtest.URL(t)
	openStore(t, url) // migrates
	conn, err := pgx.Connect(t.Context(), url)
	require.NoError(t, err)
	defer conn.Close(context.Background())
	_, err = conn.Exec(t.Context(), `SET enable_seqscan = off`)
	require.NoError(t, err)
	for name, q := range hotQueries {
		rows, err := conn.Query(t.Context(), `EXPLAIN `+q)
		require.NoError(t, err, name)
		var plan []string
		for rows.Next() {
			var line string
			require.NoError(t, rows.Scan(&line))
			plan = append(plan, strings.TrimSpace(line))
		}
		require.NoError(t, rows.Err(), name)
		text := strings.Join(plan, "; ")
		t.Logf("%s: %s", name, text)
		require.NotContains(t, text, "Seq Scan", "%s: a full scan: %s", name, text)
		require.NotContains(t, text, "Sort", "%s: a sort: %s", name, text)
		require.Contains(t, text, "Index", "%s: no index: %s", name, text)
	}
}
