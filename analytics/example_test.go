package analytics_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/auth"
)

// exampleConfig returns an auth.Config for the fake's bootstrap credential,
// attached to an Analytics product profile when profile is set.
func exampleConfig(profile *adobetest.ProductProfile) (*auth.Config, string) {
	fake, err := adobetest.New(adobetest.WithoutDemoAnalyticsProfile())
	if err != nil {
		log.Fatal(err)
	}
	b := fake.Bootstrap()
	if profile != nil {
		p, err := fake.AddProductProfile(*profile)
		if err != nil {
			log.Fatal(err)
		}
		if err := fake.AttachProductProfile(b.ClientID, p.ID); err != nil {
			log.Fatal(err)
		}
	}
	creds := auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: b.Scopes}
	cfg, err := auth.NewConfig(creds, auth.WithBaseTransport(fake.Transport()))
	if err != nil {
		log.Fatal(err)
	}
	return cfg, b.OrgID
}

// Find the company, then check the eVars and events the Campaign connector
// needs.
func Example() {
	// The connector's profile: reserved_campaign_classic_<Company Name>.
	cfg, orgID := exampleConfig(&adobetest.ProductProfile{Name: "reserved_campaign_classic_Demo Company", Permissions: adobetest.Permissions{
		ReportSuites: adobetest.PermissionList{AutoInclude: true},
		Dimensions:   adobetest.PermissionList{Items: []string{"Custom Conversion 1", "Custom Conversion 2"}},
		Metrics:      adobetest.PermissionList{AutoInclude: true},
	}})
	ctx := context.Background()
	client, err := analytics.NewFromConfig(cfg)
	if err != nil {
		log.Fatal(err)
	}
	client, company, err := client.ForCompany(ctx, orgID, "Demo Company")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("company:", company.GlobalCompanyID)

	rep, err := client.VerifyComponents(ctx, "demoorg0prod", []string{"evar1", "evar2", "evar3"}, []string{"event1", "event10"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("all visible:", rep.OK(), "missing:", rep.Missing())
	// Output:
	// company: demoorg0
	// all visible: false missing: [variables/evar3]
}

func ExampleReportSuitesService_ListIter() {
	cfg, _ := exampleConfig(&adobetest.ProductProfile{Name: "All suites", Permissions: adobetest.Permissions{
		ReportSuites: adobetest.PermissionList{AutoInclude: true}}})
	client, err := analytics.NewFromConfig(cfg, analytics.WithCompany("demoorg0"))
	if err != nil {
		log.Fatal(err)
	}
	opts := &analytics.ReportSuiteListOptions{Expansion: []string{analytics.SuiteExpandName, analytics.SuiteExpandCurrency}}
	for suite, err := range client.ReportSuites.ListIter(context.Background(), opts) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(suite.RSID, suite.Name, suite.Currency)
	}
	// Output:
	// demoorg0prod Demo Production USD
}

func ExampleDimensionsService_Get() {
	cfg, _ := exampleConfig(&adobetest.ProductProfile{Name: "All", Permissions: adobetest.Permissions{
		ReportSuites: adobetest.PermissionList{AutoInclude: true}, Dimensions: adobetest.PermissionList{AutoInclude: true}}})
	client, err := analytics.NewFromConfig(cfg, analytics.WithCompany("demoorg0"))
	if err != nil {
		log.Fatal(err)
	}
	d, _, err := client.Dimensions.Get(context.Background(), "demoorg0prod", analytics.EVarID(5), analytics.EVarExpansions)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.ID, d.DataType, d.IsText(), d.AllocationType, d.ExpirationType)
	// Output:
	// variables/evar5 counter false most_recent_last visit
}

// A credential without an Analytics product profile gets 403025, which the
// package reports as a *ProfileError.
func ExampleProfileError() {
	cfg, _ := exampleConfig(nil)
	client, err := analytics.NewFromConfig(cfg, analytics.WithCompany("demoorg0"))
	if err != nil {
		log.Fatal(err)
	}
	_, _, err = client.Users.Me(context.Background())
	var apiErr *adobe.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code, apiErr.Message)
	}
	fmt.Println("profile not valid:", errors.Is(err, analytics.ErrProfileNotValid))
	fmt.Println("forbidden:", errors.Is(err, adobe.ErrForbidden))
	// Output:
	// 403 403025 Profile is not valid
	// profile not valid: true
	// forbidden: true
}

// Right after provisioning, wait until Adobe stops answering 403025 and
// discovery shows the company, then bind the client to it.
func ExampleClient_WaitForProfile() {
	cfg, orgID := exampleConfig(&adobetest.ProductProfile{Name: "reserved_campaign_classic_Demo Company", Permissions: adobetest.Permissions{
		ReportSuites: adobetest.PermissionList{AutoInclude: true}}})
	ctx := context.Background()
	client, err := analytics.NewFromConfig(cfg)
	if err != nil {
		log.Fatal(err)
	}
	d, err := client.WaitForProfile(ctx, 10*time.Minute,
		adobe.WithWaitProgress(func(p adobe.WaitPoll) { log.Printf("still waiting for %s: %s", p.What, p.Status) }))
	if err != nil {
		log.Fatal(err) // an *adobe.WaitTimeoutError matching analytics.ErrProfileNotValid: attach the profile
	}
	co, err := d.FindCompany(orgID, "")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("company:", co.GlobalCompanyID, co.CompanyName)
	// Output:
	// company: demoorg0 Demo Company
}

// Ensure a report suite: the first run creates it, a re-run writes nothing.
func ExampleReportSuitesService_Ensure() {
	cfg, _ := exampleConfig(&adobetest.ProductProfile{Name: "reserved_campaign_classic_Demo Company", Permissions: adobetest.Permissions{
		ReportSuites: adobetest.PermissionList{AutoInclude: true}, ReportSuiteTools: []string{"Report Suite Mgmt"}}})
	client, err := analytics.NewFromConfig(cfg, analytics.WithCompany("demoorg0"))
	if err != nil {
		log.Fatal(err)
	}
	for range 2 {
		got, err := client.ReportSuites.Ensure(context.Background(), "demoorg0stage", analytics.ReportSuiteCreateRequest{Name: "Stage"},
			&analytics.ReportSuiteCreateOptions{CopySettingsFromRSID: "demoorg0prod"})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(got.Value.RSID, "created:", got.Created, "changes:", got.Changes)
	}
	// Output:
	// demoorg0stage created: true changes: [created report suite demoorg0stage]
	// demoorg0stage created: false changes: []
}

// A limiter below Adobe's budget, shared by the clients of every credential
// of one Developer Console project.
func ExampleNewLimiter() {
	lim, err := analytics.NewLimiter(analytics.Limits{Requests: 10, Per: 6 * time.Second})
	if err != nil {
		log.Fatal(err)
	}
	cfg, _ := exampleConfig(nil)
	if _, err := analytics.NewFromConfig(cfg, analytics.WithLimiter(lim)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(lim)
	_, err = analytics.NewLimiter(analytics.Limits{Requests: -1, Per: time.Second})
	fmt.Println(errors.Is(err, adobe.ErrInvalidArgument))
	// Output:
	// analytics (10 requests per 6s)
	// true
}
