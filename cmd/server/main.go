// Command gitauthd runs the gitauthd service.
//
//	gitauthd server [options]   start the service (see `gitauthd server --help`)
//	gitauthd version            print the build's version
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/gitauthd/gitauthd/internal/deployment"
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
		return serverCmd(args[1:], environ, stdout, stderr)
	case "version", "--version":
		b := deployment.CurrentBuildInfo()
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
  server    start the service (gitauthd server --help lists its options)
  version   print the build's version and commit
`)
}

func serverCmd(args, environ []string, stdout, stderr io.Writer) int {
	v, opts, err := deployment.Load(args, environ)
	if errors.Is(err, deployment.ErrHelp) {
		fmt.Fprint(stdout, "Usage: gitauthd server [options]\n\n")
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
		logger.Error("server stopped", "error", err.Error())
		fmt.Fprintf(stderr, "gitauthd: %v\n", err)
		return 1
	}
	return 0
}
