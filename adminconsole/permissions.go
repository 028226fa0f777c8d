package adminconsole

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-adobe/adobe/internal/core"
)

// Report Suite Tools permission items, as the Analytics documentation names
// them (the Campaign provisioning page spells some in lower case).
const (
	ReportSuiteMgmt            = "Report Suite Mgmt"
	ConversionVariables        = "Conversion Variables"
	SuccessEvents              = "Success Events"
	CustomDataWarehouseReport  = "Custom Data Warehouse Report"
	DataSourcesManager         = "Data Sources Manager" // requires ReportSuiteMgmt
	Classifications            = "Classifications"
	CodeManagerWebServices     = "Code Manager - Web Services"
	LogsWebServices            = "Logs - Web Services"
	WebServices                = "Web Services"
	WebServiceAccess           = "Web Service Access"
	CalculatedMetricCreation   = "Calculated Metric Creation"
	SegmentCreation            = "Segment Creation"
	AnalysisWorkspaceAccess    = "Analysis Workspace Access"
	ReportsAndAnalyticsAccess  = "Reports & Analytics Access"
	campaignProfilePrefix      = "reserved_campaign_classic_"
	maxProfileNameLength       = 255
	maxCustomEvent             = 1000
	maxCustomConversion        = 250
	campaignProvisioningDocURL = "https://experienceleague.adobe.com/docs/campaign-classic/using/integrating-with-adobe-experience-cloud/integrating-with-adobe-analytics/adobe-analytics-provisioning.html"
)

// CustomEvent returns the Metrics item of success event n ("Custom Event
// n", 1-1000). It grants eventN in every report suite of the profile.
func CustomEvent(n int) string { return "Custom Event " + strconv.Itoa(n) }

// CustomConversion returns the Dimensions item of eVar n ("Custom
// Conversion n", 1-250). It grants eVarN in every report suite of the
// profile.
func CustomConversion(n int) string { return "Custom Conversion " + strconv.Itoa(n) }

// PermissionItems is one section of the Permissions tab: explicit items, or
// Auto-include (every item, present and future).
type PermissionItems struct {
	AutoInclude bool
	Items       []string
}

// AnalyticsPermissions is a declarative spec of an Adobe Analytics product
// profile's Permissions tab in the Admin Console. No documented Adobe API
// sets these permissions: [ProfileSpec.ManualSteps] renders what a person
// does, and the effect can be verified through the Analytics 2.0 API.
type AnalyticsPermissions struct {
	// ReportSuites are report suite ids (or Auto-include).
	ReportSuites PermissionItems
	// Metrics, e.g. CustomEvent(1) (or Auto-include).
	Metrics PermissionItems
	// Dimensions, e.g. CustomConversion(10) (or Auto-include).
	Dimensions PermissionItems
	// ReportSuiteTools, e.g. ReportSuiteMgmt.
	ReportSuiteTools []string
	// AnalyticsTools, e.g. WebServiceAccess.
	AnalyticsTools []string
}

// Validate checks the spec: Report Suites, Metrics and Dimensions must each
// grant something (Adobe: "For an integration to function, the Report
// Suites, Metrics, and Dimensions permission groups, at minimum, need to be
// configured"), a section is either Auto-include or a list, names are
// unique, and Data Sources Manager comes with Report Suite Mgmt.
func (p AnalyticsPermissions) Validate() error {
	for _, sec := range []struct {
		name string
		s    PermissionItems
	}{{"ReportSuites", p.ReportSuites}, {"Metrics", p.Metrics}, {"Dimensions", p.Dimensions}} {
		if sec.s.AutoInclude && len(sec.s.Items) > 0 {
			return core.NewArgError("AnalyticsPermissions."+sec.name, "sets both AutoInclude and Items; Auto-include already grants every item")
		}
		if !sec.s.AutoInclude && len(sec.s.Items) == 0 {
			return core.NewArgError("AnalyticsPermissions."+sec.name, "grants nothing; an Analytics API integration needs Report Suites, Metrics and Dimensions")
		}
		if err := uniqueItems(sec.s.Items); err != nil {
			return core.NewArgError("AnalyticsPermissions."+sec.name, "%v", err)
		}
	}
	if err := uniqueItems(p.ReportSuiteTools); err != nil {
		return core.NewArgError("AnalyticsPermissions.ReportSuiteTools", "%v", err)
	}
	if err := uniqueItems(p.AnalyticsTools); err != nil {
		return core.NewArgError("AnalyticsPermissions.AnalyticsTools", "%v", err)
	}
	if slices.Contains(p.ReportSuiteTools, DataSourcesManager) && !slices.Contains(p.ReportSuiteTools, ReportSuiteMgmt) {
		return core.NewArgError("AnalyticsPermissions.ReportSuiteTools", "%q requires %q", DataSourcesManager, ReportSuiteMgmt)
	}
	return nil
}

func uniqueItems(items []string) error {
	seen := map[string]bool{}
	for _, it := range items {
		k := strings.ToLower(strings.TrimSpace(it))
		if k == "" {
			return fmt.Errorf("an item is empty")
		}
		if seen[k] {
			return fmt.Errorf("%q is listed twice", it)
		}
		seen[k] = true
	}
	return nil
}

