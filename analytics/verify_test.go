package analytics_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
)

// campaignProfile grants the demo suite, eVar1-eVar3 and event1-event10 by
// their Admin Console names, and only some tools.
var campaignProfile = adobetest.ProductProfile{
	Name: "reserved_campaign_classic_Demo",
	Permissions: adobetest.Permissions{
		ReportSuites: adobetest.PermissionList{Items: []string{adobetest.DemoRSID}},
		Dimensions:   adobetest.PermissionList{Items: []string{"Custom Conversion 1", "evar2", "variables/evar5"}},
		Metrics: adobetest.PermissionList{Items: []string{"Custom Event 1", "Custom Event 2", "Custom Event 3", "Custom Event 4",
			"Custom Event 5", "Custom Event 6", "Custom Event 7", "Custom Event 8", "event9"}},
		ReportSuiteTools: []string{"Classifications"},
		AnalyticsTools:   []string{"Segment Creation"},
	},
}

func TestVerifyComponentsFollowsProfile(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, loadSpecs(t).allowObserved(), &campaignProfile, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID))
	rep, err := e.client.VerifyComponents(ctx, adobetest.DemoRSID,
		[]string{"evar1", "eVar2", "variables/evar3", "evar5"}, []string{"event1", "event9", "metrics/event10"})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.SuiteVisible || rep.OK() {
		t.Fatalf("report = %+v", rep)
	}
	// eVar3 exists but the profile lacks it: Adobe omits it. event10 too.
	if got := strings.Join(rep.Missing(), ","); got != "variables/evar3,metrics/event10" {
		t.Fatalf("missing = %s", got)
	}
	for _, d := range rep.Dimensions {
		if d.ID == "variables/evar5" && (!d.Found || d.Text) {
			t.Fatalf("evar5 (a counter) = %+v", d)
		}
		if d.ID == "variables/evar1" && (!d.Text || d.Dimension.AllocationType == "") {
			t.Fatalf("evar1 = %+v", d)
		}
	}
	ins := strings.Join(rep.Instructions(), "\n")
	for _, want := range []string{"Custom Conversion 3", "Custom Event 10", "evar5 has dataType \"counter\""} {
		if !strings.Contains(ins, want) {
			t.Errorf("instructions lack %q:\n%s", want, ins)
		}
	}

	// A suite outside the profile is not visible at all.
	if err := e.fake.AddAnalyticsReportSuite(adobetest.DemoAnalyticsCompanyID, adobetest.AnalyticsReportSuite{RSID: "demoorg0stage"}); err != nil {
		t.Fatal(err)
	}
	rep, err = e.client.VerifyComponents(ctx, "demoorg0stage", []string{"evar1"}, nil)
	if err != nil || rep.SuiteVisible || !strings.Contains(rep.Instructions()[0], "not visible") {
		t.Fatalf("hidden suite: %+v, %v", rep, err)
	}
	if _, _, err := e.client.Dimensions.List(ctx, "demoorg0stage", nil); !errors.Is(err, adobe.ErrUnauthorized) {
		t.Fatalf("dimensions of a hidden suite: %v", err)
	}
	if _, _, err := e.client.Dimensions.Get(ctx, adobetest.DemoRSID, "evar3", nil); !errors.Is(err, adobe.ErrUnauthorized) {
		t.Fatalf("evar3 outside the profile: %v", err)
	}
	if _, err := e.client.VerifyComponents(ctx, adobetest.DemoRSID, nil, nil); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("no components: %v", err)
	}
}

func TestProbePermissions(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil, &campaignProfile, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID))
	probes, err := e.client.ProbePermissions(ctx, adobetest.DemoRSID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]analytics.ProbeResult{}
	for _, p := range probes {
		got[p.Permission] = p.Result
		if p.Result != analytics.NotProbed && p.Call == "" {
			t.Errorf("probe %s names no call", p.Permission)
		}
	}
	want := map[string]analytics.ProbeResult{
		"Web Service Access": analytics.Granted, adobetest.DemoRSID: analytics.Granted,
		"Classifications": analytics.Granted, "Segment Creation": analytics.Granted,
		"Data Sources Manager": analytics.Denied, "Calculated Metric Creation": analytics.Denied,
		"Report Suite Mgmt": analytics.NotProbed, "Success Events": analytics.NotProbed,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	// Probes change nothing.
	if n := len(e.fake.AnalyticsSegments(adobetest.DemoAnalyticsCompanyID)); n != 0 {
		t.Fatalf("probes left %d segments", n)
	}
}

