package general

import "testing"

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"v1.2.3", "1.2.3", 0},
		{"v1.2.3", "v1.2.4", -1},
		{"v1.10.0", "v1.9.9", 1},
		{"v2.0.0", "v10.0.0", -1},
		{"v1.2.3+build.5", "v1.2.3", 0},
		{"v1.0.0-alpha", "v1.0.0", -1},
		{"v1.0.0", "v1.0.0-rc.1", 1},
		// The semver.org precedence example, in order.
		{"1.0.0-alpha", "1.0.0-alpha.1", -1},
		{"1.0.0-alpha.1", "1.0.0-alpha.beta", -1},
		{"1.0.0-alpha.beta", "1.0.0-beta", -1},
		{"1.0.0-beta", "1.0.0-beta.2", -1},
		{"1.0.0-beta.2", "1.0.0-beta.11", -1},
		{"1.0.0-beta.11", "1.0.0-rc.1", -1},
		{"1.0.0-rc.1", "1.0.0", -1},
		{"v0.0.0-devel", "v0.0.1", -1},
		{"v0.0.0-devel", "v0.0.0-devel", 0},
	}
	for _, tt := range tests {
		got, err := compareVersions(tt.a, tt.b)
		if err != nil || got != tt.want {
			t.Errorf("compare(%s, %s) = %d, %v; want %d", tt.a, tt.b, got, err, tt.want)
		}
		if back, _ := compareVersions(tt.b, tt.a); back != -tt.want {
			t.Errorf("compare(%s, %s) = %d; want %d", tt.b, tt.a, back, -tt.want)
		}
	}
	for _, bad := range []string{"", "v1", "1.2", "1.2.x", "v1.2.3-", "1.2.3-a..b", "latest", "1.2.3.4"} {
		if _, err := parseSemver(bad); err == nil {
			t.Errorf("parseSemver(%q) succeeded", bad)
		}
	}
}
