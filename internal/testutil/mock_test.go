package testutil

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
)

func do(t *testing.T, mt http.RoundTripper, method, rawURL, body string) (*http.Response, string) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, rawURL, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := (&http.Client{Transport: mt}).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, rawURL, err)
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func TestNewMockTransportNoResponderFailsTest(t *testing.T) {
	t.Parallel()
	fake := newFakeTB(t)
	mt := NewMockTransport(fake)
	mt.RegisterResponder("GET", "https://analytics.adobe.io/api/ACME1/dimensions", JSONResponder(200, []string{}))

	// Wrong method: httpmock's hint names the registered route.
	resp, body := do(t, mt, "POST", "https://analytics.adobe.io/api/ACME1/dimensions", "x=1")
	if resp.StatusCode != http.StatusNotImplemented || resp.Request == nil {
		t.Errorf("status = %d, Request = %v; want 501 with Request set", resp.StatusCode, resp.Request)
	}
	if !strings.Contains(body, "POST https://analytics.adobe.io/api/ACME1/dimensions") {
		t.Errorf("body = %q", body)
	}
	wantFailure(t, fake, "no httpmock responder", "POST https://analytics.adobe.io/api/ACME1/dimensions", `but one matches method "GET"`)

	// The registered route still works and does not fail the test.
	fake2 := newFakeTB(t)
	mt2 := NewMockTransport(fake2)
	mt2.RegisterResponder("GET", "https://example.test/ok", JSONResponder(200, map[string]int{"n": 1}))
	if resp, _ := do(t, mt2, "GET", "https://example.test/ok", ""); resp.StatusCode != 200 {
		t.Errorf("status = %d, want 200", resp.StatusCode)
	}
	wantNoFailure(t, fake2)
}

func TestMockIMSTokenDefault(t *testing.T) {
	t.Parallel()
	mt := NewMockTransport(t)
	c := MockIMSToken(mt)
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"id1"}, "client_secret": {"s3cret"}, "scope": {"openid,AdobeID"}}
	for i := 1; i <= 2; i++ {
		resp, body := do(t, mt, "POST", IMSTokenURL, form.Encode())
		var tok struct {
			AccessToken string `json:"access_token"`
			TokenType   string `json:"token_type"`
			ExpiresIn   int    `json:"expires_in"`
		}
		if err := json.Unmarshal([]byte(body), &tok); err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("test-token-%d", i)
		if resp.StatusCode != 200 || tok.AccessToken != want || tok.TokenType != "bearer" || tok.ExpiresIn != 86399 {
			t.Errorf("call %d: %d %+v, want 200 %s bearer 86399", i, resp.StatusCode, tok, want)
		}
		if resp.Header.Get("Content-Type") != "application/json" {
			t.Errorf("Content-Type = %q", resp.Header.Get("Content-Type"))
		}
	}
	if c.Load() != 2 || c.Issued() != 2 || c.LastToken() != "test-token-2" {
		t.Errorf("Load=%d Issued=%d LastToken=%q, want 2 2 test-token-2", c.Load(), c.Issued(), c.LastToken())
	}
	if got := c.LastForm(); got.Encode() != form.Encode() {
		t.Errorf("LastForm() = %v, want %v", got, form)
	}
	if got := c.LastHeader().Get("Content-Type"); got != "application/x-www-form-urlencoded" {
		t.Errorf("LastHeader() Content-Type = %q", got)
	}
	AssertCalls(t, mt, "POST "+IMSTokenURL, 2)
}

