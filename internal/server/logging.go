package server

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/gitauthd/gitauthd/internal/deployment"
)

// NewLogger builds the server's logger from the logging options: human
// readable lines to --log-human and JSON lines to --log-json (either may be
// off, both may be on). Lines are written by a goroutine of each output
// (see asyncWriter). The returned closer writes what is pending and closes
// any file opened.
func NewLogger(v *deployment.Values) (*slog.Logger, io.Closer, error) {
	level := slog.LevelInfo
	if v.Verbose {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	var handlers []slog.Handler
	var closers multiCloser
	for _, out := range []struct {
		flag string
		path string
		make func(io.Writer) slog.Handler
	}{
		{"--log-human", v.LogHuman, func(w io.Writer) slog.Handler { return slog.NewTextHandler(w, opts) }},
		{"--log-json", v.LogJSON, func(w io.Writer) slog.Handler { return slog.NewJSONHandler(w, opts) }},
	} {
		if out.path == "" {
			continue
		}
		w, closer, err := openLogFile(out.path)
		if err != nil {
			_ = closers.Close()
			return nil, nil, fmt.Errorf("%s %s: %w", out.flag, out.path, err)
		}
		aw := newAsyncWriter(w)
		closers = append(closers, aw) // written out before the file closes
		if closer != nil {
			closers = append(closers, closer)
		}
		handlers = append(handlers, out.make(aw))
	}
	if len(handlers) == 0 {
		return slog.New(slog.DiscardHandler), closers, nil
	}
	return slog.New(slog.NewMultiHandler(handlers...)), closers, nil
}

func openLogFile(path string) (io.Writer, io.Closer, error) {
	switch path {
	case "/dev/stderr":
		return os.Stderr, nil, nil
	case "/dev/stdout":
		return os.Stdout, nil, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open it: %w", err)
	}
	return f, f, nil
}

type multiCloser []io.Closer

func (m multiCloser) Close() error {
	var err error
	for _, c := range m {
		err = errors.Join(err, c.Close())
	}
	return err
}

// LogsToStderr reports whether any log output of v is the standard error,
// where a command that fails prints its error itself: the error is then
// printed once, not also as a log line.
func LogsToStderr(v *deployment.Values) bool {
	return v.LogHuman == "/dev/stderr" || v.LogJSON == "/dev/stderr"
}
