package adminconsole_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/testutil"
	"github.com/jarcoal/httpmock"
)

// A request that never left the client (the context ended while it waited
// for the action limiter) is NotSent, not Unconfirmed, and not counted.
func TestActionWaitingOnLimiterIsNotSent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t)
		if _, err := f.CreateProductProfile("Adobe Analytics", "P", adobetest.Permissions{}); err != nil {
			t.Fatal(err)
		}
		c := fakeClient(t, f, adminconsole.WithRateLimits(adminconsole.Limits{Action: 1}))
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		res, err := c.Actions.Do(ctx, syncCommands(25, "P"), nil)
		var ae *adminconsole.ActionError
		if !errors.As(err, &ae) || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v", err)
		}
		if res.Requests != 1 || len(res.Unconfirmed) != 0 || len(res.NotSent) != 15 || len(res.Failures) != 0 {
			t.Errorf("requests = %d, unconfirmed = %v, not sent = %v, failures = %d", res.Requests, res.Unconfirmed, res.NotSent, len(res.Failures))
		}
		if !res.Succeeded(9) || res.Succeeded(10) {
			t.Errorf("succeeded(9) = %v, succeeded(10) = %v", res.Succeeded(9), res.Succeeded(10))
		}
		if n := f.Count(actionRoute); n != 1 {
			t.Errorf("fake saw %d action requests", n)
		}
	})
}

// Adobe validates before executing: a 400 such as
// {"result":"error.organization.invalid_id"} applied nothing, so its
// commands are failures with Adobe's code, not "unconfirmed".
func TestActionRefusedBeforeExecution(t *testing.T) {
	mt := testutil.NewMockTransport(t)
	mt.RegisterRegexpResponder(http.MethodPost, regexp.MustCompile(`/action/`),
		testutil.ErrorResponder(400, `{"result":"error.organization.invalid_id","message":"Bad organization Id"}`, nil))
	c := mockClient(t, mt)
	var cmds []adminconsole.Command
	for i := range 12 {
		cmds = append(cmds, adminconsole.ForUser(fmt.Sprintf("u%d@example.com", i), adminconsole.AddToGroups{Groups: []string{"P"}}))
	}
	res, err := c.Actions.Do(context.Background(), cmds, nil)
	var ae *adminconsole.ActionError
	if !errors.As(err, &ae) || ae.Err == nil {
		t.Fatalf("err = %v", err)
	}
	if len(res.Unconfirmed) != 0 || len(res.NotSent) != 2 || len(res.Failures) != 10 || res.Requests != 1 {
		t.Fatalf("result = %+v", res)
	}
	f := res.FailuresOf(3)
	if len(f) != 1 || f[0].Code != "error.organization.invalid_id" || f[0].Message != "Bad organization Id" || f[0].Step != -1 || f[0].User != "u3@example.com" {
		t.Errorf("failures of command 3 = %+v", f)
	}
}

// An update that changes the email or username is not retried on 5xx (a
// retry would address the old name); other updates are.
func TestUpdateUserRetrySafety(t *testing.T) {
	tests := []struct {
		name     string
		step     adminconsole.UpdateUser
		attempts int
	}{
		{"names only", adminconsole.UpdateUser{FirstName: "A"}, 1 + auth.DefaultRetryPolicy.MaxRetries},
		{"new email", adminconsole.UpdateUser{Email: "new@example.com"}, 1},
		{"new username", adminconsole.UpdateUser{Username: "newname"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mt := testutil.NewMockTransport(t)
			mt.RegisterRegexpResponder(http.MethodPost, regexp.MustCompile(`/action/`), httpmock.NewStringResponder(503, ``))
			c := mockClient(t, mt)
			res, err := c.Actions.Do(context.Background(), []adminconsole.Command{adminconsole.ForUser("old@example.com", tt.step)}, nil)
			if err == nil || len(res.Unconfirmed) != 1 {
				t.Fatalf("res = %+v, err = %v", res, err)
			}
			if n := mt.GetCallCountInfo()["POST =~/action/"]; n != tt.attempts {
				t.Errorf("attempts = %d, want %d", n, tt.attempts)
			}
		})
	}
}

