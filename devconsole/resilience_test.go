package devconsole_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
	"github.com/go-adobe/adobe/ims"
)

const (
	routeCreateProject = "POST /console/organizations/{orgId}/projects"
	routeCreateCred    = "POST /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials/oauth-server-to-server"
)

// Every Console request carries Content-Type: application/json (GETs and
// DELETEs included, as Adobe's library sends), x-api-key and a bearer
// token, and no x-gw-ims-org-id.
func TestRequiredHeaders(t *testing.T) {
	fake, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var seen []*http.Request
	rt := rtFunc(func(r *http.Request) (*http.Response, error) {
		if strings.HasPrefix(r.URL.Path, "/console/") {
			mu.Lock()
			seen = append(seen, r.Clone(r.Context()))
			mu.Unlock()
		}
		return fake.Transport().RoundTrip(r)
	})
	if _, err := fake.AddProductProfile(adobetest.ProductProfile{Name: "Campaign Analytics"}); err != nil {
		t.Fatal(err)
	}
	creds := bootstrapCreds(fake)
	cfg, err := auth.NewConfig(creds, auth.WithBaseTransport(rt))
	if err != nil {
		t.Fatal(err)
	}
	c, err := devconsole.NewFromConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{fake: fake, client: c}
	org, err := c.Organizations.Resolve(context.Background(), fake.OrgID())
	if err != nil {
		t.Fatal(err)
	}
	e.orgID = org.ID
	_, cr, _ := provision(t, e)
	if _, err := c.Credentials.Delete(context.Background(), cr.Value.Ref); err != nil {
		t.Fatal(err)
	}
	methods := map[string]bool{}
	for _, r := range seen {
		methods[r.Method] = true
		if got := r.Header.Get("Content-Type"); got != "application/json" {
			t.Errorf("%s %s: Content-Type %q", r.Method, r.URL.Path, got)
		}
		if got := r.Header.Get("x-api-key"); got != creds.ClientID {
			t.Errorf("%s %s: x-api-key %q", r.Method, r.URL.Path, got)
		}
		if got := r.Header.Get("Authorization"); !strings.HasPrefix(got, "Bearer ") || len(got) < 20 {
			t.Errorf("%s %s: Authorization %q", r.Method, r.URL.Path, got)
		}
		if _, ok := r.Header["X-Gw-Ims-Org-Id"]; ok {
			t.Errorf("%s %s: sends x-gw-ims-org-id", r.Method, r.URL.Path)
		}
	}
	for _, m := range []string{"GET", "POST", "PUT", "DELETE"} {
		if !methods[m] {
			t.Errorf("no %s request was checked", m)
		}
	}
}

// Ensure converges to exactly one project and one credential whatever
// happens to the create: dropped, 503, 409, its answer lost twice, or
// dropped and then lost.
func TestEnsureFailurePaths(t *testing.T) {
	for _, tc := range []struct {
		name     string
		faults   []adobetest.Fault
		firstErr bool // the first Ensure fails; a re-run converges
	}{
		{name: "dropped", faults: []adobetest.Fault{{Drop: true, Times: 1}}},
		{name: "503", faults: []adobetest.Fault{{Status: 503, Times: 1}}},
		{name: "409", faults: []adobetest.Fault{{Status: 409, Body: `{"code":"ERR_MSG_DUPLICATE_NAME","message":"duplicate"}`, Times: 1}}},
		{name: "lost twice", faults: []adobetest.Fault{{LoseResponse: true, Times: 2}}},
		{name: "dropped then lost", faults: []adobetest.Fault{{Drop: true, Times: 1}, {LoseResponse: true, Times: 1}}, firstErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			ctx := context.Background()
			for _, route := range []string{routeCreateProject, routeCreateCred} {
				for _, f := range tc.faults {
					f.Route = route
					if err := e.fake.InjectFault(f); err != nil {
						t.Fatal(err)
					}
				}
			}
			p, err := e.client.EnsureProject(ctx, e.orgID, devconsole.ProjectCreateRequest{Name: "campaign-analytics"})
			if tc.firstErr {
				if err == nil {
					t.Fatal("EnsureProject succeeded although both creates failed")
				}
				p, err = e.client.EnsureProject(ctx, e.orgID, devconsole.ProjectCreateRequest{Name: "campaign-analytics"})
			}
			if err != nil || p.Value.WorkspaceID == "" {
				t.Fatalf("EnsureProject = %+v, %v", p, err)
			}
			req := devconsole.OAuthCredentialCreateRequest{Name: "campaign-connector"}
			cr, err := e.client.EnsureOAuthCredential(ctx, p.Value, req)
			if tc.firstErr {
				if err == nil {
					t.Fatal("EnsureOAuthCredential succeeded although both creates failed")
				}
				cr, err = e.client.EnsureOAuthCredential(ctx, p.Value, req)
			}
			if err != nil || cr.Value.ClientID == "" {
				t.Fatalf("EnsureOAuthCredential = %+v, %v", cr, err)
			}
			projects, _, err := e.client.Projects.List(ctx, e.orgID, nil)
			if err != nil {
				t.Fatal(err)
			}
			rows, _, err := e.client.Credentials.List(ctx, p.Value)
			if err != nil {
				t.Fatal(err)
			}
			if len(projects) != 1 || len(rows) != 1 {
				t.Fatalf("%d projects and %d credentials, want 1 and 1", len(projects), len(rows))
			}
		})
	}
}

