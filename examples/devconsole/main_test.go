package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/devconsole"
)

// Two runs in one process: the first creates and reports three writes, the
// second finds everything and writes nothing, by its own account and by
// the fake's request log.
func TestRunAgainstFakeConverges(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"-debug"}, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	s := out.String()
	if !strings.HasPrefix(s, "Target: embedded fake Adobe (use -live for real Adobe)\n") {
		t.Errorf("output does not start with the Target line:\n%s", s)
	}
	run1, run2, ok := strings.Cut(s, "run 2:\n")
	if !ok {
		t.Fatalf("no second run:\n%s", s)
	}
	for _, want := range []string{"(created true)", `profile "reserved_campaign_classic_Acme" attached (this run attached it: true)`,
		"writes reported: 3\n", "3 writes\n", "POST /console/organizations/"} {
		if !strings.Contains(run1, want) {
			t.Errorf("run 1 lacks %q:\n%s", want, run1)
		}
	}
	for _, want := range []string{"(created false)", "attached (this run attached it: false)", "writes reported: 0\n", "0 writes\n"} {
		if !strings.Contains(run2, want) {
			t.Errorf("run 2 lacks %q:\n%s", want, run2)
		}
	}
	if strings.Contains(run2, "(created true)") {
		t.Errorf("run 2 created something:\n%s", run2)
	}
	// The debug log shows each request but never the token or the secret.
	log := errOut.String()
	if !strings.Contains(log, "/console/organizations") || strings.Contains(log, "Bearer") || strings.Contains(log, "p8e-") {
		t.Errorf("debug log:\n%s", log)
	}
}

// A profile the org does not have fails with the typed error, which lists
// the available profiles, and nothing is attached.
func TestRunWrongProfileFails(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-profile", "Nope"}, &out, &errOut)
	var pe *devconsole.ProfileUnavailableError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "reserved_campaign_classic_Acme") {
		t.Fatalf("err = %v, want *devconsole.ProfileUnavailableError listing reserved_campaign_classic_Acme", err)
	}
	if strings.Contains(out.String(), "attached") {
		t.Errorf("output claims an attachment:\n%s", out.String())
	}
}

func TestRunFlags(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-project", "my-project", "-credential", "my-connector", "-company", "Globex"}, &out, &errOut)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), `profile "reserved_campaign_classic_Globex" attached (this run attached it: true)`) {
		t.Errorf("output:\n%s", out.String())
	}
}

// -h prints the example's own usage to the given stderr and succeeds (exit
// status 0).
func TestRunHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"-h"}, &out, &errOut); err != nil {
		t.Fatalf("err = %v, want nil", err)
	}
	if !strings.HasPrefix(errOut.String(), "Usage of devconsole:") || !strings.Contains(errOut.String(), "-live") || !strings.Contains(errOut.String(), "-company") {
		t.Errorf("usage:\n%s", errOut.String())
	}
}

func TestRunLiveNeedsCredentials(t *testing.T) {
	t.Setenv("ADOBE_CLIENT_ID", "")
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-live"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "ADOBE_CLIENT_ID") {
		t.Fatalf("err = %v", err)
	}
}
