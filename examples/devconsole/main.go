// Command devconsole lists the caller's orgs and projects and ensures a
// project with an OAuth Server-to-Server credential attached to Adobe
// Analytics with a product profile.
//
// By default it runs against the embedded fake Adobe (package adobetest): no
// credentials, no network. With -live it uses the real Developer Console
// and the credential in ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET, ADOBE_ORG_ID
// and ADOBE_SCOPES (a credential with the I/O Management API).
//
//	go run ./examples/devconsole
//	go run ./examples/devconsole -live -profile "Campaign Analytics"
//
// Secrets and tokens are never printed.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/devconsole"
	"github.com/go-adobe/adobe/examples/internal/target"
)

func main() { target.Main("devconsole", run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("devconsole", flag.ContinueOnError)
	fs.SetOutput(stderr)
	flags := target.Register(fs)
	projectName := fs.String("project", "campaign-analytics", "project name")
	credName := fs.String("credential", "campaign-connector", "credential name (6 to 25 characters)")
	profile := fs.String("profile", "Campaign Analytics", "Adobe Analytics product profile (name, any case, or id)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}

	tg, err := flags.Open(stdout, stderr, "devconsole", "Adobe Developer Console "+devconsole.DefaultBaseURL,
		func(fake *adobetest.Fake) error {
			// The step no API can do: a person creates the product profile.
			_, err := fake.CreateProductProfile("", *profile, adobetest.Permissions{})
			return err
		})
	if err != nil {
		return err
	}
	creds := tg.Credentials
	cfg, err := tg.Config()
	if err != nil {
		return err
	}
	c, err := devconsole.NewFromConfig(cfg)
	if err != nil {
		return err
	}

	for o, err := range c.Organizations.ListIter(ctx) {
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "org %s (%s) %s\n", o.ID, o.Code, o.Name)
	}
	org, err := c.Organizations.Resolve(ctx, creds.OrgID)
	if err != nil {
		return err
	}
	for p, err := range c.Projects.ListIter(ctx, org.ID, nil) {
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "project %s %s\n", p.ID, p.Name)
	}
	p, err := c.EnsureProject(ctx, org.ID, devconsole.ProjectCreateRequest{Name: *projectName, Description: "Adobe Campaign ↔ Adobe Analytics"})
	if err != nil {
		return err
	}
	cr, err := c.EnsureOAuthCredential(ctx, org.ID, p.ProjectID, p.WorkspaceID, devconsole.OAuthCredentialCreateRequest{Name: *credName, Description: "Adobe Campaign Analytics connector"})
	if err != nil {
		return err
	}
	at, err := c.AttachProductProfiles(ctx, org.ID, p.ProjectID, p.WorkspaceID, cr.ID, devconsole.SDKAnalytics, []string{*profile})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "project %s (created %v), workspace %s\n", p.ProjectID, p.Created, p.WorkspaceID)
	fmt.Fprintf(stdout, "credential %s client id %s (created %v)\n", cr.ID, cr.ClientID, cr.Created)
	fmt.Fprintf(stdout, "Adobe Analytics profile %q attached (changed %v)\n", *profile, at.Changed)
	return nil
}
