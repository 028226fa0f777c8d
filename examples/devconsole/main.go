// Command devconsole provisions the Developer Console part of the Adobe
// Analytics connector for Adobe Campaign: a project, an OAuth
// Server-to-Server credential in its workspace, and Adobe Analytics attached
// to that credential with the connector's product profile
// reserved_campaign_classic_<Company>.
//
// It runs the provisioning twice in one process to show that it converges:
// the first run creates, the second finds everything and writes nothing.
// After each run it prints the writes the run reports (adobe.Ensured's
// Changes) and, against the fake, the requests the fake logged.
//
// By default it runs against the embedded fake Adobe (package adobetest): no
// credentials, no network; the fake's Admin Console holds the product
// profile reserved_campaign_classic_<Company>, the step a System
// Administrator does by hand (no API creates product profiles). With -live it
// uses the real Developer Console and the credential in ADOBE_CLIENT_ID,
// ADOBE_CLIENT_SECRET, ADOBE_ORG_ID and ADOBE_SCOPES (a credential with the
// I/O Management API).
//
//	go run ./examples/devconsole
//	go run ./examples/devconsole -company Acme -profile Nope   # fails: lists the available profiles
//	go run ./examples/devconsole -live -company Acme
//
// Secrets and tokens are never printed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/go-adobe/adobe"
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
	company := fs.String("company", "Acme", "the company name in the connector's product profile reserved_campaign_classic_<Company>")
	profile := fs.String("profile", "", "Adobe Analytics product profile to attach (name, any case, or id); default reserved_campaign_classic_<Company>")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil // -h printed the usage: not a failure
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	connectorProfile := "reserved_campaign_classic_" + *company
	if *profile == "" {
		*profile = connectorProfile
	}

	tg, err := flags.Open(stdout, stderr, "devconsole", "Adobe Developer Console "+devconsole.DefaultBaseURL,
		func(fake *adobetest.Fake) error {
			// The step no API can do: a System Administrator creates the
			// connector's product profile in the Admin Console.
			_, err := fake.CreateProductProfile("", connectorProfile, adobetest.Permissions{})
			return err
		})
	if err != nil {
		return err
	}
	cfg, err := tg.Config()
	if err != nil {
		return err
	}
	c, err := devconsole.NewFromConfig(cfg)
	if err != nil {
		return err
	}
	orgID := tg.Credentials.OrgID // the IMS org id: the client resolves the Console's numeric id
	org, err := c.Organizations.Resolve(ctx, orgID)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "org %s (Console id %s) %s\n", org.Code, org.ID, org.Name)

	for i := 1; i <= 2; i++ {
		fmt.Fprintf(stdout, "run %d:\n", i)
		if tg.Fake != nil {
			tg.Fake.ResetRequests()
		}
		changes, err := provision(ctx, c, orgID, *projectName, *credName, *profile, stdout)
		if err != nil {
			var pe *devconsole.ProfileUnavailableError
			if errors.As(err, &pe) {
				return fmt.Errorf("run %d: Adobe Analytics has no product profile %q in this org (available: %s); "+
					"a System Administrator creates it in the Admin Console: %w", i, *profile, strings.Join(pe.Available, ", "), err)
			}
			return fmt.Errorf("run %d: %w", i, err)
		}
		fmt.Fprintf(stdout, "  writes reported: %d\n", len(changes))
		for _, ch := range changes {
			fmt.Fprintf(stdout, "    %s %s: %s\n", ch.Method, ch.Path, ch.What)
		}
		if tg.Fake != nil {
			var reqs, writes []string
			for _, r := range tg.Fake.Requests() {
				if !strings.HasPrefix(r.Path, "/console/") {
					continue
				}
				reqs = append(reqs, r.Route)
				if r.Method != http.MethodGet {
					writes = append(writes, r.Route)
				}
			}
			fmt.Fprintf(stdout, "  fake's request log: %d Console requests, %d writes\n", len(reqs), len(writes))
			for _, r := range reqs {
				fmt.Fprintf(stdout, "    %s\n", r)
			}
		}
	}
	return nil
}

// provision ensures the project, the credential and the attachment, prints
// what each found or made, and returns every write, in order.
func provision(ctx context.Context, c *devconsole.Client, orgID, projectName, credName, profile string, stdout io.Writer) ([]adobe.Change, error) {
	p, err := c.EnsureProject(ctx, orgID, devconsole.ProjectCreateRequest{Name: projectName, Description: "Adobe Campaign ↔ Adobe Analytics"})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "  project %s, workspace %s (created %v)\n", p.Value.ProjectID, p.Value.WorkspaceID, p.Created)
	cr, err := c.EnsureOAuthCredential(ctx, p.Value, devconsole.OAuthCredentialCreateRequest{Name: credName, Description: "Adobe Campaign Analytics connector"})
	if err != nil {
		return p.Changes, err
	}
	fmt.Fprintf(stdout, "  credential %s, client id %s (created %v)\n", cr.Value.ID, cr.Value.ClientID, cr.Created)
	at, err := c.AttachProductProfiles(ctx, cr.Value.Ref, devconsole.SDKAnalytics, []string{profile})
	if err != nil {
		return append(p.Changes, cr.Changes...), err
	}
	fmt.Fprintf(stdout, "  Adobe Analytics profile %q attached (this run attached it: %v)\n", at.Value[0].Name, at.Wrote())
	return append(append(p.Changes, cr.Changes...), at.Changes...), nil
}
