package dbcrypt_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/store/dbcrypt"
)

func TestCipher(t *testing.T) {
	key := testKey(0)
	c := keys(t, 0)[0]
	sum := sha256.Sum256(key)
	require.Equal(t, hex.EncodeToString(sum[:])[:7], c.ID())

	x, err := c.Encrypt("gho_secret")
	require.NoError(t, err)
	y, err := c.Encrypt("gho_secret")
	require.NoError(t, err)
	require.NotEqual(t, x, y, "a random nonce per value")
	raw, err := base64.StdEncoding.DecodeString(x)
	require.NoError(t, err)
	require.Len(t, raw, 12+len("gho_secret")+16, "nonce, ciphertext, tag")

	plain, err := c.Decrypt(x)
	require.NoError(t, err)
	require.Equal(t, "gho_secret", plain)

	raw[len(raw)-1] ^= 1
	_, err = c.Decrypt(base64.StdEncoding.EncodeToString(raw))
	require.Error(t, err, "tampered")
	_, err = keys(t, 1)[0].Decrypt(x)
	require.Error(t, err, "another key")
	for _, bad := range []string{"", "not base64!", "AAAA"} {
		_, err = c.Decrypt(bad)
		require.Error(t, err, bad)
	}
	_, err = dbcrypt.NewCipher(key[:16])
	require.Error(t, err, "AES-256 only")
	_, err = dbcrypt.Cipher{}.Encrypt("x")
	require.Error(t, err)
}

func TestGenerateKey(t *testing.T) {
	a, err := dbcrypt.GenerateKey()
	require.NoError(t, err)
	b, err := dbcrypt.GenerateKey()
	require.NoError(t, err)
	require.NotEqual(t, a, b)
	ciphers, err := dbcrypt.ParseKeys([]string{a, b})
	require.NoError(t, err)
	require.Len(t, ciphers, 2)
}

func TestParseKeys(t *testing.T) {
	k0 := base64.StdEncoding.EncodeToString(testKey(0))
	k1 := base64.StdEncoding.EncodeToString(testKey(1))
	ciphers, err := dbcrypt.ParseKeys([]string{k1, " " + k0 + "\n"})
	require.NoError(t, err)
	require.Equal(t, []string{keys(t, 1)[0].ID(), keys(t, 0)[0].ID()},
		[]string{ciphers[0].ID(), ciphers[1].ID()}, "in order; white space ignored")

	none, err := dbcrypt.ParseKeys(nil)
	require.NoError(t, err)
	require.Empty(t, none)

	short := base64.StdEncoding.EncodeToString(testKey(2)[:31])
	for name, tc := range map[string]struct {
		keys []string
		want string
	}{
		"NotBase64": {[]string{k0, "%%" + k1}, "key 1 is not valid base64"},
		"URLBase64": {[]string{base64.URLEncoding.EncodeToString(make([]byte, 31)) + "_-"}, "key 0"},
		"Short":     {[]string{k0, k1, short}, "key 2 is 31 bytes"},
		"Duplicate": {[]string{k0, k1, k0}, "keys 0 and 2"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := dbcrypt.ParseKeys(tc.keys)
			require.ErrorContains(t, err, tc.want)
			for _, k := range tc.keys {
				require.NotContains(t, err.Error(), k, "the key is never printed")
			}
		})
	}
}