// ProfileSpec is a product profile a person must create in the Admin
// Console: its name, product and Analytics permissions.
type ProfileSpec struct {
	// Name is the profile's name.
	Name string
	// Product is the product the profile belongs to, as the Admin Console
	// shows it (default "Adobe Analytics").
	Product string
	// Description is optional.
	Description string
	// Permissions are the profile's Analytics permissions.
	Permissions AnalyticsPermissions
}

// CampaignConnectorOptions describe the Adobe Campaign Classic connector's
// profile.
type CampaignConnectorOptions struct {
	// CompanyName completes the profile name
	// "reserved_campaign_classic_<CompanyName>".
	CompanyName string
	// ReportSuites are the report suite ids Campaign will use.
	ReportSuites []string
	// Events are the success event numbers (eventN) mapped in Campaign's
	// external account (typically 10); ignored with AutoIncludeMetrics.
	Events []int
	// EVars are the eVar numbers (typically 2: the cid and bid eVars);
	// ignored with AutoIncludeDimensions.
	EVars []int
	// AutoIncludeMetrics and AutoIncludeDimensions switch Auto-include on
	// instead of listing items (it grants every present and future item;
	// list items for least privilege).
	AutoIncludeMetrics, AutoIncludeDimensions bool
}

// CampaignProfileName returns "reserved_campaign_classic_<company>", the
// profile name Adobe Campaign's provisioning guide asks for, after checking
// that company makes a usable profile name.
func CampaignProfileName(company string) (string, error) {
	switch {
	case company == "":
		return "", core.NewArgError("CompanyName", "is empty; use your company's name as Adobe Campaign shows it, e.g. \"Acme\"")
	case strings.TrimSpace(company) != company:
		return "", core.NewArgError("CompanyName", "%q has leading or trailing spaces, which the Admin Console would keep in the name", company)
	case !utf8.ValidString(company):
		return "", core.NewArgError("CompanyName", "is not valid UTF-8")
	}
	for _, r := range company {
		switch {
		case unicode.IsControl(r):
			return "", core.NewArgError("CompanyName", "%q contains a control character (%U)", company, r)
		case r == '/' || r == '\\':
			return "", core.NewArgError("CompanyName", "%q contains %q; UMAPI addresses a profile by name in a URL path segment (GET /users/{orgId}/{page}/{groupName}), so keep slashes out", company, r)
		}
	}
	name := campaignProfilePrefix + company
	if n := utf8.RuneCountInString(name); n > maxProfileNameLength {
		return "", core.NewArgError("CompanyName", "makes a %d-character profile name; keep it within %d (SDK limit; Adobe does not publish one)", n, maxProfileNameLength)
	}
	return name, nil
}

// CampaignConnectorPermissions returns the product profile that the Adobe
// Campaign Classic ↔ Analytics connector needs (Campaign's provisioning
// guide, step 1): the name "reserved_campaign_classic_<CompanyName>", the
// report suites, the success events and eVars, the Report Suite Tools
// Report Suite Mgmt, Conversion Variables, Success Events, Custom Data
// Warehouse Report, Data Sources Manager and Classifications, and the
// Analytics Tools Code Manager - Web Services, Logs - Web Services, Web
// Services, Web Service Access, Calculated Metric Creation and Segment
// Creation. Use the profile exclusively for the connector, as Adobe
// recommends.
func CampaignConnectorPermissions(opts CampaignConnectorOptions) (ProfileSpec, error) {
	name, err := CampaignProfileName(opts.CompanyName)
	if err != nil {
		return ProfileSpec{}, err
	}
	p := AnalyticsPermissions{
		ReportSuites: PermissionItems{Items: slices.Clone(opts.ReportSuites)},
		Metrics:      PermissionItems{AutoInclude: opts.AutoIncludeMetrics},
		Dimensions:   PermissionItems{AutoInclude: opts.AutoIncludeDimensions},
		ReportSuiteTools: []string{
			ReportSuiteMgmt, ConversionVariables, SuccessEvents, CustomDataWarehouseReport, DataSourcesManager, Classifications,
		},
		AnalyticsTools: []string{
			CodeManagerWebServices, LogsWebServices, WebServices, WebServiceAccess, CalculatedMetricCreation, SegmentCreation,
		},
	}
	if !opts.AutoIncludeMetrics {
		for _, n := range opts.Events {
			if n < 1 || n > maxCustomEvent {
				return ProfileSpec{}, core.NewArgError("Events", "event%d is outside event1-event%d", n, maxCustomEvent)
			}
			p.Metrics.Items = append(p.Metrics.Items, CustomEvent(n))
		}
	}
	if !opts.AutoIncludeDimensions {
		for _, n := range opts.EVars {
			if n < 1 || n > maxCustomConversion {
				return ProfileSpec{}, core.NewArgError("EVars", "eVar%d is outside eVar1-eVar%d", n, maxCustomConversion)
			}
			p.Dimensions.Items = append(p.Dimensions.Items, CustomConversion(n))
		}
	}
	for _, rs := range opts.ReportSuites {
		if strings.TrimSpace(rs) == "" {
			return ProfileSpec{}, core.NewArgError("ReportSuites", "a report suite id is empty")
		}
	}
	if err := p.Validate(); err != nil {
		return ProfileSpec{}, err
	}
	return ProfileSpec{
		Name: name, Product: "Adobe Analytics",
		Description: "Adobe Campaign Classic ↔ Analytics connector (used exclusively by the connector)",
		Permissions: p,
	}, nil
}
