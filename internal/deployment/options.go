package deployment

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gitauthd/gitauthd/internal/externalauth"
)

// EnvPrefix starts every environment variable gitauthd reads.
const EnvPrefix = "GITAUTHD_"

// Values is the server's configuration, filled by Load. Every field is set by
// exactly one option of the table that Options returns.
type Values struct {
	// General.
	ConfigPath  string   // --config: the YAML file read, "" for none
	Experiments []string // --experiments, as configured; see EnabledExperiments

	// Networking.
	HTTPAddress string // --http-address, "host:port"
	// AccessURLSetting is --access-url as configured; the zero URL when
	// unset. Use AccessURL for the effective external URL.
	AccessURLSetting   url.URL
	HTTPRequestTimeout time.Duration // --http-request-timeout
	HTTPMaxBodyBytes   int64         // --http-max-body-bytes
	// ProxyTrustedHeaders (--proxy-trusted-headers) name the headers, such
	// as X-Forwarded-For, that carry the client's address when the request
	// comes from one of ProxyTrustedOrigins (--proxy-trusted-origins,
	// CIDRs or single addresses). Load checks both.
	ProxyTrustedHeaders []string
	ProxyTrustedOrigins []string

	// Database.
	DataDir  string // --data-dir
	InMemory bool   // --in-memory
	// PostgresURL (--postgres-url) selects PostgreSQL instead of the
	// embedded SQLite: a postgres:// URL or key=value connection string.
	// Secret (it may hold a password).
	PostgresURL string

	// Security.
	SecureAuthCookie               bool     // --secure-auth-cookie
	StrictTransportSecurity        int64    // --strict-transport-security, seconds; 0 = no header
	StrictTransportSecurityOptions []string // --strict-transport-security-options, canonical spelling
	LoginRateLimit                 int64    // --login-rate-limit, attempts per minute
	RateLimitAPI                   int64    // --rate-limit-api, requests per minute per key or IP; <= 0: no limit
	RateLimitDisableAll            bool     // --rate-limit-disable-all
	// ExternalTokenEncryptionKeys (--external-token-encryption-keys) are
	// standard base64 32-byte AES-256 keys: the first encrypts, all decrypt.
	// Load checks each. Empty: the server keeps a key file in the data dir.
	ExternalTokenEncryptionKeys []string

	// Sessions.
	SessionDuration             time.Duration // --session-duration
	DisableSessionExpiryRefresh bool          // --disable-session-expiry-refresh
	DefaultTokenLifetime        time.Duration // --default-token-lifetime
	MaxTokenLifetime            time.Duration // --max-token-lifetime

	// Audit.
	AuditEnable    bool          // --audit-enable
	AuditRetention time.Duration // --audit-retention; <= 0 keeps every record
	AuditLogFile   string        // --audit-log-file, a file path, "-" for stdout, "" for none

	// Logging.
	LogHuman string // --log-human, a file path, "" for none
	LogJSON  string // --log-json, a file path, "" for none
	Verbose  bool   // --verbose
	// LogRequests logs successful requests at info level (else debug).
	LogRequests bool // --log-requests

	// Introspection.
	SwaggerEnable               bool          // --swagger-enable
	UpdateCheck                 bool          // --update-check
	UpdateCheckURL              string        // --update-check-url
	MetricsCacheRefreshInterval time.Duration // --metrics-cache-refresh-interval
	PrometheusEnable            bool          // --prometheus-enable
	PrometheusAddress           string        // --prometheus-address, "host:port"
	PprofEnable                 bool          // --pprof-enable
	PprofAddress                string        // --pprof-address, "host:port"

	// Client.
	SSHHostnamePrefix string   // --ssh-hostname-prefix
	SSHConfigOptions  []string // --ssh-config-options, "Key=Value" or "Key Value"

	// External auth.
	// ExternalAuth holds the providers as configured (env vars
	// GITAUTHD_EXTERNAL_AUTH_<n>_<FIELD> or the YAML external_auth list),
	// in order; externalauth.NewProviders applies defaults and validates.
	ExternalAuth []externalauth.Config

	// OIDC sign-in.
	OIDC OIDCValues
	// GitHub sign-in.
	GitHub GitHubValues
}

