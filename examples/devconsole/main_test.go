package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestRunOnFake(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out, false, "campaign-analytics", "campaign-connector", "Campaign Analytics"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"org ", "(created true)", `profile "Campaign Analytics" attached (changed true)`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
