package devconsole_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
)

// Every operation below runs through specTransport: each request and each
// answer of the fake is checked against Adobe's api.json.

func TestOrganizationOperations(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()

	terms, _, err := e.client.Organizations.GetTerms(ctx, e.orgID)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.client.Organizations.AcceptTerms(ctx, e.orgID); err != nil {
		t.Fatal(err)
	}
	after, _, err := e.client.Organizations.GetTerms(ctx, e.orgID)
	if err != nil || !after.Accepted || !after.Current || terms.Accepted {
		t.Fatalf("terms before %+v, after %+v, %v", terms, after, err)
	}

	svcs, _, err := e.client.Organizations.ListServices(ctx, e.orgID, nil)
	if err != nil || len(svcs) < 3 {
		t.Fatalf("ListServices = %d services, %v", len(svcs), err)
	}
	var codes []string
	for sv, err := range e.client.Organizations.ListServicesIter(ctx, e.orgID, &devconsole.ServicesOptions{SDKCodes: []string{devconsole.SDKAnalytics, devconsole.SDKIOManagement}}) {
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, sv.Code)
	}
	if !slices.Equal(codes, []string{devconsole.SDKAnalytics, devconsole.SDKIOManagement}) {
		t.Fatalf("sdkCodes filter: %q", codes)
	}
	an, _, err := e.client.Organizations.GetService(ctx, e.orgID, devconsole.SDKAnalytics)
	if err != nil || !an.Enabled || len(an.DisabledReasons) != 0 {
		t.Fatalf("GetService = %+v, %v", an, err)
	}
	if lc, ok := an.Profile("Campaign Analytics"); !ok || lc.ID != e.profile.ID || lc.ProductID == "" {
		t.Fatalf("Profile = %+v, %v", lc, ok)
	}
	if _, _, err := e.client.Organizations.GetService(ctx, e.orgID, "NoSuchSDK"); !errors.Is(err, adobe.ErrNotFound) {
		t.Fatalf("unknown service: %v", err)
	}
}

// An org without an Analytics product profile: the Console lists the
// service disabled with ORG_MISSING_PRODUCT_PROFILES, and attaching is a
// *ServiceDisabledError before any write.
func TestServiceDisabledReasons(t *testing.T) {
	fake, err := adobetest.New(adobetest.WithoutDemoAnalyticsProfile())
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := auth.NewConfig(bootstrapCreds(fake), auth.WithBaseTransport(specTransport(t, consoleSpec(t), fake)))
	if err != nil {
		t.Fatal(err)
	}
	c, err := devconsole.NewFromConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	org, err := c.Organizations.Resolve(ctx, fake.OrgID())
	if err != nil {
		t.Fatal(err)
	}
	svc, _, err := c.Organizations.GetService(ctx, org.ID, devconsole.SDKAnalytics)
	if err != nil || svc.Enabled || !slices.Equal(svc.DisabledReasons, []devconsole.DisabledReason{devconsole.ReasonOrgMissingProductProfiles}) {
		t.Fatalf("GetService = %+v, %v", svc, err)
	}
	p, err := c.EnsureProject(ctx, org.ID, devconsole.ProjectCreateRequest{Name: "no-profile"})
	if err != nil {
		t.Fatal(err)
	}
	cr, err := c.EnsureOAuthCredential(ctx, p.Value, devconsole.OAuthCredentialCreateRequest{Name: "no-profile"})
	if err != nil {
		t.Fatal(err)
	}
	fake.ResetRequests()
	_, err = c.AttachProductProfiles(ctx, cr.Value.Ref, devconsole.SDKAnalytics, []string{"Anything"})
	var de *devconsole.ServiceDisabledError
	if !errors.As(err, &de) || !errors.Is(err, adobe.ErrForbidden) || de.Reasons[0] != devconsole.ReasonOrgMissingProductProfiles {
		t.Fatalf("err = %v, want *ServiceDisabledError with ORG_MISSING_PRODUCT_PROFILES", err)
	}
	if _, writes := consoleRequests(fake); len(writes) != 0 {
		t.Fatalf("writes = %q", writes)
	}
}

