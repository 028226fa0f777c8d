package adobetest_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
)

// apiCall sends a GET to an adobe.io API as a credential of the fake.
func apiCall(t *testing.T, f *adobetest.Fake, clientID, method, u string) (*http.Response, error) {
	t.Helper()
	tok, err := f.IssueToken(clientID)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("x-api-key", clientID)
	return f.Client().Do(req)
}

const analyticsBase = "https://analytics.adobe.io"

type service struct {
	Code            string
	Enabled         bool
	DisabledReasons []string
	Properties      struct {
		LicenseConfigs []struct{ ID, Name string }
	}
}

func analyticsService(t *testing.T, f *adobetest.Fake) service {
	t.Helper()
	org, _ := f.Org(f.OrgID())
	var svcs []service
	resp, err := consoleCall(t, f, f.Client(), "https://developers.adobe.io", "GET", "/console/organizations/"+org.ConsoleID+"/services?sdkCodes=AdobeAnalyticsSDK", nil)
	decodeJSON(t, resp, err, &svcs)
	if len(svcs) != 1 {
		t.Fatalf("services = %+v", svcs)
	}
	return svcs[0]
}

func discoveredCompanies(t *testing.T, f *adobetest.Fake, clientID string) []string {
	t.Helper()
	var me struct {
		IMSOrgs []struct {
			Companies []struct{ GlobalCompanyID string }
		}
	}
	resp, err := apiCall(t, f, clientID, "GET", analyticsBase+"/discovery/me")
	decodeJSON(t, resp, err, &me)
	var out []string
	for _, o := range me.IMSOrgs {
		for _, c := range o.Companies {
			out = append(out, c.GlobalCompanyID)
		}
	}
	return out
}

// Issue 10, "A demo org that can do the whole job": started with no seed,
// the demo org licenses Adobe Analytics with a general profile (not the
// connector's reserved one), the Console lists the service as enabled, and
// the bootstrap credential sees the demo company, its suite, eVar1–eVar10
// and numeric event1–event20. Before, AdobeAnalyticsSDK was disabled with
// ORG_MISSING_PRODUCT_PROFILES and /discovery/me listed no company.
func TestDemoOrgCanUseAnalytics(t *testing.T) {
	f := newFake(t)
	svc := analyticsService(t, f)
	if !svc.Enabled || len(svc.DisabledReasons) != 0 || len(svc.Properties.LicenseConfigs) != 1 {
		t.Fatalf("AdobeAnalyticsSDK = %+v, want enabled with one product profile", svc)
	}
	lc := svc.Properties.LicenseConfigs[0]
	if lc.ID != adobetest.DemoProfileID || lc.Name != adobetest.DemoProfileName || strings.HasPrefix(lc.Name, "reserved_campaign_classic") {
		t.Errorf("licenseConfig = %+v, want the general profile", lc)
	}
	boot := f.Bootstrap()
	if !slices.Contains(boot.ProductProfileIDs, adobetest.DemoProfileID) {
		t.Errorf("bootstrap profiles = %v", boot.ProductProfileIDs)
	}
	if got := discoveredCompanies(t, f, boot.ClientID); len(got) != 1 || got[0] != "demoorg0" {
		t.Fatalf("discovery companies = %v", got)
	}
	var suites struct{ Content []struct{ RSID string } }
	resp, err := apiCall(t, f, boot.ClientID, "GET", analyticsBase+"/api/demoorg0/reportsuites/collections/suites")
	decodeJSON(t, resp, err, &suites)
	if len(suites.Content) == 0 || suites.Content[0].RSID != "demoorg0prod" {
		t.Fatalf("suites = %+v", suites)
	}
	var dims []struct{ ID string }
	resp, err = apiCall(t, f, boot.ClientID, "GET", analyticsBase+"/api/demoorg0/dimensions?rsid=demoorg0prod")
	decodeJSON(t, resp, err, &dims)
	for n := 1; n <= 10; n++ {
		id := fmt.Sprintf("variables/evar%d", n)
		if !slices.ContainsFunc(dims, func(d struct{ ID string }) bool { return d.ID == id }) {
			t.Errorf("no %s among %d dimensions", id, len(dims))
		}
	}
	var metrics []struct{ ID, Type string }
	resp, err = apiCall(t, f, boot.ClientID, "GET", analyticsBase+"/api/demoorg0/metrics?rsid=demoorg0prod")
	decodeJSON(t, resp, err, &metrics)
	for n := 1; n <= 20; n++ {
		id := fmt.Sprintf("metrics/event%d", n)
		i := slices.IndexFunc(metrics, func(m struct{ ID, Type string }) bool { return m.ID == id })
		if i < 0 || metrics[i].Type != "int" {
			t.Errorf("%s: missing or not numeric among %+v", id, metrics)
		}
	}
}

