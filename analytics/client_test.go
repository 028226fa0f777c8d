package analytics_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/testutil"
	"github.com/jarcoal/httpmock"
)

const (
	mockClientID = "0123456789abcdef0123456789abcdef"
	base         = "https://analytics.adobe.io/api/acme0/"
)

// mockClient returns a client bound to company acme0 over httpmock, with
// the requests validated against the spec files (observed exceptions
// allowed).
func mockClient(t *testing.T, opts ...analytics.Option) (*analytics.Client, *httpmock.MockTransport) {
	c, mt, _ := mockClientSpecs(t, opts...)
	return c, mt
}

func mockClientSpecs(t *testing.T, opts ...analytics.Option) (*analytics.Client, *httpmock.MockTransport, *specSet) {
	t.Helper()
	mt := testutil.NewMockTransport(t)
	testutil.MockIMSToken(mt)
	specs := loadSpecs(t).allowObserved()
	cfg, err := auth.NewConfig(auth.Credentials{ClientID: mockClientID, ClientSecret: "p8e-secret", OrgID: "0123456789ABCDEF01234567@AdobeOrg",
		Scopes: []string{"openid", "AdobeID"}}, auth.WithBaseTransport(specs.transport(t, mt)))
	if err != nil {
		t.Fatal(err)
	}
	c, err := analytics.NewFromConfig(cfg, append([]analytics.Option{analytics.WithCompany("acme0"), analytics.WithoutRateLimit()}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, mt, specs
}

// jsonBody answers status with body as application/json.
func jsonBody(status int, body string) httpmock.Responder {
	return httpmock.NewStringResponder(status, body).HeaderSet(http.Header{"Content-Type": {"application/json"}})
}

func TestHeadersPathAndQuery(t *testing.T) {
	c, mt := mockClient(t)
	rec := testutil.NewRecorder(testutil.JSONResponder(200, []map[string]any{{"id": "variables/evar1", "type": "string", "dataType": "text"}}))
	mt.RegisterResponder("GET", base+"dimensions", rec.Responder())
	dims, resp, err := c.Dimensions.List(context.Background(), "acme0prod", &analytics.DimensionListOptions{Expansion: []string{"dataType", "allocationType"}})
	if err != nil || len(dims) != 1 || !dims[0].IsText() || resp.Page.TotalItems != 1 || !resp.Page.Last {
		t.Fatalf("%+v %+v %v", dims, resp, err)
	}
	req := rec.Last(t).Request
	testutil.AssertMethod(t, req, "GET")
	testutil.AssertHeader(t, req, "x-api-key", mockClientID)
	testutil.AssertHeader(t, req, "x-proxy-global-company-id", "acme0")
	testutil.AssertHeader(t, req, "Authorization", "Bearer test-token-1")
	testutil.AssertQuery(t, req, url.Values{"rsid": {"acme0prod"}, "expansion": {"dataType,allocationType"}})
}

func TestErrorShapes(t *testing.T) {
	cases := []struct {
		name, body string
		status     int
		code, msg  string
		sentinel   error
	}{
		{"component service", `{"errorCode":"insufficient_access","errorDescription":"No editing access to this item granted. Userid=1 does not match ownerid=2","errorId":"e-123"}`,
			403, "insufficient_access", "No editing access", adobe.ErrForbidden},
		{"gateway", `{"error_code":"401013","message":"Oauth token is not valid"}`, 404, "401013", "Oauth token is not valid", adobe.ErrNotFound},
		{"profile", `{"error_code":"403025","message":"Profile is not valid"}`, 403, "403025", "Profile is not valid", analytics.ErrProfileNotValid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := mockClient(t)
			mt.RegisterResponder("GET", base+"segments/s1", testutil.ErrorResponder(tc.status, tc.body, http.Header{"Content-Type": {"application/json"}}))
			_, _, err := c.Segments.Get(context.Background(), "s1", nil)
			var ae *adobe.Error
			if !errors.As(err, &ae) || ae.Code != tc.code || !strings.Contains(ae.Message, tc.msg) || !errors.Is(err, tc.sentinel) {
				t.Fatalf("err = %#v", err)
			}
			if tc.code == "insufficient_access" && ae.RequestID != "e-123" {
				t.Fatalf("request id = %q", ae.RequestID)
			}
		})
	}
}

// TestListDecodesBothShapes: the same listing decodes Adobe's page wrapper
// and a plain array; ListIter walks the wrapper's pages.
func TestListDecodesBothShapes(t *testing.T) {
	c, mt := mockClient(t)
	page := func(n int, last bool) string {
		return fmt.Sprintf(`{"content":[{"loginId":%d,"login":"u%d"}],"totalElements":3,"totalPages":3,"number":%d,"lastPage":%t,"size":1}`, n, n, n, last)
	}
	mt.RegisterResponderWithQuery("GET", base+"users", "limit=1", jsonBody(200, page(0, false)))
	mt.RegisterResponderWithQuery("GET", base+"users", "limit=1&page=1", jsonBody(200, page(1, false)))
	mt.RegisterResponderWithQuery("GET", base+"users", "limit=1&page=2", jsonBody(200, page(2, true)))
	users, resp, err := c.Users.List(context.Background(), &analytics.PageOptions{Limit: 1})
	if err != nil || len(users) != 1 || resp.Page.TotalPages != 3 || resp.Page.TotalItems != 3 || resp.Page.Last || resp.Page.Number != 0 || resp.Page.Size != 1 {
		t.Fatalf("%+v %+v %v", users, resp, err)
	}
	var logins []string
	for u, err := range c.Users.ListIter(context.Background(), &analytics.PageOptions{Limit: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		logins = append(logins, u.Login)
	}
	if strings.Join(logins, ",") != "u0,u1,u2" {
		t.Fatalf("iterated %v", logins)
	}

	// The 2026 report-suite docs show a bare array. (The spec's Suite
	// schema has no type, so a bare array passes it.)
	mt.RegisterResponder("GET", base+"reportsuites/collections/suites", jsonBody(200, `[{"rsid":"acme0prod","name":"Prod"}]`))
	suites, resp, err := c.ReportSuites.List(context.Background(), nil)
	if err != nil || len(suites) != 1 || suites[0].Name != "Prod" || !resp.Page.Last || resp.Page.TotalPages != 1 || resp.Page.Number != 0 {
		t.Fatalf("%+v %+v %v", suites, resp, err)
	}
}

func TestInvalidInputBeforeIO(t *testing.T) {
	c, mt := mockClient(t)
	ctx := context.Background()
	calls := []error{
		func() error { _, _, err := c.Dimensions.List(ctx, "", nil); return err }(),
		func() error {
			_, _, err := c.ReportSuites.Create(ctx, "Bad RSID", analytics.ReportSuiteCreateRequest{Name: "x"}, nil)
			return err
		}(),
		func() error {
			_, _, err := c.ReportSuites.Create(ctx, "acme0x", analytics.ReportSuiteCreateRequest{Name: "x", SignUpDate: "27/11/2026"}, nil)
			return err
		}(),
		func() error {
			_, _, err := c.Segments.Create(ctx, analytics.SegmentCreateRequest{Name: "x", RSID: "r", Definition: []byte("{")})
			return err
		}(),
		func() error {
			_, _, err := c.DataSources.CreateAccount(ctx, "r", analytics.DataSourceAccountCreateRequest{Name: "n", Email: "nope"})
			return err
		}(),
		func() error {
			_, _, err := c.DataSources.UploadJob(ctx, "r", "1", "f.txt", []byte("a,b\n1,2\n"))
			return err
		}(),
		func() error {
			_, _, err := c.Classifications.UpdateDataset(ctx, "d", analytics.Dataset{Subscriptions: []analytics.DatasetSubscription{{RSID: "r", Dimension: "evar1"}}})
			return err
		}(),
		func() error { _, err := analytics.Bind(c, "a/b"); return err }(),
		func() error { _, err := analytics.NewFromConfig(nil); return err }(),
		func() error {
			_, err := analytics.NewFromConfig(&auth.Config{}, analytics.WithBaseURL("ftp://x"))
			return err
		}(),
		func() error {
			_, err := analytics.NewFromConfig(&auth.Config{}, analytics.WithClassificationPrefix("classes"))
			return err
		}(),
	}
	for i, err := range calls {
		if !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("call %d: %v, want an ArgError", i, err)
		}
	}
	if n := mt.GetTotalCallCount(); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
}

// TestRetriesOnlyWhenSafe: a 503 is retried for validate (it creates
// nothing) but not for create, which Adobe may have applied.
func TestRetriesOnlyWhenSafe(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := mockClient(t)
		fail := testutil.ErrorResponder(503, `{"errorCode":"resource_temporarily_unavailable"}`, nil)
		mt.RegisterResponder("POST", base+"segments/validate", testutil.SequenceResponder(fail, testutil.JSONResponder(200, map[string]any{"valid": true})))
		mt.RegisterResponder("POST", base+"segments", fail)
		if v, _, err := c.Segments.Validate(context.Background(), "r", segDef); err != nil || !v.Valid {
			t.Fatalf("validate: %+v %v", v, err)
		}
		_, _, err := c.Segments.Create(context.Background(), analytics.SegmentCreateRequest{Name: "n", RSID: "r", Definition: segDef})
		var ae *adobe.Error
		if !errors.As(err, &ae) || ae.StatusCode != 503 || ae.Attempts != 1 {
			t.Fatalf("create: %v", err)
		}
		testutil.AssertCalls(t, mt, "POST "+base+"segments/validate", 2)
		testutil.AssertCalls(t, mt, "POST "+base+"segments", 1)
	})
}

