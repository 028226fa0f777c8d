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
)

// The workflow helpers against the fake: every return path.

func TestRequireProductProfile(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	f.SetUserManagementThrottling(false)
	c := fakeClient(t, f)
	spec := connectorSpec(t)

	t.Run("exists", func(t *testing.T) {
		if _, err := f.CreateProductProfile("Adobe Analytics", spec.Name, fakePermissions(spec.Permissions)); err != nil {
			t.Fatal(err)
		}
		g, err := c.RequireProductProfile(ctx, spec, nil)
		if err != nil || g.Name != spec.Name || !g.IsProductProfile() || g.ProductName != "Adobe Analytics" {
			t.Fatalf("g = %+v, err = %v", g, err)
		}
	})

	t.Run("name of a user group", func(t *testing.T) {
		other, err := adminconsole.CampaignConnectorPermissions(adminconsole.CampaignConnectorOptions{
			CompanyName: "Globex", ReportSuites: []string{adobetest.DemoRSID}, AutoIncludeMetrics: true, AutoIncludeDimensions: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Actions.Do(ctx, []adminconsole.Command{adminconsole.ForUserGroup(other.Name, adminconsole.CreateUserGroup{})}, nil); err != nil {
			t.Fatal(err)
		}
		_, err = c.RequireProductProfile(ctx, other, nil)
		var manual *adminconsole.ManualStepRequired
		if !errors.As(err, &manual) || manual.Task != adminconsole.TaskRenameConflictingGroup || len(manual.Steps) != 1 {
			t.Fatalf("err = %v", err)
		}
		text := manual.Text() + err.Error()
		for _, want := range []string{"a user group", `Adobe Campaign requires the connector's profile to be named exactly "reserved_campaign_classic_Globex"`, "1 step in the Admin Console"} {
			if !strings.Contains(text, want) {
				t.Errorf("text lacks %q:\n%s", want, text)
			}
		}
		for _, bad := range []string{"USER_GROUP", "choose another name", "1 steps"} {
			if strings.Contains(text, bad) {
				t.Errorf("text contains %q:\n%s", bad, text)
			}
		}
		// GetProductProfile says what the name really is, with a typed
		// error (not an ArgError: the request was made).
		_, _, err = c.Groups.GetProductProfile(ctx, other.Name)
		var wrong *adminconsole.WrongGroupTypeError
		if !errors.As(err, &wrong) || wrong.Group.Type != adminconsole.GroupTypeUserGroup || !errors.Is(err, adobe.ErrConflict) || errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("GetProductProfile err = %v", err)
		}
	})

	t.Run("profile of another product", func(t *testing.T) {
		if _, err := f.CreateProductProfile("Adobe Target", "Shared Name", adobetest.Permissions{}); err != nil {
			t.Fatal(err)
		}
		_, err := c.RequireProductProfile(ctx, adminconsole.ProfileSpec{Name: "shared name", Permissions: spec.Permissions}, nil)
		var manual *adminconsole.ManualStepRequired
		if !errors.As(err, &manual) || manual.Task != adminconsole.TaskRenameConflictingGroup ||
			!strings.Contains(manual.Reason, `a product profile of "Adobe Target"`) || !strings.Contains(manual.Steps[0].Text, "choose another name") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestWaitForProductProfileConflicts(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	f.SetUserManagementThrottling(false)
	c := fakeClient(t, f)
	if _, err := f.CreateProductProfile("Adobe Target", "Target Profile", adobetest.Permissions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Actions.Do(ctx, []adminconsole.Command{adminconsole.ForUserGroup("A Group", adminconsole.CreateUserGroup{})}, nil); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"target profile", "A Group"} {
		_, err := c.WaitForProductProfile(ctx, name, time.Minute)
		var manual *adminconsole.ManualStepRequired
		if !errors.As(err, &manual) || manual.Task != adminconsole.TaskRenameConflictingGroup || manual.Profile.Name != name {
			t.Errorf("%s: err = %v, want ManualStepRequired(%s)", name, err, adminconsole.TaskRenameConflictingGroup)
		}
	}
}

// The profile never appears: the wait ends on the deadline, naming the
// profile, with the context's error and the last "not found".
func TestWaitForProductProfileDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t)
		c := fakeClient(t, f)
		start := time.Now()
		var polls []adobe.WaitPoll
		_, err := c.WaitForProductProfile(context.Background(), "reserved_campaign_classic_Never", 10*time.Minute,
			adobe.WithWaitProgress(func(p adobe.WaitPoll) { polls = append(polls, p) }))
		var nf *adminconsole.NotFoundError
		var timeout *adobe.WaitTimeoutError
		if !errors.As(err, &timeout) || timeout.Polls != len(polls) || len(polls) < 3 || polls[0].Status != "not listed yet" ||
			!errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &nf) || !errors.Is(err, adobe.ErrNotFound) ||
			!strings.Contains(err.Error(), `"reserved_campaign_classic_Never"`) {
			t.Fatalf("err = %v", err)
		}
		if d := time.Since(start); d != 10*time.Minute {
			t.Errorf("returned after %s, want the 10m deadline", d)
		}
	})
}

