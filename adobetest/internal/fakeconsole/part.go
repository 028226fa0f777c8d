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
	Services                                                       []string // sdk codes
	Created, Modified                                              time.Time
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
				writeError(w, http.StatusForbidden, "The user is not a member of organization "+id)
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

// writeError writes a Console error {"error_code":"<status>000","message":…}
// with an x-request-id, the shape of Adobe's gateway errors (the exact
// bodies of Console backend 4xx answers are not published).
func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("X-Request-Id", fmt.Sprintf("fake-%d", time.Now().UnixNano()))
	fakestate.WriteJSON(w, status, fakestate.GatewayError{ErrorCode: fmt.Sprintf("%d000", status), Message: msg})
}

// decode reads a JSON body into v, answering 400 on failure.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "invalid request body: "+err.Error())
		return false
	}
	return true
}

func dateString(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
