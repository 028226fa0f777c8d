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
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/testutil"
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
		if _, err := e.client.WaitForProfile(ctx, 5*time.Minute, adobe.WithWaitDelays(10*time.Second, time.Minute)); err != nil {
			t.Fatal(err)
		}
		// Calls at 0, 10, 30, 70 s: the first after 50 s succeeds.
		if got := time.Since(start); got != 70*time.Second {
			t.Fatalf("waited %v, want 70s", got)
		}
		// And gives up with the ProfileError after maxWait.
		e2 := newEnv(t, nil, nil, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID))
		start = time.Now()
		_, err = e2.client.WaitForProfile(ctx, 2*time.Minute, adobe.WithWaitDelays(10*time.Second, time.Minute))
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

// TestWaitForProfileWithoutCompany: before ForCompany, WaitForProfile asks
// GET /discovery/me, which answers 200 with no company for a credential
// without an Analytics product profile (Adobe lists the companies of the
// credential's profiles; the gateway's 403025 is only seen on the
// /api/{gcid}/ routes). An empty list must count as "not yet": it waits,
// then fails with an error matching ErrProfileNotValid, and returns nil once
// a profile attached meanwhile makes a company visible.
func TestWaitForProfileWithoutCompany(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		e := newEnv(t, nil, nil)
		start := time.Now()
		_, err := e.client.WaitForProfile(ctx, 500*time.Millisecond, adobe.WithWaitDelays(50*time.Millisecond, 100*time.Millisecond))
		if !errors.Is(err, analytics.ErrProfileNotValid) {
			t.Fatalf("no profile, no company: err = %v, want one matching ErrProfileNotValid", err)
		}
		if got := time.Since(start); got != 500*time.Millisecond {
			t.Fatalf("gave up after %v, want the whole 500ms", got)
		}
		var ce *analytics.CompanyError
		if !errors.As(err, &ce) || !errors.Is(err, analytics.ErrCompanyNotFound) || ce.OrgID != e.cred.OrgID {
			t.Fatalf("err = %#v, want a *CompanyError for org %s", err, e.cred.OrgID)
		}
		for _, want := range []string{"no Analytics company", "product profile", "propagat"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("message %q lacks %q", err, want)
			}
		}
		var wt *adobe.WaitTimeoutError
		if !errors.As(err, &wt) || !errors.Is(err, context.DeadlineExceeded) || wt.Polls != 6 {
			t.Fatalf("err = %#v, want an *adobe.WaitTimeoutError after 6 polls", err)
		}
		// Calls at 0, 50, 150, 250, 350 and 450 ms; the next would be
		// after the deadline.
		if n := e.fake.Count("GET /discovery/me"); n != 6 {
			t.Fatalf("%d discovery calls, want 6", n)
		}

		// A profile attached at 200 ms is seen by the call at 250 ms.
		e2 := newEnv(t, nil, nil)
		p, err := e2.fake.AddProductProfile(fullProfile)
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			time.Sleep(200 * time.Millisecond)
			_ = e2.fake.AttachProductProfile(e2.cred.ClientID, p.ID)
		}()
		start = time.Now()
		var polls []adobe.WaitPoll
		d, err := e2.client.WaitForProfile(ctx, 5*time.Second, adobe.WithWaitDelays(50*time.Millisecond, 100*time.Millisecond),
			adobe.WithWaitProgress(func(p adobe.WaitPoll) { polls = append(polls, p) }))
		if err != nil {
			t.Fatalf("profile attached after 200ms: %v", err)
		}
		if co, err := d.FindCompany(e2.cred.OrgID, ""); err != nil || co.GlobalCompanyID != adobetest.DemoAnalyticsCompanyID {
			t.Fatalf("the wait's discovery: %+v, %v", co, err)
		}
		// One progress call per poll that did not end the wait: 0, 50, 150 ms.
		if len(polls) != 3 || polls[2].Attempt != 3 || polls[2].Status == "" || !errors.Is(polls[2].Err, analytics.ErrProfileNotValid) {
			t.Fatalf("progress = %+v", polls)
		}
		if got := time.Since(start); got != 250*time.Millisecond {
			t.Fatalf("waited %v, want 250ms", got)
		}
		if _, co, err := e2.client.ForCompany(ctx, e2.cred.OrgID, ""); err != nil || co.GlobalCompanyID != adobetest.DemoAnalyticsCompanyID {
			t.Fatalf("ForCompany after the wait: %+v, %v", co, err)
		}
	})
}