// Issue: once the 5-per-minute groups budget is spent, the deadline hits
// inside the limiter's wait; the error must still name the profile and
// carry the last "not found" (it used to be a bare context error).
func TestWaitForProductProfileDeadlineInLimiterWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t)
		c := fakeClient(t, f)
		f.ResetRequests()
		_, err := c.WaitForProductProfile(context.Background(), "Never", 70*time.Second, adobe.WithWaitDelays(time.Second, time.Second))
		var nf *adminconsole.NotFoundError
		if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &nf) || !strings.Contains(err.Error(), `product profile "Never"`) {
			t.Fatalf("err = %v", err)
		}
		// 5 polls in the first minute, 5 in the second, then the deadline
		// in the limiter's wait for the 11th: no poll was refused by Adobe.
		if n := f.Count("GET /v2/usermanagement/groups/{orgId}/{page}"); n != 10 {
			t.Errorf("polls = %d, want 10", n)
		}
		if n := countStatus(f, "GET /v2/usermanagement/groups/{orgId}/{page}", 429); n != 0 {
			t.Errorf("429 answers = %d", n)
		}
	})
}

func TestEnsureUserOnProfileRefusesNonAdobeID(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	f.SetUserManagementThrottling(false)
	c := fakeClient(t, f)
	if _, err := f.CreateProductProfile("Adobe Analytics", "P", adobetest.Permissions{}); err != nil {
		t.Fatal(err)
	}
	const email = "ops@acme.example"
	if _, err := c.Actions.Do(ctx, []adminconsole.Command{adminconsole.ForUser(email, adminconsole.CreateEnterpriseID{Email: email, Country: "US"})}, nil); err != nil {
		t.Fatal(err)
	}
	before := f.Count(actionRoute)
	for _, opts := range []*adminconsole.EnsureOptions{nil, {AddToOrg: true}} {
		res, err := c.EnsureUserOnProfile(ctx, "P", email, opts)
		var notAdobe *adminconsole.NotAdobeIDError
		if !errors.As(err, &notAdobe) || notAdobe.Type != adminconsole.UserTypeEnterpriseID || res != nil || !errors.Is(err, adobe.ErrConflict) {
			t.Fatalf("res = %+v, err = %v", res, err)
		}
		if !strings.Contains(err.Error(), "Adobe ID") || !strings.Contains(err.Error(), "nothing was changed") {
			t.Errorf("error says nothing useful: %v", err)
		}
	}
	if n := f.Count(actionRoute) - before; n != 0 {
		t.Errorf("%d action requests sent", n)
	}
	if m := f.ProfileMembers("P"); len(m) != 0 {
		t.Errorf("members = %v", m)
	}
}

