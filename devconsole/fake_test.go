package devconsole_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
	"github.com/go-adobe/adobe/internal/testutil"
)

// consoleSpec loads Adobe's Console spec with the documented deviations of
// the real Console (which the fake reproduces) allowed by name and source.
// Every other mismatch fails the test.
func consoleSpec(t *testing.T) *testutil.Spec {
	t.Helper()
	const ref = "shared/reference/devconsole.md §4 "
	return testutil.LoadSpec(t, "devconsole/api.json").WithPathPrefix("/").
		Allow(testutil.Exception{
			Method: "GET", PathPattern: "/console/organizations/{orgId}/projects",
			Reason: "value must be a boolean",
			Source: ref + "Q8: project rows carry enabled/deleted as 0/1 integers (aio-lib-console e2e; aio-cli-lib-console data-mocks)",
		}).
		Allow(testutil.Exception{
			Method: "GET", PathPattern: "/console/organizations/{orgId}/projects/{projectId}",
			Reason: "value must be a boolean",
			Source: ref + "Q8 / §2.2 P3: the project object is a P1 row, with enabled/deleted as 0/1 integers",
		}).
		Allow(testutil.Exception{
			Method: "POST", PathPattern: "/console/organizations/{orgId}/credentials/{credentialId}/secrets",
			Reason: "status 201 is not declared",
			Source: ref + "Q4 / §2.4 S3: Adobe's docs answer 201 with uuid (https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/)",
		}).
		Allow(testutil.Exception{
			Method: "DELETE", PathPattern: "/console/organizations/{orgId}/credentials/{credentialId}/secrets/{secretId}",
			Reason: "status 204 is not declared",
			Source: ref + "Q4 / §2.4 S4: Adobe's docs answer 204 (same page)",
		}).
		Allow(testutil.Exception{
			Method: "PUT", PathPattern: "/console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials/{credentialType}/{credentialId}/services",
			Reason: "value must be an array",
			Source: ref + "Q4 / §2.3 C3: observed answer is an object {sdkList:[code]} (aio-cli-lib-console)",
		})
}

// specTransport validates every Console request and the fake's answer
// against the spec; IMS token requests go to the fake unchecked (they are
// not part of this spec).
func specTransport(t *testing.T, spec *testutil.Spec, fake *adobetest.Fake) http.RoundTripper {
	checked := testutil.ValidatingTransport(t, spec, fake.Transport())
	return rtFunc(func(r *http.Request) (*http.Response, error) {
		if strings.HasPrefix(r.URL.Path, "/ims/") {
			return fake.Transport().RoundTrip(r)
		}
		return checked.RoundTrip(r)
	})
}

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func bootstrapCreds(f *adobetest.Fake) auth.Credentials {
	b := f.Bootstrap()
	return auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: b.Scopes}
}

type env struct {
	fake    *adobetest.Fake
	spec    *testutil.Spec
	client  *devconsole.Client
	profile adobetest.ProductProfile
	orgID   string // the IMS org id
	// consoleOrgID is the numeric Console org id.
	consoleOrgID string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	fake, err := adobetest.New(adobetest.WithoutDemoAnalyticsProfile())
	if err != nil {
		t.Fatal(err)
	}
	prof, err := fake.AddProductProfile(adobetest.ProductProfile{Name: "Campaign Analytics"})
	if err != nil {
		t.Fatal(err)
	}
	spec := consoleSpec(t)
	cfg, err := auth.NewConfig(bootstrapCreds(fake), auth.WithBaseTransport(specTransport(t, spec, fake)))
	if err != nil {
		t.Fatal(err)
	}
	c, err := devconsole.NewFromConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	org, err := c.Organizations.Resolve(context.Background(), fake.OrgID())
	if err != nil {
		t.Fatal(err)
	}
	if org.Code != fake.OrgID() {
		t.Fatalf("Resolve(%s) = %+v", fake.OrgID(), org)
	}
	// Every call takes the IMS org id; the client resolved the numeric
	// Console id above and caches it.
	return &env{fake: fake, spec: spec, client: c, profile: prof, orgID: fake.OrgID(), consoleOrgID: org.ID}
}

// consoleRequests returns the fake's logged /console requests.
func consoleRequests(f *adobetest.Fake) (all, writes []string) {
	for _, r := range f.Requests() {
		if !strings.HasPrefix(r.Path, "/console/") {
			continue
		}
		all = append(all, r.Route)
		if r.Method != http.MethodGet {
			writes = append(writes, r.Route)
		}
	}
	return all, writes
}

// provision is the connector's Console part: ensure project, ensure
// credential, attach Analytics with the profile.
func provision(t *testing.T, e *env) (*adobe.Ensured[devconsole.WorkspaceRef], *adobe.Ensured[devconsole.OAuthCredential], *adobe.Ensured[[]devconsole.LicenseConfig]) {
	t.Helper()
	ctx := context.Background()
	p, err := e.client.EnsureProject(ctx, e.orgID, devconsole.ProjectCreateRequest{Name: "campaign-analytics", Description: "Campaign ↔ Analytics"})
	if err != nil {
		t.Fatalf("EnsureProject: %v", err)
	}
	cr, err := e.client.EnsureOAuthCredential(ctx, p.Value, devconsole.OAuthCredentialCreateRequest{Name: "campaign-connector"})
	if err != nil {
		t.Fatalf("EnsureOAuthCredential: %v", err)
	}
	at, err := e.client.AttachProductProfiles(ctx, cr.Value.Ref, devconsole.SDKAnalytics, []string{"Campaign Analytics"})
	if err != nil {
		t.Fatalf("AttachProductProfiles: %v", err)
	}
	return p, cr, at
}

