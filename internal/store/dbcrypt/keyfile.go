package dbcrypt

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// LoadOrCreateKeyFile returns the encryption key kept in the file at path,
// base64-encoded as ParseKeys takes it. On first start, when the file does
// not exist, it creates one holding a new random key (mode 0600, in a
// directory created with mode 0700); the new file appears complete or not
// at all, even if two processes start at once. It refuses a file that is
// not a regular file, whose permissions are wider than 0600, or that does
// not hold a valid key; its errors never contain the key.
func LoadOrCreateKeyFile(path string) (string, error) {
	key, err := readKeyFile(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	if err := createKeyFile(path); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", err
	}
	// Read back what is there now: ours, or another process's if it won.
	return readKeyFile(path)
}

// GenerateKey returns a new random key, base64-encoded as ParseKeys takes
// it.
func GenerateKey() (string, error) {
	raw := make([]byte, KeySize)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("dbcrypt: generate key: %w", err)
	}
	return base64.StdEncoding.EncodeToString(raw), nil
}

// readKeyFile reads and checks the key file; an error wrapping
// fs.ErrNotExist means there is none.
func readKeyFile(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("dbcrypt: key file: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("dbcrypt: key file %s is not a regular file", path)
	}
	if perm := fi.Mode().Perm(); perm&^0o600 != 0 && runtime.GOOS != "windows" {
		return "", fmt.Errorf("dbcrypt: key file %s has permissions %04o, wider than 0600; "+
			"restrict them (chmod 600) and consider the key exposed", path, perm)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("dbcrypt: key file: %w", err)
	}
	key := strings.TrimSpace(string(raw))
	if _, err := ParseKeys([]string{key}); err != nil {
		return "", fmt.Errorf("dbcrypt: key file %s does not hold a base64 %d-byte key", path, KeySize)
	}
	return key, nil
}

// createKeyFile writes a new random key to a temporary file beside path and
// links it to path, which fails with fs.ErrExist if path appeared meanwhile.
func createKeyFile(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("dbcrypt: create key file directory: %w", err)
	}
	key, err := GenerateKey()
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".key-*") // created with mode 0600
	if err != nil {
		return fmt.Errorf("dbcrypt: create key file: %w", err)
	}
	defer func() { _ = os.Remove(tmp.Name()) }()
	_, err = tmp.WriteString(key + "\n")
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("dbcrypt: write key file: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		return fmt.Errorf("dbcrypt: create key file: %w", err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes a new directory entry durable where the platform allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
