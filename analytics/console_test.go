package analytics_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/auth"
)

// consoleProject drives the fake's Developer Console API over plain HTTP
// (package analytics imports no other API package): a project, and
// OAuth Server-to-Server credentials in its Production workspace.
type consoleProject struct {
	t                  testing.TB
	f                  *adobetest.Fake
	org, token, apiKey string
	project, workspace string
}

const consoleBase = "https://developers.adobe.io/console/organizations/"

func newConsoleProject(t testing.TB, f *adobetest.Fake) *consoleProject {
	t.Helper()
	b := f.Bootstrap()
	tok, err := f.IssueToken(b.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	o, _ := f.Org(f.OrgID())
	p := &consoleProject{t: t, f: f, org: o.ConsoleID, token: tok, apiKey: b.ClientID}
	var out struct{ ProjectID, WorkspaceID string }
	p.call(http.MethodPost, consoleBase+p.org+"/projects", map[string]string{"name": "campaignaa", "title": "Campaign AA", "type": "default"}, &out)
	p.project, p.workspace = out.ProjectID, out.WorkspaceID
	return p
}

func (p *consoleProject) call(method, url string, body, out any) {
	p.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, url, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+p.token)
	req.Header.Set("x-api-key", p.apiKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := p.f.Client().Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		var e map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&e)
		p.t.Fatalf("%s %s: %d %v", method, url, resp.StatusCode, e)
	}
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			p.t.Fatal(err)
		}
	}
}

func (p *consoleProject) wsURL() string {
	return consoleBase + p.org + "/projects/" + p.project + "/workspaces/" + p.workspace
}

// addCredential creates a credential in the project and returns its id
// and client id.
func (p *consoleProject) addCredential(name string) (id, clientID string) {
	p.t.Helper()
	var out struct{ ID, APIKey string }
	p.call(http.MethodPost, p.wsURL()+"/credentials/oauth-server-to-server", map[string]string{"name": name, "description": "Campaign connector"}, &out)
	return out.ID, out.APIKey
}

// subscribeAnalytics subscribes a credential to Adobe Analytics with one
// product profile, as the Console UI's "Add API" step does.
func (p *consoleProject) subscribeAnalytics(credID, profileID string) {
	p.t.Helper()
	p.call(http.MethodPut, p.wsURL()+"/credentials/oauth_server_to_server/"+credID+"/services", []any{map[string]any{
		"sdkCode": "AdobeAnalyticsSDK", "licenseConfigs": []any{map[string]string{"id": profileID, "productId": "A5C1E0D4B8F7A0C3E2D1", "op": "add"}},
	}}, nil)
}

// client builds an Analytics client for a credential the Console created.
func (p *consoleProject) client(clientID string, opts ...analytics.Option) *analytics.Client {
	p.t.Helper()
	c, ok := p.f.Credential(clientID)
	if !ok {
		p.t.Fatalf("credential %s not in the fake", clientID)
	}
	cfg, err := auth.NewConfig(auth.Credentials{ClientID: c.ClientID, ClientSecret: auth.Secret(c.ClientSecret), OrgID: c.OrgID, Scopes: c.Scopes},
		auth.WithBaseTransport(p.f.Transport()))
	if err != nil {
		p.t.Fatal(err)
	}
	ac, err := analytics.NewFromConfig(cfg, opts...)
	if err != nil {
		p.t.Fatal(err)
	}
	return ac
}

