package testutil

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// newAPIRequest builds a request carrying the headers Adobe's specs require.
func newAPIRequest(t *testing.T, method, rawURL, body string) *http.Request {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, rawURL, r)
	req.RequestURI = ""
	req.Header.Set("Authorization", "Bearer test-token-1")
	req.Header.Set("x-api-key", "test-client-id")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

func jsonResponse(req *http.Request, status int, body string) *http.Response {
	resp, _ := ErrorResponder(status, body, http.Header{"Content-Type": {"application/json"}})(req)
	return resp
}

func wantErr(t *testing.T, err error, wants ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("validation passed; want an error containing %q", wants)
	}
	for _, w := range wants {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q:\n%v", w, err)
		}
	}
}

func wantOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Errorf("validation failed unexpectedly:\n%v", err)
	}
}

// TestLoadSpecPrefixes loads every stored spec and shows which real-world
// URL prefix maps to its paths.
func TestLoadSpecPrefixes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		spec       string
		wantPrefix string
		relaxed    bool
		method     string
		url        string
	}{
		// servers: https://developers-stage.adobe.io/ ; prod host is developers.adobe.io.
		{"devconsole/api.json", "", false, "GET", "https://developers.adobe.io/console/organizations"},
		// Swagger 2.0: host analytics.adobe.io, basePath /api, paths /{globalCompanyId}/...
		{"analytics/v2.0/swagger.json", "/api", true, "GET", "https://analytics.adobe.io/api/ACME1/dimensions?rsid=rs1"},
		// OpenAPI 3.0.1: servers https://analytics.adobe.io/api, paths /{globalCompanyId}/...
		{"analytics/v2.0/report-suites.json", "/api", true, "GET", "https://analytics.adobe.io/api/ACME1/reportsuites/collections/suites/rs1"},
		{"analytics/v2.0/classification.json", "/api", false, "GET", "https://analytics.adobe.io/api/ACME1/classification/job/job-1"},
		{"analytics/v2.0/data-sources.json", "/api", false, "GET", "https://analytics.adobe.io/api/ACME1/datasources/account/rs1"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			t.Parallel()
			spec := LoadSpec(t, tt.spec)
			if got := spec.PathPrefix(); got != tt.wantPrefix {
				t.Errorf("PathPrefix() = %q, want %q", got, tt.wantPrefix)
			}
			if got := len(spec.Relaxations()) > 0; got != tt.relaxed {
				t.Errorf("relaxations = %q, want some: %v", spec.Relaxations(), tt.relaxed)
			}
			wantOK(t, spec.ValidateRequest(newAPIRequest(t, tt.method, tt.url, "")))
		})
	}
}

func TestDevConsoleRequests(t *testing.T) {
	t.Parallel()
	const base = "https://developers.adobe.io/console/organizations/1234/"
	validProject := `{"name":"sdk_test","title":"SDK test","type":"default"}`
	tests := []struct {
		name   string
		method string
		url    string
		body   string
		edit   func(*http.Request)
		wants  []string // empty: must pass
	}{
		{name: "valid create project", method: "POST", url: base + "projects", body: validProject},
		{name: "wrong path", method: "POST", url: base + "projectz", body: validProject,
			wants: []string{"/console/organizations/1234/projectz", "no matching operation was found"}},
		{name: "wrong method", method: "PUT", url: base + "projects", body: validProject,
			wants: []string{"method not allowed"}},
		{name: "missing path parameter", method: "GET", url: "https://developers.adobe.io/console/organizations//projects/p1",
			wants: []string{"no matching operation was found"}},
		{name: "missing required query parameter", method: "GET", url: base + "policy/int-1/usage",
			wants: []string{"GET /console/organizations/{orgId}/policy/{intId}/usage", `parameter "sdkCode" in query`, "value is required"}},
		{name: "valid required query parameter", method: "GET", url: base + "policy/int-1/usage?sdkCode=AdobeAnalyticsSDK"},
		{name: "missing required header", method: "GET", url: base + "projects/p1",
			edit:  func(r *http.Request) { r.Header.Del("x-api-key") },
			wants: []string{`parameter "x-api-key" in header`, "value is required"}},
		{name: "body missing required property", method: "POST", url: base + "projects", body: `{"name":"sdk_test","type":"default"}`,
			wants: []string{"POST /console/organizations/{orgId}/projects", "request body has an error", `property "title" is missing`}},
		{name: "body property of wrong type", method: "POST", url: base + "projects", body: `{"name":42,"title":"T","type":"default"}`,
			wants: []string{`at "/name": value must be a string`}},
		{name: "missing required body", method: "POST", url: base + "projects",
			wants: []string{"request body has an error", "value is required"}},
	}
	spec := LoadSpec(t, "devconsole/api.json")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := newAPIRequest(t, tt.method, tt.url, tt.body)
			if tt.edit != nil {
				tt.edit(req)
			}
			err := spec.ValidateRequest(req)
			if len(tt.wants) == 0 {
				wantOK(t, err)
				return
			}
			wantErr(t, err, append([]string{"devconsole/api.json"}, tt.wants...)...)
		})
	}
}

