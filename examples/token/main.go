// Command token mints an OAuth Server-to-Server access token and asks IMS
// who it belongs to, what it may do and whether it is valid.
//
// By default it runs against the embedded fake Adobe (package adobetest): no
// credentials, no network. With -live it uses real Adobe IMS and the
// credential in ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET, ADOBE_ORG_ID,
// ADOBE_SCOPES (and optionally ADOBE_IMS_URL, or ADOBE_ENDPOINT to send every
// service to one base URL such as go run ./cmd/adobe-fake).
//
//	go run ./examples/token
//	go run ./examples/token -live
//
// The token itself is never printed.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-adobe/adobe/examples/internal/target"
	"github.com/go-adobe/adobe/ims"
)

const usage = `Usage: go run ./examples/token [-live] [-debug]

Mints an OAuth Server-to-Server access token, decodes its claims and asks IMS
whose it is and whether it is valid; the token itself is never printed. It runs
against the embedded fake Adobe unless -live is given, which uses real Adobe
IMS and the credential in ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET, ADOBE_ORG_ID and
ADOBE_SCOPES (optionally ADOBE_IMS_URL or ADOBE_ENDPOINT).`

func main() { target.Main("token", run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	fs.SetOutput(stderr)
	target.SetUsage(fs, usage)
	flags := target.Register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	tg, err := flags.Open(stdout, stderr, "token", "Adobe IMS", nil)
	if err != nil {
		return err
	}
	cfg, err := tg.Config()
	if err != nil {
		return err
	}
	creds := cfg.Credentials()
	tok, err := cfg.TokenSource().TokenContext(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Credential: %s (org %s)\n", creds.ClientID, creds.OrgID)
	fmt.Fprintf(stdout, "Token: minted, expires in %s\n", time.Until(tok.Expiry).Round(time.Minute))

	claims, err := ims.DecodeClaims(tok.AccessToken.Reveal())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Claims: type=%s client_id=%s region=%s lifetime=%s\n", claims.Type, claims.ClientID, claims.As, claims.Lifetime())
	fmt.Fprintf(stdout, "Scopes: %s\n", strings.Join(claims.Scopes(), ", "))

	client, err := ims.NewFromConfig(cfg) // the same transport and IMS as cfg
	if err != nil {
		return err
	}
	secret := tok.AccessToken
	info, err := client.UserInfo(ctx, creds.ClientID, secret)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Subject: %s", info.Sub)
	if info.Email != "" {
		fmt.Fprintf(stdout, " <%s>", info.Email)
	}
	fmt.Fprintln(stdout)
	v, err := client.ValidateToken(ctx, creds.ClientID, secret, ims.TypeAccessToken)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Valid: %v\n", v.Valid)
	return nil
}
