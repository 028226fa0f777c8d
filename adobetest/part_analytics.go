package adobetest

import (
	"fmt"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakeanalytics"
)

// The Analytics 2.0 part: https://analytics.adobe.io/discovery/me and
// /api/{globalCompanyId}/... (see package fakeanalytics for the endpoints).
//
// Every fake starts with the demo company [DemoAnalyticsCompanyID]
// ("Demo Company") in the demo org, holding report suite [DemoRSID] with
// eVar1–eVar10 (eVar5 a counter, the others text), numeric event1–event20
// and a classification set subscribed to eVar1; the demo org's general
// product profile ([DemoProfileName]) grants all of it to the bootstrap
// credential. A seed file's "analytics" section with companies replaces the
// demo company:
//
//	"analytics": {
//	  "rate_limit": {"requests": 12, "period_seconds": 6},
//	  "companies": [{
//	    "global_company_id": "acme0", "name": "Acme", "org_id": "<the demo org when empty>",
//	    "report_suites": [{"rsid": "acme0prod", "name": "Acme Prod",
//	      "evars": [{"number": 1, "name": "Campaign ID", "data_type": "text"}],
//	      "events": [{"number": 1, "name": "Sent", "type": "int"}]}],
//	    "classification_sets": [{"name": "Campaigns", "columns": ["Channel"],
//	      "subscriptions": [{"rsid": "acme0prod", "dimension": "variables/evar1"}]}]
//	  }]
//	}
//
// Companies may also declare segments and calculated_metrics, each {name,
// rsid, definition, owner (a client id, "bootstrap", a user id or email),
// description, and for calculated metrics type, polarity, precision}. An
// invalid section makes [New] fail with the reason.
//
// What a credential sees follows the Analytics product profiles attached to
// it ([Fake.AddProductProfile], [Fake.AttachProductProfile]): report suites,
// dimensions and metrics a profile does not grant are omitted (items are
// rsids; dimension ids such as "evar5" or the Admin Console names "Custom
// Conversion 5"; metric ids such as "event3" or "Custom Event 3"; or
// auto-include). Creating report suites needs the Report Suite Tools item
// "Report Suite Mgmt", classification endpoints "Classifications", Data
// Sources endpoints "Data Sources Manager", segments "Segment Creation" and
// calculated metrics "Calculated Metric Creation" (Analytics Tools). A
// credential without an Analytics profile gets 403 {"error_code":"403025",
// "message":"Profile is not valid"}. Listing every user's segments or
// calculated metrics (includeType=all) is for Analytics administrators
// only, as Adobe documents: others get 403; make a credential one with
// [Fake.SetAnalyticsAdmin].
//
// Adobe limits requests per Developer Console project ("12 requests every
// 6 seconds"); the fake allows at most 12 accepted requests in any 6-second
// window (a sliding window) per project: credentials created through the
// fake's Console API share their project's window, credentials added
// outside a project ([Fake.AddCredential]) each have their own. Beyond it
// it answers 429 {"error_code":"429050"}. Change it with [Fake.SetAnalyticsRateLimit].

// Demo Analytics data.
const (
	DemoAnalyticsCompanyID   = "demoorg0"
	DemoAnalyticsCompanyName = "Demo Company"
	DemoRSID                 = "demoorg0prod"
)

// analytics returns the fake's Analytics part, kept on the store.
func (f *Fake) analytics() *fakeanalytics.Service { return fakeanalytics.For(f.store) }

// AnalyticsCompany is an Analytics company of the fake.
type AnalyticsCompany struct {
	GlobalCompanyID string // lower-case letters and digits
	Name            string
	OrgID           string // the demo org when empty
}

// AnalyticsReportSuite is a report suite of the fake.
type AnalyticsReportSuite struct {
	RSID     string // must begin with the company's global company id
	Name     string
	Currency string // "USD" when empty
	Timezone string // "US/Pacific" when empty
}

// AddAnalyticsCompany adds an Analytics company to an org.
func (f *Fake) AddAnalyticsCompany(c AnalyticsCompany) error {
	if c.OrgID == "" {
		c.OrgID = f.orgID
	}
	if err := f.analytics().AddCompany(fakeanalytics.Company{GlobalCompanyID: c.GlobalCompanyID, Name: c.Name, OrgID: c.OrgID}); err != nil {
		return fmt.Errorf("adobetest: AddAnalyticsCompany: %w", err)
	}
	return nil
}

// AddAnalyticsReportSuite adds a report suite to a company, with the
// standard dimensions (variables/page, variables/campaign) and metrics
// (metrics/pageviews, metrics/visits) and no eVars or events.
func (f *Fake) AddAnalyticsReportSuite(globalCompanyID string, rs AnalyticsReportSuite) error {
	err := f.analytics().AddSuite(globalCompanyID, fakeanalytics.Suite{RSID: rs.RSID, Name: rs.Name, Currency: rs.Currency, Timezone: rs.Timezone})
	if err != nil {
		return fmt.Errorf("adobetest: AddAnalyticsReportSuite: %w", err)
	}
	return nil
}

