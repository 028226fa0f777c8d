package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// server is a running adobe-fake command.
type server struct {
	t      *testing.T
	banner banner
	cancel context.CancelFunc
	done   chan error
}

func start(t *testing.T, args ...string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	s := &server{t: t, cancel: cancel, done: make(chan error, 1)}
	go func() {
		s.done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), pw)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadBytes('\n')
	if err != nil {
		t.Fatalf("reading the first line: %v", err)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if err := json.Unmarshal(line, &s.banner); err != nil {
		t.Fatalf("first line %q: %v", line, err)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-s.done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	return s
}

// do sends a plain HTTP request and decodes a JSON answer into out (when
// not nil); it returns the status.
func (s *server) do(method, path, bearer, apiKey string, body any, out any) int {
	s.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.banner.BaseURL+path, rd)
	if err != nil {
		s.t.Fatal(err)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
		req.Header.Set("x-api-key", apiKey)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && len(b) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			s.t.Fatalf("%s %s: %d %q: %v", method, path, resp.StatusCode, b, err)
		}
	}
	return resp.StatusCode
}

func (s *server) mint(clientID, secret, scopes string) string {
	s.t.Helper()
	resp, err := http.PostForm(s.banner.BaseURL+"/ims/token/v3", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {clientID}, "client_secret": {secret}, "scope": {scopes},
	})
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		s.t.Fatalf("token: %d %v", resp.StatusCode, err)
	}
	return tok.AccessToken
}

func want(t *testing.T, what string, got, wantStatus int) {
	t.Helper()
	if got != wantStatus {
		t.Fatalf("%s: status %d, want %d", what, got, wantStatus)
	}
}

