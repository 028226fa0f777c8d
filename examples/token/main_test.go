package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/examples/internal/target"
)

func TestRunAgainstFake(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"-debug"}, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	for _, want := range []string{"embedded fake", "Token: minted, expires in 24h0m0s", "type=access_token", "Scopes: openid, AdobeID", "@techacct.adobe.com", "Valid: true"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	// The debug log shows each request but never the token or the secret.
	log := errOut.String()
	if !strings.Contains(log, "path=/ims/userinfo/v2") || strings.Contains(log, "Bearer") || strings.Contains(log, "p8e-") {
		t.Errorf("debug log:\n%s", log)
	}
}

func TestRunLiveNeedsCredentials(t *testing.T) {
	t.Setenv("ADOBE_CLIENT_ID", "")
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-live"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "ADOBE_CLIENT_ID") {
		t.Fatalf("err = %v", err)
	}
}

func TestHelpExitsZero(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-h"}, &out, &errOut)
	if code := target.ExitCode("token", err, &errOut); code != 0 {
		t.Fatalf("exit %d: %v", code, err)
	}
	if !strings.Contains(errOut.String(), "Usage: go run ./examples/token") || !strings.Contains(errOut.String(), "-live") {
		t.Fatalf("usage:\n%s", errOut.String())
	}
	if strings.Contains(errOut.String(), "help requested") {
		t.Fatalf("help reported as an error:\n%s", errOut.String())
	}
}

// TestLiveUsesEndpoint runs -live against the fake served on loopback and
// named by ADOBE_ENDPOINT, as a person would with go run ./cmd/adobe-fake.
func TestLiveUsesEndpoint(t *testing.T) {
	fake, err := adobetest.New(adobetest.WithRandSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	b := fake.Bootstrap()
	t.Setenv("ADOBE_CLIENT_ID", b.ClientID)
	t.Setenv("ADOBE_CLIENT_SECRET", b.ClientSecret)
	t.Setenv("ADOBE_ORG_ID", b.OrgID)
	t.Setenv("ADOBE_SCOPES", strings.Join(b.Scopes, ","))
	t.Setenv("ADOBE_IMS_URL", "")
	t.Setenv("ADOBE_ENDPOINT", srv.URL)
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"-live"}, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "Valid: true") || strings.Contains(out.String(), b.ClientSecret) {
		t.Fatalf("output:\n%s", out.String())
	}
}
