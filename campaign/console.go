package campaign

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
)

// console is step 2 (the project, the credential, the Analytics API with
// the profile, the credential's values from the workspace download) and
// step 3 (a token as the connector): it returns the configuration that acts
// as the connector, or nil (and no error) when a plan stops short of a
// credential that does not exist yet.
func (r *run) console(ctx context.Context) (*auth.Config, error) {
	r.o.emit(ItemProject, StepStarted, "%q", r.spec.ProjectName)
	ws, cred, err := r.project(ctx)
	if err != nil {
		return nil, r.stop(ItemProject, r.consoleHint(err))
	}
	s := r.spec             // a reused project names the credential
	if ws.ProjectID == "" { // a plan: the project would be created
		for _, id := range []string{ItemCredential, ItemAttach, ItemToken, ItemDiscovery, ItemComponents, ItemToolPermissions, ItemClassification} {
			r.set(id, Pending, "after the project is created")
		}
		r.planned(ItemCredential, ActionCreate, "create the OAuth Server-to-Server credential %q", s.CredentialName)
		r.planned(ItemAttach, ActionCreate, "attach Adobe Analytics (%s) with the product profile %q", devconsole.SDKAnalytics, s.ProfileName())
		return nil, nil
	}
	r.res.ProjectID, r.res.WorkspaceID = ws.ProjectID, ws.WorkspaceID
	r.o.emit(ItemProject, StepFinished, "project %s", ws.ProjectID)

	r.o.emit(ItemCredential, StepStarted, "%q", s.CredentialName)
	if cred.CredentialID == "" {
		if r.plan != nil {
			found, ok, err := findCredential(ctx, r.dc, ws, s.CredentialName)
			if err != nil {
				return nil, r.stop(ItemCredential, err)
			}
			if !ok {
				r.planned(ItemCredential, ActionCreate, "create the OAuth Server-to-Server credential %q in project %s", s.CredentialName, ws.ProjectID)
				r.planned(ItemAttach, ActionCreate, "attach Adobe Analytics (%s) with the product profile %q", devconsole.SDKAnalytics, s.ProfileName())
				r.set(ItemCredential, Pending, "would be created")
				return nil, nil
			}
			cred = found
		} else {
			ec, err := r.dc.EnsureOAuthCredential(ctx, ws, devconsole.OAuthCredentialCreateRequest{Name: s.CredentialName,
				Description: "Adobe Campaign ↔ Adobe Analytics connector"})
			if ec != nil {
				r.record(ec.Changes...)
			}
			if err != nil {
				return nil, r.stop(ItemCredential, r.consoleHint(err))
			}
			cred = ec.Value.Ref
		}
	}
	r.res.CredentialID = cred.CredentialID
	r.set(ItemCredential, Done, "credential %s", cred.CredentialID)
	r.o.emit(ItemCredential, StepFinished, "credential %s", cred.CredentialID)

	if r.plan != nil {
		r.o.emit(ItemAttach, StepStarted, "%s with %q", devconsole.SDKAnalytics, s.ProfileName())
		props, _, err := r.dc.Credentials.GetServiceProperties(ctx, cred, devconsole.SDKAnalytics)
		if err != nil && !errors.Is(err, adobe.ErrNotFound) {
			return nil, r.stop(ItemAttach, err)
		}
		if err != nil || !hasProfile(props.Selected(), s.ProfileName()) {
			r.planned(ItemAttach, ActionCreate, "attach Adobe Analytics (%s) with the product profile %q to credential %s", devconsole.SDKAnalytics, s.ProfileName(), cred.CredentialID)
			r.set(ItemAttach, Pending, "would be attached")
			r.mu.Lock()
			if r.notYet == "" {
				r.notYet = "after the attach"
			}
			r.mu.Unlock()
		} else {
			r.set(ItemAttach, Done, "attached and selected")
		}
		r.o.emit(ItemAttach, StepFinished, "")
		creds, err := r.readCredential(ctx, cred)
		if err != nil {
			return nil, err
		}
		return r.token(ctx, creds)
	}
	// The attachment and the credential's values (then its token) are
	// independent: side by side.
	var conn *auth.Config
	var attachErr, credErr error
	var wg sync.WaitGroup
	wg.Go(func() { attachErr = r.attach(ctx, cred) })
	wg.Go(func() {
		creds, err := r.readCredential(ctx, cred)
		if err == nil {
			conn, err = r.token(ctx, creds)
		}
		credErr = err
	})
	wg.Wait()
	if err := errors.Join(attachErr, credErr); err != nil {
		return nil, err
	}
	return conn, nil
}

