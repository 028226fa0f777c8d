package campaign_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/campaign"
	"github.com/go-adobe/adobe/devconsole"
)

// provisionedDemo is a demo org with the connector provisioned and the
// classification set created, so that every check passes.
func provisionedDemo(t *testing.T) *demo {
	t.Helper()
	d := newDemo(t)
	d.playAdminConsole(t)
	res, err := campaign.ProvisionConnector(context.Background(), d.cfg, d.spec, d.opts()...)
	if err != nil {
		t.Fatal(err)
	}
	d.res = res
	d.playSubmit(t, true, true, true)
	if _, err := d.fake.AddAnalyticsClassificationSet(adobetest.DemoAnalyticsCompanyID, "Campaign", []string{"Delivery Label"},
		map[string]string{adobetest.DemoRSID: "variables/evar4"}); err != nil {
		t.Fatal(err)
	}
	return d
}

func (d *demo) diagnose(t *testing.T, spec campaign.ConnectorSpec) *campaign.Diagnosis {
	t.Helper()
	before := len(d.writes())
	diag, err := campaign.DiagnoseConnector(context.Background(), d.cfg, spec, d.opts()...)
	if err != nil {
		t.Fatalf("diagnose: %v", err)
	}
	if w := d.writes(); len(w) != before {
		t.Errorf("diagnose wrote %v", w[before:])
	}
	return diag
}

func TestDiagnoseHealthyConnector(t *testing.T) {
	d := provisionedDemo(t)
	diag := d.diagnose(t, d.spec)
	var md strings.Builder
	_ = diag.Markdown(&md)
	t.Log(md.String())
	for _, f := range diag.Findings {
		if f.Status == campaign.Fail || f.Status == campaign.Warn {
			t.Errorf("%s: %s: %s", f.Check, f.Status, f.Evidence)
		}
	}
	if n := len(diag.Findings); n < 20 {
		t.Errorf("only %d findings", n)
	}
}