func TestProjectOperations(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	var ids []string
	for _, n := range []string{"p-one", "p-two", "p-three", "p-four", "p-five"} {
		out, _, err := e.client.Projects.Create(ctx, e.orgID, devconsole.ProjectCreateRequest{Name: n})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, out.ProjectID)
	}

	// Adobe's spec: pages start at 1; without page every record comes back
	// and size is ignored.
	all, resp, err := e.client.Projects.List(ctx, e.orgID, &devconsole.ProjectListOptions{Size: 2})
	if err != nil || len(all) != 5 {
		t.Fatalf("List without page = %d rows, %v", len(all), err)
	}
	if resp.Header.Get("X-Pagination-Count") != "5" {
		t.Fatalf("X-Pagination-Count = %q", resp.Header.Get("X-Pagination-Count"))
	}
	first, _, err := e.client.Projects.List(ctx, e.orgID, &devconsole.ProjectListOptions{Page: 1, Size: 2})
	if err != nil || len(first) != 2 || first[0].ID != ids[0] {
		t.Fatalf("page 1 = %+v, %v", first, err)
	}
	e.fake.ResetRequests()
	var got []string
	for p, err := range e.client.Projects.ListIter(ctx, e.orgID, &devconsole.ProjectListOptions{Size: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p.ID)
	}
	if !slices.Equal(got, ids) {
		t.Fatalf("ListIter yielded %q, want each of %q once", got, ids)
	}
	if all, _ := consoleRequests(e.fake); len(all) != 3 {
		t.Fatalf("ListIter made %d requests for 5 rows by 2, want 3", len(all))
	}
	if _, _, err := e.client.Projects.List(ctx, e.orgID, &devconsole.ProjectListOptions{Page: -1}); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("negative page: %v", err)
	}

	if _, _, err := e.client.Projects.Update(ctx, e.orgID, ids[1], devconsole.ProjectUpdateRequest{Name: "p-2", Title: "Two", Description: "second"}); err != nil {
		t.Fatal(err)
	}
	p, _, err := e.client.Projects.Get(ctx, e.orgID, ids[1])
	if err != nil || p.Name != "p-2" || p.Title != "Two" || p.Description != "second" || !bool(p.Enabled) || bool(p.Deleted) {
		t.Fatalf("after Update: %+v, %v", p, err)
	}
	if _, _, err := e.client.Projects.Update(ctx, e.orgID, ids[1], devconsole.ProjectUpdateRequest{Name: "only-name"}); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("Update with a name but no title: %v", err)
	}
	if _, err := e.client.Projects.Delete(ctx, e.orgID, ids[1]); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.client.Projects.Get(ctx, e.orgID, ids[1]); !errors.Is(err, adobe.ErrNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
	if _, err := e.client.Projects.FindByName(ctx, e.orgID, "p-2"); !errors.Is(err, adobe.ErrNotFound) {
		t.Fatalf("FindByName after Delete: %v", err)
	}
}

func TestWorkspaceOperations(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	def, _, err := e.client.Projects.Create(ctx, e.orgID, devconsole.ProjectCreateRequest{Name: "plain"})
	if err != nil {
		t.Fatal(err)
	}
	// A default project has one workspace and refuses a second.
	_, _, err = e.client.Workspaces.Create(ctx, e.orgID, def.ProjectID, devconsole.WorkspaceCreateRequest{Name: "Stage"})
	var ae *adobe.Error
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusBadRequest || !strings.Contains(ae.Message, "Only one workspace allowed for project type default") {
		t.Fatalf("second workspace of a default project: %v", err)
	}
	app, _, err := e.client.Projects.Create(ctx, e.orgID, devconsole.ProjectCreateRequest{Name: "app", Type: devconsole.ProjectTypeJaeger})
	if err != nil {
		t.Fatal(err)
	}
	st, _, err := e.client.Workspaces.Create(ctx, e.orgID, app.ProjectID, devconsole.WorkspaceCreateRequest{Name: "Stage", Title: "Stage"})
	if err != nil || st.ProjectID != app.ProjectID || st.WorkspaceID == "" {
		t.Fatalf("Create = %+v, %v", st, err)
	}
	var names []string
	for ws, err := range e.client.Workspaces.ListIter(ctx, e.orgID, app.ProjectID) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, ws.Name)
	}
	if !slices.Equal(names, []string{"Production", "Stage"}) {
		t.Fatalf("workspaces = %q", names)
	}
	ws, _, err := e.client.Workspaces.Get(ctx, devconsole.WorkspaceRef{OrgID: e.orgID, ProjectID: app.ProjectID, WorkspaceID: st.WorkspaceID})
	if err != nil || ws.ID != st.WorkspaceID || ws.Title != "Stage" {
		t.Fatalf("Get = %+v, %v", ws, err)
	}
	if _, err := e.client.Workspaces.Delete(ctx, devconsole.WorkspaceRef{OrgID: e.orgID, ProjectID: app.ProjectID, WorkspaceID: st.WorkspaceID}); err != nil {
		t.Fatal(err)
	}
	list, _, err := e.client.Workspaces.List(ctx, e.orgID, app.ProjectID)
	if err != nil || len(list) != 1 {
		t.Fatalf("after Delete: %+v, %v", list, err)
	}
}