func TestCheckCampaignClassification(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil, &fullProfile, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID))
	chk, err := e.client.CheckCampaignClassification(ctx, adobetest.DemoRSID, 1)
	if err != nil || !chk.OK() || chk.Subscribed.Name == "" {
		t.Fatalf("evar1: %+v, %v", chk, err)
	}
	chk, err = e.client.CheckCampaignClassification(ctx, adobetest.DemoRSID, 2)
	if err != nil || chk.OK() || !strings.Contains(chk.Instruction, "Primary") {
		t.Fatalf("evar2: %+v, %v", chk, err)
	}
	if _, err := e.client.CheckCampaignClassification(ctx, adobetest.DemoRSID, 0); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("eVar 0: %v", err)
	}
	// Without the Classifications permission: 403.
	e2 := newEnv(t, nil, &adobetest.ProductProfile{Name: "x", Permissions: adobetest.Permissions{ReportSuites: adobetest.PermissionList{AutoInclude: true}}},
		analytics.WithCompany(adobetest.DemoAnalyticsCompanyID))
	if _, err := e2.client.CheckCampaignClassification(ctx, adobetest.DemoRSID, 1); !errors.Is(err, adobe.ErrForbidden) {
		t.Fatalf("no permission: %v", err)
	}
}

func TestProfileNotValid(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil, nil, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID))
	_, _, err := e.client.Users.Me(ctx)
	var pe *analytics.ProfileError
	if !errors.As(err, &pe) || !errors.Is(err, analytics.ErrProfileNotValid) || !errors.Is(err, adobe.ErrForbidden) || pe.Err.Code != "403025" {
		t.Fatalf("err = %v", err)
	}
	// Discovery answers, but with no company.
	_, _, err = e.client.ForCompany(ctx, "", adobetest.DemoAnalyticsCompanyName)
	var ce *analytics.CompanyError
	if !errors.As(err, &ce) || !errors.Is(err, analytics.ErrCompanyNotFound) || !strings.Contains(err.Error(), "no Analytics company at all") {
		t.Fatalf("discovery without a profile: %v", err)
	}
}

// TestWaitForProfile waits, on the fake clock, until a profile attached
// later becomes effective.
func TestWaitForProfile(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		e := newEnv(t, nil, nil, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID))
		p, err := e.fake.AddProductProfile(fullProfile)
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			time.Sleep(50 * time.Second) // the Admin Console propagates
			_ = e.fake.AttachProductProfile(e.cred.ClientID, p.ID)
		}()
		start := time.Now()
		if err := e.client.WaitForProfile(ctx, 5*time.Minute, 10*time.Second, time.Minute); err != nil {
			t.Fatal(err)
		}
		// Calls at 0, 10, 30, 70 s: the first after 50 s succeeds.
		if got := time.Since(start); got != 70*time.Second {
			t.Fatalf("waited %v, want 70s", got)
		}
		// And gives up with the ProfileError after maxWait.
		e2 := newEnv(t, nil, nil, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID))
		start = time.Now()
		err = e2.client.WaitForProfile(ctx, 2*time.Minute, 10*time.Second, time.Minute)
		if !errors.Is(err, analytics.ErrProfileNotValid) || time.Since(start) != 2*time.Minute {
			t.Fatalf("err = %v after %v", err, time.Since(start))
		}
	})
}

func TestCompanySelection(t *testing.T) {
	ctx := context.Background()
	f, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []adobetest.AnalyticsCompany{{GlobalCompanyID: "acme0", Name: "Acme"}, {GlobalCompanyID: "acme1", Name: "acme"}} {
		if err := f.AddAnalyticsCompany(c); err != nil {
			t.Fatal(err)
		}
	}
	e := newEnvOn(t, f, nil, &fullProfile)
	if _, _, err := e.client.ForCompany(ctx, e.cred.OrgID, "Acme"); !errors.Is(err, analytics.ErrCompanyAmbiguous) {
		t.Fatalf("two companies named Acme: %v", err)
	}
	c, co, err := e.client.ForCompany(ctx, e.cred.OrgID, "acme1")
	if err != nil || co.CompanyName != "acme" || c.Company() != "acme1" {
		t.Fatalf("by id: %+v, %v", co, err)
	}
	if _, _, err := e.client.ForCompany(ctx, e.cred.OrgID, "Globex"); !errors.Is(err, analytics.ErrCompanyNotFound) || !strings.Contains(err.Error(), "Demo Company") {
		t.Fatalf("unknown: %v", err)
	}
	if _, _, err := e.client.ForCompany(ctx, e.cred.OrgID, ""); !errors.Is(err, analytics.ErrCompanyAmbiguous) {
		t.Fatalf("no name, three companies: %v", err)
	}
	// Company-scoped calls before choosing one fail before any I/O.
	before := len(f.Requests())
	if _, _, err := e.client.Users.Me(ctx); !errors.Is(err, adobe.ErrInvalidArgument) || len(f.Requests()) != before {
		t.Fatalf("no company: %v", err)
	}
}