func TestValidateRequestKeepsBody(t *testing.T) {
	t.Parallel()
	spec := LoadSpec(t, "devconsole/api.json")
	body := `{"name":"sdk_test","title":"SDK test","type":"default"}`
	req := newAPIRequest(t, "POST", "https://developers.adobe.io/console/organizations/1234/projects", body)
	wantOK(t, spec.ValidateRequest(req))
	got, err := io.ReadAll(req.Body)
	if err != nil || string(got) != body {
		t.Errorf("body after validation = %q, %v; want %q", got, err, body)
	}
	if req.GetBody == nil {
		t.Fatal("GetBody not set")
	}
	rc, _ := req.GetBody()
	again, _ := io.ReadAll(rc)
	if string(again) != body {
		t.Errorf("GetBody() = %q, want %q", again, body)
	}
}

func TestDevConsoleResponses(t *testing.T) {
	t.Parallel()
	spec := LoadSpec(t, "devconsole/api.json")
	req := newAPIRequest(t, "GET", "https://developers.adobe.io/console/organizations/1234/projects/p1", "")

	rc, err := spec.CheckResponse(req, jsonResponse(req, 200, `{"id":"p1","name":"sdk_test","enabled":true}`))
	wantOK(t, err)
	if !rc.SchemaChecked {
		t.Errorf("SchemaChecked = false (%s), want true", rc.Note)
	}

	resp := jsonResponse(req, 200, `{"id":"p1","enabled":"yes"}`)
	wantErr(t, spec.ValidateResponse(req, resp), "response", "GET /console/organizations/{orgId}/projects/{projectId}",
		"response body doesn't match schema", `at "/enabled": value must be a boolean`)
	if b, _ := io.ReadAll(resp.Body); !bytes.Contains(b, []byte(`"yes"`)) {
		t.Errorf("response body not restored: %q", b)
	}
}

func TestAnalyticsSwaggerRequests(t *testing.T) {
	t.Parallel()
	const base = "https://analytics.adobe.io/api/ACME1/"
	spec := LoadSpec(t, "analytics/v2.0/swagger.json")
	tests := []struct {
		name  string
		url   string
		wants []string
	}{
		{name: "valid", url: base + "dimensions?rsid=rs1&locale=en_US&classifiable=true"},
		{name: "missing required rsid", url: base + "dimensions",
			wants: []string{"operationId dimensions_getDimensions", `parameter "rsid" in query`, "value is required"}},
		{name: "boolean query of wrong type", url: base + "dimensions?rsid=rs1&classifiable=maybe",
			wants: []string{`parameter "classifiable" in query`, "value maybe: an invalid boolean"}},
		{name: "outside the /api prefix", url: "https://analytics.adobe.io/ACME1/dimensions?rsid=rs1",
			wants: []string{`is not under the prefix "/api"`}},
		{name: "unknown path", url: base + "dimension?rsid=rs1",
			wants: []string{"no matching operation was found"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := spec.ValidateRequest(newAPIRequest(t, "GET", tt.url, ""))
			if len(tt.wants) == 0 {
				wantOK(t, err)
				return
			}
			wantErr(t, err, tt.wants...)
		})
	}
}

func TestWithPathPrefix(t *testing.T) {
	t.Parallel()
	// An SDK pointed at a proxy or an httptest server keeps Adobe's paths
	// under another prefix; the host never matters.
	spec := LoadSpec(t, "analytics/v2.0/swagger.json").WithPathPrefix("http://127.0.0.1:8080/proxy/api/")
	if got := spec.PathPrefix(); got != "/proxy/api" {
		t.Errorf("PathPrefix() = %q, want /proxy/api", got)
	}
	wantOK(t, spec.ValidateRequest(newAPIRequest(t, "GET", "http://127.0.0.1:8080/proxy/api/ACME1/dimensions?rsid=rs1", "")))
	wantErr(t, spec.ValidateRequest(newAPIRequest(t, "GET", "https://analytics.adobe.io/api/ACME1/dimensions?rsid=rs1", "")),
		`is not under the prefix "/proxy/api"`)

	// The default prefix of each LoadSpec result is independent.
	if got := LoadSpec(t, "analytics/v2.0/swagger.json").PathPrefix(); got != "/api" {
		t.Errorf("fresh spec PathPrefix() = %q, want /api", got)
	}

	root := LoadSpec(t, "devconsole/api.json").WithPathPrefix("/")
	wantOK(t, root.ValidateRequest(newAPIRequest(t, "GET", "http://127.0.0.1:1/console/organizations", "")))
}

