package adobetest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

// decodeJSON reads a response body into v and closes it.
func decodeJSON(t *testing.T, resp *http.Response, err error, v any) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		t.Fatalf("%s %s: %d %s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
}

// Source: shared/reference/devconsole.md O1 — "Real payloads also carry
// roles:[{principal, organization, target, named_role:'org_admin',
// target_type:'TRG_ORG', target_data:{}}]" beside the spec's role; Adobe's
// aio-lib-console e2e tests read roles. The fake sent only role.
func TestConsoleOrganizationsCarryRoleAndRoles(t *testing.T) {
	f := newFake(t)
	var orgs []map[string]any
	resp, err := consoleCall(t, f, f.Client(), "https://developers.adobe.io", "GET", "/console/organizations", nil)
	decodeJSON(t, resp, err, &orgs)
	if len(orgs) != 1 {
		t.Fatalf("orgs = %v", orgs)
	}
	o := orgs[0]
	if o["role"] != "ADMIN" {
		t.Errorf("role = %v, want ADMIN", o["role"])
	}
	roles, ok := o["roles"].([]any)
	if !ok || len(roles) == 0 {
		t.Fatalf("roles = %#v, want a non-empty array", o["roles"])
	}
	r := roles[0].(map[string]any)
	if r["named_role"] != "org_admin" || r["target_type"] != "TRG_ORG" || r["organization"] != f.OrgID() {
		t.Errorf("roles[0] = %v", r)
	}
	if _, ok := r["target_data"].(map[string]any); !ok {
		t.Errorf("roles[0].target_data = %#v, want an object", r["target_data"])
	}
}

// Source: testdata/specs/devconsole/api.json (the download's
// WorkspaceDetails: credentials, services, runtime, mesh, events) and
// shared/reference/devconsole.md §2.5 (runtime: {namespaces: [...]});
// aio-lib-console's e2e test reads project.workspace.details.runtime. The
// fake sent only credentials and services.
func TestConsoleDownloadCarriesRuntime(t *testing.T) {
	f := newFake(t)
	org, _ := f.Org(f.OrgID())
	var created struct{ ProjectID, WorkspaceID string }
	resp, err := consoleCall(t, f, f.Client(), "https://developers.adobe.io", "POST", "/console/organizations/"+org.ConsoleID+"/projects", newProject("dl"))
	decodeJSON(t, resp, err, &created)
	var dl struct {
		Project struct {
			Workspace struct {
				Details map[string]json.RawMessage
			}
		}
	}
	resp, err = consoleCall(t, f, f.Client(), "https://developers.adobe.io", "GET",
		"/console/organizations/"+org.ConsoleID+"/projects/"+created.ProjectID+"/workspaces/"+created.WorkspaceID+"/download", nil)
	decodeJSON(t, resp, err, &dl)
	d := dl.Project.Workspace.Details
	var runtime struct{ Namespaces []any }
	if err := json.Unmarshal(d["runtime"], &runtime); err != nil || runtime.Namespaces == nil {
		t.Fatalf("details.runtime = %s (%v), want an object with namespaces, even without I/O Runtime", d["runtime"], err)
	}
	for _, k := range []string{"credentials", "services"} {
		if _, ok := d[k]; !ok {
			t.Errorf("details.%s missing", k)
		}
	}
	// A workspace without event registrations or API Mesh has neither.
	for _, k := range []string{"events", "mesh"} {
		if _, ok := d[k]; ok {
			t.Errorf("details.%s = %s in a workspace without it", k, d[k])
		}
	}
}
