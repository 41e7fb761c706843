package e2e

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/apitest"
	"github.com/gitauthd/gitauthd/internal/fakeprovider"
	"github.com/gitauthd/gitauthd/internal/server"

	_ "modernc.org/sqlite"
)

// TestBackupRestore follows docs/operations.md: an online backup of the
// embedded database of a running server (VACUUM INTO, and sqlite3's .backup
// when the shell is installed), plus the key file, restored into a new data
// directory, serves the same users and linked accounts.
func TestBackupRestore(t *testing.T) {
	t.Parallel()
	fake := fakeprovider.StartTest(t, fakeprovider.Options{Dialect: fakeprovider.GitHub, Logf: func(string, ...any) {}})
	env := fake.Env(0, "fake", "")
	data := t.TempDir()
	s := apitest.StartEnv(t, env, "--data-dir", data)
	owner := s.CreateOwner(t)
	opsLinkDevice(t, s, fake, owner.Token, "fake")

	// The backups are taken while the server runs (and writes: WAL mode).
	backups := map[string]string{"vacuum-into": t.TempDir()}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, server.DatabaseFile)+"?_pragma=busy_timeout(10000)")
	require.NoError(t, err)
	_, err = db.Exec(`VACUUM INTO ?`, filepath.Join(backups["vacuum-into"], server.DatabaseFile))
	require.NoError(t, err)
	require.NoError(t, db.Close())
	if shell, err := exec.LookPath("sqlite3"); err == nil {
		backups["sqlite3-backup"] = t.TempDir()
		out, err := exec.Command(shell, filepath.Join(data, server.DatabaseFile), ".timeout 10000",
			".backup '"+filepath.Join(backups["sqlite3-backup"], server.DatabaseFile)+"'").CombinedOutput()
		require.NoError(t, err, "%s", out)
	}
	for _, dir := range backups {
		copyFile(t, filepath.Join(data, server.KeyFile), filepath.Join(dir, server.KeyFile))
	}

	// Made after the backups: gone once they are restored.
	s.CreateMember(t, owner, "late")
	s.Stop()

	for name, dir := range backups {
		t.Run(name, func(t *testing.T) {
			r := apitest.StartEnv(t, env, "--data-dir", dir)
			res, body := r.Do(http.MethodGet, "/readyz", "", nil)
			require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
			// The session made before the backup works again.
			link, err := r.Client(owner.Token).GetExternalAuthByIDWithResponse(context.Background(), "fake")
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, link.StatusCode(), "%s", link.Body)
			assert.True(t, link.JSON200.Authenticated, "the restored token decrypts and validates")
			// The password works; the user made after the backup is gone.
			r.Login(t, owner.Email, apitest.Password)
			res, body = r.Do(http.MethodGet, "/api/v2/users/late", "", auth(owner.Token))
			assert.Equal(t, http.StatusNotFound, res.StatusCode, "%s", body)
			assert.False(t, strings.Contains(string(body), `"username":"late"`))
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	require.NoError(t, err)
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	require.NoError(t, err)
	_, err = io.Copy(out, in)
	require.NoError(t, err)
	require.NoError(t, out.Close())
}
