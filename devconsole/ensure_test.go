package devconsole_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
	"golang.org/x/oauth2"
)

// A create whose answer is lost after Adobe applied it must not create a
// second project or credential: Ensure re-checks by name before retrying.
func TestEnsureSurvivesLostResponses(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	for _, route := range []string{
		"POST /console/organizations/{orgId}/projects",
		"POST /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials/oauth-server-to-server",
	} {
		if err := e.fake.InjectFault(adobetest.Fault{Route: route, Times: 1, LoseResponse: true}); err != nil {
			t.Fatal(err)
		}
	}
	p, cr, _ := provision(t, e)
	if !p.Created || !cr.Created {
		t.Fatalf("created = %v/%v, want true (by the lost request)", p.Created, cr.Created)
	}
	provision(t, e) // and a re-run
	projects, _, err := e.client.Projects.List(ctx, e.orgID, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows, _, err := e.client.Credentials.List(ctx, p.Value)
	if err != nil {
		t.Fatal(err)
	}
	if len(projects) != 1 || len(rows) != 1 {
		t.Fatalf("%d projects and %d credentials after a lost answer and a re-run, want 1 and 1", len(projects), len(rows))
	}
	if n := e.fake.Count("POST /console/organizations/{orgId}/projects"); n != 1 {
		t.Fatalf("project POSTs = %d, want 1", n)
	}
}

func TestAttachUnknownProfileIsTypedAndWritesNothing(t *testing.T) {
	e := newEnv(t)
	_, cr, _ := provision(t, e)
	e.fake.ResetRequests()
	_, err := e.client.AttachProductProfiles(context.Background(), cr.Value.Ref, devconsole.SDKAnalytics, []string{"No Such Profile"})
	var pe *devconsole.ProfileUnavailableError
	if !errors.As(err, &pe) || !errors.Is(err, adobe.ErrNotFound) || pe.Available[0] != "Campaign Analytics" {
		t.Fatalf("err = %v, want *ProfileUnavailableError listing the available profile", err)
	}
	if _, writes := consoleRequests(e.fake); len(writes) != 0 {
		t.Fatalf("writes = %q", writes)
	}
}

func TestInvalidArgumentsBeforeIO(t *testing.T) {
	e := newEnv(t)
	e.fake.ResetRequests()
	ctx := context.Background()
	_, err1 := e.client.EnsureProject(ctx, e.orgID, devconsole.ProjectCreateRequest{})
	_, err2 := e.client.EnsureOAuthCredential(ctx, devconsole.WorkspaceRef{OrgID: e.orgID, ProjectID: "1", WorkspaceID: "2"}, devconsole.OAuthCredentialCreateRequest{Name: "abc"})
	_, _, err3 := e.client.Projects.Get(ctx, "", "1")
	for _, err := range []error{err1, err2, err3} {
		var ae *adobe.ArgError
		if !errors.As(err, &ae) {
			t.Errorf("err = %v, want *adobe.ArgError", err)
		}
	}
	if n := len(e.fake.Requests()); n != 0 {
		t.Fatalf("%d requests sent for invalid input", n)
	}
}

// Adobe's own tooling calls the Console with a user token from an Adobe ID
// login; this runs that route: authorization code at the fake IMS, then the
// Console with the user's token.
func TestUserTokenRoute(t *testing.T) {
	fake, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	app, err := fake.AddCredential(adobetest.Credential{
		Name: "cli", Type: adobetest.TypeWebApp, RedirectURIs: []string{"https://localhost/cb"},
		Scopes: []string{"openid", "AdobeID", "read_organizations", "additional_info.roles", "adobeio_api"},
	})
	if err != nil {
		t.Fatal(err)
	}
	oc := &oauth2.Config{
		ClientID: app.ClientID, ClientSecret: app.ClientSecret, RedirectURL: "https://localhost/cb",
		Scopes:   []string{"openid,AdobeID,read_organizations,additional_info.roles,adobeio_api"},
		Endpoint: oauth2.Endpoint{AuthURL: "https://ims-na1.adobelogin.com/ims/authorize/v2", TokenURL: "https://ims-na1.adobelogin.com/ims/token/v3", AuthStyle: oauth2.AuthStyleInParams},
	}
	hc := &http.Client{Transport: fake.Transport(), CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(oc.AuthCodeURL("st"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || loc.Query().Get("code") == "" {
		t.Fatalf("authorize answered %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, hc)
	tok, err := oc.Exchange(ctx, loc.Query().Get("code"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := auth.NewConfigFromTokenSource(app.ClientID, fake.OrgID(), oauth2.StaticTokenSource(tok),
		auth.WithBaseTransport(specTransport(t, consoleSpec(t), fake)))
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
	terms, _, err := c.Organizations.AcceptTerms(context.Background(), org.ID)
	if err != nil || !terms.Accepted {
		t.Fatalf("AcceptTerms = %+v, %v", terms, err)
	}
	p, err := c.EnsureProject(context.Background(), org.ID, devconsole.ProjectCreateRequest{Name: "from-a-user"})
	if err != nil || !p.Created || p.Value.WorkspaceID == "" {
		t.Fatalf("EnsureProject with a user token = %+v, %v", p, err)
	}
}