// TestConsoleToAnalytics goes from the Developer Console to Analytics: a
// credential the Console creates sees no Analytics company and gets
// 403025 until the Console subscribes it to Analytics with a product
// profile; then the connector's checks pass.
func TestConsoleToAnalytics(t *testing.T) {
	ctx := context.Background()
	f, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	prof, err := f.AddProductProfile(fullProfile)
	if err != nil {
		t.Fatal(err)
	}
	cp := newConsoleProject(t, f)
	credID, clientID := cp.addCredential("campaign-connector")
	c := cp.client(clientID)

	if _, _, err := c.ForCompany(ctx, "", adobetest.DemoAnalyticsCompanyID); !errors.Is(err, analytics.ErrCompanyNotFound) {
		t.Fatalf("before the subscription: ForCompany = %v, want ErrCompanyNotFound", err)
	}
	bound, _ := analytics.Bind(c, adobetest.DemoAnalyticsCompanyID)
	if _, _, err := bound.Users.Me(ctx); !errors.Is(err, analytics.ErrProfileNotValid) || !errors.Is(err, adobe.ErrForbidden) {
		t.Fatalf("before the subscription: Users.Me = %v, want a ProfileError", err)
	}

	cp.subscribeAnalytics(credID, prof.ID)
	if _, err := bound.WaitForProfile(ctx, time.Second, adobe.WithWaitDelays(10*time.Millisecond, 100*time.Millisecond)); err != nil {
		t.Fatalf("WaitForProfile after the subscription: %v", err)
	}
	c2, co, err := c.ForCompany(ctx, f.OrgID(), adobetest.DemoAnalyticsCompanyName)
	if err != nil || co.GlobalCompanyID != adobetest.DemoAnalyticsCompanyID {
		t.Fatalf("ForCompany = %+v, %v", co, err)
	}
	rep, err := c2.VerifyComponents(ctx, adobetest.DemoRSID, []string{"evar1", "evar2"}, []string{"event1"})
	if err != nil || !rep.OK() {
		t.Fatalf("VerifyComponents = %+v, %v", rep, err)
	}
	chk, err := c2.CheckCampaignClassification(ctx, adobetest.DemoRSID, 1)
	if err != nil || !chk.OK() {
		t.Fatalf("CheckCampaignClassification = %+v, %v", chk, err)
	}
}

// TestProjectLimiter: Adobe counts its limit per Developer Console project,
// so two credentials of one project share 12 requests per 6 s. Their
// clients meet no 429 with one project limiter (WithProjectLimiter) and
// finish within 5% of the ideal time, and meet 429s with a limiter per
// credential (the default).
func TestProjectLimiter(t *testing.T) {
	const n = 60
	run := func(t *testing.T, shared bool) (time.Duration, int) {
		f, err := adobetest.New()
		if err != nil {
			t.Fatal(err)
		}
		prof, err := f.AddProductProfile(fullProfile)
		if err != nil {
			t.Fatal(err)
		}
		cp := newConsoleProject(t, f)
		var clients []*analytics.Client
		for _, name := range []string{"campaign-one", "campaign-two"} {
			id, clientID := cp.addCredential(name)
			cp.subscribeAnalytics(id, prof.ID)
			opts := []analytics.Option{analytics.WithCompany(adobetest.DemoAnalyticsCompanyID)}
			if shared {
				opts = append(opts, analytics.WithProjectLimiter(cp.project))
			}
			clients = append(clients, cp.client(clientID, opts...))
		}
		ctx := context.Background()
		f.ResetRequests()
		start := time.Now()
		var next atomic.Int64
		var wg sync.WaitGroup
		for i := range 4 {
			c := clients[i%2]
			wg.Go(func() {
				for next.Add(1) <= n {
					if _, _, err := c.Users.Me(ctx); err != nil && !errors.Is(err, adobe.ErrRateLimited) {
						t.Errorf("call failed: %v", err)
					}
				}
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		tooMany := 0
		for _, r := range f.Requests() {
			if r.Status == http.StatusTooManyRequests {
				tooMany++
			}
		}
		return elapsed, tooMany
	}
	synctest.Test(t, func(t *testing.T) {
		elapsed, tooMany := run(t, true)
		ideal := idealFinish(n)
		t.Logf("two credentials, one project limiter: %d requests: %v (ideal %v), %d × 429", n, elapsed, ideal, tooMany)
		if tooMany != 0 {
			t.Errorf("with one project limiter: %d × 429, want none", tooMany)
		}
		if elapsed < ideal || elapsed > ideal+ideal/20 {
			t.Errorf("with one project limiter: %v, want within 5%% of %v", elapsed, ideal)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		elapsed, tooMany := run(t, false)
		t.Logf("two credentials, a limiter each: %d requests: %v, %d × 429", n, elapsed, tooMany)
		if tooMany == 0 {
			t.Error("two credentials of one project with a limiter each met no 429: the fake does not count per project")
		}
	})
}
