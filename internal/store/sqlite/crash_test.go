package sqlite

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// crashChildEnv names the database a re-executed test binary writes to
// before being killed.
const crashChildEnv = "GITAUTHD_SQLITE_CRASH_CHILD_DB"

// crashKeys is how many keys the child acknowledges before it is killed.
const crashKeys = 25

// TestKilledProcessLosesNothing runs a child process that inserts keys and
// reports each one only after InsertAPIKey returned, kills it with SIGKILL,
// and checks that every acknowledged key is in the reopened database.
func TestKilledProcessLosesNothing(t *testing.T) {
	if path := os.Getenv(crashChildEnv); path != "" {
		crashChild(t, path)
		return
	}
	if runtime.GOOS == "windows" {
		t.Skip("uses SIGKILL semantics")
	}
	path := filepath.Join(t.TempDir(), DefaultFileName)
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestKilledProcessLosesNothing$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())

	var acked []string
	lines := bufio.NewScanner(out)
	for len(acked) < crashKeys && lines.Scan() {
		var id string
		if _, err := fmt.Sscanf(lines.Text(), "acked %s", &id); err == nil {
			acked = append(acked, id)
		}
	}
	require.NoError(t, cmd.Process.Kill())
	_ = cmd.Wait()
	require.Len(t, acked, crashKeys, "child acknowledged every key")

	s := openFileStore(t, path)
	require.Equal(t, "ok", queryText(t, s.writer, "PRAGMA integrity_check"))
	for _, id := range acked {
		_, err := s.GetAPIKeyByID(t.Context(), id)
		require.NoError(t, err, id)
	}
}

// crashChild is the child side: insert, acknowledge, then wait to be killed.
func crashChild(t *testing.T, path string) {
	s, err := Open(t.Context(), Options{Path: path})
	require.NoError(t, err)
	u := sampleUser("crash")
	require.NoError(t, s.InsertUser(t.Context(), u))
	for i := range crashKeys {
		k := sampleKey(u.ID, fmt.Sprintf("key%07d", i))
		require.NoError(t, s.InsertAPIKey(t.Context(), k))
		fmt.Printf("acked %s\n", k.ID)
	}
	time.Sleep(time.Minute) // killed long before this ends
	t.Fatal("child was not killed")
}
