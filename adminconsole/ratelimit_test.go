package adminconsole_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
)

const actionRoute = "POST /v2/usermanagement/action/{orgId}"

func countStatus(f *adobetest.Fake, route string, status int) int {
	n := 0
	for _, r := range f.Requests() {
		if r.Route == route && r.Status == status {
			n++
		}
	}
	return n
}

func syncCommands(n int, profile string) []adminconsole.Command {
	cmds := make([]adminconsole.Command, n)
	for i := range cmds {
		email := fmt.Sprintf("user%04d@acme.example", i)
		cmds[i] = adminconsole.ForUser(email, adminconsole.AddAdobeID{Email: email}, adminconsole.AddToGroups{Groups: []string{profile}})
	}
	return cmds
}

// A 1,000-user sync of one profile at Adobe's limits, measured on the fake
// clock: 1 groups listing + 1 members page + 100 action requests, and the
// client-side limiter spaces them so the fake never answers 429.
func TestSync1000UsersAtAdobeLimits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		f := newFake(t)
		if _, err := f.CreateProductProfile("Adobe Analytics", "reserved_campaign_classic_Acme", adobetest.Permissions{}); err != nil {
			t.Fatal(err)
		}
		c := fakeClient(t, f)
		f.ResetRequests()
		start := time.Now()
		p, _, err := c.Groups.GetProductProfile(ctx, "reserved_campaign_classic_acme")
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := c.Users.ListInGroup(ctx, p.Name, 0, nil); err != nil {
			t.Fatal(err)
		}
		res, err := c.Actions.Do(ctx, syncCommands(1000, p.Name), nil)
		if err != nil {
			t.Fatal(err)
		}
		elapsed := time.Since(start)
		if res.Requests != 100 || res.Completed != 1000 {
			t.Errorf("requests = %d, completed = %d", res.Requests, res.Completed)
		}
		if got := f.Count(actionRoute); got != 100 {
			t.Errorf("action requests seen by the fake = %d, want 100", got)
		}
		if n := countStatus(f, actionRoute, 429); n != 0 {
			t.Errorf("429 answers = %d, want 0 with the client-side limiter", n)
		}
		// 10 requests at once, then 10 more each minute: the 100th leaves at 9 min.
		if elapsed != 9*time.Minute {
			t.Errorf("simulated time = %s, want 9m0s", elapsed)
		}
		if m := f.ProfileMembers(p.Name); len(m) != 1000 {
			t.Errorf("members = %d", len(m))
		}
		t.Logf("1000-user sync: %d HTTP requests (%d action), %s simulated", len(f.Requests()), res.Requests, elapsed)
	})
}

// Without the client-side limiter the same sync still completes: the
// transport honours the fake's 429 Retry-After, at the cost of wasted
// requests.
func TestSyncWithoutClientLimiterRetries429(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		f := newFake(t)
		if _, err := f.CreateProductProfile("Adobe Analytics", "P", adobetest.Permissions{}); err != nil {
			t.Fatal(err)
		}
		c := fakeClient(t, f, adminconsole.WithoutRateLimit())
		start := time.Now()
		res, err := c.Actions.Do(ctx, syncCommands(300, "P"), nil)
		if err != nil {
			t.Fatal(err)
		}
		elapsed := time.Since(start)
		throttled := countStatus(f, actionRoute, 429)
		if res.Requests != 30 || throttled != 2 {
			t.Errorf("requests = %d, 429s = %d, want 30 and 2 (each 429 waits for a whole window)", res.Requests, throttled)
		}
		if elapsed != 2*time.Minute {
			t.Errorf("simulated time = %s, want 2m0s", elapsed)
		}
		t.Logf("300-user sync without client limiter: %d 429 answers, %s simulated", throttled, elapsed)
	})
}

// Adding users through a user group: 10 commands of 100 users fit one
// request (adds commute, so one request may carry several commands for the
// same group).
func TestUserGroupRouteFitsOneRequest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		f := newFake(t)
		if _, err := f.CreateProductProfile("Adobe Analytics", "P", adobetest.Permissions{}); err != nil {
			t.Fatal(err)
		}
		c := fakeClient(t, f)
		var emails []string
		for i := range 1000 {
			email := fmt.Sprintf("u%04d@acme.example", i)
			emails = append(emails, email)
			if _, err := f.AddUser(adobetest.User{Email: email}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := c.Actions.Do(ctx, []adminconsole.Command{adminconsole.ForUserGroup("Connector operators",
			adminconsole.CreateUserGroup{}, adminconsole.AddToUserGroup{ProductProfiles: []string{"P"}})}, nil); err != nil {
			t.Fatal(err)
		}
		var cmds []adminconsole.Command
		for i := 0; i < len(emails); i += 100 {
			cmds = append(cmds, adminconsole.ForUserGroup("Connector operators", adminconsole.AddToUserGroup{Users: emails[i : i+100]}))
		}
		res, err := c.Actions.Do(ctx, cmds, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Requests != 1 {
			t.Errorf("requests = %d, want 1", res.Requests)
		}
		n := 0
		for _, err := range c.Users.ListInGroupIter(ctx, "P", &adminconsole.GroupUserListOptions{DirectOnly: new(false)}) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		if n != 1000 {
			t.Errorf("indirect members = %d", n)
		}
	})
}

func TestGroupsLimiterAndCancellation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t)
		c := fakeClient(t, f, adminconsole.WithRateLimits(adminconsole.Limits{Groups: 2, Window: time.Minute}))
		start := time.Now()
		for range 3 {
			if _, _, err := c.Groups.List(context.Background(), 0); err != nil {
				t.Fatal(err)
			}
		}
		if d := time.Since(start); d != time.Minute {
			t.Errorf("third listing after %s, want 1m0s", d)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, _, err := c.Groups.List(ctx, 0)
		_, _, err2 := c.Groups.List(ctx, 0)
		if err != nil || !errors.Is(err2, context.DeadlineExceeded) {
			t.Errorf("errs = %v, %v; want the limiter wait to end with the context", err, err2)
		}
	})
}
