package fakeconsole

import (
	"errors"
	"net/http"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// credOf returns the credential {key} of the call's org, or answers 404.
// Callers hold p.mu.
func (p *Part) credOf(w http.ResponseWriter, r *http.Request, c call, key string) (*cred, bool) {
	cr, ok := p.creds[r.PathValue(key)]
	if !ok || cr.OrgID != c.org.ID {
		writeError(w, http.StatusNotFound, "Credential not found")
		return nil, false
	}
	return cr, true
}

// listCredentials answers rows with integration_type, as the Console does
// (the spec names the field credential_type).
func (p *Part) listCredentials(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, ws, ok := p.workspaceOf(w, r, c)
	if !ok {
		return
	}
	out := []map[string]string{}
	for _, id := range ws.Creds {
		out = append(out, map[string]string{
			"id_workspace": ws.ID, "id_integration": id, "flow_type": "entp", "integration_type": p.creds[id].integrationType(),
		})
	}
	fakestate.WriteJSON(w, http.StatusOK, out)
}

type credBody struct {
	Name, Description, TemplateID string
	Services                      []subscriptionBody `json:"services"`
}

// newCred creates the IMS client in the shared store and the Console
// credential for it. Callers do not hold p.mu.
func (p *Part) newCred(c call, projectID, workspaceID string, body credBody) (*cred, fakestate.Credential, error) {
	sc, err := p.s.AddCredential(fakestate.Credential{
		Type: fakestate.TypeServerToServer, Name: body.Name, OrgID: c.org.ID, Scopes: slices.Clone(baseScopes),
		ProjectID: projectID,
	})
	if err != nil {
		return nil, sc, err
	}
	now := time.Now()
	cr := &cred{
		ID: p.s.NewDigits(6), ClientID: sc.ClientID, OrgID: c.org.ID, ProjectID: projectID, WorkspaceID: workspaceID,
		Name: body.Name, Description: body.Description, Created: now, Modified: now,
	}
	return cr, sc, nil
}

func validCredBody(w http.ResponseWriter, b credBody) bool {
	if b.Name == "" || b.Description == "" {
		writeError(w, http.StatusBadRequest, "name and description are required")
		return false
	}
	// Characters, not bytes: the limit comes from Adobe's aio CLI ("must be
	// between 6 and 25 chars long"); Adobe's spec sets none.
	if n := utf8.RuneCountInString(b.Name); n < 6 || n > 25 {
		writeError(w, http.StatusBadRequest, "name must be between 6 and 25 chars long")
		return false
	}
	return true
}

// createCredential answers 200 {id, apiKey, orgId}, as the spec says for
// the workspace-level create.
func (p *Part) createCredential(w http.ResponseWriter, r *http.Request, c call) {
	var body credBody
	if !decode(w, r, &body) || !validCredBody(w, body) {
		return
	}
	p.mu.Lock()
	pr, ws, ok := p.workspaceOf(w, r, c)
	p.mu.Unlock()
	if !ok {
		return
	}
	cr, _, err := p.newCred(c, pr.ID, ws.ID, body)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	p.mu.Lock()
	p.creds[cr.ID] = cr
	ws.Creds = append(ws.Creds, cr.ID)
	p.mu.Unlock()
	if len(body.Services) > 0 {
		if _, err := p.applySubs(cr, body.Services, false, dialectOp); err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
	}
	fakestate.WriteJSON(w, http.StatusOK, map[string]string{"id": cr.ID, "apiKey": cr.ClientID, "orgId": c.org.ConsoleID})
}

// createOrgCredential is the org-level create-and-subscribe: it makes its
// own project and workspace, answers 201, and 409 ERR_MSG_DUPLICATE_NAME
// when the org has a credential of that name.
func (p *Part) createOrgCredential(w http.ResponseWriter, r *http.Request, c call) {
	var body credBody
	if !decode(w, r, &body) || !validCredBody(w, body) {
		return
	}
	p.mu.Lock()
	for _, cr := range p.creds {
		if cr.OrgID == c.org.ID && cr.Name == body.Name {
			p.mu.Unlock()
			writeError(w, http.StatusConflict, "ERR_MSG_DUPLICATE_NAME")
			return
		}
	}
	now := time.Now()
	ws := &workspace{ID: p.s.NewDigits(19), Name: "Production", Title: "Production", Created: now}
	pr := &project{ID: p.s.NewDigits(19), OrgID: c.org.ID, Name: body.Name, Title: body.Name, Type: "default",
		WhoCreated: who(c), Created: now, Modified: now, Workspaces: []*workspace{ws}}
	p.projects[pr.ID] = pr
	p.order = append(p.order, pr.ID)
	p.mu.Unlock()
	cr, sc, err := p.newCred(c, pr.ID, ws.ID, body)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	p.mu.Lock()
	p.creds[cr.ID] = cr
	ws.Creds = append(ws.Creds, cr.ID)
	p.mu.Unlock()
	res := map[string][]string{"sdkList": {}, "errorList": {}}
	if len(body.Services) > 0 {
		list, err := p.applySubs(cr, body.Services, false, dialectOp)
		if err != nil {
			res["errorList"] = []string{err.Error()}
		}
		res["sdkList"] = list
	}
	fakestate.WriteJSON(w, http.StatusCreated, map[string]any{
		"id": cr.ID, "apiKey": cr.ClientID, "orgId": c.org.ConsoleID, "technicalAccountId": sc.TechnicalAccountID,
		"projectId": pr.ID, "workspaceId": ws.ID, "subscriptionResult": res,
	})
}

func (p *Part) deleteWorkspaceCredential(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	_, ws, ok := p.workspaceOf(w, r, c)
	if !ok {
		p.mu.Unlock()
		return
	}
	id := r.PathValue("credentialId")
	i := slices.Index(ws.Creds, id)
	if i < 0 {
		p.mu.Unlock()
		writeError(w, http.StatusNotFound, "Credential not found")
		return
	}
	ws.Creds = slices.Delete(ws.Creds, i, i+1)
	cr := p.creds[id]
	delete(p.creds, id)
	p.mu.Unlock()
	p.deleteClients([]string{cr.ClientID})
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte("OK"))
}

