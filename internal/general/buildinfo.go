package general

import "runtime/debug"

// Version and Commit describe the build. Set them at link time:
//
//	go build -ldflags "-X github.com/gitauthd/gitauthd/internal/general.Version=v1.2.3 \
//	  -X github.com/gitauthd/gitauthd/internal/general.Commit=$(git rev-parse HEAD)"
var (
	Version = "v0.0.0-devel"
	Commit  = ""
)

// RepositoryURL is where gitauthd's source lives; ExternalURL points into it.
const RepositoryURL = "https://github.com/gitauthd/gitauthd"

// BuildInfo describes the running build.
type BuildInfo struct {
	Version string
	// Commit is the source revision: Commit when set at link time, else the
	// VCS revision the Go toolchain stamped into the binary, else "".
	Commit string
	// ExternalURL links to the commit in the repository, or to the
	// repository when the commit is unknown.
	ExternalURL string
}

// CurrentBuildInfo returns the running build's version, commit and link.
func CurrentBuildInfo() BuildInfo {
	commit := Commit
	if commit == "" {
		commit = vcsRevision()
	}
	return BuildInfo{Version: Version, Commit: commit, ExternalURL: externalURL(commit)}
}

func externalURL(commit string) string {
	if commit == "" {
		return RepositoryURL
	}
	return RepositoryURL + "/commit/" + commit
}

func vcsRevision() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			return s.Value
		}
	}
	return ""
}
