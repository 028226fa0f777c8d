package fakeconsole

import (
	"net/http"
	"slices"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// download answers the workspace configuration with workspace under project
// (observed; the spec nests it under project.org), its details carrying
// credentials, services and runtime.
func (p *Part) download(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	pr, ws, ok := p.workspaceOf(w, r, c)
	var creds []cred
	if ok {
		for _, id := range ws.Creds {
			creds = append(creds, *p.creds[id])
		}
	}
	p.mu.Unlock()
	if !ok {
		return
	}
	credsJSON := []map[string]any{}
	var codes []string
	for _, cr := range creds {
		sc, found := p.s.Credential(cr.ClientID)
		if !found {
			continue
		}
		credsJSON = append(credsJSON, map[string]any{
			"id": cr.ID, "name": cr.Name, "apiKey": cr.ClientID, "integration_type": cr.integrationType(),
			"oauth_server_to_server": map[string]any{
				"client_id": sc.ClientID, "client_secrets": sc.ClientSecrets,
				"technical_account_email": sc.TechnicalAccountEmail, "technical_account_id": sc.TechnicalAccountID,
				"scopes": sc.Scopes,
			},
		})
		for _, code := range cr.Services {
			if !slices.Contains(codes, code) {
				codes = append(codes, code)
			}
		}
	}
	services := []map[string]string{}
	for _, code := range codes {
		sd, _ := serviceByCode(code)
		services = append(services, map[string]string{"code": sd.Code, "name": sd.Name})
	}
	fakestate.WriteJSON(w, http.StatusOK, map[string]any{"project": map[string]any{
		"id": pr.ID, "name": pr.Name, "title": pr.Title, "description": pr.Description,
		"org": map[string]any{"id": c.org.ConsoleID, "name": c.org.Name, "ims_org_id": c.org.ID},
		"workspace": map[string]any{
			"id": ws.ID, "name": ws.Name, "title": ws.Title, "description": ws.Description,
			// runtime is always an object, namespaces empty without I/O
			// Runtime (aio-lib-console's e2e tests and the spec's
			// WorkspaceDetails); the fake has no event registrations or
			// API Mesh, so events and mesh, which Adobe sends only for
			// workspaces that have them, never appear.
			"details": map[string]any{"credentials": credsJSON, "services": services,
				"runtime": map[string]any{"namespaces": []any{}}},
		},
	}})
}
