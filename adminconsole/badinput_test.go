package adminconsole_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/auth"
)

// Every public entry point refuses bad input with a typed *adobe.ArgError
// naming the field, before any request (the fake's request log stays
// empty: not even a token is fetched).
func TestBadInputSendsNothing(t *testing.T) {
	f := newFake(t)
	c := fakeClient(t, f)
	ctx := context.Background()
	spec := connectorSpec(t)
	long := strings.Repeat("x", 10_000)
	iterErr := func(seq func(yield func(adminconsole.User, error) bool)) error {
		for _, err := range seq {
			return err
		}
		return nil
	}
	b := f.Bootstrap()
	cfg, err := auth.NewConfig(auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID,
		Scopes: []string{"openid", "AdobeID", "user_management_sdk"}}, auth.WithBaseTransport(f.Transport()))
	if err != nil {
		t.Fatal(err)
	}
	newClient := func(opts ...adminconsole.Option) error {
		_, err := adminconsole.NewFromConfig(cfg, opts...)
		return err
	}
	user := func(email string, steps ...adminconsole.Step) error {
		_, err := c.Actions.Do(ctx, []adminconsole.Command{adminconsole.ForUser(email, steps...)}, nil)
		return err
	}
	addTo := adminconsole.AddToGroups{Groups: []string{"P"}}

	cases := []struct {
		name, field string
		call        func() error
	}{
		{"nil config", "config", func() error { _, err := adminconsole.NewFromConfig(nil); return err }},
		{"org id without @AdobeOrg", "org ID", func() error { return newClient(adminconsole.WithOrgID("0123456789ABCDEF01234567")) }},
		{"base URL not http", "base URL", func() error { return newClient(adminconsole.WithBaseURL("ftp://example.com")) }},
		{"nil limiter", "WithLimiter", func() error { return newClient(adminconsole.WithLimiter(nil)) }},
		{"negative rate limit", "Limits.Users", func() error { return newClient(adminconsole.WithRateLimits(adminconsole.Limits{Users: -1})) }},
		{"NewLimiter negative groups", "Limits.Groups", func() error { _, err := adminconsole.NewLimiter(adminconsole.Limits{Groups: -5}); return err }},
		{"NewLimiter negative action", "Limits.Action", func() error { _, err := adminconsole.NewLimiter(adminconsole.Limits{Action: -1}); return err }},
		{"NewLimiter negative window", "Limits.Window", func() error { _, err := adminconsole.NewLimiter(adminconsole.Limits{Window: -time.Second}); return err }},

		{"groups negative page", "page", func() error { _, _, err := c.Groups.List(ctx, -1); return err }},
		{"group get empty", "group name", func() error { _, _, err := c.Groups.Get(ctx, " "); return err }},
		{"group get newline", "group name", func() error { _, _, err := c.Groups.Get(ctx, "a\nb"); return err }},
		{"group get 10,000 chars", "group name", func() error { _, _, err := c.Groups.Get(ctx, long); return err }},
		{"profile get NUL", "product profile name", func() error { _, _, err := c.Groups.GetProductProfile(ctx, "P\x00"); return err }},
		{"profile get invalid UTF-8", "product profile name", func() error { _, _, err := c.Groups.GetProductProfile(ctx, "P\xff"); return err }},

		{"users negative page", "page", func() error { _, _, err := c.Users.List(ctx, -1, nil); return err }},
		{"users domain with blank", "UserListOptions.Domain", func() error {
			_, _, err := c.Users.List(ctx, 0, &adminconsole.UserListOptions{Domain: "acme .com"})
			return err
		}},
		{"users iter domain with slash", "UserListOptions.Domain", func() error {
			return iterErr(c.Users.ListIter(ctx, &adminconsole.UserListOptions{Domain: "acme.com/x"}))
		}},
		{"in group empty", "group", func() error { _, _, err := c.Users.ListInGroup(ctx, "", 0, nil); return err }},
		{"in group negative page", "page", func() error { _, _, err := c.Users.ListInGroup(ctx, "P", -3, nil); return err }},
		{"in group bad status", "GroupUserListOptions.Status", func() error {
			_, _, err := c.Users.ListInGroup(ctx, "P", 0, &adminconsole.GroupUserListOptions{Status: "gone"})
			return err
		}},
		{"in group iter CR", "group", func() error { return iterErr(c.Users.ListInGroupIter(ctx, "P\r", nil)) }},
		{"user get newline email", "user", func() error { _, _, err := c.Users.Get(ctx, "a\n@b.com", nil); return err }},
		{"user get not an email", "user", func() error { _, _, err := c.Users.Get(ctx, "operator", nil); return err }},
		{"user get display name", "user", func() error { _, _, err := c.Users.Get(ctx, "Op <op@acme.com>", nil); return err }},
		{"user get bad domain", "GetUserOptions.Domain", func() error {
			_, _, err := c.Users.Get(ctx, "op", &adminconsole.GetUserOptions{Domain: "acme com"})
			return err
		}},
		{"user get username blank", "user", func() error {
			_, _, err := c.Users.Get(ctx, "o p", &adminconsole.GetUserOptions{Domain: "acme.com"})
			return err
		}},

		{"do no commands", "commands", func() error { _, err := c.Actions.Do(ctx, nil, nil); return err }},
		{"do newline email", "commands[0].User", func() error { return user("a\n@b.com", addTo) }},
		{"do email without domain dot", "commands[0].User", func() error { return user("a@b", addTo) }},
		{"do email 300 bytes", "commands[0].User", func() error { return user(strings.Repeat("a", 300)+"@b.com", addTo) }},
		{"do addAdobeID bad country", "commands[0].Steps[0]", func() error {
			return user("a@b.com", adminconsole.AddAdobeID{Email: "a@b.com", Country: "usa"})
		}},
		{"do addAdobeID 10,000-char name", "commands[0].Steps[0]", func() error {
			return user("a@b.com", adminconsole.AddAdobeID{Email: "a@b.com", FirstName: long})
		}},
		{"do addAdobeID name with newline", "commands[0].Steps[0]", func() error {
			return user("a@b.com", adminconsole.AddAdobeID{Email: "a@b.com", LastName: "Doe\nX"})
		}},
		{"do enterprise without country", "commands[0].Steps[0]", func() error {
			return user("a@b.com", adminconsole.CreateEnterpriseID{Email: "a@b.com"})
		}},
		{"do add group newline", "commands[0].Steps[0]", func() error { return user("a@b.com", adminconsole.AddToGroups{Groups: []string{"P\n"}}) }},
		{"do add group 10,000 chars", "commands[0].Steps[0]", func() error { return user("a@b.com", adminconsole.AddToGroups{Groups: []string{long}}) }},
		{"do update bad email", "commands[0].Steps[0]", func() error { return user("a@b.com", adminconsole.UpdateUser{Email: "x y@b.com"}) }},
		{"do user group bad member", "commands[0].Steps[0]", func() error {
			_, err := c.Actions.Do(ctx, []adminconsole.Command{adminconsole.ForUserGroup("UG", adminconsole.AddToUserGroup{Users: []string{"a\t@b.com"}})}, nil)
			return err
		}},
		{"do user group NUL", "commands[0].UserGroup", func() error {
			_, err := c.Actions.Do(ctx, []adminconsole.Command{adminconsole.ForUserGroup("UG\x00", adminconsole.CreateUserGroup{})}, nil)
			return err
		}},
		{"do username bad domain", "commands[0].Domain", func() error {
			_, err := c.Actions.Do(ctx, []adminconsole.Command{{User: "op", Domain: "a b", Steps: []adminconsole.Step{addTo}}}, nil)
			return err
		}},

		{"require empty name", "ProfileSpec.Name", func() error {
			_, err := c.RequireProductProfile(ctx, adminconsole.ProfileSpec{Permissions: spec.Permissions}, nil)
			return err
		}},
		{"require newline name", "ProfileSpec.Name", func() error {
			_, err := c.RequireProductProfile(ctx, adminconsole.ProfileSpec{Name: "a\nb", Permissions: spec.Permissions}, nil)
			return err
		}},
		{"require no permissions", "AnalyticsPermissions.ReportSuites", func() error {
			_, err := c.RequireProductProfile(ctx, adminconsole.ProfileSpec{Name: "P"}, nil)
			return err
		}},
		{"wait empty name", "product profile name", func() error { _, err := c.WaitForProductProfile(ctx, "", time.Minute); return err }},
		{"wait negative maxWait", "maxWait", func() error { _, err := c.WaitForProductProfile(ctx, "P", -time.Second); return err }},
		{"ensure newline email", "email", func() error { _, err := c.EnsureUserOnProfile(ctx, "P", "a\n@b.com", nil); return err }},
		{"ensure empty profile", "profile", func() error { _, err := c.EnsureUserOnProfile(ctx, "", "a@b.com", nil); return err }},
		{"ensure profile with tab", "profile", func() error { _, err := c.EnsureUserOnProfile(ctx, "P\t1", "a@b.com", nil); return err }},
		{"ensure bad country", "EnsureOptions", func() error {
			_, err := c.EnsureUserOnProfile(ctx, "P", "a@b.com", &adminconsole.EnsureOptions{AddToOrg: true, Country: "us"})
			return err
		}},
		{"ensure 10,000-char first name", "EnsureOptions", func() error {
			_, err := c.EnsureUserOnProfile(ctx, "P", "a@b.com", &adminconsole.EnsureOptions{AddToOrg: true, FirstName: long})
			return err
		}},
		{"campaign company newline", "CompanyName", func() error { _, err := adminconsole.CampaignProfileName("Acme\nEU"); return err }},
		{"campaign event out of range", "Events", func() error {
			_, err := adminconsole.CampaignConnectorPermissions(adminconsole.CampaignConnectorOptions{CompanyName: "Acme", ReportSuites: []string{"rs"}, Events: []int{-1}, EVars: []int{1}})
			return err
		}},
	}
	f.ResetRequests()
	for _, tc := range cases {
		err := tc.call()
		var ae *adobe.ArgError
		if !errors.As(err, &ae) || !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("%s: err = %v (%T), want *adobe.ArgError", tc.name, err, err)
			continue
		}
		if ae.Arg != tc.field {
			t.Errorf("%s: ArgError names %q, want %q (%v)", tc.name, ae.Arg, tc.field, err)
		}
	}
	if reqs := f.Requests(); len(reqs) != 0 {
		t.Errorf("%d requests sent for bad input, want 0: %+v", len(reqs), reqs)
	}
	t.Logf("bad inputs rejected before any request: %d of %d", len(cases), len(cases))
}
