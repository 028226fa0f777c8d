package adobetest_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
)

// WriteSeed writes what was added to a fake so that a new fake loaded with
// it holds the same state, and dumps the same document again.
func TestWriteSeedRoundTrip(t *testing.T) {
	f := newFake(t)
	acme, err := f.AddOrg(adobetest.Org{Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.CreateProductProfile("", "reserved_campaign_classic_Demo", adobetest.Permissions{
		ReportSuites:   adobetest.PermissionList{Items: []string{adobetest.DemoRSID}},
		Metrics:        adobetest.PermissionList{AutoInclude: true},
		AnalyticsTools: []string{"Code Manager - Web Services"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.AttachProductProfile(f.Bootstrap().ClientID, p.ID); err != nil {
		t.Fatal(err)
	}
	c, err := f.AddCredential(adobetest.Credential{Name: "Connector", ProductProfileIDs: []string{p.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.AddUser(adobetest.User{Email: "ann@acme.example", OrgIDs: []string{f.OrgID(), acme.ID}}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetLoginUser("ann@acme.example"); err != nil {
		t.Fatal(err)
	}
	if err := f.AddAnalyticsCompany(adobetest.AnalyticsCompany{GlobalCompanyID: "acme0", OrgID: acme.ID}); err != nil {
		t.Fatal(err)
	}
	if err := f.AddAnalyticsReportSuite("acme0", adobetest.AnalyticsReportSuite{RSID: "acme0prod", Currency: "EUR"}); err != nil {
		t.Fatal(err)
	}
	if err := f.AddAnalyticsEVar("acme0", "acme0prod", 42, "cid", "text"); err != nil {
		t.Fatal(err)
	}
	// A calculated metric of the bootstrap credential, created through the
	// API.
	created := postAnalytics(t, f, f.Bootstrap().ClientID, "calculatedmetrics", map[string]any{
		"name": "Open rate", "rsid": adobetest.DemoRSID,
		"definition": map[string]any{"func": "calc-metric", "formula": map[string]any{"func": "metric", "name": "metrics/event1"}},
	})
	var first bytes.Buffer
	if err := f.WriteSeed(&first); err != nil {
		t.Fatal(err)
	}

	g := newFake(t, adobetest.WithSeed(bytes.NewReader(first.Bytes())))
	if got, ok := g.Credential(c.ClientID); !ok || got.ClientSecret != c.ClientSecret || !slices.Equal(got.ProductProfileIDs, []string{p.ID}) {
		t.Errorf("credential = %+v, %v", got, ok)
	}
	if got := g.Bootstrap().ProductProfileIDs; !slices.Equal(got, []string{adobetest.DemoProfileID, p.ID}) {
		t.Errorf("bootstrap profiles = %v", got)
	}
	if got, ok := g.ProductProfileByName("reserved_campaign_classic_demo"); !ok || got.ID != p.ID || got.OrgID != g.OrgID() ||
		!slices.Equal(got.Permissions.AnalyticsTools, []string{"Code Manager - Web Services"}) {
		t.Errorf("profile = %+v, %v", got, ok)
	}
	if got := g.LoginUser(); got.Email != "ann@acme.example" || len(got.OrgIDs) != 2 || got.OrgIDs[0] != g.OrgID() {
		t.Errorf("login user = %+v", got)
	}
	if got := g.AnalyticsReportSuites("acme0"); !slices.Equal(got, []string{"acme0prod"}) {
		t.Errorf("acme suites = %v", got)
	}
	if got := g.AnalyticsReportSuites(adobetest.DemoAnalyticsCompanyID); !slices.Equal(got, []string{adobetest.DemoRSID}) {
		t.Errorf("demo suites = %v", got)
	}
	if got := g.AnalyticsCalculatedMetrics(adobetest.DemoAnalyticsCompanyID); len(got) != 1 || got[0].ID != created["id"] || got[0].Name != "Open rate" {
		t.Errorf("calculated metrics = %+v", got)
	}
	// The bootstrap credential still owns it: it is listed as its own.
	var mine struct{ Content []struct{ ID, Type string } }
	resp, err := apiCall(t, g, g.Bootstrap().ClientID, "GET", analyticsBase+"/api/demoorg0/calculatedmetrics")
	decodeJSON(t, resp, err, &mine)
	if len(mine.Content) != 1 || mine.Content[0].Type != "DECIMAL" {
		t.Errorf("the bootstrap credential's calculated metrics = %+v", mine)
	}
	var second bytes.Buffer
	if err := g.WriteSeed(&second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("the reloaded fake dumps another document:\n%s\nthen\n%s", first.Bytes(), second.Bytes())
	}
}

// The Admin Console step for the Campaign connector, in Go: one call
// creates the profile with its Analytics permissions, a separate call
// attaches it to the connector's credential, which then sees what the
// profile grants and nothing else.
func TestAdminConsoleStepCreatesThenAttaches(t *testing.T) {
	f := newFake(t)
	c, err := f.AddCredential(adobetest.Credential{Name: "Connector"})
	if err != nil {
		t.Fatal(err)
	}
	if got := discoveredCompanies(t, f, c.ClientID); len(got) != 0 {
		t.Fatalf("before the step: %v", got)
	}
	p, err := f.CreateProductProfile("Adobe Analytics", "reserved_campaign_classic_Demo", adobetest.Permissions{
		ReportSuites:     adobetest.PermissionList{Items: []string{adobetest.DemoRSID}},
		Dimensions:       adobetest.PermissionList{Items: []string{"Custom Conversion 1"}},
		Metrics:          adobetest.PermissionList{Items: []string{"event1"}},
		ReportSuiteTools: []string{"Report Suite Mgmt"},
		AnalyticsTools:   []string{"Code Manager - Web Services"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := discoveredCompanies(t, f, c.ClientID); len(got) != 0 {
		t.Fatalf("created, not attached: %v", got)
	}
	if err := f.AttachProductProfile(c.ClientID, p.ID); err != nil {
		t.Fatal(err)
	}
	if got := discoveredCompanies(t, f, c.ClientID); !slices.Equal(got, []string{adobetest.DemoAnalyticsCompanyID}) {
		t.Fatalf("attached: %v", got)
	}
	var dims []struct{ ID string }
	resp, err := apiCall(t, f, c.ClientID, "GET", analyticsBase+"/api/demoorg0/dimensions?rsid="+adobetest.DemoRSID)
	decodeJSON(t, resp, err, &dims)
	if len(dims) != 1 || dims[0].ID != "variables/evar1" {
		t.Errorf("dimensions = %v, want only the granted eVar1", dims)
	}
}