func TestEnsureUserOnProfileTestOnly(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	f.SetUserManagementThrottling(false)
	c := fakeClient(t, f)
	if _, err := f.CreateProductProfile("Adobe Analytics", "P", adobetest.Permissions{}); err != nil {
		t.Fatal(err)
	}
	f.ResetRequests()
	res, err := c.EnsureUserOnProfile(ctx, "P", "newop@example.com", &adminconsole.EnsureOptions{AddToOrg: true, TestOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if a := res.Value.Action; a == nil || !a.TestOnly || a.CompletedInTestMode != 1 || a.Completed != 0 ||
		res.Created || res.Wrote() || res.Value.Verified {
		t.Errorf("res = %+v, action = %+v", res, a)
	}
	if m := f.ProfileMembers("P"); len(m) != 0 {
		t.Errorf("test mode changed members: %v", m)
	}
	// No read-back after a dry run: one user read only.
	if n := f.Count("GET /v2/usermanagement/organizations/{orgId}/users/{userString}"); n != 1 {
		t.Errorf("user reads = %d, want 1", n)
	}
}

func TestEnsureUserOnProfilePartialFailure(t *testing.T) {
	synctest.Test(t, testEnsureUserOnProfilePartialFailure)
}

func testEnsureUserOnProfilePartialFailure(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	f.SetUserManagementThrottling(false)
	c := fakeClient(t, f)
	if _, err := f.CreateProductProfile("Adobe Analytics", "P", adobetest.Permissions{}); err != nil {
		t.Fatal(err)
	}
	// Adobe adds the Adobe ID (step 0) but refuses the profile (step 1), as
	// after addAdobeID in user-sync#609: a 200 with a per-step error.
	if err := f.InjectFault(adobetest.Fault{Route: actionRoute, Times: 1, Status: 200,
		Body: `{"completed":0,"notCompleted":1,"completedInTestMode":0,"result":"error","errors":[{"index":0,"step":1,"requestID":"cmd0","message":"User Id does not exist: newop@example.com","user":"newop@example.com","errorCode":"error.user.nonexistent"}]}`}); err != nil {
		t.Fatal(err)
	}
	res, err := c.EnsureUserOnProfile(ctx, "P", "newop@example.com", &adminconsole.EnsureOptions{AddToOrg: true})
	var ae *adminconsole.ActionError
	if !errors.As(err, &ae) || ae.Err != nil || res.Value.Action != ae.Result {
		t.Fatalf("err = %v", err)
	}
	fs := res.Value.Action.FailuresOf(0)
	if len(fs) != 1 || fs[0].Step != 1 || fs[0].Code != "error.user.nonexistent" {
		t.Errorf("failures = %+v", fs)
	}
	if len(res.Changes) != 1 || !strings.Contains(res.Changes[0].What, "to the org") || res.Created || res.Value.Verified {
		t.Errorf("res = %+v", res)
	}

	// A request lost after it left (5xx after every retry): nothing is
	// confirmed, and the result says so.
	if err := f.InjectFault(adobetest.Fault{Route: actionRoute, Status: 503}); err != nil {
		t.Fatal(err)
	}
	res, err = c.EnsureUserOnProfile(ctx, "P", adobetest.DemoUserEmail, nil)
	if !errors.As(err, &ae) || ae.Err == nil || len(res.Value.Action.Unconfirmed) != 1 || res.Wrote() || res.Created {
		t.Errorf("res = %+v, err = %v", res, err)
	}
	f.ClearFaults()
}

// RemoveFromUserGroup takes users out of a user group and detaches
// profiles from it; lists over 10 names are split.
func TestRemoveFromUserGroup(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	f.SetUserManagementThrottling(false)
	c := fakeClient(t, f)
	if _, err := f.CreateProductProfile("Adobe Analytics", "P", adobetest.Permissions{}); err != nil {
		t.Fatal(err)
	}
	var users []string
	var create []adminconsole.Command
	for i := range 12 {
		e := fmt.Sprintf("m%02d@acme.example", i)
		users = append(users, e)
		create = append(create, adminconsole.ForUser(e, adminconsole.CreateFederatedID{Email: e, Country: "US"}))
	}
	if _, err := c.Actions.Do(ctx, create, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Actions.Do(ctx, []adminconsole.Command{adminconsole.ForUserGroup("UG",
		adminconsole.CreateUserGroup{}, adminconsole.AddToUserGroup{Users: users, ProductProfiles: []string{"P"}})}, nil); err != nil {
		t.Fatal(err)
	}
	if m := f.ProfileMembers("UG"); len(m) != 12 {
		t.Fatalf("UG members = %d", len(m))
	}
	indirect := func() int {
		n := 0
		for _, err := range c.Users.ListInGroupIter(ctx, "P", &adminconsole.GroupUserListOptions{DirectOnly: new(false)}) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		return n
	}
	if n := indirect(); n != 12 {
		t.Fatalf("P members through UG = %d", n)
	}
	res, err := c.Actions.Do(ctx, []adminconsole.Command{adminconsole.ForUserGroup("ug",
		adminconsole.RemoveFromUserGroup{Users: users[:11]}, adminconsole.RemoveFromUserGroup{ProductProfiles: []string{"p"}})}, nil)
	if err != nil || res.Completed != 1 {
		t.Fatalf("res = %+v, err = %v", res, err)
	}
	if m := f.ProfileMembers("UG"); len(m) != 1 || m[0] != users[11] {
		t.Errorf("UG members = %v", m)
	}
	if n := indirect(); n != 0 {
		t.Errorf("P members through UG after detaching = %d", n)
	}
	// A missing profile fails the step, mapped to the caller's step.
	res, err = c.Actions.Do(ctx, []adminconsole.Command{adminconsole.ForUserGroup("UG",
		adminconsole.RemoveFromUserGroup{ProductProfiles: []string{"No Such Profile"}})}, nil)
	if fs := res.FailuresOf(0); err == nil || len(fs) != 1 || fs[0].Step != 0 || fs[0].Code != "error.group.not_found" {
		t.Errorf("failures = %+v, err = %v", fs, err)
	}
}
