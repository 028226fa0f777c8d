package adobetest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
)

const imsBase = "https://ims-na1.adobelogin.com"

type result struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r result) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("decoding %q: %v", r.Body, err)
	}
	return m
}

func do(t *testing.T, hc *http.Client, req *http.Request) result {
	t.Helper()
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return result{resp.StatusCode, resp.Header, b}
}

func postForm(t *testing.T, hc *http.Client, u string, form url.Values) result {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return do(t, hc, req)
}

func postMultipart(t *testing.T, hc *http.Client, u string, form url.Values) result {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, u, &buf)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return do(t, hc, req)
}

func get(t *testing.T, hc *http.Client, u, bearer string) result {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	return do(t, hc, req)
}

func s2sForm(c adobetest.Credential) url.Values {
	return url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {c.ClientID},
		"client_secret": {c.ClientSecret},
		"scope":         {strings.Join(c.Scopes, ",")},
	}
}

func newFake(t *testing.T, opts ...adobetest.Option) *adobetest.Fake {
	t.Helper()
	f, err := adobetest.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// mint gets an S2S access token for the bootstrap credential.
func mint(t *testing.T, f *adobetest.Fake) string {
	t.Helper()
	r := postForm(t, f.Client(), imsBase+"/ims/token/v3", s2sForm(f.Bootstrap()))
	if r.Status != http.StatusOK {
		t.Fatalf("token: %d %s", r.Status, r.Body)
	}
	return r.json(t)["access_token"].(string)
}

func wantIMSError(t *testing.T, r result, status int, code, desc string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
	if r.Header.Get("X-Debug-Id") == "" {
		t.Error("no x-debug-id header")
	}
	m := r.json(t)
	if m["error"] != code {
		t.Errorf("error = %v, want %q (body %s)", m["error"], code, r.Body)
	}
	if desc != "" && m["error_description"] != desc {
		t.Errorf("error_description = %v, want %q", m["error_description"], desc)
	}
}
