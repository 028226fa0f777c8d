package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFleetOnTheFakeAndResume(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"-json"}, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	s := out.String()
	js := s[strings.Index(s, "{"):]
	if !strings.Contains(js, `"status": "manual"`) || strings.Count(js, `"status": "done"`) != 18 {
		t.Errorf("report:\n%s", js)
	}
	if strings.Count(errOut.String(), " finish ") != 20 {
		t.Errorf("progress:\n%s", errOut.String())
	}
	path := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(path, []byte(js), 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errOut.Reset()
	if err := run(context.Background(), []string{"-resume", path}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "- resumed: 18") || !strings.Contains(out.String(), "- manual: 2") {
		t.Errorf("resumed report:\n%s", out.String())
	}
	if err := run(context.Background(), []string{"-h"}, &out, &errOut); err != nil {
		t.Errorf("-h: %v", err)
	}
}
