package campaign

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
)

// console is step 2: the project, the credential, the Analytics API with
// the profile, and the credential's values from the workspace download. It
// returns nil credentials (and no error) when a plan stops short of a
// credential that does not exist yet.
func (r *run) console(ctx context.Context, orgID string) (*auth.Credentials, error) {
	s := r.spec
	r.o.emit(ItemProject, StepStarted, "%q", s.ProjectName)
	projectID, workspaceID, credID, err := r.project(ctx, orgID)
	if err != nil {
		return nil, r.stop(ItemProject, r.consoleHint(err))
	}
	if projectID == "" { // a plan: the project would be created
		for _, id := range []string{ItemCredential, ItemAttach, ItemToken, ItemDiscovery, ItemComponents, ItemToolPermissions, ItemClassification} {
			r.res.set(id, Pending, "after the project is created")
		}
		r.plan.add(ItemCredential, ActionCreate, "create the OAuth Server-to-Server credential %q", s.CredentialName)
		r.plan.add(ItemAttach, ActionCreate, "attach Adobe Analytics (%s) with the product profile %q", devconsole.SDKAnalytics, s.ProfileName())
		return nil, nil
	}
	s = r.spec // a reused project names the credential
	r.res.ProjectID, r.res.WorkspaceID = projectID, workspaceID
	r.o.emit(ItemProject, StepFinished, "project %s", projectID)

	r.o.emit(ItemCredential, StepStarted, "%q", s.CredentialName)
	if credID == "" {
		if r.plan != nil {
			id, found, err := r.findCredential(ctx, orgID, projectID, workspaceID)
			if err != nil {
				return nil, r.stop(ItemCredential, err)
			}
			if !found {
				r.plan.add(ItemCredential, ActionCreate, "create the OAuth Server-to-Server credential %q in project %s", s.CredentialName, projectID)
				r.plan.add(ItemAttach, ActionCreate, "attach Adobe Analytics (%s) with the product profile %q", devconsole.SDKAnalytics, s.ProfileName())
				r.res.set(ItemCredential, Pending, "would be created")
				return nil, nil
			}
			credID = id
		} else {
			ec, err := r.dc.EnsureOAuthCredential(ctx, orgID, projectID, workspaceID, devconsole.OAuthCredentialCreateRequest{Name: s.CredentialName,
				Description: "Adobe Campaign ↔ Adobe Analytics connector"})
			if err != nil {
				return nil, r.stop(ItemCredential, r.consoleHint(err))
			}
			if ec.Created {
				r.record(adobe.Change{What: fmt.Sprintf("created the OAuth Server-to-Server credential %q (client id %s)", s.CredentialName, ec.ClientID), Method: "POST",
					Path: "/console/organizations/" + orgID + "/projects/" + projectID + "/workspaces/" + workspaceID + "/credentials/oauth_server_to_server"})
			}
			credID = ec.ID
		}
	}
	r.res.CredentialID = credID
	r.res.set(ItemCredential, Done, "credential %s", credID)
	r.o.emit(ItemCredential, StepFinished, "credential %s", credID)

	r.o.emit(ItemAttach, StepStarted, "%s with %q", devconsole.SDKAnalytics, s.ProfileName())
	if r.plan != nil {
		props, _, err := r.dc.Credentials.GetServiceProperties(ctx, orgID, credID, devconsole.SDKAnalytics)
		attached := err == nil && hasProfile(props.Selected(), s.ProfileName())
		if err != nil && !errors.Is(err, adobe.ErrNotFound) {
			return nil, r.stop(ItemAttach, err)
		}
		if !attached {
			r.plan.add(ItemAttach, ActionCreate, "attach Adobe Analytics (%s) with the product profile %q to credential %s", devconsole.SDKAnalytics, s.ProfileName(), credID)
			r.res.set(ItemAttach, Pending, "would be attached")
		} else {
			r.res.set(ItemAttach, Done, "attached and selected")
		}
	} else {
		att, err := r.dc.AttachProductProfiles(ctx, orgID, projectID, workspaceID, credID, devconsole.SDKAnalytics, []string{s.ProfileName()})
		if err != nil {
			return nil, r.stop(ItemAttach, r.consoleHint(err))
		}
		if att.Changed {
			r.record(adobe.Change{What: fmt.Sprintf("attached Adobe Analytics with the product profile %q to credential %s", s.ProfileName(), credID), Method: "PUT",
				Path: "/console/organizations/" + orgID + "/projects/" + projectID + "/workspaces/" + workspaceID + "/credentials/oauth_server_to_server/" + credID + "/services"})
		}
		// Confirm: the profile is selected for Analytics on the credential.
		props, _, err := r.dc.Credentials.GetServiceProperties(ctx, orgID, credID, devconsole.SDKAnalytics)
		if err != nil {
			return nil, r.stop(ItemAttach, err)
		}
		if !hasProfile(props.Selected(), s.ProfileName()) {
			return nil, r.stop(ItemAttach, fmt.Errorf("the Console does not list %q as selected for %s on credential %s after the attach", s.ProfileName(), devconsole.SDKAnalytics, credID))
		}
		r.res.set(ItemAttach, Done, "%s with %q, selected", devconsole.SDKAnalytics, s.ProfileName())
	}
	r.o.emit(ItemAttach, StepFinished, "")

	r.o.emit(ItemCredential, StepStarted, "reading the credential from the workspace download")
	w, _, err := r.dc.Workspaces.Download(ctx, orgID, projectID, workspaceID)
	if err != nil {
		return nil, r.stop(ItemCredential, err)
	}
	creds, err := auth.CredentialsFromWorkspace(w.Bytes(), s.CredentialName)
	if err != nil {
		return nil, r.stop(ItemCredential, fmt.Errorf("reading credential %q from the workspace download: %w", s.CredentialName, err))
	}
	defer r.o.emit(ItemCredential, StepFinished, "client id %s", creds.ClientID)
	in, _, err := r.dc.Credentials.GetIntegration(ctx, orgID, credID)
	if err != nil {
		return nil, r.stop(ItemCredential, err)
	}
	r.res.TechnicalAccount = TechnicalAccount{OrgID: s.OrgID, ClientID: creds.ClientID, TechnicalAccountID: in.TechnicalAccountID,
		TechnicalAccountEmail: in.TechnicalAccountEmail, ClientSecret: creds.ClientSecret}
	if creds.OrgID == "" {
		creds.OrgID = s.OrgID
	}
	if creds.IMSURL == auth.ProdIMSURL {
		creds.IMSURL = "" // let the configuration's endpoint decide
	}
	return &creds, nil
}

