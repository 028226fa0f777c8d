package fakeconsole

import (
	"net/http"
	"strings"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// Migration statuses, as in Adobe's spec (GET …/status).
const (
	MigrationNone       = "NONE" // an OAuth Server-to-Server credential
	MigrationNotStarted = "NOT_STARTED"
	MigrationStarted    = "STARTED"
	MigrationCompleted  = "COMPLETED"
)

// AddJWTCredential adds a Service Account (JWT) credential, in a new
// default project of its own, to the org (its IMS org id). Adobe stopped
// creating JWT credentials on 2024-06-03, so no Console call makes one: the
// fake seeds them to model the migration (status NOT_STARTED → binding →
// STARTED → finalize → COMPLETED, or cancel → NOT_STARTED). The IMS client
// exists from the start (the migration keeps its client id). It returns the
// credential (integration) id, the project and workspace ids.
func (p *Part) AddJWTCredential(orgID, name string) (credentialID, projectID, workspaceID string, err error) {
	sc, err := p.s.AddCredential(fakestate.Credential{Type: fakestate.TypeServerToServer, Name: name, OrgID: orgID, Scopes: scopesFor(nil)})
	if err != nil {
		return "", "", "", err
	}
	now := time.Now()
	ws := &workspace{ID: p.s.NewDigits(19), Name: "Production", Title: "Production", Created: now}
	pr := &project{ID: p.s.NewDigits(19), OrgID: orgID, Name: name, Title: name, Type: "default",
		WhoCreated: sc.TechnicalAccountID, Created: now, Modified: now, Workspaces: []*workspace{ws}}
	cr := &cred{ID: p.s.NewDigits(6), ClientID: sc.ClientID, OrgID: orgID, ProjectID: pr.ID, WorkspaceID: ws.ID,
		Name: name, Description: name, Created: now, Modified: now, JWT: true, Migration: MigrationNotStarted}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.projects[pr.ID] = pr
	p.order = append(p.order, pr.ID)
	ws.Creds = append(ws.Creds, cr.ID)
	p.creds[cr.ID] = cr
	return cr.ID, pr.ID, ws.ID, nil
}

// status returns a credential's migration status.
func (cr *cred) status() string {
	if cr.Migration == "" {
		return MigrationNone
	}
	return cr.Migration
}

// integrationType is the credential row's integration_type: "service" for
// a JWT credential, "oauth_server_to_server_migrate" while it migrates.
func (cr *cred) integrationType() string {
	switch cr.status() {
	case MigrationNotStarted:
		return "service"
	case MigrationStarted:
		return "oauth_server_to_server_migrate"
	}
	return "oauth_server_to_server"
}

// migrating answers 400 and returns true while a migration freezes the
// credential: Adobe's docs say no APIs can be added and secrets cannot be
// rotated until it is finished or cancelled. Callers hold p.mu.
func migrating(w http.ResponseWriter, cr *cred) bool {
	if cr.status() == MigrationStarted {
		writeErrorCode(w, http.StatusBadRequest, "MIGRATION_IN_PROGRESS", "The credential is being migrated to OAuth Server-to-Server; finish or cancel the migration first")
		return true
	}
	return false
}

func (p *Part) migrationStatus(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	cr, ok := p.credOf(w, r, c, "credentialId")
	var st string
	if ok {
		st = cr.status()
	}
	p.mu.Unlock()
	if ok {
		fakestate.WriteJSON(w, http.StatusOK, map[string]string{"migrationStatus": st})
	}
}

// startMigration adds the OAuth Server-to-Server binding to a JWT
// credential (201, as the spec says).
func (p *Part) startMigration(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	defer p.mu.Unlock()
	cr, ok := p.credOf(w, r, c, "credentialId")
	if !ok {
		return
	}
	switch cr.status() {
	case MigrationNotStarted:
	case MigrationStarted:
		writeErrorCode(w, http.StatusBadRequest, "MIGRATION_IN_PROGRESS", "The migration of this credential has already started")
		return
	default:
		writeError(w, http.StatusBadRequest, "The credential is not a Service Account (JWT) credential")
		return
	}
	sc, _ := p.s.Credential(cr.ClientID)
	cr.Migration = MigrationStarted
	cr.Binding = map[string]string{
		"organizationId": c.org.ID, "clientId": cr.ClientID, "allowedScopes": strings.Join(sc.Scopes, ","),
		"servicePrincipalId": sc.TechnicalAccountID, "createdByUser": who(c), "createdAt": fakestate.EpochMillis(time.Now()),
	}
	fakestate.WriteJSON(w, http.StatusCreated, cr.Binding)
}

func (p *Part) getBinding(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	defer p.mu.Unlock()
	cr, ok := p.credOf(w, r, c, "credentialId")
	if !ok {
		return
	}
	if cr.status() != MigrationStarted {
		writeError(w, http.StatusNotFound, "No migration binding")
		return
	}
	fakestate.WriteJSON(w, http.StatusOK, cr.Binding)
}

// finalizeMigration deletes the JWT part: the credential is OAuth
// Server-to-Server only (status COMPLETED).
func (p *Part) finalizeMigration(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	defer p.mu.Unlock()
	cr, ok := p.credOf(w, r, c, "credentialId")
	if !ok {
		return
	}
	if cr.status() != MigrationStarted {
		writeError(w, http.StatusBadRequest, "No migration in progress")
		return
	}
	cr.JWT, cr.Migration, cr.Binding = false, MigrationCompleted, nil
	w.WriteHeader(http.StatusOK)
}

// cancelMigration deletes the binding (204): the credential is a JWT
// credential again.
func (p *Part) cancelMigration(w http.ResponseWriter, id string, c call) {
	p.mu.Lock()
	defer p.mu.Unlock()
	cr, ok := p.creds[id]
	if !ok || cr.OrgID != c.org.ID {
		writeError(w, http.StatusNotFound, "Credential not found")
		return
	}
	if cr.status() != MigrationStarted {
		writeError(w, http.StatusNotFound, "No migration binding")
		return
	}
	cr.Migration, cr.Binding = MigrationNotStarted, nil
	w.WriteHeader(http.StatusNoContent)
}
