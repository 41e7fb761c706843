// Command baseline is the benchmark's yardstick: a bare Echo server that
// answers fixed bytes (the answers gitauthd gave to the same requests) with
// no validation, no authentication and no database. make bench drives it
// in the same run as gitauthd, on the same paths, and reports gitauthd's
// throughput as a ratio to it.
//
//	baseline --addr 127.0.0.1:0 --responses responses.json
//
// responses.json is a JSON array of {"path", "content_type", "body",
// "encode"}. With encode set, the body is decoded once into the contract's
// model of that name and encoded with encoding/json on every request, as
// gitauthd's generated server encodes it (the list of authorizations: the
// cost of encoding n entries belongs to the yardstick); otherwise the
// fixed bytes are written. The address bound is printed on stdout as
// "listening on <host:port>".
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/gen/api"
)

// Response is one fixed answer.
type Response struct {
	Path        string `json:"path"`
	ContentType string `json:"content_type"`
	Body        string `json:"body"`
	Encode      string `json:"encode,omitempty"`
}

// models are the contract's models a response may be encoded from.
var models = map[string]func() any{
	"ListAuthorizationsResponse": func() any { return new(api.ListAuthorizationsResponse) },
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
		if r.Encode == "" {
			e.GET(r.Path, func(c echo.Context) error { return c.Blob(http.StatusOK, ct, body) })
			continue
		}
		model, ok := models[r.Encode]
		if !ok {
			log.Fatalf("%s: no model %q", r.Path, r.Encode)
		}
		v := model()
		if err := json.Unmarshal(body, v); err != nil {
			log.Fatalf("%s: %v", r.Path, err)
		}
		e.GET(r.Path, func(c echo.Context) error {
			var buf bytes.Buffer
			if err := json.NewEncoder(&buf).Encode(v); err != nil {
				return err
			}
			return c.Blob(http.StatusOK, ct, buf.Bytes())
		})
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	log.Fatal(srv.Serve(ln))
}
