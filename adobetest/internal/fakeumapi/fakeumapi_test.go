package fakeumapi

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// These tests speak raw HTTP to the part, as Adobe's documentation
// describes the API; they use no SDK code.

type env struct {
	t      *testing.T
	s      *fakestate.Store
	r      *fakestate.Router
	org    string
	key    string
	token  string
	nScope string // a token without user_management_sdk
}

func newEnv(t *testing.T) *env {
	t.Helper()
	s := fakestate.New(1)
	org, err := s.AddOrg(fakestate.Org{Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	cred, err := s.AddCredential(fakestate.Credential{OrgID: org.ID, Scopes: []string{"openid", "AdobeID", Scope}})
	if err != nil {
		t.Fatal(err)
	}
	issue := func(scopes []string) string {
		tok, err := s.Issue(fakestate.TokenSpec{Type: fakestate.TokenAccess, Principal: fakestate.Principal{
			ClientID: cred.ClientID, UserID: cred.TechnicalAccountID, OrgID: org.ID, Scopes: scopes, Kind: fakestate.KindService}})
		if err != nil {
			t.Fatal(err)
		}
		return tok.Value
	}
	r := fakestate.NewRouter()
	New(s).Register(r)
	if _, err := s.AddProductProfile(fakestate.ProductProfile{OrgID: org.ID, Name: "Analysts", ProductName: "Adobe Analytics"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddUser(fakestate.User{Email: "ann@acme.example", OrgIDs: []string{org.ID}}); err != nil {
		t.Fatal(err)
	}
	return &env{t: t, s: s, r: r, org: org.ID, key: cred.ClientID, token: issue(cred.Scopes), nScope: issue([]string{"openid"})}
}

func (e *env) do(method, path, body string, token ...string) (*httptest.ResponseRecorder, map[string]any) {
	e.t.Helper()
	req := httptest.NewRequest(method, "https://usermanagement.adobe.io"+Base+path, strings.NewReader(body))
	req.Header.Set("X-Api-Key", e.key)
	tok := e.token
	if len(token) > 0 {
		tok = token[0]
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	e.r.ServeHTTP(w, req)
	var out map[string]any
	_ = json.Unmarshal(w.Body.Bytes(), &out)
	return w, out
}

func TestGroupsListingShapeAndHeaders(t *testing.T) {
	e := newEnv(t)
	w, out := e.do("GET", "/groups/"+e.org+"/0", "")
	if w.Code != 200 || out["result"] != "success" || out["lastPage"] != true {
		t.Fatalf("%d %v", w.Code, out)
	}
	for _, h := range []string{"X-Total-Count", "X-Page-Count", "X-Current-Page", "X-Page-Size"} {
		if w.Header().Get(h) == "" {
			t.Errorf("header %s missing", h)
		}
	}
	groups := out["groups"].([]any)
	p := groups[1].(map[string]any)
	if p["type"] != "PRODUCT_PROFILE" || p["groupName"] != "Analysts" || p["productName"] != "Adobe Analytics" {
		t.Errorf("profile = %v", p)
	}
	if _, ok := p["licenseQuota"].(string); !ok {
		t.Errorf("licenseQuota is not a string: %v", p["licenseQuota"])
	}
	if w, out := e.do("GET", "/groups/"+e.org+"/5", ""); w.Code != 404 || out["lastPage"] != true || out["result"] != "Not found" {
		t.Errorf("past the end: %d %v", w.Code, out)
	}
	if w, _ := e.do("GET", "/groups/"+e.org+"/0", "", e.nScope); w.Code != 403 || w.Body.Len() != 0 {
		t.Errorf("no scope: %d %q", w.Code, w.Body.String())
	}
	if w, out := e.do("GET", "/groups/ABCDEF0123456789ABCDEF01@AdobeOrg/0", ""); w.Code != 400 || out["result"] != "error.organization.invalid_id" {
		t.Errorf("other org: %d %v", w.Code, out)
	}
}

func TestActionErrorsAndLimits(t *testing.T) {
	e := newEnv(t)
	names := make([]string, 11)
	for i := range names {
		names[i] = fmt.Sprintf("%q", "Analysts")
	}
	body := `[
	 {"user":"ann@acme.example","requestID":"a","do":[{"add":{"group":["analysts"]}}]},
	 {"user":"nobody@acme.example","requestID":"b","do":[{"add":{"group":["Analysts"]}}]},
	 {"user":"ann@acme.example","requestID":"c","do":[{"update":{"firstname":"Ann"}},{"addAdobeID":{"email":"ann@acme.example"}}]},
	 {"user":"ann@acme.example","requestID":"d","do":[{"add":{"group":[` + strings.Join(names, ",") + `]}}]},
	 {"user":"ann@acme.example","requestID":"e","do":[{"add":{"group":["_org_admin"]}}]},
	 {"user":"ann@acme.example","requestID":"f","do":[{"add":{"product":["Analysts"]}}]},
	 {"user":"gone@acme.example","requestID":"g","do":[{"removeFromOrg":{"deleteAccount":false}}]}
	]`
	w, out := e.do("POST", "/action/"+e.org, body)
	if w.Code != 200 || out["result"] != "partial" || out["completed"] != 3.0 || out["notCompleted"] != 4.0 {
		t.Fatalf("%d %v", w.Code, out)
	}
	want := map[string]string{"b": "error.user.nonexistent", "c": "error.command.create.not_first", "d": "error.command.add_remove.list_too_long", "e": "error.group.invalid_list"}
	for _, x := range out["errors"].([]any) {
		m := x.(map[string]any)
		if want[m["requestID"].(string)] != m["errorCode"] {
			t.Errorf("error %v", m)
		}
		delete(want, m["requestID"].(string))
	}
	if len(want) != 0 {
		t.Errorf("missing errors: %v", want)
	}
	if ws := out["warnings"].([]any); len(ws) != 1 || ws[0].(map[string]any)["warningCode"] != "warning.command.deprecated" {
		t.Errorf("warnings = %v", ws)
	}
	w, out = e.do("GET", "/users/"+e.org+"/0/ANALYSTS", "")
	if users := out["users"].([]any); w.Code != 200 || len(users) != 1 {
		t.Errorf("members: %d %v", w.Code, out)
	}
	eleven := strings.Repeat(`{"user":"ann@acme.example","do":[{"remove":"all"}]},`, 11)
	if w, out := e.do("POST", "/action/"+e.org, "["+strings.TrimSuffix(eleven, ",")+"]"); w.Code != 400 || out["result"] != "error.command.malformed" {
		t.Errorf("11 entries: %d %v", w.Code, out)
	}
}

func TestTestOnlyChangesNothing(t *testing.T) {
	e := newEnv(t)
	w, out := e.do("POST", "/action/"+e.org+"?testOnly=true", `[{"user":"new@acme.example","do":[{"addAdobeID":{"email":"new@acme.example"}},{"add":{"group":["Analysts"]}}]}]`)
	if w.Code != 200 || out["completedInTestMode"] != 1.0 || out["completed"] != 0.0 {
		t.Fatalf("%d %v", w.Code, out)
	}
	if w, _ := e.do("GET", "/organizations/"+e.org+"/users/new@acme.example", ""); w.Code != 404 {
		t.Errorf("test mode created the user: %d", w.Code)
	}
}

func TestThrottling(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t)
		for i := range 5 {
			if w, _ := e.do("GET", "/groups/"+e.org+"/0", ""); w.Code != 200 {
				t.Fatalf("request %d: %d", i, w.Code)
			}
		}
		time.Sleep(20 * time.Second)
		w, out := e.do("GET", "/groups/"+e.org+"/0", "")
		if w.Code != 429 || out["error_code"] != "429050" || w.Header().Get("Retry-After") != "40" {
			t.Fatalf("6th: %d %v Retry-After=%q", w.Code, out, w.Header().Get("Retry-After"))
		}
		time.Sleep(40 * time.Second)
		if w, _ := e.do("GET", "/groups/"+e.org+"/0", ""); w.Code != 200 {
			t.Errorf("after the window: %d", w.Code)
		}
		// Families are counted apart.
		if w, _ := e.do("GET", "/users/"+e.org+"/0", ""); w.Code != 200 {
			t.Errorf("users: %d", w.Code)
		}
	})
}

// UMAPI answers authentication failures with empty bodies: 401 with
// WWW-Authenticate: Bearer realm="JIL", 403 for a missing API key (reference
// adminconsole.md §1.4, "Non-200 = not processed").
func TestAuthFailuresLikeUMAPI(t *testing.T) {
	e := newEnv(t)
	w, _ := e.do("GET", "/groups/"+e.org+"/0", "", "not-a-token")
	if w.Code != 401 || w.Body.Len() != 0 || !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), `Bearer realm="JIL"`) {
		t.Errorf("bad token: %d %q %q", w.Code, w.Body, w.Header().Get("WWW-Authenticate"))
	}
	req := httptest.NewRequest("GET", "https://usermanagement.adobe.io"+Base+"/groups/"+e.org+"/0", nil)
	req.Header.Set("Authorization", "Bearer "+e.token)
	w = httptest.NewRecorder()
	e.r.ServeHTTP(w, req)
	if w.Code != 403 || w.Body.Len() != 0 {
		t.Errorf("no API key: %d %q", w.Code, w.Body)
	}
}

