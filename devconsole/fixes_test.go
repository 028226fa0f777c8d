package devconsole_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
)

const (
	routeAddSecret    = "POST /console/organizations/{orgId}/credentials/{credentialId}/secrets"
	routeRevealSecret = "GET /console/organizations/{orgId}/integrations/{intId}/secrets"
)

// Detaching an Analytics profile replaces the credential's whole service
// set: its other services, with their roles, must survive.
func TestDetachKeepsOtherServices(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	_, cr, _ := provision(t, e)
	const launch = "McDtmSDK" // a service with roles
	if _, _, err := e.client.Credentials.Subscribe(ctx, cr.Value.Ref, devconsole.Subscription{SDKCode: launch,
		Roles: []devconsole.ServiceRole{{ID: "1007", Code: "ent_reactor_admin"}}}); err != nil {
		t.Fatal(err)
	}
	ok, err := e.client.DetachProductProfiles(ctx, cr.Value.Ref, devconsole.SDKAnalytics, []string{"Campaign Analytics"})
	if err != nil || !ok.Wrote() {
		t.Fatalf("Detach = %+v, %v", ok, err)
	}
	if got := selectedIDs(t, e, cr.Value.Ref); len(got) != 0 {
		t.Fatalf("still attached: %q", got)
	}
	in, _, err := e.client.Credentials.GetIntegration(ctx, cr.Value.Ref)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(in.SDKList, launch) {
		t.Fatalf("services after detach: %q; %s was dropped", in.SDKList, launch)
	}
	for _, sp := range in.ServiceProperties {
		if sp.SDKCode == launch && (len(sp.Roles) != 1 || sp.Roles[0].Code != "ent_reactor_admin") {
			t.Fatalf("%s roles after detach: %+v", launch, sp.Roles)
		}
	}
}

// The add's answer is lost but the secret was added, and Reveal can read
// its value: Rotate goes on with it and ends with one working secret.
func TestRotateAfterLostAddAnswer(t *testing.T) {
	e, cr, creds := secretEnv(t)
	ctx := context.Background()
	if err := e.fake.InjectFault(adobetest.Fault{Route: routeAddSecret, LoseResponse: true, Times: 1}); err != nil {
		t.Fatal(err)
	}
	rot, err := e.client.Secrets.Rotate(ctx, cr.Value.Ref, devconsole.TokenVerifier(creds, auth.WithBaseTransport(e.fake.Transport())))
	if err != nil {
		t.Fatalf("Rotate after a lost add answer: %v", err)
	}
	checkOneSecret(t, e, cr, creds, rot)
}

// The add's answer is lost and Reveal fails too: the orphan, whose value
// is unknown, is deleted and Rotate says so; a re-run then succeeds
// instead of hitting the secret limit.
func TestRotateRemovesOrphanOfLostAdd(t *testing.T) {
	e, cr, creds := secretEnv(t)
	ctx := context.Background()
	for _, f := range []adobetest.Fault{
		{Route: routeAddSecret, LoseResponse: true, Times: 1},
		{Route: routeRevealSecret, Status: 403, Body: `{"error_code":"403003","message":"Forbidden"}`, Times: 1},
	} {
		if err := e.fake.InjectFault(f); err != nil {
			t.Fatal(err)
		}
	}
	verify := devconsole.TokenVerifier(creds, auth.WithBaseTransport(e.fake.Transport()))
	_, err := e.client.Secrets.Rotate(ctx, cr.Value.Ref, verify)
	if err == nil || !strings.Contains(err.Error(), "was lost") || !strings.Contains(err.Error(), "was deleted") {
		t.Fatalf("Rotate = %v, want the lost-answer error", err)
	}
	if got := e.fake.ClientSecrets(cr.Value.ClientID); !slices.Equal(got, []string{creds.ClientSecret.Reveal()}) {
		t.Fatalf("after the lost add the fake holds %d secrets, want only the old one", len(got))
	}
	rot, err := e.client.Secrets.Rotate(ctx, cr.Value.Ref, verify)
	if err != nil {
		t.Fatalf("re-run Rotate: %v", err)
	}
	checkOneSecret(t, e, cr, creds, rot)
}

// checkOneSecret: the credential holds exactly the rotation's new secret,
// which mints a token; the old one is gone.
func checkOneSecret(t *testing.T, e *env, cr *adobe.Ensured[devconsole.OAuthCredential], creds auth.Credentials, rot *devconsole.Rotation) {
	t.Helper()
	if rot.New.UUID == "" || rot.New.Value == "" || rot.New.Value == creds.ClientSecret {
		t.Fatalf("rotation %+v: want a new secret with its uuid", rot)
	}
	if got := e.fake.ClientSecrets(cr.Value.ClientID); !slices.Equal(got, []string{rot.New.Value.Reveal()}) {
		t.Fatalf("after the rotation the fake holds %d secrets, want exactly the new one", len(got))
	}
	list, _, err := e.client.Secrets.List(context.Background(), cr.Value.Ref)
	if err != nil || len(list) != 1 || list[0].UUID != rot.New.UUID {
		t.Fatalf("List = %+v, %v; want only %s", list, err, rot.New.UUID)
	}
	next := creds
	next.ClientSecret = rot.New.Value
	if err := mints(t, e, next); err != nil {
		t.Fatalf("the new secret does not mint a token: %v", err)
	}
	if err := mints(t, e, creds); err == nil {
		t.Fatal("the old secret still mints a token")
	}
}