// TestForCompanyNoCompanyIsProfileProblem: ForCompany's "the token sees no
// company" error names the likely cause and matches ErrProfileNotValid, so
// a script can tell "still propagating" from "wrong company name".
func TestForCompanyNoCompanyIsProfileProblem(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil, nil)
	_, _, err := e.client.ForCompany(ctx, e.cred.OrgID, adobetest.DemoAnalyticsCompanyName)
	if !errors.Is(err, analytics.ErrProfileNotValid) || !errors.Is(err, analytics.ErrCompanyNotFound) {
		t.Fatalf("no profile: err = %v, want ErrProfileNotValid and ErrCompanyNotFound", err)
	}
	for _, want := range []string{"no Analytics company at all", "product profile", "propagat", "WaitForProfile"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
	// A wrong name while companies are visible is not a profile problem.
	ok := newEnv(t, nil, &fullProfile)
	_, _, err = ok.client.ForCompany(ctx, ok.cred.OrgID, "Globex")
	if !errors.Is(err, analytics.ErrCompanyNotFound) || errors.Is(err, analytics.ErrProfileNotValid) {
		t.Fatalf("wrong company name: err = %v, want ErrCompanyNotFound only", err)
	}
	// Companies visible only in another org: none in the one asked for.
	_, _, err = ok.client.ForCompany(ctx, "FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg", "")
	if !errors.Is(err, analytics.ErrProfileNotValid) || !strings.Contains(err.Error(), "no Analytics company in org FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg") {
		t.Fatalf("other org: err = %v", err)
	}
}

// TestWaitForProfileDiscoveryShapes: without a company, WaitForProfile also
// waits through a 403025 from discovery itself (Adobe does not document
// which of the two a credential without a profile gets) and through an
// answer listing companies only in other orgs; it stops at the first
// answer with a company in the credential's org.
func TestWaitForProfileDiscoveryShapes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const org = "0123456789ABCDEF01234567@AdobeOrg"
		mt := testutil.NewMockTransport(t)
		testutil.MockIMSToken(mt)
		disc := testutil.NewRecorder(testutil.SequenceResponder(
			jsonBody(403, `{"error_code":"403025","message":"Profile is not valid"}`),
			jsonBody(200, `{"imsUserId":"u@techacct.adobe.com","imsOrgs":[{"imsOrgId":"`+org+`","companies":[]}]}`),
			jsonBody(200, `{"imsUserId":"u@techacct.adobe.com","imsOrgs":[{"imsOrgId":"FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg",`+
				`"companies":[{"globalCompanyId":"other0","companyName":"Other"}]}]}`),
			jsonBody(200, `{"imsUserId":"u@techacct.adobe.com","imsOrgs":[{"imsOrgId":"`+org+`",`+
				`"companies":[{"globalCompanyId":"acme0","companyName":"Acme"}]}]}`),
		))
		mt.RegisterResponder("GET", "https://analytics.adobe.io/discovery/me", disc.Responder())
		cfg, err := auth.NewConfig(auth.Credentials{ClientID: mockClientID, ClientSecret: "p8e-secret", OrgID: org,
			Scopes: []string{"openid", "AdobeID"}}, auth.WithBaseTransport(mt))
		if err != nil {
			t.Fatal(err)
		}
		c, err := analytics.NewFromConfig(cfg, analytics.WithoutRateLimit())
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if _, err := c.WaitForProfile(context.Background(), time.Minute, adobe.WithWaitDelays(time.Second, 10*time.Second)); err != nil {
			t.Fatalf("err = %v", err)
		}
		// Calls at 0, 1, 3 and 7 s.
		if got, n := time.Since(start), disc.Len(); got != 7*time.Second || n != 4 {
			t.Fatalf("returned after %v and %d discovery calls, want 7s and 4", got, n)
		}
	})
}