// UMAPI's 401 and 403 have empty bodies: the error names the likely causes
// and still matches adobe.Error and the sentinels.
func TestEmptyAuthErrorsCarryHints(t *testing.T) {
	for _, tt := range []struct {
		status   int
		sentinel error
		want     string
	}{
		{401, adobe.ErrUnauthorized, "user_management_sdk"},
		{403, adobe.ErrForbidden, "org is migrating"},
	} {
		mt := testutil.NewMockTransport(t)
		mt.RegisterRegexpResponder(http.MethodGet, regexp.MustCompile(`/groups/`), testutil.ErrorResponder(tt.status, ``, nil))
		_, _, err := mockClient(t, mt).Groups.List(context.Background(), 0)
		var hint *adminconsole.HintError
		var ae *adobe.Error
		if !errors.As(err, &hint) || !errors.As(err, &ae) || ae.StatusCode != tt.status || !errors.Is(err, tt.sentinel) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%d: err = %v", tt.status, err)
		}
	}
	// A body with Adobe's own words gets no hint.
	mt := testutil.NewMockTransport(t)
	mt.RegisterRegexpResponder(http.MethodGet, regexp.MustCompile(`/groups/`), testutil.ErrorResponder(403, `{"error_code":"403003","message":"Api Key is invalid"}`, nil))
	_, _, err := mockClient(t, mt).Groups.List(context.Background(), 0)
	var hint *adminconsole.HintError
	if errors.As(err, &hint) || !errors.Is(err, adobe.ErrForbidden) {
		t.Errorf("err = %v", err)
	}
}

// WithBaseURL takes the host root like the other packages, or the full
// UMAPI root.
func TestWithBaseURLHostRootOrFullPath(t *testing.T) {
	for _, base := range []string{"http://localhost:8080", "http://localhost:8080/", "http://localhost:8080/v2/usermanagement", "http://localhost:8080/v2/usermanagement/"} {
		mt := testutil.NewMockTransport(t)
		mt.RegisterResponder(http.MethodGet, "http://localhost:8080/v2/usermanagement/groups/"+testOrg+"/0",
			httpmock.NewStringResponder(200, `{"lastPage":true,"result":"success","groups":[{"type":"USER_GROUP","groupName":"G"}]}`))
		g, _, err := mockClient(t, mt, adminconsole.WithBaseURL(base)).Groups.List(context.Background(), 0)
		if err != nil || len(g) != 1 {
			t.Errorf("%s: groups = %v, err = %v", base, g, err)
		}
	}
}

func TestOrgIDValidation(t *testing.T) {
	cfg := mockConfig(t)
	for _, org := range []string{"abc@AdobeOrg", "0123456789ABCDEF0123456@AdobeOrg", "0123456789ABCDEF0123456G@AdobeOrg", "0123456789ABCDEF01234567@adobeorg"} {
		if _, err := adminconsole.NewFromConfig(cfg, adminconsole.WithOrgID(org)); !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("%q: err = %v", org, err)
		}
	}
	if c, err := adminconsole.NewFromConfig(cfg, adminconsole.WithOrgID("abcdef0123456789ABCDEF01@AdobeOrg")); err != nil || c.OrgID() != "abcdef0123456789ABCDEF01@AdobeOrg" {
		t.Errorf("valid org: %v", err)
	}
}

