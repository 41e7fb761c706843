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
	v, opts, err := deployment.Load(args, environ)
	if errors.Is(err, deployment.ErrHelp) {
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

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := server.Run(ctx, v, opts, logger, stdout); err != nil {
		// Printed once: on stderr, and in the logs only when they go elsewhere.
		if !server.LogsToStderr(v) {
			logger.Error("server stopped", "error", err.Error())
		}
		fmt.Fprintf(stderr, "gitauthd: %v\n", err)
		return 1
	}
	return 0
}

func rotateCmd(args, environ []string, stdout, stderr io.Writer) int {
	v, _, err := deployment.Load(args, environ)
	if errors.Is(err, deployment.ErrHelp) {
		fmt.Fprint(stdout, "Usage: gitauthd server dbcrypt rotate [server options]\n\n")
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
	n, err := server.RotateKeys(context.Background(), v, logger)
	if err != nil {
		if !server.LogsToStderr(v) {
			logger.Error("rotating encryption keys failed", "error", err.Error())
		}
		fmt.Fprintf(stderr, "gitauthd: rotating encryption keys: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "re-encrypted %d stored secrets under the first key; the other keys can now be removed\n", n)
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
