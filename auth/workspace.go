package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// ErrJWTEndOfLife reports a Service Account (JWT) credential. Adobe ended
// JWT credentials (no new ones since 2024-06-03, end of life 2025-06-30, hard
// stop 2026-03-01); the SDK speaks OAuth Server-to-Server only.
var ErrJWTEndOfLife = errors.New("auth: Service Account (JWT) credentials have reached end of life; " +
	"migrate the credential to OAuth Server-to-Server in the Developer Console " +
	"(https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/migration/)")

// workspaceFile is the JSON that the Developer Console's "Download" button
// (and GET .../workspaces/{id}/download) gives. Adobe's spec nests workspace
// under project.org; the observed file has it under project: both decode.
type workspaceFile struct {
	Project struct {
		Name string `json:"name"`
		Org  struct {
			IMSOrgID  string         `json:"ims_org_id"`
			Workspace *workspaceJSON `json:"workspace"`
		} `json:"org"`
		Workspace *workspaceJSON `json:"workspace"`
	} `json:"project"`
}

type workspaceJSON struct {
	Name    string `json:"name"`
	Details struct {
		Credentials []struct {
			Name            string `json:"name"`
			IntegrationType string `json:"integration_type"`
			S2S             *struct {
				ClientID              string   `json:"client_id"`
				ClientSecrets         []string `json:"client_secrets"`
				Scopes                []string `json:"scopes"`
				TechnicalAccountID    string   `json:"technical_account_id"`
				TechnicalAccountEmail string   `json:"technical_account_email"`
			} `json:"oauth_server_to_server"`
			JWT json.RawMessage `json:"jwt"`
		} `json:"credentials"`
	} `json:"details"`
}

// CredentialsFromWorkspace reads the OAuth Server-to-Server credential from a
// Developer Console workspace download (project.org.ims_org_id and
// project.workspace.details.credentials[].oauth_server_to_server). name
// selects a credential by name when the workspace has several; "" takes the
// only one. The first of client_secrets is used, as Adobe's own library does.
// A workspace holding only a JWT credential yields an error that matches
// ErrJWTEndOfLife.
func CredentialsFromWorkspace(data []byte, name string) (Credentials, error) {
	var f workspaceFile
	if err := json.Unmarshal(data, &f); err != nil {
		return Credentials{}, core.NewArgError("workspace JSON", "is not valid JSON: %v", err)
	}
	ws := f.Project.Workspace
	if ws == nil {
		ws = f.Project.Org.Workspace
	}
	if ws == nil {
		return Credentials{}, core.NewArgError("project.workspace", "is missing; is this a workspace download from the Developer Console?")
	}
	var names []string
	sawJWT := false
	for _, cr := range ws.Details.Credentials {
		if cr.S2S != nil {
			names = append(names, cr.Name)
		} else if len(cr.JWT) > 0 && string(cr.JWT) != "null" || cr.IntegrationType == "service" {
			sawJWT = true
		}
	}
	for i, cr := range ws.Details.Credentials {
		if cr.S2S == nil || (name != "" && cr.Name != name) || (name == "" && len(names) > 1) {
			continue
		}
		field := fmt.Sprintf("project.workspace.details.credentials[%d].oauth_server_to_server", i)
		c := Credentials{
			ClientID:              cr.S2S.ClientID,
			OrgID:                 f.Project.Org.IMSOrgID,
			Scopes:                cr.S2S.Scopes,
			TechnicalAccountID:    cr.S2S.TechnicalAccountID,
			TechnicalAccountEmail: cr.S2S.TechnicalAccountEmail,
		}
		if len(cr.S2S.ClientSecrets) > 0 {
			c.ClientSecret = Secret(cr.S2S.ClientSecrets[0])
		}
		if err := c.Validate(); err != nil {
			var ae *adobe.ArgError
			if asArg(err, &ae) {
				ae.Arg = workspaceField(field, ae.Arg)
			}
			return Credentials{}, err
		}
		return c, nil
	}
	switch {
	case len(names) > 1 && name == "":
		return Credentials{}, core.NewArgError("credential name", "the workspace has several OAuth Server-to-Server credentials (%s); name one", strings.Join(names, ", "))
	case name != "" && len(names) > 0:
		return Credentials{}, core.NewArgError("credential name", "no OAuth Server-to-Server credential named %q (have %s)", name, strings.Join(names, ", "))
	case sawJWT:
		return Credentials{}, fmt.Errorf("auth: the workspace has only a Service Account (JWT) credential: %w", ErrJWTEndOfLife)
	}
	return Credentials{}, core.NewArgError("project.workspace.details.credentials", "has no OAuth Server-to-Server credential; add one in the Developer Console")
}

func workspaceField(prefix, field string) string {
	switch {
	case field == "ClientID":
		return prefix + ".client_id"
	case field == "ClientSecret":
		return prefix + ".client_secrets[0]"
	case field == "OrgID":
		return "project.org.ims_org_id"
	case strings.HasPrefix(field, "Scopes"):
		return prefix + ".scopes" + strings.TrimPrefix(field, "Scopes")
	}
	return field
}

// CredentialsFromWorkspaceFile reads a workspace download from a file; see
// CredentialsFromWorkspace.
func CredentialsFromWorkspaceFile(path, name string) (Credentials, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Credentials{}, fmt.Errorf("auth: reading workspace file: %w", err)
	}
	return CredentialsFromWorkspace(data, name)
}
