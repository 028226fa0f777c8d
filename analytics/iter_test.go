package analytics_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
)

// TestIterators walks every Iter variant against the fake (spec-validated)
// and checks the fake's public Analytics state helpers.
func TestIterators(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, loadSpecs(t).allowObserved(), &fullProfile, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID), analytics.WithoutRateLimit())
	e.fake.SetAnalyticsRateLimit(0, 0)
	c, rsid, gcid := e.client, adobetest.DemoRSID, adobetest.DemoAnalyticsCompanyID
	days := 30
	if err := e.fake.SetAnalyticsEVarSettings(gcid, rsid, 2, "linear", "day", &days); err != nil {
		t.Fatal(err)
	}
	var evars, events int
	for d, err := range c.Dimensions.ListIter(ctx, rsid, &analytics.DimensionListOptions{Expansion: analytics.EVarExpansions}) {
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := d.EVarNumber(); ok {
			evars++
			if n == 2 && (d.AllocationType != "linear" || d.ExpirationCustomDays == nil || *d.ExpirationCustomDays != 30) {
				t.Fatalf("evar2 = %+v", d)
			}
		}
	}
	for m, err := range c.Metrics.ListIter(ctx, rsid, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := m.EventNumber(); ok {
			events++
		}
	}
	if evars != 10 || events != 20 {
		t.Fatalf("evars %d, events %d", evars, events)
	}

	def := []byte(`{"func":"calc-metric","formula":{"func":"metric","name":"metrics/event1"}}`)
	for i := range 3 {
		if _, _, err := c.CalculatedMetrics.Create(ctx, analytics.CalculatedMetricCreateRequest{Name: fmt.Sprint("cm", i), RSID: rsid, Definition: def}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := c.Segments.Create(ctx, analytics.SegmentCreateRequest{Name: fmt.Sprint("s", i), RSID: rsid, Definition: segDef}); err != nil {
			t.Fatal(err)
		}
	}
	var cms []string
	for m, err := range c.CalculatedMetrics.ListIter(ctx, &analytics.CalculatedMetricListOptions{PageOptions: analytics.PageOptions{Limit: 2}}) {
		if err != nil {
			t.Fatal(err)
		}
		cms = append(cms, m.Name)
	}
	if strings.Join(cms, ",") != "cm0,cm1,cm2" || len(e.fake.AnalyticsCalculatedMetrics(gcid)) != 3 {
		t.Fatalf("calculated metrics = %v", cms)
	}
	segs, resp, err := c.Segments.List(ctx, &analytics.SegmentListOptions{Name: "s1"})
	if err != nil || len(segs) != 1 || resp.Page.TotalItems != 1 {
		t.Fatalf("segments named s1 = %+v, %v", segs, err)
	}

	acct, _, err := c.DataSources.CreateAccount(ctx, rsid, analytics.DataSourceAccountCreateRequest{Name: "Campaign", Email: "ops@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	id := string(acct.DataSourceID)
	for i := range 11 {
		if _, _, err := c.DataSources.UploadJob(ctx, rsid, id, fmt.Sprint("f", i), []byte("Date\tEvent 1\n11/27/2026\t1\n")); err != nil {
			t.Fatal(err)
		}
	}
	var jobs int
	for _, err := range c.DataSources.ListJobsIter(ctx, rsid, id, nil) {
		if err != nil {
			t.Fatal(err)
		}
		jobs++
	}
	var accts int
	for _, err := range c.DataSources.ListAccountsIter(ctx, rsid) {
		if err != nil {
			t.Fatal(err)
		}
		accts++
	}
	if jobs != 11 || accts != 1 || len(e.fake.AnalyticsDataSources(gcid, rsid)) != 1 {
		t.Fatalf("jobs %d, accounts %d", jobs, accts)
	}
	if got := e.fake.AnalyticsReportSuites(gcid); len(got) != 1 || got[0] != rsid {
		t.Fatalf("suites = %v", got)
	}

	// Invalid input surfaces as the iterator's only element.
	for _, err := range c.Dimensions.ListIter(ctx, "", nil) {
		if !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Fatalf("empty rsid: %v", err)
		}
	}
}

func TestIDsDecodeFromNumbersAndStrings(t *testing.T) {
	for in, want := range map[string]string{`12`: `12`, `"ab"`: `ab`, `"7"`: `7`} {
		var a analytics.DataSourceAccount
		if err := json.Unmarshal([]byte(`{"data_source_id":`+in+`,"name":"n"}`), &a); err != nil || a.DataSourceID != want || a.Name != "n" {
			t.Errorf("account id %s → %+v, %v; want %s", in, a, err, want)
		}
		var j analytics.DataSourceJob
		if err := json.Unmarshal([]byte(`{"job_id":`+in+`,"rows":3}`), &j); err != nil || j.JobID != want || j.Rows != 3 {
			t.Errorf("job id %s → %+v, %v; want %s", in, j, err, want)
		}
	}
	var a analytics.DataSourceAccount
	if json.Unmarshal([]byte(`{"data_source_id":{}}`), &a) == nil {
		t.Error("object accepted as id")
	}
}

func TestProfileErrorText(t *testing.T) {
	e := &analytics.ProfileError{Err: &adobe.Error{StatusCode: 403, Code: "403025", Message: "Profile is not valid"}}
	if !strings.Contains(e.Error(), "product profile") || !strings.Contains(e.Error(), "403025") {
		t.Fatal(e.Error())
	}
}