func TestSecretsNotPrinted(t *testing.T) {
	a := analytics.DataSourceAccount{DataSourceID: "7", Name: "n", FTPPassword: "hunter22"}
	for _, s := range []string{fmt.Sprint(a), fmt.Sprintf("%v %+v %s %#v %q %x", a, a, a, a, a, a),
		fmt.Sprintf("%v %+v %#v %s", &a, &a, &a, a.FTPPassword)} {
		if strings.Contains(s, "hunter22") || strings.Contains(s, hex.EncodeToString([]byte("hunter22"))) {
			t.Fatalf("password printed: %s", s)
		}
	}
	b, err := json.Marshal(a)
	if err != nil || strings.Contains(string(b), "hunter22") {
		t.Fatalf("json.Marshal: %s, %v", b, err)
	}
	var buf bytes.Buffer
	for _, h := range []slog.Handler{slog.NewTextHandler(&buf, nil), slog.NewJSONHandler(&buf, nil)} {
		slog.New(h).Info("account", "acct", a, "ptr", &a, "list", []analytics.DataSourceAccount{a})
	}
	if strings.Contains(buf.String(), "hunter22") || !strings.Contains(buf.String(), "[REDACTED]") {
		t.Fatalf("slog: %s", buf.String())
	}
	// EnsureAccount's result carries the account: no verb, JSON or slog of
	// it shows the password either.
	en := &adobe.Ensured[analytics.DataSourceAccount]{Value: a, Created: true, Changes: []adobe.Change{{What: "created"}}}
	out := fmt.Sprintf("%v %+v %#v %v %+v", en, en, en, *en, *en) + fmt.Sprint(*en) + fmt.Sprintf("%s %q", en.Value, en.Value)
	jb, _ := json.Marshal(en)
	buf.Reset()
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("ensured", "result", en, "value", *en)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("ensured", "result", en, "value", *en)
	for _, s := range []string{out, string(jb), buf.String()} {
		if strings.Contains(s, "hunter22") || strings.Contains(s, hex.EncodeToString([]byte("hunter22"))) {
			t.Fatalf("password printed through *adobe.Ensured: %s", s)
		}
	}
	// Adobe's answer still decodes, and the value stays readable.
	var got analytics.DataSourceAccount
	if err := json.Unmarshal([]byte(`{"data_source_id":7,"ftp_password":"hunter22"}`), &got); err != nil || got.FTPPassword.Reveal() != "hunter22" {
		t.Fatalf("decode: %+v, %v", got, err)
	}
}