// The gateway's 429050 with Retry-After: 3 on a project create is retried
// once, after 3 s of the fake clock, and makes exactly one project. (The
// spec declares no 429 for this operation, so this test talks to the fake
// without the spec check.)
func TestRateLimitedCreateRetriesAfterRetryAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fake, err := adobetest.New()
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := auth.NewConfig(bootstrapCreds(fake), auth.WithBaseTransport(fake.Transport()))
		if err != nil {
			t.Fatal(err)
		}
		c, err := devconsole.NewFromConfig(cfg)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		org, err := c.Organizations.Resolve(ctx, fake.OrgID())
		if err != nil {
			t.Fatal(err)
		}
		if err := fake.InjectFault(adobetest.Fault{Route: routeCreateProject, Status: 429, RetryAfter: "3", Times: 1}); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		out, resp, err := c.Projects.Create(ctx, org.ID, devconsole.ProjectCreateRequest{Name: "limited"})
		if err != nil {
			t.Fatal(err)
		}
		if waited := time.Since(start); waited != 3*time.Second {
			t.Fatalf("retried after %v, want 3s", waited)
		}
		if resp.Attempts != 2 || fake.Count(routeCreateProject) != 2 {
			t.Fatalf("attempts %d, requests %d; want 2", resp.Attempts, fake.Count(routeCreateProject))
		}
		projects, _, err := c.Projects.List(ctx, org.ID, nil)
		if err != nil || len(projects) != 1 || projects[0].ID != out.ProjectID {
			t.Fatalf("projects %+v, %v", projects, err)
		}
	})
}

// Adobe's own tooling calls the Console with a user token from an Adobe ID
// login. This logs in with package ims against the fake (playing the
// browser), then drives the Console with the login's token source: the
// user must accept the developer terms before the first project.
func TestUserLoginRoute(t *testing.T) {
	fake, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	scopes := []string{"openid", "AdobeID", "read_organizations", "additional_info.roles", "adobeio_api", "offline_access"}
	app, err := fake.AddCredential(adobetest.Credential{Type: adobetest.TypeNativeApp, Name: "cli", Scopes: scopes})
	if err != nil {
		t.Fatal(err)
	}
	ic, err := ims.NewClient(ims.WithHTTPOptions(auth.WithBaseTransport(fake.Transport())))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var printed strings.Builder
	login, err := ic.Login(ctx, ims.LoginConfig{ClientID: app.ClientID, Scopes: scopes, Out: &printed, Open: func(authURL string) error {
		noFollow := &http.Client{Transport: fake.Transport(), CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := noFollow.Get(authURL)
		if err != nil {
			return err
		}
		resp.Body.Close()
		cb, err := http.Get(resp.Header.Get("Location")) // the loopback callback
		if err != nil {
			return err
		}
		return cb.Body.Close()
	}})
	if err != nil {
		t.Fatal(err)
	}
	spec := consoleSpec(t)
	cfg, err := auth.NewConfigFromTokenSource(app.ClientID, fake.OrgID(), login.TokenSource, auth.WithBaseTransport(specTransport(t, spec, fake)))
	if err != nil {
		t.Fatal(err)
	}
	c, err := devconsole.NewFromConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	org, err := c.Organizations.Resolve(ctx, fake.OrgID())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.EnsureProject(ctx, org.ID, devconsole.ProjectCreateRequest{Name: "from-a-user"})
	var te *devconsole.TermsNotAcceptedError
	if !errors.As(err, &te) || !errors.Is(err, adobe.ErrForbidden) || te.OrgID != org.ID {
		t.Fatalf("EnsureProject before the terms = %v, want *TermsNotAcceptedError", err)
	}
	terms, _, err := c.Organizations.AcceptTerms(ctx, org.ID)
	if err != nil || !terms.Accepted {
		t.Fatalf("AcceptTerms = %+v, %v", terms, err)
	}
	p, err := c.EnsureProject(ctx, org.ID, devconsole.ProjectCreateRequest{Name: "from-a-user"})
	if err != nil || !p.Created || p.Value.WorkspaceID == "" {
		t.Fatalf("EnsureProject with a user token = %+v, %v", p, err)
	}
	got, _, err := c.Projects.Get(ctx, org.ID, p.Value.ProjectID)
	if err != nil || got.WhoCreated != fake.LoginUser().ID {
		t.Fatalf("project %+v (who_created must be the logged-in user %s), %v", got, fake.LoginUser().ID, err)
	}
}
