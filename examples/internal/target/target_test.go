package target

import (
	"bytes"
	"errors"
	"flag"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
)

func TestOpenFakeAndLive(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	f := Register(fs)
	if err := fs.Parse(nil); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	prepared := false
	tg, err := f.Open(&out, &out, "x", "Adobe", func(*adobetest.Fake) error { prepared = true; return nil })
	if err != nil || tg.Fake == nil || !prepared || !strings.Contains(out.String(), "embedded fake") {
		t.Fatalf("fake target: %v %v %q", tg, err, out.String())
	}
	if _, err := tg.Config(); err != nil {
		t.Fatal(err)
	}

	t.Setenv("ADOBE_CLIENT_ID", "")
	fs = flag.NewFlagSet("x", flag.ContinueOnError)
	f = Register(fs)
	_ = fs.Parse([]string{"-live"})
	if _, err := f.Open(&out, &out, "x", "Adobe", nil); err == nil || !strings.Contains(err.Error(), "ADOBE_CLIENT_ID") {
		t.Fatalf("live without credentials: %v", err)
	}
}

func TestExitCode(t *testing.T) {
	var errOut bytes.Buffer
	if ExitCode("x", nil, &errOut) != 0 || ExitCode("x", flag.ErrHelp, &errOut) != 0 || errOut.Len() != 0 {
		t.Fatalf("success or -h must exit 0 silently, printed %q", errOut.String())
	}
	if ExitCode("x", errors.New("boom"), &errOut) != 1 || errOut.String() != "x: boom\n" {
		t.Fatalf("failure: %q", errOut.String())
	}
}
