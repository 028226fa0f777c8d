package devconsole

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strconv"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// CredentialsService covers OAuth Server-to-Server credentials: listing,
// creating and deleting them in a workspace, their details (the Console
// calls a credential an "integration"; credential id == integration id),
// the org-level create-and-subscribe call, and their service subscriptions
// (see subscriptions.go).
type CredentialsService service

// Integration types (integration_type) of workspace credentials.
const (
	TypeOAuthS2S        = "oauth_server_to_server"         // OAuth Server-to-Server
	TypeOAuthS2SMigrate = "oauth_server_to_server_migrate" // a JWT credential being migrated to S2S
	TypeJWT             = "service"                        // Service Account (JWT), end of life
)

// WorkspaceCredential is a row of Credentials.List.
type WorkspaceCredential struct {
	WorkspaceID string `json:"id_workspace"`
	ID          string `json:"id_integration"`
	FlowType    string `json:"flow_type"` // "entp" for server-to-server
	// IntegrationType is what the Console sends; CredentialType is the
	// spec's name for the same field. Use Type.
	IntegrationType string `json:"integration_type,omitempty"`
	CredentialType  string `json:"credential_type,omitempty"`
}

// Type returns integration_type, or the spec's credential_type.
func (w WorkspaceCredential) Type() string {
	if w.IntegrationType != "" {
		return w.IntegrationType
	}
	return w.CredentialType
}

// IsOAuthS2S reports whether the credential is OAuth Server-to-Server
// (including a JWT credential in migration, which also works as S2S).
func (w WorkspaceCredential) IsOAuthS2S() bool {
	t := w.Type()
	return t == TypeOAuthS2S || t == TypeOAuthS2SMigrate
}

