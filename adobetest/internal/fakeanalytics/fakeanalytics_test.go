package fakeanalytics

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// setup returns a store with one org, a service, its router and a token of
// a credential attached to a profile with perms (none when nil).
func setup(t *testing.T, seed string, perms *fakestate.Permissions) (*Service, *fakestate.Router, fakestate.Credential, string) {
	t.Helper()
	st := fakestate.New(1)
	org, err := st.AddOrg(fakestate.Org{Name: "Org"})
	if err != nil {
		t.Fatal(err)
	}
	if seed != "" {
		sd, err := fakestate.ParseSeed([]byte(seed))
		if err != nil {
			t.Fatal(err)
		}
		if err := st.ApplySeed(sd, org.ID); err != nil {
			t.Fatal(err)
		}
	}
	c := fakestate.Credential{OrgID: org.ID}
	if perms != nil {
		p, err := st.AddProductProfile(fakestate.ProductProfile{OrgID: org.ID, Name: "p", Permissions: *perms})
		if err != nil {
			t.Fatal(err)
		}
		c.ProductProfileIDs = []string{p.ID}
	}
	cred, err := st.AddCredential(c)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := st.Issue(fakestate.TokenSpec{Type: fakestate.TokenAccess, Principal: fakestate.Principal{ClientID: cred.ClientID,
		UserID: cred.TechnicalAccountID, OrgID: org.ID, Kind: fakestate.KindService}})
	if err != nil {
		t.Fatal(err)
	}
	s := New(st)
	r := fakestate.NewRouter()
	s.Register(r)
	return s, r, cred, tok.Value
}

func do(r http.Handler, cred fakestate.Credential, tok, method, path string) (int, map[string]any, string) {
	req := httptest.NewRequest(method, "https://analytics.adobe.io"+path, nil)
	req.Header.Set("x-api-key", cred.ClientID)
	req.Header.Set("Authorization", "Bearer "+tok)
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	b, _ := io.ReadAll(w.Body)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return w.Code, m, string(b)
}

var all = fakestate.Permissions{ReportSuites: fakestate.PermissionList{AutoInclude: true},
	Dimensions: fakestate.PermissionList{AutoInclude: true}, Metrics: fakestate.PermissionList{AutoInclude: true}}

func TestRateLimitIsATokenBucketPerCredential(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, r, cred, tok := setup(t, "", &all)
		for i := range 12 {
			if code, _, _ := do(r, cred, tok, "GET", "/discovery/me"); code != 200 {
				t.Fatalf("request %d: %d", i+1, code)
			}
		}
		code, m, _ := do(r, cred, tok, "GET", "/discovery/me")
		if code != 429 || m["error_code"] != "429050" {
			t.Fatalf("13th request: %d %v", code, m)
		}
		time.Sleep(500 * time.Millisecond) // one token back
		if code, _, _ := do(r, cred, tok, "GET", "/discovery/me"); code != 200 {
			t.Fatalf("after 0.5 s: %d", code)
		}
		if code, _, _ := do(r, cred, tok, "GET", "/discovery/me"); code != 429 {
			t.Fatalf("second after 0.5 s: %d", code)
		}
		time.Sleep(6 * time.Second) // full bucket
		for i := range 12 {
			if code, _, _ := do(r, cred, tok, "GET", "/discovery/me"); code != 200 {
				t.Fatalf("refilled request %d: %d", i+1, code)
			}
		}
	})
}

func TestNoProfileAndFiltering(t *testing.T) {
	_, r, cred, tok := setup(t, "", nil)
	if code, m, _ := do(r, cred, tok, "GET", "/api/"+DemoCompanyID+"/users/me"); code != 403 || m["error_code"] != "403025" {
		t.Fatalf("no profile: %d %v", code, m)
	}
	perms := fakestate.Permissions{ReportSuites: fakestate.PermissionList{Items: []string{DemoRSID}},
		Dimensions: fakestate.PermissionList{Items: []string{"Custom Conversion 2"}}}
	_, r, cred, tok = setup(t, "", &perms)
	_, _, body := do(r, cred, tok, "GET", "/api/"+DemoCompanyID+"/dimensions?rsid="+DemoRSID)
	if !strings.Contains(body, "variables/evar2") || strings.Contains(body, "variables/evar1") {
		t.Fatalf("dimensions: %s", body)
	}
	if _, _, body := do(r, cred, tok, "GET", "/api/"+DemoCompanyID+"/metrics?rsid="+DemoRSID); body != "[]\n" {
		t.Fatalf("metrics without grant: %s", body)
	}
	if code, _, _ := do(r, cred, tok, "GET", "/api/"+DemoCompanyID+"/datasources/account/"+DemoRSID); code != 403 {
		t.Fatalf("data sources without the tool: %d", code)
	}
	if code, _, _ := do(r, cred, tok, "GET", "/api/othercompany/users/me"); code != 400 {
		t.Fatalf("unknown company: %d", code)
	}
}

func TestSeedSection(t *testing.T) {
	seed := `{"analytics":{"rate_limit":{"requests":0},"companies":[{"global_company_id":"acme0","name":"Acme",
		"report_suites":[{"rsid":"acme0prod","name":"Prod","evars":[{"number":7,"name":"cid"}],"events":[{"number":3,"name":"Sent"}]}],
		"classification_sets":[{"name":"C","columns":["Channel"],"subscriptions":[{"rsid":"acme0prod","dimension":"variables/evar7"}]}]}]}}`
	s, r, cred, tok := setup(t, seed, &all)
	if got := s.Companies(); len(got) != 1 || got[0].GlobalCompanyID != "acme0" {
		t.Fatalf("companies = %+v", got)
	}
	for range 20 { // the limit is off
		if code, _, _ := do(r, cred, tok, "GET", "/discovery/me"); code != 200 {
			t.Fatal("rate limited although off")
		}
	}
	if _, _, body := do(r, cred, tok, "GET", "/api/acme0/dimensions?rsid=acme0prod"); !strings.Contains(body, "variables/evar7") {
		t.Fatalf("dimensions: %s", body)
	}

	bad := `{"analytics":{"companies":[{"global_company_id":"Bad Id"}]}}`
	_, r, cred, tok = setup(t, bad, &all)
	if code, m, _ := do(r, cred, tok, "GET", "/discovery/me"); code != 500 || !strings.Contains(m["errorDescription"].(string), "global company id") {
		t.Fatalf("bad seed: %d %v", code, m)
	}
}