// Each check fails (or warns) for its documented cause and passes when
// the cause is fixed.
func TestDiagnoseEachFailureMode(t *testing.T) {
	ctx := context.Background()
	type edit = func(t *testing.T, d *demo, s *campaign.ConnectorSpec)
	cases := []struct {
		check      string
		want       campaign.FindingStatus
		cause, fix edit
	}{
		{"D-BUILD", campaign.Fail, func(_ *testing.T, _ *demo, s *campaign.ConnectorSpec) { s.Build = "7.3.5" }, nil},
		{"D-NOT-MC", campaign.Fail, func(_ *testing.T, _ *demo, s *campaign.ConnectorSpec) { s.MessageCenter = true }, nil},
		{"D-DEPLOY", campaign.Warn, func(_ *testing.T, _ *demo, s *campaign.ConnectorSpec) { s.Deployment, s.Containers = campaign.V8, nil }, nil},
		{"D-PROFILE", campaign.Fail, func(_ *testing.T, _ *demo, s *campaign.ConnectorSpec) { s.CompanyName = "Other" }, nil},
		{"D-PROFILE-SHARED", campaign.Warn,
			func(t *testing.T, d *demo, _ *campaign.ConnectorSpec) {
				d.umapi(t, adobetest.DemoUserEmail, true, "ann@demo.example")
			},
			func(t *testing.T, d *demo, _ *campaign.ConnectorSpec) { d.umapi(t, "", false, "ann@demo.example") }},
		{"D-OPERATOR", campaign.Fail,
			func(t *testing.T, d *demo, _ *campaign.ConnectorSpec) { d.umapi(t, "", false, adobetest.DemoUserEmail) },
			func(t *testing.T, d *demo, s *campaign.ConnectorSpec) { d.provision(t, *s) }},
		{"D-CREDENTIAL", campaign.Fail, func(_ *testing.T, _ *demo, s *campaign.ConnectorSpec) { s.CredentialName = "SomethingElse" }, nil},
		{"D-CRED-TYPE", campaign.Fail, func(t *testing.T, d *demo, s *campaign.ConnectorSpec) {
			_, projectID, _, err := d.fake.AddJWTCredential("LegacyJWT")
			if err != nil {
				t.Fatal(err)
			}
			s.ProjectName, s.CredentialName = d.projectName(t, projectID), "LegacyJWT"
		}, nil},
		{"D-ATTACH", campaign.Fail,
			func(t *testing.T, d *demo, s *campaign.ConnectorSpec) { d.detach(t, *s) },
			func(t *testing.T, d *demo, s *campaign.ConnectorSpec) { d.provision(t, *s) }},
		{"D-403025", campaign.Fail,
			func(t *testing.T, d *demo, s *campaign.ConnectorSpec) { d.detach(t, *s) },
			func(t *testing.T, d *demo, s *campaign.ConnectorSpec) { d.provision(t, *s) }},
		{"D-SECRETS", campaign.Warn,
			func(t *testing.T, d *demo, s *campaign.ConnectorSpec) {
				if _, err := d.fake.AddClientSecret(d.connectorClientID(t, *s)); err != nil {
					t.Fatal(err)
				}
			},
			func(t *testing.T, d *demo, s *campaign.ConnectorSpec) { d.dropNewestSecret(t, *s) }},
		{"D-SHARED-TA", campaign.Warn,
			func(t *testing.T, d *demo, s *campaign.ConnectorSpec) { s.ExistingClientID = d.triggersClientID(t) },
			func(t *testing.T, d *demo, s *campaign.ConnectorSpec) {
				s.ExistingClientID = d.connectorClientID(t, *s)
			}},
		{"D-TOKEN", campaign.Fail, func(t *testing.T, d *demo, _ *campaign.ConnectorSpec) {
			if err := d.fake.InjectFault(adobetest.Fault{Route: "POST /ims/token/v3", Times: 1, Status: 401,
				Body: `{"error":"invalid_client","error_description":"invalid client_secret parameter"}`}); err != nil {
				t.Fatal(err)
			}
		}, nil},
		{"D-DISCOVERY", campaign.Fail, func(_ *testing.T, _ *demo, s *campaign.ConnectorSpec) { s.AnalyticsCompany = "No Such Company" }, nil},
		{"D-RS", campaign.Fail, func(_ *testing.T, _ *demo, s *campaign.ConnectorSpec) {
			s.ReportSuites = append(append([]string(nil), s.ReportSuites...), "othersuite")
		}, nil},
		{"D-EVARS", campaign.Fail, func(_ *testing.T, _ *demo, s *campaign.ConnectorSpec) { s.BroadlogIDEVar = 6 }, nil},
		{"D-EVARS", campaign.Fail,
			func(t *testing.T, d *demo, _ *campaign.ConnectorSpec) { d.evar(t, 5, "counter") },
			func(t *testing.T, d *demo, _ *campaign.ConnectorSpec) { d.evar(t, 5, "text") }},
		{"D-EVENTS", campaign.Fail, func(_ *testing.T, _ *demo, s *campaign.ConnectorSpec) {
			s.Events = cloneEvents(s.Events)
			s.Events[campaign.EventUnsubscribed] = 15
		}, nil},
		{"D-EVENT-TYPE", campaign.Fail,
			func(t *testing.T, d *demo, _ *campaign.ConnectorSpec) { d.event(t, 1, "currency") },
			func(t *testing.T, d *demo, _ *campaign.ConnectorSpec) { d.event(t, 1, "int") }},
		{"D-CLASSSET", campaign.Warn, nil, nil}, // below: a demo without the set (a manual step still to take)
		{"D-TOOLS", campaign.Fail, nil, nil},    // below: a profile without the tools
	}
	for _, c := range cases {
		t.Run(c.check, func(t *testing.T) {
			switch c.check {
			case "D-CLASSSET":
				d := newDemo(t)
				d.playAdminConsole(t)
				d.provision(t, d.spec)
				expect(t, d.diagnose(t, d.spec), c.check, campaign.Warn)
				if _, err := d.fake.AddAnalyticsClassificationSet(adobetest.DemoAnalyticsCompanyID, "Campaign", []string{"Delivery Label"},
					map[string]string{adobetest.DemoRSID: "variables/evar4"}); err != nil {
					t.Fatal(err)
				}
				expect(t, d.diagnose(t, d.spec), c.check, campaign.Pass)
				return
			case "D-TOOLS":
				d := newDemo(t)
				d.playAdminConsoleWithout(t, "Segment Creation", "Calculated Metric Creation")
				if _, err := campaign.ProvisionConnector(ctx, d.cfg, d.spec, d.opts()...); err == nil {
					t.Error("provisioning passed without the tool permissions")
				}
				expect(t, d.diagnose(t, d.spec), c.check, campaign.Fail)
				fixed := provisionedDemo(t)
				expect(t, fixed.diagnose(t, fixed.spec), c.check, campaign.Pass)
				return
			}
			d := provisionedDemo(t)
			s := d.spec
			c.cause(t, d, &s)
			expect(t, d.diagnose(t, s), c.check, c.want)
			if c.fix != nil {
				c.fix(t, d, &s)
			} else {
				s = d.spec
			}
			expect(t, d.diagnose(t, s), c.check, campaign.Pass)
		})
	}
}