func TestHelpers(t *testing.T) {
	if analytics.EVarID(5) != "variables/evar5" || analytics.EventID(10) != "metrics/event10" {
		t.Fatal("ids")
	}
	for in, want := range map[string]int{"evar5": 5, "variables/evar250": 250, "evar05": 0, "evar": 0, "variables/prop1": 0} {
		if n, _ := analytics.ParseEVarID(in); n != want {
			t.Errorf("ParseEVarID(%q) = %d", in, n)
		}
	}
	if n, ok := analytics.ParseEventID("metrics/event3"); !ok || n != 3 {
		t.Error("ParseEventID")
	}
}

// TestSegmentValidateBody: the segment definition is the body itself, as
// Adobe's validate docs show; a wrapped definition is refused before any
// request, and the fake refuses it too.
func TestSegmentValidateBody(t *testing.T) {
	ctx := context.Background()
	c, mt := mockClient(t) // spec-validated: the body must still pass the registered exception
	var got map[string]json.RawMessage
	mt.RegisterResponder("POST", base+"segments/validate", func(r *http.Request) (*http.Response, error) {
		if r.URL.Query().Get("rsid") != "acme0prod" {
			t.Errorf("rsid = %q", r.URL.RawQuery)
		}
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			t.Error(err)
		}
		return httpmock.NewJsonResponse(200, map[string]any{"valid": true})
	})
	def := json.RawMessage(`{"func":"segment","version":[1,0,0],"container":{"func":"container","context":"hits","pred":{"func":"exists","val":{"func":"attr","name":"variables/page"}}}}`)
	if _, _, err := c.Segments.Validate(ctx, "acme0prod", def); err != nil {
		t.Fatal(err)
	}
	if string(got["func"]) != `"segment"` || got["container"] == nil || got["definition"] != nil {
		t.Fatalf("body = %v; want the bare definition", got)
	}
	wrapped := json.RawMessage(`{"definition":` + string(def) + `}`)
	if _, _, err := c.Segments.Validate(ctx, "acme0prod", wrapped); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("wrapped definition: %v", err)
	}
	testutil.AssertCalls(t, mt, "POST "+base+"segments/validate", 1)

	// The fake answers the wrapped form 400, as a definition-shaped body is
	// what Adobe parses.
	e := newEnv(t, nil, &fullProfile, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID), analytics.WithoutRateLimit())
	if v, _, err := e.client.Segments.Validate(ctx, adobetest.DemoRSID, def); err != nil || !v.Valid {
		t.Fatalf("fake, bare definition: %+v, %v", v, err)
	}
	tok, err := e.fake.IssueToken(e.cred.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", "https://analytics.adobe.io/api/"+adobetest.DemoAnalyticsCompanyID+"/segments/validate?rsid="+adobetest.DemoRSID,
		strings.NewReader(string(wrapped)))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("x-api-key", e.cred.ClientID)
	req.Header.Set("x-proxy-global-company-id", adobetest.DemoAnalyticsCompanyID)
	resp, err := e.fake.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("fake, wrapped definition: %d, want 400", resp.StatusCode)
	}
}