// The fake runs the entries of one request last to first (Adobe does not
// order them), so entries that depend on one another fail.
func TestActionEntriesUnordered(t *testing.T) {
	e := newEnv(t)
	body := `[{"usergroup":"UG","requestID":"a","do":[{"createUserGroup":{"name":"UG"}}]},
	          {"usergroup":"UG","requestID":"b","do":[{"add":{"productConfiguration":["Analysts"]}}]}]`
	w, out := e.do("POST", "/action/"+e.org, body)
	errs, _ := out["errors"].([]any)
	if w.Code != 200 || out["result"] != "partial" || len(errs) != 1 || errs[0].(map[string]any)["index"] != float64(1) ||
		errs[0].(map[string]any)["errorCode"] != "error.usergroup.not_found" {
		t.Fatalf("%d %v", w.Code, out)
	}
	// Errors come back in index order whatever the execution order.
	body = `[{"user":"x@acme.example","do":[{"add":{"group":["Analysts"]}}]},{"user":"y@acme.example","do":[{"add":{"group":["Analysts"]}}]}]`
	_, out = e.do("POST", "/action/"+e.org, body)
	errs, _ = out["errors"].([]any)
	if len(errs) != 2 || errs[0].(map[string]any)["index"] != float64(0) || errs[1].(map[string]any)["index"] != float64(1) {
		t.Errorf("errors = %v", out["errors"])
	}
}