func TestEndToEndOnFake(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.fake.ResetRequests()

	p, cr, at := provision(t, e)
	if !p.Created || !cr.Created || !at.Wrote() {
		t.Fatalf("first run: created project %v, credential %v, attached %v; want all true", p.Created, cr.Created, at.Wrote())
	}
	var changes []string
	for _, c := range append(append(slices.Clone(p.Changes), cr.Changes...), at.Changes...) {
		changes = append(changes, c.Method+" "+c.Path)
	}
	if len(changes) != 3 || !strings.HasPrefix(changes[0], "POST /console/organizations/"+e.consoleOrgID+"/projects") ||
		!strings.HasSuffix(changes[1], "/credentials/oauth-server-to-server") || !strings.HasPrefix(changes[2], "PUT ") {
		t.Errorf("changes = %q, want the project POST, the credential POST and the services PUT", changes)
	}
	all, writes := consoleRequests(e.fake)
	t.Logf("fresh org: %d requests, %d writes: %q", len(all), len(writes), all)
	// 8: the create's answer lacks the technical account id, read after it.
	if len(all) != 8 || len(writes) != 3 {
		t.Errorf("fresh org: %d requests (%d writes), want 8 (3 writes)", len(all), len(writes))
	}

	// Second run: converges without a write.
	e.fake.ResetRequests()
	p2, cr2, at2 := provision(t, e)
	if p2.Wrote() || cr2.Wrote() || at2.Wrote() || p2.Created || cr2.Created || at2.Created || p2.Value != p.Value || cr2.Value.Ref != cr.Value.Ref {
		t.Fatalf("second run changed something: %+v %+v %+v", p2, cr2, at2)
	}
	if cr.Value.TechnicalAccountID == "" || cr2.Value.TechnicalAccountID != cr.Value.TechnicalAccountID || cr2.Value.ClientID != cr.Value.ClientID {
		t.Fatalf("create returned %+v, re-run %+v: want the same client and technical account ids", cr, cr2)
	}
	all, writes = consoleRequests(e.fake)
	t.Logf("second run: %d requests, %d writes: %q", len(all), len(writes), all)
	if len(all) != 4 || len(writes) != 0 {
		t.Errorf("second run: %d requests (%d writes), want 4 (0 writes)", len(all), len(writes))
	}

	// The profile is attached, as the Console reports it.
	props, _, err := e.client.Credentials.GetServiceProperties(ctx, cr.Value.Ref, devconsole.SDKAnalytics)
	if err != nil {
		t.Fatal(err)
	}
	if sel := props.Selected(); len(sel) != 1 || sel[0].ID != e.profile.ID {
		t.Fatalf("selected profiles = %+v, want %s", sel, e.profile.ID)
	}

	// Download → auth loads it → a token for the new credential.
	wc, _, err := e.client.Workspaces.Download(ctx, p.Value)
	if err != nil {
		t.Fatal(err)
	}
	creds, err := wc.Credentials("campaign-connector")
	if err != nil {
		t.Fatalf("auth cannot load the download: %v", err)
	}
	if creds.ClientID != cr.Value.ClientID || !slices.Contains(creds.Scopes, "additional_info.projectedProductContext") {
		t.Fatalf("downloaded credential = %v", creds)
	}
	if strings.Contains(wc.String(), string(creds.ClientSecret.Reveal())) {
		t.Fatal("WorkspaceConfig.String leaks the client secret")
	}
	cfg2, err := auth.NewConfig(creds, auth.WithBaseTransport(e.fake.Transport()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg2.TokenSource().TokenContext(ctx); err != nil {
		t.Fatalf("the new credential cannot mint a token: %v", err)
	}
	if got, _ := e.fake.Credential(cr.Value.ClientID); !slices.Contains(got.ProductProfileIDs, e.profile.ID) {
		t.Fatalf("fake credential profiles = %v", got.ProductProfileIDs)
	}

	// Rotate the new credential's secret: add, prove, delete the old one.
	oldSecret := creds.ClientSecret
	rot, err := e.client.Secrets.Rotate(ctx, cr.Value.Ref, devconsole.TokenVerifier(creds, auth.WithBaseTransport(e.fake.Transport())))
	if err != nil {
		t.Fatalf("Rotate: %v", err)
	}
	if got := e.fake.ClientSecrets(cr.Value.ClientID); len(got) != 1 || got[0] != rot.New.Value.Reveal() || got[0] == oldSecret.Reveal() || len(rot.Deleted) != 1 {
		t.Fatalf("after rotation the fake holds %d secrets; rotation %+v", len(got), rot)
	}
	if got, _, err := e.client.Projects.Get(ctx, e.orgID, p.Value.ProjectID); err != nil || got.Name != "campaign-analytics" {
		t.Fatalf("Projects.Get = %+v, %v", got, err)
	}
	e.spec.AssertExceptionsUsed(t)
}