func TestAnalyticsSwaggerResponses(t *testing.T) {
	t.Parallel()
	spec := LoadSpec(t, "analytics/v2.0/swagger.json")
	req := newAPIRequest(t, "GET", "https://analytics.adobe.io/api/ACME1/dimensions?rsid=rs1", "")

	rc, err := spec.CheckResponse(req, jsonResponse(req, 200, `[{"id":"variables/page","title":"Page","type":"STRING"}]`))
	wantOK(t, err)
	if !rc.SchemaChecked || !strings.Contains(rc.Operation, "dimensions_getDimensions") {
		t.Errorf("CheckResponse = %+v, want the body checked against dimensions_getDimensions", rc)
	}

	wantErr(t, spec.ValidateResponse(req, jsonResponse(req, 200, `[{"id":"variables/page","type":"TEXT"}]`)),
		"dimensions_getDimensions", `at "/0/type"`, "value is not one of the allowed values")
	wantErr(t, spec.ValidateResponse(req, jsonResponse(req, 200, `{"id":"variables/page"}`)),
		"value must be an array")

	// Undeclared error statuses pass unchecked; undeclared 2xx fail.
	rc, err = spec.CheckResponse(req, jsonResponse(req, 404, `{"errorCode":"not_found"}`))
	wantOK(t, err)
	if rc.SchemaChecked || !strings.Contains(rc.Note, "status 404 is not declared") {
		t.Errorf("CheckResponse(404) = %+v, want an unchecked note", rc)
	}
	wantErr(t, spec.ValidateResponse(req, jsonResponse(req, 201, `[]`)), "status 201 is not declared (declared: 200, 400, 401, 500)")
}

func TestReportSuitesOpenAPI301(t *testing.T) {
	t.Parallel()
	const base = "https://analytics.adobe.io/api/ACME1/reportsuites/"
	spec := LoadSpec(t, "analytics/v2.0/report-suites.json")

	get := newAPIRequest(t, "GET", base+"collections/suites/rs1?expansion=name", "")
	wantOK(t, spec.ValidateRequest(get))
	wantOK(t, spec.ValidateResponse(get, jsonResponse(get, 200, `{"rsid":"rs1","name":"Prod"}`)))
	wantErr(t, spec.ValidateResponse(get, jsonResponse(get, 200, `{"rsid":"rs1","name":5}`)),
		"operationId getSuite_1", `at "/name": value must be a string`)

	create := newAPIRequest(t, "POST", base+"reportsuites/rs2", `{"name":"New","hitsPerDay":"lots"}`)
	wantErr(t, spec.ValidateRequest(create), "operationId userCreateReportSuite", `at "/hitsPerDay": value must be an integer`)
	wantOK(t, spec.ValidateRequest(newAPIRequest(t, "POST", base+"reportsuites/rs2", `{"name":"New","hitsPerDay":1000}`)))
}

