package devconsole_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
)

// Defect 6: every public entry point refuses bad input with an
// *adobe.ArgError naming the field, before any request (counted with the
// fake's request log).
func TestBadInputRejectedBeforeAnyRequest(t *testing.T) {
	fake, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := auth.NewConfig(bootstrapCreds(fake), auth.WithBaseTransport(fake.Transport()))
	if err != nil {
		t.Fatal(err)
	}
	c, err := devconsole.NewFromConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	org := fake.OrgID()
	ws := devconsole.WorkspaceRef{OrgID: org, ProjectID: "123", WorkspaceID: "456"}
	cred := devconsole.CredentialRef{OrgID: org, ProjectID: "123", WorkspaceID: "456", CredentialID: "789"}
	orgCred := devconsole.CredentialRef{OrgID: org, CredentialID: "789"}
	long := strings.Repeat("a", 10000)
	const uuid = "11ede399b68b57a5aca6a96b8b6487c9"
	verify := func(context.Context, string, auth.Secret) error { return nil }

	badOrgs := []string{"", "nope", "ABC@AdobeOrg", "0123456789ABCDEF0123456@AdobeOrg", "0123456789ABCDEF01234567@AdobeID", "12 34", "0123456789ABCDEF01234567@AdobeOrg\n"}
	badIDs := []string{"", "a/b", "../x", "1 2", "1\n2", "1?x", "%2F", strings.Repeat("9", 65)}
	badProjectNames := []string{"", "   ", "a\nb", `a"b`, long, " lead", "trail ", "tab\there", "a<b>", "a\\b", "nul\x00"}
	badCredNames := append(slices.Clone(badProjectNames), "short", strings.Repeat("é", 26))

	type tc struct {
		name, arg string
		call      func() error
	}
	var cases []tc
	add := func(name, arg string, call func() error) { cases = append(cases, tc{name, arg, call}) }

	for _, o := range badOrgs {
		add("Resolve "+o, "orgID", func() error { _, err := c.Organizations.Resolve(ctx, o); return err })
		add("GetTerms "+o, "orgID", func() error { _, _, err := c.Organizations.GetTerms(ctx, o); return err })
		add("AcceptTerms "+o, "orgID", func() error { _, _, err := c.Organizations.AcceptTerms(ctx, o); return err })
		add("ListServices "+o, "orgID", func() error { _, _, err := c.Organizations.ListServices(ctx, o, nil); return err })
		add("GetService "+o, "orgID", func() error { _, _, err := c.Organizations.GetService(ctx, o, devconsole.SDKAnalytics); return err })
		add("Projects.List "+o, "orgID", func() error { _, _, err := c.Projects.List(ctx, o, nil); return err })
		add("Projects.Get "+o, "orgID", func() error { _, _, err := c.Projects.Get(ctx, o, "1"); return err })
		add("Projects.Create "+o, "orgID", func() error {
			_, _, err := c.Projects.Create(ctx, o, devconsole.ProjectCreateRequest{Name: "ok"})
			return err
		})
		add("Projects.Delete "+o, "orgID", func() error { _, err := c.Projects.Delete(ctx, o, "1"); return err })
		add("EnsureProject "+o, "orgID", func() error {
			_, err := c.EnsureProject(ctx, o, devconsole.ProjectCreateRequest{Name: "ok"})
			return err
		})
		add("CreateInOrg "+o, "orgID", func() error {
			_, _, err := c.Credentials.CreateInOrg(ctx, o, devconsole.OAuthCredentialCreateRequest{Name: "okay-name"})
			return err
		})
		add("Workspaces.List "+o, "orgID", func() error { _, _, err := c.Workspaces.List(ctx, o, "1"); return err })
		add("Download ws.OrgID "+o, "ws.OrgID", func() error {
			_, _, err := c.Workspaces.Download(ctx, devconsole.WorkspaceRef{OrgID: o, ProjectID: "1", WorkspaceID: "2"})
			return err
		})
		add("Secrets.List cred.OrgID "+o, "cred.OrgID", func() error {
			_, _, err := c.Secrets.List(ctx, devconsole.CredentialRef{OrgID: o, CredentialID: "1"})
			return err
		})
	}
	for _, id := range badIDs {
		add("Projects.Get projectID "+id, "projectID", func() error { _, _, err := c.Projects.Get(ctx, org, id); return err })
		add("Workspaces.Get ws.WorkspaceID "+id, "ws.WorkspaceID", func() error {
			_, _, err := c.Workspaces.Get(ctx, devconsole.WorkspaceRef{OrgID: org, ProjectID: "1", WorkspaceID: id})
			return err
		})
		add("Workspaces.Delete ws.ProjectID "+id, "ws.ProjectID", func() error {
			_, err := c.Workspaces.Delete(ctx, devconsole.WorkspaceRef{OrgID: org, ProjectID: id, WorkspaceID: "1"})
			return err
		})
		add("Credentials.List ws.ProjectID "+id, "ws.ProjectID", func() error {
			_, _, err := c.Credentials.List(ctx, devconsole.WorkspaceRef{OrgID: org, ProjectID: id, WorkspaceID: "1"})
			return err
		})
		badCred := cred
		badCred.CredentialID = id
		add("Credentials.Delete cred.CredentialID "+id, "cred.CredentialID", func() error { _, err := c.Credentials.Delete(ctx, badCred); return err })
		add("GetIntegration "+id, "cred.CredentialID", func() error { _, _, err := c.Credentials.GetIntegration(ctx, badCred); return err })
		add("DeleteIntegration "+id, "cred.CredentialID", func() error { _, err := c.Credentials.DeleteIntegration(ctx, badCred); return err })
		add("SetServices "+id, "cred.CredentialID", func() error {
			_, _, err := c.Credentials.SetServices(ctx, badCred, devconsole.TypeOAuthS2S, nil)
			return err
		})
		add("SetServicesInOrg "+id, "cred.CredentialID", func() error {
			_, _, err := c.Credentials.SetServicesInOrg(ctx, badCred, nil)
			return err
		})
		add("Subscribe "+id, "cred.CredentialID", func() error {
			_, _, err := c.Credentials.Subscribe(ctx, badCred, devconsole.Subscription{SDKCode: devconsole.SDKAnalytics})
			return err
		})
		add("Unsubscribe "+id, "cred.CredentialID", func() error {
			_, _, err := c.Credentials.Unsubscribe(ctx, badCred, devconsole.Subscription{SDKCode: devconsole.SDKAnalytics})
			return err
		})
		add("GetServiceProperties "+id, "cred.CredentialID", func() error {
			_, _, err := c.Credentials.GetServiceProperties(ctx, badCred, devconsole.SDKAnalytics)
			return err
		})
		add("Attach "+id, "cred.CredentialID", func() error {
			_, err := c.AttachProductProfiles(ctx, badCred, devconsole.SDKAnalytics, []string{"p"})
			return err
		})
		add("Detach "+id, "cred.CredentialID", func() error {
			_, err := c.DetachProductProfiles(ctx, badCred, devconsole.SDKAnalytics, []string{"p"})
			return err
		})
		add("Secrets.List "+id, "cred.CredentialID", func() error { _, _, err := c.Secrets.List(ctx, badCred); return err })
		add("Secrets.Reveal "+id, "cred.CredentialID", func() error { _, _, err := c.Secrets.Reveal(ctx, badCred); return err })
		add("Secrets.Add "+id, "cred.CredentialID", func() error { _, _, err := c.Secrets.Add(ctx, badCred); return err })
		add("Secrets.Delete "+id, "cred.CredentialID", func() error { _, err := c.Secrets.Delete(ctx, badCred, uuid); return err })
		add("Secrets.Rotate "+id, "cred.CredentialID", func() error { _, err := c.Secrets.Rotate(ctx, badCred, verify); return err })
		add("Migration.Start "+id, "cred.CredentialID", func() error { _, _, err := c.Migration.Start(ctx, badCred); return err })
		add("Migration.GetBinding "+id, "cred.CredentialID", func() error { _, _, err := c.Migration.GetBinding(ctx, badCred); return err })
		add("Migration.Cancel "+id, "cred.CredentialID", func() error { _, err := c.Migration.Cancel(ctx, badCred); return err })
		add("Migration.Status "+id, "cred.CredentialID", func() error { _, _, err := c.Migration.Status(ctx, badCred); return err })
		add("Migration.Finalize "+id, "cred.CredentialID", func() error { _, err := c.Migration.Finalize(ctx, badCred); return err })
		add("EnsureOAuthCredential ws.WorkspaceID "+id, "ws.WorkspaceID", func() error {
			_, err := c.EnsureOAuthCredential(ctx, devconsole.WorkspaceRef{OrgID: org, ProjectID: "1", WorkspaceID: id}, devconsole.OAuthCredentialCreateRequest{Name: "okay-name"})
			return err
		})
	}
	for _, n := range badProjectNames {
		add("EnsureProject Name "+n, "Name", func() error {
			_, err := c.EnsureProject(ctx, org, devconsole.ProjectCreateRequest{Name: n})
			return err
		})
		add("Projects.Create Name "+n, "Name", func() error {
			_, _, err := c.Projects.Create(ctx, org, devconsole.ProjectCreateRequest{Name: n})
			return err
		})
		add("Projects.Update Name "+n, "Name", func() error {
			_, _, err := c.Projects.Update(ctx, org, "1", devconsole.ProjectUpdateRequest{Name: n, Title: "ok"})
			return err
		})
		add("Workspaces.Create Name "+n, "Name", func() error {
			_, _, err := c.Workspaces.Create(ctx, org, "1", devconsole.WorkspaceCreateRequest{Name: n})
			return err
		})
		add("FindByName "+n, "name", func() error { _, err := c.Projects.FindByName(ctx, org, n); return err })
	}
	for _, n := range badCredNames {
		add("EnsureOAuthCredential Name "+n, "Name", func() error {
			_, err := c.EnsureOAuthCredential(ctx, ws, devconsole.OAuthCredentialCreateRequest{Name: n})
			return err
		})
		add("CreateOAuthServerToServer Name "+n, "Name", func() error {
			_, _, err := c.Credentials.CreateOAuthServerToServer(ctx, ws, devconsole.OAuthCredentialCreateRequest{Name: n})
			return err
		})
	}
	add("Project Description control", "Description", func() error {
		_, err := c.EnsureProject(ctx, org, devconsole.ProjectCreateRequest{Name: "ok", Description: "a\x00b"})
		return err
	})
	add("Project Description long", "Description", func() error {
		_, err := c.EnsureProject(ctx, org, devconsole.ProjectCreateRequest{Name: "ok", Description: long})
		return err
	})
	add("Project Type", "Type", func() error {
		_, err := c.EnsureProject(ctx, org, devconsole.ProjectCreateRequest{Name: "ok", Type: "weird"})
		return err
	})
	add("Projects.List negative page", "opts", func() error {
		_, _, err := c.Projects.List(ctx, org, &devconsole.ProjectListOptions{Page: -1})
		return err
	})
	add("Projects.Update nothing", "req", func() error {
		_, _, err := c.Projects.Update(ctx, org, "1", devconsole.ProjectUpdateRequest{})
		return err
	})
	add("Detach nil profiles", "profiles", func() error {
		_, err := c.DetachProductProfiles(ctx, cred, devconsole.SDKAnalytics, nil)
		return err
	})
	add("Attach nil profiles", "profiles", func() error {
		_, err := c.AttachProductProfiles(ctx, cred, devconsole.SDKAnalytics, nil)
		return err
	})
	add("Attach blank profile", "profiles[0]", func() error {
		_, err := c.AttachProductProfiles(ctx, cred, devconsole.SDKAnalytics, []string{"  "})
		return err
	})
	add("Attach newline profile", "profiles[0]", func() error {
		_, err := c.AttachProductProfiles(ctx, cred, devconsole.SDKAnalytics, []string{"a\nb"})
		return err
	})
	add("Attach without workspace", "cred.ProjectID", func() error {
		_, err := c.AttachProductProfiles(ctx, orgCred, devconsole.SDKAnalytics, []string{"p"})
		return err
	})
	add("Attach bad sdkCode", "sdkCode", func() error {
		_, err := c.AttachProductProfiles(ctx, cred, "a/b", []string{"p"})
		return err
	})
	add("SetServices empty SDKCode", "subs[0].SDKCode", func() error {
		_, _, err := c.Credentials.SetServices(ctx, cred, devconsole.TypeOAuthS2S, []devconsole.ServiceSubscription{{}})
		return err
	})
	add("SetServices bad type", "credentialType", func() error {
		_, _, err := c.Credentials.SetServices(ctx, cred, "a/b", nil)
		return err
	})
	add("Secrets.Delete a value", "secretUUID", func() error { _, err := c.Secrets.Delete(ctx, orgCred, "p8e-notauuid"); return err })
	add("Rotate nil verifier", "verify", func() error { _, err := c.Secrets.Rotate(ctx, orgCred, nil); return err })
	add("GetService bad code", "sdkCode", func() error { _, _, err := c.Organizations.GetService(ctx, org, "a b"); return err })
	add("ListServices bad code", "opts.SDKCodes[0]", func() error {
		_, _, err := c.Organizations.ListServices(ctx, org, &devconsole.ServicesOptions{SDKCodes: []string{"a,b/c"}})
		return err
	})

	fake.ResetRequests()
	for _, tc := range cases {
		before := len(fake.Requests())
		err := tc.call()
		var ae *adobe.ArgError
		if !errors.As(err, &ae) || !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("%q: err = %v, want *adobe.ArgError", tc.name, err)
			continue
		}
		if !argNamed(err, tc.arg) {
			t.Errorf("%q: err = %v, want an *adobe.ArgError naming %s", tc.name, err, tc.arg)
		}
		if n := len(fake.Requests()) - before; n != 0 {
			t.Errorf("%q: %d requests sent", tc.name, n)
		}
	}
	t.Logf("%d bad inputs over the public entry points: all *adobe.ArgError, %d requests sent", len(cases), len(fake.Requests()))
	if n := len(fake.Requests()); n != 0 {
		t.Fatalf("%d requests sent for bad input", n)
	}
}

// argNamed reports whether one of err's joined *adobe.ArgErrors names arg.
func argNamed(err error, arg string) bool {
	if ae, ok := err.(*adobe.ArgError); ok {
		return ae.Arg == arg
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if argNamed(e, arg) {
				return true
			}
		}
	}
	return false
}
