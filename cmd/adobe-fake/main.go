// Command adobe-fake serves the adobetest fake of Adobe's admin APIs over
// HTTP, for demos and for testing programs that cannot use an in-process
// transport.
//
// Usage:
//
//	go run ./cmd/adobe-fake -addr 127.0.0.1:8080 [-seed file.json] [-rand-seed N]
//
// The first line on stdout is one JSON object with the server's base URL and
// the demo org's bootstrap OAuth server-to-server credential:
//
//	{"base_url":"http://127.0.0.1:8080","client_id":"...","client_secret":"...","org_id":"...@AdobeOrg",
//	 "scopes":"openid,AdobeID,..."}
//
// (scopes comma-joined, as ADOBE_SCOPES and IMS take them). The secret is
// the fake's own, printed on purpose so that scripts can authenticate.
//
// Point every Adobe base URL (IMS, UMAPI, Developer Console, Analytics) at
// base_url; the fake serves all of them by path. With -addr 127.0.0.1:0 the
// server picks a free port and prints the real one. It serves until SIGINT or
// SIGTERM, then shuts down gracefully.
package main

import (
	"context"
	"encoding/json"
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

	"github.com/go-adobe/adobe/adobetest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "adobe-fake:", err)
		os.Exit(1)
	}
}

// banner is the first stdout line.
type banner struct {
	BaseURL      string `json:"base_url"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	OrgID        string `json:"org_id"`
	Scopes       string `json:"scopes"`
}

// run serves the fake until ctx is done.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("adobe-fake", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address; port 0 picks a free port")
	seed := fs.String("seed", "", "JSON seed file (see the adobetest package documentation)")
	randSeed := fs.Int64("rand-seed", 0, "seed for generated ids; 0 means random")
	lifetime := fs.Duration("token-lifetime", 24*time.Hour, "access token lifetime")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	opts := []adobetest.Option{adobetest.WithTokenLifetime(*lifetime)}
	if *seed != "" {
		opts = append(opts, adobetest.WithSeedFile(*seed))
	}
	if *randSeed != 0 {
		opts = append(opts, adobetest.WithRandSeed(*randSeed))
	}
	f, err := adobetest.New(opts...)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: f, ReadHeaderTimeout: 10 * time.Second}

	boot := f.Bootstrap()
	line, err := json.Marshal(banner{
		BaseURL: "http://" + ln.Addr().String(), ClientID: boot.ClientID,
		ClientSecret: boot.ClientSecret, OrgID: boot.OrgID, Scopes: strings.Join(boot.Scopes, ","),
	})
	if err != nil {
		ln.Close()
		return err
	}
	if _, err := fmt.Fprintf(stdout, "%s\n", line); err != nil {
		ln.Close()
		return err
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
