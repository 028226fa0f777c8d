package campaign_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/campaign"
)

// exampleOrg is the fake's demo org with the org's OAuth Server-to-Server
// credential, and a connector spec for it.
func exampleOrg() (*adobetest.Fake, *auth.Config, campaign.ConnectorSpec) {
	fake, err := adobetest.New(adobetest.WithRandSeed(7))
	if err != nil {
		log.Fatal(err)
	}
	b := fake.Bootstrap()
	cfg, err := auth.NewConfig(auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: b.Scopes},
		auth.WithBaseTransport(fake.Transport()))
	if err != nil {
		log.Fatal(err)
	}
	spec := campaign.ConnectorSpec{
		OrgID: b.OrgID, CompanyName: "Acme", Deployment: campaign.OnPremise, Build: "7.4.4 build 9400",
		Instance: "acme_mkt", Containers: []string{"mkt1.acme.example"},
		ReportSuites: []string{adobetest.DemoRSID}, CampaignIDEVar: 4, BroadlogIDEVar: 6, AutoIncludeMetrics: true,
	}
	return fake, cfg, spec
}

// The whole provisioning: the first run stops at the step no API can take,
// a person takes it (here the fake plays them), the second run finishes,
// and a third finds nothing to do.
func ExampleProvisionConnector() {
	ctx := context.Background()
	fake, cfg, spec := exampleOrg()
	opts := []campaign.Option{campaign.WithPollDelays(time.Millisecond, 10*time.Millisecond)}

	_, err := campaign.ProvisionConnector(ctx, cfg, spec, opts...)
	var manual *adminconsole.ManualStepRequired
	if errors.As(err, &manual) {
		fmt.Println("manual step:", manual.Task, "with", len(manual.Steps), "steps")
		// A person follows manual.Markdown() in the Admin Console.
		p, _ := spec.ProfileSpec()
		perms := adobetest.Permissions{
			ReportSuites:     adobetest.PermissionList{Items: p.Permissions.ReportSuites.Items},
			Metrics:          adobetest.PermissionList{AutoInclude: p.Permissions.Metrics.AutoInclude},
			Dimensions:       adobetest.PermissionList{Items: p.Permissions.Dimensions.Items},
			ReportSuiteTools: p.Permissions.ReportSuiteTools, AnalyticsTools: p.Permissions.AnalyticsTools,
		}
		if _, err := fake.CreateProductProfile(p.Product, p.Name, perms); err != nil {
			log.Fatal(err)
		}
	}

	res, err := campaign.ProvisionConnector(ctx, cfg, spec, opts...)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("writes:", len(res.Changes))
	fmt.Println("commands:", len(res.Commands), "(secret masked)")
	fmt.Println("company:", res.Analytics.CompanyName)

	again, _ := campaign.ProvisionConnector(ctx, cfg, spec, opts...)
	fmt.Println("writes on a re-run:", len(again.Changes))
	// Output:
	// manual step: create-product-profile with 11 steps
	// writes: 3
	// commands: 1 (secret masked)
	// company: Demo Company
	// writes on a re-run: 0
}

// A plan reads and writes nothing.
func ExamplePlanConnector() {
	_, cfg, spec := exampleOrg()
	plan, err := campaign.PlanConnector(context.Background(), cfg, spec)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range plan.Changes {
		fmt.Println(c.Action, c.Step)
	}
	// Output:
	// manual admin-console-profile
	// create developer-console-project
	// create oauth-credential
	// create analytics-api-with-profile
}

// Every problem of a spec, named at once, before any request.
func ExampleConnectorSpec_Validate() {
	spec := campaign.ConnectorSpec{OrgID: "acme", Deployment: campaign.Hybrid, CampaignIDEVar: 4, BroadlogIDEVar: 4}
	err := spec.Validate()
	var first *adobe.ArgError
	if errors.As(err, &first) {
		fmt.Println(errors.Is(err, adobe.ErrInvalidArgument), first.Arg)
	}
	// Output:
	// true org_id
}

// The command Campaign's server needs, on each container, secret masked.
func ExampleSetIMSOAuthCommand() {
	cmd, err := campaign.SetIMSOAuthCommand("acme_mkt", campaign.TechnicalAccount{
		OrgID: "0123456789ABCDEF01234567@AdobeOrg", ClientID: "0123456789abcdef0123456789abcdef",
		TechnicalAccountID: "0123456789ABCDEF01234567@techacct.adobe.com", ClientSecret: "p8e-example-secret",
	}, false)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cmd)
	// Output:
	// nlserver config -instance:acme_mkt '-setimsoauth:0123456789ABCDEF01234567@AdobeOrg/0123456789abcdef0123456789abcdef/0123456789ABCDEF01234567@techacct.adobe.com/<CLIENT_SECRET>'
}