func expect(t *testing.T, diag *campaign.Diagnosis, check string, want campaign.FindingStatus) {
	t.Helper()
	f, ok := diag.Finding(check)
	if !ok || f.Status != want {
		t.Errorf("%s = %+v, want %s", check, f, want)
		return
	}
	if want != campaign.Pass && (f.Remedy == "" || f.Evidence == "") {
		t.Errorf("%s: %s without evidence or remedy: %+v", check, want, f)
	}
}

func cloneEvents(m map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (d *demo) provision(t *testing.T, s campaign.ConnectorSpec) {
	t.Helper()
	if _, err := campaign.ProvisionConnector(context.Background(), d.cfg, s, d.opts()...); err != nil {
		t.Fatal(err)
	}
}

// umapi adds (add) or removes user from the connector's profile, adding
// the user to the org first.
func (d *demo) umapi(t *testing.T, _ string, add bool, user string) {
	t.Helper()
	ac, err := adminconsole.NewFromConfig(d.cfg, adminconsole.WithoutRateLimit())
	if err != nil {
		t.Fatal(err)
	}
	if add {
		if _, err := d.fake.AddUser(adobetest.User{Email: user, FirstName: "Ann", LastName: "Lee", Country: "US"}); err != nil {
			t.Fatal(err)
		}
		if _, err := ac.EnsureUserOnProfile(context.Background(), d.spec.ProfileName(), user, nil); err != nil {
			t.Fatal(err)
		}
		return
	}
	if _, err := ac.Actions.Do(context.Background(), []adminconsole.Command{{User: user, Steps: []adminconsole.Step{adminconsole.RemoveFromGroups{Groups: []string{d.spec.ProfileName()}}}}}, nil); err != nil {
		t.Fatal(err)
	}
}

func (d *demo) dc(t *testing.T) *devconsole.Client {
	t.Helper()
	dc, err := devconsole.NewFromConfig(d.cfg)
	if err != nil {
		t.Fatal(err)
	}
	return dc
}

func (d *demo) projectName(t *testing.T, projectID string) string {
	p, _, err := d.dc(t).Projects.Get(context.Background(), d.spec.OrgID, projectID)
	if err != nil {
		t.Fatal(err)
	}
	return p.Name
}

// connector returns the connector's credential and its details.
func (d *demo) connector(t *testing.T, s campaign.ConnectorSpec) (devconsole.CredentialRef, *devconsole.Integration) {
	t.Helper()
	if s.CredentialName == "" {
		s.CredentialName = campaign.DefaultCredentialName
	}
	if s.ProjectName == "" {
		s.ProjectName = campaign.DefaultProjectName
	}
	dc := d.dc(t)
	ctx := context.Background()
	p, err := dc.Projects.FindByName(ctx, s.OrgID, s.ProjectName)
	if err != nil {
		t.Fatal(err)
	}
	ws := devconsole.WorkspaceRef{OrgID: s.OrgID, ProjectID: p.ID, WorkspaceID: p.Metadata.Workspaces[0].ID}
	rows, _, err := dc.Credentials.List(ctx, ws)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		ref := devconsole.CredentialRef{OrgID: ws.OrgID, ProjectID: ws.ProjectID, WorkspaceID: ws.WorkspaceID, CredentialID: r.ID}
		in, _, err := dc.Credentials.GetIntegration(ctx, ref)
		if err == nil && in.Name == s.CredentialName {
			return ref, in
		}
	}
	t.Fatalf("no credential %q", s.CredentialName)
	return devconsole.CredentialRef{}, nil
}

func (d *demo) connectorClientID(t *testing.T, s campaign.ConnectorSpec) string {
	_, in := d.connector(t, s)
	return in.APIKey
}

func (d *demo) detach(t *testing.T, s campaign.ConnectorSpec) {
	t.Helper()
	s.ProjectName, s.CredentialName = campaign.DefaultProjectName, campaign.DefaultCredentialName
	ref, _ := d.connector(t, s)
	if _, err := d.dc(t).DetachProductProfiles(context.Background(), ref, devconsole.SDKAnalytics, []string{s.ProfileName()}); err != nil {
		t.Fatal(err)
	}
}