// List returns a workspace's credentials. Adobe's spec calls the type field
// credential_type; the Console sends integration_type: both decode.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials, "Get Credentials".
//
// API: GET /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials
func (s *CredentialsService) List(ctx context.Context, ws WorkspaceRef, reqOpts ...adobe.RequestOption) ([]WorkspaceCredential, *adobe.Response, error) {
	path, err := (*service)(s).workspacePath(ctx, ws, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out []WorkspaceCredential
	resp, err := (*service)(s).call(ctx, http.MethodGet, path+"/credentials", nil, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	wholeList(resp, len(out))
	return out, resp, nil
}

// ListIter iterates over a workspace's credentials (one request: the list
// is not paginated).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials, "Get Credentials".
//
// API: GET /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials
func (s *CredentialsService) ListIter(ctx context.Context, ws WorkspaceRef, reqOpts ...adobe.RequestOption) iter.Seq2[WorkspaceCredential, error] {
	return onePage(ctx, func(ctx context.Context) ([]WorkspaceCredential, error) {
		items, _, err := s.List(ctx, ws, reqOpts...)
		return items, err
	})
}

// OAuthCredentialCreateRequest is the body of CreateOAuthServerToServer.
// Name is required: 6 to 25 characters (Unicode code points, not bytes),
// without control characters (newlines), quotes, backslashes, angle
// brackets or leading and trailing blanks. Adobe's spec sets no limit; the
// length is the one Adobe's aio CLI notes ("must be between 6 and 25 chars
// long"), checked before any request. Description defaults to Name (the
// API requires one); at most MaxDescriptionLen characters.
type OAuthCredentialCreateRequest struct {
	Name        string                `json:"name"`
	Description string                `json:"description"`
	TemplateID  string                `json:"templateId,omitempty"`
	Services    []ServiceSubscription `json:"services,omitempty"`
}

func (r *OAuthCredentialCreateRequest) validate() error {
	if r.Description == "" {
		r.Description = r.Name
	}
	errs := []error{checkName("Name", r.Name, 6, 25), checkText("Description", r.Description)}
	if r.TemplateID != "" {
		errs = append(errs, checkID("TemplateID", r.TemplateID))
	}
	for i, sub := range r.Services {
		errs = append(errs, checkID(fmt.Sprintf("Services[%d].SDKCode", i), sub.SDKCode))
	}
	return errors.Join(errs...)
}

// OAuthCredential is an OAuth Server-to-Server credential as created (or
// found by EnsureOAuthCredential). ClientID is its client id, also the
// x-api-key its callers send (the Console calls it apiKey).
type OAuthCredential struct {
	// Ref names the credential for the calls on it (attach, secrets,
	// download, ...), with the org id as the caller gave it.
	Ref                CredentialRef `json:"-"`
	ID                 string        `json:"id"`
	Name               string        `json:"name,omitempty"`
	ClientID           string        `json:"apiKey"`
	OrgID              string        `json:"orgId"` // the numeric Console org id
	TechnicalAccountID string        `json:"technicalAccountId,omitempty"`
	ProjectID          string        `json:"projectId,omitempty"`
	WorkspaceID        string        `json:"workspaceId,omitempty"`
	// SubscriptionResult is set by CreateInOrg only.
	SubscriptionResult *SubscriptionResult `json:"subscriptionResult,omitempty"`
}

// CreateOAuthServerToServer adds an OAuth Server-to-Server credential to a
// workspace. The spec answers 200 here (the org-level call answers 201); any
// 2xx is success; one without the credential id is an
// *adobe.ResponseError (the credential may exist). Not retried on 5xx or
// connection errors; use Client.EnsureOAuthCredential for a create that
// cannot duplicate.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, POST /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials/oauth-server-to-server, "Create oauth server to server credentials".
//
// API: POST /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials/oauth-server-to-server
func (s *CredentialsService) CreateOAuthServerToServer(ctx context.Context, ws WorkspaceRef, req OAuthCredentialCreateRequest, reqOpts ...adobe.RequestOption) (*OAuthCredential, *adobe.Response, error) {
	if err := errors.Join(ws.validate("ws"), req.validate()); err != nil {
		return nil, nil, err
	}
	path, err := (*service)(s).workspacePath(ctx, ws, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	path += "/credentials/oauth-server-to-server"
	var out OAuthCredential
	resp, err := (*service)(s).call(ctx, http.MethodPost, path, nil, req, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	if out.ID == "" {
		return nil, resp, missingField(resp, http.MethodPost, path, "id")
	}
	out.ProjectID, out.WorkspaceID = ws.ProjectID, ws.WorkspaceID
	out.Name = cmp.Or(out.Name, req.Name)
	out.Ref = CredentialRef{OrgID: ws.OrgID, ProjectID: ws.ProjectID, WorkspaceID: ws.WorkspaceID, CredentialID: out.ID}
	return &out, resp, nil
}

// CreateInOrg creates an OAuth Server-to-Server credential together with
// its own project and workspace and subscribes it to req.Services in one
// call (201). A duplicate name is refused with 409 ERR_MSG_DUPLICATE_NAME
// (matches adobe.ErrConflict); a full quota with 403 ERR_MSG_QUOTA_EXCEEDED.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, POST /console/organizations/{orgId}/credentials/oauth-server-to-server, "Create oauth server to server credential".
//
// API: POST /console/organizations/{orgId}/credentials/oauth-server-to-server
func (s *CredentialsService) CreateInOrg(ctx context.Context, orgID string, req OAuthCredentialCreateRequest, reqOpts ...adobe.RequestOption) (*OAuthCredential, *adobe.Response, error) {
	if err := errors.Join(checkOrgID("orgID", orgID), req.validate()); err != nil {
		return nil, nil, err
	}
	org, err := s.client.consoleOrg(ctx, orgID, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out OAuthCredential
	path := core.Pathf("console/organizations/%s/credentials/oauth-server-to-server", org)
	resp, err := (*service)(s).call(ctx, http.MethodPost, path, nil, req, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	if out.ID == "" {
		return nil, resp, missingField(resp, http.MethodPost, path, "id")
	}
	out.Name = cmp.Or(out.Name, req.Name)
	out.Ref = CredentialRef{OrgID: orgID, ProjectID: out.ProjectID, WorkspaceID: out.WorkspaceID, CredentialID: out.ID}
	return &out, resp, nil
}

// Delete removes a credential from its workspace (and deletes it).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, DELETE /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials/{credentialId}, "Delete Credential".
//
// API: DELETE /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials/{credentialId}
func (s *CredentialsService) Delete(ctx context.Context, cred CredentialRef, reqOpts ...adobe.RequestOption) (*adobe.Response, error) {
	if err := cred.validate("cred", true); err != nil {
		return nil, err
	}
	path, err := (*service)(s).workspacePath(ctx, cred.Workspace(), reqOpts)
	if err != nil {
		return nil, err
	}
	return (*service)(s).call(ctx, http.MethodDelete, path+"/credentials/"+core.Pathf("%s", cred.CredentialID), nil, nil, nil, reqOpts)
}

// Integration is a credential's details.
type Integration struct {
	APIKey                string               `json:"apikey"`
	TechnicalAccountID    string               `json:"technicalAccountId"`
	TechnicalAccountEmail string               `json:"technicalAccountEmail"`
	Description           string               `json:"description"`
	ID                    string               `json:"id"`
	Name                  string               `json:"name"`
	OrgID                 string               `json:"orgId"`
	Platform              string               `json:"platform,omitempty"`
	Production            bool                 `json:"production"`
	ReadOnly              bool                 `json:"readOnly"`
	SDKList               []string             `json:"sdkList"`
	ServiceProperties     []IntegrationService `json:"serviceProperties"`
	Status                string               `json:"status"`
	Type                  string               `json:"type"` // "entp" for S2S
	CreatedDate           string               `json:"createdDate"`
	LastModifiedDate      string               `json:"lastModifiedDate"`
}

// IntegrationService is one subscribed service of a credential's details:
// its scopes, product profiles and roles.
type IntegrationService struct {
	SDKCode        string            `json:"sdkCode"`
	Name           string            `json:"name"`
	Scopes         []string          `json:"scopes"`
	LicenseConfigs []LicenseConfig   `json:"licenseConfigs"`
	Roles          []IntegrationRole `json:"roles,omitempty"`
}

// IntegrationRole is a role of a subscribed service as the credential's
// details show it: the spec gives code and description only; ID is kept
// when the Console sends it.
type IntegrationRole struct {
	ID          string `json:"id,omitempty"`
	Code        string `json:"code"`
	Description string `json:"description,omitempty"`
}

// UnmarshalJSON decodes the id from a string or a number.
func (r *IntegrationRole) UnmarshalJSON(data []byte) error {
	type plain IntegrationRole
	var w struct {
		*plain
		ID json.RawMessage `json:"id"`
	}
	w.plain = (*plain)(r)
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	id, err := decodeRoleID(w.ID)
	r.ID = id
	return err
}

// GetIntegration returns a credential's details: client id, technical
// account, subscribed services with scopes and product profiles. Until the
// service properties of a service have been read (GetServiceProperties),
// the Console may return empty licenseConfigs here (a Console caching bug
// noted in Adobe's CLI).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/integrations/{intId}, "get integration details".
//
// API: GET /console/organizations/{orgId}/integrations/{intId}
func (s *CredentialsService) GetIntegration(ctx context.Context, cred CredentialRef, reqOpts ...adobe.RequestOption) (*Integration, *adobe.Response, error) {
	org, err := (*service)(s).credOrg(ctx, cred, false, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out Integration
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/integrations/%s", org, cred.CredentialID), nil, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// DeleteIntegration deletes a credential by id, wherever it is (204).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, DELETE /console/organizations/{orgId}/integrations/{intId}, "delete integration".
//
// API: DELETE /console/organizations/{orgId}/integrations/{intId}
func (s *CredentialsService) DeleteIntegration(ctx context.Context, cred CredentialRef, reqOpts ...adobe.RequestOption) (*adobe.Response, error) {
	org, err := (*service)(s).credOrg(ctx, cred, false, reqOpts)
	if err != nil {
		return nil, err
	}
	return (*service)(s).call(ctx, http.MethodDelete, core.Pathf("console/organizations/%s/integrations/%s", org, cred.CredentialID), nil, nil, nil, reqOpts)
}

// credOrg validates cred (all four ids when withWorkspace) and returns the
// numeric org id.
func (s *service) credOrg(ctx context.Context, cred CredentialRef, withWorkspace bool, reqOpts []adobe.RequestOption) (string, error) {
	if err := cred.validate("cred", withWorkspace); err != nil {
		return "", err
	}
	return s.client.consoleOrg(ctx, cred.OrgID, reqOpts)
}

// EnsureOAuthCredential returns the workspace's OAuth Server-to-Server
// credential named req.Name, creating it when absent. After an ambiguous
// failure of the create (connection lost, 5xx, 409, an unusable 2xx
// answer) it looks the name up again before one more create, so a lost
// answer never leaves two credentials; a failed or unusable lookup is an
// error, never "not found". On a re-run it makes no write. A create and a
// re-run return the same fields: after a create it reads the technical
// account id, which the create's answer lacks. Concurrent calls for one
// name in one workspace on one Client are serialized (see [Client]).
//
// Adobe documents no page for these calls; their spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json.
//
// API: GET …/workspaces/{workspaceId}/credentials, GET /console/organizations/{orgId}/integrations/{intId}
// per S2S credential, POST …/workspaces/{workspaceId}/credentials/oauth-server-to-server (when absent),
// then GET /console/organizations/{orgId}/integrations/{intId} (the created credential's technical account id)
func (c *Client) EnsureOAuthCredential(ctx context.Context, ws WorkspaceRef, req OAuthCredentialCreateRequest, reqOpts ...adobe.RequestOption) (*adobe.Ensured[OAuthCredential], error) {
	if err := errors.Join(ws.validate("ws"), req.validate()); err != nil {
		return nil, err
	}
	org, err := c.consoleOrg(ctx, ws.OrgID, reqOpts)
	if err != nil {
		return nil, err
	}
	nws := WorkspaceRef{OrgID: org, ProjectID: ws.ProjectID, WorkspaceID: ws.WorkspaceID}
	unlock, err := c.locks.Lock(ctx, "credential "+nws.String()+" "+strconv.Quote(req.Name))
	if err != nil {
		return nil, err
	}
	defer unlock()
	ref := func(id string) CredentialRef {
		return CredentialRef{OrgID: ws.OrgID, ProjectID: ws.ProjectID, WorkspaceID: ws.WorkspaceID, CredentialID: id}
	}
	find := func(ctx context.Context) (OAuthCredential, bool, error) {
		rows, _, err := c.Credentials.List(ctx, nws, reqOpts...)
		if err != nil {
			return OAuthCredential{}, false, err
		}
		for _, r := range rows {
			if !r.IsOAuthS2S() {
				continue
			}
			in, _, err := c.Credentials.GetIntegration(ctx, CredentialRef{OrgID: org, CredentialID: r.ID}, reqOpts...)
			if err != nil {
				return OAuthCredential{}, false, err
			}
			if in.Name == req.Name {
				return OAuthCredential{Ref: ref(in.ID), ID: in.ID, Name: in.Name, ClientID: in.APIKey, OrgID: org,
					TechnicalAccountID: in.TechnicalAccountID, ProjectID: ws.ProjectID, WorkspaceID: ws.WorkspaceID}, true, nil
			}
		}
		return OAuthCredential{}, false, nil
	}
	create := func(ctx context.Context) (OAuthCredential, error) {
		out, _, err := c.Credentials.CreateOAuthServerToServer(ctx, nws, req, reqOpts...)
		if err != nil {
			return OAuthCredential{}, err
		}
		out.Ref = ref(out.ID)
		return *out, nil
	}
	e := &adobe.Ensured[OAuthCredential]{}
	path := "/" + core.Pathf("console/organizations/%s/projects/%s/workspaces/%s/credentials/oauth-server-to-server", org, ws.ProjectID, ws.WorkspaceID)
	if err := ensure(ctx, e, find, create, fmt.Sprintf("created OAuth Server-to-Server credential %q", req.Name), http.MethodPost, path); err != nil {
		if e.Wrote() {
			return e, err
		}
		return nil, err
	}
	if e.Value.TechnicalAccountID == "" || e.Value.ClientID == "" {
		// The create answer carries no technical account id: read it, so
		// that a create and a re-run return the same fields.
		in, _, err := c.Credentials.GetIntegration(ctx, CredentialRef{OrgID: org, CredentialID: e.Value.ID}, reqOpts...)
		if err != nil {
			return e, fmt.Errorf("devconsole: credential %s was created; reading its technical account id failed (a re-run finds it): %w", e.Value.ID, err)
		}
		e.Value.TechnicalAccountID = cmp.Or(e.Value.TechnicalAccountID, in.TechnicalAccountID)
		e.Value.ClientID = cmp.Or(e.Value.ClientID, in.APIKey)
	}
	return e, nil
}
