//go:build unix

package pgtest

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"syscall"
)

// PostgreSQL refuses to run as root; as root, the cluster belongs to the
// "postgres" account (which Debian's package creates).
const serverAccount = "postgres"

// account returns the uid and gid the server runs as, or ok false to run
// as the current user.
func account() (uid, gid int, ok bool, err error) {
	if os.Geteuid() != 0 {
		return 0, 0, false, nil
	}
	u, err := user.Lookup(serverAccount)
	if err != nil {
		return 0, 0, false, fmt.Errorf("running as root needs the %q account to run PostgreSQL as: %w", serverAccount, err)
	}
	uid, _ = strconv.Atoi(u.Uid)
	gid, _ = strconv.Atoi(u.Gid)
	return uid, gid, true, nil
}

// ownDir gives dir to the server's account.
func ownDir(dir string) error {
	uid, gid, ok, err := account()
	if err != nil || !ok {
		return err
	}
	return os.Chown(dir, uid, gid)
}

// asOwner makes cmd run as the server's account.
func asOwner(cmd *exec.Cmd) {
	uid, gid, ok, err := account()
	if err != nil || !ok {
		return
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	cmd.Env = append(os.Environ(), "HOME="+os.TempDir())
}
