// Command oidc-op serves the tests' OpenID Provider (zitadel's certified op
// package with the people of internal/sso/ssotest) on loopback for the
// browser tests: it prints "issuer <URL>" once it listens, and serves until
// it is stopped.
//
//	oidc-op --redirect http://127.0.0.1:3000/api/v2/users/oidc/callback
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/gitauthd/gitauthd/internal/sso/ssotest"
)

func main() {
	redirect := flag.String("redirect", "", "the client's redirect URL (gitauthd's OIDC callback)")
	flag.Parse()
	if *redirect == "" {
		log.Fatal("oidc-op: --redirect is required")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	issuer := "http://" + ln.Addr().String()
	fmt.Println("issuer", issuer)
	srv := &http.Server{Handler: ssotest.Handler(issuer, *redirect), ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}
