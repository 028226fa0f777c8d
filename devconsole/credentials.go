package devconsole

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"net/http"
	"unicode/utf8"

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
func (s *CredentialsService) List(ctx context.Context, orgID, projectID, workspaceID string, opts ...adobe.RequestOption) ([]WorkspaceCredential, *Response, error) {
	if err := required("orgID", orgID, "projectID", projectID, "workspaceID", workspaceID); err != nil {
		return nil, nil, err
	}
	var out []WorkspaceCredential
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/projects/%s/workspaces/%s/credentials", orgID, projectID, workspaceID), nil, nil, &out, opts)
	return out, resp, err
}

// ListIter iterates over a workspace's credentials (one request: the list
// is not paginated).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials, "Get Credentials".
//
// API: GET /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials
func (s *CredentialsService) ListIter(ctx context.Context, orgID, projectID, workspaceID string, opts ...adobe.RequestOption) iter.Seq2[WorkspaceCredential, error] {
	return onePage(ctx, func(ctx context.Context) ([]WorkspaceCredential, error) {
		items, _, err := s.List(ctx, orgID, projectID, workspaceID, opts...)
		return items, err
	})
}

// OAuthCredentialCreateRequest is the body of CreateOAuthServerToServer.
// Name is required: 6 to 25 characters (Unicode code points, not bytes).
// Adobe's spec sets no limit; the limit is the one Adobe's aio CLI notes
// ("must be between 6 and 25 chars long"), checked before any request.
// Description defaults to Name (the API requires one).
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
	switch {
	case r.Name == "":
		return core.NewArgError("Name", "is empty")
	case utf8.RuneCountInString(r.Name) < 6 || utf8.RuneCountInString(r.Name) > 25:
		return core.NewArgError("Name", "%q has %d characters; it must have 6 to 25 (Developer Console limit)", r.Name, utf8.RuneCountInString(r.Name))
	}
	return nil
}

// OAuthCredential is a created OAuth Server-to-Server credential. APIKey is
// its client id (also the x-api-key its callers send).
type OAuthCredential struct {
	ID                 string `json:"id"`
	APIKey             string `json:"apiKey"`
	OrgID              string `json:"orgId"`
	TechnicalAccountID string `json:"technicalAccountId,omitempty"`
	ProjectID          string `json:"projectId,omitempty"`
	WorkspaceID        string `json:"workspaceId,omitempty"`
	// SubscriptionResult is set by CreateInOrg only.
	SubscriptionResult *SubscriptionResult `json:"subscriptionResult,omitempty"`
}

// CreateOAuthServerToServer adds an OAuth Server-to-Server credential to a
// workspace. The spec answers 200 here (the org-level call answers 201); any
// 2xx is success. Not retried on 5xx or connection errors; use
// Client.EnsureOAuthCredential for a create that cannot duplicate.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, POST /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials/oauth-server-to-server, "Create oauth server to server credentials".
//
// API: POST /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials/oauth-server-to-server
func (s *CredentialsService) CreateOAuthServerToServer(ctx context.Context, orgID, projectID, workspaceID string, req OAuthCredentialCreateRequest, opts ...adobe.RequestOption) (OAuthCredential, *Response, error) {
	var out OAuthCredential
	if err := required("orgID", orgID, "projectID", projectID, "workspaceID", workspaceID); err != nil {
		return out, nil, err
	}
	if err := req.validate(); err != nil {
		return out, nil, err
	}
	resp, err := (*service)(s).call(ctx, http.MethodPost, core.Pathf("console/organizations/%s/projects/%s/workspaces/%s/credentials/oauth-server-to-server", orgID, projectID, workspaceID), nil, req, &out, opts)
	if err == nil {
		out.ProjectID, out.WorkspaceID = projectID, workspaceID
	}
	return out, resp, err
}

// CreateInOrg creates an OAuth Server-to-Server credential together with
// its own project and workspace and subscribes it to req.Services in one
// call (201). A duplicate name is refused with 409 ERR_MSG_DUPLICATE_NAME
// (matches adobe.ErrConflict); a full quota with 403 ERR_MSG_QUOTA_EXCEEDED.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, POST /console/organizations/{orgId}/credentials/oauth-server-to-server, "Create oauth server to server credential".
//
// API: POST /console/organizations/{orgId}/credentials/oauth-server-to-server
func (s *CredentialsService) CreateInOrg(ctx context.Context, orgID string, req OAuthCredentialCreateRequest, opts ...adobe.RequestOption) (OAuthCredential, *Response, error) {
	var out OAuthCredential
	if err := required("orgID", orgID); err != nil {
		return out, nil, err
	}
	if err := req.validate(); err != nil {
		return out, nil, err
	}
	resp, err := (*service)(s).call(ctx, http.MethodPost, core.Pathf("console/organizations/%s/credentials/oauth-server-to-server", orgID), nil, req, &out, opts)
	return out, resp, err
}

