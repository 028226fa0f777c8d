package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestRunAgainstFake(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), nil, &out, &errOut); err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	got := out.String()
	for _, want := range []string{"demoorg0", "Demo Company", "demoorg0prod", "Demo Production", "variables/evar5", "counter",
		"metrics/event12", "most_recent_last"} {
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
