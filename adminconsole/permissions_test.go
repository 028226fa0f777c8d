package adminconsole_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
)

func TestCampaignProfileName(t *testing.T) {
	tests := []struct {
		company, want, errHas string
	}{
		{company: "Acme", want: "reserved_campaign_classic_Acme"},
		{company: "Acme Europe GmbH", want: "reserved_campaign_classic_Acme Europe GmbH"},
		{company: "", errHas: "is empty"},
		{company: " Acme", errHas: "leading or trailing spaces"},
		{company: "Acme\n", errHas: "leading or trailing spaces"},
		{company: "Ac\tme", errHas: "control character"},
		{company: "Acme/EU", errHas: "URL path segment"},
		{company: strings.Repeat("x", 240), errHas: "266-character"},
	}
	for _, tt := range tests {
		got, err := adminconsole.CampaignProfileName(tt.company)
		if tt.errHas == "" {
			if err != nil || got != tt.want {
				t.Errorf("CampaignProfileName(%q) = %q, %v", tt.company, got, err)
			}
			continue
		}
		var ae *adobe.ArgError
		if !errors.As(err, &ae) || ae.Arg != "CompanyName" || !strings.Contains(err.Error(), tt.errHas) {
			t.Errorf("CampaignProfileName(%q) err = %v, want one saying %q", tt.company, err, tt.errHas)
		}
	}
}

func TestCampaignConnectorPermissions(t *testing.T) {
	spec, err := adminconsole.CampaignConnectorPermissions(adminconsole.CampaignConnectorOptions{
		CompanyName: "Acme", ReportSuites: []string{"acmeprod"}, Events: []int{1, 2}, EVars: []int{10, 11},
	})
	if err != nil {
		t.Fatal(err)
	}
	p := spec.Permissions
	if spec.Name != "reserved_campaign_classic_Acme" || spec.Product != "Adobe Analytics" {
		t.Errorf("spec = %+v", spec)
	}
	wantRST := []string{"Report Suite Mgmt", "Conversion Variables", "Success Events", "Custom Data Warehouse Report", "Data Sources Manager", "Classifications"}
	wantAT := []string{"Code Manager - Web Services", "Logs - Web Services", "Web Services", "Web Service Access", "Calculated Metric Creation", "Segment Creation"}
	if !slices.Equal(p.ReportSuiteTools, wantRST) || !slices.Equal(p.AnalyticsTools, wantAT) {
		t.Errorf("tools = %q / %q", p.ReportSuiteTools, p.AnalyticsTools)
	}
	if !slices.Equal(p.Metrics.Items, []string{"Custom Event 1", "Custom Event 2"}) || !slices.Equal(p.Dimensions.Items, []string{"Custom Conversion 10", "Custom Conversion 11"}) {
		t.Errorf("metrics/dimensions = %q / %q", p.Metrics.Items, p.Dimensions.Items)
	}
	auto, err := adminconsole.CampaignConnectorPermissions(adminconsole.CampaignConnectorOptions{
		CompanyName: "Acme", ReportSuites: []string{"rs"}, AutoIncludeMetrics: true, AutoIncludeDimensions: true, Events: []int{1},
	})
	if err != nil || !auto.Permissions.Metrics.AutoInclude || len(auto.Permissions.Metrics.Items) != 0 {
		t.Errorf("auto = %+v, %v", auto.Permissions, err)
	}
	bad := []adminconsole.CampaignConnectorOptions{
		{CompanyName: "Acme", Events: []int{1}, EVars: []int{1}},                                     // no report suite
		{CompanyName: "Acme", ReportSuites: []string{"rs"}, EVars: []int{1}},                         // no metrics
		{CompanyName: "Acme", ReportSuites: []string{"rs"}, Events: []int{1001}, EVars: []int{1}},    // event out of range
		{CompanyName: "Acme", ReportSuites: []string{"rs"}, Events: []int{1}, EVars: []int{251}},     // eVar out of range
		{CompanyName: "Acme", ReportSuites: []string{"rs", "rs"}, Events: []int{1}, EVars: []int{1}}, // duplicate
		{CompanyName: "", ReportSuites: []string{"rs"}, Events: []int{1}, EVars: []int{1}},
	}
	for i, o := range bad {
		if _, err := adminconsole.CampaignConnectorPermissions(o); !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("bad[%d]: err = %v", i, err)
		}
	}
}

func TestPermissionsValidate(t *testing.T) {
	ok := adminconsole.AnalyticsPermissions{
		ReportSuites: adminconsole.PermissionItems{AutoInclude: true},
		Metrics:      adminconsole.PermissionItems{AutoInclude: true},
		Dimensions:   adminconsole.PermissionItems{Items: []string{adminconsole.CustomConversion(1)}},
	}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	both := ok
	both.Metrics = adminconsole.PermissionItems{AutoInclude: true, Items: []string{"x"}}
	dsm := ok
	dsm.ReportSuiteTools = []string{adminconsole.DataSourcesManager}
	for name, p := range map[string]adminconsole.AnalyticsPermissions{"auto and items": both, "data sources without mgmt": dsm} {
		if err := p.Validate(); !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestManualStepsRender(t *testing.T) {
	spec, _ := adminconsole.CampaignConnectorPermissions(adminconsole.CampaignConnectorOptions{
		CompanyName: "Acme", ReportSuites: []string{"acmeprod"}, Events: []int{1}, AutoIncludeDimensions: true,
	})
	steps := spec.ManualSteps()
	md := adminconsole.RenderMarkdown("Create the profile", steps)
	txt := adminconsole.RenderText("Create the profile", steps)
	for _, want := range []string{
		"1. Sign in to the Admin Console (https://adminconsole.adobe.com)",
		`"reserved_campaign_classic_Acme"`,
		"   - `acmeprod`",
		"   - `Custom Event 1`",
		"Click Edit on Dimensions, switch Auto-include on",
		"   - `Data Sources Manager`",
		"   - `Web Service Access`",
		"API Credentials tab",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if !strings.Contains(txt, "      * Segment Creation") || strings.Contains(txt, "`") {
		t.Errorf("text rendering:\n%s", txt)
	}
	// Every item of the spec appears in the steps, once.
	all := append(append(append(append([]string{}, spec.Permissions.ReportSuites.Items...), spec.Permissions.Metrics.Items...), spec.Permissions.ReportSuiteTools...), spec.Permissions.AnalyticsTools...)
	for _, it := range all {
		if c := strings.Count(md, "`"+it+"`"); c != 1 {
			t.Errorf("%q appears %d times", it, c)
		}
	}
	e := &adminconsole.ManualStepRequired{Task: adminconsole.TaskCreateProductProfile, Reason: "no API", Profile: spec, Steps: steps}
	if !strings.Contains(e.Error(), "manual step required") || !strings.Contains(e.Text(), "no API") {
		t.Errorf("error = %q", e.Error())
	}
}