// AddAnalyticsEVar enables eVar n of a report suite, as an administrator
// does in the Analytics UI; dataType is "text" (default) or "counter".
// Re-adding changes it.
func (f *Fake) AddAnalyticsEVar(globalCompanyID, rsid string, n int, name, dataType string) error {
	if err := f.analytics().AddEVar(globalCompanyID, rsid, n, name, dataType); err != nil {
		return fmt.Errorf("adobetest: AddAnalyticsEVar: %w", err)
	}
	return nil
}

// SetAnalyticsEVarSettings sets an eVar's allocation (e.g. "linear") and
// expiration (e.g. "day" with customDays).
func (f *Fake) SetAnalyticsEVarSettings(globalCompanyID, rsid string, n int, allocation, expiration string, customDays *int) error {
	if err := f.analytics().SetEVarSettings(globalCompanyID, rsid, n, allocation, expiration, customDays); err != nil {
		return fmt.Errorf("adobetest: SetAnalyticsEVarSettings: %w", err)
	}
	return nil
}

// AddAnalyticsEvent enables success event n of a report suite; typ is
// "int" (default), "currency" or "decimal".
func (f *Fake) AddAnalyticsEvent(globalCompanyID, rsid string, n int, name, typ string) error {
	if err := f.analytics().AddEvent(globalCompanyID, rsid, n, name, typ); err != nil {
		return fmt.Errorf("adobetest: AddAnalyticsEvent: %w", err)
	}
	return nil
}

// AddAnalyticsClassificationSet adds a classification set (which only the
// Analytics UI can create) with text columns, subscribed to the given
// report suite dimensions ("variables/evar1"); it returns the dataset id.
func (f *Fake) AddAnalyticsClassificationSet(globalCompanyID, name string, columns []string, subscriptions map[string]string) (string, error) {
	d := fakeanalytics.Dataset{Name: name}
	for _, c := range columns {
		d.Columns = append(d.Columns, fakeanalytics.Column{Name: c, DisplayName: c})
	}
	for rsid, dim := range subscriptions {
		d.Subscriptions = append(d.Subscriptions, fakeanalytics.Subscription{RSID: rsid, Dimension: dim})
	}
	id, err := f.analytics().AddDataset(globalCompanyID, d)
	if err != nil {
		return "", fmt.Errorf("adobetest: AddAnalyticsClassificationSet: %w", err)
	}
	return id, nil
}

// AnalyticsReportSuites returns the rsids of a company's report suites,
// whatever any credential may see.
func (f *Fake) AnalyticsReportSuites(globalCompanyID string) []string {
	var out []string
	for _, s := range f.analytics().Suites(globalCompanyID) {
		out = append(out, s.RSID)
	}
	return out
}

// AnalyticsComponent is a segment or calculated metric as the fake stores
// it.
type AnalyticsComponent struct {
	ID, Name, RSID string
	OwnerLoginID   int
}

// AnalyticsSegments returns a company's segments, every owner's.
func (f *Fake) AnalyticsSegments(globalCompanyID string) []AnalyticsComponent {
	return components(f.analytics().Segments(globalCompanyID))
}

// AnalyticsCalculatedMetrics returns a company's calculated metrics.
func (f *Fake) AnalyticsCalculatedMetrics(globalCompanyID string) []AnalyticsComponent {
	return components(f.analytics().CalculatedMetrics(globalCompanyID))
}

func components(in []fakeanalytics.Component) []AnalyticsComponent {
	out := make([]AnalyticsComponent, len(in))
	for i, c := range in {
		out[i] = AnalyticsComponent{ID: c.ID, Name: c.Name, RSID: c.RSID, OwnerLoginID: c.OwnerID}
	}
	return out
}

// AnalyticsDataSources returns the names of a report suite's Data Sources
// accounts.
func (f *Fake) AnalyticsDataSources(globalCompanyID, rsid string) []string {
	var out []string
	for _, d := range f.analytics().DataSources(globalCompanyID, rsid) {
		out = append(out, d.Name)
	}
	return out
}

// SetAnalyticsRateLimit sets the Analytics rate limit: at most n requests
// in any window of period, per Developer Console project (per credential
// outside a project); the default is 12 per 6 s. n <= 0 turns it off.
func (f *Fake) SetAnalyticsRateLimit(n int, period time.Duration) {
	f.analytics().SetRateLimit(n, period)
}

// SetAnalyticsAdmin makes a credential's technical account (who is its
// client id) or an Adobe ID user (who is the user id, "...@AdobeID") an
// Analytics administrator of a company, or not (admin false). Only
// administrators may list other users' segments and calculated metrics
// (includeType=all; others get 403 "Requesting non-shared segments for
// other users is restricted to admin users") or edit and delete them.
func (f *Fake) SetAnalyticsAdmin(globalCompanyID, who string, admin bool) error {
	if err := f.analytics().SetAdmin(globalCompanyID, who, admin); err != nil {
		return fmt.Errorf("adobetest: SetAnalyticsAdmin: %w", err)
	}
	return nil
}
