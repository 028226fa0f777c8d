package adobetest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

// Source: the 2022 swagger (shared/specs/analytics/v2.0/history/
// swagger-2022-05-10-d4af8f251.json: GET /collections/suites and
// /collections/suites/{rsid}), still called by AANALYTICS2 (_getRS =
// '/collections/suites') and adobeanalyticsr (shared/reference/analytics.md
// §3.2). Adobe serves both; the fake answered 404 on the older paths.
func TestAnalyticsOlderSuitePathsAnswerTheSame(t *testing.T) {
	f := newFake(t)
	boot := f.Bootstrap().ClientID
	body := func(path string) []byte {
		t.Helper()
		resp, err := apiCall(t, f, boot, "GET", analyticsBase+"/api/demoorg0/"+path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, b)
		}
		return b
	}
	for _, q := range []string{"", "?expansion=name,currency,timezoneZoneinfo&limit=5", "?rsids=demoorg0prod"} {
		cur, old := body("reportsuites/collections/suites"+q), body("collections/suites"+q)
		if !bytes.Equal(cur, old) {
			t.Errorf("list%s: current path %s, older path %s", q, cur, old)
		}
	}
	cur, old := body("reportsuites/collections/suites/demoorg0prod?expansion=name"), body("collections/suites/demoorg0prod?expansion=name")
	if !bytes.Equal(cur, old) {
		t.Errorf("get: current path %s, older path %s", cur, old)
	}
	var page struct{ Content []map[string]any }
	if err := json.Unmarshal(body("collections/suites"), &page); err != nil || len(page.Content) == 0 || page.Content[0]["collectionItemType"] != "reportsuite" {
		t.Errorf("list items %v (%v), want collectionItemType reportsuite (2022 swagger SuiteCollectionItem)", page.Content, err)
	}
}

// postAnalytics sends a JSON body to the Analytics API as the bootstrap
// credential.
func postAnalytics(t *testing.T, f interface {
	IssueToken(string) (string, error)
	Client() *http.Client
}, clientID, path string, v any) map[string]any {
	t.Helper()
	tok, err := f.IssueToken(clientID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	req, _ := http.NewRequest("POST", analyticsBase+"/api/demoorg0/"+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("x-api-key", clientID)
	req.Header.Set("Content-Type", "application/json")
	var out map[string]any
	resp, err := f.Client().Do(req)
	decodeJSON(t, resp, err, &out)
	return out
}

// Source: swagger.json AnalyticsCalculatedMetric (type ∈ CURRENCY, TIME,
// DECIMAL, PERCENT) and the Calculated Metric Builder's Format, Decimal by
// default (adobeanalyticsr cm_build: type = "decimal" by default). A
// calculated metric created without a type still has one; the fake left
// type out of every answer for such a metric.
func TestAnalyticsCalculatedMetricAlwaysHasType(t *testing.T) {
	f := newFake(t)
	boot := f.Bootstrap().ClientID
	created := postAnalytics(t, f, boot, "calculatedmetrics", map[string]any{
		"name": "Open rate", "rsid": "demoorg0prod",
		"definition": map[string]any{"func": "calc-metric", "formula": map[string]any{"func": "metric", "name": "metrics/event1"}},
	})
	for k, want := range map[string]any{"type": "DECIMAL", "polarity": "positive", "precision": float64(0)} {
		if created[k] != want {
			t.Errorf("created %s = %v, want %v", k, created[k], want)
		}
	}
	var got map[string]any
	resp, err := apiCall(t, f, boot, "GET", analyticsBase+"/api/demoorg0/calculatedmetrics/"+created["id"].(string))
	decodeJSON(t, resp, err, &got)
	if got["type"] != "DECIMAL" {
		t.Errorf("GET type = %v, want DECIMAL", got["type"])
	}
	withType := postAnalytics(t, f, boot, "calculatedmetrics", map[string]any{
		"name": "Revenue per open", "rsid": "demoorg0prod", "type": "CURRENCY",
		"definition": map[string]any{"func": "calc-metric", "formula": map[string]any{"func": "metric", "name": "metrics/event2"}},
	})
	if withType["type"] != "CURRENCY" {
		t.Errorf("type = %v, want the requested CURRENCY", withType["type"])
	}
}

// Source: swagger.json AnalyticsUser and the docs' users/me example, which
// carry createDate, lastAccess, phoneNumber and title; the fake sent none of
// them.
func TestAnalyticsUserCarriesDocumentedFields(t *testing.T) {
	f := newFake(t)
	var me map[string]any
	resp, err := apiCall(t, f, f.Bootstrap().ClientID, "GET", analyticsBase+"/api/demoorg0/users/me")
	decodeJSON(t, resp, err, &me)
	for _, k := range []string{"companyid", "loginId", "login", "changePassword", "createDate", "disabled", "email",
		"firstName", "fullName", "imsUserId", "lastName", "lastAccess", "phoneNumber", "title"} {
		if _, ok := me[k]; !ok {
			t.Errorf("users/me lacks %s: %v", k, me)
		}
	}
}