func TestMockIMSTokenReplies(t *testing.T) {
	t.Parallel()
	t.Run("503 503 200", func(t *testing.T) {
		t.Parallel()
		mt := NewMockTransport(t)
		c := MockIMSToken(mt, WithExpiresIn(60), WithTokenReplies(TokenReply{Status: 503}, TokenReply{Status: 503}, TokenReply{}))
		var got []string
		for range 4 {
			resp, body := do(t, mt, "POST", IMSTokenURL, "grant_type=client_credentials")
			got = append(got, fmt.Sprintf("%d %s", resp.StatusCode, body))
		}
		want := []string{
			"503 ", "503 ",
			`200 {"access_token":"test-token-1","token_type":"bearer","expires_in":60}`,
			`200 {"access_token":"test-token-2","token_type":"bearer","expires_in":60}`,
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("replies:\n got %q\nwant %q", got, want)
		}
		if c.Load() != 4 || c.Issued() != 2 {
			t.Errorf("Load=%d Issued=%d, want 4 2", c.Load(), c.Issued())
		}
	})
	t.Run("invalid_client", func(t *testing.T) {
		t.Parallel()
		mt := NewMockTransport(t)
		reply := TokenError(400, "invalid_client", "invalid client_id parameter")
		reply.Header.Set("x-debug-id", "dbg-123")
		c := MockIMSToken(mt, WithTokenReplies(reply))
		resp, body := do(t, mt, "POST", IMSTokenURL, "client_id=bad")
		if resp.StatusCode != 400 || resp.Header.Get("x-debug-id") != "dbg-123" || resp.Request == nil {
			t.Errorf("status %d, x-debug-id %q, Request %v", resp.StatusCode, resp.Header.Get("x-debug-id"), resp.Request)
		}
		if body != `{"error":"invalid_client","error_description":"invalid client_id parameter"}` {
			t.Errorf("body = %s", body)
		}
		if c.Load() != 1 || c.Issued() != 0 || c.LastToken() != "" || c.LastForm().Get("client_id") != "bad" {
			t.Errorf("Load=%d Issued=%d LastToken=%q form=%v", c.Load(), c.Issued(), c.LastToken(), c.LastForm())
		}
	})
}

func TestResponders(t *testing.T) {
	t.Parallel()
	mt := NewMockTransport(t)
	mt.RegisterResponder("GET", "https://example.test/json", JSONResponder(200, map[string]any{"a": 1}))
	mt.RegisterResponder("GET", "https://example.test/err",
		ErrorResponder(429, `{"error_code":"429050"}`, http.Header{"Retry-After": {"30"}}))
	mt.RegisterResponder("GET", "https://example.test/text", ErrorResponder(502, "bad gateway", nil))
	custom := func(req *http.Request) (*http.Response, error) { return httpmock.NewStringResponse(503, "busy"), nil }
	mt.RegisterResponder("GET", "https://example.test/seq",
		SequenceResponder(custom, ErrorResponder(500, "oops", nil), JSONResponder(200, "done")))

	resp, body := do(t, mt, "GET", "https://example.test/json", "")
	if resp.StatusCode != 200 || body != `{"a":1}` || resp.Header.Get("Content-Type") != "application/json" || resp.Request == nil {
		t.Errorf("JSONResponder: %d %q %v Request=%v", resp.StatusCode, body, resp.Header, resp.Request)
	}
	resp, _ = do(t, mt, "GET", "https://example.test/err", "")
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "30" || resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("ErrorResponder JSON: %d %v", resp.StatusCode, resp.Header)
	}
	resp, _ = do(t, mt, "GET", "https://example.test/text", "")
	if resp.StatusCode != 502 || resp.Header.Get("Content-Type") != "" {
		t.Errorf("ErrorResponder text: %d %v", resp.StatusCode, resp.Header)
	}

	var got []string
	for range 5 {
		resp, body := do(t, mt, "GET", "https://example.test/seq", "")
		if resp.Request == nil {
			t.Error("SequenceResponder left resp.Request nil")
		}
		got = append(got, fmt.Sprintf("%d %s", resp.StatusCode, body))
	}
	if want := `503 busy|500 oops|200 "done"|200 "done"|200 "done"`; strings.Join(got, "|") != want {
		t.Errorf("sequence = %q, want %q", strings.Join(got, "|"), want)
	}
	AssertCalls(t, mt, "GET https://example.test/seq", 5)
}

func TestAssertCalls(t *testing.T) {
	t.Parallel()
	mt := NewMockTransport(t)
	mt.RegisterResponder("GET", "https://example.test/a", JSONResponder(200, nil))
	do(t, mt, "GET", "https://example.test/a", "")

	fake := newFakeTB(t)
	AssertCalls(fake, mt, "GET https://example.test/a", 1)
	wantNoFailure(t, fake)
	AssertCalls(fake, mt, "GET https://example.test/a", 2)
	wantFailure(t, fake, `calls to "GET https://example.test/a" = 1, want 2`, "GET https://example.test/a (1)")
}

