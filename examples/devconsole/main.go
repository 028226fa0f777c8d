// Command devconsole lists the caller's orgs and projects and ensures a
// project with an OAuth Server-to-Server credential attached to Adobe
// Analytics with a product profile. It runs against an embedded fake of
// Adobe by default; with -live it uses real Adobe and the ADOBE_CLIENT_ID,
// ADOBE_CLIENT_SECRET, ADOBE_ORG_ID and ADOBE_SCOPES variables (a credential
// with the I/O Management API).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
)

func main() {
	live := flag.Bool("live", false, "call real Adobe with ADOBE_* credentials")
	project := flag.String("project", "campaign-analytics", "project name")
	credential := flag.String("credential", "campaign-connector", "credential name (6 to 25 characters)")
	profile := flag.String("profile", "Campaign Analytics", "Adobe Analytics product profile (name or id)")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *live, *project, *credential, *profile); err != nil {
		fmt.Fprintln(os.Stderr, "devconsole:", err)
		os.Exit(1)
	}
}

// config returns the auth configuration: real credentials with -live, else
// the embedded fake's bootstrap credential (with the demo profile).
func config(live bool) (*auth.Config, error) {
	if live {
		creds, err := auth.CredentialsFromEnv()
		if err != nil {
			return nil, err
		}
		return auth.NewConfig(creds)
	}
	fake, err := adobetest.New()
	if err != nil {
		return nil, err
	}
	if _, err := fake.AddProductProfile(adobetest.ProductProfile{Name: "Campaign Analytics"}); err != nil {
		return nil, err
	}
	b := fake.Bootstrap()
	return auth.NewConfig(auth.Credentials{
		ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: b.Scopes,
	}, auth.WithBaseTransport(fake.Transport()))
}

func run(ctx context.Context, out io.Writer, live bool, projectName, credName, profile string) error {
	cfg, err := config(live)
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
		fmt.Fprintf(out, "org %s (%s) %s\n", o.ID, o.Code, o.Name)
	}
	org, err := c.Organizations.Resolve(ctx, cfg.Credentials().OrgID)
	if err != nil {
		return err
	}
	for p, err := range c.Projects.ListIter(ctx, org.ID, nil) {
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "project %s %s\n", p.ID, p.Name)
	}
	p, err := c.EnsureProject(ctx, org.ID, devconsole.ProjectCreateRequest{Name: projectName, Description: "Adobe Campaign ↔ Adobe Analytics"})
	if err != nil {
		return err
	}
	cr, err := c.EnsureOAuthCredential(ctx, org.ID, p.ProjectID, p.WorkspaceID, devconsole.OAuthCredentialCreateRequest{Name: credName, Description: "Adobe Campaign Analytics connector"})
	if err != nil {
		return err
	}
	at, err := c.AttachProductProfiles(ctx, org.ID, p.ProjectID, p.WorkspaceID, cr.ID, devconsole.SDKAnalytics, []string{profile})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "project %s (created %v), workspace %s\n", p.ProjectID, p.Created, p.WorkspaceID)
	fmt.Fprintf(out, "credential %s client id %s (created %v)\n", cr.ID, cr.ClientID, cr.Created)
	fmt.Fprintf(out, "Adobe Analytics profile %q attached (changed %v)\n", profile, at.Changed)
	return nil
}
