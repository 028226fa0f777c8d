package fakeconsole

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// Part is the Developer Console part of the fake.
type Part struct {
	s *fakestate.Store

	mu       sync.Mutex
	projects map[string]*project // by id
	order    []string
	creds    map[string]*cred      // by credential (integration) id
	secrets  map[string]secretMeta // by secret value
	terms    map[string]bool       // "<ims org>|<user id>"
}

type project struct {
	ID, OrgID, Name, Title, Description, Type, WhoCreated string
	Created, Modified                                     time.Time
	Workspaces                                            []*workspace
}

type workspace struct {
	ID, Name, Title, Description string
	Created                      time.Time
	Creds                        []string // credential ids
}

type cred struct {
	ID, ClientID, OrgID, ProjectID, WorkspaceID, Name, Description string
	Services                                                       []string            // sdk codes
	Roles                                                          map[string][]string // sdk code → role ids
	// JWT marks a Service Account (JWT) credential; Migration is its
	// migration status (MigrationNotStarted, …), "" for an S2S credential.
	JWT               bool
	Migration         string
	Binding           map[string]string
	Created, Modified time.Time
}

type secretMeta struct {
	UUID    string
	Created time.Time
}

// New returns the Developer Console part over the shared store.
func New(s *fakestate.Store) *Part {
	return &Part{s: s, projects: map[string]*project{}, creds: map[string]*cred{}, secrets: map[string]secretMeta{}, terms: map[string]bool{}}
}

// Register adds the Console routes to r.
func (p *Part) Register(r *fakestate.Router) {
	const org = "/console/organizations/{orgId}"
	const ws = org + "/projects/{projectId}/workspaces/{workspaceId}"
	routes := []struct {
		pattern string
		h       handler
	}{
		{"GET /console/organizations", p.listOrgs},
		{"GET " + org + "/services", p.listServices},
		{"GET /console/services/ims/organizations/{orgId}/terms", p.getTerms},
		{"POST /console/services/ims/organizations/{orgId}/terms", p.acceptTerms},
		{"GET " + org + "/projects", p.listProjects},
		{"POST " + org + "/projects", p.createProject},
		{"GET " + org + "/projects/{projectId}", p.getProject},
		{"PATCH " + org + "/projects/{projectId}", p.updateProject},
		{"DELETE " + org + "/projects/{projectId}", p.deleteProject},
		{"GET " + org + "/projects/{projectId}/workspaces", p.listWorkspaces},
		{"POST " + org + "/projects/{projectId}/workspaces", p.createWorkspace},
		{"GET " + ws, p.getWorkspace},
		{"DELETE " + ws, p.deleteWorkspace},
		{"GET " + ws + "/credentials", p.listCredentials},
		{"POST " + ws + "/credentials/oauth-server-to-server", p.createCredential},
		{"DELETE " + ws + "/credentials/{credentialId}", p.deleteWorkspaceCredential},
		{"PUT " + ws + "/credentials/{credentialType}/{credentialId}/services", p.setWorkspaceServices},
		{"GET " + ws + "/download", p.download},
		{"GET " + org + "/integrations/{intId}", p.getIntegration},
		{"DELETE " + org + "/integrations/{intId}", p.deleteIntegration},
		{"GET " + org + "/integrations/{intId}/secrets", p.revealSecrets},
		{"GET " + org + "/integrations/entp/{intId}/service/{sdkCode}/properties", p.serviceProperties},
		{"POST " + org + "/credentials/oauth-server-to-server", p.createOrgCredential},
		{"PUT " + org + "/credentials/oauth-server-to-server/{credentialId}/services", p.setOrgServices},
		{"PATCH " + org + "/credentials/oauth-server-to-server/{credentialId}/service/subscribe", p.subscribe},
		{"PATCH " + org + "/credentials/oauth-server-to-server/{credentialId}/service/unsubscribe", p.unsubscribe},
		{"GET " + org + "/credentials/{credentialId}/secrets", p.listSecrets},
		{"POST " + org + "/credentials/{credentialId}/secrets", p.addSecret},
		// One pattern for DELETE …/credentials/{id}/secrets/{secretId} and
		// DELETE …/credentials/oauth-server-to-server/{id}/binding, which
		// ServeMux would reject as conflicting.
		{"DELETE " + org + "/credentials/{a}/{b}/{c}", p.deleteSecretOrBinding},
		{"POST " + org + "/credentials/oauth-server-to-server/{credentialId}/binding", p.startMigration},
		{"GET " + org + "/credentials/oauth-server-to-server/{credentialId}/binding", p.getBinding},
		{"GET " + org + "/credentials/oauth-server-to-server/{credentialId}/status", p.migrationStatus},
		{"PATCH " + org + "/credentials/oauth-server-to-server/{credentialId}/finalize", p.finalizeMigration},
	}
	for _, rt := range routes {
		r.HandleFunc(rt.pattern, p.authenticated(rt.h))
	}
}

