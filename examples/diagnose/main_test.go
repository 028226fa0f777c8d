package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestDiagnoseOnTheFake(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), nil, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	for _, want := range []string{"| D-EVENTS | pass |", "| D-CLASSSET | warn |", "Classification sets > New", "| D-TOKEN | pass |"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := run(context.Background(), []string{"-json"}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	var d struct {
		Findings []struct{ Check, Status string }
	}
	if err := json.Unmarshal([]byte(s[strings.Index(s, "{"):]), &d); err != nil || len(d.Findings) < 20 {
		t.Fatalf("JSON: %v %d", err, len(d.Findings))
	}
	if err := run(context.Background(), []string{"-h"}, &out, &errOut); err != nil {
		t.Errorf("-h: %v", err)
	}
}
