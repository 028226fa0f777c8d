package devconsole_test

import (
	"context"
	"slices"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/devconsole"
)

// Adobe compares product-profile names case-insensitively (the Admin
// Console refuses a second profile whose name differs only in case), so a
// name typed in another case, or with surrounding spaces, names the same
// profile in attach, detach and Service.Profile.
func TestProfileNamesMatchCaseInsensitively(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	// The person creates the profile in the Admin Console.
	prof, err := e.fake.CreateProductProfile("", "RESERVED_CAMPAIGN_CLASSIC_ACME", adobetest.Permissions{})
	if err != nil {
		t.Fatal(err)
	}
	// And a second one in another case cannot exist.
	if _, err := e.fake.CreateProductProfile("", "reserved_campaign_classic_Acme", adobetest.Permissions{}); err == nil {
		t.Fatal("the fake let a person create a profile whose name differs only in case")
	}
	p, err := e.client.EnsureProject(ctx, e.orgID, devconsole.ProjectCreateRequest{Name: "case-test"})
	if err != nil {
		t.Fatal(err)
	}
	cr, err := e.client.EnsureOAuthCredential(ctx, p.Value, devconsole.OAuthCredentialCreateRequest{Name: "case-connector"})
	if err != nil {
		t.Fatal(err)
	}

	at, err := e.client.AttachProductProfiles(ctx, cr.Value.Ref, devconsole.SDKAnalytics,
		[]string{"reserved_campaign_classic_Acme"})
	if err != nil {
		t.Fatalf("Attach in another case: %v", err)
	}
	if !at.Wrote() || len(at.Value) != 1 || at.Value[0].ID != prof.ID {
		t.Fatalf("Attach = %+v; want profile %s attached", at, prof.ID)
	}
	if got := selectedIDs(t, e, cr.Value.Ref); !slices.Equal(got, []string{prof.ID}) {
		t.Fatalf("attached = %q, want [%s]", got, prof.ID)
	}
	// Converges: the same profile named in yet another case, with spaces,
	// and twice, makes no write.
	_, before := consoleRequests(e.fake)
	at, err = e.client.AttachProductProfiles(ctx, cr.Value.Ref, devconsole.SDKAnalytics,
		[]string{" Reserved_Campaign_Classic_ACME ", "RESERVED_CAMPAIGN_CLASSIC_ACME"})
	if err != nil || at.Wrote() || len(at.Value) != 1 {
		t.Fatalf("second Attach = %+v, %v; want one profile, no change", at, err)
	}
	if _, after := consoleRequests(e.fake); len(after) != len(before) {
		t.Fatalf("second Attach wrote: %q", after[len(before):])
	}

	svc, _, err := e.client.Organizations.GetService(ctx, e.orgID, devconsole.SDKAnalytics)
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := svc.Profile("reserved_CAMPAIGN_classic_acme"); !ok || l.ID != prof.ID {
		t.Fatalf("Service.Profile in another case = %+v, %v", l, ok)
	}
	if _, ok := svc.Profile("  "); ok {
		t.Fatal("Service.Profile matched a blank name")
	}

	ok, err := e.client.DetachProductProfiles(ctx, cr.Value.Ref, devconsole.SDKAnalytics,
		[]string{"reserved_campaign_classic_acme"})
	if err != nil || !ok.Wrote() {
		t.Fatalf("Detach in another case = %v, %v; want detached", ok, err)
	}
	if got := selectedIDs(t, e, cr.Value.Ref); len(got) != 0 {
		t.Fatalf("still attached: %q", got)
	}
}

// Detach alone: a profile attached by its exact name detaches when named in
// another case.
func TestDetachProfileNameCaseInsensitive(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	_, cr, _ := provision(t, e) // attaches "Campaign Analytics"
	if got := selectedIDs(t, e, cr.Value.Ref); !slices.Equal(got, []string{e.profile.ID}) {
		t.Fatalf("attached = %q", got)
	}
	ok, err := e.client.DetachProductProfiles(ctx, cr.Value.Ref, devconsole.SDKAnalytics,
		[]string{"CAMPAIGN ANALYTICS "})
	if err != nil || !ok.Wrote() {
		t.Fatalf("Detach in another case = %v, %v; want detached", ok, err)
	}
	if got := selectedIDs(t, e, cr.Value.Ref); len(got) != 0 {
		t.Fatalf("still attached: %q", got)
	}
}