// project ensures the project, or finds the one holding the instance's
// existing technical account. It returns the credential id too when the
// project was found through it.
func (r *run) project(ctx context.Context, orgID string) (projectID, workspaceID, credID string, err error) {
	s := r.spec
	if s.ExistingClientID != "" {
		p, ws, cid, err := r.findByClientID(ctx, orgID, s.ExistingClientID)
		if err != nil {
			return "", "", "", err
		}
		r.res.ProjectReused, r.res.ProjectName = true, p
		r.res.set(ItemProject, Done, "reused project %q: it holds the instance's technical account %s (shared with Triggers and the deliverability server)", p, s.ExistingClientID)
		return ws[0], ws[1], cid, nil
	}
	req := devconsole.ProjectCreateRequest{Name: s.ProjectName, Title: s.ProjectName, Description: "Adobe Campaign ↔ Adobe Analytics connector"}
	if r.plan != nil {
		p, err := r.dc.Projects.FindByName(ctx, orgID, s.ProjectName)
		var nf *devconsole.NotFoundError
		switch {
		case errors.As(err, &nf):
			r.plan.add(ItemProject, ActionCreate, "create the Developer Console project %q", s.ProjectName)
			r.res.set(ItemProject, Pending, "would be created")
			return "", "", "", nil
		case err != nil:
			return "", "", "", err
		}
		ws := ""
		if len(p.Metadata.Workspaces) > 0 {
			ws = p.Metadata.Workspaces[0].ID
		}
		r.res.set(ItemProject, Done, "project %s exists", p.ID)
		return p.ID, ws, "", nil
	}
	ep, err := r.dc.EnsureProject(ctx, orgID, req)
	if err != nil {
		return "", "", "", err
	}
	if ep.Created {
		r.record(adobe.Change{What: fmt.Sprintf("created the Developer Console project %q", s.ProjectName), Method: "POST", Path: "/console/organizations/" + orgID + "/projects"})
	}
	r.res.set(ItemProject, Done, "project %s", ep.ProjectID)
	return ep.ProjectID, ep.WorkspaceID, "", nil
}

// findCredential looks the credential up by name (plans only).
func (r *run) findCredential(ctx context.Context, orgID, projectID, workspaceID string) (string, bool, error) {
	rows, _, err := r.dc.Credentials.List(ctx, orgID, projectID, workspaceID)
	if err != nil {
		return "", false, err
	}
	for _, row := range rows {
		if !row.IsOAuthS2S() {
			continue
		}
		in, _, err := r.dc.Credentials.GetIntegration(ctx, orgID, row.ID)
		if err != nil {
			return "", false, err
		}
		if in.Name == r.spec.CredentialName {
			return in.ID, true, nil
		}
	}
	return "", false, nil
}

// findByClientID finds the project, workspace and credential of a client
// id by walking the org's projects.
func (r *run) findByClientID(ctx context.Context, orgID, clientID string) (string, [2]string, string, error) {
	for p, err := range r.dc.Projects.ListIter(ctx, orgID, nil) {
		if err != nil {
			return "", [2]string{}, "", err
		}
		for _, w := range p.Metadata.Workspaces {
			rows, _, err := r.dc.Credentials.List(ctx, orgID, p.ID, w.ID)
			if err != nil {
				return "", [2]string{}, "", err
			}
			for _, row := range rows {
				in, _, err := r.dc.Credentials.GetIntegration(ctx, orgID, row.ID)
				if err != nil {
					return "", [2]string{}, "", err
				}
				if in.APIKey != clientID {
					continue
				}
				if !row.IsOAuthS2S() {
					return "", [2]string{}, "", &BlockedError{Check: "D-CRED-TYPE", Reason: fmt.Sprintf("the instance's technical account %s is a Service Account (JWT) credential (%s): JWT reached end of life on 2025-06-30", clientID, row.Type()),
						Remedy: "migrate it to OAuth Server-to-Server in the Developer Console (devconsole.Migration), then run again", Doc: docJWTMigration}
				}
				r.spec.CredentialName = in.Name
				return p.Name, [2]string{p.ID, w.ID}, in.ID, nil
			}
		}
	}
	return "", [2]string{}, "", &BlockedError{Check: "D-SHARED-TA", Reason: fmt.Sprintf("no Developer Console project of the organization holds the client id %s", clientID),
		Remedy: "check ims/@authIMSTAClientId in the instance's server configuration, or leave existing_client_id empty to create a new technical account (it replaces the instance's one for Triggers and the deliverability server too)", Doc: docOAuth}
}

func hasProfile(selected []devconsole.LicenseConfig, name string) bool {
	for _, l := range selected {
		if strings.EqualFold(strings.TrimSpace(l.Name), strings.TrimSpace(name)) || l.ID == name {
			return true
		}
	}
	return false
}
