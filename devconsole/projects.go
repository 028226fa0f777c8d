package devconsole

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strconv"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// ProjectsService covers the projects of an org.
type ProjectsService service

// Project types.
const (
	ProjectTypeDefault = "default" // a plain project; it has exactly one workspace
	ProjectTypeJaeger  = "jaeger"  // an App Builder project
)

// ProjectWorkspace is a workspace as listed in a project row's metadata.
// It was named WorkspaceRef; that name now belongs to the reference value
// the calls on a workspace take.
type ProjectWorkspace struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Runtime string `json:"runtime,omitempty"`
}

// Project is a Developer Console project.
type Project struct {
	ID               string `json:"id"`
	Name             string `json:"name"`
	Title            string `json:"title"`
	Description      string `json:"description"`
	Type             string `json:"type"`
	Enabled          bool   `json:"enabled"` // spec: boolean; observed: 0/1, both decode
	Deleted          bool   `json:"deleted"`
	OrgID            string `json:"org_id"`
	AppID            string `json:"appId,omitempty"`
	DateCreated      string `json:"date_created"`
	DateLastModified string `json:"date_last_modified"`
	WhoCreated       string `json:"who_created"`
	WhoLastModified  string `json:"who_last_modified"`
	Metadata         struct {
		Workspaces []ProjectWorkspace `json:"workspaces"`
	} `json:"metadata"`
}

// UnmarshalJSON decodes enabled and deleted from booleans or the 0/1 the
// Console sends.
func (p *Project) UnmarshalJSON(data []byte) error {
	type plain Project
	var w struct {
		*plain
		Enabled flexBool `json:"enabled"`
		Deleted flexBool `json:"deleted"`
	}
	w.plain = (*plain)(p)
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	p.Enabled, p.Deleted = bool(w.Enabled), bool(w.Deleted)
	return nil
}

// ProjectListOptions filters and pages Projects.List. Every field is
// optional.
type ProjectListOptions struct {
	SortField string `url:"sortField,omitempty"` // date_last_modified, date_created, title
	SortOrder string `url:"sortOrder,omitempty"` // ASC, DESC
	// Size is the page size. Adobe's spec: it is used only when Page is
	// set (default 100 then).
	Size int `url:"size,omitempty"`
	// Page is the page number; Adobe's spec: "Page Number starts at 1. If
	// no value is specified, all records will be returned".
	Page        int    `url:"page,omitempty"`
	Title       string `url:"title,omitempty"`
	ProjectType string `url:"projectType,omitempty"`
	// CredentialType filters by credential types (comma list), e.g.
	// "oauth_server_to_server".
	CredentialType string `url:"credentialType,omitempty"`
}

// DefaultProjectPageSize is the page size the Console applies when a page
// is requested without a size (Adobe's spec).
const DefaultProjectPageSize = 100

// List returns the org's projects: all of them when opts.Page is zero
// (the Console then ignores Size), else page opts.Page (1-based) of
// opts.Size (default DefaultProjectPageSize). resp.Page says where the page
// sits (1-based Number; TotalItems from X-Pagination-Count, -1 when the
// Console does not send it).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects, "List Projects".
//
// API: GET /console/organizations/{orgId}/projects
func (s *ProjectsService) List(ctx context.Context, orgID string, opts *ProjectListOptions, reqOpts ...adobe.RequestOption) ([]Project, *adobe.Response, error) {
	if err := checkOrgID("orgID", orgID); err != nil {
		return nil, nil, err
	}
	var q any
	var o ProjectListOptions
	if opts != nil {
		if opts.Page < 0 || opts.Size < 0 {
			return nil, nil, core.NewArgError("opts", "Page and Size must not be negative (pages start at 1)")
		}
		o = *opts
		q = &o
	}
	org, err := s.client.consoleOrg(ctx, orgID, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out []Project
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/projects", org), q, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	if o.Page == 0 {
		wholeList(resp, len(out))
		return out, resp, nil
	}
	size := o.Size
	if size == 0 {
		size = DefaultProjectPageSize
	}
	pi := &adobe.PageInfo{Number: o.Page, Size: size, TotalPages: -1, TotalItems: -1}
	if n, ok := headerInt(resp, "X-Pagination-Page"); ok && n > 0 {
		pi.Number = n
	}
	if n, ok := headerInt(resp, "X-Pagination-Size"); ok && n > 0 {
		pi.Size = n
	}
	if n, ok := headerInt(resp, "X-Pagination-Count"); ok && n >= 0 {
		pi.TotalItems = n
		pi.TotalPages = (n + pi.Size - 1) / pi.Size
	}
	pi.Last = len(out) < pi.Size || (pi.TotalPages >= 0 && pi.Number >= pi.TotalPages)
	resp.Page = pi
	return out, resp, nil
}

