package fakeconsole

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

type licenseConfigBody struct {
	ID        string `json:"id"`
	ProductID string `json:"productId"`
	Op        string `json:"op"`
	Selected  *bool  `json:"selected"`
}

type subscriptionBody struct {
	SDKCode        string              `json:"sdkCode"`
	LicenseConfigs []licenseConfigBody `json:"licenseConfigs"`
}

// applyWorkspaceSubs applies subscriptions to a credential. replace drops
// services not listed. A licenseConfig with op "remove" or selected:false
// detaches the profile; "add", selected:true or no op attaches it. It
// validates everything before changing anything and returns the new
// service list.
func (p *Part) applyWorkspaceSubs(cr *cred, subs []subscriptionBody, replace bool) ([]string, error) {
	type change struct {
		profile string
		attach  bool
	}
	var changes []change
	var codes []string
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
			attach := lc.Op != "remove" && (lc.Selected == nil || *lc.Selected)
			changes = append(changes, change{lc.ID, attach})
		}
		if sd.Product != "" && len(sub.LicenseConfigs) == 0 && !slices.Contains(cr.Services, sd.Code) {
			return nil, fmt.Errorf("service %s requires at least one product profile (licenseConfigs)", sd.Code)
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
	// Detach the profiles of dropped services.
	for _, old := range cr.Services {
		if slices.Contains(next, old) {
			continue
		}
		sd, _ := serviceByCode(old)
		for _, pp := range p.s.ProfilesOf(cr.ClientID) {
			if pp.ProductName == sd.Product {
				_ = p.s.DetachProfile(cr.ClientID, pp.ID)
			}
		}
	}
	for _, ch := range changes {
		if ch.attach {
			_ = p.s.AttachProfile(cr.ClientID, ch.profile)
		} else {
			_ = p.s.DetachProfile(cr.ClientID, ch.profile)
		}
	}
	cr.Services = next
	cr.Modified = time.Now()
	_ = p.s.SetScopes(cr.ClientID, scopesFor(next))
	return slices.Clone(next), nil
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
	list, err := p.applyWorkspaceSubs(cr, subs, true)
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
	list, err := p.applyWorkspaceSubs(cr, subs, true)
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
	list, err := p.applyWorkspaceSubs(cr, []subscriptionBody{sub}, false)
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
	keep := []subscriptionBody{}
	for _, code := range cr.Services {
		if code != sub.SDKCode {
			keep = append(keep, subscriptionBody{SDKCode: code})
		}
	}
	p.mu.Unlock()
	list, err := p.applyWorkspaceSubs(cr, keep, true)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
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
	fakestate.WriteJSON(w, http.StatusOK, map[string]any{"sdkCode": sd.Code, "name": sd.Name, "sdkList": []any{}, "licenseConfigs": lcs})
}
