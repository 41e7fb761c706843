package server

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/deployment"
	"github.com/gitauthd/gitauthd/internal/externalauth"
	"github.com/gitauthd/gitauthd/internal/general"
	"github.com/gitauthd/gitauthd/internal/handlers"
	"github.com/gitauthd/gitauthd/internal/httpapi"
	"github.com/gitauthd/gitauthd/internal/httpmw"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/metrics"
	"github.com/gitauthd/gitauthd/internal/projectauth"
	"github.com/gitauthd/gitauthd/internal/store"
	storecache "github.com/gitauthd/gitauthd/internal/store/cache"
	"github.com/gitauthd/gitauthd/internal/store/dbcrypt"
	"github.com/gitauthd/gitauthd/internal/store/postgres"
	"github.com/gitauthd/gitauthd/internal/store/sqlite"
	"github.com/gitauthd/gitauthd/internal/web"
)

// DatabaseFile is the name of the embedded database inside --data-dir.
const DatabaseFile = "gitauthd.db"

// shutdownGrace bounds how long a graceful shutdown waits for in-flight
// requests.
const shutdownGrace = 30 * time.Second

// App is an assembled gitauthd server: its store, domain services and HTTP
// handler. Build it with New, then Serve it on a listener.
type App struct {
	Values   *deployment.Values
	Logger   *slog.Logger
	Store    store.Store
	Identity *identity.Service
	Handler  http.Handler
	// Metrics is nil unless --prometheus-enable.
	Metrics *metrics.Metrics
	// Audit is nil unless --audit-enable.
	Audit *audit.Recorder
	// auditSink is the --audit-log-file stream, nil when none.
	auditSink *audit.Sink

	stats *general.StatsCollector
	pre   net.Listener  // bound by New when the port was 0
	side  []*sideServer // Prometheus and pprof listeners, once Listen opened them
	// invalidations connects the store cache to the other replicas (nil
	// on SQLite).
	invalidations *postgres.Invalidations
}

// New opens the store (applying migrations), builds the domain services and
// the HTTP server. Close releases what New opened.
func New(ctx context.Context, v *deployment.Values, opts []*deployment.Option, logger *slog.Logger) (app *App, err error) {
	// Parsing the spec (the request validator's) is start-up's longest
	// step after the migrations, and needs nothing of them: on a second
	// core, it is done by the time the store is.
	spec := loadSpec()
	// With port 0 the port is chosen now, so that every URL derived from
	// the address (the access URL, providers' callbacks) is the real one.
	pre, err := prebind(v)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil && pre != nil {
			_ = pre.Close()
		}
	}()
	providers, err := externalauth.NewProviders(v.ExternalAuth, v.AccessURL())
	if err != nil {
		return nil, err
	}
	if err := checkDataDir(v); err != nil {
		return nil, err
	}
	ciphers, err := encryptionKeys(v)
	if err != nil {
		return nil, err
	}
	raw, err := openStore(ctx, v, logger)
	if err != nil {
		return nil, err
	}
	st, err := dbcrypt.New(raw, ciphers)
	if err != nil {
		_ = raw.Close()
		return nil, err
	}
	// The rows every request reads (its API key, user, link, project) are
	// cached on both engines; with PostgreSQL, replicas tell each other
	// what they wrote (see listenForInvalidations).
	cached := storecache.New(st, storecache.Options{})
	st = cached
	var inv *postgres.Invalidations
	if pg, ok := raw.(*postgres.Store); ok {
		inv = listenForInvalidations(pg, cached)
	}
	app, err = assemble(ctx, v, opts, logger, st, providers, spec)
	if err != nil {
		if inv != nil {
			inv.Stop()
		}
		_ = st.Close()
		return nil, err
	}
	app.pre, app.invalidations = pre, inv
	if m := app.Metrics; m != nil {
		if ds, ok := raw.(interface{ DBStats() map[string]sql.DBStats }); ok {
			m.RegisterDBStats(ds.DBStats)
		}
		m.RegisterStoreCache(func() metrics.CacheStats { return metrics.CacheStats(cached.Stats()) })
	}
	return app, nil
}

