package analytics_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
)

const createSuiteRoute = "POST /api/{gcid}/reportsuites/reportsuites/{rsid}"

// byIDProfile grants the demo suite by id (not auto-include) and Report
// Suite Mgmt: suites it creates are hidden from it.
var byIDProfile = adobetest.ProductProfile{
	Name: "campaign_by_id",
	Permissions: adobetest.Permissions{
		ReportSuites:     adobetest.PermissionList{Items: []string{adobetest.DemoRSID}},
		Metrics:          adobetest.PermissionList{AutoInclude: true},
		Dimensions:       adobetest.PermissionList{AutoInclude: true},
		ReportSuiteTools: []string{"Report Suite Mgmt", "Data Sources Manager"},
	},
}

func count(ids []string, id string) int {
	n := 0
	for _, x := range ids {
		if x == id {
			n++
		}
	}
	return n
}

// TestEnsureSuiteLostAnswer: the creation is applied but its answer is
// lost. With a profile that sees every suite, Ensure finds the suite on the
// re-check and does not POST again.
func TestEnsureSuiteLostAnswer(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil, &fullProfile, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID), analytics.WithoutRateLimit())
	rsid := adobetest.DemoRSID + "stage"
	if err := e.fake.InjectFault(adobetest.Fault{Route: createSuiteRoute, Times: 1, LoseResponse: true}); err != nil {
		t.Fatal(err)
	}
	rs, err := e.client.ReportSuites.Ensure(ctx, rsid, analytics.ReportSuiteCreateRequest{Name: "Stage"}, nil)
	if err != nil || !rs.Created || rs.Value.RSID != rsid || len(rs.Changes) != 1 {
		t.Fatalf("Ensure = %+v, %v", rs, err)
	}
	if n := e.fake.Count(createSuiteRoute); n != 1 {
		t.Fatalf("%d creations sent, want 1", n)
	}
	if n := count(e.fake.AnalyticsReportSuites(adobetest.DemoAnalyticsCompanyID), rsid); n != 1 {
		t.Fatalf("%d suites %s", n, rsid)
	}
	if again, err := e.client.ReportSuites.Ensure(ctx, rsid, analytics.ReportSuiteCreateRequest{Name: "Stage"}, nil); err != nil || again.Created || again.Wrote() {
		t.Fatalf("re-run: %+v, %v", again, err)
	}
}

// TestEnsureSuiteHiddenByProfile: a profile that lists suites by id cannot
// see a suite it created. A lost answer, and every re-run, end in a
// SuiteNotVisibleError telling what to do, never in a second suite.
func TestEnsureSuiteHiddenByProfile(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil, &byIDProfile, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID), analytics.WithoutRateLimit())
	rsid := adobetest.DemoRSID + "stage"
	if err := e.fake.InjectFault(adobetest.Fault{Route: createSuiteRoute, Times: 1, LoseResponse: true}); err != nil {
		t.Fatal(err)
	}
	_, err := e.client.ReportSuites.Ensure(ctx, rsid, analytics.ReportSuiteCreateRequest{Name: "Stage"}, nil)
	var nv *analytics.SuiteNotVisibleError
	if !errors.As(err, &nv) || !errors.Is(err, analytics.ErrSuiteNotVisible) || nv.RSID != rsid {
		t.Fatalf("Ensure after a lost answer = %v, want a SuiteNotVisibleError", err)
	}
	var ae *adobe.Error
	if !errors.As(err, &ae) || ae.StatusCode != 400 {
		t.Fatalf("does not unwrap to Adobe's 400: %v", err)
	}
	for range 2 { // re-runs
		if _, err := e.client.ReportSuites.Ensure(ctx, rsid, analytics.ReportSuiteCreateRequest{Name: "Stage"}, nil); !errors.Is(err, analytics.ErrSuiteNotVisible) {
			t.Fatalf("re-run = %v", err)
		}
	}
	if n := count(e.fake.AnalyticsReportSuites(adobetest.DemoAnalyticsCompanyID), rsid); n != 1 {
		t.Fatalf("%d suites %s, want 1", n, rsid)
	}
	t.Log(err)
}

// TestEnsureAccountLostAnswer: a lost creation answer leaves one account,
// not two (Adobe accepts duplicate names).
func TestEnsureAccountLostAnswer(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil, &fullProfile, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID), analytics.WithoutRateLimit())
	const route = "POST /api/{gcid}/datasources/account/{rsid}"
	if err := e.fake.InjectFault(adobetest.Fault{Route: route, Times: 1, LoseResponse: true}); err != nil {
		t.Fatal(err)
	}
	req := analytics.DataSourceAccountCreateRequest{Name: "Adobe Campaign", Email: "ops@example.com"}
	a, err := e.client.DataSources.EnsureAccount(ctx, adobetest.DemoRSID, req)
	if err != nil || !a.Created || a.Value.Name != req.Name || len(a.Changes) != 1 {
		t.Fatalf("EnsureAccount = %+v, %v", a, err)
	}
	if again, err := e.client.DataSources.EnsureAccount(ctx, adobetest.DemoRSID, req); err != nil || again.Created || again.Wrote() {
		t.Fatalf("re-run: %+v, %v", again, err)
	}
	got := e.fake.AnalyticsDataSources(adobetest.DemoAnalyticsCompanyID, adobetest.DemoRSID)
	if n := count(got, req.Name); n != 1 || e.fake.Count(route) != 1 {
		t.Fatalf("accounts = %v, %d creations sent; want one of each", got, e.fake.Count(route))
	}
	// A 5xx that was not applied: Ensure retries once.
	if err := e.fake.InjectFault(adobetest.Fault{Route: route, Times: 1, Status: 503}); err != nil {
		t.Fatal(err)
	}
	req.Name = "Second"
	if got, err := e.client.DataSources.EnsureAccount(ctx, adobetest.DemoRSID, req); err != nil || !got.Created {
		t.Fatalf("after a 503: %+v, %v", got, err)
	}
	if got := e.fake.AnalyticsDataSources(adobetest.DemoAnalyticsCompanyID, adobetest.DemoRSID); !slices.Contains(got, "Second") || count(got, "Second") != 1 {
		t.Fatalf("accounts = %v", got)
	}
}