// Clients of one credential share one limiter by default, so together they
// stay within Adobe's per-client limits.
func TestLimiterSharedPerCredential(t *testing.T) {
	cfg := mockConfig(t)
	c1, _ := adminconsole.NewFromConfig(cfg)
	c2, _ := adminconsole.NewFromConfig(cfg)
	if c1.Limiter() == nil || c1.Limiter() != c2.Limiter() || c1.Limiter() != adminconsole.SharedLimiter(cfg.Credentials().ClientID) {
		t.Fatal("clients of one credential do not share the limiter")
	}
	if c1.Limiter().Limits() != adminconsole.DefaultLimits {
		t.Errorf("limits = %+v", c1.Limiter().Limits())
	}
	own, err := adminconsole.NewLimiter(adminconsole.Limits{Groups: 1})
	if err != nil {
		t.Fatal(err)
	}
	c3, _ := adminconsole.NewFromConfig(cfg, adminconsole.WithLimiter(own))
	c4, _ := adminconsole.NewFromConfig(cfg, adminconsole.WithoutRateLimit())
	c5, _ := adminconsole.NewFromConfig(cfg, adminconsole.WithRateLimits(adminconsole.DefaultLimits))
	if c3.Limiter() != own || c4.Limiter() != nil || c5.Limiter() == c1.Limiter() || c5.Limiter() == nil {
		t.Error("WithLimiter / WithoutRateLimit / WithRateLimits not applied")
	}
	if _, err := adminconsole.NewFromConfig(cfg, adminconsole.WithLimiter(nil)); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Errorf("nil limiter: %v", err)
	}

	// Two clients of one credential against the fake: 10 group listings
	// take a minute (5 + 5), and Adobe never says 429.
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t)
		shared, _ := adminconsole.NewLimiter(adminconsole.DefaultLimits)
		a := fakeClient(t, f, adminconsole.WithLimiter(shared))
		b := fakeClient(t, f, adminconsole.WithLimiter(shared))
		start := time.Now()
		for i := range 10 {
			c := a
			if i%2 == 1 {
				c = b
			}
			if _, _, err := c.Groups.List(context.Background(), 0); err != nil {
				t.Fatal(err)
			}
		}
		if d := time.Since(start); d != time.Minute {
			t.Errorf("10 listings took %s, want 1m0s", d)
		}
		if n := countStatus(f, "GET /v2/usermanagement/groups/{orgId}/{page}", 429); n != 0 {
			t.Errorf("429 answers = %d", n)
		}
	})
}

func mockConfig(t *testing.T) *auth.Config {
	t.Helper()
	creds := auth.Credentials{ClientID: "fedcba9876543210fedcba9876543210", ClientSecret: "p8e-secret", OrgID: testOrg, Scopes: []string{"openid"}}
	cfg, err := auth.NewConfig(creds)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestManualChecklistShowsCampaignWording(t *testing.T) {
	spec := connectorSpec(t)
	md := adminconsole.RenderMarkdown("", spec.ManualSteps())
	txt := adminconsole.RenderText("", spec.ManualSteps())
	for _, want := range []string{"`Report Suite Mgmt` (Campaign's guide: \"Report suite Mgmt\")", "`Web Service Access` (Campaign's guide: \"Web service access\")"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if !strings.Contains(txt, `* Custom Data Warehouse Report (Campaign's guide: "Custom data Warehouse report")`) || strings.Contains(txt, `Classifications (Campaign`) {
		t.Errorf("text:\n%s", txt)
	}
}

// EnsureUserOnProfile asks UMAPI for the Adobe ID account
// (?domain=AdobeID, as Adobe's getUser documents) and checks the answer's
// type before changing anything.
func TestEnsureUserOnProfileAsksForAdobeID(t *testing.T) {
	mt := testutil.NewMockTransport(t)
	mt.RegisterRegexpResponder(http.MethodGet, regexp.MustCompile(`/groups/`),
		httpmock.NewStringResponder(200, `{"lastPage":true,"result":"success","groups":[{"type":"PRODUCT_PROFILE","groupName":"P","productName":"Adobe Analytics"}]}`))
	var domains []string
	mt.RegisterRegexpResponder(http.MethodGet, regexp.MustCompile(`/organizations/.*/users/`), func(r *http.Request) (*http.Response, error) {
		domains = append(domains, r.URL.Query().Get("domain"))
		return httpmock.NewStringResponse(200, `{"result":"success","user":{"email":"ops@acme.com","type":"federatedID","groups":[]}}`), nil
	})
	_, err := mockClient(t, mt).EnsureUserOnProfile(context.Background(), "P", "ops@acme.com", &adminconsole.EnsureOptions{AddToOrg: true})
	var notAdobe *adminconsole.NotAdobeIDError
	if !errors.As(err, &notAdobe) || notAdobe.Type != adminconsole.UserTypeFederatedID {
		t.Fatalf("err = %v", err)
	}
	if len(domains) != 1 || domains[0] != adminconsole.DomainAdobeID {
		t.Errorf("domain queries = %v", domains)
	}
	if n := mt.GetCallCountInfo()["POST =~/action/"]; n != 0 {
		t.Errorf("%d action requests", n)
	}
}