// ListIter iterates over the org's projects. Without opts.Size it makes one
// request without a page: the Console then returns every record. With
// opts.Size it requests pages of that size from opts.Page (default 1, the
// Console's first page) until a short page, the X-Pagination-Count total,
// or a page that repeats the previous one.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects, "List Projects".
//
// API: GET /console/organizations/{orgId}/projects
func (s *ProjectsService) ListIter(ctx context.Context, orgID string, opts *ProjectListOptions, reqOpts ...adobe.RequestOption) iter.Seq2[Project, error] {
	var o ProjectListOptions
	if opts != nil {
		o = *opts
	}
	if o.Size <= 0 && o.Page <= 0 {
		return core.Iterate(ctx, 0, func(ctx context.Context, _ int) (core.Page[Project], error) {
			items, _, err := s.List(ctx, orgID, &o, reqOpts...)
			return core.Page[Project]{Items: items, Last: true, Number: -1, TotalPages: -1}, err
		})
	}
	if o.Size <= 0 {
		o.Size = DefaultProjectPageSize
	}
	seen := 0
	return core.Iterate(ctx, max(o.Page, 1), func(ctx context.Context, n int) (core.Page[Project], error) {
		page := o
		page.Page = n
		items, resp, err := s.List(ctx, orgID, &page, reqOpts...)
		p := core.Page[Project]{Items: items, Number: -1, TotalPages: -1}
		if err != nil {
			return p, err
		}
		seen += len(items)
		h := sha256.New()
		for _, it := range items {
			h.Write([]byte(it.ID + "\x00"))
		}
		copy(p.Fingerprint[:], h.Sum(nil))
		if cur, ok := headerInt(resp, "X-Pagination-Page"); ok {
			p.Number = cur
		}
		total, okTotal := headerInt(resp, "X-Pagination-Count")
		p.Last = len(items) < o.Size || (okTotal && seen >= total)
		return p, nil
	})
}

func headerInt(resp *adobe.Response, name string) (int, bool) {
	if resp == nil {
		return 0, false
	}
	n, err := strconv.Atoi(resp.Header.Get(name))
	return n, err == nil
}