// Issue 10, "Done when": a fresh adobe-fake lets a plain-HTTP client do the
// connector's whole job with the bootstrap credential, and the control
// plane plays the Admin Console step for the connector's profile.
func TestFreshFakeDoesTheWholeJobOverPlainHTTP(t *testing.T) {
	s := start(t)
	b := s.banner
	if b.ControlURL != b.BaseURL+"/_fake/" {
		t.Fatalf("control_url = %q on loopback", b.ControlURL)
	}
	tok := s.mint(b.ClientID, b.ClientSecret, b.Scopes)
	var orgs []struct{ ID, Code string }
	want(t, "orgs", s.do("GET", "/console/organizations", tok, b.ClientID, nil, &orgs), 200)
	con := "/console/organizations/" + orgs[0].ID
	var svcs []struct {
		Code       string
		Enabled    bool
		Properties struct {
			LicenseConfigs []struct{ ID, Name, ProductID string }
		}
	}
	want(t, "services", s.do("GET", con+"/services?sdkCodes=AdobeAnalyticsSDK", tok, b.ClientID, nil, &svcs), 200)
	if len(svcs) != 1 || !svcs[0].Enabled || len(svcs[0].Properties.LicenseConfigs) == 0 {
		t.Fatalf("Analytics service = %+v, want enabled with a profile", svcs)
	}
	general := svcs[0].Properties.LicenseConfigs[0]
	var proj struct{ ProjectID, WorkspaceID string }
	want(t, "project", s.do("POST", con+"/projects", tok, b.ClientID, map[string]string{"name": "campaign", "title": "Campaign", "type": "default"}, &proj), 201)
	ws := con + "/projects/" + proj.ProjectID + "/workspaces/" + proj.WorkspaceID
	var cred struct{ ID, APIKey string }
	want(t, "credential", s.do("POST", ws+"/credentials/oauth-server-to-server", tok, b.ClientID,
		map[string]string{"name": "Campaign connector", "description": "Adobe Campaign"}, &cred), 200)
	want(t, "attach Analytics", s.do("PUT", ws+"/credentials/oauth_server_to_server/"+cred.ID+"/services", tok, b.ClientID,
		[]map[string]any{{"sdkCode": "AdobeAnalyticsSDK", "roles": nil, "licenseConfigs": []map[string]string{{"op": "add", "id": general.ID, "productId": general.ProductID}}}}, nil), 200)
	var dl struct {
		Project struct {
			Workspace struct {
				Details struct {
					Credentials []struct {
						OAuth struct {
							ClientID      string   `json:"client_id"`
							ClientSecrets []string `json:"client_secrets"`
							Scopes        []string `json:"scopes"`
						} `json:"oauth_server_to_server"`
					}
					Runtime map[string]any
				}
			}
		}
	}
	want(t, "download", s.do("GET", ws+"/download", tok, b.ClientID, nil, &dl), 200)
	d := dl.Project.Workspace.Details
	if len(d.Credentials) != 1 || d.Runtime == nil {
		t.Fatalf("download details = %+v", d)
	}
	var me struct {
		IMSOrgs []struct {
			Companies []struct{ GlobalCompanyID string }
		}
	}
	want(t, "discovery", s.do("GET", "/discovery/me", tok, b.ClientID, nil, &me), 200)
	if len(me.IMSOrgs) != 1 || len(me.IMSOrgs[0].Companies) != 1 {
		t.Fatalf("discovery = %+v", me)
	}
	api := "/api/" + me.IMSOrgs[0].Companies[0].GlobalCompanyID
	var suites struct{ Content []struct{ RSID string } }
	want(t, "suites", s.do("GET", api+"/reportsuites/collections/suites", tok, b.ClientID, nil, &suites), 200)
	rsid := suites.Content[0].RSID
	var dims, metrics []struct{ ID string }
	want(t, "eVars", s.do("GET", api+"/dimensions?rsid="+rsid, tok, b.ClientID, nil, &dims), 200)
	want(t, "events", s.do("GET", api+"/metrics?rsid="+rsid, tok, b.ClientID, nil, &metrics), 200)
	if len(dims) < 10 || len(metrics) < 20 {
		t.Fatalf("%d dimensions, %d metrics", len(dims), len(metrics))
	}

	// The manual step, played through the control plane: the connector's
	// reserved profile, then attached to the new credential by name.
	var prof struct{ ID, Name string }
	want(t, "create profile", s.do("POST", "/_fake/product-profiles", "", "", map[string]any{
		"name": "reserved_campaign_classic_Demo",
		"permissions": map[string]any{"report_suites": map[string]any{"items": []string{rsid}}, "metrics": map[string]any{"auto_include": true},
			"dimensions": map[string]any{"auto_include": true}, "report_suite_tools": []string{"Report Suite Mgmt"},
			"analytics_tools": []string{"Code Manager - Web Services"}},
	}, &prof), 201)
	if prof.ID == "" || prof.Name != "reserved_campaign_classic_Demo" {
		t.Fatalf("profile = %+v", prof)
	}
	want(t, "create the same profile again", s.do("POST", "/_fake/product-profiles", "", "", map[string]any{"name": "reserved_campaign_classic_Demo"}, nil), 400)
	var attached struct {
		ProductProfiles []string `json:"product_profiles"`
	}
	want(t, "attach", s.do("POST", "/_fake/credentials/"+cred.APIKey+"/product-profiles", "", "",
		map[string]string{"product_profile": "reserved_campaign_classic_Demo"}, &attached), 200)
	if len(attached.ProductProfiles) != 2 || attached.ProductProfiles[1] != prof.ID {
		t.Fatalf("attached = %v", attached)
	}
	// The connector's credential, with its own secret from the download,
	// now sees the company through its two profiles.
	ctok := s.mint(d.Credentials[0].OAuth.ClientID, d.Credentials[0].OAuth.ClientSecrets[0], strings.Join(d.Credentials[0].OAuth.Scopes, ","))
	want(t, "connector discovery", s.do("GET", "/discovery/me", ctok, cred.APIKey, nil, &me), 200)
	if len(me.IMSOrgs[0].Companies) != 1 {
		t.Fatalf("connector discovery = %+v", me)
	}
	want(t, "attach to bootstrap", s.do("POST", "/_fake/credentials/bootstrap/product-profiles", "", "",
		map[string]string{"product_profile": prof.ID}, &attached), 200)
	want(t, "attach to a missing credential", s.do("POST", "/_fake/credentials/ffffffffffffffffffffffffffffffff/product-profiles", "", "",
		map[string]string{"product_profile": prof.ID}, nil), 404)
	want(t, "attach a missing profile", s.do("POST", "/_fake/credentials/bootstrap/product-profiles", "", "",
		map[string]string{"product_profile": "nope"}, nil), 404)
}