// call is an authenticated request: who calls, and the org of {orgId}.
type call struct {
	pr  fakestate.Principal
	org fakestate.Org // zero when the route has no {orgId}
}

type handler func(w http.ResponseWriter, r *http.Request, c call)

// RequiredScope is the scope a token needs for the Console API (the I/O
// Management API's scope; Adobe's CLI user token carries it too).
const RequiredScope = "adobeio_api"

// authenticated checks the gateway's rules (x-api-key, bearer token), the
// Console scope and the caller's membership of {orgId}.
func (p *Part) authenticated(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		pr, ok := p.s.Authenticate(w, r)
		if !ok {
			return
		}
		if !pr.HasScope(RequiredScope) {
			p.s.WriteGatewayError(w, fakestate.ErrScopeMismatch)
			return
		}
		c := call{pr: pr}
		if id := r.PathValue("orgId"); id != "" {
			o, ok := p.s.OrgByConsoleID(id)
			if !ok || !p.member(pr, o.ID) {
				writeErrorCode(w, http.StatusForbidden, "ORG_ACCESS_DENIED", "The caller is not a member of organization "+id)
				return
			}
			c.org = o
		}
		h(w, r, c)
	}
}

// member reports whether the principal belongs to the org.
func (p *Part) member(pr fakestate.Principal, orgID string) bool {
	if pr.Kind == fakestate.KindUser {
		u, ok := p.s.User(pr.UserID)
		return ok && slices.Contains(u.OrgIDs, orgID)
	}
	return pr.OrgID == orgID
}

// orgsOf returns the orgs a principal belongs to.
func (p *Part) orgsOf(pr fakestate.Principal) []fakestate.Org {
	var out []fakestate.Org
	for _, o := range p.s.Orgs() {
		if p.member(pr, o.ID) {
			out = append(out, o)
		}
	}
	return out
}

// consoleError is the body of the fake's Console backend errors:
// {"code":"<NAME>","message":"…","id":"<request id>"}. Adobe does not
// publish the body of a Console backend 4xx (only the gateway's
// {error_code, message} catalogue and the {"id": …} body of its
// intermittent 500s, which this shape extends); this shape is the fake's
// own. It never uses the gateway's six-digit error_code values, which mean
// gateway conditions (403000 "Api Key is required", …).
type consoleError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	ID      string `json:"id"`
}

// backendCodes names the fake's codes per status. ERR_MSG_DUPLICATE_NAME and
// ERR_MSG_QUOTA_EXCEEDED are the names in Adobe's spec; the others are the
// fake's own.
var backendCodes = map[int]string{
	http.StatusBadRequest:          "BAD_REQUEST",
	http.StatusForbidden:           "FORBIDDEN",
	http.StatusNotFound:            "NOT_FOUND",
	http.StatusConflict:            "ERR_MSG_DUPLICATE_NAME",
	http.StatusInternalServerError: "INTERNAL_ERROR",
}

// writeError writes a Console backend error with the status's code.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeErrorCode(w, status, backendCodes[status], msg)
}

// writeErrorCode writes a Console backend error with an x-request-id.
func writeErrorCode(w http.ResponseWriter, status int, code, msg string) {
	id := fmt.Sprintf("fake-%d", time.Now().UnixNano())
	w.Header().Set("X-Request-Id", id)
	fakestate.WriteJSON(w, status, consoleError{Code: code, Message: msg, ID: id})
}

// decode reads a JSON body into v, answering 400 on failure.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "invalid request body: "+err.Error())
		return false
	}
	return true
}

// dateString formats a project or workspace date as Adobe's spec types it
// (format "date": YYYY-MM-DD); no published sample shows another form.
func dateString(t time.Time) string { return t.UTC().Format(time.DateOnly) }
