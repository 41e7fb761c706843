package deployment

import "testing"

// TestTestEnvIgnored: the tests' own GITAUTHD_TEST_ variables, exported by
// scripts/ci-postgres.sh, do not stop a server from starting in that shell;
// other unknown GITAUTHD_ variables still do.
func TestTestEnvIgnored(t *testing.T) {
	if _, _, err := Load(nil, []string{
		"GITAUTHD_TEST_POSTGRES_URL=postgres://gitauthd@127.0.0.1:5432/gitauthd_test",
		"GITAUTHD_TEST_POSTGRES_BINDIR=bin",
	}); err != nil {
		t.Fatalf("Load: %v", err)
	}
	if _, _, err := Load(nil, []string{"GITAUTHD_TESTS=1"}); err == nil {
		t.Fatal("an unknown GITAUTHD_ variable is still refused")
	}
}
