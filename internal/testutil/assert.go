package testutil

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"testing"
)

// AssertMethod checks the request's HTTP method.
func AssertMethod(t testing.TB, req *http.Request, want string) {
	t.Helper()
	if got := req.Method; got != want {
		t.Errorf("%s %s: method = %q, want %q", req.Method, req.URL, got, want)
	}
}

// AssertHeader checks that the request carries header name with value want
// (its first value; names are case-insensitive).
func AssertHeader(t testing.TB, req *http.Request, name, want string) {
	t.Helper()
	vs := req.Header.Values(name)
	switch {
	case len(vs) == 0:
		t.Errorf("%s %s: header %q missing, want %q", req.Method, req.URL, name, want)
	case vs[0] != want:
		t.Errorf("%s %s: header %q = %q, want %q", req.Method, req.URL, name, vs[0], want)
	}
}

// AssertQuery checks that the request's query holds exactly want: the same
// keys, with the same values in the same order.
func AssertQuery(t testing.TB, req *http.Request, want url.Values) {
	t.Helper()
	got := req.URL.Query()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s %s: query = %q, want %q", req.Method, req.URL.Path, got.Encode(), want.Encode())
	}
}

// AssertJSONBody checks that the request body is JSON equal to want,
// comparing decoded values (key order and spacing do not matter). want may
// be JSON text given as []byte, json.RawMessage or string, or any value that
// encoding/json marshals. The request body stays readable.
func AssertJSONBody(t testing.TB, req *http.Request, want any) {
	t.Helper()
	body, err := readBody(req)
	if err != nil {
		t.Errorf("%s %s: reading body: %v", req.Method, req.URL, err)
		return
	}
	if err := jsonEqual(body, want); err != nil {
		t.Errorf("%s %s: %v", req.Method, req.URL, err)
	}
}

// jsonEqual compares JSON text got with want (JSON text or a Go value).
func jsonEqual(got []byte, want any) error {
	var wantJSON []byte
	switch w := want.(type) {
	case []byte:
		wantJSON = w
	case json.RawMessage:
		wantJSON = w
	case string:
		wantJSON = []byte(w)
	default:
		b, err := json.Marshal(want)
		if err != nil {
			return fmt.Errorf("encoding want: %w", err)
		}
		wantJSON = b
	}
	var g, w any
	if err := json.Unmarshal(wantJSON, &w); err != nil {
		return fmt.Errorf("want is not JSON: %w", err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		return fmt.Errorf("body is not JSON (%w): %q", err, got)
	}
	if !reflect.DeepEqual(g, w) {
		gb, _ := json.Marshal(g)
		wb, _ := json.Marshal(w)
		return fmt.Errorf("JSON body differs:\n got: %s\nwant: %s", gb, wb)
	}
	return nil
}