func TestCredentialOperations(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	p, err := e.client.EnsureProject(ctx, e.orgID, devconsole.ProjectCreateRequest{Name: "creds"})
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := e.client.Credentials.CreateOAuthServerToServer(ctx, p.Value, devconsole.OAuthCredentialCreateRequest{Name: "first-cred"})
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := e.client.Credentials.CreateOAuthServerToServer(ctx, p.Value, devconsole.OAuthCredentialCreateRequest{Name: "second-cred"})
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for r, err := range e.client.Credentials.ListIter(ctx, p.Value) {
		if err != nil {
			t.Fatal(err)
		}
		if !r.IsOAuthS2S() || r.Type() != devconsole.TypeOAuthS2S || r.FlowType != "entp" {
			t.Fatalf("row %+v", r)
		}
		rows = append(rows, r.ID)
	}
	if !slices.Equal(rows, []string{a.ID, b.ID}) {
		t.Fatalf("rows %q", rows)
	}
	if _, err := e.client.Credentials.Delete(ctx, a.Ref); err != nil {
		t.Fatal(err)
	}
	if _, err := e.client.Credentials.DeleteIntegration(ctx, b.Ref); err != nil {
		t.Fatal(err)
	}
	left, _, err := e.client.Credentials.List(ctx, p.Value)
	if err != nil || len(left) != 0 {
		t.Fatalf("after deletes: %+v, %v", left, err)
	}
	if _, ok := e.fake.Credential(a.ClientID); ok {
		t.Fatal("the deleted credential's IMS client still exists")
	}
	if _, _, err := e.client.Credentials.GetIntegration(ctx, b.Ref); !errors.Is(err, adobe.ErrNotFound) {
		t.Fatalf("GetIntegration after DeleteIntegration: %v", err)
	}
}

