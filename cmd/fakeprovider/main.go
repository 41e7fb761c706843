// Command fakeprovider runs the in-repo fake OAuth2 provider
// (internal/fakeprovider) standalone, for trying gitauthd locally without a
// real GitHub or GitLab. It is a development tool, never part of the server
// binary.
//
//	go run ./cmd/fakeprovider --users alice,bob --device-auto-approve --personal-token ghp_alice
//
// It prints the GITAUTHD_EXTERNAL_AUTH_* variables that point gitauthd at it
// (on stdout, as shell exports) and logs every request (on stderr). The
// first user signs in at the authorize endpoint; the device verification
// page lets a person approve a user code by hand.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"time"

	"github.com/gitauthd/gitauthd/internal/fakeprovider"
)

func main() {
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	if err := run(os.Args[1:]); err != nil {
		log.Fatal(err)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("fakeprovider", flag.ContinueOnError)
	var (
		addr          = fs.String("addr", "127.0.0.1:8090", "address to listen on")
		publicURL     = fs.String("url", "", "base URL clients reach the fake at (default http://<addr>)")
		dialect       = fs.String("dialect", "github", "wire format: github or rfc (GitLab-shaped RFC 6749/8628 server)")
		clientID      = fs.String("client-id", fakeprovider.DefaultClientID, "OAuth client ID the fake accepts")
		clientSecret  = fs.String("client-secret", fakeprovider.DefaultClientSecret, "OAuth client secret the fake accepts")
		users         = fs.String("users", "octocat", "comma-separated logins; the first one signs in")
		accessTTL     = fs.Duration("access-token-ttl", 0, "access token lifetime (0: never expires)")
		refresh       = fs.Bool("refresh-tokens", false, "issue single-use refresh tokens (default: on when --access-token-ttl is set)")
		interval      = fs.Int("device-interval", fakeprovider.DefaultDeviceInterval, "device flow polling interval, seconds")
		autoApprove   = fs.Bool("device-auto-approve", false, "approve device codes for the signed-in user after --device-auto-approve-after")
		autoAfter     = fs.Duration("device-auto-approve-after", 5*time.Second, "delay before a device code is approved automatically")
		requirePKCE   = fs.Bool("require-pkce", false, "reject authorization requests without an S256 code_challenge")
		noDevice      = fs.Bool("no-device-flow", false, "answer device_flow_disabled")
		providerID    = fs.String("id", "fake", "provider id in the printed gitauthd configuration")
		providerIndex = fs.Int("index", 0, "provider index <n> in the printed GITAUTHD_EXTERNAL_AUTH_<n>_* variables")
		providerType  = fs.String("type", "", "provider type in the printed configuration (default github, or gitlab for --dialect rfc)")
		password      = fs.String("password", "", "password of the first user, accepted with HTTP Basic at the user endpoint (as Bitbucket app passwords are)")
		personal      = fs.String("personal-token", "", "comma-separated personal access tokens of the first user, accepted as bearer tokens (like GitHub's ghp_…)")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := fakeprovider.ParseDialect(*dialect)
	if err != nil {
		return err
	}
	refreshSet := false
	fs.Visit(func(f *flag.Flag) { refreshSet = refreshSet || f.Name == "refresh-tokens" })
	if !refreshSet {
		*refresh = *accessTTL > 0
	}
	opts := fakeprovider.Options{
		Dialect:           d,
		ClientID:          *clientID,
		ClientSecret:      *clientSecret,
		AccessTokenTTL:    *accessTTL,
		RefreshTokens:     *refresh,
		DeviceInterval:    *interval,
		RequirePKCE:       *requirePKCE,
		DisableDeviceFlow: *noDevice,
		Logf:              log.Printf,
	}
	if *autoApprove {
		opts.DeviceAutoApprove = *autoAfter
	}
	p := fakeprovider.New(opts)

	var logins []string
	for _, l := range strings.Split(*users, ",") {
		if l = strings.TrimSpace(l); l != "" {
			logins = append(logins, l)
		}
	}
	if len(logins) == 0 {
		logins = []string{fakeprovider.DefaultLogin}
	}
	for i, l := range logins {
		u := p.AddUser(fakeprovider.User{Login: l, Name: strings.ToUpper(l[:1]) + l[1:], Email: l + "@example.com"})
		p.SetInstallations(l, fakeprovider.Installation{ID: int64(i + 1), AccountLogin: l, AccountID: u.ID, AppID: 1})
	}

	for _, t := range strings.Split(*personal, ",") {
		if t = strings.TrimSpace(t); t != "" {
			if err := p.AddPersonalToken(logins[0], t, "repo"); err != nil {
				return err
			}
		}
	}

	if *password != "" {
		if err := p.SetPassword(logins[0], *password); err != nil {
			return err
		}
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	p.URL = strings.TrimRight(*publicURL, "/")
	if p.URL == "" {
		p.URL = "http://" + ln.Addr().String()
	}

	fmt.Println("# gitauthd configuration for this fake provider:")
	for _, kv := range p.Env(*providerIndex, *providerID, *providerType) {
		k, v, _ := strings.Cut(kv, "=")
		fmt.Printf("export %s='%s'\n", k, strings.ReplaceAll(v, "'", `'\''`))
	}
	log.Printf("fakeprovider: %s dialect listening on %s; users %s (%s signs in)", d, p.URL, strings.Join(logins, ", "), logins[0])
	log.Printf("fakeprovider: device verification page %s", p.DeviceVerificationURL())
	if opts.DeviceAutoApprove > 0 {
		log.Printf("fakeprovider: device codes are approved for %s after %s", logins[0], opts.DeviceAutoApprove)
	}
	return p.Serve(ln)
}
