package devconsole_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/devconsole"
)

// The credential name limit (6 to 25, from Adobe's aio CLI) counts
// characters, not bytes: 25 accented letters (50 bytes) are accepted, 5
// (10 bytes) and 26 are refused before any request.
func TestCredentialNameLengthCountsCharacters(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	p, err := e.client.EnsureProject(ctx, e.orgID, devconsole.ProjectCreateRequest{Name: "names"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{strings.Repeat("é", 5), false},
		{strings.Repeat("é", 6), true},
		{"é" + strings.Repeat("a", 24), true}, // 25 characters, 26 bytes
		{strings.Repeat("é", 25), true},       // 25 characters, 50 bytes
		{strings.Repeat("é", 26), false},
	} {
		e.fake.ResetRequests()
		cr, _, err := e.client.Credentials.CreateOAuthServerToServer(ctx, p.Value, devconsole.OAuthCredentialCreateRequest{Name: tc.name})
		if tc.ok {
			if err != nil || cr.ID == "" {
				t.Errorf("Create(%d characters, %d bytes) = %+v, %v; want created", len([]rune(tc.name)), len(tc.name), cr, err)
			}
			continue
		}
		if !errors.Is(err, adobe.ErrInvalidArgument) || !strings.Contains(err.Error(), "characters") {
			t.Errorf("Create(%d characters, %d bytes) = %v; want an ArgError about characters", len([]rune(tc.name)), len(tc.name), err)
		}
		if _, writes := consoleRequests(e.fake); len(writes) != 0 {
			t.Errorf("Create(%d characters) wrote %q", len([]rune(tc.name)), writes)
		}
	}
}

// The documented defaults: Description defaults to Name (Adobe requires
// one), a project's Title to Name and its Type to ProjectTypeDefault.
func TestCreateRequestDefaults(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	created, _, err := e.client.Projects.Create(ctx, e.orgID, devconsole.ProjectCreateRequest{Name: "only-a-name"})
	if err != nil {
		t.Fatalf("Create with only Name: %v", err)
	}
	got, _, err := e.client.Projects.Get(ctx, e.orgID, created.ProjectID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "only-a-name" || got.Type != devconsole.ProjectTypeDefault {
		t.Fatalf("project title %q type %q; want the name and %q", got.Title, got.Type, devconsole.ProjectTypeDefault)
	}
	cr, _, err := e.client.Credentials.CreateOAuthServerToServer(ctx, devconsole.WorkspaceRef{OrgID: e.orgID, ProjectID: created.ProjectID, WorkspaceID: created.WorkspaceID}, devconsole.OAuthCredentialCreateRequest{Name: "no-description"})
	if err != nil {
		t.Fatalf("Create credential without Description: %v", err)
	}
	in, _, err := e.client.Credentials.GetIntegration(ctx, cr.Ref)
	if err != nil {
		t.Fatal(err)
	}
	if in.Description != "no-description" {
		t.Fatalf("credential description %q; want the name", in.Description)
	}
}