// attach puts the Analytics API with the profile on the credential and
// confirms the profile is selected.
func (r *run) attach(ctx context.Context, cred devconsole.CredentialRef) error {
	s := r.spec
	r.o.emit(ItemAttach, StepStarted, "%s with %q", devconsole.SDKAnalytics, s.ProfileName())
	att, err := r.dc.AttachProductProfiles(ctx, cred, devconsole.SDKAnalytics, []string{s.ProfileName()})
	if att != nil {
		r.record(att.Changes...)
	}
	if err != nil {
		return r.stop(ItemAttach, r.consoleHint(err))
	}
	r.attached = cred
	return nil
}

// confirmAttach reads the credential's Analytics properties back: the
// profile must be selected. It runs beside the Analytics steps, which wait
// for the same attachment to reach Analytics.
func (r *run) confirmAttach(ctx context.Context) error {
	s, cred := r.spec, r.attached
	props, _, err := r.dc.Credentials.GetServiceProperties(ctx, cred, devconsole.SDKAnalytics)
	if err != nil {
		return r.stop(ItemAttach, err)
	}
	if !hasProfile(props.Selected(), s.ProfileName()) {
		return r.stop(ItemAttach, fmt.Errorf("the Console does not list %q as selected for %s on credential %s after the attach", s.ProfileName(), devconsole.SDKAnalytics, cred.CredentialID))
	}
	r.set(ItemAttach, Done, "%s with %q, selected", devconsole.SDKAnalytics, s.ProfileName())
	r.o.emit(ItemAttach, StepFinished, "")
	return nil
}

// readCredential reads the connector credential's values and records the
// technical account.
func (r *run) readCredential(ctx context.Context, cred devconsole.CredentialRef) (auth.Credentials, error) {
	s := r.spec
	r.o.emit(ItemCredential, StepStarted, "reading the credential from the workspace download")
	creds, in, err := readCredential(ctx, r.dc, cred, s)
	if err != nil {
		return auth.Credentials{}, r.stop(ItemCredential, err)
	}
	r.mu.Lock()
	r.res.TechnicalAccount = TechnicalAccount{OrgID: s.OrgID, ClientID: creds.ClientID, TechnicalAccountID: in.TechnicalAccountID,
		TechnicalAccountEmail: in.TechnicalAccountEmail, ClientSecret: creds.ClientSecret}
	r.mu.Unlock()
	r.o.emit(ItemCredential, StepFinished, "client id %s", creds.ClientID)
	return creds, nil
}

// readCredential reads the credential's values from the workspace download
// and its details.
func readCredential(ctx context.Context, dc *devconsole.Client, cred devconsole.CredentialRef, s ConnectorSpec) (auth.Credentials, *devconsole.Integration, error) {
	var in *devconsole.Integration
	var w *devconsole.WorkspaceConfig
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { in, _, err = dc.Credentials.GetIntegration(gctx, cred); return err })
	g.Go(func() (err error) { w, _, err = dc.Workspaces.Download(gctx, cred.Workspace()); return err })
	if err := g.Wait(); err != nil {
		return auth.Credentials{}, nil, err
	}
	creds, err := auth.CredentialsFromWorkspace(w.Bytes(), in.Name)
	if err != nil {
		return auth.Credentials{}, nil, fmt.Errorf("reading credential %q from the workspace download: %w", in.Name, err)
	}
	if creds.OrgID == "" {
		creds.OrgID = s.OrgID
	}
	if creds.IMSURL == auth.ProdIMSURL {
		creds.IMSURL = "" // let the configuration's endpoint decide
	}
	return creds, in, nil
}

