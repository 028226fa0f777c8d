package fakeconsole

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// The Console answers the gateway's errors before any Console logic.
func TestGatewayErrors(t *testing.T) {
	s := fakestate.New(1)
	org, _ := s.AddOrg(fakestate.Org{Name: "Acme"})
	good, _ := s.AddCredential(fakestate.Credential{OrgID: org.ID, Scopes: []string{"openid", "adobeio_api"}})
	narrow, _ := s.AddCredential(fakestate.Credential{OrgID: org.ID, Scopes: []string{"openid"}})
	issue := func(c fakestate.Credential) string {
		tok, err := s.Issue(fakestate.TokenSpec{Type: fakestate.TokenAccess, Principal: fakestate.Principal{
			ClientID: c.ClientID, OrgID: c.OrgID, Scopes: c.Scopes, Kind: fakestate.KindService}})
		if err != nil {
			t.Fatal(err)
		}
		return tok.Value
	}
	r := fakestate.NewRouter()
	New(s).Register(r)
	for _, tc := range []struct {
		name, key, token string
		status           int
		code             string
	}{
		{"no api key", "", issue(good), 403, "403000"},
		{"unknown api key", "0123456789abcdef0123456789abcdef", issue(good), 403, "403003"},
		{"bad token", good.ClientID, "nope", 401, "401013"},
		{"missing scope", narrow.ClientID, issue(narrow), 403, "403011"},
		{"ok", good.ClientID, issue(good), 200, ""},
	} {
		req := httptest.NewRequest(http.MethodGet, "https://developers.adobe.io/console/organizations", nil)
		if tc.key != "" {
			req.Header.Set("x-api-key", tc.key)
		}
		req.Header.Set("Authorization", "Bearer "+tc.token)
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, req)
		var body struct {
			Code string `json:"error_code"`
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != tc.status || body.Code != tc.code {
			t.Errorf("%s: %d %q, want %d %q", tc.name, rec.Code, body.Code, tc.status, tc.code)
		}
	}
}

// The JWT → OAuth Server-to-Server migration walks the spec's statuses.
func TestMigrationStatuses(t *testing.T) {
	s := fakestate.New(1)
	org, _ := s.AddOrg(fakestate.Org{Name: "Acme"})
	admin, _ := s.AddCredential(fakestate.Credential{OrgID: org.ID, Scopes: []string{"openid", "adobeio_api"}})
	tok, err := s.Issue(fakestate.TokenSpec{Type: fakestate.TokenAccess, Principal: fakestate.Principal{
		ClientID: admin.ClientID, OrgID: org.ID, Scopes: admin.Scopes, Kind: fakestate.KindService}})
	if err != nil {
		t.Fatal(err)
	}
	part := New(s)
	r := fakestate.NewRouter()
	part.Register(r)
	credID, projectID, workspaceID, err := part.AddJWTCredential(org.ID, "legacy-jwt")
	if err != nil {
		t.Fatal(err)
	}
	do := func(method, path string) (int, map[string]any) {
		req := httptest.NewRequest(method, "https://developers.adobe.io/console/organizations/"+org.ConsoleID+path, nil)
		req.Header.Set("x-api-key", admin.ClientID)
		req.Header.Set("Authorization", "Bearer "+tok.Value)
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, req)
		var body map[string]any
		_ = json.Unmarshal(rec.Body.Bytes(), &body)
		return rec.Code, body
	}
	m := "/credentials/oauth-server-to-server/" + credID + "/"
	rowType := func() any {
		req := httptest.NewRequest(http.MethodGet, "https://developers.adobe.io/console/organizations/"+org.ConsoleID+"/projects/"+projectID+"/workspaces/"+workspaceID+"/credentials", nil)
		req.Header.Set("x-api-key", admin.ClientID)
		req.Header.Set("Authorization", "Bearer "+tok.Value)
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, req)
		var rows []map[string]any
		_ = json.Unmarshal(rec.Body.Bytes(), &rows)
		if len(rows) != 1 {
			t.Fatalf("rows %s", rec.Body)
		}
		return rows[0]["integration_type"]
	}
	status := func() any { _, b := do(http.MethodGet, m+"status"); return b["migrationStatus"] }
	steps := []struct {
		method, leaf string
		code         int
		status, typ  string
	}{
		{"GET", "binding", 404, "NOT_STARTED", "service"},
		{"PATCH", "finalize", 400, "NOT_STARTED", "service"},
		{"POST", "binding", 201, "STARTED", "oauth_server_to_server_migrate"},
		{"POST", "binding", 400, "STARTED", "oauth_server_to_server_migrate"},
		{"GET", "binding", 200, "STARTED", "oauth_server_to_server_migrate"},
		{"DELETE", "binding", 204, "NOT_STARTED", "service"},
		{"POST", "binding", 201, "STARTED", "oauth_server_to_server_migrate"},
		{"PATCH", "finalize", 200, "COMPLETED", "oauth_server_to_server"},
		{"DELETE", "binding", 404, "COMPLETED", "oauth_server_to_server"},
	}
	if got := status(); got != MigrationNotStarted {
		t.Fatalf("initial status %v", got)
	}
	for i, st := range steps {
		code, body := do(st.method, m+st.leaf)
		if code != st.code || status() != st.status || rowType() != st.typ {
			t.Fatalf("step %d %s %s: %d %v, status %v, type %v; want %d %s %s", i, st.method, st.leaf, code, body, status(), rowType(), st.code, st.status, st.typ)
		}
		if st.method == "POST" && code == 201 && (body["clientId"] == "" || body["servicePrincipalId"] == "") {
			t.Fatalf("binding %v", body)
		}
	}
}

// The credential name limit counts characters, not bytes.
func TestCredentialNameLimitCountsCharacters(t *testing.T) {
	for _, tc := range []struct {
		n  int // characters of 2 bytes each
		ok bool
	}{{5, false}, {6, true}, {25, true}, {26, false}} {
		name := strings.Repeat("é", tc.n)
		rec := httptest.NewRecorder()
		if got := validCredBody(rec, credBody{Name: name, Description: "d"}); got != tc.ok {
			t.Errorf("validCredBody(%d characters, %d bytes) = %v (%d %s), want %v", tc.n, len(name), got, rec.Code, rec.Body, tc.ok)
		}
	}
}