// TestIncludeAllIsAdminOnly: listing everyone's segments and calculated
// metrics (includeType=all) is refused to a non-admin with 403, as the
// spec documents, and shows another owner's components to an admin.
func TestIncludeAllIsAdminOnly(t *testing.T) {
	ctx := context.Background()
	owner := newEnv(t, nil, &fullProfile, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID), analytics.WithoutRateLimit())
	second := fullProfile
	second.Name = "campaign_second"
	other := newEnvOn(t, owner.fake, nil, &second, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID), analytics.WithoutRateLimit())
	seg, _, err := owner.client.Segments.Create(ctx, analytics.SegmentCreateRequest{Name: "Owned", RSID: adobetest.DemoRSID, Definition: segDef})
	if err != nil {
		t.Fatal(err)
	}
	all := &analytics.SegmentListOptions{IncludeType: []string{analytics.IncludeAll}}
	if _, _, err := other.client.Segments.List(ctx, all); !errors.Is(err, adobe.ErrForbidden) {
		t.Fatalf("non-admin includeType=all: %v, want 403", err)
	}
	if _, _, err := other.client.CalculatedMetrics.List(ctx, &analytics.CalculatedMetricListOptions{IncludeType: []string{analytics.IncludeAll}}); !errors.Is(err, adobe.ErrForbidden) {
		t.Fatalf("non-admin calculated metrics includeType=all: %v, want 403", err)
	}
	if own, _, err := other.client.Segments.List(ctx, nil); err != nil || len(own) != 0 {
		t.Fatalf("non-admin default listing = %+v, %v; want only its own (none)", own, err)
	}
	if _, err := other.client.Segments.Delete(ctx, seg.ID); !errors.Is(err, adobe.ErrForbidden) {
		t.Fatalf("non-admin delete of another's segment: %v", err)
	}
	if err := owner.fake.SetAnalyticsAdmin(adobetest.DemoAnalyticsCompanyID, other.cred.ClientID, true); err != nil {
		t.Fatal(err)
	}
	got, _, err := other.client.Segments.List(ctx, all)
	if err != nil || len(got) != 1 || got[0].ID != seg.ID {
		t.Fatalf("admin includeType=all = %+v, %v", got, err)
	}
	if err := owner.fake.SetAnalyticsAdmin(adobetest.DemoAnalyticsCompanyID, "00000000000000000000000000000000", true); err == nil {
		t.Fatal("SetAnalyticsAdmin accepted an unknown credential")
	}
}

// TestEnsureSuiteRSIDWithoutCompanyPrefix: an rsid that does not begin with
// the company's prefix (Adobe requires it) is an ArgError sent nowhere, not
// a SuiteNotVisibleError.
func TestEnsureSuiteRSIDWithoutCompanyPrefix(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil, &fullProfile, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID), analytics.WithoutRateLimit())
	before := len(e.fake.Requests())
	_, err := e.client.ReportSuites.Ensure(ctx, "otherco0stage", analytics.ReportSuiteCreateRequest{Name: "Stage"}, nil)
	var ae *adobe.ArgError
	if !errors.As(err, &ae) || errors.Is(err, analytics.ErrSuiteNotVisible) {
		t.Fatalf("Ensure = %v, want an ArgError", err)
	}
	if n := len(e.fake.Requests()) - before; n != 0 {
		t.Fatalf("%d requests sent, want 0", n)
	}
}

// TestEnsureSuiteBadTemplate: Adobe's 400 for a nonexistent
// copySettingsFromRsid template is returned as such (it says the template
// is not visible), not as "the suite most likely exists already", for a
// by-id profile as for an auto-include one.
func TestEnsureSuiteBadTemplate(t *testing.T) {
	for _, p := range []*adobetest.ProductProfile{&fullProfile, &byIDProfile} {
		t.Run(p.Name, func(t *testing.T) {
			ctx := context.Background()
			e := newEnv(t, nil, p, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID), analytics.WithoutRateLimit())
			rsid := adobetest.DemoRSID + "stage"
			_, err := e.client.ReportSuites.Ensure(ctx, rsid, analytics.ReportSuiteCreateRequest{Name: "Stage"},
				&analytics.ReportSuiteCreateOptions{CopySettingsFromRSID: adobetest.DemoRSID + "nosuch"})
			if err == nil || errors.Is(err, analytics.ErrSuiteNotVisible) {
				t.Fatalf("Ensure = %v, want Adobe's 400, not a SuiteNotVisibleError", err)
			}
			var ae *adobe.Error
			if !errors.As(err, &ae) || ae.StatusCode != 400 {
				t.Fatalf("does not unwrap to Adobe's 400: %v", err)
			}
			if !strings.Contains(err.Error(), "copySettingsFromRsid") {
				t.Fatalf("error does not name the template: %v", err)
			}
			if n := e.fake.Count(createSuiteRoute); n != 1 {
				t.Fatalf("%d creations sent, want 1", n)
			}
		})
	}
}
