package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOperationsGuideIsCurrent fails when docs/operations.md does not show
// the options and metrics the code has: run make docs.
func TestOperationsGuideIsCurrent(t *testing.T) {
	file := filepath.Join("..", "..", "..", "..", "docs", "operations.md")
	old, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	updated, err := Generate(string(old))
	if err != nil {
		t.Fatal(err)
	}
	if updated != string(old) {
		t.Fatalf("%s is stale: run make docs (go run ./internal/deployment/cmd/gendocs)", file)
	}
	for _, want := range []string{"`--rate-limit-api`", "`GITAUTHD_PROMETHEUS_ADDRESS`", "`gitauthd_http_requests_total`"} {
		if !strings.Contains(updated, want) {
			t.Errorf("the guide does not mention %s", want)
		}
	}
}

func TestGenerateNeedsMarkers(t *testing.T) {
	if _, err := Generate("# no markers\n"); err == nil {
		t.Fatal("a document without markers was accepted")
	}
}
