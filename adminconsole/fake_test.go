package adminconsole_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
)

// These tests run the client against adobetest's independent fake of the
// User Management API.

func newFake(t *testing.T) *adobetest.Fake {
	t.Helper()
	f, err := adobetest.New(adobetest.WithRandSeed(7), adobetest.WithoutDemoAnalyticsProfile())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func fakeClient(t *testing.T, f *adobetest.Fake, opts ...adminconsole.Option) *adminconsole.Client {
	t.Helper()
	b := f.Bootstrap()
	creds := auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID,
		Scopes: []string{"openid", "AdobeID", "user_management_sdk"}}
	cfg, err := auth.NewConfig(creds, auth.WithBaseTransport(f.Transport()),
		auth.WithRetryPolicy(auth.RetryPolicy{MaxRetries: 6, WaitMin: time.Second, WaitMax: 30 * time.Second, MaxRetryAfter: 2 * time.Minute}))
	if err != nil {
		t.Fatal(err)
	}
	// A private limiter per test: the default one is shared by every client
	// of the credential in the process, and the fake's seeded credential is
	// the same in every test.
	c, err := adminconsole.NewFromConfig(cfg, append([]adminconsole.Option{adminconsole.WithRateLimits(adminconsole.DefaultLimits)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func connectorSpec(t *testing.T) adminconsole.ProfileSpec {
	t.Helper()
	spec, err := adminconsole.CampaignConnectorPermissions(adminconsole.CampaignConnectorOptions{
		CompanyName: "Acme", ReportSuites: []string{"acmeprod"}, Events: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, EVars: []int{10, 11},
	})
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

func fakePermissions(p adminconsole.AnalyticsPermissions) adobetest.Permissions {
	return adobetest.Permissions{
		ReportSuites:     adobetest.PermissionList{AutoInclude: p.ReportSuites.AutoInclude, Items: p.ReportSuites.Items},
		Metrics:          adobetest.PermissionList{AutoInclude: p.Metrics.AutoInclude, Items: p.Metrics.Items},
		Dimensions:       adobetest.PermissionList{AutoInclude: p.Dimensions.AutoInclude, Items: p.Dimensions.Items},
		ReportSuiteTools: p.ReportSuiteTools, AnalyticsTools: p.AnalyticsTools,
	}
}

// The connector flow: the profile is missing (manual step), a person
// creates it, the waiter sees it, the operator is added once.
func TestFakeConnectorProfileFlow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		f := newFake(t)
		c := fakeClient(t, f)
		spec := connectorSpec(t)

		_, err := c.RequireProductProfile(ctx, spec, nil)
		var manual *adminconsole.ManualStepRequired
		if !errors.As(err, &manual) || manual.Task != adminconsole.TaskCreateProductProfile {
			t.Fatalf("RequireProductProfile = %v, want ManualStepRequired", err)
		}
		if md := manual.Markdown(); !strings.Contains(md, "`Custom Conversion 11`") || !strings.Contains(md, spec.Name) {
			t.Errorf("markdown lacks items:\n%s", md)
		}

		start := time.Now()
		go func() {
			time.Sleep(3 * time.Minute) // the person takes three minutes
			if _, err := f.CreateProductProfile("Adobe Analytics", spec.Name, fakePermissions(spec.Permissions)); err != nil {
				t.Error(err)
			}
		}()
		wctx, cancel := context.WithTimeout(ctx, 30*time.Minute)
		defer cancel()
		g, err := c.WaitForProductProfile(wctx, strings.ToUpper(spec.Name), 0)
		if err != nil {
			t.Fatal(err)
		}
		if g.Name != spec.Name || g.ProductName != "Adobe Analytics" || g.Type != adminconsole.GroupTypeProductProfile || g.ID == 0 || g.LicenseQuota == "" {
			t.Errorf("group = %+v", g)
		}
		if waited := time.Since(start); waited < 3*time.Minute || waited > 8*time.Minute {
			t.Errorf("waited %s", waited)
		}

		opts := &adminconsole.EnsureOptions{AddToOrg: true, Country: "US", FirstName: "Op", LastName: "Erator"}
		res, err := c.EnsureUserOnProfile(ctx, spec.Name, "operator@acme.example", opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Changes) != 2 || !res.Created || !res.Value.Verified || !strings.Contains(res.Changes[0].What, "to the org") ||
			!strings.Contains(res.Changes[1].What, "to product profile") || res.Changes[1].Method != "POST" {
			t.Errorf("first run = %+v", res)
		}
		res, err = c.EnsureUserOnProfile(ctx, spec.Name, "Operator@acme.example", opts)
		if err != nil || res.Created || res.Wrote() || res.Value.Action != nil || !res.Value.Verified {
			t.Errorf("second run = %+v, %v", res, err)
		}
		if got := f.ProfileMembers(spec.Name); len(got) != 1 || got[0] != "operator@acme.example" {
			t.Errorf("members = %v", got)
		}
		if n := f.Count("POST /v2/usermanagement/action/{orgId}"); n != 1 {
			t.Errorf("action calls = %d, want 1", n)
		}
	})
}

func TestFakeEnsureUserOutsideOrg(t *testing.T) {
	f := newFake(t)
	c := fakeClient(t, f)
	if _, err := f.CreateProductProfile("", "P1", adobetest.Permissions{}); err != nil {
		t.Fatal(err)
	}
	_, err := c.EnsureUserOnProfile(context.Background(), "p1", "stranger@example.com", nil)
	if !errors.Is(err, adobe.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	_, err = c.EnsureUserOnProfile(context.Background(), "missing", adobetest.DemoUserEmail, nil)
	var nf *adminconsole.NotFoundError
	if !errors.As(err, &nf) || nf.Kind != "product profile" {
		t.Fatalf("err = %v", err)
	}
}

func TestFakePaginationAndFilters(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	f.SetUserManagementPageSizes(3, 4)
	f.SetUserManagementThrottling(false)
	c := fakeClient(t, f)
	for i := range 7 {
		if _, err := f.CreateProductProfile("Adobe Analytics", fmt.Sprintf("Profile %d", i), adobetest.Permissions{}); err != nil {
			t.Fatal(err)
		}
	}
	groups, info, err := c.Groups.List(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 3 || info.Page.Last || info.Page.TotalItems != 8 || info.Page.TotalPages != 3 || info.Page.Size != 3 || info.Page.Number != 0 || info.Header.Get("X-Current-Page") != "0" {
		t.Errorf("page 0 = %d groups, %+v", len(groups), info)
	}
	if g, info, err := c.Groups.List(ctx, 9); err != nil || len(g) != 0 || !info.Page.Last || info.Page.Number != 9 {
		t.Errorf("page past the end = %v, %+v, %v", g, info, err)
	}
	var names []string
	for g, err := range c.Groups.ListProductProfilesIter(ctx, adminconsole.AnalyticsProduct) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, g.Name)
	}
	if len(names) != 7 {
		t.Errorf("profiles = %v", names)
	}

	var cmds []adminconsole.Command
	for i := range 9 {
		cmds = append(cmds, adminconsole.ForUser(fmt.Sprintf("u%d@acme.example", i),
			adminconsole.CreateFederatedID{Email: fmt.Sprintf("u%d@acme.example", i), Country: "US"},
			adminconsole.AddToGroups{Groups: []string{"Profile 1"}}))
	}
	if _, err := c.Actions.Do(ctx, cmds, nil); err != nil {
		t.Fatal(err)
	}
	n := 0
	for u, err := range c.Users.ListInGroupIter(ctx, "profile 1", nil) {
		if err != nil {
			t.Fatal(err)
		}
		if !u.InGroup("PROFILE 1") || u.Type != adminconsole.UserTypeFederatedID {
			t.Errorf("user = %+v", u)
		}
		n++
	}
	if n != 9 {
		t.Errorf("members = %d, want 9", n)
	}
	// Users past the last page: Adobe returns the last page again; the
	// iterator must not loop.
	n = 0
	for _, err := range c.Users.ListIter(ctx, &adminconsole.UserListOptions{Domain: "acme.example"}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 9 {
		t.Errorf("acme.example users = %d, want 9", n)
	}
	_, _, err = c.Users.ListInGroup(ctx, "No Such Group", 0, nil)
	var ae *adobe.Error
	if !errors.As(err, &ae) || ae.Code != "error.group.not_found" || !errors.Is(err, adobe.ErrNotFound) {
		t.Errorf("unknown group err = %v", err)
	}
}

func TestFakeActionPartialFailures(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	f.SetUserManagementThrottling(false)
	c := fakeClient(t, f)
	if _, err := f.CreateProductProfile("Adobe Analytics", "Real", adobetest.Permissions{}); err != nil {
		t.Fatal(err)
	}
	groups := []string{"Real"}
	for i := range 11 {
		groups = append(groups, fmt.Sprintf("Missing %d", i))
	}
	cmds := []adminconsole.Command{
		adminconsole.ForUser(adobetest.DemoUserEmail, adminconsole.AddToGroups{Groups: []string{"Real"}}),
		adminconsole.ForUser("nobody@example.com", adminconsole.AddToGroups{Groups: []string{"Real"}}),
		adminconsole.ForUser(adobetest.DemoUserEmail, adminconsole.UpdateUser{FirstName: "D"}, adminconsole.AddToGroups{Groups: groups}),
	}
	res, err := c.Actions.Do(ctx, cmds, nil)
	var ae *adminconsole.ActionError
	if !errors.As(err, &ae) || ae.Result != res {
		t.Fatalf("err = %v", err)
	}
	if !res.Succeeded(0) || res.Succeeded(1) || res.Succeeded(2) {
		t.Errorf("succeeded = %v %v %v", res.Succeeded(0), res.Succeeded(1), res.Succeeded(2))
	}
	f1 := res.FailuresOf(1)
	if len(f1) != 1 || f1[0].Code != "error.user.nonexistent" || f1[0].Step != 0 || f1[0].User != "nobody@example.com" {
		t.Errorf("command 1 failures = %+v", f1)
	}
	f2 := res.FailuresOf(2)
	if len(f2) != 1 || f2[0].Code != "error.group.not_found" || f2[0].Step != 1 || len(f2[0].Names) != 10 || f2[0].Names[0] != "Real" {
		t.Errorf("command 2 failures = %+v", f2)
	}
	if res.Requests != 1 || res.Completed != 1 || res.NotCompleted != 2 {
		t.Errorf("result = %+v", res)
	}
	if !strings.Contains(err.Error(), "error.user.nonexistent") {
		t.Errorf("error text = %q", err)
	}
}

func TestFakeTestOnlyChangesNothing(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	c := fakeClient(t, f)
	if _, err := f.CreateProductProfile("Adobe Analytics", "P", adobetest.Permissions{}); err != nil {
		t.Fatal(err)
	}
	cmds := []adminconsole.Command{
		adminconsole.ForUser("new@example.com", adminconsole.AddAdobeID{Email: "new@example.com"}, adminconsole.AddToGroups{Groups: []string{"P"}}),
		adminconsole.ForUserGroup("UG", adminconsole.CreateUserGroup{}, adminconsole.AddToUserGroup{ProductProfiles: []string{"P"}}),
	}
	res, err := c.Actions.Do(ctx, cmds, &adminconsole.ActionOptions{TestOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.CompletedInTestMode != 2 || res.Completed != 0 || !res.TestOnly {
		t.Errorf("result = %+v", res)
	}
	if m := f.ProfileMembers("P"); len(m) != 0 {
		t.Errorf("test mode changed members: %v", m)
	}
	if _, _, err := c.Groups.Get(ctx, "UG"); !errors.Is(err, adobe.ErrNotFound) {
		t.Errorf("test mode created the user group: %v", err)
	}
	// For real, then re-run: converges without duplicates.
	for range 2 {
		if _, err := c.Actions.Do(ctx, cmds, nil); err != nil {
			t.Fatal(err)
		}
	}
	if m := f.ProfileMembers("P"); len(m) != 1 {
		t.Errorf("members = %v", m)
	}
	g, _, err := c.Groups.Get(ctx, "ug")
	if err != nil || g.Type != adminconsole.GroupTypeUserGroup {
		t.Errorf("user group = %+v, %v", g, err)
	}
}
