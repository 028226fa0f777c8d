// Package demo holds what the Campaign examples share on the embedded fake:
// the demo org's connector spec, the Analytics set-up an administrator
// would have made, and the person who takes the Admin Console step.
package demo

import (
	"fmt"

	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/campaign"
)

// Events are the event numbers the demo org uses for the connector's ten
// events.
var Events = map[string]int{
	campaign.EventClicked: 1, campaign.EventOpened: 2, campaign.EventPersonClicks: 3, campaign.EventProcessed: 4,
	campaign.EventScheduled: 5, campaign.EventSent: 6, campaign.EventTotalBounces: 7, campaign.EventUniqueClicks: 8,
	campaign.EventUniqueOpens: 9, campaign.EventUnsubscribed: 10,
}

// Spec is the connector of the fake's demo org.
func Spec(orgID string) campaign.ConnectorSpec {
	return campaign.ConnectorSpec{
		OrgID: orgID, CompanyName: "Demo", Deployment: campaign.OnPremise, Build: "7.4.4 build 9400",
		Instance: "demo_mkt", Containers: []string{"mkt1.demo.example", "mkt2.demo.example"},
		ReportSuites: []string{adobetest.DemoRSID}, CampaignIDEVar: 4, BroadlogIDEVar: 6, Events: Events,
		Operator: adobetest.DemoUserEmail, NotificationEmail: "campaign-admin@demo.example",
	}
}

// Prepare names the demo report suite's eVars and events as an Analytics
// administrator would for the connector.
func Prepare(f *adobetest.Fake) error {
	gcid, rsid := adobetest.DemoAnalyticsCompanyID, adobetest.DemoRSID
	if err := f.AddAnalyticsEVar(gcid, rsid, 4, "Campaign Id", "text"); err != nil {
		return err
	}
	if err := f.AddAnalyticsEVar(gcid, rsid, 6, "Broadlog Id", "text"); err != nil {
		return err
	}
	for name, n := range Events {
		if err := f.AddAnalyticsEvent(gcid, rsid, n, name, "int"); err != nil {
			return err
		}
	}
	return nil
}

// PlayAdminConsole creates the profile a manual step describes, as the
// person in the Admin Console would.
func PlayAdminConsole(f *adobetest.Fake, p adminconsole.ProfileSpec) error {
	list := func(items adminconsole.PermissionItems) adobetest.PermissionList {
		return adobetest.PermissionList{AutoInclude: items.AutoInclude, Items: items.Items}
	}
	_, err := f.CreateProductProfile(p.Product, p.Name, adobetest.Permissions{
		ReportSuites: list(p.Permissions.ReportSuites), Metrics: list(p.Permissions.Metrics), Dimensions: list(p.Permissions.Dimensions),
		ReportSuiteTools: p.Permissions.ReportSuiteTools, AnalyticsTools: p.Permissions.AnalyticsTools,
	})
	if err != nil {
		return fmt.Errorf("playing the Admin Console: %w", err)
	}
	return nil
}
