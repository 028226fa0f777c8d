package devconsole_test

import (
	"context"
	"errors"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/devconsole"
)

// Org identity: every call takes the IMS org id; the client resolves the
// numeric Console id once per client (one organization list) and still
// accepts the numeric id; an org the caller is not in is a *NotFoundError.
func TestOrgIdentityResolvedOncePerClient(t *testing.T) {
	m := newMatrixEnv(t, consolePath)
	ctx := context.Background()
	ims := m.fake.OrgID()
	for range 3 {
		if _, _, err := m.c.Projects.List(ctx, ims, nil); err != nil {
			t.Fatal(err)
		}
	}
	if n := m.fake.Count("GET /console/organizations"); n != 1 {
		t.Fatalf("%d organization lists for 3 calls with the IMS org id, want 1 (cached)", n)
	}
	org, err := m.c.Organizations.Resolve(ctx, ims)
	if err != nil {
		t.Fatal(err)
	}
	byIMS, _, err := m.c.Projects.List(ctx, ims, nil)
	if err != nil {
		t.Fatal(err)
	}
	byNum, _, err := m.c.Projects.List(ctx, org.ID, nil)
	if err != nil || len(byNum) != len(byIMS) {
		t.Fatalf("numeric org id: %d projects, %v; IMS org id: %d", len(byNum), err, len(byIMS))
	}
	_, _, err = m.c.Projects.List(ctx, "0123456789ABCDEF01234567@AdobeOrg", nil)
	var nf *devconsole.NotFoundError
	if !errors.As(err, &nf) || !errors.Is(err, adobe.ErrNotFound) {
		t.Fatalf("an org the caller is not in: %v, want *NotFoundError", err)
	}
}

// Lists say where their page sits: 1-based, sizes and totals from the
// answer; unpaged lists are one whole page.
func TestListPageInfo(t *testing.T) {
	m := newMatrixEnv(t, consolePath)
	ctx := context.Background()
	org := m.fake.OrgID()
	for _, name := range []string{"alpha", "beta", "gamma"} {
		if _, err := m.c.EnsureProject(ctx, org, devconsole.ProjectCreateRequest{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	all, resp, err := m.c.Projects.List(ctx, org, nil)
	if err != nil || resp.Page == nil || *resp.Page != (adobe.PageInfo{Number: 1, Size: 3, TotalPages: 1, TotalItems: 3, Last: true}) || len(all) != 3 {
		t.Fatalf("unpaged list: %d items, page %+v, %v", len(all), resp.Page, err)
	}
	p1, resp, err := m.c.Projects.List(ctx, org, &devconsole.ProjectListOptions{Page: 1, Size: 2})
	if err != nil || len(p1) != 2 || resp.Page.Number != 1 || resp.Page.Size != 2 || resp.Page.Last {
		t.Fatalf("page 1: %d items, page %+v, %v", len(p1), resp.Page, err)
	}
	p2, resp, err := m.c.Projects.List(ctx, org, &devconsole.ProjectListOptions{Page: 2, Size: 2})
	if err != nil || len(p2) != 1 || resp.Page.Number != 2 || !resp.Page.Last {
		t.Fatalf("page 2: %d items, page %+v, %v", len(p2), resp.Page, err)
	}
	orgs, resp, err := m.c.Organizations.List(ctx)
	if err != nil || resp.Page == nil || resp.Page.Number != 1 || resp.Page.TotalItems != len(orgs) || !resp.Page.Last {
		t.Fatalf("org list page %+v, %v", resp.Page, err)
	}
	if _, resp, err := m.c.Projects.Get(ctx, org, p1[0].ID); err != nil || resp.Page != nil {
		t.Fatalf("Get: page %+v, %v; want no page", resp.Page, err)
	}
}
