package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
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
