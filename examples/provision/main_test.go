package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/examples/internal/demo"
)

func runExample(t *testing.T, args ...string) (string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), args, &out, &errOut); err != nil {
		t.Fatalf("run %q: %v\nstdout:\n%s\nstderr:\n%s", args, err, out.String(), errOut.String())
	}
	return out.String(), errOut.String()
}

// The README's main job: the full provisioning on the embedded fake,
// stopping at the manual step, the fake playing the person, then the
// result with the commands and the checklist.
func TestProvisionOnTheFake(t *testing.T) {
	out, progress := runExample(t)
	for _, want := range []string{
		"Manual step: no Adobe API creates a product profile",
		"The embedded fake now plays the person in the Admin Console",
		"nlserver config -instance:demo_mkt '-setimsoauth:",
		"<CLIENT_SECRET>",
		"FEATUREFLAG_USE_ANALYTICS_20_API",
		"| Campaign ID | Campaign Id (eVar 4) | evar4 |",
		"| Broadlog ID | Broadlog Id (eVar 6) | evar6 |",
		"| Clicked | Clicked (Event 1) | event1 |",
		"## Checklist",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for _, want := range []string{"start developer-console-project", "finish report-suites-evars-events"} {
		if !strings.Contains(progress, want) {
			t.Errorf("progress lacks %q:\n%s", want, progress)
		}
	}
	if strings.Contains(out, "p8e-") || strings.Contains(progress, "p8e-") {
		t.Error("a client secret was printed without -reveal")
	}
}

func TestRevealSaysSo(t *testing.T) {
	out, _ := runExample(t, "-reveal")
	if !strings.Contains(out, "-reveal: the commands below contain the client secret") || !strings.Contains(out, "p8e-") {
		t.Errorf("-reveal did not print the secret with its warning:\n%s", out)
	}
}

func TestJSONAndPlan(t *testing.T) {
	out, _ := runExample(t, "-json")
	i := 0 // stdout is the JSON, and only the JSON
	var res struct {
		Path      string `json:"path"`
		Checklist []struct{ ID, Status string }
		Technical struct {
			ClientSecret string `json:"client_secret"`
		} `json:"technical_account"`
	}
	if err := json.Unmarshal([]byte(out[i:]), &res); err != nil {
		t.Fatalf("JSON: %v", err)
	}
	if res.Path != "self-service" || len(res.Checklist) == 0 || strings.Contains(out, "p8e-") {
		t.Errorf("JSON result %+v", res)
	}
	plan, _ := runExample(t, "-plan")
	if !strings.Contains(plan, "[manual] create the product profile") || !strings.Contains(plan, "[create] create the Developer Console project") {
		t.Errorf("plan:\n%s", plan)
	}
	planJSON, _ := runExample(t, "-plan", "-json")
	var p struct {
		Changes []struct{ Step, Action string }
		Manual  string `json:"manual_steps"`
	}
	if err := json.Unmarshal([]byte(planJSON), &p); err != nil || len(p.Changes) != 5 || !strings.Contains(p.Manual, "Admin Console") {
		t.Errorf("plan JSON: %v %+v", err, p)
	}
}

func TestHelpExitsZero(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"-h"}, &out, &errOut); err != nil {
		t.Fatalf("-h: %v", err)
	}
	if !strings.Contains(errOut.String(), "Usage: provision") || !strings.Contains(errOut.String(), "-reveal") {
		t.Errorf("usage: %q", errOut.String())
	}
}

func TestLoginOnTheFake(t *testing.T) {
	out, progress := runExample(t, "-login")
	if !strings.Contains(progress, "logged in with an Adobe ID") || !strings.Contains(out, "-setimsoauth:") {
		t.Errorf("-login run:\n%s\n%s", progress, out)
	}
}

func TestLiveNeedsSpec(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"-live"}, &out, &errOut); err == nil || !strings.Contains(err.Error(), "-spec") {
		t.Fatalf("-live without -spec: %v", err)
	}
}

// Pointed at a standalone fake with ADOBE_ENDPOINT, the example runs -live
// and the fake's control plane plays the person in the Admin Console.
func TestLiveAgainstTheStandaloneFake(t *testing.T) {
	fake, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Prepare(fake); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(adobetest.ControlPrefix, fake.ControlHandler())
	mux.Handle("/", fake)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	b := fake.Bootstrap()
	spec, _ := json.Marshal(demo.Spec(b.OrgID))
	path := filepath.Join(t.TempDir(), "connector.json")
	if err := os.WriteFile(path, spec, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(auth.EnvEndpoint, srv.URL)
	t.Setenv(auth.EnvClientID, b.ClientID)
	t.Setenv(auth.EnvClientSecret, b.ClientSecret)
	t.Setenv(auth.EnvOrgID, b.OrgID)
	t.Setenv(auth.EnvScopes, strings.Join(b.Scopes, ","))
	t.Setenv(auth.EnvIMSURL, "")
	out, _ := runExample(t, "-live", "-spec", path)
	for _, want := range []string{"Target: " + srv.URL, "its control plane", "-setimsoauth:" + b.OrgID} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if fake.Count("POST /console/organizations/{orgId}/projects") != 1 {
		t.Error("the run did not create its project on the standalone fake")
	}
}
