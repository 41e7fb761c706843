// Command gitauthd runs the gitauthd service.
//
//	gitauthd server [options]                 start the service (see `gitauthd server --help`)
//	gitauthd server dbcrypt rotate [options]  re-encrypt stored secrets under the first key
//	gitauthd git-credential <get|store|erase> git's credential helper
//	gitauthd healthcheck [URL]                exit 0 when the server's /healthz answers 200
//	gitauthd version                          print the build's version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/gitauthd/gitauthd/internal/deployment"
	"github.com/gitauthd/gitauthd/internal/general"
	"github.com/gitauthd/gitauthd/internal/gitcredential"
	"github.com/gitauthd/gitauthd/internal/server"
)

func main() {
	os.Exit(run(os.Args[1:], os.Environ(), os.Stdout, os.Stderr))
}

func run(args, environ []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	switch args[0] {
	case "server":
		if len(args) >= 3 && args[1] == "dbcrypt" && args[2] == "rotate" {
			return rotateCmd(args[3:], environ, stdout, stderr)
		}
		return serverCmd(args[1:], environ, stdout, stderr)
	case "git-credential":
		return gitCredentialCmd(args[1:], environ, os.Stdin, stdout, stderr)
	case "healthcheck":
		return healthcheckCmd(args[1:], environ, stdout, stderr)
	case "version", "--version":
		b := general.CurrentBuildInfo()
		fmt.Fprintf(stdout, "gitauthd %s %s\n", b.Version, b.Commit)
		return 0
	case "help", "-h", "--help":
		usage(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "gitauthd: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Usage: gitauthd <command> [options]

Commands:
  server                    start the service (gitauthd server --help lists its options)
  server dbcrypt rotate     re-encrypt stored provider tokens under the first of
                            --external-token-encryption-keys (takes the server's options)
  git-credential <op>       git credential helper: git config credential.helper '!gitauthd git-credential'
                            (server URL and token from GITAUTHD_URL and GITAUTHD_SESSION_TOKEN)
  healthcheck [URL]         exit 0 when URL (default: /healthz on $GITAUTHD_HTTP_ADDRESS,
                            or 127.0.0.1:3000) answers 200: a container's health probe
  version                   print the build's version and commit
`)
}

func serverCmd(args, environ []string, stdout, stderr io.Writer) int {
	return withServerConfig(args, environ, "", "server stopped", stdout, stderr, func(v *deployment.Values, opts []*deployment.Option, logger *slog.Logger) error {
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
		defer stop()
		return server.Run(ctx, v, opts, logger, stdout)
	})
}

func rotateCmd(args, environ []string, stdout, stderr io.Writer) int {
	help := "Usage: gitauthd server dbcrypt rotate [server options]\n\n"
	return withServerConfig(args, environ, help, "rotating encryption keys failed", stdout, stderr, func(v *deployment.Values, _ []*deployment.Option, logger *slog.Logger) error {
		n, err := server.RotateKeys(context.Background(), v, logger)
		if err != nil {
			return fmt.Errorf("rotating encryption keys: %w", err)
		}
		fmt.Fprintf(stdout, "re-encrypted %d stored secrets under the first key; the other keys can now be removed\n", n)
		return nil
	})
}

// withServerConfig loads the server's options from args and environ (on
// --help it prints help and the options' usage), opens the logs and calls
// do. It returns the exit code: 2 for a bad configuration, 1 when the logs
// cannot be opened or do fails, 0 otherwise. do's error is printed once: on
// stderr, and in the logs (as failed) only when they go elsewhere.
func withServerConfig(args, environ []string, help, failed string, stdout, stderr io.Writer,
	do func(*deployment.Values, []*deployment.Option, *slog.Logger) error,
) int {
	v, opts, err := deployment.Load(args, environ)
	if errors.Is(err, deployment.ErrHelp) {
		fmt.Fprint(stdout, help)
		deployment.Usage(stdout)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "gitauthd: invalid configuration:\n%v\n", err)
		return 2
	}
	logger, closeLogs, err := server.NewLogger(v)
	if err != nil {
		fmt.Fprintf(stderr, "gitauthd: %v\n", err)
		return 1
	}
	defer closeLogs.Close()
	if err := do(v, opts, logger); err != nil {
		if !server.LogsToStderr(v) {
			logger.Error(failed, "error", err.Error())
		}
		fmt.Fprintf(stderr, "gitauthd: %v\n", err)
		return 1
	}
	return 0
}

func gitCredentialCmd(args, environ []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := envMap(environ)
	fs := flag.NewFlagSet("git-credential", flag.ContinueOnError)
	fs.SetOutput(stderr)
	h := &gitcredential.Helper{Notice: stderr}
	fs.StringVar(&h.ServerURL, "url", env["GITAUTHD_URL"], "gitauthd's URL (env GITAUTHD_URL)")
	fs.StringVar(&h.Token, "token", env["GITAUTHD_SESSION_TOKEN"], "a session token or API token (env GITAUTHD_SESSION_TOKEN)")
	fs.BoolVar(&h.Wait, "wait", false, "wait for the user to link their account instead of giving up")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: gitauthd git-credential [--url URL] [--token TOKEN] [--wait] <get|store|erase>")
		return 2
	}
	if err := h.Run(context.Background(), fs.Arg(0), stdin, stdout); err != nil {
		fmt.Fprintf(stderr, "gitauthd git-credential: %v\n", err)
		return 1
	}
	return 0
}

func envMap(environ []string) map[string]string {
	m := make(map[string]string, len(environ))
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}

// healthcheckCmd probes the server's /healthz, for container health checks
// (an image without curl): the URL given, else the one of
// GITAUTHD_HTTP_ADDRESS on loopback.
func healthcheckCmd(args, environ []string, stdout, stderr io.Writer) int {
	url := ""
	switch len(args) {
	case 0:
		addr := envMap(environ)["GITAUTHD_HTTP_ADDRESS"]
		if addr == "" {
			addr = "127.0.0.1:3000"
		}
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			fmt.Fprintf(stderr, "gitauthd healthcheck: GITAUTHD_HTTP_ADDRESS %q: %v\n", addr, err)
			return 2
		}
		if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
			host = "127.0.0.1"
		}
		url = "http://" + net.JoinHostPort(host, port) + "/healthz"
	case 1:
		url = args[0]
	default:
		fmt.Fprintln(stderr, "usage: gitauthd healthcheck [URL]")
		return 2
	}
	client := &http.Client{Timeout: 5 * time.Second}
	res, err := client.Get(url)
	if err != nil {
		fmt.Fprintf(stderr, "gitauthd healthcheck: %v\n", err)
		return 1
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "gitauthd healthcheck: %s answered %s\n", url, res.Status)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %s\n", url, res.Status)
	return 0
}
