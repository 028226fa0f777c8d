package fakeconsole

import (
	"net/http"
	"strconv"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// who names the caller in who_created.
func who(c call) string {
	if c.pr.UserID != "" {
		return c.pr.UserID
	}
	return c.pr.ClientID
}

// projectJSON is a project row. enabled/deleted are 0/1 integers, as the
// Console sends them (its spec says boolean).
func (p *Part) projectJSON(pr *project, org fakestate.Org) map[string]any {
	wss := []map[string]any{}
	for _, ws := range pr.Workspaces {
		wss = append(wss, map[string]any{"id": ws.ID, "name": ws.Name})
	}
	return map[string]any{
		"id": pr.ID, "name": pr.Name, "title": pr.Title, "description": pr.Description, "type": pr.Type,
		"enabled": 1, "deleted": 0, "org_id": org.ConsoleID,
		"date_created": dateString(pr.Created), "date_last_modified": dateString(pr.Modified),
		"who_created": pr.WhoCreated, "who_last_modified": pr.WhoCreated,
		"metadata": map[string]any{"workspaces": wss},
	}
}

// projectOf returns {projectId} of the call's org, or answers 404.
func (p *Part) projectOf(w http.ResponseWriter, r *http.Request, c call) (*project, bool) {
	pr, ok := p.projects[r.PathValue("projectId")]
	if !ok || pr.OrgID != c.org.ID {
		writeError(w, http.StatusNotFound, "Project not found")
		return nil, false
	}
	return pr, true
}

func (p *Part) listProjects(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	var rows []map[string]any
	for _, id := range p.order {
		if pr := p.projects[id]; pr.OrgID == c.org.ID {
			rows = append(rows, p.projectJSON(pr, c.org))
		}
	}
	p.mu.Unlock()
	// Adobe's spec: "Page Number starts at 1. If no value is specified,
	// all records will be returned"; size (default 100) "will be used only
	// if a value for page parameter is specified".
	q := r.URL.Query()
	total := len(rows)
	out := []map[string]any{}
	if q.Get("page") == "" {
		out = append(out, rows...)
		w.Header().Set("X-Pagination-Count", strconv.Itoa(total))
		fakestate.WriteJSON(w, http.StatusOK, out)
		return
	}
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 {
		writeError(w, http.StatusBadRequest, "page must be a number from 1")
		return
	}
	size := 100
	if v := q.Get("size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			writeError(w, http.StatusBadRequest, "size must be a positive number")
			return
		}
		size = n
	}
	for i := (page - 1) * size; i < total && i < page*size; i++ {
		out = append(out, rows[i])
	}
	w.Header().Set("X-Pagination-Count", strconv.Itoa(total))
	w.Header().Set("X-Pagination-Page", strconv.Itoa(page))
	w.Header().Set("X-Pagination-Size", strconv.Itoa(size))
	fakestate.WriteJSON(w, http.StatusOK, out)
}

func (p *Part) createProject(w http.ResponseWriter, r *http.Request, c call) {
	var body struct {
		Name, Title, Type, Description, TemplateID string
		WhoCreated                                 string `json:"who_created"`
	}
	if !decode(w, r, &body) {
		return
	}
	if body.Name == "" || body.Title == "" || body.Type == "" {
		writeError(w, http.StatusBadRequest, "name, title and type are required")
		return
	}
	if body.Type != "default" && body.Type != "jaeger" {
		writeError(w, http.StatusBadRequest, "invalid project type "+body.Type)
		return
	}
	// Adobe's developer terms must be accepted before a user creates a
	// project in an org (Adobe's CLI checks them first; reference T1). The
	// acceptance is personal, so only user tokens are held to it.
	if c.pr.Kind == fakestate.KindUser {
		p.mu.Lock()
		accepted := p.terms[p.termsKey(c)]
		p.mu.Unlock()
		if !accepted {
			writeErrorCode(w, http.StatusForbidden, "DEVELOPER_TERMS_NOT_ACCEPTED", "The Adobe Developer Terms of Use have not been accepted")
			return
		}
	}
	now := time.Now()
	pr := &project{
		ID: p.s.NewDigits(19), OrgID: c.org.ID, Name: body.Name, Title: body.Title, Description: body.Description,
		Type: body.Type, WhoCreated: who(c), Created: now, Modified: now,
	}
	ws := &workspace{ID: p.s.NewDigits(19), Name: "Production", Title: "Production", Created: now}
	pr.Workspaces = []*workspace{ws}
	p.mu.Lock()
	p.projects[pr.ID] = pr
	p.order = append(p.order, pr.ID)
	p.mu.Unlock()
	fakestate.WriteJSON(w, http.StatusCreated, map[string]string{"projectId": pr.ID, "projectType": pr.Type, "workspaceId": ws.ID})
}

func (p *Part) getProject(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pr, ok := p.projectOf(w, r, c)
	if !ok {
		return
	}
	row := p.projectJSON(pr, c.org)
	delete(row, "metadata")
	fakestate.WriteJSON(w, http.StatusOK, row)
}