func (p *Part) deleteIntegration(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	cr, ok := p.credOf(w, r, c, "intId")
	if !ok {
		p.mu.Unlock()
		return
	}
	delete(p.creds, cr.ID)
	if pr := p.projects[cr.ProjectID]; pr != nil {
		for _, ws := range pr.Workspaces {
			ws.Creds = slices.DeleteFunc(ws.Creds, func(x string) bool { return x == cr.ID })
		}
	}
	p.mu.Unlock()
	p.deleteClients([]string{cr.ClientID})
	w.WriteHeader(http.StatusNoContent)
}

// getIntegration answers a credential's details with its services' scopes
// and product profiles.
func (p *Part) getIntegration(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	cr, ok := p.credOf(w, r, c, "intId")
	var services []string
	var modified time.Time
	roleIDs := map[string][]string{}
	if ok {
		services = append([]string{}, cr.Services...)
		modified = cr.Modified // changed under p.mu by a subscription
		for code, ids := range cr.Roles {
			roleIDs[code] = slices.Clone(ids)
		}
	}
	p.mu.Unlock()
	if !ok {
		return
	}
	sc, found := p.s.Credential(cr.ClientID)
	if !found {
		writeError(w, http.StatusNotFound, "Credential not found")
		return
	}
	props := []map[string]any{}
	for _, code := range services {
		sd, _ := serviceByCode(code)
		lcs := []map[string]any{}
		for _, pp := range p.s.ProfilesOf(cr.ClientID) {
			if pp.ProductName == sd.Product {
				lcs = append(lcs, licenseConfigJSON(pp, nil))
			}
		}
		// The spec's roles here are {code, description}: no id.
		roles := []map[string]string{}
		for _, id := range roleIDs[code] {
			if r, ok := sd.role(id); ok {
				roles = append(roles, map[string]string{"code": r.Code, "description": r.Name})
			}
		}
		props = append(props, map[string]any{"sdkCode": code, "name": sd.Name, "roles": roles, "scopes": sd.Scopes, "licenseConfigs": lcs})
	}
	fakestate.WriteJSON(w, http.StatusOK, map[string]any{
		"apikey": cr.ClientID, "technicalAccountId": sc.TechnicalAccountID, "technicalAccountEmail": sc.TechnicalAccountEmail,
		"description": cr.Description, "id": cr.ID, "name": cr.Name, "orgId": c.org.ConsoleID, "platform": "",
		"production": true, "readOnly": false, "sdkList": services, "serviceProperties": props,
		"status": "ENABLED", "type": "entp",
		"createdDate": fakestate.EpochMillis(cr.Created), "lastModifiedDate": fakestate.EpochMillis(modified),
	})
}

var errUnknownService = errors.New("unknown sdkCode")
