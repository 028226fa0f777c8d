package devconsole

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/core"
)

// WorkspacesService covers the workspaces of a project and their download.
type WorkspacesService service

// Workspace is a project's workspace.
type Workspace struct {
	ID               string `json:"id"`
	Name             string `json:"name"`
	Title            string `json:"title"`
	Description      string `json:"description"`
	QuotaUsage       string `json:"quota_usage,omitempty"`
	Enabled          bool   `json:"enabled"` // observed as 0/1 too: both decode
	RuntimeEnabled   bool   `json:"runtime_enabled"`
	DateCreated      string `json:"date_created"`
	DateLastModified string `json:"date_last_modified"`
	WhoCreated       string `json:"who_created"`
	WhoLastModified  string `json:"who_last_modified"`
}

// UnmarshalJSON decodes enabled and runtime_enabled from booleans or 0/1.
func (w *Workspace) UnmarshalJSON(data []byte) error {
	type plain Workspace
	var v struct {
		*plain
		Enabled        flexBool `json:"enabled"`
		RuntimeEnabled flexBool `json:"runtime_enabled"`
	}
	v.plain = (*plain)(w)
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	w.Enabled, w.RuntimeEnabled = bool(v.Enabled), bool(v.RuntimeEnabled)
	return nil
}

// List returns a project's workspaces (not paginated).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects/{projectId}/workspaces, "List Workspaces".
//
// API: GET /console/organizations/{orgId}/projects/{projectId}/workspaces
func (s *WorkspacesService) List(ctx context.Context, orgID, projectID string, reqOpts ...adobe.RequestOption) ([]Workspace, *adobe.Response, error) {
	if err := errors.Join(checkOrgID("orgID", orgID), checkID("projectID", projectID)); err != nil {
		return nil, nil, err
	}
	org, err := s.client.consoleOrg(ctx, orgID, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out []Workspace
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/projects/%s/workspaces", org, projectID), nil, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	wholeList(resp, len(out))
	return out, resp, nil
}

// ListIter iterates over a project's workspaces (one request: the list is
// not paginated).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects/{projectId}/workspaces, "List Workspaces".
//
// API: GET /console/organizations/{orgId}/projects/{projectId}/workspaces
func (s *WorkspacesService) ListIter(ctx context.Context, orgID, projectID string, reqOpts ...adobe.RequestOption) iter.Seq2[Workspace, error] {
	return onePage(ctx, func(ctx context.Context) ([]Workspace, error) {
		items, _, err := s.List(ctx, orgID, projectID, reqOpts...)
		return items, err
	})
}

// Get returns a workspace.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}, "Get Workspace".
//
// API: GET /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}
func (s *WorkspacesService) Get(ctx context.Context, ws WorkspaceRef, reqOpts ...adobe.RequestOption) (*Workspace, *adobe.Response, error) {
	path, err := (*service)(s).workspacePath(ctx, ws, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out Workspace
	resp, err := (*service)(s).call(ctx, http.MethodGet, path, nil, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// workspacePath validates ws and returns its path with the numeric org id.
func (s *service) workspacePath(ctx context.Context, ws WorkspaceRef, reqOpts []adobe.RequestOption) (string, error) {
	if err := ws.validate("ws"); err != nil {
		return "", err
	}
	org, err := s.client.consoleOrg(ctx, ws.OrgID, reqOpts)
	if err != nil {
		return "", err
	}
	return core.Pathf("console/organizations/%s/projects/%s/workspaces/%s", org, ws.ProjectID, ws.WorkspaceID), nil
}

// WorkspaceCreateRequest is the body of Workspaces.Create; Name is required.
type WorkspaceCreateRequest struct {
	Name        string `json:"name"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
}

// WorkspaceCreated is the answer to Workspaces.Create.
type WorkspaceCreated struct {
	ProjectID   string `json:"projectId"`
	WorkspaceID string `json:"workspaceId"`
	// Ref names the new workspace, with the org id as the caller gave it.
	Ref WorkspaceRef `json:"-"`
}

// Create adds a workspace to a project (201). A "default" project allows
// only one workspace: the Console answers "Only one workspace allowed for
// project type default".
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, POST /console/organizations/{orgId}/projects/{projectId}/workspaces, "Create workspace".
//
// API: POST /console/organizations/{orgId}/projects/{projectId}/workspaces
func (s *WorkspacesService) Create(ctx context.Context, orgID, projectID string, req WorkspaceCreateRequest, reqOpts ...adobe.RequestOption) (*WorkspaceCreated, *adobe.Response, error) {
	errs := []error{checkOrgID("orgID", orgID), checkID("projectID", projectID), checkName("Name", req.Name, 1, MaxProjectNameLen), checkText("Description", req.Description)}
	if req.Title != "" {
		errs = append(errs, checkName("Title", req.Title, 1, MaxProjectNameLen))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	org, err := s.client.consoleOrg(ctx, orgID, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out WorkspaceCreated
	path := core.Pathf("console/organizations/%s/projects/%s/workspaces", org, projectID)
	resp, err := (*service)(s).call(ctx, http.MethodPost, path, nil, req, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	if out.WorkspaceID == "" {
		return nil, resp, missingField(resp, http.MethodPost, path, "workspaceId")
	}
	out.Ref = WorkspaceRef{OrgID: orgID, ProjectID: projectID, WorkspaceID: out.WorkspaceID}
	return &out, resp, nil
}

// Delete deletes a workspace with its credentials.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, DELETE /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}, "Delete a workspace".
//
// API: DELETE /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}
func (s *WorkspacesService) Delete(ctx context.Context, ws WorkspaceRef, reqOpts ...adobe.RequestOption) (*adobe.Response, error) {
	path, err := (*service)(s).workspacePath(ctx, ws, reqOpts)
	if err != nil {
		return nil, err
	}
	return (*service)(s).call(ctx, http.MethodDelete, path, nil, nil, nil, reqOpts)
}

// DownloadCredential is one credential of a workspace download.
type DownloadCredential struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	APIKey          string `json:"apiKey"`
	IntegrationType string `json:"integration_type"` // "oauth_server_to_server" (observed; the spec's description lists only service, oauthweb, oauthandroid, oauthios)
	OAuthS2S        *struct {
		ClientID              string        `json:"client_id"`
		ClientSecrets         []auth.Secret `json:"client_secrets"`
		TechnicalAccountEmail string        `json:"technical_account_email"`
		TechnicalAccountID    string        `json:"technical_account_id"`
		Scopes                []string      `json:"scopes"`
	} `json:"oauth_server_to_server,omitempty"`
}

// String describes the credential with its client secrets redacted.
func (c DownloadCredential) String() string {
	s := fmt.Sprintf("devconsole.DownloadCredential{ID:%s Name:%s APIKey:%s IntegrationType:%s", c.ID, c.Name, c.APIKey, c.IntegrationType)
	if o := c.OAuthS2S; o != nil {
		s += fmt.Sprintf(" OAuthS2S:{ClientID:%s ClientSecrets:%v TechnicalAccountEmail:%s TechnicalAccountID:%s Scopes:%v}",
			o.ClientID, o.ClientSecrets, o.TechnicalAccountEmail, o.TechnicalAccountID, o.Scopes)
	}
	return s + "}"
}

// GoString is String.
func (c DownloadCredential) GoString() string { return c.String() }

// Format prints String for every verb. Without it, a verb that does not
// suit the OAuthS2S pointer (%s, %q, %x) would make fmt print the pointed-to
// secrets without calling their redacting methods.
func (c DownloadCredential) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue logs String.
func (c DownloadCredential) LogValue() slog.Value { return slog.StringValue(c.String()) }

// DownloadWorkspace is the workspace part of a download.
type DownloadWorkspace struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Details     struct {
		Credentials []DownloadCredential `json:"credentials"`
		Services    []struct {
			Code string `json:"code"`
			Name string `json:"name"`
		} `json:"services"`
	} `json:"details"`
}

// WorkspaceConfig is a workspace download: the JSON file of the Console's
// Download button, with the client secrets of its credentials. Its client
// secrets are auth.Secret values and never print; Bytes returns the raw
// document for auth.CredentialsFromWorkspace.
type WorkspaceConfig struct {
	raw     []byte
	Project struct {
		ID          string `json:"id"`
		Name        string `json:"name"`
		Title       string `json:"title"`
		Description string `json:"description"`
		Org         struct {
			ID       string `json:"id"`
			Name     string `json:"name"`
			IMSOrgID string `json:"ims_org_id"`
		} `json:"org"`
	} `json:"project"`
	// Workspace is read from project.workspace (observed, what Adobe's own
	// library reads) or project.org.workspace (the spec).
	Workspace DownloadWorkspace `json:"-"`
}

// Bytes returns the raw download. It contains client secrets: do not log
// it.
func (w WorkspaceConfig) Bytes() []byte { return append([]byte(nil), w.raw...) }

// String describes the download without its secrets.
func (w WorkspaceConfig) String() string {
	return "devconsole.WorkspaceConfig{project " + w.Project.Name + ", workspace " + w.Workspace.Name + "}"
}

// GoString is String, so that %#v does not print the raw download.
func (w WorkspaceConfig) GoString() string { return w.String() }

// Format prints String for every verb (%v, %+v, %#v, %s, %q, %x, ...), so
// that no verb prints the raw download with its client secrets.
func (w WorkspaceConfig) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, w.String()) }

// LogValue logs String, never the raw download.
func (w WorkspaceConfig) LogValue() slog.Value { return slog.StringValue(w.String()) }

// MarshalJSON encodes the project and the workspace with the client secrets
// redacted (auth.Secret); the raw download is only available from Bytes.
func (w WorkspaceConfig) MarshalJSON() ([]byte, error) {
	type view struct {
		Project   any               `json:"project"`
		Workspace DownloadWorkspace `json:"workspace"`
	}
	return json.Marshal(view{Project: w.Project, Workspace: w.Workspace})
}

// Credentials returns the OAuth Server-to-Server credential named name (""
// for the only one) ready for auth.NewConfig; see
// auth.CredentialsFromWorkspace.
func (w WorkspaceConfig) Credentials(name string) (auth.Credentials, error) {
	return auth.CredentialsFromWorkspace(w.raw, name)
}

func decodeWorkspaceConfig(raw []byte) (*WorkspaceConfig, error) {
	w := &WorkspaceConfig{raw: raw}
	if err := json.Unmarshal(raw, w); err != nil {
		return nil, err
	}
	var nest struct {
		Project struct {
			Workspace *DownloadWorkspace `json:"workspace"`
			Org       struct {
				Workspace *DownloadWorkspace `json:"workspace"`
			} `json:"org"`
		} `json:"project"`
	}
	if err := json.Unmarshal(raw, &nest); err != nil {
		return nil, err
	}
	if w.Project.ID == "" {
		return nil, errors.New("the download has no project.id")
	}
	switch {
	case nest.Project.Workspace != nil:
		w.Workspace = *nest.Project.Workspace
	case nest.Project.Org.Workspace != nil:
		w.Workspace = *nest.Project.Org.Workspace
	}
	return w, nil
}

// Download returns the workspace's configuration file: project, org,
// workspace, credentials with client id, secrets, scopes and technical
// account, and services. It is the authoritative source of a credential's
// scopes.
//
// Adobe's spec nests the workspace under project.org; the observed file
// (and Adobe's own library) has it under project. Both decode.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/download, "Download workspace json".
//
// API: GET /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/download
func (s *WorkspacesService) Download(ctx context.Context, ws WorkspaceRef, reqOpts ...adobe.RequestOption) (*WorkspaceConfig, *adobe.Response, error) {
	path, err := (*service)(s).workspacePath(ctx, ws, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	path += "/download"
	var raw []byte
	resp, err := (*service)(s).call(ctx, http.MethodGet, path, nil, nil, &raw, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	w, err := decodeWorkspaceConfig(raw)
	if err != nil {
		// Never quote the body: it holds client secrets.
		re := &adobe.ResponseError{Method: http.MethodGet, Host: s.client.c.BaseURL.Host, Path: "/" + path, Err: err}
		if resp != nil {
			re.StatusCode, re.RequestID = resp.StatusCode, resp.RequestID
		}
		return nil, resp, re
	}
	return w, resp, nil
}
