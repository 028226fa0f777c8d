// Command adminconsole prepares the Admin Console side of the Adobe Campaign
// Classic ↔ Analytics connector: the product profile
// reserved_campaign_classic_<Company Name> with the connector's Analytics
// permissions, and the operator (an Adobe ID) on that profile.
//
// No Adobe API creates a product profile or sets its permissions, so when
// the profile is missing the command prints the exact Admin Console steps
// and waits until a person has done them; then it adds the operator through
// the User Management API, only if needed.
//
// By default it runs against the embedded fake Adobe (package adobetest),
// which also plays the person in the Admin Console. With -live it uses real
// Adobe and ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET, ADOBE_ORG_ID and
// ADOBE_SCOPES (a credential with the User Management API:
// openid,AdobeID,user_management_sdk).
//
//	go run ./examples/adminconsole
//	go run ./examples/adminconsole -live -company Acme -report-suite acmeprod -operator ops@acme.com -wait 30m
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/examples/internal/target"
)

func main() { target.Main("adminconsole", run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("adminconsole", flag.ContinueOnError)
	fs.SetOutput(stderr)
	flags := target.Register(fs)
	company := fs.String("company", "Acme", "company name completing reserved_campaign_classic_<company>")
	suites := fs.String("report-suite", "", "comma-separated report suite ids (required with -live; default on the fake: its demo suite "+adobetest.DemoRSID+")")
	events := fs.String("events", "1,2,3,4,5,6,7,8,9,10", "comma-separated success event numbers")
	evars := fs.String("evars", "10,11", "comma-separated eVar numbers (cid, bid)")
	operator := fs.String("operator", adobetest.DemoUserEmail, "Adobe ID email of the operator to put on the profile")
	addToOrg := fs.Bool("add-to-org", false, "add the operator's Adobe ID to the org if missing")
	wait := fs.Duration("wait", 30*time.Minute, "how long to wait for the profile to be created in the Admin Console")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: adminconsole [flags]\n\nPrepares the Admin Console side of the Campaign Classic ↔ Analytics connector: the product\nprofile reserved_campaign_classic_<company> and the operator on it. Runs against the embedded fake\nunless -live is given.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil // -h: usage printed, exit 0
		}
		return err
	}
	if *suites == "" {
		if flags.Live() {
			return errors.New("-report-suite: name the report suites the connector uses (with -live there is no default)")
		}
		*suites = adobetest.DemoRSID
	}
	evs, err := ints(*events)
	if err != nil {
		return fmt.Errorf("-events: %w", err)
	}
	vars, err := ints(*evars)
	if err != nil {
		return fmt.Errorf("-evars: %w", err)
	}
	spec, err := adminconsole.CampaignConnectorPermissions(adminconsole.CampaignConnectorOptions{
		CompanyName: *company, ReportSuites: split(*suites), Events: evs, EVars: vars,
	})
	if err != nil {
		return err
	}

	tg, err := flags.Open(stdout, stderr, "adminconsole", "Adobe User Management API", nil)
	if err != nil {
		return err
	}
	fake := tg.Fake
	var waitOpts []adobe.WaitOption
	if fake != nil {
		waitOpts = append(waitOpts, adobe.WithWaitDelays(10*time.Millisecond, 50*time.Millisecond))
	} else {
		fmt.Fprintln(stdout, "Org:", tg.Credentials.OrgID)
	}
	cfg, err := tg.Config()
	if err != nil {
		return err
	}
	var copts []adminconsole.Option
	if fake != nil {
		// Every embedded fake's demo credential has the same client ID, and
		// the default limiter is shared per client ID for the life of the
		// process: give each run against the fake its own, at Adobe's limits.
		copts = append(copts, adminconsole.WithRateLimits(adminconsole.DefaultLimits))
	}
	client, err := adminconsole.NewFromConfig(cfg, copts...)
	if err != nil {
		return err
	}

	profile, err := client.RequireProductProfile(ctx, spec, nil)
	var manual *adminconsole.ManualStepRequired
	switch {
	case errors.As(err, &manual) && manual.Task == adminconsole.TaskCreateProductProfile:
		fmt.Fprintf(stdout, "\nProfile %q does not exist yet.\n\n%s\n", spec.Name, manual.Markdown())
		if fake != nil {
			fmt.Fprintln(stdout, "(The fake now plays the person in the Admin Console.)")
			if _, err := fake.CreateProductProfile(spec.Product, spec.Name, fakePermissions(spec.Permissions)); err != nil {
				return err
			}
		}
		fmt.Fprintf(stdout, "Waiting up to %s for the profile...\n", *wait)
		waitOpts = append(waitOpts, adobe.WithWaitProgress(func(p adobe.WaitPoll) {
			fmt.Fprintf(stdout, "  poll %d after %s: %s; next in %s\n", p.Attempt, p.Elapsed.Round(time.Second), p.Status, p.Next)
		}))
		if profile, err = client.WaitForProductProfile(ctx, spec.Name, *wait, waitOpts...); err != nil {
			return err
		}
	case err != nil:
		return err
	}
	fmt.Fprintf(stdout, "Profile: %s (product %q, id %d, %d members)\n", profile.Name, profile.ProductName, profile.ID, profile.MemberCount)

	for i := range 2 {
		res, err := client.EnsureUserOnProfile(ctx, profile.Name, *operator, &adminconsole.EnsureOptions{AddToOrg: *addToOrg})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Run %d: operator %s created=%v writes=%d verified=%v\n", i+1, *operator, res.Created, len(res.Changes), res.Value.Verified)
		for _, c := range res.Changes {
			fmt.Fprintf(stdout, "  wrote: %s (%s %s)\n", c.What, c.Method, c.Path)
		}
	}
	n := 0
	for u, err := range client.Users.ListInGroupIter(ctx, profile.Name, nil) {
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Member: %s (%s)\n", u.Email, u.Type)
		n++
	}
	fmt.Fprintf(stdout, "Members: %d\n", n)
	return nil
}

func fakePermissions(p adminconsole.AnalyticsPermissions) adobetest.Permissions {
	return adobetest.Permissions{
		ReportSuites:     adobetest.PermissionList{AutoInclude: p.ReportSuites.AutoInclude, Items: p.ReportSuites.Items},
		Metrics:          adobetest.PermissionList{AutoInclude: p.Metrics.AutoInclude, Items: p.Metrics.Items},
		Dimensions:       adobetest.PermissionList{AutoInclude: p.Dimensions.AutoInclude, Items: p.Dimensions.Items},
		ReportSuiteTools: p.ReportSuiteTools, AnalyticsTools: p.AnalyticsTools,
	}
}

func split(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func ints(s string) ([]int, error) {
	var out []int
	for _, f := range split(s) {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}
