package campaign_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/campaign"
	"github.com/go-adobe/adobe/devconsole"
)

// hook answers the requests it wants with its own response.
type hook struct {
	next http.RoundTripper
	fn   func(r *http.Request) *http.Response
}

func (h *hook) RoundTrip(r *http.Request) (*http.Response, error) {
	if resp := h.fn(r); resp != nil {
		return resp, nil
	}
	return h.next.RoundTrip(r)
}

func hookedCfg(t *testing.T, d *demo, fn func(r *http.Request) *http.Response) *auth.Config {
	t.Helper()
	b := d.fake.Bootstrap()
	cfg, err := auth.NewConfig(auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: b.Scopes},
		auth.WithBaseTransport(&hook{next: d.fake.Transport(), fn: fn}),
		auth.WithRetryPolicy(auth.RetryPolicy{MaxRetries: 1, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond, MaxRetryAfter: time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// A probe that fails for a reason unrelated to permissions (a 500) leaves
// the tool permissions unverified, and each permission is listed once.
func TestInconclusiveProbeIsNotVerified(t *testing.T) {
	d := newDemo(t)
	d.playAdminConsole(t)
	cfg := hookedCfg(t, d, func(r *http.Request) *http.Response {
		if r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/datasources/account/") {
			return jsonResponse(r, 500, `{"error_code":"500000","message":"Internal Server Error"}`)
		}
		return nil
	})
	res, err := campaign.ProvisionConnector(context.Background(), cfg, d.spec, d.opts()...)
	if err != nil {
		t.Fatal(err)
	}
	it, _ := res.Item(campaign.ItemToolPermissions)
	if it.Status == campaign.Verified || !strings.Contains(it.Detail, "Data Sources Manager") {
		t.Errorf("tool permissions %s: %s", it.Status, it.Detail)
	}
	seen := map[string]bool{}
	for _, p := range res.Analytics.Permissions {
		if seen[p] {
			t.Errorf("listed twice: %s", p)
		}
		seen[p] = true
	}
}

// A plan for a credential that exists without the attachment neither waits
// for the propagation window nor fails: the Analytics steps are pending.
func TestPlanOfAnUnattachedCredentialDoesNotWait(t *testing.T) {
	d := newDemo(t)
	d.playAdminConsole(t)
	ctx := context.Background()
	dc, err := devconsole.NewFromConfig(d.cfg)
	if err != nil {
		t.Fatal(err)
	}
	ep, err := dc.EnsureProject(ctx, d.spec.OrgID, devconsole.ProjectCreateRequest{Name: campaign.DefaultProjectName, Title: campaign.DefaultProjectName})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dc.EnsureOAuthCredential(ctx, ep.Value, devconsole.OAuthCredentialCreateRequest{Name: campaign.DefaultCredentialName}); err != nil {
		t.Fatal(err)
	}
	// Waiting out the window would end in an error (nothing attached).
	plan, err := campaign.PlanConnector(ctx, d.cfg, d.spec, d.opts(campaign.WithPropagationWait(time.Second))...)
	if err != nil {
		t.Fatal(err)
	}
	if n := d.fake.Count("GET /discovery/me"); n != 0 {
		t.Errorf("the plan polled discovery %d times", n)
	}
	if it, _ := plan.Result.Item(campaign.ItemDiscovery); it.Status != campaign.Pending {
		t.Errorf("discovery %s: %s", it.Status, it.Detail)
	}
}

// One org listed twice (two instances) runs one entry after the other: no
// duplicate project or credential.
func TestFleetRunsOneOrgsEntriesInTurn(t *testing.T) {
	d := newDemo(t)
	d.playAdminConsole(t)
	if err := d.fake.InjectFault(adobetest.Fault{Route: "GET /console/organizations/{orgId}/projects", Latency: 30 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	second := d.spec
	second.Instance, second.Containers = "acme_stage", []string{"stage.acme.example"}
	orgs := []campaign.FleetOrg{{Name: "acme-prod", Spec: d.spec, Config: d.cfg, Options: d.opts()}, {Name: "acme-stage", Spec: second, Config: d.cfg, Options: d.opts()}}
	rep, err := campaign.RunFleet(context.Background(), campaign.FleetProvision, orgs, campaign.WithFleetConcurrency(2))
	if err != nil {
		t.Fatal(err)
	}
	d.fake.ClearFaults()
	if st := d.state(t); st != provisioned || rep.Count(campaign.OrgDone) != 2 {
		t.Errorf("state %+v, report %+v", st, rep.Orgs)
	}
}

// A failed read-back of the attachment leaves the Analytics steps pending,
// not blocked by the cancellation it caused.
func TestFailedConfirmLeavesAnalyticsPending(t *testing.T) {
	d := newDemo(t)
	d.playAdminConsole(t)
	var reads atomic.Int32
	cfg := hookedCfg(t, d, func(r *http.Request) *http.Response {
		// The attach's own read passes; the read-back after it fails.
		if strings.Contains(r.URL.Path, "/properties") && r.Method == http.MethodGet && reads.Add(1) == 2 {
			return jsonResponse(r, 404, `{"error_code":"404000","message":"Not Found"}`)
		}
		return nil
	})
	res, err := campaign.ProvisionConnector(context.Background(), cfg, d.spec, d.opts()...)
	var se *campaign.StepError
	if !errors.As(err, &se) || se.Step != campaign.ItemAttach {
		t.Fatalf("err = %v, want the attach's read-back", err)
	}
	if it, _ := res.Item(campaign.ItemDiscovery); it.Status == campaign.Blocked {
		t.Errorf("discovery %s: %s", it.Status, it.Detail)
	}
}

// A Console refusal beside a missing profile keeps the manual step
// reachable; so does a profile wait that runs out.
func TestManualStepSurvivesOtherFailures(t *testing.T) {
	d := newDemo(t)
	cfg := hookedCfg(t, d, func(r *http.Request) *http.Response {
		if r.URL.Path == "/console/organizations" {
			return jsonResponse(r, 403, `{"error_code":"403003","message":"Forbidden"}`)
		}
		return nil
	})
	_, err := campaign.ProvisionConnector(context.Background(), cfg, d.spec, d.opts()...)
	var manual *adminconsole.ManualStepRequired
	if !errors.As(err, &manual) || !errors.Is(err, adobe.ErrForbidden) {
		t.Errorf("console refusal: %v", err)
	}
	_, err = campaign.ProvisionConnector(context.Background(), d.cfg, d.spec, d.opts(campaign.WithProfileWait(30*time.Millisecond))...)
	if !errors.As(err, &manual) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("profile wait: %v", err)
	}
}

// A credential the Console could not read is not reported missing (whose
// remedy, provisioning, would make a second one).
func TestDiagnoseReadErrorIsNotMissing(t *testing.T) {
	d := provisionedDemo(t)
	cfg := hookedCfg(t, d, func(r *http.Request) *http.Response {
		if r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/integrations/") && !strings.Contains(r.URL.Path, "/entp/") {
			return jsonResponse(r, 500, `{"error_code":"500000","message":"Internal Server Error"}`)
		}
		return nil
	})
	diag, err := campaign.DiagnoseConnector(context.Background(), cfg, d.spec, d.opts()...)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := diag.Finding("D-CREDENTIAL")
	if f.Status != campaign.Fail || !strings.Contains(f.Evidence, "could not read") || strings.Contains(f.Remedy, "ProvisionConnector") {
		t.Errorf("D-CREDENTIAL = %+v", f)
	}
}