func (d *demo) dropNewestSecret(t *testing.T, s campaign.ConnectorSpec) {
	t.Helper()
	s.ProjectName, s.CredentialName = campaign.DefaultProjectName, campaign.DefaultCredentialName
	ref, _ := d.connector(t, s)
	dc := d.dc(t)
	secrets, _, err := dc.Secrets.List(context.Background(), ref)
	if err != nil || len(secrets) < 2 {
		t.Fatalf("secrets %v %v", len(secrets), err)
	}
	if _, err := dc.Secrets.Delete(context.Background(), ref, secrets[len(secrets)-1].UUID); err != nil {
		t.Fatal(err)
	}
}

// triggersClientID creates another project's S2S credential, as a Triggers
// set-up has, and returns its client id.
func (d *demo) triggersClientID(t *testing.T) string {
	t.Helper()
	dc := d.dc(t)
	ctx := context.Background()
	p, err := dc.EnsureProject(ctx, d.spec.OrgID, devconsole.ProjectCreateRequest{Name: "Triggers"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := dc.EnsureOAuthCredential(ctx, p.Value, devconsole.OAuthCredentialCreateRequest{Name: "TriggersTA"})
	if err != nil {
		t.Fatal(err)
	}
	return c.Value.ClientID
}

func (d *demo) evar(t *testing.T, n int, typ string) {
	t.Helper()
	if err := d.fake.AddAnalyticsEVar(adobetest.DemoAnalyticsCompanyID, adobetest.DemoRSID, n, "Broadlog Id", typ); err != nil {
		t.Fatal(err)
	}
}

func (d *demo) event(t *testing.T, n int, typ string) {
	t.Helper()
	if err := d.fake.AddAnalyticsEvent(adobetest.DemoAnalyticsCompanyID, adobetest.DemoRSID, n, "Clicked", typ); err != nil {
		t.Fatal(err)
	}
}

// playSubmit plays Campaign's external-account Submit, which creates (as
// the connector's technical account) a data source, calculated metrics and
// the three remarketing segments in the report suite.
func (d *demo) playSubmit(t *testing.T, dataSource, metrics, segments bool) {
	t.Helper()
	ctx := context.Background()
	ta := d.res.TechnicalAccount
	conn, err := d.cfg.ForCredentials(auth.Credentials{ClientID: ta.ClientID, ClientSecret: ta.ClientSecret, OrgID: ta.OrgID,
		Scopes: []string{"openid", "AdobeID", "read_organizations", "additional_info.projectedProductContext"}})
	if err != nil {
		t.Fatal(err)
	}
	an, err := analytics.NewFromConfig(conn, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID), analytics.WithoutRateLimit())
	if err != nil {
		t.Fatal(err)
	}
	rs := adobetest.DemoRSID
	if dataSource {
		if _, err := an.DataSources.EnsureAccount(ctx, rs, analytics.DataSourceAccountCreateRequest{Type: "generic", Name: "Adobe Campaign", Email: "campaign@acme.example"}); err != nil {
			t.Fatal(err)
		}
	}
	if metrics {
		def := json.RawMessage(`{"func":"calc-metric","version":[1,0,0],"formula":{"func":"divide","col1":{"func":"metric","name":"metrics/event1"},"col2":{"func":"metric","name":"metrics/event6"}}}`)
		if _, _, err := an.CalculatedMetrics.Create(ctx, analytics.CalculatedMetricCreateRequest{Name: "Campaign click rate", RSID: rs, Definition: def}); err != nil {
			t.Fatal(err)
		}
	}
	if segments {
		def := json.RawMessage(`{"func":"segment","version":[1,0,0],"container":{"func":"container","context":"visitors","pred":{"func":"exists","val":{"func":"attr","name":"variables/evar4"}}}}`)
		for _, name := range []string{"Genesis Remarketing - Cart Abandonment", "Genesis Remarketing - Product Views", "Genesis Remarketing - Product Purchases"} {
			if _, _, err := an.Segments.Create(ctx, analytics.SegmentCreateRequest{Name: name, RSID: rs, Definition: def}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// D-SUBMIT-RESULT: nothing submitted warns, a partial Submit fails, a
// complete one passes.
func TestDiagnoseSubmitResult(t *testing.T) {
	d := newDemo(t)
	d.playAdminConsole(t)
	res, err := campaign.ProvisionConnector(context.Background(), d.cfg, d.spec, d.opts()...)
	if err != nil {
		t.Fatal(err)
	}
	d.res = res
	expect(t, d.diagnose(t, d.spec), "D-SUBMIT-RESULT", campaign.Warn)
	d.playSubmit(t, true, false, false)
	expect(t, d.diagnose(t, d.spec), "D-SUBMIT-RESULT", campaign.Fail)
	d.playSubmit(t, false, true, true)
	expect(t, d.diagnose(t, d.spec), "D-SUBMIT-RESULT", campaign.Pass)
}
