package fakeconsole

import (
	"net/http"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// The fake holds OAuth Server-to-Server credentials only: JWT credentials
// can no longer be created at Adobe (since 2024-06-03), so every
// credential's migration status is NONE and the binding calls answer as for
// a credential that is not a JWT credential.

func (p *Part) migrationCred(w http.ResponseWriter, r *http.Request, c call) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, ok := p.credOf(w, r, c, "credentialId")
	return ok
}

func (p *Part) migrationStatus(w http.ResponseWriter, r *http.Request, c call) {
	if p.migrationCred(w, r, c) {
		fakestate.WriteJSON(w, http.StatusOK, map[string]string{"migrationStatus": "NONE"})
	}
}

func (p *Part) startMigration(w http.ResponseWriter, r *http.Request, c call) {
	if p.migrationCred(w, r, c) {
		writeError(w, http.StatusBadRequest, "The credential is not a Service Account (JWT) credential")
	}
}

func (p *Part) getBinding(w http.ResponseWriter, r *http.Request, c call) {
	if p.migrationCred(w, r, c) {
		writeError(w, http.StatusNotFound, "No migration binding")
	}
}

func (p *Part) finalizeMigration(w http.ResponseWriter, r *http.Request, c call) {
	if p.migrationCred(w, r, c) {
		writeError(w, http.StatusBadRequest, "No migration in progress")
	}
}

func (p *Part) cancelMigration(w http.ResponseWriter, id string, c call) {
	p.mu.Lock()
	cr, ok := p.creds[id]
	p.mu.Unlock()
	if !ok || cr.OrgID != c.org.ID {
		writeError(w, http.StatusNotFound, "Credential not found")
		return
	}
	writeError(w, http.StatusNotFound, "No migration binding")
}