func TestExceptions(t *testing.T) {
	t.Parallel()
	// swagger.json declares annotations' sortDirection as an integer with
	// default "ASC"; the service takes ASC/DESC.
	sortDir := Exception{
		Method:      "GET",
		PathPattern: "/{globalCompanyId}/annotations",
		Reason:      `parameter "sortDirection" in query has an error`,
		Source:      "analytics/v2.0/swagger.json declares type integer with default \"ASC\"",
	}
	url := "https://analytics.adobe.io/api/ACME1/annotations?sortDirection=DESC"

	t.Run("without exception the deviation fails", func(t *testing.T) {
		t.Parallel()
		spec := LoadSpec(t, "analytics/v2.0/swagger.json")
		wantErr(t, spec.ValidateRequest(newAPIRequest(t, "GET", url, "")), `parameter "sortDirection" in query`)
	})
	t.Run("exception accepts and records it", func(t *testing.T) {
		t.Parallel()
		spec := LoadSpec(t, "analytics/v2.0/swagger.json").Allow(sortDir)
		wantOK(t, spec.ValidateRequest(newAPIRequest(t, "GET", url, "")))
		if d := spec.Deviations(); len(d) != 1 || d[0].Exception != sortDir || !strings.Contains(d[0].Error, "sortDirection") {
			t.Errorf("Deviations() = %+v", d)
		}
		spec.AssertExceptionsUsed(t)
	})
	t.Run("exception does not hide other errors", func(t *testing.T) {
		t.Parallel()
		spec := LoadSpec(t, "analytics/v2.0/swagger.json").Allow(sortDir)
		err := spec.ValidateRequest(newAPIRequest(t, "GET", url+"&limit=many", ""))
		wantErr(t, err, `parameter "limit" in query`)
		if strings.Contains(err.Error(), "sortDirection") {
			t.Errorf("accepted error still reported:\n%v", err)
		}
	})
	t.Run("undocumented endpoint", func(t *testing.T) {
		t.Parallel()
		spec := LoadSpec(t, "analytics/v2.0/swagger.json").Allow(Exception{
			Method: "GET", PathPattern: "/{globalCompanyId}/undocumented", Reason: "no matching operation was found",
			Source: "example: an endpoint missing from the spec",
		})
		wantOK(t, spec.ValidateRequest(newAPIRequest(t, "GET", "https://analytics.adobe.io/api/ACME1/undocumented", "")))
		wantErr(t, spec.ValidateRequest(newAPIRequest(t, "GET", "https://analytics.adobe.io/api/ACME1/other", "")),
			"no matching operation was found")
	})
	t.Run("spec defect: enum on the array", func(t *testing.T) {
		t.Parallel()
		// swagger.json puts the item enum of dimensions' expansion on the
		// array itself too, so every value fails until this is allowed.
		spec := LoadSpec(t, "analytics/v2.0/swagger.json").Allow(Exception{
			Method:      "GET",
			PathPattern: "/{globalCompanyId}/dimensions",
			Reason:      `parameter "expansion" in query has an error: at "/": value is not one of the allowed values`,
			Source:      "analytics/v2.0/swagger.json: dimensions_getDimensions expansion has an array-level enum",
		})
		wantOK(t, spec.ValidateRequest(newAPIRequest(t, "GET", "https://analytics.adobe.io/api/ACME1/dimensions?rsid=rs1&expansion=tags,categories", "")))
		spec.AssertExceptionsUsed(t)
	})
	t.Run("unused exception is reported", func(t *testing.T) {
		t.Parallel()
		spec := LoadSpec(t, "analytics/v2.0/swagger.json").Allow(sortDir)
		wantOK(t, spec.ValidateRequest(newAPIRequest(t, "GET", "https://analytics.adobe.io/api/ACME1/annotations", "")))
		fake := newFakeTB(t)
		spec.AssertExceptionsUsed(fake)
		wantFailure(t, fake, "exception never triggered", "/{globalCompanyId}/annotations")
	})
	t.Run("incomplete exception panics", func(t *testing.T) {
		t.Parallel()
		defer func() {
			if recover() == nil {
				t.Error("Allow without Source did not panic")
			}
		}()
		LoadSpec(t, "analytics/v2.0/swagger.json").Allow(Exception{Method: "GET", PathPattern: "/x", Reason: "y"})
	})
}

func TestValidatingTransport(t *testing.T) {
	t.Parallel()
	mt := NewMockTransport(t)
	const projects = "https://developers.adobe.io/console/organizations/1234/projects"
	rec := NewRecorder(JSONResponder(201, map[string]any{"projectId": "p1", "workspaceId": "w1"}))
	mt.RegisterResponder("POST", projects, rec.Responder())
	mt.RegisterResponder("GET", projects+"/p1", JSONResponder(200, map[string]any{"id": "p1", "enabled": "yes"}))

	spec := LoadSpec(t, "devconsole/api.json")
	fake := newFakeTB(t)
	client := &http.Client{Transport: ValidatingTransport(fake, spec, mt)}

	body := `{"name":"sdk_test","title":"SDK test","type":"default"}`
	resp, err := client.Do(newAPIRequest(t, "POST", projects, body))
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	wantNoFailure(t, fake)
	if got := string(rec.Last(t).Body); got != body {
		t.Errorf("body reaching the responder = %q, want %q", got, body)
	}

	resp, err = client.Do(newAPIRequest(t, "POST", projects, `{"name":"sdk_test"}`))
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	wantFailure(t, fake, `property "title" is missing`)

	fake = newFakeTB(t)
	client = &http.Client{Transport: ValidatingTransport(fake, spec, mt)}
	resp, err = client.Do(newAPIRequest(t, "GET", projects+"/p1", ""))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	wantFailure(t, fake, `at "/enabled": value must be a boolean`)
	if !strings.Contains(string(b), `"enabled":"yes"`) {
		t.Errorf("response body not passed through: %q", b)
	}
}