// project ensures the project, or finds the one holding the instance's
// existing technical account (then it returns that credential too).
func (r *run) project(ctx context.Context) (devconsole.WorkspaceRef, devconsole.CredentialRef, error) {
	s := r.spec
	if s.ExistingClientID != "" {
		p, cred, name, err := findByClientID(ctx, r.dc, s.OrgID, s.ExistingClientID)
		if err != nil {
			return devconsole.WorkspaceRef{}, devconsole.CredentialRef{}, err
		}
		r.spec.CredentialName = name
		r.res.ProjectReused, r.res.ProjectName = true, p
		r.set(ItemProject, Done, "reused project %q: it holds the instance's technical account %s (shared with Triggers and the deliverability server)", p, s.ExistingClientID)
		return cred.Workspace(), cred, nil
	}
	if r.plan != nil {
		p, err := r.dc.Projects.FindByName(ctx, s.OrgID, s.ProjectName)
		var nf *devconsole.NotFoundError
		switch {
		case errors.As(err, &nf):
			r.planned(ItemProject, ActionCreate, "create the Developer Console project %q", s.ProjectName)
			r.set(ItemProject, Pending, "would be created")
			return devconsole.WorkspaceRef{}, devconsole.CredentialRef{}, nil
		case err != nil:
			return devconsole.WorkspaceRef{}, devconsole.CredentialRef{}, err
		}
		ws := devconsole.WorkspaceRef{OrgID: s.OrgID, ProjectID: p.ID}
		if len(p.Metadata.Workspaces) > 0 {
			ws.WorkspaceID = p.Metadata.Workspaces[0].ID
		}
		r.set(ItemProject, Done, "project %s exists", p.ID)
		return ws, devconsole.CredentialRef{}, nil
	}
	ep, err := r.dc.EnsureProject(ctx, s.OrgID, devconsole.ProjectCreateRequest{Name: s.ProjectName, Title: s.ProjectName,
		Description: "Adobe Campaign ↔ Adobe Analytics connector"})
	if ep != nil {
		r.record(ep.Changes...)
	}
	if err != nil {
		return devconsole.WorkspaceRef{}, devconsole.CredentialRef{}, err
	}
	r.set(ItemProject, Done, "project %s", ep.Value.ProjectID)
	return ep.Value, devconsole.CredentialRef{}, nil
}

// findCredential looks a workspace's OAuth Server-to-Server credential up
// by name.
func findCredential(ctx context.Context, dc *devconsole.Client, ws devconsole.WorkspaceRef, name string) (devconsole.CredentialRef, bool, error) {
	rows, _, err := dc.Credentials.List(ctx, ws)
	if err != nil {
		return devconsole.CredentialRef{}, false, err
	}
	for _, row := range rows {
		if !row.IsOAuthS2S() {
			continue
		}
		ref := devconsole.CredentialRef{OrgID: ws.OrgID, ProjectID: ws.ProjectID, WorkspaceID: ws.WorkspaceID, CredentialID: row.ID}
		in, _, err := dc.Credentials.GetIntegration(ctx, ref)
		if err != nil {
			return devconsole.CredentialRef{}, false, err
		}
		if in.Name == name {
			return ref, true, nil
		}
	}
	return devconsole.CredentialRef{}, false, nil
}

// findByClientID finds the project (its name) and credential (ref and
// name) of a client id by walking the org's projects. A Service Account
// (JWT) credential is a *BlockedError (D-CRED-TYPE); no match is one too
// (D-SHARED-TA).
func findByClientID(ctx context.Context, dc *devconsole.Client, orgID, clientID string) (string, devconsole.CredentialRef, string, error) {
	for p, err := range dc.Projects.ListIter(ctx, orgID, nil) {
		if err != nil {
			return "", devconsole.CredentialRef{}, "", err
		}
		for _, w := range p.Metadata.Workspaces {
			ws := devconsole.WorkspaceRef{OrgID: orgID, ProjectID: p.ID, WorkspaceID: w.ID}
			rows, _, err := dc.Credentials.List(ctx, ws)
			if err != nil {
				return "", devconsole.CredentialRef{}, "", err
			}
			for _, row := range rows {
				ref := devconsole.CredentialRef{OrgID: orgID, ProjectID: p.ID, WorkspaceID: w.ID, CredentialID: row.ID}
				in, _, err := dc.Credentials.GetIntegration(ctx, ref)
				if err != nil {
					return "", devconsole.CredentialRef{}, "", err
				}
				if in.APIKey != clientID {
					continue
				}
				if !row.IsOAuthS2S() {
					return p.Name, ref, in.Name, &BlockedError{Check: "D-CRED-TYPE", Reason: fmt.Sprintf("the instance's technical account %s is a Service Account (JWT) credential (%s): JWT reached end of life on 2025-06-30", clientID, row.Type()),
						Remedy: "migrate it to OAuth Server-to-Server in the Developer Console (devconsole.MigrationService), then run again", Doc: docJWTMigration}
				}
				return p.Name, ref, in.Name, nil
			}
		}
	}
	return "", devconsole.CredentialRef{}, "", &BlockedError{Check: "D-SHARED-TA", Reason: fmt.Sprintf("no Developer Console project of the organization holds the client id %s", clientID),
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
