package general

import "testing"

func TestCurrentBuildInfo(t *testing.T) {
	savedV, savedC := Version, Commit
	t.Cleanup(func() { Version, Commit = savedV, savedC })

	if savedV != "v0.0.0-devel" {
		t.Errorf("default Version = %q", savedV)
	}
	if _, err := parseSemver(savedV); err != nil {
		t.Errorf("default Version is not semver: %v", err)
	}
	Version, Commit = "v1.2.3", "abc123"
	bi := CurrentBuildInfo()
	if bi.Version != "v1.2.3" || bi.Commit != "abc123" || bi.ExternalURL != RepositoryURL+"/commit/abc123" {
		t.Errorf("CurrentBuildInfo = %+v", bi)
	}
	if got := externalURL(""); got != RepositoryURL {
		t.Errorf("externalURL(\"\") = %q", got)
	}
}
