// Package systemd holds the systemd unit of gitauthd and its environment
// file example; the test checks that both work with this build.
package systemd

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/internal/deployment"
)

// envFile reads KEY=VALUE lines, skipping comments and blank lines.
func envFile(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var env []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		require.Contains(t, l, "=", "not KEY=VALUE: %q", l)
		env = append(env, l)
	}
	require.NoError(t, sc.Err())
	return env
}

// The environment file and the unit's Environment= lines are options this
// server knows (an unknown GITAUTHD_ variable stops it at start), and the
// commented-out examples are valid too.
func TestEnvironmentIsConfiguration(t *testing.T) {
	unit, err := os.ReadFile("gitauthd.service")
	require.NoError(t, err)
	env := envFile(t, "gitauthd.env")
	for _, m := range regexp.MustCompile(`(?m)^Environment=(\S+)$`).FindAllStringSubmatch(string(unit), -1) {
		env = append(env, m[1])
	}
	v, _, err := deployment.Load(nil, env)
	require.NoError(t, err)
	require.Equal(t, "0.0.0.0:3000", v.HTTPAddress)
	require.Equal(t, "/var/lib/gitauthd", v.DataDir)
	require.Len(t, v.ExternalAuth, 1)

	raw, err := os.ReadFile("gitauthd.env")
	require.NoError(t, err)
	var commented []string
	for _, m := range regexp.MustCompile(`(?m)^#(GITAUTHD_[A-Z0-9_]+)=(.*)$`).FindAllStringSubmatch(string(raw), -1) {
		val := m[2]
		if val == "" {
			val = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" // a 32-byte key, as the comment says to make
		}
		commented = append(commented, m[1]+"="+val)
	}
	require.NotEmpty(t, commented)
	_, _, err = deployment.Load(nil, append(env, commented...))
	require.NoError(t, err)
}

// The unit runs what `make install` installs, with the hardening options.
func TestUnitHardening(t *testing.T) {
	unit, err := os.ReadFile("gitauthd.service")
	require.NoError(t, err)
	for _, d := range []string{
		"ExecStart=/usr/local/bin/gitauthd server", "DynamicUser=yes", "StateDirectory=gitauthd",
		"NoNewPrivileges=yes", "CapabilityBoundingSet=\n", "ProtectSystem=strict", "ProtectHome=yes",
		"PrivateTmp=yes", "PrivateDevices=yes", "MemoryDenyWriteExecute=yes",
		"RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "SystemCallFilter=@system-service",
	} {
		require.Contains(t, string(unit), d)
	}
}

// systemd itself accepts the unit (no unknown or invalid directive) and
// rates its exposure low, where systemd-analyze is installed.
func TestUnitVerifies(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed (apt-get install -y systemd)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "gitauthd")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/gitauthd/gitauthd/cmd/server").CombinedOutput()
	require.NoError(t, err, "%s", out)
	envPath, err := filepath.Abs("gitauthd.env")
	require.NoError(t, err)
	unit, err := os.ReadFile("gitauthd.service")
	require.NoError(t, err)
	local := strings.NewReplacer("/usr/local/bin/gitauthd", bin, "/etc/gitauthd/gitauthd.env", envPath).Replace(string(unit))
	unitPath := filepath.Join(dir, "gitauthd.service")
	require.NoError(t, os.WriteFile(unitPath, []byte(local), 0o644))

	out, err = exec.Command(analyze, "verify", unitPath).CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.NotRegexp(t, `(?i)unknown|invalid|failed|ignoring`, string(out))

	out, err = exec.Command(analyze, "security", "--offline=yes", unitPath).CombinedOutput()
	require.NoError(t, err, "%s", out)
	m := regexp.MustCompile(`Overall exposure level for \S+: ([0-9.]+)`).FindSubmatch(out)
	require.NotNil(t, m, "%s", out)
	level, err := strconv.ParseFloat(string(m[1]), 64)
	require.NoError(t, err)
	t.Logf("systemd-analyze security: exposure %.1f", level)
	require.LessOrEqual(t, level, 2.0, "exposure level (0 safest, 10 unsafe)")
}
