// Command adobe-fake serves the adobetest fake of Adobe's admin APIs over
// HTTP, for demos and for testing programs that cannot use an in-process
// transport.
//
// Usage:
//
//	go run ./cmd/adobe-fake -addr 127.0.0.1:8080 [-seed file.json] [-rand-seed N] [-control auto|on|off]
//
// The first line on stdout is one JSON object with the server's base URL and
// the demo org's bootstrap OAuth server-to-server credential:
//
//	{"base_url":"http://127.0.0.1:8080","client_id":"...","client_secret":"...","org_id":"...@AdobeOrg",
//	 "scopes":"openid,AdobeID,...","control_url":"http://127.0.0.1:8080/_fake/"}
//
// (scopes comma-joined, as ADOBE_SCOPES and IMS take them; control_url is
// empty when the control plane is off). The secret is the fake's own, printed
// on purpose so that scripts can authenticate.
//
// Point every Adobe base URL (IMS, UMAPI, Developer Console, Analytics) at
// base_url; the fake serves all of them by path. With -addr 127.0.0.1:0 the
// server picks a free port and prints the real one. It serves until SIGINT or
// SIGTERM, then shuts down gracefully.
//
// The demo org is ready for the Campaign connector's job: Adobe Analytics is
// licensed with a general product profile attached to the bootstrap
// credential, so a plain-HTTP client can mint a token, see the Analytics
// service enabled, create a project and credential, attach Analytics,
// download the workspace and read discovery, report suites, eVars and events.
//
// # Control plane
//
// Under /_fake/ (a prefix no Adobe path uses) the command serves the fake's
// test powers to tools that are not Go: the request log, faults, the Admin
// Console step no Adobe API can do (create a product profile with its
// Analytics permissions, attach it to a credential), users, and a dump of the
// state as a seed file. With -control auto (the default) it is on when the
// server listens on a loopback address and refused (403) otherwise; -control
// on serves it on any address, -control off never. Routes:
//
//	GET    /_fake/                       this list, and the route patterns faults may name, as JSON
//	GET    /_fake/requests               the request log: [{method, host, path, route, status, time}]
//	DELETE /_fake/requests               empty the request log
//	GET    /_fake/faults                 the active faults
//	POST   /_fake/faults                 inject a fault: {route, times, latency, status, body, retry_after,
//	                                       drop, lose_response, garble_body, empty_body, truncate_body,
//	                                       response_latency}; durations as Go durations ("2s")
//	DELETE /_fake/faults                 clear every fault
//	POST   /_fake/product-profiles       the Admin Console step: create a product profile in the demo org,
//	                                       {name, product, permissions: {report_suites: {items|auto_include},
//	                                       metrics, dimensions, report_suite_tools, analytics_tools}} → 201
//	POST   /_fake/credentials/{clientId}/product-profiles
//	                                     attach a profile to a credential ("bootstrap" names the bootstrap
//	                                       one): {product_profile: "<id or name>"} → 200 with the credential
//	POST   /_fake/users                  add an Adobe ID user: {email, first_name, last_name, country, orgs} → 201
//	GET    /_fake/seed                   the state as a seed file (see WriteSeed)
//
// For example, the connector's manual step:
//
//	curl -X POST $BASE/_fake/product-profiles -d '{"name":"reserved_campaign_classic_Acme",
//	  "permissions":{"report_suites":{"auto_include":true},"metrics":{"auto_include":true},
//	  "dimensions":{"auto_include":true},"report_suite_tools":["Report Suite Mgmt"],
//	  "analytics_tools":["Code Manager - Web Services"]}}'
//	curl -X POST $BASE/_fake/credentials/$CLIENT_ID/product-profiles \
//	  -d '{"product_profile":"reserved_campaign_classic_Acme"}'
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
		if errors.Is(err, flag.ErrHelp) {
			return // -h: the usage went to stdout
		}
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
	ControlURL   string `json:"control_url"` // "" when the control plane is off
}

const usageHead = `adobe-fake serves a fake of Adobe's admin APIs (IMS, User Management,
Developer Console, Analytics 2.0) on one address, by path. The first stdout
line is JSON: base_url, the bootstrap credential, control_url.

Usage: adobe-fake [flags]

Flags:
`

const usageControl = `
Control plane (for tools that are not Go), under /_fake/; on with -control on,
or with -control auto (the default) when listening on a loopback address;
otherwise every /_fake/ request answers 403:

`

// run serves the fake until ctx is done.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("adobe-fake", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address; port 0 picks a free port")
	seed := fs.String("seed", "", "JSON seed file (see the adobetest package documentation)")
	randSeed := fs.Int64("rand-seed", 0, "seed for generated ids; 0 means random")
	lifetime := fs.Duration("token-lifetime", 24*time.Hour, "access token lifetime")
	control := fs.String("control", "auto", "control plane under /_fake/: auto (on for a loopback address), on, off")
	fs.SetOutput(stdout)
	fs.Usage = func() {
		fmt.Fprint(stdout, usageHead)
		fs.PrintDefaults()
		fmt.Fprint(stdout, usageControl, adobetest.ControlRoutes, "\n")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *control != "auto" && *control != "on" && *control != "off" {
		return fmt.Errorf("-control %q: want auto, on or off", *control)
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
	on := *control == "on" || *control == "auto" && isLoopback(ln.Addr())
	srv := &http.Server{Handler: withControl(f, on), ReadHeaderTimeout: 10 * time.Second}

	boot := f.Bootstrap()
	b := banner{
		BaseURL: "http://" + ln.Addr().String(), ClientID: boot.ClientID,
		ClientSecret: boot.ClientSecret, OrgID: boot.OrgID, Scopes: strings.Join(boot.Scopes, ","),
	}
	if on {
		b.ControlURL = b.BaseURL + adobetest.ControlPrefix
	}
	line, err := json.Marshal(b)
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

// withControl serves the fake, and its control plane under
// adobetest.ControlPrefix when on (refused with 403 otherwise).
func withControl(f *adobetest.Fake, on bool) http.Handler {
	ctl := f.ControlHandler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, adobetest.ControlPrefix) && r.URL.Path != strings.TrimSuffix(adobetest.ControlPrefix, "/") {
			f.ServeHTTP(w, r)
			return
		}
		if !on {
			w.Header().Set("Content-Type", "application/json;charset=UTF-8")
			w.WriteHeader(http.StatusForbidden)
			_, _ = io.WriteString(w, `{"error":"the control plane is off: start adobe-fake with -control on, or on a loopback address"}`+"\n")
			return
		}
		ctl.ServeHTTP(w, r)
	})
}

// isLoopback reports whether a listener's address is a loopback address.
func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
