package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// sideServer is a listener beside the API's: Prometheus metrics or pprof.
// Each has its own address so that it can stay on loopback (or a private
// network) while the API is public.
type sideServer struct {
	name    string  // "prometheus", "pprof"
	flag    string  // the option of its address, for error messages
	addr    *string // the option's value; updated to the bound address for port 0
	handler http.Handler
	ln      net.Listener
	srv     *http.Server
}

// pprofHandler serves Go's profiles under /debug/pprof/.
func pprofHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// sideServers lists the enabled side listeners.
func (a *App) sideServers() []*sideServer {
	var out []*sideServer
	if a.Values.PrometheusEnable && a.Metrics != nil {
		mux := http.NewServeMux()
		mux.Handle("/metrics", a.Metrics.Handler())
		out = append(out, &sideServer{name: "prometheus", flag: "--prometheus-address", addr: &a.Values.PrometheusAddress, handler: mux})
	}
	if a.Values.PprofEnable {
		out = append(out, &sideServer{name: "pprof", flag: "--pprof-address", addr: &a.Values.PprofAddress, handler: pprofHandler()})
	}
	return out
}

// listenSide opens the enabled side listeners. On failure it closes those
// it opened.
func (a *App) listenSide() error {
	side := a.sideServers()
	for i, s := range side {
		ln, err := net.Listen("tcp", *s.addr)
		if err != nil {
			for _, o := range side[:i] {
				_ = o.ln.Close()
			}
			return fmt.Errorf("%s %s: cannot listen for %s: %w", s.flag, *s.addr, s.name, err)
		}
		if _, port, _ := net.SplitHostPort(*s.addr); port == "0" {
			*s.addr = ln.Addr().String()
		}
		s.ln = ln
	}
	a.side = side
	return nil
}

// serveSide serves the side listeners in the background; stopSide shuts
// them down.
func (a *App) serveSide() {
	for _, s := range a.side {
		s.srv = &http.Server{
			Handler:           s.handler,
			ReadHeaderTimeout: 10 * time.Second,
			IdleTimeout:       2 * time.Minute,
			ErrorLog:          slog.NewLogLogger(a.Logger.Handler(), slog.LevelWarn),
		}
		a.Logger.Info("serving "+s.name, "listen_url", "http://"+s.ln.Addr().String())
		go func(s *sideServer) {
			if err := s.srv.Serve(s.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				a.Logger.Error(s.name+" listener stopped", "error", err.Error())
			}
		}(s)
	}
}

// stopSide shuts the side servers down gracefully (a profile being taken
// may finish within ctx) and closes listeners never served.
func (a *App) stopSide(ctx context.Context) {
	for _, s := range a.side {
		if s.srv == nil {
			_ = s.ln.Close()
			continue
		}
		if err := s.srv.Shutdown(ctx); err != nil {
			_ = s.srv.Close()
		}
	}
	a.side = nil
}
