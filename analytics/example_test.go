package analytics_test

import (
	"context"
	"errors"
	"fmt"
	"log"

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
	cfg, orgID := exampleConfig(&adobetest.ProductProfile{Name: "Campaign", Permissions: adobetest.Permissions{
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
