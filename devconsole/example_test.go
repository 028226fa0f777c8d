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
	// The Admin Console step no API can do: the connector's product profile.
	_, _ = fake.CreateProductProfile("", "reserved_campaign_classic_Acme", adobetest.Permissions{})
	b := fake.Bootstrap()
	cfg, _ := auth.NewConfig(auth.Credentials{
		ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: b.Scopes,
	}, auth.WithBaseTransport(fake.Transport()))
	c, _ := devconsole.NewFromConfig(cfg)
	return c, fake
}

// The connector's Console part, run twice: the first run creates and
// reports its writes; the second finds everything and writes nothing.
func Example() {
	ctx := context.Background()
	c, fake := exampleClient()
	org := fake.OrgID() // the IMS org id: the client resolves the Console's numeric id
	for run := 1; run <= 2; run++ {
		p, err := c.EnsureProject(ctx, org, devconsole.ProjectCreateRequest{Name: "campaign"})
		if err != nil {
			fmt.Println(err)
			return
		}
		cr, err := c.EnsureOAuthCredential(ctx, p.Value, devconsole.OAuthCredentialCreateRequest{Name: "campaign-connector"})
		if err != nil {
			fmt.Println(err)
			return
		}
		at, err := c.AttachProductProfiles(ctx, cr.Value.Ref, devconsole.SDKAnalytics, []string{"reserved_campaign_classic_Acme"})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("run %d: created %v %v, attached %v, writes %d\n", run, p.Created, cr.Created, at.Wrote(),
			len(p.Changes)+len(cr.Changes)+len(at.Changes))
		if run == 2 {
			wc, _, err := c.Workspaces.Download(ctx, p.Value)
			if err != nil {
				fmt.Println(err)
				return
			}
			creds, err := wc.Credentials("campaign-connector")
			fmt.Println(creds.ClientID == cr.Value.ClientID, err)
		}
	}
	// Output:
	// run 1: created true true, attached true, writes 3
	// run 2: created false false, attached false, writes 0
	// true <nil>
}

// A product profile the org does not have is a typed error listing the
// available ones, returned before any write.
func ExampleClient_AttachProductProfiles_unavailable() {
	ctx := context.Background()
	c, fake := exampleClient()
	p, _ := c.EnsureProject(ctx, fake.OrgID(), devconsole.ProjectCreateRequest{Name: "campaign"})
	cr, _ := c.EnsureOAuthCredential(ctx, p.Value, devconsole.OAuthCredentialCreateRequest{Name: "campaign-connector"})
	_, err := c.AttachProductProfiles(ctx, cr.Value.Ref, devconsole.SDKAnalytics, []string{"Nope"})
	var pe *devconsole.ProfileUnavailableError
	if errors.As(err, &pe) {
		fmt.Println(pe.Missing, pe.Available)
	}
	// Output:
	// [Nope] [Analytics General Access reserved_campaign_classic_Acme]
}

func ExampleProjectsService_ListIter() {
	ctx := context.Background()
	c, fake := exampleClient()
	for _, name := range []string{"alpha", "beta", "gamma"} {
		_, _ = c.EnsureProject(ctx, fake.OrgID(), devconsole.ProjectCreateRequest{Name: name})
	}
	for p, err := range c.Projects.ListIter(ctx, fake.OrgID(), &devconsole.ProjectListOptions{Size: 2}) {
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

// Rotate adds a secret, proves it mints a token, then deletes the old one;
// a run that stopped before the delete is finished by the next run.
func ExampleSecretsService_Rotate() {
	ctx := context.Background()
	c, fake := exampleClient()
	p, _ := c.EnsureProject(ctx, fake.OrgID(), devconsole.ProjectCreateRequest{Name: "campaign"})
	cr, _ := c.EnsureOAuthCredential(ctx, p.Value, devconsole.OAuthCredentialCreateRequest{Name: "campaign-connector"})
	wc, _, err := c.Workspaces.Download(ctx, p.Value)
	if err != nil {
		fmt.Println(err)
		return
	}
	creds, _ := wc.Credentials("campaign-connector")
	verify := devconsole.TokenVerifier(creds, auth.WithBaseTransport(fake.Transport()))

	rot, err := c.Secrets.Rotate(ctx, cr.Value.Ref, verify)
	fmt.Println(rot.Resumed, len(rot.Deleted), err)

	// An earlier rotation stopped after adding its secret: two secrets.
	_, _, _ = c.Secrets.Add(ctx, cr.Value.Ref)
	rot, err = c.Secrets.Rotate(ctx, cr.Value.Ref, verify)
	fmt.Println(rot.Resumed, len(rot.Deleted), err)
	secrets, _, _ := c.Secrets.List(ctx, cr.Value.Ref)
	fmt.Println(len(secrets))
	// Output:
	// false 1 <nil>
	// true 1 <nil>
	// 1
}
