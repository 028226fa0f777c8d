package devconsole_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
)

// exampleClient returns a client on an in-process fake of Adobe.
func exampleClient() (*devconsole.Client, *adobetest.Fake) {
	fake, _ := adobetest.New(adobetest.WithRandSeed(1))
	_, _ = fake.AddProductProfile(adobetest.ProductProfile{Name: "Campaign Analytics"})
	b := fake.Bootstrap()
	cfg, _ := auth.NewConfig(auth.Credentials{
		ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: b.Scopes,
	}, auth.WithBaseTransport(fake.Transport()))
	c, _ := devconsole.NewFromConfig(cfg)
	return c, fake
}

func Example() {
	ctx := context.Background()
	c, fake := exampleClient()
	org, err := c.Organizations.Resolve(ctx, fake.OrgID())
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := c.EnsureProject(ctx, org.ID, devconsole.ProjectCreateRequest{Name: "campaign"})
	if err != nil {
		fmt.Println(err)
		return
	}
	cr, err := c.EnsureOAuthCredential(ctx, org.ID, p.ProjectID, p.WorkspaceID, devconsole.OAuthCredentialCreateRequest{Name: "campaign-connector"})
	if err != nil {
		fmt.Println(err)
		return
	}
	at, err := c.AttachProductProfiles(ctx, org.ID, p.ProjectID, p.WorkspaceID, cr.ID, devconsole.SDKAnalytics, []string{"Campaign Analytics"})
	if err != nil {
		fmt.Println(err)
		return
	}
	wc, _, err := c.Workspaces.Download(ctx, org.ID, p.ProjectID, p.WorkspaceID)
	if err != nil {
		fmt.Println(err)
		return
	}
	creds, err := wc.Credentials("campaign-connector")
	fmt.Println(p.Created, cr.Created, at.Changed, creds.ClientID == cr.ClientID, err)
	// Output: true true true true <nil>
}

func ExampleProjectsService_ListIter() {
	ctx := context.Background()
	c, fake := exampleClient()
	org, _ := c.Organizations.Resolve(ctx, fake.OrgID())
	for _, name := range []string{"alpha", "beta", "gamma"} {
		_, _ = c.EnsureProject(ctx, org.ID, devconsole.ProjectCreateRequest{Name: name})
	}
	for p, err := range c.Projects.ListIter(ctx, org.ID, &devconsole.ProjectListOptions{Size: 2}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(p.Name)
	}
	// Output:
	// alpha
	// beta
	// gamma
}

func ExampleOrganizationsService_Resolve_errors() {
	ctx := context.Background()
	c, _ := exampleClient()
	_, err := c.Organizations.Resolve(ctx, "999999")
	fmt.Println(errors.Is(err, adobe.ErrNotFound))

	_, _, err = c.Projects.Get(ctx, "999999", "1")
	var ae *adobe.Error
	if errors.As(err, &ae) {
		fmt.Println(ae.StatusCode, ae.Code)
	}
	// Output:
	// true
	// 403 ORG_ACCESS_DENIED
}