// Get returns a project.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects/{projectId}, "Get project by ID".
//
// API: GET /console/organizations/{orgId}/projects/{projectId}
func (s *ProjectsService) Get(ctx context.Context, orgID, projectID string, reqOpts ...adobe.RequestOption) (*Project, *adobe.Response, error) {
	if err := errors.Join(checkOrgID("orgID", orgID), checkID("projectID", projectID)); err != nil {
		return nil, nil, err
	}
	org, err := s.client.consoleOrg(ctx, orgID, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out Project
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/projects/%s", org, projectID), nil, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// FindByName returns the org's project whose name is name (names are unique
// per org in the Console UI; the first match wins). It returns a
// *NotFoundError (matching adobe.ErrNotFound) when there is none, and any
// other failure of the listing (an unusable answer included) as that
// error: never "not found".
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects, "List Projects".
//
// API: GET /console/organizations/{orgId}/projects
func (s *ProjectsService) FindByName(ctx context.Context, orgID, name string, reqOpts ...adobe.RequestOption) (*Project, error) {
	if err := errors.Join(checkOrgID("orgID", orgID), checkName("name", name, 1, MaxProjectNameLen)); err != nil {
		return nil, err
	}
	for p, err := range s.ListIter(ctx, orgID, nil, reqOpts...) {
		if err != nil {
			return nil, err
		}
		if p.Name == name {
			return &p, nil
		}
	}
	return nil, &NotFoundError{Kind: "project", Name: name}
}

// ProjectCreateRequest is the body of Projects.Create. Name is required.
// The API also requires Title and Type: an empty Title is sent as Name and
// an empty Type as ProjectTypeDefault (the connector's type). Name and
// Title: 1 to MaxProjectNameLen characters, no control characters
// (newlines), quotes, backslashes or angle brackets, no leading or trailing
// blanks; Description: at most MaxDescriptionLen characters. Adobe
// documents no rule: these are the SDK's, checked before any request.
type ProjectCreateRequest struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Type        string `json:"type"`
	Description string `json:"description,omitempty"`
	WhoCreated  string `json:"who_created,omitempty"`
	TemplateID  string `json:"templateId,omitempty"`
}

func (r *ProjectCreateRequest) validate() error {
	if r.Type == "" {
		r.Type = ProjectTypeDefault
	}
	if r.Title == "" {
		r.Title = r.Name
	}
	errs := []error{checkName("Name", r.Name, 1, MaxProjectNameLen)}
	if r.Title != r.Name {
		errs = append(errs, checkName("Title", r.Title, 1, MaxProjectNameLen))
	}
	if r.Type != ProjectTypeDefault && r.Type != ProjectTypeJaeger {
		errs = append(errs, core.NewArgError("Type", "%q is not %q or %q", r.Type, ProjectTypeDefault, ProjectTypeJaeger))
	}
	errs = append(errs, checkText("Description", r.Description), checkText("WhoCreated", r.WhoCreated))
	if r.TemplateID != "" {
		errs = append(errs, checkID("TemplateID", r.TemplateID))
	}
	return errors.Join(errs...)
}

// ProjectCreated is the answer to Projects.Create. A default project comes
// with one workspace, WorkspaceID.
type ProjectCreated struct {
	ProjectID   string `json:"projectId"`
	ProjectType string `json:"projectType"`
	WorkspaceID string `json:"workspaceId"`
}

// Create creates a project (201). It is not retried on 5xx or connection
// errors, because Adobe may have created the project anyway; use
// Client.EnsureProject for a create that cannot duplicate. When the Console
// refuses with 403 and the caller has not accepted the developer terms
// (GetTerms, one more request), the error is a *TermsNotAcceptedError. An
// answer without a project id is an *adobe.ResponseError (the project may
// exist).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, POST /console/organizations/{orgId}/projects, "Create project".
//
// API: POST /console/organizations/{orgId}/projects
func (s *ProjectsService) Create(ctx context.Context, orgID string, req ProjectCreateRequest, reqOpts ...adobe.RequestOption) (*ProjectCreated, *adobe.Response, error) {
	if err := errors.Join(checkOrgID("orgID", orgID), req.validate()); err != nil {
		return nil, nil, err
	}
	org, err := s.client.consoleOrg(ctx, orgID, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out ProjectCreated
	path := core.Pathf("console/organizations/%s/projects", org)
	resp, err := (*service)(s).call(ctx, http.MethodPost, path, nil, req, &out, reqOpts)
	if errors.Is(err, adobe.ErrForbidden) {
		// Adobe does not document the refusal's body: ask the terms call.
		if t, _, terr := (*OrganizationsService)(s).GetTerms(ctx, org, reqOpts...); terr == nil && !t.Accepted {
			return nil, resp, &TermsNotAcceptedError{OrgID: orgID, Err: err}
		}
	}
	if err != nil {
		return nil, resp, err
	}
	if out.ProjectID == "" {
		return nil, resp, missingField(resp, http.MethodPost, path, "projectId")
	}
	return &out, resp, nil
}

// ProjectUpdateRequest is the body of Projects.Update: Name and Title
// together, or NotificationsEnabled. The names follow the rules of
// ProjectCreateRequest.
type ProjectUpdateRequest struct {
	Name                 string `json:"name,omitempty"`
	Title                string `json:"title,omitempty"`
	Description          string `json:"description,omitempty"`
	NotificationsEnabled *bool  `json:"notifications_enabled,omitempty"`
}

// Update edits a project and returns it as the Console then lists it (the
// PATCH answer is not documented: the project is read back).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, PATCH /console/organizations/{orgId}/projects/{projectId}, "Edit Project".
//
// API: PATCH /console/organizations/{orgId}/projects/{projectId}, then GET /console/organizations/{orgId}/projects/{projectId}
func (s *ProjectsService) Update(ctx context.Context, orgID, projectID string, req ProjectUpdateRequest, reqOpts ...adobe.RequestOption) (*Project, *adobe.Response, error) {
	errs := []error{checkOrgID("orgID", orgID), checkID("projectID", projectID), checkText("Description", req.Description)}
	if (req.Name == "" || req.Title == "") && req.NotificationsEnabled == nil {
		errs = append(errs, core.NewArgError("req", "set Name and Title together, or NotificationsEnabled"))
	}
	if req.Name != "" || req.Title != "" {
		errs = append(errs, checkName("Name", req.Name, 1, MaxProjectNameLen), checkName("Title", req.Title, 1, MaxProjectNameLen))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	org, err := s.client.consoleOrg(ctx, orgID, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	resp, err := (*service)(s).call(ctx, http.MethodPatch, core.Pathf("console/organizations/%s/projects/%s", org, projectID), nil, req, nil, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return s.Get(ctx, org, projectID, reqOpts...)
}

// Delete deletes a project with its workspaces and credentials.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, DELETE /console/organizations/{orgId}/projects/{projectId}, "Delete Project".
//
// API: DELETE /console/organizations/{orgId}/projects/{projectId}
func (s *ProjectsService) Delete(ctx context.Context, orgID, projectID string, reqOpts ...adobe.RequestOption) (*adobe.Response, error) {
	if err := errors.Join(checkOrgID("orgID", orgID), checkID("projectID", projectID)); err != nil {
		return nil, err
	}
	org, err := s.client.consoleOrg(ctx, orgID, reqOpts)
	if err != nil {
		return nil, err
	}
	return (*service)(s).call(ctx, http.MethodDelete, core.Pathf("console/organizations/%s/projects/%s", org, projectID), nil, nil, nil, reqOpts)
}

// EnsureProject returns the org's project named req.Name as a reference to
// its (first) workspace, creating the project when absent. When the create
// fails ambiguously (connection lost, 5xx, 409, an unusable 2xx answer) it
// looks the name up again before one more create, so a lost answer never
// leaves two projects; a failed or unusable lookup is an error, never "not
// found". On a re-run it makes no write (Changes is empty). Concurrent
// calls for one name on one Client are serialized (see [Client]). The
// returned WorkspaceRef carries orgID as given.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects, "List Projects".
//
// API: GET /console/organizations/{orgId}/projects,
// POST /console/organizations/{orgId}/projects (when absent),
// GET …/projects/{projectId}/workspaces (only when the row lists none)
func (c *Client) EnsureProject(ctx context.Context, orgID string, req ProjectCreateRequest, reqOpts ...adobe.RequestOption) (*adobe.Ensured[WorkspaceRef], error) {
	if err := errors.Join(checkOrgID("orgID", orgID), req.validate()); err != nil {
		return nil, err
	}
	org, err := c.consoleOrg(ctx, orgID, reqOpts)
	if err != nil {
		return nil, err
	}
	unlock, err := c.locks.Lock(ctx, "project "+org+" "+strconv.Quote(req.Name))
	if err != nil {
		return nil, err
	}
	defer unlock()
	find := func(ctx context.Context) (WorkspaceRef, bool, error) {
		p, err := c.Projects.FindByName(ctx, org, req.Name, reqOpts...)
		if err != nil {
			var nf *NotFoundError
			if errors.As(err, &nf) {
				return WorkspaceRef{}, false, nil
			}
			return WorkspaceRef{}, false, err
		}
		ref := WorkspaceRef{OrgID: orgID, ProjectID: p.ID}
		if len(p.Metadata.Workspaces) > 0 {
			ref.WorkspaceID = p.Metadata.Workspaces[0].ID
			return ref, true, nil
		}
		ws, _, err := c.Workspaces.List(ctx, org, p.ID, reqOpts...)
		if err != nil {
			return WorkspaceRef{}, false, err
		}
		if len(ws) == 0 {
			return WorkspaceRef{}, false, fmt.Errorf("devconsole: project %q (%s) has no workspace", req.Name, p.ID)
		}
		ref.WorkspaceID = ws[0].ID
		return ref, true, nil
	}
	create := func(ctx context.Context) (WorkspaceRef, error) {
		out, _, err := c.Projects.Create(ctx, org, req, reqOpts...)
		if err != nil {
			return WorkspaceRef{}, err
		}
		return WorkspaceRef{OrgID: orgID, ProjectID: out.ProjectID, WorkspaceID: out.WorkspaceID}, nil
	}
	e := &adobe.Ensured[WorkspaceRef]{}
	path := "/" + core.Pathf("console/organizations/%s/projects", org)
	if err := ensure(ctx, e, find, create, fmt.Sprintf("created project %q", req.Name), http.MethodPost, path); err != nil {
		if e.Wrote() {
			return e, err
		}
		return nil, err
	}
	if e.Value.WorkspaceID == "" {
		// A jaeger project, or an answer without a workspace: read it.
		ws, _, err := c.Workspaces.List(ctx, org, e.Value.ProjectID, reqOpts...)
		if err != nil {
			return e, err
		}
		if len(ws) > 0 {
			e.Value.WorkspaceID = ws[0].ID
		}
	}
	return e, nil
}

// missingField is the *adobe.ResponseError of a 2xx answer without a field
// the call needs.
func missingField(resp *adobe.Response, method, path, field string) error {
	re := &adobe.ResponseError{Method: method, Path: "/" + path, Err: fmt.Errorf("the answer has no %s", field)}
	if resp != nil {
		re.StatusCode, re.RequestID = resp.StatusCode, resp.RequestID
	}
	return re
}
