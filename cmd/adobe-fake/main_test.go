package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

func TestRunPrintsBootstrapAndServes(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-seed", "../../adobetest/testdata/seed.json"}, pw)
		pw.Close()
	}()

	line, err := bufio.NewReader(pr).ReadBytes('\n')
	if err != nil {
		t.Fatalf("reading the first line: %v", err)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	var b banner
	if err := json.Unmarshal(line, &b); err != nil {
		t.Fatalf("first line %q: %v", line, err)
	}
	if !regexp.MustCompile(`^http://127\.0\.0\.1:[1-9][0-9]*$`).MatchString(b.BaseURL) ||
		!regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(b.ClientID) ||
		!regexp.MustCompile(`^p8e-`).MatchString(b.ClientSecret) ||
		!regexp.MustCompile(`@AdobeOrg$`).MatchString(b.OrgID) ||
		!regexp.MustCompile(`^openid,AdobeID(,[A-Za-z_.]+)+$`).MatchString(b.Scopes) {
		t.Fatalf("banner = %+v", b)
	}

	resp, err := http.PostForm(b.BaseURL+"/ims/token/v3", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {b.ClientID},
		"client_secret": {b.ClientSecret}, "scope": {b.Scopes}, // every scope the banner lists
	})
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	err = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || tok.AccessToken == "" || tok.ExpiresIn != 86399 {
		t.Fatalf("token: %d %+v %v", resp.StatusCode, tok, err)
	}

	// The seed file was loaded.
	resp, err = http.PostForm(b.BaseURL+"/ims/token/v3", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {"0123456789abcdef0123456789abcdef"},
		"client_secret": {"p8e-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}, "scope": {"openid"},
	})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("seeded credential: %d", resp.StatusCode)
	}

	cancel()
	if err := <-done; err != nil {
		t.Errorf("run: %v", err)
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-seed", "testdata/missing.json", "-addr", "127.0.0.1:0"},
		{"-token-lifetime", "1ms", "-addr", "127.0.0.1:0"},
		{"extra"},
		{"-nope"},
	} {
		if err := run(t.Context(), args, io.Discard); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}