// listenForInvalidations makes the cache publish what this replica writes
// and apply what the others publish (PostgreSQL LISTEN/NOTIFY).
func listenForInvalidations(pg *postgres.Store, c *storecache.Store) *postgres.Invalidations {
	inv := pg.Listen(postgres.ListenerOptions{Apply: c.Apply, Reset: c.InvalidateAll})
	c.SetPublisher(inv)
	return inv
}

// KeyFile is the name, inside --data-dir, of the encryption key created on
// first start when no --external-token-encryption-keys are configured.
const KeyFile = "external-token-encryption.key"

// encryptionKeys returns the ciphers that protect provider tokens at rest:
// the configured keys (the first encrypts, all decrypt); else the key file
// in the data dir, created on first start; else, in memory, a random key
// that lives as long as the process (as does the data it protects).
func encryptionKeys(v *deployment.Values) ([]dbcrypt.Cipher, error) {
	keys := v.ExternalTokenEncryptionKeys
	switch {
	case len(keys) > 0:
	case v.InMemory && v.PostgresURL == "":
		k, err := dbcrypt.GenerateKey()
		if err != nil {
			return nil, err
		}
		keys = []string{k}
	default:
		k, err := dbcrypt.LoadOrCreateKeyFile(filepath.Join(v.DataDir, KeyFile))
		if err != nil {
			return nil, fmt.Errorf("--data-dir %s: encryption key file: %w", v.DataDir, err)
		}
		keys = []string{k}
	}
	ciphers, err := dbcrypt.ParseKeys(keys)
	if err != nil {
		return nil, fmt.Errorf("--external-token-encryption-keys: %w", err)
	}
	return ciphers, nil
}

// checkDataDir makes sure --data-dir exists and can be written when the
// server keeps anything there (the SQLite database, the key file), so that
// the error names the option to change rather than a file inside it.
func checkDataDir(v *deployment.Values) error {
	usesFile := v.PostgresURL == "" && !v.InMemory
	usesKeyFile := len(v.ExternalTokenEncryptionKeys) == 0 && !(v.InMemory && v.PostgresURL == "")
	if !usesFile && !usesKeyFile {
		return nil
	}
	if v.DataDir == "" {
		return errors.New("--data-dir is empty: give the directory the server may keep its files in")
	}
	if err := os.MkdirAll(v.DataDir, 0o700); err != nil {
		return fmt.Errorf("--data-dir %s: cannot create it: %w", v.DataDir, err)
	}
	f, err := os.CreateTemp(v.DataDir, ".write-check-*")
	if err != nil {
		return fmt.Errorf("--data-dir %s: not writable: %w", v.DataDir, err)
	}
	name := f.Name()
	_ = f.Close()
	if err := os.Remove(name); err != nil {
		return fmt.Errorf("--data-dir %s: not writable: %w", v.DataDir, err)
	}
	return nil
}

// RotateKeys re-encrypts every stored secret under the first configured
// key, so that the other keys can be retired from the configuration.
func RotateKeys(ctx context.Context, v *deployment.Values, logger *slog.Logger) (int, error) {
	if err := checkDataDir(v); err != nil {
		return 0, err
	}
	ciphers, err := encryptionKeys(v)
	if err != nil {
		return 0, err
	}
	raw, err := openStore(ctx, v, logger)
	if err != nil {
		return 0, err
	}
	defer raw.Close()
	n, err := dbcrypt.Rotate(ctx, raw, ciphers)
	if v.AuditEnable {
		// The rotation is a security event: recorded whatever its outcome.
		rec := audit.New(raw, audit.Options{StatusOf: httpapi.ErrorStatus, Logger: logger})
		ev := audit.Event{Actor: audit.Actor{Username: "gitauthd server dbcrypt rotate"}, Action: audit.ActionRotateKey,
			ResourceType: audit.ResourceEncryptionKey, ResourceID: ciphers[0].ID(),
			ResourceTarget: fmt.Sprintf("%d secrets re-encrypted", n)}
		err = rec.Done(ctx, &ev, err)
		rec.Close()
	}
	return n, err
}

