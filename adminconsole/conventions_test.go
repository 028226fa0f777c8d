package adminconsole_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
)

func TestLimiterImplementsAdobeLimiter(t *testing.T) {
	lim, err := adminconsole.NewLimiter(adminconsole.Limits{Groups: 2, Users: 0, Action: 7, Window: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var l adobe.Limiter = lim
	if got, want := l.String(), "adminconsole (users unlimited, groups 2 per 30s, action 7 per 30s)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	// Wait on a context that names no endpoint never blocks; one that ends
	// first returns the context's error at once (the auth stack, not the
	// limiter, turns it into an *adobe.LimitWaitError naming the budget).
	if err := l.Wait(context.Background()); err != nil {
		t.Errorf("Wait = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.Wait(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Wait on a cancelled context = %v", err)
	}
}

// A context that ends while a call waits on the groups budget ends the call
// promptly, with the context's error.
func TestLimiterWaitEndsWithContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t)
		f.SetUserManagementThrottling(false)
		lim, err := adminconsole.NewLimiter(adminconsole.Limits{Groups: 1, Window: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		c := fakeClient(t, f, adminconsole.WithLimiter(lim))
		if _, _, err := c.Groups.List(context.Background(), 0); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		start := time.Now()
		_, _, err = c.Groups.List(ctx, 0)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want the context's deadline", err)
		}
		if d := time.Since(start); d != 5*time.Second {
			t.Errorf("returned after %s, want at the 5s deadline", d)
		}
	})
}

// Concurrent EnsureUserOnProfile calls for one profile and user on one
// client are serialized: one action, one membership.
func TestEnsureUserOnProfileConcurrentCallsSerialized(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t)
		f.SetUserManagementThrottling(false)
		if _, err := f.CreateProductProfile("Adobe Analytics", "P", adobetest.Permissions{}); err != nil {
			t.Fatal(err)
		}
		c := fakeClient(t, f, adminconsole.WithoutRateLimit())
		var wg sync.WaitGroup
		var mu sync.Mutex
		created := 0
		for range 8 {
			wg.Go(func() {
				res, err := c.EnsureUserOnProfile(context.Background(), "p", "New.Op@example.com", &adminconsole.EnsureOptions{AddToOrg: true})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				defer mu.Unlock()
				if res.Created {
					created++
				}
			})
		}
		wg.Wait()
		if n := f.Count(actionRoute); n != 1 || created != 1 {
			t.Errorf("action requests = %d, created = %d; want 1 and 1", n, created)
		}
		if m := f.ProfileMembers("P"); len(m) != 1 {
			t.Errorf("members = %v", m)
		}
	})
}

// The package's specialised errors match the shared sentinels and say what
// to do.
func TestSpecialisedErrorsMatchSentinels(t *testing.T) {
	ctx := context.Background()
	f := newFake(t)
	f.SetUserManagementThrottling(false)
	c := fakeClient(t, f)
	spec := connectorSpec(t)

	_, err := c.RequireProductProfile(ctx, spec, nil)
	var manual *adminconsole.ManualStepRequired
	if !errors.As(err, &manual) || !errors.Is(err, adobe.ErrNotFound) || errors.Is(err, adobe.ErrConflict) ||
		!strings.Contains(err.Error(), "a person must follow") || !strings.Contains(err.Error(), "WaitForProductProfile") {
		t.Errorf("missing profile: %v", err)
	}
	if _, err := c.Actions.Do(ctx, []adminconsole.Command{adminconsole.ForUserGroup(spec.Name, adminconsole.CreateUserGroup{})}, nil); err != nil {
		t.Fatal(err)
	}
	_, err = c.RequireProductProfile(ctx, spec, nil)
	if !errors.As(err, &manual) || !errors.Is(err, adobe.ErrConflict) || errors.Is(err, adobe.ErrNotFound) {
		t.Errorf("name taken: %v", err)
	}
	_, _, err = c.Groups.GetProductProfile(ctx, spec.Name)
	var wrong *adminconsole.WrongGroupTypeError
	if !errors.As(err, &wrong) || !errors.Is(err, adobe.ErrConflict) || !strings.Contains(err.Error(), "rename that group in the Admin Console") {
		t.Errorf("wrong type: %v", err)
	}
	_, _, err = c.Users.Get(ctx, "nobody@example.com", nil)
	var nf *adminconsole.NotFoundError
	var ae *adobe.Error
	if !errors.As(err, &nf) || nf.Kind != "user" || !errors.As(err, &ae) || ae.StatusCode != 404 || !strings.Contains(err.Error(), "EnsureOptions.AddToOrg") {
		t.Errorf("missing user: %v", err)
	}
}

// Do keeps Adobe's answer to each request it sent, for support.
func TestActionResultKeepsResponses(t *testing.T) {
	f := newFake(t)
	f.SetUserManagementThrottling(false)
	c := fakeClient(t, f, adminconsole.WithoutRateLimit())
	var cmds []adminconsole.Command
	for i := range 12 { // two requests: at most 10 commands each
		cmds = append(cmds, adminconsole.ForUserGroup(fmt.Sprintf("UG %d", i), adminconsole.CreateUserGroup{}))
	}
	res, err := c.Actions.Do(context.Background(), cmds, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 2 || len(res.Responses) != 2 {
		t.Fatalf("requests %d, responses %d; want 2 and 2", res.Requests, len(res.Responses))
	}
	for i, r := range res.Responses {
		if r.StatusCode != 200 || r.RequestID == "" || r.Page != nil {
			t.Errorf("response %d = %+v", i, r)
		}
	}
}

// A users listing that never says lastPage and answers pages past the end
// with the last page again (as UMAPI does) ends after the last page: the
// repeat is recognised from the bytes received.
func TestUsersIterStopsOnRepeatedPage(t *testing.T) {
	f := newFake(t)
	pages := []string{
		`{"lastPage":false,"result":"success","users":[{"email":"a@example.com"},{"email":"b@example.com"}]}`,
		`{"lastPage":false,"result":"success","users":[{"email":"c@example.com"}]}`,
	}
	served := 0
	rt := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		if !strings.Contains(req.URL.Path, "/v2/usermanagement/") {
			return f.Transport().RoundTrip(req)
		}
		served++
		segs := strings.Split(req.URL.Path, "/")
		n, _ := strconv.Atoi(segs[len(segs)-1])
		return statusAnswer(req, 200, pages[min(n, len(pages)-1)]), nil
	})
	c, err := newTestClient(f, rt, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for u, err := range c.Users.ListIter(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, u.Email)
	}
	if strings.Join(got, ",") != "a@example.com,b@example.com,c@example.com" || served != 3 {
		t.Errorf("iterated %v in %d requests; want each user once, in 3 requests", got, served)
	}
}
