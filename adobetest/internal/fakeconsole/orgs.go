package fakeconsole

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// serviceDef is a service (API) of the fake's catalogue.
type serviceDef struct {
	Code, Name, Product string   // Product: the product whose profiles are its licenseConfigs ("" = none)
	Scopes              []string // scopes a credential gets with the service
	// Roles are the service's roles; a service that has roles needs at
	// least one in a subscription.
	Roles []serviceRole
}

// serviceRole is a role of a service (properties.roles).
type serviceRole struct {
	ID         int
	Code, Name string
}

func (sd serviceDef) role(id string) (serviceRole, bool) {
	for _, r := range sd.Roles {
		if strconv.Itoa(r.ID) == id {
			return r, true
		}
	}
	return serviceRole{}, false
}

func rolesJSON(rs []serviceRole) []map[string]any {
	out := []map[string]any{}
	for _, r := range rs {
		out = append(out, map[string]any{"id": r.ID, "code": r.Code, "name": r.Name})
	}
	return out
}

// ProductIDs maps product names to the productId the Console shows in
// licenseConfigs.
var ProductIDs = map[string]string{"Adobe Analytics": "A5C1E0D4B8F7A0C3E2D1"}

var baseScopes = []string{"openid", "AdobeID"}

// catalogue lists the server-to-server services every org of the fake has.
var catalogue = []serviceDef{
	{Code: "AdobeAnalyticsSDK", Name: "Adobe Analytics", Product: "Adobe Analytics",
		Scopes: []string{"openid", "AdobeID", "read_organizations", "additional_info.projectedProductContext", "additional_info.job_function"}},
	{Code: "AdobeIOManagementAPISDK", Name: "I/O Management API",
		Scopes: []string{"openid", "AdobeID", "read_organizations", "additional_info.projectedProductContext", "additional_info.roles", "adobeio_api", "read_client_secret", "manage_client_secrets"}},
	{Code: "UserMgmtSDK", Name: "User Management API",
		Scopes: []string{"openid", "AdobeID", "user_management_sdk"}},
	// A service with roles, as in Adobe's sample services payload
	// (shared/specs/devconsole/services.json).
	{Code: "McDtmSDK", Name: "Experience Platform Launch API",
		Scopes: []string{"openid", "AdobeID", "read_organizations", "additional_info.projectedProductContext", "additional_info.roles"},
		Roles: []serviceRole{
			{ID: 1032, Code: "ent_reactor"}, {ID: 1007, Code: "ent_reactor_admin", Name: "Admin"},
			{ID: 1010, Code: "ent_reactor_approver", Name: "Approver"}, {ID: 1009, Code: "ent_reactor_developer", Name: "Developer"},
		}},
}

func serviceByCode(code string) (serviceDef, bool) {
	i := slices.IndexFunc(catalogue, func(s serviceDef) bool { return s.Code == code })
	if i < 0 {
		return serviceDef{}, false
	}
	return catalogue[i], true
}

func (p *Part) listOrgs(w http.ResponseWriter, _ *http.Request, c call) {
	out := []map[string]any{}
	for _, o := range p.orgsOf(c.pr) {
		// role is the spec's; roles is what the live API adds and Adobe's
		// own Console client reads (reference devconsole.md O1: real
		// payloads carry roles:[{principal, organization, target,
		// named_role, target_type, target_data}]; the CLI's mock row has
		// roles:[] beside role).
		out = append(out, map[string]any{
			"id": o.ConsoleID, "code": o.ID, "name": o.Name, "description": "", "type": "entp", "role": "ADMIN",
			"roles": []map[string]any{{
				"principal": c.pr.UserID, "organization": o.ID, "target": o.ID,
				"named_role": "org_admin", "target_type": "TRG_ORG", "target_data": map[string]any{},
			}},
		})
	}
	fakestate.WriteJSON(w, http.StatusOK, out)
}

// licenseConfigs returns the org's product profiles of a service's product.
func (p *Part) licenseConfigs(orgID string, sd serviceDef) []fakestate.ProductProfile {
	if sd.Product == "" {
		return nil
	}
	var out []fakestate.ProductProfile
	for _, pp := range p.s.ProductProfiles(orgID) {
		if pp.ProductName == sd.Product {
			out = append(out, pp)
		}
	}
	return out
}

func licenseConfigJSON(pp fakestate.ProductProfile, selected *bool) map[string]any {
	m := map[string]any{"id": pp.ID, "name": pp.Name, "productId": ProductIDs[pp.ProductName], "description": ""}
	if selected != nil {
		m["selected"] = *selected
	}
	return m
}

func (p *Part) listServices(w http.ResponseWriter, r *http.Request, c call) {
	var want []string
	if v := r.URL.Query().Get("sdkCodes"); v != "" {
		want = strings.Split(v, ",")
	}
	out := []map[string]any{}
	for _, sd := range catalogue {
		if want != nil && !slices.Contains(want, sd.Code) {
			continue
		}
		lcs := []map[string]any{}
		for _, pp := range p.licenseConfigs(c.org.ID, sd) {
			lcs = append(lcs, licenseConfigJSON(pp, nil))
		}
		enabled := true
		reasons := []string{}
		if sd.Product != "" && len(lcs) == 0 {
			enabled = false
			reasons = append(reasons, "ORG_MISSING_PRODUCT_PROFILES")
		}
		out = append(out, map[string]any{
			"name": sd.Name, "code": sd.Code, "enabled": enabled, "type": "entp", "platformList": []string{"entp"},
			"docsUrl": "", "learnMoreUrl": "", "description": sd.Name, "deprecated": false,
			"properties":       map[string]any{"licenseConfigs": lcs, "roles": rolesJSON(sd.Roles)},
			"requiresApproval": false, "canRequestAccess": false, "entitledForOrg": true,
			"disabledReasons": reasons,
		})
	}
	fakestate.WriteJSON(w, http.StatusOK, out)
}

func (p *Part) termsKey(c call) string { return c.org.ID + "|" + c.pr.UserID }

func (p *Part) getTerms(w http.ResponseWriter, _ *http.Request, c call) {
	p.mu.Lock()
	ok := p.terms[p.termsKey(c)]
	p.mu.Unlock()
	fakestate.WriteJSON(w, http.StatusOK, map[string]bool{"accepted": ok, "current": ok})
}

func (p *Part) acceptTerms(w http.ResponseWriter, _ *http.Request, c call) {
	p.mu.Lock()
	p.terms[p.termsKey(c)] = true
	p.mu.Unlock()
	fakestate.WriteJSON(w, http.StatusOK, map[string]bool{"accepted": true})
}