func openStore(ctx context.Context, v *deployment.Values, logger *slog.Logger) (store.Store, error) {
	if v.PostgresURL != "" {
		return openPostgres(ctx, v, logger)
	}
	o := sqlite.Options{InMemory: v.InMemory, Logger: logger}
	if !v.InMemory {
		o.Path = filepath.Join(v.DataDir, DatabaseFile)
	}
	st, err := sqlite.Open(ctx, o)
	if err != nil {
		if v.InMemory {
			return nil, fmt.Errorf("opening the in-memory database: %w", err)
		}
		return nil, fmt.Errorf("--data-dir %s: opening the database: %w", v.DataDir, err)
	}
	return st, nil
}

// openPostgres opens the PostgreSQL store of --postgres-url, applying
// migrations under an advisory lock so that replicas may start together.
func openPostgres(ctx context.Context, v *deployment.Values, logger *slog.Logger) (store.Store, error) {
	if v.InMemory {
		logger.Warn("--in-memory is ignored: --postgres-url is set, the data is kept in PostgreSQL")
	}
	if len(v.ExternalTokenEncryptionKeys) == 0 {
		logger.Warn("no --external-token-encryption-keys: provider tokens are encrypted with the key file of this " +
			"server's data directory, which other replicas do not have; give every replica the same keys")
	}
	st, err := postgres.Open(ctx, postgres.Options{URL: v.PostgresURL, Logger: logger})
	if err != nil {
		return nil, fmt.Errorf("--postgres-url: opening the database: %w", err)
	}
	return st, nil
}