func TestRequestAssertions(t *testing.T) {
	t.Parallel()
	req, err := http.NewRequest("POST", "https://example.test/x?b=2&a=1&a=3", strings.NewReader(`{"b":[1,2],"a":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("x-api-key", "id1")

	pass := newFakeTB(t)
	AssertMethod(pass, req, "POST")
	AssertHeader(pass, req, "X-Api-Key", "id1")
	AssertQuery(pass, req, url.Values{"a": {"1", "3"}, "b": {"2"}})
	AssertJSONBody(pass, req, map[string]any{"a": "x", "b": []int{1, 2}})
	AssertJSONBody(pass, req, `{ "a" : "x", "b" : [1, 2.0] }`) // the body stays readable
	wantNoFailure(t, pass)

	tests := []struct {
		name  string
		check func(tb testing.TB)
		want  string
	}{
		{"method", func(tb testing.TB) { AssertMethod(tb, req, "GET") }, `method = "POST", want "GET"`},
		{"header value", func(tb testing.TB) { AssertHeader(tb, req, "x-api-key", "id2") }, `header "x-api-key" = "id1", want "id2"`},
		{"header missing", func(tb testing.TB) { AssertHeader(tb, req, "x-gw-ims-org-id", "org") }, `header "x-gw-ims-org-id" missing`},
		{"query", func(tb testing.TB) { AssertQuery(tb, req, url.Values{"a": {"1"}, "b": {"2"}}) }, `query = "a=1&a=3&b=2", want "a=1&b=2"`},
		{"json value", func(tb testing.TB) { AssertJSONBody(tb, req, map[string]any{"a": "y", "b": []int{1, 2}}) }, `want: {"a":"y","b":[1,2]}`},
		{"json order", func(tb testing.TB) { AssertJSONBody(tb, req, `{"a":"x","b":[2,1]}`) }, "JSON body differs"},
	}
	for _, tt := range tests {
		fake := newFakeTB(t)
		tt.check(fake)
		if !fake.failed() {
			t.Errorf("%s: assertion passed, want failure", tt.name)
			continue
		}
		wantFailure(t, fake, tt.want)
	}
}

func TestRecorder(t *testing.T) {
	t.Parallel()
	mt := NewMockTransport(t)
	rec := NewRecorder(JSONResponder(200, map[string]bool{"ok": true}))
	mt.RegisterResponder("POST", "https://example.test/action", rec.Responder())

	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() {
			do(t, mt, "POST", "https://example.test/action", fmt.Sprintf(`{"n":%d}`, i))
		})
	}
	wg.Wait()
	if rec.Len() != 10 {
		t.Fatalf("Len() = %d, want 10", rec.Len())
	}
	seen := map[string]bool{}
	for _, c := range rec.Calls() {
		b, _ := io.ReadAll(c.Request.Body)
		if string(b) != string(c.Body) {
			t.Errorf("Request.Body = %q, Body = %q", b, c.Body)
		}
		seen[string(c.Body)] = true
	}
	if len(seen) != 10 {
		t.Errorf("distinct bodies = %d, want 10", len(seen))
	}
	last := rec.Last(t)
	AssertMethod(t, last.Request, "POST")
	AssertJSONBody(t, last.Request, last.Body)

	fake := newFakeTB(t)
	fake.run(func(tb testing.TB) { NewRecorder(JSONResponder(200, nil)).Last(tb) })
	wantFailure(t, fake, "Recorder saw no request")
}

func TestFixture(t *testing.T) {
	t.Parallel()
	if b := Fixture(t, "specs/SOURCE.md"); !strings.Contains(string(b), "unmodified") {
		t.Errorf("Fixture(specs/SOURCE.md) = %.80q...", b)
	}
	for _, bad := range []string{"../go.mod", "/etc/passwd", "specs/missing.json"} {
		fake := newFakeTB(t)
		fake.run(func(tb testing.TB) { Fixture(tb, bad) })
		if !fake.fatal {
			t.Errorf("Fixture(%q) did not stop the test", bad)
		}
	}
	if b := MustJSON(t, map[string]int{"a": 1}); string(b) != `{"a":1}` {
		t.Errorf("MustJSON = %s", b)
	}
	fake := newFakeTB(t)
	fake.run(func(tb testing.TB) { MustJSON(tb, func() {}) })
	wantFailure(t, fake, "MustJSON(func())")
}