// Every control route, driven with plain HTTP.
func TestControlRoutes(t *testing.T) {
	s := start(t)
	b := s.banner
	var index struct {
		Routes      []string
		FaultRoutes []string `json:"fault_routes"`
	}
	want(t, "index", s.do("GET", "/_fake/", "", "", nil, &index), 200)
	if len(index.Routes) != 10 || !slices.Contains(index.FaultRoutes, "GET /discovery/me") || !slices.Contains(index.FaultRoutes, "*") {
		t.Errorf("index = %+v", index)
	}

	// Request log: read, then reset.
	tok := s.mint(b.ClientID, b.ClientSecret, b.Scopes)
	var log []struct {
		Method, Host, Path, Route, Time string
		Status                          int
	}
	want(t, "requests", s.do("GET", "/_fake/requests", "", "", nil, &log), 200)
	if len(log) != 1 || log[0].Route != "POST /ims/token/v3" || log[0].Status != 200 || log[0].Time == "" {
		t.Fatalf("log = %+v", log)
	}
	want(t, "reset requests", s.do("DELETE", "/_fake/requests", "", "", nil, nil), 204)
	want(t, "requests after reset", s.do("GET", "/_fake/requests", "", "", nil, &log), 200)
	if len(log) != 0 {
		t.Fatalf("log after reset = %+v", log)
	}

	// Faults: inject, list, meet, clear.
	want(t, "bad fault", s.do("POST", "/_fake/faults", "", "", map[string]any{"route": "GET /nope"}, nil), 400)
	want(t, "bad duration", s.do("POST", "/_fake/faults", "", "", map[string]any{"route": "*", "latency": "soon"}, nil), 400)
	want(t, "unknown field", s.do("POST", "/_fake/faults", "", "", map[string]any{"route": "*", "stauts": 500}, nil), 400)
	want(t, "fault", s.do("POST", "/_fake/faults", "", "", map[string]any{"route": "GET /discovery/me", "times": 1, "status": 503, "retry_after": "2"}, nil), 201)
	want(t, "fault 2", s.do("POST", "/_fake/faults", "", "", map[string]any{"route": "GET /discovery/me", "empty_body": true, "response_latency": "1ms"}, nil), 201)
	var faults []map[string]any
	want(t, "faults", s.do("GET", "/_fake/faults", "", "", nil, &faults), 200)
	if len(faults) != 2 || faults[0]["status"] != float64(503) || faults[1]["response_latency"] != "1ms" {
		t.Fatalf("faults = %v", faults)
	}
	want(t, "faulted discovery", s.do("GET", "/discovery/me", tok, b.ClientID, nil, nil), 503)
	want(t, "empty discovery", s.do("GET", "/discovery/me", tok, b.ClientID, nil, nil), 200)
	want(t, "clear faults", s.do("DELETE", "/_fake/faults", "", "", nil, nil), 204)
	want(t, "faults after clear", s.do("GET", "/_fake/faults", "", "", nil, &faults), 200)
	if len(faults) != 0 {
		t.Fatalf("faults after clear = %v", faults)
	}

	// Users.
	var u struct {
		ID    string
		Email string
		Orgs  []string
	}
	want(t, "user", s.do("POST", "/_fake/users", "", "", map[string]any{"email": "ann@acme.example", "first_name": "Ann"}, &u), 201)
	if u.ID == "" || u.Email != "ann@acme.example" || len(u.Orgs) != 1 || u.Orgs[0] != b.OrgID {
		t.Fatalf("user = %+v", u)
	}
	want(t, "duplicate user", s.do("POST", "/_fake/users", "", "", map[string]any{"email": "ANN@acme.example"}, nil), 400)

	// Profiles (the manual step) and the seed dump.
	want(t, "profile", s.do("POST", "/_fake/product-profiles", "", "", map[string]any{"name": "Ops",
		"permissions": map[string]any{"report_suites": map[string]any{"auto_include": true}}}, nil), 201)
	var e struct{ Error string }
	want(t, "attach", s.do("POST", "/_fake/credentials/bootstrap/product-profiles", "", "", map[string]any{"product_profile": "ops"}, &e), 200)
	var seed struct {
		Users           []struct{ Email string }
		ProductProfiles []struct{ Name string } `json:"product_profiles"`
		Attach          []struct {
			ClientID        string   `json:"client_id"`
			ProductProfiles []string `json:"product_profiles"`
		} `json:"credential_profiles"`
		Analytics struct {
			Companies []struct{ GlobalCompanyID string } `json:"companies"`
		}
	}
	want(t, "seed", s.do("GET", "/_fake/seed", "", "", nil, &seed), 200)
	if len(seed.Users) != 1 || len(seed.ProductProfiles) != 1 || len(seed.Attach) != 1 || seed.Attach[0].ClientID != "bootstrap" ||
		len(seed.Analytics.Companies) != 1 {
		t.Fatalf("seed = %+v", seed)
	}

	// Unknown routes answer JSON.
	want(t, "unknown", s.do("GET", "/_fake/nope", "", "", nil, &e), 404)
	if !strings.Contains(e.Error, "/_fake/") {
		t.Errorf("error = %q", e.Error)
	}
	want(t, "wrong method", s.do("PUT", "/_fake/faults", "", "", nil, &e), 405)
	// The control plane's own requests are not in the log.
	want(t, "requests", s.do("GET", "/_fake/requests", "", "", nil, &log), 200)
	for _, r := range log {
		if strings.HasPrefix(r.Path, "/_fake") {
			t.Errorf("control request logged: %+v", r)
		}
	}
}

