package fakeconsole

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

type licenseConfigBody struct {
	ID        string `json:"id"`
	ProductID string `json:"productId"`
	Op        string `json:"op"`
	Selected  *bool  `json:"selected"`
}

type roleBody struct {
	// ID is an integer in the workspace dialect and a string in the org
	// dialect (Adobe's spec): kept as the raw JSON and compared unquoted.
	ID   json.RawMessage `json:"id"`
	Code string          `json:"code"`
}

func (r roleBody) id() string { return strings.Trim(string(r.ID), `"`) }

type subscriptionBody struct {
	SDKCode        string              `json:"sdkCode"`
	LicenseConfigs []licenseConfigBody `json:"licenseConfigs"`
	Roles          []roleBody          `json:"roles"`
}

// Subscription dialects (Adobe's spec): the workspace calls and the create
// calls name each product-profile change with op ("add", or "remove" which
// no Adobe source documents); the org calls list profiles with selected
// (true attaches, false detaches).
const (
	dialectOp       = "op"
	dialectSelected = "selected"
)

// applySubs applies subscriptions to a credential. replace drops the
// services not listed and sets the roles of the listed ones; otherwise a
// listed service without roles keeps its roles. A service with product
// profiles needs one to be subscribed, a service with roles a role. It
// validates everything before changing anything and returns the new
// service list.
func (p *Part) applySubs(cr *cred, subs []subscriptionBody, replace bool, dialect string) ([]string, error) {
	type change struct {
		profile string
		attach  bool
	}
	var changes []change
	var codes []string
	roles := map[string][]string{}
	p.mu.Lock()
	current := slices.Clone(cr.Services)
	p.mu.Unlock()
	for _, sub := range subs {
		sd, ok := serviceByCode(sub.SDKCode)
		if !ok {
			return nil, fmt.Errorf("%w %q", errUnknownService, sub.SDKCode)
		}
		codes = append(codes, sd.Code)
		for _, lc := range sub.LicenseConfigs {
			pp, ok := p.s.ProductProfile(lc.ID)
			if !ok || pp.OrgID != cr.OrgID || pp.ProductName != sd.Product {
				return nil, fmt.Errorf("licenseConfig %q is not a product profile of %s in this org", lc.ID, sd.Code)
			}
			var attach bool
			switch dialect {
			case dialectOp:
				if lc.Op != "add" && lc.Op != "remove" {
					return nil, fmt.Errorf("licenseConfig %q: op must be add or remove", lc.ID)
				}
				attach = lc.Op == "add"
			default:
				if lc.Selected == nil {
					return nil, fmt.Errorf("licenseConfig %q: selected is required", lc.ID)
				}
				attach = *lc.Selected
			}
			changes = append(changes, change{lc.ID, attach})
		}
		if sd.Product != "" && len(sub.LicenseConfigs) == 0 && !slices.Contains(current, sd.Code) {
			return nil, fmt.Errorf("service %s requires at least one product profile (licenseConfigs)", sd.Code)
		}
		for _, rb := range sub.Roles {
			r, ok := sd.role(rb.id())
			if !ok || (rb.Code != "" && rb.Code != r.Code) {
				return nil, fmt.Errorf("role %s (%q) is not a role of %s", rb.id(), rb.Code, sd.Code)
			}
			roles[sd.Code] = append(roles[sd.Code], rb.id())
		}
		if len(sd.Roles) > 0 && len(sub.Roles) == 0 && (replace || !slices.Contains(current, sd.Code)) {
			return nil, fmt.Errorf("service %s requires at least one role", sd.Code)
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	next := slices.Clone(cr.Services)
	if replace {
		next = nil
	}
	for _, code := range codes {
		if !slices.Contains(next, code) {
			next = append(next, code)
		}
	}
	// Detach the profiles and roles of dropped services.
	for _, old := range cr.Services {
		if slices.Contains(next, old) {
			continue
		}
		p.dropServiceLocked(cr, old)
	}
	for _, ch := range changes {
		if ch.attach {
			_ = p.s.AttachProfile(cr.ClientID, ch.profile)
		} else {
			_ = p.s.DetachProfile(cr.ClientID, ch.profile)
		}
	}
	if cr.Roles == nil {
		cr.Roles = map[string][]string{}
	}
	for code, ids := range roles {
		cr.Roles[code] = ids
	}
	cr.Services = next
	cr.Modified = time.Now()
	_ = p.s.SetScopes(cr.ClientID, scopesFor(next))
	return slices.Clone(next), nil
}

// dropServiceLocked detaches a service's product profiles and roles from a
// credential. Callers hold p.mu.
func (p *Part) dropServiceLocked(cr *cred, code string) {
	sd, _ := serviceByCode(code)
	if sd.Product != "" {
		for _, pp := range p.s.ProfilesOf(cr.ClientID) {
			if pp.ProductName == sd.Product {
				_ = p.s.DetachProfile(cr.ClientID, pp.ID)
			}
		}
	}
	delete(cr.Roles, code)
}

// scopesFor is the union of the base scopes and the services' scopes.
func scopesFor(codes []string) []string {
	out := slices.Clone(baseScopes)
	for _, code := range codes {
		sd, _ := serviceByCode(code)
		for _, s := range sd.Scopes {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// setWorkspaceServices replaces a workspace credential's services and
// answers an object {sdkList: [...]}, as observed (the spec says an array).
func (p *Part) setWorkspaceServices(w http.ResponseWriter, r *http.Request, c call) {
	if t := r.PathValue("credentialType"); t != "oauth_server_to_server" && t != "entp" {
		writeError(w, http.StatusBadRequest, "unsupported credential type "+t)
		return
	}
	var subs []subscriptionBody
	if !decode(w, r, &subs) {
		return
	}
	p.mu.Lock()
	_, ws, ok := p.workspaceOf(w, r, c)
	var cr *cred
	if ok {
		cr, ok = p.credOf(w, r, c, "credentialId")
		if ok && cr.WorkspaceID != ws.ID {
			writeError(w, http.StatusNotFound, "Credential not found")
			ok = false
		}
	}
	p.mu.Unlock()
	if !ok {
		return
	}
	list, err := p.applySubs(cr, subs, true, dialectOp)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	fakestate.WriteJSON(w, http.StatusOK, map[string]any{"sdkList": list})
}

func (p *Part) orgCred(w http.ResponseWriter, r *http.Request, c call) (*cred, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.credOf(w, r, c, "credentialId")
}

func (p *Part) setOrgServices(w http.ResponseWriter, r *http.Request, c call) {
	var subs []subscriptionBody
	if !decode(w, r, &subs) {
		return
	}
	cr, ok := p.orgCred(w, r, c)
	if !ok {
		return
	}
	list, err := p.applySubs(cr, subs, true, dialectSelected)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	fakestate.WriteJSON(w, http.StatusOK, map[string]any{"sdkList": list, "errorList": []string{}})
}

func (p *Part) subscribe(w http.ResponseWriter, r *http.Request, c call) {
	var sub subscriptionBody
	if !decode(w, r, &sub) {
		return
	}
	cr, ok := p.orgCred(w, r, c)
	if !ok {
		return
	}
	list, err := p.applySubs(cr, []subscriptionBody{sub}, false, dialectSelected)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	fakestate.WriteJSON(w, http.StatusOK, map[string]any{"sdkList": list, "errorList": []string{}})
}

func (p *Part) unsubscribe(w http.ResponseWriter, r *http.Request, c call) {
	var sub subscriptionBody
	if !decode(w, r, &sub) {
		return
	}
	cr, ok := p.orgCred(w, r, c)
	if !ok {
		return
	}
	p.mu.Lock()
	if i := slices.Index(cr.Services, sub.SDKCode); i >= 0 {
		p.dropServiceLocked(cr, sub.SDKCode)
		cr.Services = slices.Delete(cr.Services, i, i+1)
		cr.Modified = time.Now()
		_ = p.s.SetScopes(cr.ClientID, scopesFor(cr.Services))
	}
	list := slices.Clone(cr.Services)
	p.mu.Unlock()
	fakestate.WriteJSON(w, http.StatusOK, map[string]any{"sdkList": list, "errorList": []string{}})
}

// serviceProperties answers a service's product profiles with selected
// for the credential.
func (p *Part) serviceProperties(w http.ResponseWriter, r *http.Request, c call) {
	sd, ok := serviceByCode(r.PathValue("sdkCode"))
	if !ok {
		writeError(w, http.StatusNotFound, "Service not found")
		return
	}
	p.mu.Lock()
	cr, ok := p.credOf(w, r, c, "intId")
	p.mu.Unlock()
	if !ok {
		return
	}
	attached := p.s.ProfilesOf(cr.ClientID)
	lcs := []map[string]any{}
	for _, pp := range p.licenseConfigs(c.org.ID, sd) {
		sel := slices.ContainsFunc(attached, func(a fakestate.ProductProfile) bool { return a.ID == pp.ID })
		lcs = append(lcs, licenseConfigJSON(pp, &sel))
	}
	fakestate.WriteJSON(w, http.StatusOK, map[string]any{"sdkCode": sd.Code, "name": sd.Name, "sdkList": rolesJSON(sd.Roles), "licenseConfigs": lcs})
}
