package devconsole

import (
	"context"
	"encoding/json"
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
	Enabled          Bool   `json:"enabled"`
	RuntimeEnabled   Bool   `json:"runtime_enabled"`
	DateCreated      string `json:"date_created"`
	DateLastModified string `json:"date_last_modified"`
	WhoCreated       string `json:"who_created"`
	WhoLastModified  string `json:"who_last_modified"`
}

// List returns a project's workspaces (not paginated).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects/{projectId}/workspaces, "List Workspaces".
//
// API: GET /console/organizations/{orgId}/projects/{projectId}/workspaces
func (s *WorkspacesService) List(ctx context.Context, orgID, projectID string, opts ...adobe.RequestOption) ([]Workspace, *Response, error) {
	if err := required("orgID", orgID, "projectID", projectID); err != nil {
		return nil, nil, err
	}
	var out []Workspace
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/projects/%s/workspaces", orgID, projectID), nil, nil, &out, opts)
	return out, resp, err
}

// ListIter iterates over a project's workspaces (one request: the list is
// not paginated).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects/{projectId}/workspaces, "List Workspaces".
//
// API: GET /console/organizations/{orgId}/projects/{projectId}/workspaces
func (s *WorkspacesService) ListIter(ctx context.Context, orgID, projectID string, opts ...adobe.RequestOption) iter.Seq2[Workspace, error] {
	return onePage(ctx, func(ctx context.Context) ([]Workspace, error) {
		items, _, err := s.List(ctx, orgID, projectID, opts...)
		return items, err
	})
}

// Get returns a workspace.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}, "Get Workspace".
//
// API: GET /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}
func (s *WorkspacesService) Get(ctx context.Context, orgID, projectID, workspaceID string, opts ...adobe.RequestOption) (Workspace, *Response, error) {
	var out Workspace
	if err := required("orgID", orgID, "projectID", projectID, "workspaceID", workspaceID); err != nil {
		return out, nil, err
	}
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/projects/%s/workspaces/%s", orgID, projectID, workspaceID), nil, nil, &out, opts)
	return out, resp, err
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
}

// Create adds a workspace to a project (201). A "default" project allows
// only one workspace: the Console answers "Only one workspace allowed for
// project type default".
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, POST /console/organizations/{orgId}/projects/{projectId}/workspaces, "Create workspace".
//
// API: POST /console/organizations/{orgId}/projects/{projectId}/workspaces
func (s *WorkspacesService) Create(ctx context.Context, orgID, projectID string, req WorkspaceCreateRequest, opts ...adobe.RequestOption) (WorkspaceCreated, *Response, error) {
	var out WorkspaceCreated
	if err := required("orgID", orgID, "projectID", projectID, "Name", req.Name); err != nil {
		return out, nil, err
	}
	resp, err := (*service)(s).call(ctx, http.MethodPost, core.Pathf("console/organizations/%s/projects/%s/workspaces", orgID, projectID), nil, req, &out, opts)
	return out, resp, err
}

// Delete deletes a workspace with its credentials.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, DELETE /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}, "Delete a workspace".
//
// API: DELETE /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}
func (s *WorkspacesService) Delete(ctx context.Context, orgID, projectID, workspaceID string, opts ...adobe.RequestOption) (*Response, error) {
	if err := required("orgID", orgID, "projectID", projectID, "workspaceID", workspaceID); err != nil {
		return nil, err
	}
	return (*service)(s).call(ctx, http.MethodDelete, core.Pathf("console/organizations/%s/projects/%s/workspaces/%s", orgID, projectID, workspaceID), nil, nil, nil, opts)
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
func (s *WorkspacesService) Download(ctx context.Context, orgID, projectID, workspaceID string, opts ...adobe.RequestOption) (*WorkspaceConfig, *Response, error) {
	if err := required("orgID", orgID, "projectID", projectID, "workspaceID", workspaceID); err != nil {
		return nil, nil, err
	}
	var raw []byte
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/projects/%s/workspaces/%s/download", orgID, projectID, workspaceID), nil, nil, &raw, opts)
	if err != nil {
		return nil, resp, err
	}
	w, err := decodeWorkspaceConfig(raw)
	if err != nil {
		return nil, resp, fmt.Errorf("devconsole: decoding the workspace download: %w", err)
	}
	return w, resp, nil
}
