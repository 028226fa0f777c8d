package analytics_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/internal/testutil"
)

var segDef = json.RawMessage(`{"func":"segment","version":[1,0,0],"container":{"func":"container","context":"hits","pred":{"func":"streq","str":"x","val":{"func":"attr","name":"variables/evar1"}}}}`)

// TestEndToEndAgainstSpec runs every operation of the client against the
// fake, validating each request against Adobe's spec files and each
// answer against their response schemas, with the observed-behaviour
// exceptions (each used at least once).
func TestEndToEndAgainstSpec(t *testing.T) {
	ctx := context.Background()
	specs := loadSpecs(t).allowObserved()
	e := newEnv(t, specs, &fullProfile, analytics.WithoutRateLimit())
	e.fake.SetAnalyticsRateLimit(0, 0) // the limit has its own tests

	c, co, err := e.client.ForCompany(ctx, e.cred.OrgID, adobetest.DemoAnalyticsCompanyName)
	if err != nil {
		t.Fatal(err)
	}
	if co.GlobalCompanyID != adobetest.DemoAnalyticsCompanyID || co.APIRateLimitPolicy == "" || c.Company() != co.GlobalCompanyID {
		t.Fatalf("company = %+v", co)
	}
	rsid := adobetest.DemoRSID

	// Report suites.
	suites, resp, err := c.ReportSuites.List(ctx, &analytics.ReportSuiteListOptions{RSIDs: []string{rsid}, Expansion: []string{analytics.SuiteExpandName, analytics.SuiteExpandCurrency}})
	if err != nil || len(suites) != 1 || suites[0].Name == "" || suites[0].Currency != "USD" || !resp.Page.Last || resp.Page.TotalItems != 1 {
		t.Fatalf("suites = %+v, %+v, %v", suites, resp, err)
	}
	if _, _, err := c.ReportSuites.Get(ctx, rsid, []string{analytics.SuiteExpandTimezoneZoneinfo}); err != nil {
		t.Fatal(err)
	}
	created, _, err := c.ReportSuites.Create(ctx, rsid+"dev", analytics.ReportSuiteCreateRequest{Name: "Dev", Timezone: "US/Pacific", CurrencyCode: "USD", SignUpDate: "2026-11-27"},
		&analytics.ReportSuiteCreateOptions{CopySettingsFromRSID: rsid})
	if err != nil || !created.Created {
		t.Fatalf("create = %+v, %v", created, err)
	}
	got, err := c.ReportSuites.Ensure(ctx, rsid+"dev", analytics.ReportSuiteCreateRequest{Name: "Dev"}, nil)
	if err != nil || got.Created || got.Wrote() || got.Value.RSID != rsid+"dev" {
		t.Fatalf("ensure = %+v, %v", got, err)
	}
	if _, _, err := c.ReportSuites.Get(ctx, "nosuchsuite", nil); !errors.Is(err, adobe.ErrNotFound) {
		t.Fatalf("get missing suite: %v", err)
	}

	// Dimensions and metrics.
	dims, _, err := c.Dimensions.List(ctx, rsid, &analytics.DimensionListOptions{Expansion: analytics.EVarExpansions})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(dims, func(d analytics.Dimension) bool { return d.ID == analytics.EVarID(5) })
	if i < 0 || dims[i].IsText() || dims[i].DataType != "counter" || dims[i].AllocationType == "" || dims[i].ExpirationType == "" {
		t.Fatalf("evar5 = %+v", dims)
	}
	d1, _, err := c.Dimensions.Get(ctx, rsid, analytics.EVarID(1), analytics.EVarExpansions)
	if err != nil || !d1.IsText() {
		t.Fatalf("evar1 = %+v, %v", d1, err)
	}
	mets, _, err := c.Metrics.List(ctx, rsid, nil)
	if err != nil || !slices.ContainsFunc(mets, func(m analytics.Metric) bool { return m.ID == analytics.EventID(12) }) {
		t.Fatalf("metrics = %+v, %v", mets, err)
	}
	if m, _, err := c.Metrics.Get(ctx, rsid, "event3", nil); err != nil || m.ID != "metrics/event3" {
		t.Fatalf("event3 = %+v, %v", m, err)
	}

	// Segments.
	seg, _, err := c.Segments.Create(ctx, analytics.SegmentCreateRequest{Name: "Genesis Remarketing - Cart Abandonment", RSID: rsid, Definition: segDef})
	if err != nil || seg.ID == "" {
		t.Fatalf("segment create = %+v, %v", seg, err)
	}
	v, _, err := c.Segments.Validate(ctx, rsid, segDef)
	if err != nil || !v.Valid {
		t.Fatalf("segment validate = %+v, %v", v, err)
	}
	name := "Renamed"
	if s2, _, err := c.Segments.Update(ctx, seg.ID, analytics.SegmentUpdateRequest{Name: &name}); err != nil || s2.Name != name {
		t.Fatalf("segment update = %+v, %v", s2, err)
	}
	if s3, _, err := c.Segments.Get(ctx, seg.ID, []string{"definition"}); err != nil || len(s3.Definition) == 0 {
		t.Fatalf("segment get = %+v, %v", s3, err)
	}
	if err := e.fake.SetAnalyticsAdmin(adobetest.DemoAnalyticsCompanyID, e.cred.ClientID, true); err != nil { // includeType=all is admin-only
		t.Fatal(err)
	}
	var n int
	for s, err := range c.Segments.ListIter(ctx, &analytics.SegmentListOptions{RSIDs: []string{rsid}, IncludeType: []string{analytics.IncludeAll}}) {
		if err != nil {
			t.Fatal(err)
		}
		if s.ID != "" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("segments listed = %d", n)
	}
	if _, err := c.Segments.Delete(ctx, seg.ID); err != nil {
		t.Fatal(err)
	}

	// Calculated metrics.
	cmDef := json.RawMessage(`{"func":"calc-metric","version":[1,0,0],"formula":{"func":"metric","name":"metrics/event1"}}`)
	cm, _, err := c.CalculatedMetrics.Create(ctx, analytics.CalculatedMetricCreateRequest{Name: "Open rate", RSID: rsid, Type: "DECIMAL", Definition: cmDef})
	if err != nil {
		t.Fatal(err)
	}
	if cv, _, err := c.CalculatedMetrics.Validate(ctx, rsid, cmDef); err != nil || !cv.Valid {
		t.Fatalf("cm validate = %+v, %v", cv, err)
	}
	prec := 2
	if _, _, err := c.CalculatedMetrics.Update(ctx, cm.ID, analytics.CalculatedMetricUpdateRequest{Precision: &prec}); err != nil {
		t.Fatal(err)
	}
	if got, _, err := c.CalculatedMetrics.Get(ctx, cm.ID, nil); err != nil || got.Precision != 2 {
		t.Fatalf("cm get = %+v, %v", got, err)
	}
	cms, resp, err := c.CalculatedMetrics.List(ctx, &analytics.CalculatedMetricListOptions{RSIDs: []string{rsid}})
	if err != nil || len(cms) != 1 || resp.Page.TotalPages != 1 {
		t.Fatalf("cm list = %+v, %+v, %v", cms, resp, err)
	}
	if _, err := c.CalculatedMetrics.Delete(ctx, cm.ID); err != nil {
		t.Fatal(err)
	}

	// Users.
	me, _, err := c.Users.Me(ctx)
	if err != nil || !me.IsTechnicalAccount() || me.Email != e.cred.TechnicalAccountEmail {
		t.Fatalf("me = %+v, %v", me, err)
	}
	users, _, err := c.Users.List(ctx, nil)
	if err != nil || len(users) == 0 {
		t.Fatalf("users = %+v, %v", users, err)
	}

	// Classifications (docs prefix).
	cds, _, err := c.Classifications.Datasets(ctx, rsid)
	if err != nil || len(cds.DatasetsFor("evar1")) != 1 {
		t.Fatalf("datasets = %+v, %v", cds, err)
	}
	dsID := cds.DatasetsFor("variables/evar1")[0]
	ds, _, err := c.Classifications.GetDataset(ctx, dsID)
	if err != nil || !ds.Subscribes(rsid, "evar1") {
		t.Fatalf("dataset = %+v, %v", ds, err)
	}
	ds.Columns = append(ds.Columns, analytics.ClassificationColumn{Name: "Delivery Label", DisplayName: "Delivery Label"})
	if ds2, _, err := c.Classifications.UpdateDataset(ctx, dsID, *ds); err != nil || len(ds2.Columns) != 2 {
		t.Fatalf("update dataset = %+v, %v", ds2, err)
	}
	imp, _, err := c.Classifications.ImportJSON(ctx, dsID, analytics.ImportRequest{JobName: "cid import",
		Data: []analytics.ImportRow{{Key: "CID123", Data: map[string]string{"Delivery Label": "Welcome"}}}})
	if err != nil || imp.JobID == "" {
		t.Fatalf("import = %+v, %v", imp, err)
	}
	job, _, err := c.Classifications.GetJob(ctx, imp.JobID)
	if err != nil || job.TotalLines != 1 {
		t.Fatalf("job = %+v, %v", job, err)
	}
	if _, _, err := c.Classifications.Export(ctx, dsID, analytics.ExportRequest{JobName: "export"}); err != nil {
		t.Fatal(err)
	}
	var jobs int
	for _, err := range c.Classifications.ListJobsIter(ctx, dsID, &analytics.JobListOptions{Size: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		jobs++
	}
	if jobs != 2 {
		t.Fatalf("jobs = %d", jobs)
	}

	// Data sources.
	acct, _, err := c.DataSources.CreateAccount(ctx, rsid, analytics.DataSourceAccountCreateRequest{Name: "Adobe Campaign", Email: "ops@example.com"})
	if err != nil || acct.DataSourceID == "" {
		t.Fatalf("create account = %+v, %v", acct, err)
	}
	again, err := c.DataSources.EnsureAccount(ctx, rsid, analytics.DataSourceAccountCreateRequest{Name: "Adobe Campaign", Email: "ops@example.com"})
	if err != nil || again.Created || again.Wrote() || again.Value.DataSourceID != acct.DataSourceID {
		t.Fatalf("ensure account = %+v, %v", again, err)
	}
	up, _, err := c.DataSources.UploadJob(ctx, rsid, acct.DataSourceID, "day1.txt", []byte("Date\tEvar 1\tEvent 1\n11/27/2026\tCID123\t4\n"))
	if err != nil || up.Rows != 1 {
		t.Fatalf("upload = %+v, %v", up, err)
	}
	if j, _, err := c.DataSources.GetJob(ctx, rsid, acct.DataSourceID, string(up.JobID)); err != nil || j.Filename != "day1.txt" {
		t.Fatalf("get job = %+v, %v", j, err)
	}
	if js, _, err := c.DataSources.ListJobs(ctx, rsid, acct.DataSourceID, nil); err != nil || len(js) != 1 {
		t.Fatalf("list jobs = %+v, %v", js, err)
	}
	if a, _, err := c.DataSources.GetAccount(ctx, rsid, acct.DataSourceID); err != nil || a.Name != "Adobe Campaign" {
		t.Fatalf("get account = %+v, %v", a, err)
	}
	if _, err := c.DataSources.DeleteAccount(ctx, rsid, acct.DataSourceID); err != nil {
		t.Fatal(err)
	}

	for _, sp := range specs.all() {
		sp.AssertExceptionsUsed(t)
	}
}

// TestClassificationSpecPrefix checks the classification calls with the
// spec's singular prefix against classification.json with no exception.
func TestClassificationSpecPrefix(t *testing.T) {
	ctx := context.Background()
	specs := loadSpecs(t)
	specs.class.Allow(testutil.Exception{Method: "POST", PathPattern: "/{globalCompanyId}/classification/job/import/json/{dataset_id}",
		Reason: "value must be an object", Source: "shared/reference/analytics.md §3.7 and AA20 classifications/import-file.md: " +
			"data rows are {key, data:{column: value}} with string values; the spec types each value as an object"})
	defer specs.class.AssertExceptionsUsed(t)
	e := newEnv(t, specs, &fullProfile, analytics.WithClassificationPrefix(analytics.ClassificationPrefixSpec), analytics.WithCompany(adobetest.DemoAnalyticsCompanyID),
		analytics.WithoutRateLimit())
	e.fake.SetAnalyticsRateLimit(0, 0) // the limit has its own tests
	c := e.client
	cds, _, err := c.Classifications.Datasets(ctx, adobetest.DemoRSID)
	if err != nil {
		t.Fatal(err)
	}
	id := cds.DatasetsFor("evar1")[0]
	ds, _, err := c.Classifications.GetDataset(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Classifications.UpdateDataset(ctx, id, *ds); err != nil {
		t.Fatal(err)
	}
	imp, _, err := c.Classifications.ImportJSON(ctx, id, analytics.ImportRequest{JobName: "j", Data: []analytics.ImportRow{{Key: "k", Data: map[string]string{"Channel": "email"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Classifications.GetJob(ctx, imp.JobID); err != nil {
		t.Fatal(err)
	}
	if jobs, resp, err := c.Classifications.ListJobs(ctx, id, nil); err != nil || len(jobs) != 1 || !resp.Page.Last {
		t.Fatalf("jobs = %+v, %+v, %v", jobs, resp, err)
	}
	exp, _, err := c.Classifications.Export(ctx, id, analytics.ExportRequest{JobName: "x"})
	if err != nil {
		t.Fatal(err)
	}
	checkExport(t, c, exp.JobID, "k\temail")
	tpl, _, err := c.Classifications.Template(ctx, id, "csv")
	if err != nil || !strings.Contains(string(tpl), "Key,Channel") {
		t.Fatalf("template = %q, %v", tpl, err)
	}
}

// checkExport reads an export job's output every way: the file list, each
// part, and the whole file, which must hold row.
func checkExport(t *testing.T, c *analytics.Client, jobID, row string) {
	t.Helper()
	ctx := context.Background()
	if j, _, err := c.Classifications.GetJob(ctx, jobID); err != nil || j.State != "completed" {
		t.Fatalf("export job = %+v, %v", j, err)
	}
	files, _, err := c.Classifications.ExportFiles(ctx, jobID)
	if err != nil || files.Count != 1 || len(files.Files) != 1 {
		t.Fatalf("export files = %+v, %v", files, err)
	}
	part, _, err := c.Classifications.DownloadExportPart(ctx, jobID, files.Files[0])
	if err != nil || !strings.Contains(string(part), "\n"+row+"\n") {
		t.Fatalf("part %s = %q, %v", files.Files[0], part, err)
	}
	whole, _, err := c.Classifications.DownloadExport(ctx, jobID)
	if err != nil || string(whole) != string(part) {
		t.Fatalf("export = %q, %v; want the single part", whole, err)
	}
	if _, _, err := c.Classifications.DownloadExportPart(ctx, jobID, "part9.tsv"); !errors.Is(err, adobe.ErrNotFound) {
		t.Fatalf("missing part: %v", err)
	}
}

// TestUpdateDatasetUnique: UpdateDataset sends each subscription's Unique
// as the caller set it (the spec requires the field), and the fake keeps it.
func TestUpdateDatasetUnique(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, loadSpecs(t).allowObserved(), &fullProfile, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID), analytics.WithoutRateLimit())
	c := e.client
	cds, _, err := c.Classifications.Datasets(ctx, adobetest.DemoRSID)
	if err != nil {
		t.Fatal(err)
	}
	id := cds.DatasetsFor("evar1")[0]
	ds, _, err := c.Classifications.GetDataset(ctx, id)
	if err != nil || len(ds.Subscriptions) != 1 || !ds.Subscriptions[0].Unique {
		t.Fatalf("dataset = %+v, %v", ds, err)
	}
	ds.Subscriptions = append(ds.Subscriptions, analytics.DatasetSubscription{RSID: adobetest.DemoRSID, Dimension: analytics.EVarID(2), Unique: false})
	got, _, err := c.Classifications.UpdateDataset(ctx, id, *ds)
	if err != nil || len(got.Subscriptions) != 2 {
		t.Fatalf("update = %+v, %v", got, err)
	}
	if !got.Subscriptions[0].Unique || got.Subscriptions[1].Unique {
		t.Fatalf("unique not honoured: %+v", got.Subscriptions)
	}
}
