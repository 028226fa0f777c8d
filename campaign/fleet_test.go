package campaign_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/campaign"
)

// fleetOrgs adds n orgs to the fake, each with its automation credential
// and, for all but the ones in noProfile, the connector's profile created in
// the Admin Console.
func fleetOrgs(t testing.TB, f *adobetest.Fake, n int, noProfile map[int]bool) []campaign.FleetOrg {
	t.Helper()
	var orgs []campaign.FleetOrg
	for i := range n {
		key := fmt.Sprintf("org%03d", i)
		o, err := f.AddDemoOrg(key)
		if err != nil {
			t.Fatal(err)
		}
		spec := campaign.ConnectorSpec{OrgID: o.Org.ID, CompanyName: "Client " + key, Deployment: campaign.OnPremise, Build: "7.4.4 build 9400",
			Instance: key + "_mkt", Containers: []string{"mkt1." + key + ".example"}, ReportSuites: []string{o.RSID},
			CampaignIDEVar: 4, BroadlogIDEVar: 5, Events: demoEvents}
		if !noProfile[i] {
			var events []string
			for _, e := range demoEvents {
				events = append(events, fmt.Sprintf("event%d", e))
			}
			if _, err := f.AddProductProfile(adobetest.ProductProfile{OrgID: o.Org.ID, Name: spec.ProfileName(), ProductName: "Adobe Analytics",
				Permissions: adobetest.Permissions{
					ReportSuites: adobetest.PermissionList{Items: spec.ReportSuites}, Metrics: adobetest.PermissionList{Items: events},
					Dimensions:       adobetest.PermissionList{Items: []string{"evar4", "evar5"}},
					ReportSuiteTools: []string{"Report Suite Mgmt", "Conversion Variables", "Success Events", "Custom Data Warehouse Report", "Data Sources Manager", "Classifications"},
					AnalyticsTools:   []string{"Code Manager - Web Services", "Logs - Web Services", "Web Services", "Web Service Access", "Calculated Metric Creation", "Segment Creation"},
				}}); err != nil {
				t.Fatal(err)
			}
		}
		cfg, err := auth.NewConfig(auth.Credentials{ClientID: o.Credential.ClientID, ClientSecret: auth.Secret(o.Credential.ClientSecret), OrgID: o.Org.ID, Scopes: o.Credential.Scopes},
			auth.WithBaseTransport(f.Transport()))
		if err != nil {
			t.Fatal(err)
		}
		// Each org gets its own limiters at Adobe's documented budgets.
		umapi, err := adminconsole.NewLimiter(adminconsole.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		lim, err := analytics.NewLimiter(analytics.Limits{Requests: 12, Per: 6 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		orgs = append(orgs, campaign.FleetOrg{Name: key, Spec: spec, Config: cfg, Options: []campaign.Option{
			campaign.WithAdminConsoleOptions(adminconsole.WithLimiter(umapi)),
			campaign.WithAnalyticsOptions(analytics.WithLimiter(lim)),
		}})
	}
	return orgs
}

// 20 orgs: one fails (a bad spec), two wait for the manual step; the
// others are provisioned; the failure stops nobody; a resumed run skips the
// done ones and finishes the others once their profiles exist.
func TestFleetProvisionAndResume(t *testing.T) {
	f, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	orgs := fleetOrgs(t, f, 20, map[int]bool{3: true, 7: true})
	orgs[11].Spec.ReportSuites = []string{"Not A Suite"}
	var events atomic.Int64
	progress := campaign.WithFleetProgress(func(campaign.FleetEvent) { events.Add(1) })
	rep, err := campaign.RunFleet(context.Background(), campaign.FleetProvision, orgs, campaign.WithFleetConcurrency(6), progress,
		campaign.WithFleetOptions(campaign.WithPollDelays(time.Millisecond, 5*time.Millisecond)))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count(campaign.OrgDone) != 17 || rep.Count(campaign.OrgManual) != 2 || rep.Count(campaign.OrgFailed) != 1 {
		var md strings.Builder
		_ = rep.Markdown(&md)
		t.Fatalf("report:\n%s", md.String())
	}
	if rep.Orgs[0].Seconds <= 0 {
		t.Errorf("org 0 took %v s", rep.Orgs[0].Seconds)
	}
	if rep.Orgs[11].Status != campaign.OrgFailed || !strings.Contains(rep.Orgs[11].Error, "report_suites[0]") {
		t.Errorf("org 11: %+v", rep.Orgs[11])
	}
	if !strings.Contains(rep.Orgs[3].Manual, "reserved_campaign_classic_Client org003") || len(rep.Orgs[3].Left) == 0 {
		t.Errorf("org 3: %+v", rep.Orgs[3])
	}
	if events.Load() == 0 {
		t.Error("no progress")
	}
	// The person creates the two missing profiles; the spec is corrected;
	// the resumed run skips the 17 done orgs.
	for _, i := range []int{3, 7} {
		if _, err := f.AddProductProfile(adobetest.ProductProfile{OrgID: orgs[i].Spec.OrgID, Name: orgs[i].Spec.ProfileName(), ProductName: "Adobe Analytics",
			Permissions: adobetest.Permissions{ReportSuites: adobetest.PermissionList{AutoInclude: true}, Metrics: adobetest.PermissionList{AutoInclude: true},
				Dimensions: adobetest.PermissionList{AutoInclude: true}, ReportSuiteTools: []string{"Classifications", "Data Sources Manager"},
				AnalyticsTools: []string{"Segment Creation", "Calculated Metric Creation"}}}); err != nil {
			t.Fatal(err)
		}
	}
	orgs[11].Spec.ReportSuites = []string{"org011coprod"}
	var js strings.Builder
	_ = rep.JSON(&js)
	prev, err := campaign.ParseFleetReport([]byte(js.String()))
	if err != nil {
		t.Fatal(err)
	}
	f.ResetRequests()
	again, err := campaign.RunFleet(context.Background(), campaign.FleetProvision, orgs, campaign.WithFleetResume(prev),
		campaign.WithFleetOptions(campaign.WithPollDelays(time.Millisecond, 5*time.Millisecond)))
	if err != nil {
		t.Fatal(err)
	}
	if again.Count(campaign.OrgResumed) != 17 || again.Count(campaign.OrgDone) != 3 {
		var md strings.Builder
		_ = again.Markdown(&md)
		t.Fatalf("resumed report:\n%s", md.String())
	}
	// Only the three orgs' requests reached the fake.
	touched := map[string]bool{}
	for _, r := range f.Requests() {
		for _, i := range []int{3, 7, 11} {
			if strings.Contains(r.Path, orgs[i].Spec.OrgID) {
				touched[orgs[i].Name] = true
			}
		}
	}
	if len(touched) == 0 {
		t.Error("the resumed run reached none of the unfinished orgs")
	}
}

// The fleet's measure: 100 orgs provisioned concurrently on the fake, each
// within Adobe's documented per-project and per-client budgets. Logs the
// wall time, the 429s met and the peak heap; asserts only that every org
// converged without a 429.
func TestFleet100Orgs(t *testing.T) {
	if testing.Short() {
		t.Skip("measure")
	}
	f, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	// The fake enforces Adobe's limits: Analytics 12 per 6 s per project;
	// UMAPI per client.
	orgs := fleetOrgs(t, f, 100, nil)
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	start := time.Now()
	rep, err := campaign.RunFleet(context.Background(), campaign.FleetProvision, orgs, campaign.WithFleetConcurrency(16),
		campaign.WithFleetOptions(campaign.WithPollDelays(time.Millisecond, 5*time.Millisecond)))
	wall := time.Since(start)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	n429 := 0
	for _, r := range f.Requests() {
		if r.Status == 429 {
			n429++
		}
	}
	t.Logf("fleet: %d orgs, %d done, %d requests, %d × 429, wall %s (per-project limits' lower bound: 0 s, each org makes ≤ 12 Analytics requests, inside one 6 s window), peak heap in use %.1f MiB",
		len(orgs), rep.Count(campaign.OrgDone), len(f.Requests()), n429, wall.Round(time.Millisecond), float64(peak.Load())/(1<<20))
	if rep.Count(campaign.OrgDone) != len(orgs) || n429 != 0 {
		var md strings.Builder
		_ = rep.Markdown(&md)
		t.Fatalf("%d × 429\n%s", n429, md.String())
	}
}

func TestFleetDiagnose(t *testing.T) {
	f, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	orgs := fleetOrgs(t, f, 4, map[int]bool{2: true})
	if _, err := campaign.RunFleet(context.Background(), campaign.FleetProvision, orgs); err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		gcid := strings.TrimSuffix(o.Spec.ReportSuites[0], "prod")
		if _, err := f.AddAnalyticsClassificationSet(gcid, "Campaign", []string{"Delivery Label"}, map[string]string{o.Spec.ReportSuites[0]: "variables/evar4"}); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := campaign.RunFleet(context.Background(), campaign.FleetDiagnose, orgs)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Orgs[2].Status != campaign.OrgFailed || rep.Orgs[2].Fail == 0 || rep.Orgs[0].Fail != 0 {
		var md strings.Builder
		_ = rep.Markdown(&md)
		t.Fatalf("diagnose report:\n%s", md.String())
	}
	if _, err := campaign.RunFleet(context.Background(), "nope", orgs); err == nil {
		t.Error("unknown op accepted")
	}
	if _, err := campaign.RunFleet(context.Background(), campaign.FleetDiagnose, append(orgs, orgs[0])); err == nil {
		t.Error("duplicate org accepted")
	}
}
