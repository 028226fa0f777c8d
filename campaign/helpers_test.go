package campaign_test

import (
	"fmt"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
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
	cfg, err := auth.NewConfig(auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: b.Scopes},
		auth.WithBaseTransport(f.Transport()))
	if err != nil {
		t.Fatal(err)
	}
	spec := campaign.ConnectorSpec{
		OrgID: b.OrgID, CompanyName: "Acme", Deployment: campaign.OnPremise, Build: "7.4.4 build 9400",
		Instance: "acme_mkt", Containers: []string{"mkt1.acme.example", "mkt2.acme.example"},
		ReportSuites: []string{rsid}, CampaignIDEVar: 4, BroadlogIDEVar: 5, Events: demoEvents,
		Operator: adobetest.DemoUserEmail,
	}
	return &demo{fake: f, cfg: cfg, spec: spec}
}

// playAdminConsole creates the connector's profile as the person in the
// Admin Console would.
func (d *demo) playAdminConsole(t testing.TB) {
	t.Helper()
	var events []string
	for _, n := range d.spec.Events {
		events = append(events, fmt.Sprintf("event%d", n))
	}
	_, err := d.fake.CreateProductProfile("Adobe Analytics", d.spec.ProfileName(), adobetest.Permissions{
		ReportSuites:     adobetest.PermissionList{Items: d.spec.ReportSuites},
		Metrics:          adobetest.PermissionList{Items: events},
		Dimensions:       adobetest.PermissionList{Items: []string{fmt.Sprintf("evar%d", d.spec.CampaignIDEVar), fmt.Sprintf("evar%d", d.spec.BroadlogIDEVar)}},
		ReportSuiteTools: []string{"Report Suite Mgmt", "Conversion Variables", "Success Events", "Custom Data Warehouse Report", "Data Sources Manager", "Classifications"},
		AnalyticsTools:   []string{"Code Manager - Web Services", "Logs - Web Services", "Web Services", "Web Service Access", "Calculated Metric Creation", "Segment Creation"},
	})
	if err != nil {
		t.Fatal(err)
	}
}