// The org-level create-and-subscribe call: 201 with its own project and
// workspace; a second call with the same name is 409 ERR_MSG_DUPLICATE_NAME.
func TestCreateInOrg(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	req := devconsole.OAuthCredentialCreateRequest{Name: "org-level", Services: []devconsole.ServiceSubscription{{
		SDKCode:        devconsole.SDKAnalytics,
		LicenseConfigs: []devconsole.LicenseConfigOp{{ID: e.profile.ID, ProductID: productID(t, e), Op: devconsole.OpAdd}},
	}}}
	cr, resp, err := e.client.Credentials.CreateInOrg(ctx, e.orgID, req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusCreated || cr.ProjectID == "" || cr.WorkspaceID == "" || cr.TechnicalAccountID == "" ||
		cr.SubscriptionResult == nil || !slices.Equal(cr.SubscriptionResult.SDKList, []string{devconsole.SDKAnalytics}) {
		t.Fatalf("CreateInOrg = %d %+v", resp.StatusCode, cr)
	}
	if got, _ := e.fake.Credential(cr.ClientID); !slices.Contains(got.ProductProfileIDs, e.profile.ID) {
		t.Fatalf("profiles %v", got.ProductProfileIDs)
	}
	_, _, err = e.client.Credentials.CreateInOrg(ctx, e.orgID, req)
	var ae *adobe.Error
	if !errors.Is(err, adobe.ErrConflict) || !errors.As(err, &ae) || ae.Code != "ERR_MSG_DUPLICATE_NAME" {
		t.Fatalf("duplicate name: %v", err)
	}
}

func productID(t *testing.T, e *env) string {
	t.Helper()
	svc, _, err := e.client.Organizations.GetService(context.Background(), e.orgID, devconsole.SDKAnalytics)
	if err != nil {
		t.Fatal(err)
	}
	lc, ok := svc.Profile(e.profile.ID)
	if !ok {
		t.Fatal("no profile")
	}
	return lc.ProductID
}

func selectedIDs(t *testing.T, e *env, cred devconsole.CredentialRef) []string {
	t.Helper()
	props, _, err := e.client.Credentials.GetServiceProperties(context.Background(), cred, devconsole.SDKAnalytics)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, l := range props.Selected() {
		ids = append(ids, l.ID)
	}
	return ids
}

// The org subscription dialect sends selected, false included: attach, then
// detach through Subscribe; SetServicesInOrg and Unsubscribe.
func TestOrgDialectSubscriptions(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	_, cr, _ := provision(t, e)
	lc := devconsole.LicenseConfig{ID: e.profile.ID, ProductID: productID(t, e), Selected: false}
	if _, _, err := e.client.Credentials.Subscribe(ctx, cr.Value.Ref, devconsole.Subscription{SDKCode: devconsole.SDKAnalytics, LicenseConfigs: []devconsole.LicenseConfig{lc}}); err != nil {
		t.Fatal(err)
	}
	if got := selectedIDs(t, e, cr.Value.Ref); len(got) != 0 {
		t.Fatalf("after selected:false the profiles %q are still attached", got)
	}
	lc.Selected = true
	res, _, err := e.client.Credentials.Subscribe(ctx, cr.Value.Ref, devconsole.Subscription{SDKCode: devconsole.SDKAnalytics, LicenseConfigs: []devconsole.LicenseConfig{lc}})
	if err != nil || !slices.Contains(res.SDKList, devconsole.SDKAnalytics) {
		t.Fatalf("Subscribe = %+v, %v", res, err)
	}
	if got := selectedIDs(t, e, cr.Value.Ref); !slices.Equal(got, []string{e.profile.ID}) {
		t.Fatalf("after selected:true: %q", got)
	}
	// Replace all: Analytics (profile kept) plus the I/O Management API.
	res, _, err = e.client.Credentials.SetServicesInOrg(ctx, cr.Value.Ref, []devconsole.Subscription{
		{SDKCode: devconsole.SDKAnalytics, LicenseConfigs: []devconsole.LicenseConfig{lc}},
		{SDKCode: devconsole.SDKIOManagement},
	})
	if err != nil || !slices.Equal(res.SDKList, []string{devconsole.SDKAnalytics, devconsole.SDKIOManagement}) {
		t.Fatalf("SetServicesInOrg = %+v, %v", res, err)
	}
	res, _, err = e.client.Credentials.Unsubscribe(ctx, cr.Value.Ref, devconsole.Subscription{SDKCode: devconsole.SDKAnalytics})
	if err != nil || !slices.Equal(res.SDKList, []string{devconsole.SDKIOManagement}) {
		t.Fatalf("Unsubscribe = %+v, %v", res, err)
	}
	if got, _ := e.fake.Credential(cr.Value.ClientID); slices.Contains(got.ProductProfileIDs, e.profile.ID) || !slices.Contains(got.Scopes, "adobeio_api") {
		t.Fatalf("after Unsubscribe the fake credential is %+v", got)
	}
}

// Attaching Analytics replaces the credential's whole service set: the
// roles of its other services must survive.
func TestAttachKeepsOtherServicesRoles(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	p, err := e.client.EnsureProject(ctx, e.orgID, devconsole.ProjectCreateRequest{Name: "roles"})
	if err != nil {
		t.Fatal(err)
	}
	cr, err := e.client.EnsureOAuthCredential(ctx, p.Value, devconsole.OAuthCredentialCreateRequest{Name: "with-roles"})
	if err != nil {
		t.Fatal(err)
	}
	const launch = "McDtmSDK" // a service with roles (Adobe's sample services payload)
	if _, _, err := e.client.Credentials.Subscribe(ctx, cr.Value.Ref, devconsole.Subscription{SDKCode: launch,
		Roles: []devconsole.ServiceRole{{ID: "1007", Code: "ent_reactor_admin"}}}); err != nil {
		t.Fatal(err)
	}
	at, err := e.client.AttachProductProfiles(ctx, cr.Value.Ref, devconsole.SDKAnalytics, []string{"Campaign Analytics"})
	if err != nil || !at.Wrote() {
		t.Fatalf("Attach = %+v, %v", at, err)
	}
	in, _, err := e.client.Credentials.GetIntegration(ctx, cr.Value.Ref)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(in.SDKList, []string{devconsole.SDKAnalytics, launch}) {
		t.Fatalf("services after attach: %q", in.SDKList)
	}
	for _, sp := range in.ServiceProperties {
		if sp.SDKCode == launch && (len(sp.Roles) != 1 || sp.Roles[0].Code != "ent_reactor_admin") {
			t.Fatalf("%s roles after attach: %+v", launch, sp.Roles)
		}
	}
	// Detach (workspace dialect, op "remove"), then nothing left to detach.
	ok, err := e.client.DetachProductProfiles(ctx, cr.Value.Ref, devconsole.SDKAnalytics, []string{"Campaign Analytics"})
	if err != nil || !ok.Wrote() || len(ok.Value) != 1 {
		t.Fatalf("Detach = %+v, %v", ok, err)
	}
	if got := selectedIDs(t, e, cr.Value.Ref); len(got) != 0 {
		t.Fatalf("still attached: %q", got)
	}
	if ok, err := e.client.DetachProductProfiles(ctx, cr.Value.Ref, devconsole.SDKAnalytics, []string{"Campaign Analytics"}); err != nil || ok.Wrote() {
		t.Fatalf("second Detach = %v, %v; want no write", ok, err)
	}
}

func TestWithBaseURL(t *testing.T) {
	fake, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	var hosts []string
	rt := rtFunc(func(r *http.Request) (*http.Response, error) {
		hosts = append(hosts, r.URL.Host)
		return fake.Transport().RoundTrip(r)
	})
	cfg, err := auth.NewConfig(bootstrapCreds(fake), auth.WithBaseTransport(rt))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := devconsole.NewFromConfig(cfg, devconsole.WithBaseURL("not a url")); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("bad base URL: %v", err)
	}
	c, err := devconsole.NewFromConfig(cfg, devconsole.WithBaseURL(devconsole.APIBaseURL))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Organizations.List(context.Background()); err != nil {
		t.Fatal(err)
	}
	if hosts[len(hosts)-1] != "api.adobe.io" {
		t.Fatalf("hosts %q", hosts)
	}
}

// The typed errors say what the person must do.
func TestErrorTextsSayWhatToDo(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want []string
	}{
		{&devconsole.NotFoundError{Kind: "project", Name: "x", Hint: "check it"}, []string{`no project "x"`, "check it"}},
		{&devconsole.ProfileUnavailableError{SDKCode: devconsole.SDKAnalytics, Missing: []string{"P"}}, []string{`"P"`, "available: none", "Admin Console"}},
		{&devconsole.ServiceDisabledError{SDKCode: devconsole.SDKAnalytics, Reasons: []devconsole.DisabledReason{devconsole.ReasonOrgMissingProductProfiles}}, []string{"ORG_MISSING_PRODUCT_PROFILES", "product profile"}},
		{&devconsole.SecretLimitError{CredentialID: "7", SecretIDs: []string{"a", "b"}}, []string{"2 client secrets", "delete one"}},
		{&devconsole.TermsNotAcceptedError{OrgID: "9"}, []string{"org 9", "AcceptTerms"}},
	} {
		for _, w := range tc.want {
			if !strings.Contains(tc.err.Error(), w) {
				t.Errorf("%q lacks %q", tc.err.Error(), w)
			}
		}
	}
}
