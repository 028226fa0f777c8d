package adobetest

import (
	"fmt"
	"strings"
)

// ExtraOrg is an organization added by AddDemoOrg.
type ExtraOrg struct {
	// Org is the organization.
	Org Org
	// Credential is its OAuth Server-to-Server automation credential, with
	// the bootstrap credential's scopes (User Management, Console).
	Credential Credential
	// CompanyID and RSID are its Analytics company and report suite.
	CompanyID, RSID string
}

// AddDemoOrg adds an organization like the demo org, for tests and demos
// that run many organizations (a consultancy's fleet): its automation
// credential (BootstrapScopes), an Analytics company named after the org
// with one report suite, text eVars 1 to 10 and numeric events 1 to 20. The
// Analytics product is licensed through the connector's profile when
// someone creates one (AddProductProfile with the org's id); the org has no
// other profile. key (lower-case letters and digits, at most 20) names the
// org, its company ("<key>co") and report suite ("<key>coprod").
func (f *Fake) AddDemoOrg(key string) (ExtraOrg, error) {
	if key == "" || len(key) > 20 || strings.Trim(key, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
		return ExtraOrg{}, fmt.Errorf("adobetest: AddDemoOrg: key %q must be 1 to 20 lower-case letters and digits", key)
	}
	org, err := f.AddOrg(Org{Name: "Org " + key})
	if err != nil {
		return ExtraOrg{}, err
	}
	cred, err := f.AddCredential(Credential{Name: "Automation", OrgID: org.ID, Scopes: BootstrapScopes})
	if err != nil {
		return ExtraOrg{}, err
	}
	gcid := key + "co"
	rsid := gcid + "prod"
	if err := f.AddAnalyticsCompany(AnalyticsCompany{GlobalCompanyID: gcid, Name: "Company " + key, OrgID: org.ID}); err != nil {
		return ExtraOrg{}, err
	}
	if err := f.AddAnalyticsReportSuite(gcid, AnalyticsReportSuite{RSID: rsid, Name: "Production " + key}); err != nil {
		return ExtraOrg{}, err
	}
	for n := 1; n <= 10; n++ {
		if err := f.AddAnalyticsEVar(gcid, rsid, n, fmt.Sprintf("eVar %d", n), "text"); err != nil {
			return ExtraOrg{}, err
		}
	}
	for n := 1; n <= 20; n++ {
		if err := f.AddAnalyticsEvent(gcid, rsid, n, fmt.Sprintf("Event %d", n), "int"); err != nil {
			return ExtraOrg{}, err
		}
	}
	return ExtraOrg{Org: org, Credential: cred, CompanyID: gcid, RSID: rsid}, nil
}
