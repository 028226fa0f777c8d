package analytics

import (
	"context"
	"strings"

	"github.com/go-adobe/adobe"
)

// DiscoveryService finds the IMS orgs and Analytics companies a token can
// see.
type DiscoveryService service

// Discovery is the answer of GET /discovery/me.
type Discovery struct {
	IMSUserID string   `json:"imsUserId"`
	IMSOrgs   []IMSOrg `json:"imsOrgs"`
}

// IMSOrg is one IMS organization with its Analytics companies.
type IMSOrg struct {
	IMSOrgID  string    `json:"imsOrgId"`
	Companies []Company `json:"companies"`
}

// Company is an Analytics company (login company).
type Company struct {
	// GlobalCompanyID is the id every company-scoped call uses.
	GlobalCompanyID string `json:"globalCompanyId"`
	CompanyName     string `json:"companyName"`
	// APIRateLimitPolicy is Adobe's undocumented rate-limit tier, e.g.
	// "aa_api_tier10_tp".
	APIRateLimitPolicy string `json:"apiRateLimitPolicy,omitempty"`
	// DPC is the data-processing center, e.g. "pnw", when Adobe says.
	DPC string `json:"dpc,omitempty"`
	// IMSOrgID is filled in from the enclosing org (not on the wire).
	IMSOrgID string `json:"-"`
}

// Me returns the orgs and companies the token can see. Every org is
// returned (some community clients read only the first).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/discovery/
//
// API: GET https://analytics.adobe.io/discovery/me
func (s *DiscoveryService) Me(ctx context.Context, reqOpts ...adobe.RequestOption) (*Discovery, *adobe.Response, error) {
	var d Discovery
	resp, err := s.client.get(ctx, "discovery/me", nil, &d, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	for i := range d.IMSOrgs {
		for j := range d.IMSOrgs[i].Companies {
			d.IMSOrgs[i].Companies[j].IMSOrgID = d.IMSOrgs[i].IMSOrgID
		}
	}
	return &d, resp, nil
}

// Companies returns every company of every org, in Adobe's order.
func (d *Discovery) Companies() []Company {
	var out []Company
	for _, o := range d.IMSOrgs {
		out = append(out, o.Companies...)
	}
	return out
}

// FindCompany returns the one company of org orgID (any org when empty)
// whose global company id equals company, or else whose name equals it
// case-insensitively. company may be empty when the org has exactly one
// company. It fails with a *[CompanyError] when none or several match.
func (d *Discovery) FindCompany(orgID, company string) (Company, error) {
	var inOrg, byID, byName []Company
	for _, c := range d.Companies() {
		if orgID != "" && !strings.EqualFold(c.IMSOrgID, orgID) {
			continue
		}
		inOrg = append(inOrg, c)
		switch {
		case company == "":
		case c.GlobalCompanyID == company:
			byID = append(byID, c)
		case strings.EqualFold(strings.TrimSpace(c.CompanyName), strings.TrimSpace(company)):
			byName = append(byName, c)
		}
	}
	match := byID
	if len(match) == 0 {
		match = byName
	}
	if company == "" {
		match = inOrg
	}
	switch len(match) {
	case 1:
		return match[0], nil
	case 0:
		return Company{}, &CompanyError{OrgID: orgID, Company: company, Candidates: d.Companies()}
	}
	return Company{}, &CompanyError{OrgID: orgID, Company: company, Candidates: match, Ambiguous: true}
}
