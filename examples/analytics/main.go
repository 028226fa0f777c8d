// Command analytics discovers the Analytics companies a credential can see,
// lists the report suites of one, and shows the eVars and success events of
// a suite with the eVar settings the 2.0 API exposes.
//
// By default it runs against the embedded fake Adobe (package adobetest):
// no credentials, no network. With -live it uses real Adobe and the
// credential in ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET, ADOBE_ORG_ID and
// ADOBE_SCOPES; the credential must be attached to an Adobe Analytics
// product profile (for the Campaign connector, the one named
// reserved_campaign_classic_<Company Name>).
//
// What it prints is what that profile grants: Adobe silently omits the
// report suites, eVars and events a credential's Analytics product profiles
// do not include, so the same calls show less, or nothing, for a credential
// with a narrower profile. The program says which profile that is.
//
//	go run ./examples/analytics
//	go run ./examples/analytics -live -company "Acme Corp" -rsid acmeprod
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/examples/internal/target"
)

func main() { target.Main("analytics", run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("analytics", flag.ContinueOnError)
	fs.SetOutput(stderr)
	flags := target.Register(fs)
	company := fs.String("company", "", "company name or global company id (default: the only one)")
	rsid := fs.String("rsid", "", "report suite whose eVars and events to show (default: the first)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: analytics [flags]\n\nLists the Analytics companies, report suites, eVars and success events a credential's\n"+
			"Analytics product profile lets it see (against the embedded fake unless -live).\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil // -h: usage printed, not a failure
		}
		return err
	}

	tg, err := flags.Open(stdout, stderr, "analytics", "Adobe Analytics 2.0 (https://analytics.adobe.io)", demoFake)
	if err != nil {
		return err
	}
	creds := tg.Credentials
	cfg, err := tg.Config()
	if err != nil {
		return err
	}
	var opts []analytics.Option
	if tg.Fake != nil {
		// Against the embedded fake, give this client its own limiter with
		// Adobe's 12 requests per 6 s. The default is shared per client id,
		// and every fake seeded alike hands out the same bootstrap client
		// id, so runs in one process (go test -count=3) would otherwise
		// share one budget and sleep for seconds. Against real Adobe keep
		// the shared default: Adobe counts requests per project.
		lim, err := analytics.NewLimiter(analytics.Limits{Requests: analytics.RateLimitRequests, Per: analytics.RateLimitPeriod})
		if err != nil {
			return err
		}
		opts = append(opts, analytics.WithLimiter(lim))
	}
	client, err := analytics.NewFromConfig(cfg, opts...)
	if err != nil {
		return err
	}

	// The profile decides what the credential sees.
	if tg.Fake != nil {
		fmt.Fprintf(stdout, "\nProfile: the credential holds the Analytics product profile %q, which grants every report suite,\n"+
			"dimension and metric of the demo company. Adobe shows a credential only what its profiles grant, so\n"+
			"everything below is what %q lets it see.\n", demoProfile, demoProfile)
	} else {
		fmt.Fprintln(stdout, "\nProfile: what follows is what the credential's Analytics product profiles grant (for the Campaign\n"+
			"connector: reserved_campaign_classic_<Company Name>). Adobe silently omits the report suites, eVars and\n"+
			"events a profile does not include; check the profile in the Admin Console if something is missing.")
	}

	// Discovery: every org and company the token sees.
	d, _, err := client.Discovery.Me(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "\nCompanies:")
	for _, c := range d.Companies() {
		fmt.Fprintf(stdout, "  %-12s %-24s org %s (rate-limit policy %s)\n", c.GlobalCompanyID, c.CompanyName, c.IMSOrgID, c.APIRateLimitPolicy)
	}
	co, err := d.FindCompany(creds.OrgID, *company)
	if err != nil {
		return err
	}
	client, err = analytics.NewFromConfig(cfg, append(opts, analytics.WithCompany(co.GlobalCompanyID))...)
	if err != nil {
		return err
	}

	// Report suites.
	fmt.Fprintf(stdout, "\nReport suites of %s:\n", co.CompanyName)
	first := ""
	for s, err := range client.ReportSuites.ListIter(ctx, &analytics.ReportSuiteListOptions{
		Expansion: []string{analytics.SuiteExpandName, analytics.SuiteExpandCurrency, analytics.SuiteExpandTimezoneZoneinfo}}) {
		if err != nil {
			return err
		}
		if first == "" {
			first = s.RSID
		}
		fmt.Fprintf(stdout, "  %-16s %-24s %s %s\n", s.RSID, s.Name, s.Currency, s.TimezoneZoneinfo)
	}
	if *rsid == "" {
		*rsid = first
	}
	if *rsid == "" {
		return errors.New("the credential sees no report suite: add one to its product profile")
	}

	// eVars and events of one suite.
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintf(stdout, "\neVars of %s:\n", *rsid)
	fmt.Fprintln(tw, "  ID\tNAME\tTYPE\tALLOCATION\tEXPIRATION")
	for dim, err := range client.Dimensions.ListIter(ctx, *rsid, &analytics.DimensionListOptions{Expansion: analytics.EVarExpansions}) {
		if err != nil {
			return err
		}
		if _, ok := dim.EVarNumber(); ok {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", dim.ID, dim.Name, dim.DataType, dim.AllocationType, dim.ExpirationType)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nSuccess events of %s:\n", *rsid)
	for m, err := range client.Metrics.ListIter(ctx, *rsid, nil) {
		if err != nil {
			return err
		}
		if _, ok := m.EventNumber(); ok {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", m.ID, m.Name, m.Type)
		}
	}
	return tw.Flush()
}

// demoProfile is the connector's profile name for the fake's demo company:
// reserved_campaign_classic_<Company Name>.
const demoProfile = "reserved_campaign_classic_" + adobetest.DemoAnalyticsCompanyName

// demoFake gives the fake's bootstrap credential the connector's product
// profile, granting every report suite, dimension and metric.
func demoFake(fake *adobetest.Fake) error {
	all := adobetest.PermissionList{AutoInclude: true}
	p, err := fake.AddProductProfile(adobetest.ProductProfile{Name: demoProfile, Permissions: adobetest.Permissions{
		ReportSuites: all, Dimensions: all, Metrics: all}})
	if err != nil {
		return err
	}
	return fake.AttachProductProfile(fake.Bootstrap().ClientID, p.ID)
}
