package dbcrypt

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the size of an encryption key in bytes (AES-256).
const KeySize = 32

// nonceSize is the size of the random nonce prepended to each ciphertext.
const nonceSize = 12

// idLen is the length of a key id: that many hex digits of SHA-256(key).
const idLen = 7

// Cipher encrypts and decrypts values with one AES-256-GCM key. A value is
// encrypted as base64 (standard encoding) of a random 12-byte nonce followed
// by the GCM ciphertext and tag, so encrypting the same value twice gives
// different results. Make Ciphers with NewCipher or ParseKeys; the zero
// Cipher cannot encrypt.
type Cipher struct {
	aead cipher.AEAD
	id   string
}

// NewCipher returns the Cipher of a 32-byte key.
func NewCipher(key []byte) (Cipher, error) {
	if len(key) != KeySize {
		return Cipher{}, fmt.Errorf("dbcrypt: a key must be %d bytes, got %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return Cipher{}, fmt.Errorf("dbcrypt: %w", err)
	}
	aead, err := cipher.NewGCMWithNonceSize(block, nonceSize)
	if err != nil {
		return Cipher{}, fmt.Errorf("dbcrypt: %w", err)
	}
	sum := sha256.Sum256(key)
	return Cipher{aead: aead, id: hex.EncodeToString(sum[:])[:idLen]}, nil
}

// ID identifies the key: the first 7 hex digits of its SHA-256. It is
// stored beside every value the key encrypts and reveals nothing useful
// about the key.
func (c Cipher) ID() string { return c.id }

// Encrypt returns the ciphertext of plaintext.
func (c Cipher) Encrypt(plaintext string) (string, error) {
	if c.aead == nil {
		return "", errors.New("dbcrypt: encrypt with an uninitialised cipher")
	}
	buf := make([]byte, nonceSize, nonceSize+len(plaintext)+c.aead.Overhead())
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("dbcrypt: make nonce: %w", err)
	}
	sealed := c.aead.Seal(buf, buf[:nonceSize], []byte(plaintext), nil)
	return base64.StdEncoding.EncodeToString(sealed), nil
}

// Decrypt returns the plaintext of a value Encrypt produced with the same
// key. It fails if the value was altered or encrypted with another key.
func (c Cipher) Decrypt(ciphertext string) (string, error) {
	if c.aead == nil {
		return "", errors.New("dbcrypt: decrypt with an uninitialised cipher")
	}
	raw, err := base64.StdEncoding.DecodeString(ciphertext)
	if err != nil {
		return "", fmt.Errorf("dbcrypt: decrypt with key %s: value is not base64", c.id)
	}
	if len(raw) < nonceSize+c.aead.Overhead() {
		return "", fmt.Errorf("dbcrypt: decrypt with key %s: value too short", c.id)
	}
	plain, err := c.aead.Open(nil, raw[:nonceSize], raw[nonceSize:], nil)
	if err != nil {
		return "", fmt.Errorf("dbcrypt: decrypt with key %s: %w", c.id, err)
	}
	return string(plain), nil
}

// ParseKeys parses keys given as base64 (standard encoding) of 32 bytes each,
// for example from --external-token-encryption-keys. The first key will
// encrypt; all of them decrypt. Surrounding white space is ignored. Errors
// name the position of the bad key, never its value; the same key given
// twice is an error.
func ParseKeys(encoded []string) ([]Cipher, error) {
	ciphers := make([]Cipher, 0, len(encoded))
	seen := make(map[string]int, len(encoded))
	for i, e := range encoded {
		key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(e))
		if err != nil {
			return nil, fmt.Errorf("dbcrypt: encryption key %d is not valid base64 (standard encoding)", i)
		}
		if len(key) != KeySize {
			return nil, fmt.Errorf("dbcrypt: encryption key %d is %d bytes, want %d", i, len(key), KeySize)
		}
		c, err := NewCipher(key)
		if err != nil {
			return nil, fmt.Errorf("dbcrypt: encryption key %d: %w", i, err)
		}
		if j, dup := seen[c.ID()]; dup {
			return nil, fmt.Errorf("dbcrypt: encryption keys %d and %d have the same id %s", j, i, c.ID())
		}
		seen[c.ID()] = i
		ciphers = append(ciphers, c)
	}
	return ciphers, nil
}
