package devconsole

import (
	"context"
	"net/http"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// MigrationService covers the JWT (Service Account) → OAuth
// Server-to-Server migration of a credential. The mapping of these calls to
// the Console UI's steps is inferred from the spec's names (Adobe documents
// only the UI flow: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/migration/).
type MigrationService service

// MigrationStatus is a credential's migration state.
type MigrationStatus string

// Migration states (the spec's enum).
const (
	MigrationNotStarted MigrationStatus = "NOT_STARTED"
	MigrationStarted    MigrationStatus = "STARTED"
	MigrationCompleted  MigrationStatus = "COMPLETED"
	MigrationNone       MigrationStatus = "NONE" // not a JWT credential
)

// Binding is the OAuth Server-to-Server binding added to a JWT credential
// when its migration starts.
type Binding struct {
	OrganizationID     string `json:"organizationId"`
	ClientID           string `json:"clientId"`
	AllowedScopes      string `json:"allowedScopes"`
	ServicePrincipalID string `json:"servicePrincipalId"`
	CreatedByUser      string `json:"createdByUser"`
	CreatedAt          string `json:"createdAt"`
}

// migrationPath validates cred and returns the path of one of its
// migration calls.
func (s *service) migrationPath(ctx context.Context, cred CredentialRef, leaf string, reqOpts []adobe.RequestOption) (string, error) {
	org, err := s.credOrg(ctx, cred, false, reqOpts)
	if err != nil {
		return "", err
	}
	return core.Pathf("console/organizations/%s/credentials/oauth-server-to-server/%s/", org, cred.CredentialID) + leaf, nil
}

// Start starts the migration of a JWT credential: it adds the equivalent
// OAuth Server-to-Server binding (same client id, technical account,
// scopes). Until Finalize or Cancel, APIs cannot be added and secrets cannot
// be rotated.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, POST /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/binding, "Create oauth server to server credential binding".
//
// API: POST /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/binding
func (s *MigrationService) Start(ctx context.Context, cred CredentialRef, reqOpts ...adobe.RequestOption) (*Binding, *adobe.Response, error) {
	path, err := (*service)(s).migrationPath(ctx, cred, "binding", reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out Binding
	resp, err := (*service)(s).call(ctx, http.MethodPost, path, nil, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// GetBinding returns the migration binding (404 when none).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/binding, "Get oauth server to server credential binding".
//
// API: GET /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/binding
func (s *MigrationService) GetBinding(ctx context.Context, cred CredentialRef, reqOpts ...adobe.RequestOption) (*Binding, *adobe.Response, error) {
	path, err := (*service)(s).migrationPath(ctx, cred, "binding", reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out Binding
	resp, err := (*service)(s).call(ctx, http.MethodGet, path, nil, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// Cancel cancels a started migration by deleting the binding (204).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, DELETE /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/binding, "Delete oauth server to server credential binding".
//
// API: DELETE /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/binding
func (s *MigrationService) Cancel(ctx context.Context, cred CredentialRef, reqOpts ...adobe.RequestOption) (*adobe.Response, error) {
	path, err := (*service)(s).migrationPath(ctx, cred, "binding", reqOpts)
	if err != nil {
		return nil, err
	}
	return (*service)(s).call(ctx, http.MethodDelete, path, nil, nil, nil, reqOpts)
}

// Status returns a credential's migration state.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/status, "Get oauth server to server credential migration status".
//
// API: GET /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/status
func (s *MigrationService) Status(ctx context.Context, cred CredentialRef, reqOpts ...adobe.RequestOption) (MigrationStatus, *adobe.Response, error) {
	path, err := (*service)(s).migrationPath(ctx, cred, "status", reqOpts)
	if err != nil {
		return "", nil, err
	}
	var out struct {
		MigrationStatus MigrationStatus `json:"migrationStatus"`
	}
	resp, err := (*service)(s).call(ctx, http.MethodGet, path, nil, nil, &out, reqOpts)
	return out.MigrationStatus, resp, err
}

// Finalize completes a migration: the JWT part of the credential is deleted
// (irreversible).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, PATCH /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/finalize, "The API finishes migration from JWT to oauth server to server credential".
//
// API: PATCH /console/organizations/{orgId}/credentials/oauth-server-to-server/{credentialId}/finalize
func (s *MigrationService) Finalize(ctx context.Context, cred CredentialRef, reqOpts ...adobe.RequestOption) (*adobe.Response, error) {
	path, err := (*service)(s).migrationPath(ctx, cred, "finalize", reqOpts)
	if err != nil {
		return nil, err
	}
	return (*service)(s).call(ctx, http.MethodPatch, path, nil, nil, nil, reqOpts)
}
