package campaign_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/campaign"
)

// demo holds a fake Adobe set up as an org that can run the connector: the
// demo Analytics company with its report suite, the cid/bid eVars and the
// ten events.
type demo struct {
	fake *adobetest.Fake
	cfg  *auth.Config
	spec campaign.ConnectorSpec
	rt   *faultyTransport
	res  *campaign.ConnectorResult // the last provisioning, when a test keeps it
}

var demoEvents = map[string]int{
	campaign.EventClicked: 1, campaign.EventOpened: 2, campaign.EventPersonClicks: 3, campaign.EventProcessed: 4,
	campaign.EventScheduled: 5, campaign.EventSent: 6, campaign.EventTotalBounces: 7, campaign.EventUniqueClicks: 8,
	campaign.EventUniqueOpens: 9, campaign.EventUnsubscribed: 10,
}

func newDemo(t testing.TB, opts ...adobetest.Option) *demo {
	t.Helper()
	f, err := adobetest.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	gcid, rsid := adobetest.DemoAnalyticsCompanyID, adobetest.DemoRSID
	for n, name := range map[int]string{4: "Campaign Id", 5: "Broadlog Id"} {
		if err := f.AddAnalyticsEVar(gcid, rsid, n, name, "text"); err != nil {
			t.Fatal(err)
		}
	}
	for name, n := range demoEvents {
		if err := f.AddAnalyticsEvent(gcid, rsid, n, name, "int"); err != nil {
			t.Fatal(err)
		}
	}
	b := f.Bootstrap()
	rt := &faultyTransport{next: f.Transport()}
	cfg, err := auth.NewConfig(auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: b.Scopes},
		auth.WithBaseTransport(rt), auth.WithRetryPolicy(auth.RetryPolicy{MaxRetries: 2, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond, MaxRetryAfter: time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	spec := campaign.ConnectorSpec{
		OrgID: b.OrgID, CompanyName: "Acme", Deployment: campaign.OnPremise, Build: "7.4.4 build 9400",
		Instance: "acme_mkt", Containers: []string{"mkt1.acme.example", "mkt2.acme.example"},
		ReportSuites: []string{rsid}, CampaignIDEVar: 4, BroadlogIDEVar: 5, Events: demoEvents,
		Operator: adobetest.DemoUserEmail,
	}
	// Each test runs a provisioning several times within a minute; UMAPI's
	// per-minute throttling and Analytics' window are tested elsewhere.
	f.SetAnalyticsRateLimit(100000, time.Second)
	f.SetUserManagementThrottling(false)
	return &demo{fake: f, cfg: cfg, spec: spec, rt: rt}
}

// opts are the options of a fast, private run: fast polls, private
// limiters (the fake's ids repeat across fakes in one process, and the
// process-wide limiters are keyed by them).
func (d *demo) opts(extra ...campaign.Option) []campaign.Option {
	lim, err := analytics.NewLimiter(analytics.Limits{Requests: 100000, Per: time.Second})
	if err != nil {
		panic(err)
	}
	return append([]campaign.Option{
		campaign.WithPollDelays(time.Millisecond, 5*time.Millisecond), campaign.WithPropagationWait(2 * time.Second),
		campaign.WithAnalyticsOptions(analytics.WithLimiter(lim)), campaign.WithAdminConsoleOptions(adminconsole.WithoutRateLimit()),
	}, extra...)
}

// writes lists the requests of the fake's log that can change state: not
// reads, token requests or Analytics' validate calls (the permission
// probes). UMAPI's testOnly actions do count.
func (d *demo) writes() []string {
	var out []string
	for _, r := range d.fake.Requests() {
		if r.Method == http.MethodGet || strings.HasPrefix(r.Path, "/ims/") || strings.HasSuffix(r.Path, "/validate") {
			continue
		}
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

// faultyTransport counts requests and spoils the one numbered failAt
// (1-based) with fail.
type faultyTransport struct {
	next   http.RoundTripper
	mu     sync.Mutex
	n      int
	failAt int
	fail   func(r *http.Request, next http.RoundTripper) (*http.Response, error)
}

func (t *faultyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.mu.Lock()
	t.n++
	hit := t.failAt > 0 && t.n == t.failAt && t.fail != nil
	t.mu.Unlock()
	if hit {
		return t.fail(r, t.next)
	}
	return t.next.RoundTrip(r)
}

func (t *faultyTransport) arm(at int, fail func(*http.Request, http.RoundTripper) (*http.Response, error)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n, t.failAt, t.fail = 0, at, fail
}

func (t *faultyTransport) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n
}

// playAdminConsole creates the connector's profile as the person in the
// Admin Console would.
func (d *demo) playAdminConsole(t testing.TB) { t.Helper(); d.playAdminConsoleWithout(t) }

// playAdminConsoleWithout creates the profile without some of the tool
// permissions.
func (d *demo) playAdminConsoleWithout(t testing.TB, without ...string) {
	t.Helper()
	drop := func(items []string) []string {
		var out []string
		for _, it := range items {
			if !slices.Contains(without, it) {
				out = append(out, it)
			}
		}
		return out
	}
	var events []string
	for _, n := range d.spec.Events {
		events = append(events, fmt.Sprintf("event%d", n))
	}
	_, err := d.fake.CreateProductProfile("Adobe Analytics", d.spec.ProfileName(), adobetest.Permissions{
		ReportSuites:     adobetest.PermissionList{Items: d.spec.ReportSuites},
		Metrics:          adobetest.PermissionList{Items: events},
		Dimensions:       adobetest.PermissionList{Items: []string{fmt.Sprintf("evar%d", d.spec.CampaignIDEVar), fmt.Sprintf("evar%d", d.spec.BroadlogIDEVar)}},
		ReportSuiteTools: drop([]string{"Report Suite Mgmt", "Conversion Variables", "Success Events", "Custom Data Warehouse Report", "Data Sources Manager", "Classifications"}),
		AnalyticsTools:   drop([]string{"Code Manager - Web Services", "Logs - Web Services", "Web Services", "Web Service Access", "Calculated Metric Creation", "Segment Creation"}),
	})
	if err != nil {
		t.Fatal(err)
	}
}
