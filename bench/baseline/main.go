// Command baseline is the benchmark's yardstick: a bare Echo server that
// answers fixed bytes (the answers gitauthd gave to the same requests) with
// no validation, no authentication and no database. make bench drives it
// in the same run as gitauthd, on the same paths, and reports gitauthd's
// throughput as a ratio to it.
//
//	baseline --addr 127.0.0.1:0 --responses responses.json
//
// responses.json is a JSON array of {"path", "content_type", "body"}. The
// address bound is printed on stdout as "listening on <host:port>".
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/labstack/echo/v4"
)

// Response is one fixed answer.
type Response struct {
	Path        string `json:"path"`
	ContentType string `json:"content_type"`
	Body        string `json:"body"`
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	file := flag.String("responses", "", "JSON file of the answers to serve")
	flag.Parse()
	var responses []Response
	if *file != "" {
		data, err := os.ReadFile(*file)
		if err != nil {
			log.Fatal(err)
		}
		if err := json.Unmarshal(data, &responses); err != nil {
			log.Fatalf("%s: %v", *file, err)
		}
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	for _, r := range responses {
		body, ct := []byte(r.Body), r.ContentType
		e.GET(r.Path, func(c echo.Context) error { return c.Blob(http.StatusOK, ct, body) })
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	log.Fatal(srv.Serve(ln))
}
