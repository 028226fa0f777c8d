package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
)

func TestRunAgainstFake(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), nil, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	for _, want := range []string{
		"embedded fake",
		`Profile "reserved_campaign_classic_Acme" does not exist yet.`,
		"   - `Custom Conversion 11`",
		"   - `Web Service Access`",
		"   - `" + adobetest.DemoRSID + "`", // a report suite that exists in the fake
		`Profile: reserved_campaign_classic_Acme (product "Adobe Analytics"`,
		"Run 1: operator demo.user@example.com created=true writes=1 verified=true",
		`  wrote: added demo.user@example.com to product profile "reserved_campaign_classic_Acme" (POST /v2/usermanagement/action/`,
		"Run 2: operator demo.user@example.com created=false writes=0 verified=true",
		"Members: 1",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunRejectsBadCompany(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-company", "Acme/EU"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "CompanyName") {
		t.Fatalf("err = %v", err)
	}
}

func TestRunLiveNeedsReportSuite(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-live"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "-report-suite") {
		t.Fatalf("err = %v", err)
	}
}

func TestRunLiveNeedsCredentials(t *testing.T) {
	t.Setenv("ADOBE_CLIENT_ID", "")
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-live", "-report-suite", "acmeprod"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "ADOBE_CLIENT_ID") {
		t.Fatalf("err = %v", err)
	}
}

func TestHelpExitsZero(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"-h"}, &out, &errOut); err != nil {
		t.Fatalf("-h: err = %v", err)
	}
	for _, want := range []string{"Usage: adminconsole", "reserved_campaign_classic_<company>", "-company", "-live"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("usage lacks %q:\n%s", want, errOut.String())
		}
	}
	if out.Len() != 0 {
		t.Errorf("-h did work: %s", out.String())
	}
}