func assemble(ctx context.Context, v *deployment.Values, opts []*deployment.Option, logger *slog.Logger, st store.Store, providers []*externalauth.Provider, spec func() *openapi3.T) (*App, error) {
	deploymentID, err := st.DeploymentID(ctx, uuid.NewString())
	if err != nil {
		return nil, fmt.Errorf("reading the deployment id: %w", err)
	}
	loginRateLimit := int(v.LoginRateLimit)
	if v.RateLimitDisableAll {
		loginRateLimit = -1 // identity: negative disables
	}
	build := general.CurrentBuildInfo()
	var m *metrics.Metrics
	if v.PrometheusEnable {
		m = metrics.New(metrics.BuildInfo{Version: build.Version, Commit: build.Commit, GoVersion: runtime.Version()})
	}
	rec, sink, err := openAudit(v, st, m, logger)
	if err != nil {
		return nil, err
	}
	ids := identity.New(st, identity.Config{
		SessionDuration:      v.SessionDuration,
		DisableExpiryRefresh: v.DisableSessionExpiryRefresh,
		DefaultTokenLifetime: v.DefaultTokenLifetime,
		MaxTokenLifetime:     v.MaxTokenLifetime,
		LoginRateLimit:       loginRateLimit,
		Audit:                rec,
	}, logger)
	providerClient := &http.Client{Timeout: 30 * time.Second}
	var onRefresh func(provider, outcome string)
	if m != nil {
		providerClient.Transport = m.InstrumentProviders(nil, providerCall)
		onRefresh = m.ObserveRefresh
	}
	stats := general.NewStatsCollector(func(ctx context.Context) (general.Counts, error) {
		c, err := st.Counts(ctx, time.Now())
		return general.Counts{Users: c.Users, ActiveKeys: c.ActiveKeys}, err
	}, v.MetricsCacheRefreshInterval, time.Now, logger)
	dep := &general.Service{
		Values:   v,
		Options:  opts,
		ID:       deploymentID,
		Build:    build,
		Updates:  general.NewUpdateChecker(v.UpdateCheck, v.UpdateCheckURL, build.Version, &http.Client{Timeout: 10 * time.Second}, logger),
		Stats:    stats,
		Logger:   logger,
		Database: st,
	}
	if m != nil {
		m.RegisterCSPReports(dep.CSPReports)
	}
	ext := externalauth.New(externalauth.Options{
		Providers:  providers,
		Store:      st,
		HTTPClient: providerClient,
		Logger:     logger,
		Holder:     uuid.NewString(),
		AccessURL:  v.AccessURL(),
		OnRefresh:  onRefresh,
		Audit:      rec,
	})
	ids.SetLinkRevoker(ext) // deleting a user revokes their provider links
	signIn, err := newSignIn(ctx, v, ids)
	if err != nil {
		return nil, err
	}
	pa := projectauth.New(projectauth.Options{Store: st, ExternalAuth: ext, Identity: ids, Logger: logger, Audit: rec})
	h := handlers.New(handlers.Services{
		Identity:     ids,
		General:      dep,
		ExternalAuth: ext,
		ProjectAuth:  pa,
		Audit:        &audit.Reader{Store: st},
		SignIn:       signIn,
		SecureCookie: v.SecureAuthCookie,
	})
	e, err := NewEcho(Options{
		Logger:              logger,
		LogRequests:         v.LogRequests,
		Spec:                spec(),
		Handlers:            h,
		Auth:                authFunc(ids),
		RequestTimeout:      v.HTTPRequestTimeout,
		MaxBodyBytes:        v.HTTPMaxBodyBytes,
		Swagger:             v.SwaggerEnable,
		Pages:               &web.Pages{Identity: ids, ExternalAuth: ext, ProjectAuth: pa, Audit: &audit.Reader{Store: st}, AccessURL: v.AccessURL().String(), SecureCookie: v.SecureAuthCookie, Logger: logger, SignInMethods: signIn.Methods},
		HSTSSeconds:         v.StrictTransportSecurity,
		HSTSOptions:         v.StrictTransportSecurityOptions,
		Metrics:             m,
		APIRateLimit:        apiRateLimit(v),
		ProxyTrustedHeaders: v.ProxyTrustedHeaders,
		ProxyTrustedOrigins: v.ProxyTrustedOrigins,
		BuildVersion:        dep.About().Version,
	})
	if err != nil {
		rec.Close()
		_ = sink.Close()
		return nil, err
	}
	return &App{Values: v, Logger: logger, Store: st, Identity: ids, Handler: e, Metrics: m, Audit: rec, auditSink: sink, stats: stats}, nil
}

// apiRateLimit is --rate-limit-api, or 0 (no limit) under
// --rate-limit-disable-all.
func apiRateLimit(v *deployment.Values) int {
	if v.RateLimitDisableAll || v.RateLimitAPI <= 0 {
		return 0
	}
	return int(min(v.RateLimitAPI, 1<<31-1))
}

// providerCall labels a provider request for metrics with the call
// externalauth marked its context with.
func providerCall(r *http.Request) (provider, endpoint string, ok bool) {
	c, ok := externalauth.CallFrom(r.Context())
	return c.Provider, c.Endpoint, ok
}

func authFunc(ids *identity.Service) httpmw.AuthFunc {
	return func(ctx context.Context, raw string) (context.Context, error) {
		a, err := ids.Authenticate(ctx, raw)
		if err != nil {
			return ctx, err
		}
		return identity.WithActor(ctx, a), nil
	}
}

// loadSpec parses the embedded spec in the background; the function it
// returns waits for the result.
func loadSpec() func() *openapi3.T {
	spec := sync.OnceValue(mustSpec)
	go spec()
	return spec
}

func mustSpec() *openapi3.T {
	spec, err := api.GetSpec()
	if err != nil {
		// The spec is embedded at build time and tested; this cannot fail
		// in a binary that passed its tests.
		panic(fmt.Sprintf("loading the embedded spec: %v", err))
	}
	return spec
}

