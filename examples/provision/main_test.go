package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
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