// The option groups. Their YAML is empty: the configuration file is flat.
var (
	GroupGeneral = &Group{
		Name:        "General",
		Description: "Where configuration comes from and which experimental features are on.",
	}
	GroupNetworking = &Group{
		Name:        "Networking",
		Description: "How the server listens, how it is reached, and limits on HTTP requests.",
	}
	GroupDatabase = &Group{
		Name:        "Database",
		Description: "Where gitauthd keeps its data.",
	}
	GroupSecurity = &Group{
		Name:        "Security",
		Description: "Browser security headers, cookies and login throttling.",
	}
	GroupSessions = &Group{
		Name:        "Sessions",
		Parent:      GroupSecurity,
		Description: "Lifetimes of browser sessions and API tokens.",
	}
	GroupAudit = &Group{
		Name:        "Audit",
		Parent:      GroupSecurity,
		Description: "The audit trail of credential hand-outs and security events.",
	}
	GroupIntrospection = &Group{
		Name:        "Introspection",
		Description: "Ways to look into the running server: API docs, update checks, statistics.",
	}
	GroupLogging = &Group{
		Name:        "Logging",
		Parent:      GroupIntrospection,
		Description: "Where the server writes its logs.",
	}
	GroupPrometheus = &Group{
		Name:        "Prometheus",
		Parent:      GroupIntrospection,
		Description: "The Prometheus metrics endpoint, served on a listener of its own.",
	}
	GroupPprof = &Group{
		Name:        "pprof",
		Parent:      GroupIntrospection,
		Description: "Go's runtime profiler (net/http/pprof), served on a listener of its own.",
	}
	GroupClient = &Group{
		Name:        "Client",
		Description: "Settings handed to client tools, such as the SSH configuration they write.",
	}
	GroupExternalAuth = &Group{
		Name:        "External Auth",
		Description: "The Git hosts and OAuth2 servers users link their accounts to.",
	}
)

// DefaultDataDir is the default of --data-dir: "gitauthd" in the user's
// configuration directory (os.UserConfigDir), else ".gitauthd" in the home
// directory, else ".gitauthd" in the working directory.
func DefaultDataDir() string {
	if dir, err := os.UserConfigDir(); err == nil && dir != "" {
		return filepath.Join(dir, "gitauthd")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		return filepath.Join(home, ".gitauthd")
	}
	return ".gitauthd"
}

