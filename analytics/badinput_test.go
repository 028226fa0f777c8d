package analytics_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/auth"
)

// TestBadInputSendsNothing runs every public entry point with input that
// breaks Adobe's documented rules (issue 9, defect 6): each returns an
// *adobe.ArgError naming the field, and the fake's request log stays empty
// (no token request either).
func TestBadInputSendsNothing(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil, &fullProfile, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID), analytics.WithoutRateLimit())
	c := e.client
	const rs = adobetest.DemoRSID
	long := strings.Repeat("x", 10000)
	def := json.RawMessage(`{"func":"segment"}`)
	cases := []struct {
		name, field string
		call        func() error
	}{
		// Construction.
		{"WithCompany slash", "globalCompanyId", func() error {
			_, err := analytics.NewFromConfig(newCfg(t, e), analytics.WithCompany("a/b"))
			return err
		}},
		{"WithProjectLimiter newline", "WithProjectLimiter", func() error {
			_, err := analytics.NewFromConfig(newCfg(t, e), analytics.WithProjectLimiter("p\n1"))
			return err
		}},
		{"WithLimiter nil", "WithLimiter", func() error { _, err := analytics.NewFromConfig(newCfg(t, e), analytics.WithLimiter(nil)); return err }},
		{"NewLimiter zero", "Limits.Requests", func() error { _, err := analytics.NewLimiter(analytics.Limits{Per: time.Second}); return err }},
		{"NewLimiter negative", "Limits.Requests", func() error {
			_, err := analytics.NewLimiter(analytics.Limits{Requests: -1, Per: time.Second})
			return err
		}},
		{"NewLimiter no period", "Limits.Per", func() error { _, err := analytics.NewLimiter(analytics.Limits{Requests: 1}); return err }},
		{"WithBaseURL ftp", "base URL", func() error {
			_, err := analytics.NewFromConfig(newCfg(t, e), analytics.WithBaseURL("ftp://x"))
			return err
		}},
		// Binding and waiting.
		{"ForCompany org", "orgID", func() error { _, _, err := c.ForCompany(ctx, "12345", ""); return err }},
		{"ForCompany newline", "company", func() error { _, _, err := c.ForCompany(ctx, "", "Acme\n"); return err }},
		{"WaitForProfile negative", "maxWait", func() error { _, err := c.WaitForProfile(ctx, -time.Second); return err }},
		// Report suites.
		{"Suites.List rsid", "RSIDs[0]", func() error {
			_, _, err := c.ReportSuites.List(ctx, &analytics.ReportSuiteListOptions{RSIDs: []string{"Bad RSID"}})
			return err
		}},
		{"Suites.List limit", "Limit", func() error {
			_, _, err := c.ReportSuites.List(ctx, &analytics.ReportSuiteListOptions{PageOptions: analytics.PageOptions{Limit: -1}})
			return err
		}},
		{"Suites.ListIter page", "Page", func() error {
			for _, err := range c.ReportSuites.ListIter(ctx, &analytics.ReportSuiteListOptions{PageOptions: analytics.PageOptions{Page: -1}}) {
				return err
			}
			return nil
		}},
		{"Suites.Get rsid", "rsid", func() error { _, _, err := c.ReportSuites.Get(ctx, "a\nb", nil); return err }},
		{"Suites.Create rsid", "rsid", func() error {
			_, _, err := c.ReportSuites.Create(ctx, "Demo", analytics.ReportSuiteCreateRequest{Name: "x"}, nil)
			return err
		}},
		{"Suites.Create name newline", "Name", func() error {
			_, _, err := c.ReportSuites.Create(ctx, rs+"x", analytics.ReportSuiteCreateRequest{Name: "a\nb"}, nil)
			return err
		}},
		{"Suites.Create name 10k", "Name", func() error {
			_, _, err := c.ReportSuites.Create(ctx, rs+"x", analytics.ReportSuiteCreateRequest{Name: long}, nil)
			return err
		}},
		{"Suites.Create name blank", "Name", func() error {
			_, _, err := c.ReportSuites.Create(ctx, rs+"x", analytics.ReportSuiteCreateRequest{Name: "   "}, nil)
			return err
		}},
		{"Suites.Create hits", "HitsPerDay", func() error {
			_, _, err := c.ReportSuites.Create(ctx, rs+"x", analytics.ReportSuiteCreateRequest{Name: "x", HitsPerDay: -1}, nil)
			return err
		}},
		{"Suites.Create currency", "CurrencyCode", func() error {
			_, _, err := c.ReportSuites.Create(ctx, rs+"x", analytics.ReportSuiteCreateRequest{Name: "x", CurrencyCode: "usd"}, nil)
			return err
		}},
		{"Suites.Create date", "SignUpDate", func() error {
			_, _, err := c.ReportSuites.Create(ctx, rs+"x", analytics.ReportSuiteCreateRequest{Name: "x", SignUpDate: "27/11/2026"}, nil)
			return err
		}},
		{"Suites.Create template", "CopySettingsFromRSID", func() error {
			_, _, err := c.ReportSuites.Create(ctx, rs+"x", analytics.ReportSuiteCreateRequest{Name: "x"}, &analytics.ReportSuiteCreateOptions{CopySettingsFromRSID: "Bad"})
			return err
		}},
		{"Suites.Ensure name newline", "Name", func() error {
			_, err := c.ReportSuites.Ensure(ctx, rs+"x", analytics.ReportSuiteCreateRequest{Name: "a\nb"}, nil)
			return err
		}},
		{"Suites.Ensure name 10k", "Name", func() error {
			_, err := c.ReportSuites.Ensure(ctx, rs+"x", analytics.ReportSuiteCreateRequest{Name: long}, nil)
			return err
		}},
		{"Suites.Ensure hits", "HitsPerDay", func() error {
			_, err := c.ReportSuites.Ensure(ctx, rs+"x", analytics.ReportSuiteCreateRequest{Name: "x", HitsPerDay: -1}, nil)
			return err
		}},
		{"Suites.Ensure prefix", "rsid", func() error {
			_, err := c.ReportSuites.Ensure(ctx, "otherco0x", analytics.ReportSuiteCreateRequest{Name: "x"}, nil)
			return err
		}},
		{"Suites.Ensure rsid", "rsid", func() error {
			_, err := c.ReportSuites.Ensure(ctx, rs+" x", analytics.ReportSuiteCreateRequest{Name: "x"}, nil)
			return err
		}},
		// Components.
		{"Dimensions.List rsid", "rsid", func() error { _, _, err := c.Dimensions.List(ctx, "", nil); return err }},
		{"Dimensions.ListIter rsid", "rsid", func() error {
			for _, err := range c.Dimensions.ListIter(ctx, "a\nb", nil) {
				return err
			}
			return nil
		}},
		{"Dimensions.Get id", "id", func() error { _, _, err := c.Dimensions.Get(ctx, rs, "evar1\n", nil); return err }},
		{"Metrics.List rsid", "rsid", func() error { _, _, err := c.Metrics.List(ctx, long, nil); return err }},
		{"Metrics.ListIter rsid", "rsid", func() error {
			for _, err := range c.Metrics.ListIter(ctx, "", nil) {
				return err
			}
			return nil
		}},
		{"Metrics.Get id", "id", func() error { _, _, err := c.Metrics.Get(ctx, rs, "metrics/event 1", nil); return err }},
		{"Segments.List limit", "Limit", func() error {
			_, _, err := c.Segments.List(ctx, &analytics.SegmentListOptions{PageOptions: analytics.PageOptions{Limit: -5}})
			return err
		}},
		{"Segments.ListIter page", "Page", func() error {
			for _, err := range c.Segments.ListIter(ctx, &analytics.SegmentListOptions{PageOptions: analytics.PageOptions{Page: -1}}) {
				return err
			}
			return nil
		}},
		{"Segments.Get id", "id", func() error { _, _, err := c.Segments.Get(ctx, "s\x00", nil); return err }},
		{"Segments.Create name", "Name", func() error {
			_, _, err := c.Segments.Create(ctx, analytics.SegmentCreateRequest{Name: "a\nb", RSID: rs, Definition: def})
			return err
		}},
		{"Segments.Create rsid", "RSID", func() error {
			_, _, err := c.Segments.Create(ctx, analytics.SegmentCreateRequest{Name: "n", RSID: "R", Definition: def})
			return err
		}},
		{"Segments.Create definition", "Definition", func() error {
			_, _, err := c.Segments.Create(ctx, analytics.SegmentCreateRequest{Name: "n", RSID: rs, Definition: []byte("{")})
			return err
		}},
		{"Segments.Update name", "Name", func() error {
			_, _, err := c.Segments.Update(ctx, "s1", analytics.SegmentUpdateRequest{Name: new(long)})
			return err
		}},
		{"Segments.Delete id", "id", func() error { _, err := c.Segments.Delete(ctx, ""); return err }},
		{"Segments.Validate rsid", "rsid", func() error { _, _, err := c.Segments.Validate(ctx, "", def); return err }},
		{"CalculatedMetrics.List limit", "Limit", func() error {
			_, _, err := c.CalculatedMetrics.List(ctx, &analytics.CalculatedMetricListOptions{PageOptions: analytics.PageOptions{Limit: -1}})
			return err
		}},
		{"CalculatedMetrics.Get id", "id", func() error { _, _, err := c.CalculatedMetrics.Get(ctx, "", nil); return err }},
		{"CalculatedMetrics.Create name", "Name", func() error {
			_, _, err := c.CalculatedMetrics.Create(ctx, analytics.CalculatedMetricCreateRequest{Name: long, RSID: rs, Definition: def})
			return err
		}},
		{"CalculatedMetrics.Create precision", "Precision", func() error {
			_, _, err := c.CalculatedMetrics.Create(ctx, analytics.CalculatedMetricCreateRequest{Name: "n", RSID: rs, Definition: def, Precision: -1})
			return err
		}},
		{"CalculatedMetrics.Update name", "Name", func() error {
			_, _, err := c.CalculatedMetrics.Update(ctx, "cm1", analytics.CalculatedMetricUpdateRequest{Name: new("a\rb"), Definition: def})
			return err
		}},
		{"CalculatedMetrics.Delete id", "id", func() error { _, err := c.CalculatedMetrics.Delete(ctx, "a\nb"); return err }},
		{"CalculatedMetrics.Validate rsid", "rsid", func() error { _, _, err := c.CalculatedMetrics.Validate(ctx, "a b", def); return err }},
		{"Users.List limit", "Limit", func() error { _, _, err := c.Users.List(ctx, &analytics.PageOptions{Limit: -1}); return err }},
		{"Users.ListIter page", "Page", func() error {
			for _, err := range c.Users.ListIter(ctx, &analytics.PageOptions{Page: -2}) {
				return err
			}
			return nil
		}},
		// Classifications.
		{"Classifications.Datasets rsid", "rsid", func() error { _, _, err := c.Classifications.Datasets(ctx, ""); return err }},
		{"Classifications.GetDataset id", "datasetID", func() error { _, _, err := c.Classifications.GetDataset(ctx, "d\n"); return err }},
		{"Classifications.UpdateDataset subscription", "Subscriptions[0]", func() error {
			_, _, err := c.Classifications.UpdateDataset(ctx, "d", analytics.Dataset{Subscriptions: []analytics.DatasetSubscription{{RSID: rs, Dimension: "evar1"}}})
			return err
		}},
		{"Classifications.ImportJSON job name", "JobName", func() error {
			_, _, err := c.Classifications.ImportJSON(ctx, "d", analytics.ImportRequest{JobName: "a\nb", Data: []analytics.ImportRow{{Key: "k"}}})
			return err
		}},
		{"Classifications.ImportJSON rows", "Data", func() error {
			_, _, err := c.Classifications.ImportJSON(ctx, "d", analytics.ImportRequest{JobName: "j"})
			return err
		}},
		{"Classifications.Export row limit", "RowLimit", func() error {
			_, _, err := c.Classifications.Export(ctx, "d", analytics.ExportRequest{JobName: "j", RowLimit: -1})
			return err
		}},
		{"Classifications.ExportFiles job", "jobID", func() error { _, _, err := c.Classifications.ExportFiles(ctx, ""); return err }},
		{"Classifications.DownloadExport job", "jobID", func() error { _, _, err := c.Classifications.DownloadExport(ctx, long); return err }},
		{"Classifications.DownloadExportPart list", "fileName", func() error {
			_, _, err := c.Classifications.DownloadExportPart(ctx, "j", "list")
			return err
		}},
		{"Classifications.Template format", "format", func() error { _, _, err := c.Classifications.Template(ctx, "d", "xml"); return err }},
		{"Classifications.GetJob job", "jobID", func() error { _, _, err := c.Classifications.GetJob(ctx, ""); return err }},
		{"Classifications.ListJobs size", "Size", func() error {
			_, _, err := c.Classifications.ListJobs(ctx, "d", &analytics.JobListOptions{Size: -1})
			return err
		}},
		{"Classifications.ListJobsIter dataset", "datasetID", func() error {
			for _, err := range c.Classifications.ListJobsIter(ctx, "", nil) {
				return err
			}
			return nil
		}},
		// Data Sources.
		{"DataSources.ListAccounts rsid", "rsid", func() error { _, _, err := c.DataSources.ListAccounts(ctx, "R S"); return err }},
		{"DataSources.ListAccountsIter rsid", "rsid", func() error {
			for _, err := range c.DataSources.ListAccountsIter(ctx, "") {
				return err
			}
			return nil
		}},
		{"DataSources.GetAccount id", "dataSourceID", func() error { _, _, err := c.DataSources.GetAccount(ctx, rs, "1\n"); return err }},
		{"DataSources.CreateAccount name newline", "Name", func() error {
			_, _, err := c.DataSources.CreateAccount(ctx, rs, analytics.DataSourceAccountCreateRequest{Name: "a\nb", Email: "ops@example.com"})
			return err
		}},
		{"DataSources.CreateAccount name 10k", "Name", func() error {
			_, _, err := c.DataSources.CreateAccount(ctx, rs, analytics.DataSourceAccountCreateRequest{Name: long, Email: "ops@example.com"})
			return err
		}},
		{"DataSources.CreateAccount type", "Type", func() error {
			_, _, err := c.DataSources.CreateAccount(ctx, rs, analytics.DataSourceAccountCreateRequest{Name: "n", Email: "ops@example.com", Type: "Generic\n"})
			return err
		}},
		{"DataSources.CreateAccount email newline", "Email", func() error {
			_, _, err := c.DataSources.CreateAccount(ctx, rs, analytics.DataSourceAccountCreateRequest{Name: "n", Email: "a\n@b.com"})
			return err
		}},
		{"DataSources.CreateAccount email", "Email", func() error {
			_, _, err := c.DataSources.CreateAccount(ctx, rs, analytics.DataSourceAccountCreateRequest{Name: "n", Email: "Ops <ops@example.com>"})
			return err
		}},
		{"DataSources.EnsureAccount name", "Name", func() error {
			_, err := c.DataSources.EnsureAccount(ctx, rs, analytics.DataSourceAccountCreateRequest{Name: long, Email: "ops@example.com"})
			return err
		}},
		{"DataSources.EnsureAccount type", "Type", func() error {
			_, err := c.DataSources.EnsureAccount(ctx, rs, analytics.DataSourceAccountCreateRequest{Name: "n", Email: "ops@example.com", Type: strings.Repeat("g", 100)})
			return err
		}},
		{"DataSources.EnsureAccount email", "Email", func() error {
			_, err := c.DataSources.EnsureAccount(ctx, rs, analytics.DataSourceAccountCreateRequest{Name: "n", Email: "nope"})
			return err
		}},
		{"DataSources.DeleteAccount id", "dataSourceID", func() error { _, err := c.DataSources.DeleteAccount(ctx, rs, ""); return err }},
		{"DataSources.ListJobs page", "Page", func() error {
			_, _, err := c.DataSources.ListJobs(ctx, rs, "1", &analytics.DataSourceJobListOptions{Page: -1})
			return err
		}},
		{"DataSources.ListJobsIter date", "StartDate", func() error {
			for _, err := range c.DataSources.ListJobsIter(ctx, rs, "1", &analytics.DataSourceJobListOptions{StartDate: "2026\n"}) {
				return err
			}
			return nil
		}},
		{"DataSources.GetJob job", "jobID", func() error { _, _, err := c.DataSources.GetJob(ctx, rs, "1", ""); return err }},
		{"DataSources.UploadJob data", "data", func() error {
			_, _, err := c.DataSources.UploadJob(ctx, rs, "1", "f.txt", []byte("a,b\n1,2\n"))
			return err
		}},
		{"DataSources.UploadJob filename", "filename", func() error {
			_, _, err := c.DataSources.UploadJob(ctx, rs, "1", "f\n.txt", []byte("Date\tEvar 1\n"))
			return err
		}},
		// The connector's checks.
		{"VerifyComponents rsid", "rsid", func() error { _, err := c.VerifyComponents(ctx, "", []string{"evar1"}, nil); return err }},
		{"VerifyComponents none", "wantDimensions, wantMetrics", func() error { _, err := c.VerifyComponents(ctx, rs, nil, nil); return err }},
		{"VerifyComponents dimension", "wantDimensions[1]", func() error {
			_, err := c.VerifyComponents(ctx, rs, []string{"evar1", "evar 2"}, nil)
			return err
		}},
		{"VerifyComponents metric", "wantMetrics[0]", func() error { _, err := c.VerifyComponents(ctx, rs, nil, []string{"event1\n"}); return err }},
		{"ProbePermissions rsid", "rsid", func() error { _, err := c.ProbePermissions(ctx, "a\nb"); return err }},
		{"CheckCampaignClassification rsid", "rsid", func() error { _, err := c.CheckCampaignClassification(ctx, "", 5); return err }},
		{"CheckCampaignClassification eVar", "cidEVar", func() error { _, err := c.CheckCampaignClassification(ctx, rs, 0); return err }},
		{"CheckCampaignClassification eVar high", "cidEVar", func() error { _, err := c.CheckCampaignClassification(ctx, rs, 251); return err }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var ae *adobe.ArgError
			if !errors.As(err, &ae) || !errors.Is(err, adobe.ErrInvalidArgument) {
				t.Fatalf("err = %v (%T), want an *adobe.ArgError", err, err)
			}
			if ae.Arg != tc.field {
				t.Errorf("ArgError names %q, want %q (%v)", ae.Arg, tc.field, err)
			}
			if len(err.Error()) > 600 {
				t.Errorf("error text is %d bytes: the bad value is not clipped", len(err.Error()))
			}
		})
	}
	if n := len(e.fake.Requests()); n != 0 {
		t.Fatalf("%d requests reached the fake, want 0: %+v", n, e.fake.Requests())
	}
	t.Logf("%d bad inputs rejected before any request", len(cases))
}

// newCfg returns a configuration for e's credential on e's fake.
func newCfg(t *testing.T, e *env) *auth.Config {
	t.Helper()
	cfg, err := auth.NewConfig(auth.Credentials{ClientID: e.cred.ClientID, ClientSecret: auth.Secret(e.cred.ClientSecret), OrgID: e.cred.OrgID,
		Scopes: e.cred.Scopes}, auth.WithBaseTransport(e.fake.Transport()))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}
