package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"
)

func TestRunAgainstFake(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"-debug"}, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	for _, want := range []string{
		"Target: embedded fake Adobe (use -live for real Adobe)\n",
		"org ", "(created true)", `profile "Campaign Analytics" attached (changed true)`,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if !strings.HasPrefix(out.String(), "Target: ") {
		t.Errorf("output does not start with the Target line:\n%s", out.String())
	}
	// The debug log shows each request but never the token or the secret.
	log := errOut.String()
	if !strings.Contains(log, "/console/organizations") || strings.Contains(log, "Bearer") || strings.Contains(log, "p8e-") {
		t.Errorf("debug log:\n%s", log)
	}
}

func TestRunFlags(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-project", "my-project", "-credential", "my-connector", "-profile", "Other Profile"}, &out, &errOut)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), `profile "Other Profile" attached (changed true)`) {
		t.Errorf("output:\n%s", out.String())
	}
}

// -h prints the example's own usage (not the go-build binary path) to the
// given stderr and returns flag.ErrHelp.
func TestRunHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-h"}, &out, &errOut)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("err = %v, want flag.ErrHelp", err)
	}
	if !strings.HasPrefix(errOut.String(), "Usage of devconsole:") || !strings.Contains(errOut.String(), "-live") {
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