// WithoutDemoAnalyticsProfile keeps the earlier demo org: no Analytics
// license, the service disabled, nothing discovered.
func TestWithoutDemoAnalyticsProfile(t *testing.T) {
	f := newFake(t, adobetest.WithoutDemoAnalyticsProfile())
	svc := analyticsService(t, f)
	if svc.Enabled || !slices.Contains(svc.DisabledReasons, "ORG_MISSING_PRODUCT_PROFILES") {
		t.Fatalf("AdobeAnalyticsSDK = %+v, want disabled for missing profiles", svc)
	}
	if got := discoveredCompanies(t, f, f.Bootstrap().ClientID); len(got) != 0 {
		t.Fatalf("discovery companies = %v", got)
	}
	if _, ok := f.ProductProfile(adobetest.DemoProfileID); ok {
		t.Error("the demo profile exists")
	}
}

// A seed attaches profiles to any credential, the bootstrap one included
// (by id or by name), and declares Analytics companies per org.
func TestSeedAttachesProfilesAndDeclaresCompanies(t *testing.T) {
	seed := `{
	  "orgs": [{"id": "0A1B2C3D4E5F60718293A4B5@AdobeOrg", "name": "Acme"}],
	  "product_profiles": [
	    {"name": "Analytics Acme", "org_id": "0A1B2C3D4E5F60718293A4B5@AdobeOrg", "permissions": {"report_suites": {"auto_include": true}}},
	    {"id": "55555555", "name": "Extra demo profile"}
	  ],
	  "credentials": [{"client_id": "0123456789abcdef0123456789abcdef", "org_id": "0A1B2C3D4E5F60718293A4B5@AdobeOrg"}],
	  "users": [{"email": "both@acme.example", "orgs": ["", "0A1B2C3D4E5F60718293A4B5@AdobeOrg"]}],
	  "credential_profiles": [
	    {"client_id": "0123456789abcdef0123456789abcdef", "product_profiles": ["analytics acme"]},
	    {"client_id": "bootstrap", "product_profiles": ["55555555"]}
	  ],
	  "analytics": {"companies": [
	    {"global_company_id": "demoorg0", "name": "Demo"},
	    {"global_company_id": "acme0", "name": "Acme", "org_id": "0A1B2C3D4E5F60718293A4B5@AdobeOrg",
	     "report_suites": [{"rsid": "acme0prod", "evars": [{"number": 3, "name": "cid"}], "events": [{"number": 7, "name": "opens"}]}],
	     "segments": [{"name": "Openers", "rsid": "acme0prod", "owner": "0123456789abcdef0123456789abcdef",
	       "definition": {"func": "segment", "container": {"func": "container", "context": "hits"}}}],
	     "calculated_metrics": [{"name": "Open rate", "rsid": "acme0prod", "owner": "0123456789abcdef0123456789abcdef",
	       "definition": {"func": "calc-metric", "formula": {"func": "metric", "name": "metrics/event7"}}}]}
	  ]}
	}`
	f := newFake(t, adobetest.WithSeed(strings.NewReader(seed)))
	if got := f.Bootstrap().ProductProfileIDs; !slices.Equal(got, []string{adobetest.DemoProfileID, "55555555"}) {
		t.Errorf("bootstrap profiles = %v", got)
	}
	acme, _ := f.Credential("0123456789abcdef0123456789abcdef")
	if len(acme.ProductProfileIDs) != 1 {
		t.Fatalf("acme credential profiles = %v", acme.ProductProfileIDs)
	}
	if got := discoveredCompanies(t, f, acme.ClientID); !slices.Equal(got, []string{"acme0"}) {
		t.Errorf("acme discovery = %v", got)
	}
	if got := discoveredCompanies(t, f, f.Bootstrap().ClientID); !slices.Equal(got, []string{"demoorg0"}) {
		t.Errorf("bootstrap discovery = %v", got)
	}
	if got := f.AnalyticsReportSuites("acme0"); len(got) != 1 {
		t.Errorf("acme suites = %v", got)
	}
	if got := f.AnalyticsSegments("acme0"); len(got) != 1 || got[0].Name != "Openers" {
		t.Errorf("acme segments = %+v", got)
	}
	var cms struct{ Content []struct{ Name, Type string } }
	resp, err := apiCall(t, f, acme.ClientID, "GET", analyticsBase+"/api/acme0/calculatedmetrics")
	decodeJSON(t, resp, err, &cms)
	if len(cms.Content) != 1 || cms.Content[0].Name != "Open rate" || cms.Content[0].Type != "DECIMAL" {
		t.Errorf("acme credential's calculated metrics = %+v, want its seeded one", cms)
	}
	for _, bad := range []string{
		`{"analytics": {"companies": [{"global_company_id": "x0", "report_suites": [{"rsid": "x0a"}],
		  "segments": [{"name": "s", "rsid": "x0a", "owner": "nobody", "definition": {}}]}]}}`,
		`{"credential_profiles": [{"client_id": "bootstrap", "product_profiles": ["nope"]}]}`,
		`{"credential_profiles": [{"client_id": "ffffffffffffffffffffffffffffffff", "product_profiles": ["10000001"]}]}`,
	} {
		if _, err := adobetest.New(adobetest.WithSeed(strings.NewReader(bad))); err == nil {
			t.Errorf("seed %s accepted", bad)
		}
	}
}
