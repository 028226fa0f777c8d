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
		if err := st.ApplySeed(sd, org.ID, ""); err != nil {
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

// TestRateLimitIsASlidingWindow: Adobe's "12 requests every 6 seconds"
// means at most 12 in any 6-second window; a token bucket (burst 12, 2/s)
// would accept a 13th request 0.5 s after 12 at once.
func TestRateLimitIsASlidingWindow(t *testing.T) {
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
		time.Sleep(500 * time.Millisecond)
		if code, _, _ := do(r, cred, tok, "GET", "/discovery/me"); code != 429 {
			t.Fatalf("13th request after 0.5 s: %d, want 429 (12 already in this 6 s window)", code)
		}
		time.Sleep(5*time.Second + 499*time.Millisecond) // t = 5.999 s
		if code, _, _ := do(r, cred, tok, "GET", "/discovery/me"); code != 429 {
			t.Fatalf("at 5.999 s: %d, want 429", code)
		}
		time.Sleep(time.Millisecond) // t = 6 s: the first 12 left the window
		for i := range 12 {
			if code, _, _ := do(r, cred, tok, "GET", "/discovery/me"); code != 200 {
				t.Fatalf("request %d of the next window: %d", i+1, code)
			}
		}
		if code, _, _ := do(r, cred, tok, "GET", "/discovery/me"); code != 429 {
			t.Fatalf("13th of the next window: %d", code)
		}
	})
}

// TestRateLimitIsPerProject: credentials of one Developer Console project
// share one window; a credential of another project (or of none) has its
// own.
func TestRateLimitIsPerProject(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, r, _, _ := setup(t, "", &all)
		org := s.st.Orgs()[0].ID
		prof := s.st.Credentials(org)[0].ProductProfileIDs
		cred := func(project string) (fakestate.Credential, string) {
			c, err := s.st.AddCredential(fakestate.Credential{OrgID: org, ProjectID: project, ProductProfileIDs: prof})
			if err != nil {
				t.Fatal(err)
			}
			tok, err := s.st.Issue(fakestate.TokenSpec{Type: fakestate.TokenAccess, Principal: fakestate.Principal{ClientID: c.ClientID,
				UserID: c.TechnicalAccountID, OrgID: org, Kind: fakestate.KindService}})
			if err != nil {
				t.Fatal(err)
			}
			return c, tok.Value
		}
		a, ta := cred("4566206088344794932")
		b, tb := cred("4566206088344794932")
		other, to := cred("4566206088344799999")
		for i := range 12 {
			c, tok := a, ta
			if i%2 == 1 {
				c, tok = b, tb
			}
			if code, _, _ := do(r, c, tok, "GET", "/discovery/me"); code != 200 {
				t.Fatalf("request %d: %d", i+1, code)
			}
		}
		for _, x := range []struct {
			c   fakestate.Credential
			tok string
		}{{a, ta}, {b, tb}} {
			if code, m, _ := do(r, x.c, x.tok, "GET", "/discovery/me"); code != 429 || m["error_code"] != "429050" {
				t.Fatalf("13th request of the project: %d %v", code, m)
			}
		}
		if code, _, _ := do(r, other, to, "GET", "/discovery/me"); code != 200 {
			t.Fatalf("another project: %d, want its own window", code)
		}
	})
}

func TestNoProfileAndFiltering(t *testing.T) {
	_, r, cred, tok := setup(t, "", nil)
	if code, m, _ := do(r, cred, tok, "GET", "/api/"+DemoCompanyID+"/users/me"); code != 403 || m["error_code"] != "403025" {
		t.Fatalf("no profile: %d %v", code, m)
	}
	// Discovery answers 200 with the org and no company, not 403025.
	if code, _, body := do(r, cred, tok, "GET", "/discovery/me"); code != 200 || !strings.Contains(body, `"imsOrgId":"`+cred.OrgID+`"`) ||
		!strings.Contains(body, `"companies":[]`) {
		t.Fatalf("discovery without a profile: %d %s", code, body)
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