// table lists the options bound to v; Options derives Env and YAML.
func table(v *Values) []*Option {
	return slices.Concat(
		in(GroupGeneral,
			opt("Config Path", "config", "", StringOf(&v.ConfigPath),
				"Path of a YAML configuration file. Its keys are the options' YAML names; flags and environment variables override it."),
			opt("Experiments", "experiments", "", StringArrayOf(&v.Experiments),
				"Experimental features to enable, comma-separated. \"*\" enables every safe experiment."),
		),
		in(GroupNetworking,
			opt("HTTP Address", "http-address", "127.0.0.1:3000", StringOf(&v.HTTPAddress),
				"HTTP bind address of the server, host:port. Port 0 picks a free port."),
			opt("Access URL", "access-url", "", URLOf(&v.AccessURLSetting),
				"The URL that users and tools use to reach the server, an absolute http or https URL. Defaults to http://<http-address>."),
			opt("HTTP Request Timeout", "http-request-timeout", "1m0s", DurationOf(&v.HTTPRequestTimeout),
				"Longest time the server spends on one request before giving up on it."),
			opt("HTTP Max Body Bytes", "http-max-body-bytes", "1048576", Int64Of(&v.HTTPMaxBodyBytes),
				"Largest request body the server accepts, in bytes; larger ones are refused with 413."),
			opt("Proxy Trusted Headers", "proxy-trusted-headers", "", StringArrayOf(&v.ProxyTrustedHeaders),
				"Headers that carry the client's IP address when a request comes through a trusted proxy (see proxy-trusted-origins), "+
					"comma-separated, tried in order: X-Forwarded-For, X-Real-IP, True-Client-IP, CF-Connecting-IP or any other. "+
					"Of X-Forwarded-For the rightmost address that is not itself a trusted origin is taken. The client IP is what rate limits count by."),
			opt("Proxy Trusted Origins", "proxy-trusted-origins", "", StringArrayOf(&v.ProxyTrustedOrigins),
				"Addresses of the proxies allowed to set proxy-trusted-headers, comma-separated CIDRs (192.168.1.0/24) or single addresses. "+
					"A request from any other address is attributed to the address it comes from, whatever its headers say."),
		),
		in(GroupDatabase,
			opt("Data Directory", "data-dir", DefaultDataDir(), StringOf(&v.DataDir),
				"Directory holding the embedded SQLite database. Created if missing."),
			opt("In Memory Database", "in-memory", "false", BoolOf(&v.InMemory),
				"Keep everything in memory and persist nothing: all data is lost when the server stops. For tests and demos."),
			secret(opt("Postgres Connection URL", "postgres-url", "", StringOf(&v.PostgresURL),
				"Keep the data in PostgreSQL instead of the embedded SQLite: a postgres:// URL or key=value connection string "+
					"(pool_max_conns, connect_timeout and search_path may be set in it). Several replicas may share one database; "+
					"give them all the same external-token-encryption-keys. When set, in-memory is ignored.")),
		),
		in(GroupSecurity,
			opt("Secure Auth Cookie", "secure-auth-cookie", "false", BoolOf(&v.SecureAuthCookie),
				"Mark the session cookie Secure, so browsers send it over HTTPS only. Turn on when the access URL is https."),
			opt("Strict-Transport-Security", "strict-transport-security", "0", Int64Of(&v.StrictTransportSecurity),
				"max-age, in seconds, of the Strict-Transport-Security header sent on every response. 0 sends no header. Only set it when the access URL is https."),
			opt("Strict-Transport-Security Options", "strict-transport-security-options", "", StringArrayOf(&v.StrictTransportSecurityOptions),
				"Directives added to the Strict-Transport-Security header, comma-separated: includeSubDomains and/or preload."),
			opt("Login Rate Limit", "login-rate-limit", "10", Int64Of(&v.LoginRateLimit),
				"Password login attempts allowed per minute, counted both per email address and per client IP address."),
			opt("API Rate Limit", "rate-limit-api", "512", Int64Of(&v.RateLimitAPI),
				"Requests per minute allowed on the API (/api/v2 and /v1) per API key, or per client IP address for requests without a valid key. "+
					"Over the limit the answer is 429 with Retry-After. 0 or less means no limit. Health probes are never limited."),
			opt("Disable All Rate Limits", "rate-limit-disable-all", "false", BoolOf(&v.RateLimitDisableAll),
				"Turn off every rate limit: the API rate limit and the login rate limit. For load tests; dangerous in production."),
			secret(opt("External Token Encryption Keys", "external-token-encryption-keys", "", StringArrayOf(&v.ExternalTokenEncryptionKeys),
				"Keys that encrypt the external auth tokens stored in the database with AES-256-GCM, comma-separated, "+
					"each 32 random bytes in standard base64 (openssl rand -base64 32). The first key encrypts new values; "+
					"the others only decrypt, while a key rotation is under way. When none is set, the server keeps a generated key "+
					"in a file of the data directory.")),
		),
		in(GroupSessions,
			opt("Session Duration", "session-duration", "24h0m0s", DurationOf(&v.SessionDuration),
				"How long a browser session lasts. Each use pushes its expiry this far ahead, unless expiry refresh is disabled."),
			opt("Disable Session Expiry Refresh", "disable-session-expiry-refresh", "false", BoolOf(&v.DisableSessionExpiryRefresh),
				"Do not push a session's expiry ahead when it is used: sessions end session-duration after sign-in."),
			opt("Default Token Lifetime", "default-token-lifetime", "168h0m0s", DurationOf(&v.DefaultTokenLifetime),
				"Lifetime of an API token created without one."),
			opt("Max Token Lifetime", "max-token-lifetime", "720h0m0s", DurationOf(&v.MaxTokenLifetime),
				"Longest lifetime a user may give an API token. At least the default token lifetime."),
		),
		in(GroupAudit,
			opt("Audit Enable", "audit-enable", "true", BoolOf(&v.AuditEnable),
				"Record every provider token handed out and every security event in the audit trail, each "+
					"committed before the answer it describes. Turning it off is for measurements only."),
			opt("Audit Retention", "audit-retention", "2160h0m0s", DurationOf(&v.AuditRetention),
				"How long audit records are kept; older ones are pruned in the background, in batches. 0 keeps them all."),
			opt("Audit Log File", "audit-log-file", "", StringOf(&v.AuditLogFile),
				"Also write every audit record as a JSON line to this file (appended, created 0600), or to stdout for \"-\"; \"\" writes none."),
		),
		in(GroupLogging,
			opt("Human Log Location", "log-human", "/dev/stderr", StringOf(&v.LogHuman),
				"File to write human-readable logs to; \"\" writes none."),
			opt("JSON Log Location", "log-json", "", StringOf(&v.LogJSON),
				"File to write JSON logs to; \"\" writes none."),
			opt("Verbose", "verbose", "false", BoolOf(&v.Verbose),
				"Log debug messages too."),
			opt("Log Requests", "log-requests", "false", BoolOf(&v.LogRequests),
				"Log every request at info level. Without it, as Coder does, successful requests (2xx, 3xx) are logged at debug level (shown with --verbose), client errors (4xx) at info and server errors (5xx) at error; metrics count every request either way."),
		),
		in(GroupIntrospection,
			opt("Enable Swagger Endpoint", "swagger-enable", "true", BoolOf(&v.SwaggerEnable),
				"Serve the API documentation (Swagger UI and the OpenAPI document) under /swagger."),
			opt("Update Check", "update-check", "false", BoolOf(&v.UpdateCheck),
				"Check the release feed (update-check-url) for a newer version when asked at /api/v2/updatecheck. When off, the running version is reported as current."),
			opt("Update Check URL", "update-check-url", "", StringOf(&v.UpdateCheckURL),
				"URL of a release feed answering JSON like GitHub's latest-release endpoint: {\"tag_name\": \"v1.2.3\", \"html_url\": \"...\"}."),
			opt("Metrics Cache Refresh Interval", "metrics-cache-refresh-interval", "1h0m0s", DurationOf(&v.MetricsCacheRefreshInterval),
				"How often the deployment statistics shown at /api/v2/deployment/stats are collected."),
		),
		in(GroupPrometheus,
			opt("Prometheus Enable", "prometheus-enable", "false", BoolOf(&v.PrometheusEnable),
				"Serve Prometheus metrics at /metrics on prometheus-address, a listener separate from the API."),
			opt("Prometheus Address", "prometheus-address", "127.0.0.1:2112", StringOf(&v.PrometheusAddress),
				"Bind address of the Prometheus metrics endpoint, host:port. Port 0 picks a free port."),
		),
		in(GroupPprof,
			opt("pprof Enable", "pprof-enable", "false", BoolOf(&v.PprofEnable),
				"Serve Go's profiler at /debug/pprof/ on pprof-address, a listener separate from the API. Profiles reveal internals: keep it on loopback."),
			opt("pprof Address", "pprof-address", "127.0.0.1:6060", StringOf(&v.PprofAddress),
				"Bind address of the pprof endpoint, host:port. Port 0 picks a free port."),
		),
		in(GroupClient,
			opt("SSH Host Prefix", "ssh-hostname-prefix", "gitauthd.", StringOf(&v.SSHHostnamePrefix),
				"Prefix of the host names that client tools write into the user's SSH configuration."),
			opt("SSH Config Options", "ssh-config-options", "", StringArrayOf(&v.SSHConfigOptions),
				"SSH options that client tools add to every host they configure, comma-separated, each \"Key=Value\" or \"Key Value\"."),
		),
		in(GroupExternalAuth,
			secret(&Option{
				Name: "External Auth Providers",
				Description: "External auth providers, one per <n> (0, 1, 2…, in that order, gaps allowed) in " +
					externalAuthEnvTemplate + " variables, or the YAML external_auth list of mappings. " +
					"Fields: " + strings.Join(authYAMLKeys(), ", ") + "; in variables <FIELD> is the field in upper case " +
					"(CLIENT_ID), lists are comma- or space-separated and booleans true or false. " +
					"When any such variable is set, the variables replace the whole YAML list, as in Coder. " +
					"Each provider's id defaults to its type and must be unique.",
				Env:   externalAuthEnvTemplate,
				YAML:  "external_auth",
				Value: ExternalAuthListOf(&v.ExternalAuth),
			}),
		),
		oidcOptions(&v.OIDC),
		githubOptions(&v.GitHub),
	)
}

// Options returns the option table bound to v: setting an option's Value sets
// the matching field of v. Each call builds a fresh table (ValueSource empty,
// values untouched); Load returns the table it filled.
//
// Env is GITAUTHD_ plus the flag in upper snake case; YAML is the flag in
// snake case, except for --config, which names the file itself and so has no
// YAML key. The one option without a flag, the external auth providers,
// names its env vars and YAML key itself.
func Options(v *Values) []*Option {
	opts := table(v)
	for _, o := range opts {
		if o.Flag == "" {
			continue
		}
		o.Env = EnvPrefix + strings.ToUpper(strings.ReplaceAll(o.Flag, "-", "_"))
		if o.Flag != "config" {
			o.YAML = strings.ReplaceAll(o.Flag, "-", "_")
		}
	}
	return opts
}
