package adobe_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
)

// One setting sends every service to the standalone fake: the token, the
// User Management API, the Developer Console API and Analytics all reach the
// one server, each on its own path.
func TestOneEndpointForEveryService(t *testing.T) {
	srv := adobetest.NewServer(t)
	b := srv.Bootstrap()
	t.Setenv(auth.EnvClientID, b.ClientID)
	t.Setenv(auth.EnvClientSecret, b.ClientSecret)
	t.Setenv(auth.EnvOrgID, b.OrgID)
	t.Setenv(auth.EnvScopes, strings.Join(b.Scopes, ","))
	t.Setenv(auth.EnvIMSURL, "")
	t.Setenv(auth.EnvEndpoint, srv.URL)
	cfg, err := auth.LoadConfigFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := cfg.TokenSource().TokenContext(ctx); err != nil {
		t.Fatalf("token through the endpoint: %v", err)
	}
	dc, err := devconsole.NewFromConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := dc.Organizations.List(ctx); err != nil {
		t.Fatalf("devconsole through the endpoint: %v", err)
	}
	ac, err := adminconsole.NewFromConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := ac.Groups.List(ctx, 0); err != nil {
		t.Fatalf("adminconsole through the endpoint: %v", err)
	}
	an, err := analytics.NewFromConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := an.Discovery.Me(ctx); err != nil {
		t.Fatalf("analytics through the endpoint: %v", err)
	}
	for _, route := range []string{"POST /ims/token/v3", "GET /console/organizations", "GET /discovery/me"} {
		if srv.Count(route) == 0 {
			t.Errorf("the fake saw no %s", route)
		}
	}
	// A per-package base URL still wins over the endpoint.
	an2, err := analytics.NewFromConfig(cfg, analytics.WithBaseURL(srv.URL+"/elsewhere/"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := an2.Discovery.Me(ctx); !errors.Is(err, adobe.ErrNotFound) {
		t.Errorf("WithBaseURL did not win over the endpoint: %v", err)
	}
}

func TestEndpointRefusesPlainHTTPOffLoopback(t *testing.T) {
	_, err := auth.NewConfig(auth.Credentials{ClientID: "0123456789abcdef0123456789abcdef", ClientSecret: "p8e-secret",
		OrgID: "0123456789ABCDEF01234567@AdobeOrg", Scopes: []string{"openid"}}, auth.WithEndpoint("http://adobe.example.com/"))
	if !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("err = %v, want an ArgError", err)
	}
}
