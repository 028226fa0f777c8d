package testutil

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jarcoal/httpmock"
)

// NewMockTransport returns a fresh httpmock transport for one test. Inject it
// as the SDK's base transport (never through httpmock.Activate).
//
// A request that matches no registered responder fails the test with
// t.Errorf, naming the method, the URL and httpmock's hint about the closest
// registered route, and gets a 501 Not Implemented response (a status that
// retry layers do not retry). Errorf rather than Fatal is used because the
// request may run on a goroutine other than the test's.
func NewMockTransport(t testing.TB) *httpmock.MockTransport {
	t.Helper()
	mt := httpmock.NewMockTransport()
	notFound := httpmock.NewNotFoundResponder(nil)
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		_, err := notFound(req)
		msg := fmt.Sprintf("unexpected request %s %s", req.Method, req.URL)
		if err != nil {
			msg = err.Error()
		}
		t.Errorf("testutil: no httpmock responder: %s", msg)
		resp := httpmock.NewStringResponse(http.StatusNotImplemented, "testutil: "+msg)
		resp.Request = req
		return resp, nil
	})
	return mt
}

// JSONResponder returns a responder answering status with v encoded as JSON
// and Content-Type application/json. A json.RawMessage is sent as is. The
// response's Request field is set, as a real transport would.
func JSONResponder(status int, v any) httpmock.Responder {
	body, err := json.Marshal(v)
	return func(req *http.Request) (*http.Response, error) {
		if err != nil {
			return nil, fmt.Errorf("testutil: JSONResponder: %w", err)
		}
		resp := httpmock.NewBytesResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		resp.Request = req
		return resp, nil
	}
}

// ErrorResponder returns a responder answering status with body and a copy
// of headers. When headers set no Content-Type and body looks like JSON, the
// Content-Type is application/json. The response's Request field is set.
func ErrorResponder(status int, body string, headers http.Header) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(status, body)
		for k, vs := range headers {
			resp.Header[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
		}
		if resp.Header.Get("Content-Type") == "" && json.Valid([]byte(body)) {
			resp.Header.Set("Content-Type", "application/json")
		}
		resp.Request = req
		return resp, nil
	}
}

// SequenceResponder returns a responder that uses each of responders once,
// in order, and then keeps using the last one. Unlike httpmock's
// Times(n).Then(...), the sequence is exactly what is listed. Responses
// whose Request field is nil get it set. It panics if responders is empty.
func SequenceResponder(responders ...httpmock.Responder) httpmock.Responder {
	if len(responders) == 0 {
		panic("testutil: SequenceResponder needs at least one responder")
	}
	var calls atomic.Int64
	return func(req *http.Request) (*http.Response, error) {
		i := int(calls.Add(1) - 1)
		if i >= len(responders) {
			i = len(responders) - 1
		}
		resp, err := responders[i](req)
		if resp != nil && resp.Request == nil {
			resp.Request = req
		}
		return resp, err
	}
}

// MustJSON encodes v as JSON and stops the test if that fails.
func MustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("testutil: MustJSON(%T): %v", v, err)
	}
	return b
}

// Fixture returns the content of relpath (slash-separated) inside the
// repository's top-level testdata folder, e.g. Fixture(t,
// "specs/devconsole/api.json"). It works from any package directory.
func Fixture(t testing.TB, relpath string) []byte {
	t.Helper()
	p, err := testdataPath(relpath)
	if err != nil {
		t.Fatalf("testutil: Fixture: %v", err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("testutil: Fixture: %v", err)
	}
	return b
}

// testdataPath resolves relpath inside <repo root>/testdata.
func testdataPath(relpath string) (string, error) {
	if relpath == "" || filepath.IsAbs(relpath) || strings.HasPrefix(relpath, "/") {
		return "", fmt.Errorf("path %q must be relative to testdata/", relpath)
	}
	clean := filepath.Clean(filepath.FromSlash(relpath))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("path %q leaves testdata/", relpath)
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "testdata", clean), nil
}

// repoRoot walks up from the working directory (a test's package directory)
// to the directory holding go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod found above the working directory")
		}
		dir = parent
	}
}

// AssertCalls checks that the route key (httpmock's "METHOD URL", e.g.
// "GET https://analytics.adobe.io/api/ACME/dimensions") was called want
// times. On failure it lists every key that was called.
func AssertCalls(t testing.TB, mt *httpmock.MockTransport, key string, want int) {
	t.Helper()
	info := mt.GetCallCountInfo()
	if got := info[key]; got != want {
		keys := make([]string, 0, len(info))
		for k, n := range info {
			if n > 0 {
				keys = append(keys, fmt.Sprintf("%s (%d)", k, n))
			}
		}
		sort.Strings(keys)
		t.Errorf("calls to %q = %d, want %d; called routes: %v", key, got, want, keys)
	}
}

// readBody returns the request body's bytes and leaves req.Body readable
// again (and GetBody set) so callers further down still see the body.
func readBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	b, err := io.ReadAll(req.Body)
	_ = req.Body.Close()
	req.Body = io.NopCloser(bytes.NewReader(b))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	return b, err
}

// readResponseBody does the same as readBody for a response.
func readResponseBody(resp *http.Response) ([]byte, error) {
	if resp.Body == nil || resp.Body == http.NoBody {
		return nil, nil
	}
	b, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return b, err
}

// readFile is os.ReadFile, kept separate for the spec loader.
func readFile(p string) ([]byte, error) { return os.ReadFile(p) }
