package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

func TestRunAgainstFake(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), nil, &out, &errOut); err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	got := out.String()
	for _, want := range []string{"demoorg0", "Demo Company", "demoorg0prod", "Demo Production", "variables/evar5", "counter",
		"metrics/event12", "most_recent_last", "reserved_campaign_classic_Demo Company", "grants"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

func TestUnknownCompany(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-company", "Globex"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "Demo Company") {
		t.Fatalf("err = %v", err)
	}
}

// TestRepeatedRunsDoNotShareALimiter: every run against the fake has the
// same bootstrap client id; with the shared per-client-id limiter, the
// third run in one process waited about 6 s for Adobe's 12-per-6-s budget.
// Each run now has its own limiter, so four runs fit in a short deadline.
func TestRepeatedRunsDoNotShareALimiter(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	for i := range 4 {
		var out, errOut bytes.Buffer
		if err := run(ctx, nil, &out, &errOut); err != nil {
			t.Fatalf("run %d: %v\n%s", i+1, err, errOut.String())
		}
	}
}

// TestHelp: -h prints the usage and is not a failure (exit 0).
func TestHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"-h"}, &out, &errOut); err != nil {
		t.Fatalf("-h: %v", err)
	}
	if !strings.Contains(errOut.String(), "Usage: analytics") || !strings.Contains(errOut.String(), "-company") || out.Len() != 0 {
		t.Fatalf("-h printed %q / %q", out.String(), errOut.String())
	}
}