// Listen opens the TCP listener on --http-address, and those of the
// Prometheus and pprof endpoints when they are enabled (Serve serves them
// all). With port 0 the system picks a free port, and the configuration
// (hence the default access URL) records the address really bound.
func (a *App) Listen() (net.Listener, error) {
	ln := a.pre
	a.pre = nil
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", a.Values.HTTPAddress); err != nil {
			return nil, fmt.Errorf("--http-address %s: cannot listen: %w", a.Values.HTTPAddress, err)
		}
	}
	if err := a.listenSide(); err != nil {
		_ = ln.Close()
		return nil, err
	}
	return ln, nil
}

// prebind opens the listener early when --http-address has port 0 and
// records the address really bound; otherwise Listen opens it.
func prebind(v *deployment.Values) (net.Listener, error) {
	if _, port, _ := net.SplitHostPort(v.HTTPAddress); port != "0" {
		return nil, nil
	}
	ln, err := net.Listen("tcp", v.HTTPAddress)
	if err != nil {
		return nil, fmt.Errorf("--http-address %s: cannot listen: %w", v.HTTPAddress, err)
	}
	v.HTTPAddress = ln.Addr().String()
	return ln, nil
}

// Serve serves HTTP on ln until ctx is done, then shuts down gracefully:
// the listener closes at once and in-flight requests finish (for at most
// shutdownGrace) before Serve returns.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		// A request must arrive whole within the per-request timeout, so a
		// slow sender cannot hold a connection open indefinitely.
		ReadTimeout: a.Values.HTTPRequestTimeout,
		IdleTimeout: 2 * time.Minute,
		ErrorLog:    slog.NewLogLogger(a.Logger.Handler(), slog.LevelWarn),
	}
	statsCtx, stopStats := context.WithCancel(context.WithoutCancel(ctx))
	a.stats.Start(statsCtx)
	defer func() { stopStats(); a.stats.Wait() }()
	a.serveSide()
	go trimMemory(statsCtx)
	go audit.RunRetention(statsCtx, a.Store, a.Values.AuditRetention, a.Logger)
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		a.stopSide(sctx)
	}()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.Logger.Info("shutting down: finishing in-flight requests")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Close releases the store, and the side listeners if Serve never ran.
func (a *App) Close() error {
	a.stopSide(context.Background())
	// Every record already queued is committed before the store closes.
	a.Audit.Close()
	if err := a.auditSink.Close(); err != nil {
		a.Logger.Error("closing the audit log file", "error", err.Error())
	}
	if a.invalidations != nil {
		a.invalidations.Stop()
	}
	return a.Store.Close()
}

// Run builds the server, listens, announces where it serves (and, on a
// deployment with no users yet, how to create the first one), and serves
// until ctx is done.
func Run(ctx context.Context, v *deployment.Values, opts []*deployment.Option, logger *slog.Logger, announce io.Writer) error {
	tuneGC()
	app, err := New(ctx, v, opts, logger)
	if err != nil {
		return err
	}
	defer app.Close()
	ln, err := app.Listen()
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String()
	logger.Info("gitauthd is ready", "listen_url", url, "access_url", v.AccessURL().String(),
		"database", app.databaseDescription(), "version", general.CurrentBuildInfo().Version)
	fmt.Fprintf(announce, "gitauthd is listening on %s (API docs: %s/swagger/)\n", url, url)
	if has, err := app.Identity.HasFirstUser(ctx); err == nil && !has {
		fmt.Fprintf(announce, "No users yet. Create the first user (the owner) with:\n"+
			"  curl -X POST %s/api/v2/users/first -H 'Content-Type: application/json' -d '{\"email\":\"you@example.com\",\"username\":\"you\",\"password\":\"<a long password>\"}'\n", url)
	}
	// Start-up (the spec, the migrations) leaves garbage the heap would
	// otherwise keep resident: collect it and give it back, off the path
	// to ready.
	go debug.FreeOSMemory()
	return app.Serve(ctx, ln)
}

func (a *App) databaseDescription() string {
	if a.Values.PostgresURL != "" {
		return postgres.Describe(a.Values.PostgresURL)
	}
	if a.Values.InMemory {
		return "in memory (nothing is persisted)"
	}
	return filepath.Join(a.Values.DataDir, DatabaseFile)
}