// TestReportSuitesLegacyFallback: when the documented listing path answers
// 404, List and ListIter ask the legacy /collections/suites once; other
// errors are not redirected.
func TestReportSuitesLegacyFallback(t *testing.T) {
	ctx := context.Background()
	mt := testutil.NewMockTransport(t)
	testutil.MockIMSToken(mt)
	specs := loadSpecs(t) // this test's own exception only
	cfg, err := auth.NewConfig(auth.Credentials{ClientID: mockClientID, ClientSecret: "p8e-secret", OrgID: "0123456789ABCDEF01234567@AdobeOrg",
		Scopes: []string{"openid", "AdobeID"}}, auth.WithBaseTransport(specs.transport(t, mt)))
	if err != nil {
		t.Fatal(err)
	}
	c, err := analytics.NewFromConfig(cfg, analytics.WithCompany("acme0"), analytics.WithoutRateLimit())
	if err != nil {
		t.Fatal(err)
	}
	specs.swagger.Allow(testutil.Exception{Method: "GET", PathPattern: "/{g}/collections/suites", Reason: "no matching operation was found",
		Source: "shared/reference/analytics.md §3.2: legacy list path GET /api/{gcid}/collections/suites (2022 spec history; AANALYTICS2 _getRS, AAR); " +
			"the SDK falls back to it on 404"})
	defer specs.swagger.AssertExceptionsUsed(t)
	mt.RegisterResponder("GET", base+"reportsuites/collections/suites", jsonBody(404, `{"errorCode":"resource_not_found","errorDescription":"Not found","errorId":"e-1"}`))
	legacy := testutil.NewRecorder(testutil.JSONResponder(200, map[string]any{"content": []map[string]any{{"rsid": "acme0prod", "name": "Prod",
		"collectionItemType": "reportsuite"}}, "totalElements": 1, "totalPages": 1, "number": 0, "lastPage": true}))
	mt.RegisterResponder("GET", base+"collections/suites", legacy.Responder())
	got, _, err := c.ReportSuites.List(ctx, &analytics.ReportSuiteListOptions{RSIDs: []string{"acme0prod"}})
	if err != nil || len(got) != 1 || got[0].RSID != "acme0prod" || got[0].Name != "Prod" {
		t.Fatalf("List = %+v, %v", got, err)
	}
	testutil.AssertQuery(t, legacy.Last(t).Request, url.Values{"rsids": {"acme0prod"}})
	var n int
	for rs, err := range c.ReportSuites.ListIter(ctx, nil) {
		if err != nil || rs.RSID != "acme0prod" {
			t.Fatalf("ListIter: %+v, %v", rs, err)
		}
		n++
	}
	if n != 1 {
		t.Fatalf("ListIter yielded %d", n)
	}
	testutil.AssertCalls(t, mt, "GET "+base+"reportsuites/collections/suites", 2)
	testutil.AssertCalls(t, mt, "GET "+base+"collections/suites", 2)

	// A 403 is not a missing path: no fallback.
	mt.RegisterResponder("GET", base+"reportsuites/collections/suites", jsonBody(403, `{"errorCode":"insufficient_access","errorDescription":"no","errorId":"e-2"}`))
	if _, _, err := c.ReportSuites.List(ctx, nil); !errors.Is(err, adobe.ErrForbidden) {
		t.Fatalf("403: %v", err)
	}
	testutil.AssertCalls(t, mt, "GET "+base+"collections/suites", 2)
}
