package campaign_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/campaign"
)

// argFields lists the fields of every *adobe.ArgError joined in err.
func argFields(err error) []string {
	var out []string
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		if ae, ok := e.(*adobe.ArgError); ok {
			out = append(out, ae.Arg)
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		walk(errors.Unwrap(e))
	}
	walk(err)
	return out
}

// Every problem is named at once, before any request.
func TestInvalidSpecNamesEveryProblemBeforeAnyRequest(t *testing.T) {
	d := newDemo(t)
	bad := campaign.ConnectorSpec{
		OrgID: "acme", CompanyName: "Ac/me", Deployment: "cloud", Build: "7.4", Mode: "old",
		Instance: "acme mkt", Containers: []string{"bad host"}, ReportSuites: []string{"Bad Suite", "ok", "ok"},
		CampaignIDEVar: 0, BroadlogIDEVar: 251,
		Events:   map[string]int{campaign.EventClicked: 1, campaign.EventOpened: 1, "Bounced": 3},
		Operator: "a\n@b.com", ProjectName: " ", CredentialName: "abc", ExistingClientID: "XYZ",
	}
	_, err := campaign.ProvisionConnector(context.Background(), d.cfg, bad, d.opts()...)
	if !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("err = %v", err)
	}
	got := strings.Join(argFields(err), ",")
	for _, want := range []string{"org_id", "deployment", "mode", "build", "instance", "containers[0]", "report_suites[0]", "report_suites[2]",
		"cid_evar", "bid_evar", "events.Bounced", "events.Opened", "events.Sent", "operator", "project_name", "credential_name", "existing_client_id", "company_name"} {
		if !strings.Contains(","+got+",", ","+want+",") {
			t.Errorf("no ArgError for %s in %s", want, got)
		}
	}
	if n := len(d.fake.Requests()); n != 0 {
		t.Errorf("%d requests were sent for an invalid spec", n)
	}
	if _, err := campaign.PlanConnector(context.Background(), d.cfg, bad, d.opts()...); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Errorf("plan: %v", err)
	}
	if _, err := campaign.ProvisionConnector(context.Background(), nil, d.spec); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Errorf("nil cfg: %v", err)
	}
	other := d.spec
	other.OrgID = "0123456789ABCDEF01234567@AdobeOrg"
	if _, err := campaign.ProvisionConnector(context.Background(), d.cfg, other, d.opts()...); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Errorf("spec for another org than cfg's: %v", err)
	}
	if n := len(d.fake.Requests()); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
}

func TestParseSpecRefusesUnknownFields(t *testing.T) {
	if _, err := campaign.ParseSpec([]byte(`{"org_id":"x","repot_suites":["a"]}`)); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("misspelt field accepted: %v", err)
	}
	if _, err := campaign.ParseSpec([]byte(`{"org_id":"x","deployment":"hybrid"}`)); !strings.Contains(fmt.Sprint(argFields(err)), "org_id") {
		t.Fatalf("ParseSpec does not validate: %v", err)
	}
	s, err := campaign.ParseSpec([]byte(`{"org_id":"0123456789ABCDEF01234567@AdobeOrg","company_name":"Acme","deployment":"hybrid","build":"7.4.4 build 9400",
		"instance":"acme","containers":["mkt1"],"report_suites":["acmeprod"],"cid_evar":1,"bid_evar":2,"auto_include_metrics":true}`))
	if err != nil || s.Validate() != nil {
		t.Fatalf("valid spec: %v / %v", err, s.Validate())
	}
}

func TestParseBuild(t *testing.T) {
	for in, want := range map[string]int{"7.4.4 build 9400": 9400, "7.4.4": 9400, "9400": 9400, "v7.4.1": 9383, "7.4.1 (9383)": 9383, "7.4.5 build 9410": 9410} {
		b, err := campaign.ParseBuild(in)
		if err != nil || b.Number != want {
			t.Errorf("ParseBuild(%q) = %v, %v; want %d", in, b, err, want)
		}
	}
	for _, in := range []string{"", "seven", "7.4.4 build 9383", "7.9.9"} {
		if _, err := campaign.ParseBuild(in); err == nil {
			t.Errorf("ParseBuild(%q) accepted", in)
		}
	}
}

// Builds without OAuth, builds still on Analytics 1.4 after its retirement,
// and Message Center instances are blockers with the remedy, before any
// request.
func TestGates(t *testing.T) {
	before := func() time.Time { return campaign.Analytics14Retirement.Add(-24 * time.Hour) }
	after := func() time.Time { return campaign.Analytics14Retirement.Add(24 * time.Hour) }
	cases := []struct {
		name    string
		edit    func(*campaign.ConnectorSpec)
		now     func() time.Time
		blocked string
	}{
		{"no OAuth", func(s *campaign.ConnectorSpec) { s.Build = "7.3.5" }, after, "upgrade"},
		{"1.4 after retirement", func(s *campaign.ConnectorSpec) { s.Build = "7.4.2" }, after, "9400"},
		{"message center", func(s *campaign.ConnectorSpec) { s.MessageCenter = true }, after, "marketing instance"},
	}
	for _, c := range cases {
		d := newDemo(t)
		s := d.spec
		c.edit(&s)
		res, err := campaign.ProvisionConnector(context.Background(), d.cfg, s, d.opts(campaign.WithClock(c.now))...)
		var be *campaign.BlockedError
		if !errors.As(err, &be) || !errors.Is(err, campaign.ErrBlocked) || !strings.Contains(be.Remedy, c.blocked) {
			t.Errorf("%s: err = %v", c.name, err)
			continue
		}
		if it, _ := res.Item(campaign.ItemEligibility); it.Status != campaign.Blocked {
			t.Errorf("%s: eligibility item %+v", c.name, it)
		}
		if n := len(d.fake.Requests()); n != 0 {
			t.Errorf("%s: %d requests", c.name, n)
		}
	}
	// Before the retirement date, 7.4.2 still works (with 1.4).
	d := newDemo(t)
	d.playAdminConsole(t)
	s := d.spec
	s.Build = "7.4.2"
	if _, err := campaign.ProvisionConnector(context.Background(), d.cfg, s, d.opts(campaign.WithClock(before))...); err != nil {
		t.Errorf("7.4.2 before the retirement: %v", err)
	}
}

// Hosted, Managed Services and v8 have no self-service path: the request
// for Customer Care, without a write.
func TestAdobeRunDeploymentsGetTheCustomerCareRequest(t *testing.T) {
	for _, dep := range []campaign.Deployment{campaign.Hosted, campaign.ManagedServices, campaign.V8} {
		d := newDemo(t)
		s := d.spec
		s.Deployment, s.Build, s.Containers = dep, "", nil
		res, err := campaign.ProvisionConnector(context.Background(), d.cfg, s, d.opts()...)
		var cc *campaign.CustomerCareRequired
		if !errors.As(err, &cc) {
			t.Fatalf("%s: err = %v", dep, err)
		}
		if res.Path != campaign.AdobeRequest || res.CustomerCare == nil || !strings.Contains(res.CustomerCare.Body, s.ProfileName()) ||
			!strings.Contains(res.CustomerCare.Body, s.OrgID) || len(res.Commands) != 0 {
			t.Errorf("%s: result %+v", dep, res)
		}
		if w := d.writes(); len(w) != 0 {
			t.Errorf("%s: wrote %v", dep, w)
		}
	}
}
