package devconsole

import (
	"context"
	"crypto/sha256"
	"errors"
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

// WorkspaceRef is a workspace as listed in a project row's metadata.
type WorkspaceRef struct {
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
	Enabled          Bool   `json:"enabled"` // spec: boolean; observed: 0/1
	Deleted          Bool   `json:"deleted"`
	OrgID            string `json:"org_id"`
	AppID            string `json:"appId,omitempty"`
	DateCreated      string `json:"date_created"`
	DateLastModified string `json:"date_last_modified"`
	WhoCreated       string `json:"who_created"`
	WhoLastModified  string `json:"who_last_modified"`
	Metadata         struct {
		Workspaces []WorkspaceRef `json:"workspaces"`
	} `json:"metadata"`
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
// opts.Size (default DefaultProjectPageSize). Paging metadata is in the
// X-Pagination-Count/-Page/-Size response headers.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects, "List Projects".
//
// API: GET /console/organizations/{orgId}/projects
func (s *ProjectsService) List(ctx context.Context, orgID string, opts *ProjectListOptions, ropts ...adobe.RequestOption) ([]Project, *Response, error) {
	if err := required("orgID", orgID); err != nil {
		return nil, nil, err
	}
	var q any
	if opts != nil {
		if opts.Page < 0 || opts.Size < 0 {
			return nil, nil, core.NewArgError("opts", "Page and Size must not be negative (pages start at 1)")
		}
		cp := *opts
		q = &cp
	}
	var out []Project
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/projects", orgID), q, nil, &out, ropts)
	return out, resp, err
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
func (s *ProjectsService) ListIter(ctx context.Context, orgID string, opts *ProjectListOptions, ropts ...adobe.RequestOption) iter.Seq2[Project, error] {
	var o ProjectListOptions
	if opts != nil {
		o = *opts
	}
	if o.Size <= 0 && o.Page <= 0 {
		return core.Iterate(ctx, 0, func(ctx context.Context, _ int) (core.Page[Project], error) {
			items, _, err := s.List(ctx, orgID, &o, ropts...)
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
		items, resp, err := s.List(ctx, orgID, &page, ropts...)
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

func headerInt(resp *Response, name string) (int, bool) {
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
func (s *ProjectsService) Get(ctx context.Context, orgID, projectID string, opts ...adobe.RequestOption) (Project, *Response, error) {
	var out Project
	if err := required("orgID", orgID, "projectID", projectID); err != nil {
		return out, nil, err
	}
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/projects/%s", orgID, projectID), nil, nil, &out, opts)
	return out, resp, err
}

// FindByName returns the org's project whose name is name (names are unique
// per org in the Console UI; the first match wins). It returns an error
// matching adobe.ErrNotFound when there is none.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects, "List Projects".
//
// API: GET /console/organizations/{orgId}/projects
func (s *ProjectsService) FindByName(ctx context.Context, orgID, name string, opts ...adobe.RequestOption) (Project, error) {
	if err := required("orgID", orgID, "name", name); err != nil {
		return Project{}, err
	}
	for p, err := range s.ListIter(ctx, orgID, nil, opts...) {
		if err != nil {
			return Project{}, err
		}
		if p.Name == name {
			return p, nil
		}
	}
	return Project{}, &NotFoundError{Kind: "project", Name: name}
}

// ProjectCreateRequest is the body of Projects.Create. Name is required.
// The API also requires Title and Type: an empty Title is sent as Name and
// an empty Type as ProjectTypeDefault (the connector's type).
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
	if r.Name == "" {
		return core.NewArgError("Name", "is empty")
	}
	return nil
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
// (GetTerms, one more request), the error is a *TermsNotAcceptedError.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, POST /console/organizations/{orgId}/projects, "Create project".
//
// API: POST /console/organizations/{orgId}/projects
func (s *ProjectsService) Create(ctx context.Context, orgID string, req ProjectCreateRequest, opts ...adobe.RequestOption) (ProjectCreated, *Response, error) {
	var out ProjectCreated
	if err := required("orgID", orgID); err != nil {
		return out, nil, err
	}
	if err := req.validate(); err != nil {
		return out, nil, err
	}
	resp, err := (*service)(s).call(ctx, http.MethodPost, core.Pathf("console/organizations/%s/projects", orgID), nil, req, &out, opts)
	if errors.Is(err, adobe.ErrForbidden) {
		// Adobe does not document the refusal's body: ask the terms call.
		if t, _, terr := (*OrganizationsService)(s).GetTerms(ctx, orgID, opts...); terr == nil && !t.Accepted {
			return out, resp, &TermsNotAcceptedError{OrgID: orgID, Err: err}
		}
	}
	return out, resp, err
}

// ProjectUpdateRequest is the body of Projects.Update: Name and Title
// together, or NotificationsEnabled.
type ProjectUpdateRequest struct {
	Name                 string `json:"name,omitempty"`
	Title                string `json:"title,omitempty"`
	Description          string `json:"description,omitempty"`
	NotificationsEnabled *bool  `json:"notifications_enabled,omitempty"`
}

// Update edits a project.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, PATCH /console/organizations/{orgId}/projects/{projectId}, "Edit Project".
//
// API: PATCH /console/organizations/{orgId}/projects/{projectId}
func (s *ProjectsService) Update(ctx context.Context, orgID, projectID string, req ProjectUpdateRequest, opts ...adobe.RequestOption) (*Response, error) {
	if err := required("orgID", orgID, "projectID", projectID); err != nil {
		return nil, err
	}
	if (req.Name == "" || req.Title == "") && req.NotificationsEnabled == nil {
		return nil, core.NewArgError("req", "set Name and Title together, or NotificationsEnabled")
	}
	return (*service)(s).call(ctx, http.MethodPatch, core.Pathf("console/organizations/%s/projects/%s", orgID, projectID), nil, req, nil, opts)
}

// Delete deletes a project with its workspaces and credentials.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, DELETE /console/organizations/{orgId}/projects/{projectId}, "Delete Project".
//
// API: DELETE /console/organizations/{orgId}/projects/{projectId}
func (s *ProjectsService) Delete(ctx context.Context, orgID, projectID string, opts ...adobe.RequestOption) (*Response, error) {
	if err := required("orgID", orgID, "projectID", projectID); err != nil {
		return nil, err
	}
	return (*service)(s).call(ctx, http.MethodDelete, core.Pathf("console/organizations/%s/projects/%s", orgID, projectID), nil, nil, nil, opts)
}

// EnsuredProject is a project found or created by EnsureProject, with its
// (first) workspace.
type EnsuredProject struct {
	ProjectID   string
	WorkspaceID string
	Created     bool
}

// EnsureProject returns the org's project named req.Name, creating it when
// absent. When the create fails ambiguously (connection lost, 5xx, 409) it
// looks the name up again before one more create, so a lost answer never
// leaves two projects. On a re-run it makes no write.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects, "List Projects".
//
// API: GET /console/organizations/{orgId}/projects,
// POST /console/organizations/{orgId}/projects (when absent),
// GET …/projects/{projectId}/workspaces (only when the row lists none)
func (c *Client) EnsureProject(ctx context.Context, orgID string, req ProjectCreateRequest, opts ...adobe.RequestOption) (EnsuredProject, error) {
	if err := required("orgID", orgID); err != nil {
		return EnsuredProject{}, err
	}
	if err := req.validate(); err != nil {
		return EnsuredProject{}, err
	}
	find := func(ctx context.Context) (EnsuredProject, bool, error) {
		p, err := c.Projects.FindByName(ctx, orgID, req.Name, opts...)
		if err != nil {
			if _, ok := err.(*NotFoundError); ok {
				return EnsuredProject{}, false, nil
			}
			return EnsuredProject{}, false, err
		}
		ep := EnsuredProject{ProjectID: p.ID}
		if len(p.Metadata.Workspaces) > 0 {
			ep.WorkspaceID = p.Metadata.Workspaces[0].ID
			return ep, true, nil
		}
		ws, _, err := c.Workspaces.List(ctx, orgID, p.ID, opts...)
		if err != nil {
			return EnsuredProject{}, false, err
		}
		if len(ws) > 0 {
			ep.WorkspaceID = ws[0].ID
		}
		return ep, true, nil
	}
	create := func(ctx context.Context) (EnsuredProject, error) {
		out, _, err := c.Projects.Create(ctx, orgID, req, opts...)
		return EnsuredProject{ProjectID: out.ProjectID, WorkspaceID: out.WorkspaceID}, err
	}
	ep, created, err := ensure(ctx, find, create)
	ep.Created = created
	return ep, err
}