// Delete removes a credential from a workspace (and deletes it).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, DELETE /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials/{credentialId}, "Delete Credential".
//
// API: DELETE /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials/{credentialId}
func (s *CredentialsService) Delete(ctx context.Context, orgID, projectID, workspaceID, credentialID string, opts ...adobe.RequestOption) (*Response, error) {
	if err := required("orgID", orgID, "projectID", projectID, "workspaceID", workspaceID, "credentialID", credentialID); err != nil {
		return nil, err
	}
	return (*service)(s).call(ctx, http.MethodDelete, core.Pathf("console/organizations/%s/projects/%s/workspaces/%s/credentials/%s", orgID, projectID, workspaceID, credentialID), nil, nil, nil, opts)
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
	ID          ID     `json:"id,omitempty"`
	Code        string `json:"code"`
	Description string `json:"description,omitempty"`
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
func (s *CredentialsService) GetIntegration(ctx context.Context, orgID, credentialID string, opts ...adobe.RequestOption) (Integration, *Response, error) {
	var out Integration
	if err := required("orgID", orgID, "credentialID", credentialID); err != nil {
		return out, nil, err
	}
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/integrations/%s", orgID, credentialID), nil, nil, &out, opts)
	return out, resp, err
}

// DeleteIntegration deletes a credential by id, wherever it is (204).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, DELETE /console/organizations/{orgId}/integrations/{intId}, "delete integration".
//
// API: DELETE /console/organizations/{orgId}/integrations/{intId}
func (s *CredentialsService) DeleteIntegration(ctx context.Context, orgID, credentialID string, opts ...adobe.RequestOption) (*Response, error) {
	if err := required("orgID", orgID, "credentialID", credentialID); err != nil {
		return nil, err
	}
	return (*service)(s).call(ctx, http.MethodDelete, core.Pathf("console/organizations/%s/integrations/%s", orgID, credentialID), nil, nil, nil, opts)
}

// EnsuredCredential is a credential found or created by
// EnsureOAuthCredential.
type EnsuredCredential struct {
	ID                 string // credential (integration) id
	ClientID           string
	TechnicalAccountID string
	Created            bool
}

// EnsureOAuthCredential returns the workspace's OAuth Server-to-Server
// credential named req.Name, creating it when absent. After an ambiguous
// failure of the create (connection lost, 5xx, 409) it looks the name up
// again before one more create, so a lost answer never leaves two
// credentials. On a re-run it makes no write. A create and a re-run return
// the same fields: after a create it reads the technical account id, which
// the create's answer lacks.
//
// Adobe documents no page for these calls; their spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json.
//
// API: GET …/workspaces/{workspaceId}/credentials, GET /console/organizations/{orgId}/integrations/{intId}
// per S2S credential, POST …/workspaces/{workspaceId}/credentials/oauth-server-to-server (when absent),
// then GET /console/organizations/{orgId}/integrations/{intId} (the created credential's technical account id)
func (c *Client) EnsureOAuthCredential(ctx context.Context, orgID, projectID, workspaceID string, req OAuthCredentialCreateRequest, opts ...adobe.RequestOption) (EnsuredCredential, error) {
	if err := required("orgID", orgID, "projectID", projectID, "workspaceID", workspaceID); err != nil {
		return EnsuredCredential{}, err
	}
	if err := req.validate(); err != nil {
		return EnsuredCredential{}, err
	}
	find := func(ctx context.Context) (EnsuredCredential, bool, error) {
		rows, _, err := c.Credentials.List(ctx, orgID, projectID, workspaceID, opts...)
		if err != nil {
			return EnsuredCredential{}, false, err
		}
		for _, r := range rows {
			if !r.IsOAuthS2S() {
				continue
			}
			in, _, err := c.Credentials.GetIntegration(ctx, orgID, r.ID, opts...)
			if err != nil {
				return EnsuredCredential{}, false, err
			}
			if in.Name == req.Name {
				return EnsuredCredential{ID: in.ID, ClientID: in.APIKey, TechnicalAccountID: in.TechnicalAccountID}, true, nil
			}
		}
		return EnsuredCredential{}, false, nil
	}
	create := func(ctx context.Context) (EnsuredCredential, error) {
		out, _, err := c.Credentials.CreateOAuthServerToServer(ctx, orgID, projectID, workspaceID, req, opts...)
		return EnsuredCredential{ID: out.ID, ClientID: out.APIKey, TechnicalAccountID: out.TechnicalAccountID}, err
	}
	ec, created, err := ensure(ctx, find, create)
	ec.Created = created
	if err == nil && created && (ec.TechnicalAccountID == "" || ec.ClientID == "") {
		// The create answer carries no technical account id: read it, so
		// that a create and a re-run return the same fields.
		in, _, gerr := c.Credentials.GetIntegration(ctx, orgID, ec.ID, opts...)
		if gerr != nil {
			return ec, fmt.Errorf("devconsole: credential %s was created; reading its technical account id failed (a re-run finds it): %w", ec.ID, gerr)
		}
		ec.TechnicalAccountID = cmp.Or(ec.TechnicalAccountID, in.TechnicalAccountID)
		ec.ClientID = cmp.Or(ec.ClientID, in.APIKey)
	}
	return ec, err
}
