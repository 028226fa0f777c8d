package core

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-adobe/adobe"
)

func TestValidateHeader(t *testing.T) {
	for _, v := range []string{"ok", "with\ttab", "ünïcode", ""} {
		if err := ValidateHeader("X-Thing", v); err != nil {
			t.Errorf("%q: %v", v, err)
		}
	}
	for name, v := range map[string]string{"X-Thing": "a\r\nX-Evil: 1", "X-Nul": "a\x00", "X-Lf": "a\nb", "X-Del": "a\x7f"} {
		err := ValidateHeader(name, v)
		var ae *adobe.ArgError
		if !errors.As(err, &ae) || !strings.Contains(ae.Arg, name) || strings.Contains(err.Error(), v) {
			t.Errorf("%s %q: %v", name, v, err)
		}
	}
	for _, name := range []string{"", "Bad Name", "X:Y", "X\r\n"} {
		if err := ValidateHeader(name, "v"); !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("name %q: %v", name, err)
		}
	}
}

// A header value with CR, LF or NUL is refused before any request.
func TestCallRejectsBadHeadersBeforeSending(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { requests.Add(1) }))
	defer srv.Close()
	base, _ := ParseBaseURL(srv.URL)
	c := &Client{HTTP: srv.Client(), BaseURL: base}
	for _, v := range []string{"a\r\nb", "a\x00"} {
		if _, err := c.Call(context.Background(), Request{Method: "GET", Path: "x"}, nil, adobe.WithHeader("X-Custom", v)); !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("%q: %v", v, err)
		}
		if _, err := c.Call(context.Background(), Request{Method: "GET", Path: "x", Header: http.Header{"X-Custom": {v}}}, nil); !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("request header %q: %v", v, err)
		}
	}
	c.Header = http.Header{"X-Default": {"a\nb"}}
	if _, err := c.Call(context.Background(), Request{Method: "GET", Path: "x"}, nil); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Errorf("client header: %v", err)
	}
	if requests.Load() != 0 {
		t.Fatalf("%d requests sent", requests.Load())
	}
}

func TestDecodePageErrorsAndTotals(t *testing.T) {
	p, err := DecodePage[int]([]byte(`{"content":[1,2],"number":0,"totalPages":2,"totalElements":3}`), "")
	if err != nil || p.TotalItems != 3 || p.Last || p.Info().Size != 2 || p.Info().TotalItems != 3 {
		t.Fatalf("%+v %v", p, err)
	}
	p, err = DecodePage[int]([]byte(` [1,2,3] `), "")
	if err != nil || p.TotalItems != 3 || !p.Last {
		t.Fatalf("%+v %v", p, err)
	}
	for body, key := range map[string]string{`{"content":"x"}`: "", `{`: "", `"str"`: "", `{"groups":[1,"x"]}`: "groups", `[1,"x"]`: "", `{"groups":1`: "groups"} {
		_, err := DecodePage[int]([]byte(body), key)
		var re *adobe.ResponseError
		if !errors.As(err, &re) || !errors.Is(err, adobe.ErrInvalidResponse) {
			t.Errorf("%s: %v", body, err)
		}
	}
	a, _ := DecodePage[int]([]byte(`[1,2]`), "")
	b, _ := DecodePage[int]([]byte("\n[1,2]\n"), "")
	c, _ := DecodePage[int]([]byte(`[1,3]`), "")
	if a.Fingerprint != b.Fingerprint || a.Fingerprint == c.Fingerprint {
		t.Fatal("fingerprints do not follow the bytes")
	}
}

func TestCallPageNamesTheRequest(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-request-id", "rid")
		if r.URL.Path == "/good" {
			_, _ = io.WriteString(w, `{"content":[{"id":"a"}],"lastPage":false,"number":0,"totalPages":4,"totalElements":31}`)
			return
		}
		_, _ = io.WriteString(w, `{"content":{"id":"a"}}`)
	}))
	defer srv.Close()
	base, _ := ParseBaseURL(srv.URL)
	c := &Client{HTTP: srv.Client(), BaseURL: base}
	type item struct{ ID string }
	p, resp, err := CallPage[item](context.Background(), c, Request{Method: "GET", Path: "good"}, "")
	if err != nil || len(p.Items) != 1 || p.Items[0].ID != "a" || resp.Page == nil || *resp.Page != (adobe.PageInfo{Number: 0, Size: 1, TotalPages: 4, TotalItems: 31}) {
		t.Fatalf("%+v %+v %v", p, resp, err)
	}
	_, _, err = CallPage[item](context.Background(), c, Request{Method: "GET", Path: "bad"}, "")
	var re *adobe.ResponseError
	if !errors.As(err, &re) || re.Method != "GET" || re.Path != "/bad" || re.RequestID != "rid" || !strings.Contains(err.Error(), "decoding a page") {
		t.Fatalf("%#v", err)
	}
}

func TestIterateContextErrorNamesThePage(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, err := range Iterate(ctx, 3, pages(5, 2)) {
		var re *adobe.RequestError
		if !errors.As(err, &re) || re.Op != "listing, before page 3" || !errors.Is(err, context.Canceled) {
			t.Fatalf("%#v", err)
		}
	}
}

// readBody reads bodies whose length is announced, wrong or unknown.
func TestReadBody(t *testing.T) {
	for _, tc := range []struct {
		body string
		n    int64
	}{{`{"a":1}`, 7}, {`{"a":1}`, -1}, {`{"a":1}`, 3}, {`{"a":12345}`, 7}, {``, 0}} {
		resp := &http.Response{Body: io.NopCloser(strings.NewReader(tc.body)), ContentLength: tc.n}
		b, err := readBody(resp)
		if err != nil || string(b) != tc.body {
			t.Errorf("%q (length %d): %q %v", tc.body, tc.n, b, err)
		}
	}
	short := &http.Response{Body: io.NopCloser(strings.NewReader(`{"a"`)), ContentLength: 10}
	if _, err := readBody(short); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated body: %v", err)
	}
}

func TestFetchTokenExpiresIn(t *testing.T) {
	for body, want := range map[string]time.Duration{
		`{"access_token":"a","expires_in":86399}`:   86399 * time.Second,
		`{"access_token":"a","expires_in":"86399"}`: 86399 * time.Second,
		`{"access_token":"a"}`:                      0,
		`{"access_token":"a","expires_in":null}`:    0,
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != "POST" || r.FormValue("grant_type") != "client_credentials" {
				t.Errorf("%s %v", r.Method, r.Form)
			}
			_, _ = io.WriteString(w, body)
		}))
		base, _ := ParseBaseURL(srv.URL)
		now := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
		c := &Client{HTTP: srv.Client(), BaseURL: base, Now: func() time.Time { return now }}
		tr, _, err := c.FetchToken(context.Background(), "ims/token/v3", url.Values{"grant_type": {"client_credentials"}})
		srv.Close()
		if err != nil || tr.AccessToken != "a" || (want == 0) != tr.Expiry.IsZero() || want > 0 && tr.Expiry.Sub(now) != want {
			t.Errorf("%s: %+v %v", body, tr, err)
		}
	}
}
