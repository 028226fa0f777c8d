package adminconsole_test

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
)

// exampleClient returns a client of adobetest's fake, as a test would build
// one; against Adobe, use auth.CredentialsFromEnv and no WithBaseTransport.
func exampleClient() (*adminconsole.Client, *adobetest.Fake) {
	fake, err := adobetest.New(adobetest.WithRandSeed(1), adobetest.WithoutDemoAnalyticsProfile())
	if err != nil {
		log.Fatal(err)
	}
	b := fake.Bootstrap()
	creds := auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID,
		Scopes: []string{"openid", "AdobeID", "user_management_sdk"}}
	cfg, err := auth.NewConfig(creds, auth.WithBaseTransport(fake.Transport()))
	if err != nil {
		log.Fatal(err)
	}
	// Each example has its own fake but the same demo credential: give each
	// client its own limiter (the default is shared per credential).
	client, err := adminconsole.NewFromConfig(cfg, adminconsole.WithRateLimits(adminconsole.DefaultLimits))
	if err != nil {
		log.Fatal(err)
	}
	return client, fake
}

func ExampleGroupsService_ListProductProfilesIter() {
	client, fake := exampleClient()
	_, _ = fake.CreateProductProfile("Adobe Analytics", "Analysts", adobetest.Permissions{})
	_, _ = fake.CreateProductProfile("Adobe Campaign", "Campaign operators", adobetest.Permissions{})

	for g, err := range client.Groups.ListProductProfilesIter(context.Background(), adminconsole.AnalyticsProduct) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s (%s)\n", g.Name, g.ProductName)
	}
	// Output:
	// Analysts (Adobe Analytics)
}

func ExampleActionsService_Do() {
	client, fake := exampleClient()
	_, _ = fake.CreateProductProfile("Adobe Analytics", "Analysts", adobetest.Permissions{})

	res, err := client.Actions.Do(context.Background(), []adminconsole.Command{
		adminconsole.ForUser("ann@example.com",
			adminconsole.AddAdobeID{Email: "ann@example.com", Country: "US"},
			adminconsole.AddToGroups{Groups: []string{"Analysts"}}),
		adminconsole.ForUser("bob@example.com", adminconsole.AddToGroups{Groups: []string{"Analysts"}}),
	}, nil)
	var partial *adminconsole.ActionError
	if errors.As(err, &partial) {
		for _, f := range partial.Result.Failures {
			fmt.Printf("command %d step %d: %s\n", f.Command, f.Step, f.Code)
		}
	}
	fmt.Println("ann done:", res.Succeeded(0), "- bob done:", res.Succeeded(1))
	// Output:
	// command 1 step 0: error.user.nonexistent
	// ann done: true - bob done: false
}

func ExampleClient_RequireProductProfile() {
	client, _ := exampleClient()
	spec, err := adminconsole.CampaignConnectorPermissions(adminconsole.CampaignConnectorOptions{
		CompanyName: "Acme", ReportSuites: []string{"acmeprod"}, Events: []int{1}, EVars: []int{10},
	})
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.RequireProductProfile(context.Background(), spec, nil)
	var manual *adminconsole.ManualStepRequired
	if errors.As(err, &manual) {
		fmt.Println(manual.Task, "-", len(manual.Steps), "steps; the second:")
		fmt.Println(manual.Steps[1].Text)
	}
	// Output:
	// create-product-profile - 11 steps; the second:
	// Open Products, select Adobe Analytics, and click New Profile.
}

func ExampleClient_EnsureUserOnProfile() {
	client, fake := exampleClient()
	ctx := context.Background()
	_, _ = fake.CreateProductProfile("Adobe Analytics", "reserved_campaign_classic_Acme", adobetest.Permissions{})

	for range 2 { // re-runs change nothing
		res, err := client.EnsureUserOnProfile(ctx, "reserved_campaign_classic_Acme", adobetest.DemoUserEmail, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("created:", res.Created, "changes:", res.Changes, "verified:", res.Value.Verified)
	}
	_, err := client.EnsureUserOnProfile(ctx, "no such profile", adobetest.DemoUserEmail, nil)
	fmt.Println(errors.Is(err, adobe.ErrNotFound))
	// Output:
	// created: true changes: [added demo.user@example.com to product profile "reserved_campaign_classic_Acme"] verified: true
	// created: false changes: [] verified: true
	// true
}

func ExampleClient_WaitForProductProfile() {
	client, fake := exampleClient()
	const name = "reserved_campaign_classic_Acme"

	profile, err := client.WaitForProductProfile(context.Background(), name, 30*time.Minute,
		adobe.WithWaitDelays(10*time.Millisecond, 100*time.Millisecond),
		adobe.WithWaitProgress(func(p adobe.WaitPoll) {
			fmt.Printf("poll %d: %s\n", p.Attempt, p.Status)
			if p.Attempt == 2 { // a person creates the profile in the Admin Console
				_, _ = fake.CreateProductProfile("Adobe Analytics", name, adobetest.Permissions{})
			}
		}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("found", profile.Name, "of", profile.ProductName)
	// Output:
	// poll 1: not listed yet
	// poll 2: not listed yet
	// found reserved_campaign_classic_Acme of Adobe Analytics
}

func ExampleUsersService_List() {
	client, _ := exampleClient()
	users, resp, err := client.Users.List(context.Background(), 0, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("page %d: %d users, last %v, total %d\n", resp.Page.Number, len(users), resp.Page.Last, resp.Page.TotalItems)
	// Output:
	// page 0: 1 users, last true, total 1
}

func ExampleLimiter_String() {
	lim, err := adminconsole.NewLimiter(adminconsole.DefaultLimits)
	if err != nil {
		log.Fatal(err)
	}
	var _ adobe.Limiter = lim
	fmt.Println(lim)
	// Output:
	// adminconsole (users 25/min, groups 5/min, action 10/min)
}

func ExampleRenderText() {
	spec, _ := adminconsole.CampaignConnectorPermissions(adminconsole.CampaignConnectorOptions{
		CompanyName: "Acme", ReportSuites: []string{"acmeprod"}, AutoIncludeMetrics: true, AutoIncludeDimensions: true,
	})
	steps := spec.ManualSteps()
	fmt.Print(adminconsole.RenderText("", steps[4:7]))
	// Output:
	//  1. Click Edit on Report Suites, keep Auto-include off, add each of these items to the Included Permission Items, and click Save:
	//       * acmeprod
	//  2. Click Edit on Metrics, switch Auto-include on (it adds every present and future item), and click Save.
	//  3. Click Edit on Dimensions, switch Auto-include on (it adds every present and future item), and click Save.
}