// -control off refuses the control plane even on loopback, and the Adobe
// APIs still answer.
func TestControlPlaneOff(t *testing.T) {
	s := start(t, "-control", "off")
	if s.banner.ControlURL != "" {
		t.Errorf("control_url = %q", s.banner.ControlURL)
	}
	var e struct{ Error string }
	for _, p := range []string{"/_fake/", "/_fake/requests", "/_fake"} {
		if got := s.do("GET", p, "", "", nil, &e); got != http.StatusForbidden || !strings.Contains(e.Error, "-control on") {
			t.Errorf("GET %s = %d %q, want 403", p, got, e.Error)
		}
	}
	s.mint(s.banner.ClientID, s.banner.ClientSecret, s.banner.Scopes)
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:80": true, "[::1]:80": true, "0.0.0.0:80": false, "192.0.2.1:80": false} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := isLoopback(a); got != want {
			t.Errorf("isLoopback(%s) = %v", addr, got)
		}
	}
}

// -h documents the flags and every control route, and is not an error
// for main (it exits 0).
func TestHelpDocumentsControlRoutes(t *testing.T) {
	var out bytes.Buffer
	err := run(t.Context(), []string{"-h"}, &out)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("run(-h) = %v, want flag.ErrHelp (main exits 0)", err)
	}
	for _, w := range []string{"-control", "-seed", "/_fake/requests", "/_fake/faults", "/_fake/product-profiles",
		"/_fake/credentials/{clientId}/product-profiles", "/_fake/users", "/_fake/seed"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("usage lacks %q:\n%s", w, out.String())
		}
	}
	if err := run(t.Context(), []string{"-control", "maybe"}, io.Discard); err == nil {
		t.Error("-control maybe accepted")
	}
}
