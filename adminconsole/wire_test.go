package adminconsole_test

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/testutil"
	"github.com/jarcoal/httpmock"
)

// These tests pin the wire format against Adobe's official Postman samples
// (Adobe publishes no OpenAPI document for UMAPI).

const (
	umapiSamples = "specs/adminconsole/umapi/UMAPI_SAMPLES.postman_collection2.json"
	testOrg      = "0123456789ABCDEF01234567@AdobeOrg"
	umapiBase    = "https://usermanagement.adobe.io/v2/usermanagement"
)

func mockClient(t *testing.T, mt *httpmock.MockTransport, opts ...adminconsole.Option) *adminconsole.Client {
	t.Helper()
	testutil.MockIMSToken(mt)
	creds := auth.Credentials{ClientID: "0123456789abcdef0123456789abcdef", ClientSecret: "p8e-secret", OrgID: testOrg, Scopes: []string{"openid", "AdobeID", "user_management_sdk"}}
	cfg, err := auth.NewConfig(creds, auth.WithBaseTransport(mt), auth.WithRetryPolicy(auth.RetryPolicy{WaitMin: time.Millisecond, WaitMax: time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	c, err := adminconsole.NewFromConfig(cfg, append([]adminconsole.Option{adminconsole.WithoutRateLimit()}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func loadSamples(t *testing.T) *testutil.PostmanCollection {
	t.Helper()
	return testutil.LoadPostman(t, strings.TrimPrefix(umapiSamples, "specs/"))
}

var requestIDRe = regexp.MustCompile(`^go-adobe-[0-9a-f]{24}_[0-9]+$`)

func checkHeaders(t *testing.T, sample *testutil.PostmanRequest, req *http.Request) {
	t.Helper()
	for _, h := range sample.HeaderNames() {
		if req.Header.Get(h) == "" {
			t.Errorf("%s %s: header %s missing (the sample sends it)", req.Method, req.URL.Path, h)
		}
	}
	testutil.AssertHeader(t, req, "Authorization", "Bearer test-token-1")
	testutil.AssertHeader(t, req, "X-Api-Key", "0123456789abcdef0123456789abcdef")
	if id := req.Header.Get("X-Request-Id"); !requestIDRe.MatchString(id) {
		t.Errorf("X-Request-Id = %q", id)
	}
}

func TestActionBodiesMatchPostmanSamples(t *testing.T) {
	samples := loadSamples(t)
	tests := []struct {
		sample string
		cmds   []adminconsole.Command
	}{
		{"create_AdobeID", []adminconsole.Command{{User: "a@example.com", RequestID: "action_4", Steps: []adminconsole.Step{
			adminconsole.AddAdobeID{Email: "a@example.com", Country: "US", FirstName: "A", LastName: "B"}}}}},
		{"create_EntepriseID", []adminconsole.Command{{User: "jdoe@example.com", RequestID: "action_5", Steps: []adminconsole.Step{
			adminconsole.CreateEnterpriseID{Email: "jdoe@example.com", Country: "US", FirstName: "John", LastName: "Doe"}}}}},
		{"create_FederatedID_of_format2", []adminconsole.Command{{User: "jdoe", Domain: "example.com", RequestID: "r", Steps: []adminconsole.Step{
			adminconsole.CreateFederatedID{Email: "jdoe@example.com", Country: "US", FirstName: "John", LastName: "Doe"}}}}},
		{"update_FederatedID", []adminconsole.Command{{User: "a@example.com", RequestID: "r", Steps: []adminconsole.Step{
			adminconsole.UpdateUser{Email: "b@example.com", FirstName: "B", LastName: "C", Username: "bc"}}}}},
		{"add_to_group", []adminconsole.Command{adminconsole.ForUser("a@example.com", adminconsole.AddToGroups{Groups: []string{"P1", "_admin_P1"}})}},
		{"remove_from_group", []adminconsole.Command{adminconsole.ForUser("a@example.com", adminconsole.RemoveFromGroups{Groups: []string{"P1"}})}},
		{"remove_all_roles_and_groups", []adminconsole.Command{adminconsole.ForUser("a@example.com", adminconsole.RemoveFromGroups{All: true})}},
		{"remove_from_org_soft_delete", []adminconsole.Command{adminconsole.ForUser("a@example.com", adminconsole.RemoveFromOrg{})}},
		{"remove_from_org_hard_delete", []adminconsole.Command{adminconsole.ForUser("a@example.com", adminconsole.RemoveFromOrg{DeleteAccount: true})}},
		{"mix_of_actions_for_one_user_2", []adminconsole.Command{adminconsole.ForUser("a@example.com",
			adminconsole.AddToGroups{Groups: []string{"P1", "_support_admin"}},
			adminconsole.RemoveFromGroups{Groups: []string{"P2", "_product_admin_Analytics"}},
			adminconsole.UpdateUser{Username: "u", LastName: "L"})}},
		{"multiple_create_actions_max10", func() []adminconsole.Command {
			var cs []adminconsole.Command
			for _, u := range []string{"u1@example.com", "u2@example.com"} {
				cs = append(cs, adminconsole.ForUser(u, adminconsole.CreateFederatedID{Email: u, Country: "US", FirstName: "F", LastName: "L"},
					adminconsole.AddToGroups{Groups: []string{"Default Acrobat Pro DC configuration"}}))
			}
			return cs
		}()},
		{"create_user_group", []adminconsole.Command{adminconsole.ForUserGroup("UG",
			adminconsole.CreateUserGroup{Description: "d", Option: adminconsole.ErrorIfAlreadyExists})}},
		{"update_user_group", []adminconsole.Command{adminconsole.ForUserGroup("UG", adminconsole.UpdateUserGroup{Name: "UG2", Description: "d"})}},
		{"remove_user_group", []adminconsole.Command{adminconsole.ForUserGroup("UG", adminconsole.DeleteUserGroup{})}},
	}
	for _, tt := range tests {
		t.Run(tt.sample, func(t *testing.T) {
			sample := samples.Request(tt.sample)
			if sample == nil {
				t.Fatalf("no sample %q", tt.sample)
			}
			mt := testutil.NewMockTransport(t)
			rec := testutil.NewRecorder(testutil.JSONResponder(200, map[string]any{"completed": 0, "notCompleted": 0, "completedInTestMode": len(tt.cmds), "result": "success"}))
			mt.RegisterResponder("POST", umapiBase+"/action/"+testOrg, rec.Responder())
			c := mockClient(t, mt)
			res, err := c.Actions.Do(context.Background(), tt.cmds, &adminconsole.ActionOptions{TestOnly: true})
			if err != nil || res.CompletedInTestMode != len(tt.cmds) {
				t.Fatalf("Do = %+v, %v", res, err)
			}
			got := rec.Last(t)
			if !sample.MatchesPath(got.Request.URL.Path) {
				t.Errorf("path %s does not match the sample's %s", got.Request.URL.Path, sample.Path)
			}
			testutil.AssertQuery(t, got.Request, sample.Query)
			checkHeaders(t, sample, got.Request)
			if err := testutil.ShapeMatches(sample.Body, got.Body); err != nil {
				t.Errorf("%v\nsent: %s", err, got.Body)
			}
		})
	}
}

func TestReadRequestsMatchPostmanSamples(t *testing.T) {
	samples := loadSamples(t)
	mt := testutil.NewMockTransport(t)
	rec := testutil.NewRecorder(func(req *http.Request) (*http.Response, error) {
		var body any = map[string]any{"lastPage": true, "result": "success", "users": []any{}, "groups": []any{}}
		if strings.Contains(req.URL.Path, "/organizations/") {
			body = map[string]any{"result": "success", "user": map[string]any{"email": "a@example.com", "groups": []string{"P1"}}}
		}
		return testutil.JSONResponder(200, body)(req)
	})
	mt.RegisterRegexpResponder("GET", regexp.MustCompile(`^`+regexp.QuoteMeta(umapiBase)+`/`), rec.Responder())
	c := mockClient(t, mt)
	ctx := context.Background()
	calls := []struct {
		sample string
		do     func() error
	}{
		{"GET Org users page 0", func() error { _, _, err := c.Users.List(ctx, 0, nil); return err }},
		{"GET Org users of given domain page 0", func() error {
			_, _, err := c.Users.List(ctx, 0, &adminconsole.UserListOptions{Domain: "example.com"})
			return err
		}},
		{"GET Org groups and profiles page 0", func() error { _, _, err := c.Groups.List(ctx, 0); return err }},
		{"GET user information", func() error { _, _, err := c.Users.Get(ctx, "a@example.com", nil); return err }},
		{"GET user by group page 0", func() error { _, _, err := c.Users.ListInGroup(ctx, "P1", 0, nil); return err }},
		{"GET only direct PLC members page 0", func() error {
			_, _, err := c.Users.ListInGroup(ctx, "P1", 0, &adminconsole.GroupUserListOptions{DirectOnly: new(true)})
			return err
		}},
	}
	for _, call := range calls {
		if err := call.do(); err != nil {
			t.Fatalf("%s: %v", call.sample, err)
		}
		sample := samples.Request(call.sample)
		got := rec.Last(t)
		if !sample.MatchesPath(got.Request.URL.Path) {
			t.Errorf("%s: path %s, sample %s", call.sample, got.Request.URL.Path, sample.Path)
		}
		for k := range sample.Query {
			if !got.Request.URL.Query().Has(k) {
				t.Errorf("%s: query %s missing", call.sample, k)
			}
		}
		if len(got.Request.URL.Query()) != len(sample.Query) {
			t.Errorf("%s: query %v, sample %v", call.sample, got.Request.URL.Query(), sample.Query)
		}
		checkHeaders(t, sample, got.Request)
	}
}

// UMAPI's error answers (documented bodies) become typed errors.
func TestErrorAnswers(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		call   func(c *adminconsole.Client) error
		check  func(t *testing.T, err error)
	}{
		{
			name: "user not found", status: 404, body: `{"result":"error.user.not_found","message":"User not found a@example.com"}`,
			call: func(c *adminconsole.Client) error {
				_, _, err := c.Users.Get(context.Background(), "a@example.com", nil)
				return err
			},
			check: func(t *testing.T, err error) {
				var ae *adobe.Error
				if !errors.Is(err, adobe.ErrNotFound) || !errors.As(err, &ae) || ae.Code != "error.user.not_found" {
					t.Errorf("err = %v", err)
				}
			},
		},
		{
			name: "empty 403", status: 403, body: ``,
			call: func(c *adminconsole.Client) error { _, _, err := c.Groups.List(context.Background(), 0); return err },
			check: func(t *testing.T, err error) {
				if !errors.Is(err, adobe.ErrForbidden) {
					t.Errorf("err = %v", err)
				}
			},
		},
		{
			name: "groups page past the end", status: 404, body: `{"lastPage":true,"result":"Not found"}`,
			call: func(c *adminconsole.Client) error {
				g, info, err := c.Groups.List(context.Background(), 3)
				if err == nil && (len(g) != 0 || !info.Page.Last) {
					return errors.New("not an empty last page")
				}
				return err
			},
			check: func(t *testing.T, err error) {
				if err != nil {
					t.Errorf("err = %v", err)
				}
			},
		},
		{
			name: "action 400 with per-entry errors (read-only group)", status: 400,
			body: `{"completed":0,"notCompleted":1,"completedInTestMode":0,"result":"error","errors":[{"index":0,"step":0,"message":"Cannot add users to a read-only group","errorCode":"error.usergroup.readonly.add_user_not_allowed"}]}`,
			call: func(c *adminconsole.Client) error {
				_, err := c.Actions.Do(context.Background(), []adminconsole.Command{adminconsole.ForUserGroup("RO", adminconsole.AddToUserGroup{Users: []string{"a@example.com"}})}, nil)
				return err
			},
			check: func(t *testing.T, err error) {
				var ae *adminconsole.ActionError
				if !errors.As(err, &ae) || ae.Err != nil || ae.Result.Failures[0].Code != "error.usergroup.readonly.add_user_not_allowed" || ae.Result.Failures[0].UserGroup != "RO" {
					t.Errorf("err = %v", err)
				}
			},
		},
		{
			name: "action 403 stops the batch", status: 403, body: ``,
			call: func(c *adminconsole.Client) error {
				var cmds []adminconsole.Command
				for range 15 {
					cmds = append(cmds, adminconsole.ForUser("a@example.com", adminconsole.RemoveFromOrg{}))
				}
				_, err := c.Actions.Do(context.Background(), cmds, nil)
				return err
			},
			check: func(t *testing.T, err error) {
				var ae *adminconsole.ActionError
				// Adobe: a non-200 answer was not processed, so the 10
				// commands of the refused request are failures (not
				// "unconfirmed"); the other 5 were never sent.
				if !errors.As(err, &ae) || !errors.Is(err, adobe.ErrForbidden) || len(ae.Result.Unconfirmed) != 0 || len(ae.Result.NotSent) != 5 || ae.Result.Requests != 1 {
					t.Errorf("err = %v", err)
				}
				if ae != nil && (len(ae.Result.Failures) != 10 || ae.Result.Failures[0].Step != -1 || ae.Result.Failures[0].Code != "http.403" || ae.Result.Succeeded(0)) {
					t.Errorf("failures = %+v", ae.Result.Failures)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mt := testutil.NewMockTransport(t)
			for _, m := range []string{"GET", "POST"} {
				mt.RegisterRegexpResponder(m, regexp.MustCompile(`^`+regexp.QuoteMeta(umapiBase)+`/`), testutil.ErrorResponder(tt.status, tt.body, nil))
			}
			tt.check(t, tt.call(mockClient(t, mt)))
		})
	}
}

func TestInvalidCommandsSendNothing(t *testing.T) {
	mt := testutil.NewMockTransport(t)
	c := mockClient(t, mt)
	_, err := c.Actions.Do(context.Background(), []adminconsole.Command{
		adminconsole.ForUser("a@example.com", adminconsole.AddToGroups{Groups: []string{"P"}}),
		adminconsole.ForUser("b@example.com", adminconsole.AddToGroups{Groups: []string{"_org_admin"}}),
	}, nil)
	var arg *adobe.ArgError
	if !errors.As(err, &arg) || arg.Arg != "commands[1].Steps[0]" {
		t.Fatalf("err = %v", err)
	}
	if n := mt.GetTotalCallCount(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
