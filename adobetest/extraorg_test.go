package adobetest_test

import (
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
)

func TestAddDemoOrg(t *testing.T) {
	f, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	o, err := f.AddDemoOrg("acme")
	if err != nil {
		t.Fatal(err)
	}
	if o.Credential.OrgID != o.Org.ID || o.CompanyID != "acmeco" || o.RSID != "acmecoprod" || !strings.HasSuffix(o.Org.ID, "@AdobeOrg") {
		t.Errorf("org %+v", o)
	}
	if _, err := f.IssueToken(o.Credential.ClientID); err != nil {
		t.Errorf("the org's credential mints no token: %v", err)
	}
	if got := f.AnalyticsReportSuites("acmeco"); len(got) != 1 || got[0] != "acmecoprod" {
		t.Errorf("suites %v", got)
	}
	for _, bad := range []string{"", "Acme", "a-b", strings.Repeat("a", 21)} {
		if _, err := f.AddDemoOrg(bad); err == nil {
			t.Errorf("key %q accepted", bad)
		}
	}
}