func TestRemoveFromOrgMustBeLast(t *testing.T) {
	e := newEnv(t)
	body := `[{"user":"ann@acme.example","do":[{"removeFromOrg":{"deleteAccount":false}},{"add":{"group":["Analysts"]}}]}]`
	_, out := e.do("POST", "/action/"+e.org, body)
	errs, _ := out["errors"].([]any)
	if out["result"] != "error" || len(errs) != 1 || errs[0].(map[string]any)["step"] != float64(0) {
		t.Fatalf("%v", out)
	}
	if w, _ := e.do("GET", "/organizations/"+e.org+"/users/ann@acme.example", ""); w.Code != 200 {
		t.Errorf("user removed anyway: %d", w.Code)
	}
}

// directOnly=false adds the profiles a user holds through a user group to
// its groups (Adobe's directOnly description).
func TestListUsersDirectOnly(t *testing.T) {
	e := newEnv(t)
	body := `[{"usergroup":"UG","do":[{"createUserGroup":{"name":"UG"}}]}]`
	if _, out := e.do("POST", "/action/"+e.org, body); out["result"] != "success" {
		t.Fatal(out)
	}
	body = `[{"usergroup":"UG","do":[{"add":{"user":["ann@acme.example"],"productConfiguration":["Analysts"]}}]}]`
	if _, out := e.do("POST", "/action/"+e.org, body); out["result"] != "success" {
		t.Fatal(out)
	}
	groups := func(q string) []any {
		_, out := e.do("GET", "/users/"+e.org+"/0"+q, "")
		for _, u := range out["users"].([]any) {
			if m := u.(map[string]any); m["email"] == "ann@acme.example" {
				g, _ := m["groups"].([]any)
				return g
			}
		}
		t.Fatalf("ann missing: %v", out)
		return nil
	}
	if g := groups(""); fmt.Sprint(g) != "[UG]" {
		t.Errorf("direct groups = %v", g)
	}
	if g := groups("?directOnly=false"); fmt.Sprint(g) != "[UG Analysts]" {
		t.Errorf("all groups = %v", g)
	}
}
