package core

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
)

func TestParseBaseURL(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"https://analytics.adobe.io", "https://analytics.adobe.io/", true},
		{"https://analytics.adobe.io/api/acme", "https://analytics.adobe.io/api/acme/", true},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080/", true},
		{"http://localhost:8080", "http://localhost:8080/", true},
		{"http://[::1]:8080/x", "http://[::1]:8080/x/", true},
		{"http://console.example.com/", "", false},
		{"http://10.1.2.3:8080/", "", false},
		{"http://localhost.example.com/", "", false},
		{"ftp://x", "", false},
		{"/relative", "", false},
		{"https://x/a/../b", "", false},
		{"https://x/?q=1", "", false},
		{"https://user:pw@x/", "", false},
	}
	for _, tt := range tests {
		u, err := ParseBaseURL(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("%q: err %v", tt.in, err)
			continue
		}
		if tt.ok && u.String() != tt.want {
			t.Errorf("%q → %q, want %q", tt.in, u, tt.want)
		}
		if !tt.ok && !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%q: err %v is not an ArgError", tt.in, err)
		}
	}
}

type listOpts struct {
	RSIDs []string `url:"rsids,comma,omitempty"`
	Limit int      `url:"limit,omitempty"`
}

func TestNewHTTPRequest(t *testing.T) {
	base, _ := ParseBaseURL("https://analytics.adobe.io/api/acme")
	c := &Client{BaseURL: base, Header: http.Header{"X-Proxy-Global-Company-Id": {"acme"}}}
	req, err := c.NewHTTPRequest(context.Background(), Request{
		Method: "POST", Path: Pathf("segments/%s", "s/1 x"), Query: listOpts{RSIDs: []string{"a", "b"}, Limit: 5},
		Body: map[string]string{"name": "n"}, Header: http.Header{"X-Extra": {"1"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := req.URL.String(); got != "https://analytics.adobe.io/api/acme/segments/s%2F1%20x?limit=5&rsids=a%2Cb" {
		t.Errorf("URL %s", got)
	}
	if req.Header.Get("Content-Type") != "application/json" || req.Header.Get("X-Proxy-Global-Company-Id") != "acme" || req.Header.Get("X-Extra") != "1" {
		t.Errorf("headers %v", req.Header)
	}
	b, _ := io.ReadAll(req.Body)
	if string(b) != `{"name":"n"}` {
		t.Errorf("body %s", b)
	}
	for _, bad := range []string{"../escape", "a/./b", "x?y=1"} {
		if _, err := c.NewHTTPRequest(context.Background(), Request{Method: "GET", Path: bad}); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("path %q: err %v", bad, err)
		}
	}
	form, _ := c.NewHTTPRequest(context.Background(), Request{Method: "POST", Path: "t", Body: url.Values{"a": {"1"}}})
	if form.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Errorf("form content type %q", form.Header.Get("Content-Type"))
	}
}

func TestCallDecodesAndErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-request-id", "rid")
		switch r.URL.Path {
		case "/ok":
			_, _ = io.WriteString(w, `{"name":"x"}`)
		case "/empty":
			w.WriteHeader(204)
		case "/empty200":
			w.WriteHeader(200)
		case "/truncated":
			_, _ = io.WriteString(w, `{"name":"x`)
		case "/bad":
			w.WriteHeader(404)
			_, _ = io.WriteString(w, `{"errorCode":"404000","errorDescription":"nope"}`)
		case "/garbage":
			_, _ = io.WriteString(w, `{`)
		}
	}))
	defer srv.Close()
	base, _ := ParseBaseURL(srv.URL)
	c := &Client{HTTP: srv.Client(), BaseURL: base}
	var out struct{ Name string }
	r, err := c.Call(context.Background(), Request{Method: "GET", Path: "ok"}, &out)
	if err != nil || out.Name != "x" || r.RequestID != "rid" || r.Attempts != 1 {
		t.Fatalf("ok: %v %+v %+v", err, out, r)
	}
	if _, err := c.Call(context.Background(), Request{Method: "DELETE", Path: "empty"}, &out); err != nil {
		t.Fatalf("empty: %v", err)
	}
	// A 200 with an empty or truncated body where JSON is needed is an
	// error naming the request, never an empty value (an Ensure would read
	// "nothing found" and create a duplicate).
	for _, p := range []string{"empty200", "truncated"} {
		_, err := c.Call(context.Background(), Request{Method: "GET", Path: p}, &out)
		var re *adobe.ResponseError
		if !errors.As(err, &re) || !errors.Is(err, adobe.ErrInvalidResponse) || re.Path != "/"+p || re.Method != "GET" || re.RequestID != "rid" {
			t.Fatalf("%s: %v", p, err)
		}
	}
	_, err = c.Call(context.Background(), Request{Method: "GET", Path: "bad"}, &out)
	var ae *Error
	if !errors.As(err, &ae) || ae.Code != "404000" || ae.RequestID != "rid" || !errors.Is(err, ErrNotFound) || ae.Path != "/bad" {
		t.Fatalf("bad: %v", err)
	}
	if _, err := c.Call(context.Background(), Request{Method: "GET", Path: "garbage"}, &out); err == nil {
		t.Fatal("garbage decoded")
	}
	var raw []byte
	if _, err := c.Call(context.Background(), Request{Method: "GET", Path: "ok"}, &raw); err != nil || string(raw) != `{"name":"x"}` {
		t.Fatalf("raw %q %v", raw, err)
	}
}

func TestCallTransportErrorHidesQuery(t *testing.T) {
	base, _ := ParseBaseURL("http://127.0.0.1:1")
	c := &Client{HTTP: &http.Client{Transport: failRT{}}, BaseURL: base}
	_, err := c.Call(context.Background(), Request{Method: "GET", Path: "x", Query: url.Values{"token": {"shh"}}}, nil)
	if err == nil || contains(err.Error(), "shh") || !contains(err.Error(), "127.0.0.1:1/x") {
		t.Fatalf("err %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Call(ctx, Request{Method: "GET", Path: "x"}, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

type failRT struct{}

func (failRT) RoundTrip(*http.Request) (*http.Response, error) { return nil, errors.New("boom") }

func contains(s, sub string) bool { return strings.Contains(s, sub) }