func (p *Part) updateProject(w http.ResponseWriter, r *http.Request, c call) {
	var body struct {
		Name, Title, Description string
		Notifications            *bool `json:"notifications_enabled"`
	}
	if !decode(w, r, &body) {
		return
	}
	if (body.Name == "" || body.Title == "") && body.Notifications == nil {
		writeError(w, http.StatusBadRequest, "the (name AND title) OR (notifications_enabled) properties MUST be set")
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	pr, ok := p.projectOf(w, r, c)
	if !ok {
		return
	}
	if body.Name != "" {
		pr.Name, pr.Title = body.Name, body.Title
	}
	if body.Description != "" {
		pr.Description = body.Description
	}
	pr.Modified = time.Now()
	row := p.projectJSON(pr, c.org)
	delete(row, "metadata")
	fakestate.WriteJSON(w, http.StatusOK, row)
}

func (p *Part) deleteProject(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	pr, ok := p.projectOf(w, r, c)
	if !ok {
		p.mu.Unlock()
		return
	}
	var gone []string
	for _, ws := range pr.Workspaces {
		gone = append(gone, p.dropWorkspaceLocked(ws)...)
	}
	delete(p.projects, pr.ID)
	for i, id := range p.order {
		if id == pr.ID {
			p.order = append(p.order[:i:i], p.order[i+1:]...)
			break
		}
	}
	p.mu.Unlock()
	p.deleteClients(gone)
	w.WriteHeader(http.StatusOK)
}

// dropWorkspaceLocked forgets a workspace's credentials and returns their
// client ids for deleteClients. Callers hold p.mu.
func (p *Part) dropWorkspaceLocked(ws *workspace) []string {
	var ids []string
	for _, cid := range ws.Creds {
		if cr, ok := p.creds[cid]; ok {
			ids = append(ids, cr.ClientID)
			delete(p.creds, cid)
		}
	}
	ws.Creds = nil
	return ids
}

// deleteClients removes IMS clients from the shared store (their tokens are
// revoked).
func (p *Part) deleteClients(clientIDs []string) {
	for _, id := range clientIDs {
		_ = p.s.DeleteCredential(id)
	}
}

func workspaceJSON(ws *workspace, who string) map[string]any {
	return map[string]any{
		"id": ws.ID, "name": ws.Name, "title": ws.Title, "description": ws.Description,
		"enabled": true, "runtime_enabled": false, "quota_usage": "0",
		"date_created": dateString(ws.Created), "date_last_modified": dateString(ws.Created),
		"who_created": who, "who_last_modified": who,
	}
}

func (p *Part) workspaceOf(w http.ResponseWriter, r *http.Request, c call) (*project, *workspace, bool) {
	pr, ok := p.projectOf(w, r, c)
	if !ok {
		return nil, nil, false
	}
	id := r.PathValue("workspaceId")
	for _, ws := range pr.Workspaces {
		if ws.ID == id {
			return pr, ws, true
		}
	}
	writeError(w, http.StatusNotFound, "Workspace not found")
	return nil, nil, false
}

func (p *Part) listWorkspaces(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pr, ok := p.projectOf(w, r, c)
	if !ok {
		return
	}
	out := []map[string]any{}
	for _, ws := range pr.Workspaces {
		out = append(out, workspaceJSON(ws, pr.WhoCreated))
	}
	fakestate.WriteJSON(w, http.StatusOK, out)
}

func (p *Part) createWorkspace(w http.ResponseWriter, r *http.Request, c call) {
	var body struct{ Name, Title, Description string }
	if !decode(w, r, &body) {
		return
	}
	if body.Name == "" {
		writeError(w, http.StatusBadRequest, "name is required")
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	pr, ok := p.projectOf(w, r, c)
	if !ok {
		return
	}
	if pr.Type == "default" && len(pr.Workspaces) > 0 {
		writeError(w, http.StatusBadRequest, "Only one workspace allowed for project type default")
		return
	}
	ws := &workspace{ID: p.s.NewDigits(19), Name: body.Name, Title: body.Title, Description: body.Description, Created: time.Now()}
	pr.Workspaces = append(pr.Workspaces, ws)
	fakestate.WriteJSON(w, http.StatusCreated, map[string]string{"projectId": pr.ID, "workspaceId": ws.ID})
}

func (p *Part) getWorkspace(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pr, ws, ok := p.workspaceOf(w, r, c)
	if !ok {
		return
	}
	fakestate.WriteJSON(w, http.StatusOK, workspaceJSON(ws, pr.WhoCreated))
}

func (p *Part) deleteWorkspace(w http.ResponseWriter, r *http.Request, c call) {
	p.mu.Lock()
	pr, ws, ok := p.workspaceOf(w, r, c)
	if !ok {
		p.mu.Unlock()
		return
	}
	gone := p.dropWorkspaceLocked(ws)
	for i, x := range pr.Workspaces {
		if x == ws {
			pr.Workspaces = append(pr.Workspaces[:i:i], pr.Workspaces[i+1:]...)
			break
		}
	}
	p.mu.Unlock()
	p.deleteClients(gone)
	w.WriteHeader(http.StatusOK)
}
