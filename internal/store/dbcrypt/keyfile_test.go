package dbcrypt_test

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store/dbcrypt"
)

func TestKeyFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX permissions only")
	}
	dir := filepath.Join(t.TempDir(), "secrets")
	path := filepath.Join(dir, "external-token.key")

	key, err := dbcrypt.LoadOrCreateKeyFile(path)
	require.NoError(t, err)
	ciphers, err := dbcrypt.ParseKeys([]string{key})
	require.NoError(t, err, "a usable key")
	require.Len(t, ciphers, 1)
	for name, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(name)
		require.NoError(t, err)
		require.Equal(t, want, fi.Mode().Perm(), filepath.Base(name))
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file left behind")

	again, err := dbcrypt.LoadOrCreateKeyFile(path)
	require.NoError(t, err)
	require.Equal(t, key, again, "the same key on the next start")

	require.NoError(t, os.Chmod(path, 0o400))
	_, err = dbcrypt.LoadOrCreateKeyFile(path)
	require.NoError(t, err, "narrower than 0600 is fine")

	for _, perm := range []os.FileMode{0o644, 0o640, 0o604, 0o700} {
		require.NoError(t, os.Chmod(path, perm))
		_, err = dbcrypt.LoadOrCreateKeyFile(path)
		require.ErrorContains(t, err, "wider than 0600", perm.String())
		require.NotContains(t, err.Error(), key)
	}
}

func TestKeyFileInvalid(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "key")
	const junk = "not-a-key-but-maybe-a-secret"
	require.NoError(t, os.WriteFile(path, []byte(junk), 0o600))
	_, err := dbcrypt.LoadOrCreateKeyFile(path)
	require.ErrorContains(t, err, "does not hold")
	require.NotContains(t, err.Error(), junk)

	_, err = dbcrypt.LoadOrCreateKeyFile(dir)
	require.ErrorContains(t, err, "not a regular file")
}

// TestKeyFileConcurrentCreation stands in for two processes starting at
// once: every caller gets the same key.
func TestKeyFileConcurrentCreation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key")
	got := make([]string, 10)
	errs := make([]error, len(got))
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i], errs[i] = dbcrypt.LoadOrCreateKeyFile(path) })
	}
	wg.Wait()
	for i := range got {
		require.NoError(t, errs[i])
		require.Equal(t, got[0], got[i])
	}
}
