package auth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
	"github.com/jarcoal/httpmock"
)

const (
	testClientID = "0123456789abcdef0123456789abcdef"
	testSecret   = "p8e-SUPERSECRETVALUE-do-not-log"
	testOrg      = "0123456789ABCDEF01234567@AdobeOrg"
	tokenURL     = "https://ims-na1.adobelogin.com/ims/token/v3"
	apiURL       = "https://api.example.adobe.io/"
)

func testCreds() Credentials {
	return Credentials{ClientID: testClientID, ClientSecret: testSecret, OrgID: testOrg, Scopes: []string{"openid", "AdobeID", "read_organizations"}}
}

// tokenMock registers an IMS token responder that hands out
// access-token-1, access-token-2, ... and counts its calls.
type tokenMock struct {
	calls atomic.Int32
	mu    sync.Mutex
	forms []url.Values
}

func mockToken(mt *httpmock.MockTransport, expiresIn int) *tokenMock {
	tm := &tokenMock{}
	mt.RegisterResponder("POST", tokenURL, func(req *http.Request) (*http.Response, error) {
		n := tm.calls.Add(1)
		_ = req.ParseForm()
		tm.mu.Lock()
		tm.forms = append(tm.forms, req.PostForm)
		tm.mu.Unlock()
		resp, _ := httpmock.NewJsonResponse(200, map[string]any{
			"access_token": fmt.Sprintf("access-token-%d", n), "token_type": "bearer", "expires_in": expiresIn,
		})
		resp.Request = req
		return resp, nil
	})
	return tm
}

func newTestClient(t *testing.T, mt *httpmock.MockTransport, opts ...Option) (*core.Client, *Config) {
	t.Helper()
	opts = append([]Option{WithBaseTransport(mt), WithRetryPolicy(RetryPolicy{WaitMin: 10 * time.Millisecond, WaitMax: 50 * time.Millisecond})}, opts...)
	cfg, err := NewConfig(testCreds(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := core.ParseBaseURL(apiURL)
	return &core.Client{HTTP: cfg.HTTPClient(), BaseURL: base}, cfg
}

func strictMock(t *testing.T) *httpmock.MockTransport {
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		t.Errorf("unexpected request %s %s", req.Method, req.URL)
		return nil, errors.New("unexpected request")
	})
	return mt
}

func statusResponder(status int, body string, hdr ...string) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(status, body)
		r.Header.Set("Content-Type", "application/json")
		for i := 0; i+1 < len(hdr); i += 2 {
			r.Header.Set(hdr[i], hdr[i+1])
		}
		r.Request = req
		return r, nil
	}
}

func get(ctx context.Context, c *core.Client, path string) (*adobe.Response, error) {
	var out map[string]any
	return c.Call(ctx, core.Request{Method: "GET", Path: path}, &out)
}

func TestConcurrentColdCacheMintsOneToken(t *testing.T) {
	mt := strictMock(t)
	tm := mockToken(mt, 86399)
	var seen sync.Map
	mt.RegisterResponder("GET", apiURL+"thing", func(req *http.Request) (*http.Response, error) {
		seen.Store(req.Header.Get("Authorization"), true)
		return statusResponder(200, `{"ok":true}`)(req)
	})
	c, _ := newTestClient(t, mt)
	const n = 1000
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			if _, err := get(context.Background(), c, "thing"); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if got := tm.calls.Load(); got != 1 {
		t.Fatalf("token requests = %d, want 1", got)
	}
	if got := mt.GetCallCountInfo()["GET "+apiURL+"thing"]; got != n {
		t.Fatalf("API calls = %d, want %d", got, n)
	}
	seen.Range(func(k, _ any) bool {
		if k != "Bearer access-token-1" {
			t.Errorf("unexpected Authorization %q", k)
		}
		return true
	})
}

func TestTokenRequestShape(t *testing.T) {
	mt := strictMock(t)
	tm := mockToken(mt, 86399)
	mt.RegisterResponder("GET", apiURL+"thing", func(req *http.Request) (*http.Response, error) {
		for h, want := range map[string]string{"x-api-key": testClientID, "Authorization": "Bearer access-token-1"} {
			if got := req.Header.Get(h); got != want {
				t.Errorf("%s = %q, want %q", h, got, want)
			}
		}
		if ua := req.Header.Get("User-Agent"); !strings.HasPrefix(ua, "my-tool/1.0 go-adobe/"+adobe.Version+" go/") {
			t.Errorf("User-Agent = %q", ua)
		}
		if req.Header.Get("x-gw-ims-org-id") != "" {
			t.Error("x-gw-ims-org-id sent without WithOrgIDHeader")
		}
		return statusResponder(200, `{}`)(req)
	})
	c, _ := newTestClient(t, mt, WithUserAgent("my-tool/1.0"))
	if _, err := get(context.Background(), c, "thing"); err != nil {
		t.Fatal(err)
	}
	f := tm.forms[0]
	want := url.Values{"grant_type": {"client_credentials"}, "client_id": {testClientID}, "client_secret": {testSecret}, "scope": {"openid,AdobeID,read_organizations"}}
	for k, v := range want {
		if f.Get(k) != v[0] {
			t.Errorf("token form %s = %q, want %q", k, f.Get(k), v[0])
		}
	}
}

func TestOrgIDHeaderOption(t *testing.T) {
	mt := strictMock(t)
	mockToken(mt, 86399)
	mt.RegisterResponder("GET", apiURL+"thing", func(req *http.Request) (*http.Response, error) {
		if got := req.Header.Get("x-gw-ims-org-id"); got != testOrg {
			t.Errorf("x-gw-ims-org-id = %q", got)
		}
		return statusResponder(200, `{}`)(req)
	})
	c, _ := newTestClient(t, mt, WithOrgIDHeader())
	if _, err := get(context.Background(), c, "thing"); err != nil {
		t.Fatal(err)
	}
}

func TestUnauthorizedRemintsOnceThenRetries(t *testing.T) {
	mt := strictMock(t)
	tm := mockToken(mt, 86399)
	var auths []string
	var mu sync.Mutex
	mt.RegisterResponder("GET", apiURL+"thing", func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		auths = append(auths, req.Header.Get("Authorization"))
		n := len(auths)
		mu.Unlock()
		if n == 1 {
			return statusResponder(401, `{"error_code":"401013","message":"Oauth token is not valid"}`)(req)
		}
		return statusResponder(200, `{}`)(req)
	})
	c, _ := newTestClient(t, mt)
	resp, err := get(context.Background(), c, "thing")
	if err != nil {
		t.Fatal(err)
	}
	if tm.calls.Load() != 2 || len(auths) != 2 || resp.Attempts != 2 {
		t.Fatalf("token requests %d, API calls %d, attempts %d; want 2, 2, 2", tm.calls.Load(), len(auths), resp.Attempts)
	}
	if auths[0] != "Bearer access-token-1" || auths[1] != "Bearer access-token-2" {
		t.Fatalf("tokens used %v", auths)
	}
}

func TestUnauthorizedTwiceIsReturnedNotLooped(t *testing.T) {
	mt := strictMock(t)
	tm := mockToken(mt, 86399)
	mt.RegisterResponder("GET", apiURL+"thing",
		statusResponder(401, `{"error_code":"401013","message":"Oauth token is not valid"}`, "x-request-id", "req-42"))
	c, _ := newTestClient(t, mt)
	_, err := get(context.Background(), c, "thing")
	if !errors.Is(err, adobe.ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	var ae *adobe.Error
	if !errors.As(err, &ae) || ae.Code != "401013" || ae.RequestID != "req-42" || ae.Attempts != 2 {
		t.Fatalf("error = %#v", ae)
	}
	if tm.calls.Load() != 2 || mt.GetCallCountInfo()["GET "+apiURL+"thing"] != 2 {
		t.Fatalf("token requests %d, API calls %d; want 2 and 2", tm.calls.Load(), mt.GetCallCountInfo()["GET "+apiURL+"thing"])
	}
}

func TestRetryAfterBeyondCapFailsAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		mockToken(mt, 86399)
		mt.RegisterResponder("GET", apiURL+"thing",
			statusResponder(429, `{"error_code":"429050","message":"Too many requests"}`, "Retry-After", "3600"))
		c, _ := newTestClient(t, mt)
		start := time.Now()
		_, err := get(context.Background(), c, "thing")
		if elapsed := time.Since(start); elapsed != 0 {
			t.Errorf("slept %s", elapsed)
		}
		var rl *adobe.RateLimitError
		if !errors.As(err, &rl) || rl.RetryAfter != time.Hour || !errors.Is(err, adobe.ErrRateLimited) {
			t.Fatalf("err = %v", err)
		}
		if rl.Err.Code != "429050" || rl.Err.Attempts != 1 {
			t.Fatalf("inner error %#v", rl.Err)
		}
		if n := mt.GetCallCountInfo()["GET "+apiURL+"thing"]; n != 1 {
			t.Fatalf("calls = %d", n)
		}
	})
}

func TestRetryAfterWithinCapIsHonoured(t *testing.T) {
	for _, ra := range []string{"30", "http-date"} {
		t.Run(ra, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				mt := strictMock(t)
				mockToken(mt, 86399)
				value := ra
				if ra == "http-date" {
					value = time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)
				}
				mt.RegisterResponder("GET", apiURL+"thing", httpmock.ResponderFromMultipleResponses([]*http.Response{
					mkResp(429, `{"error_code":"429050"}`, "Retry-After", value),
					mkResp(200, `{}`),
				}))
				c, _ := newTestClient(t, mt)
				start := time.Now()
				resp, err := get(context.Background(), c, "thing")
				if err != nil {
					t.Fatal(err)
				}
				if elapsed := time.Since(start); elapsed < 29*time.Second || elapsed > 30*time.Second {
					t.Fatalf("elapsed %s, want ~30s", elapsed)
				}
				if resp.Attempts != 2 {
					t.Fatalf("attempts %d", resp.Attempts)
				}
			})
		})
	}
}

func mkResp(status int, body string, hdr ...string) *http.Response {
	r := httpmock.NewStringResponse(status, body)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	return r
}

func TestRetryPolicyByMethod(t *testing.T) {
	tests := []struct {
		name      string
		method    string
		status    int
		safe      bool
		wantCalls int
	}{
		{"GET 503 retried", "GET", 503, false, 3},
		{"PUT 502 retried", "PUT", 502, false, 3},
		{"DELETE 500 retried", "DELETE", 500, false, 3},
		{"POST 503 not retried", "POST", 503, false, 1},
		{"PATCH 500 not retried", "PATCH", 500, false, 1},
		{"POST 503 marked safe retried", "POST", 503, true, 3},
		{"POST 429 retried", "POST", 429, false, 3},
		{"GET 501 not retried", "GET", 501, false, 1},
		{"GET 404 not retried", "GET", 404, false, 1},
		{"POST 400 not retried", "POST", 400, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				mt := strictMock(t)
				mockToken(mt, 86399)
				mt.RegisterResponder(tt.method, apiURL+"thing", httpmock.ResponderFromMultipleResponses([]*http.Response{
					mkResp(tt.status, `{"error_code":"x"}`), mkResp(tt.status, `{"error_code":"x"}`), mkResp(200, `{}`),
				}))
				c, _ := newTestClient(t, mt)
				var opts []adobe.RequestOption
				if tt.safe {
					opts = append(opts, adobe.WithIdempotent())
				}
				_, err := c.Call(context.Background(), core.Request{Method: tt.method, Path: "thing", Body: map[string]string{"a": "b"}}, nil, opts...)
				got := mt.GetCallCountInfo()[tt.method+" "+apiURL+"thing"]
				if got != tt.wantCalls {
					t.Fatalf("calls = %d, want %d (err %v)", got, tt.wantCalls, err)
				}
				if (tt.wantCalls == 3) != (err == nil) {
					t.Fatalf("err = %v", err)
				}
			})
		})
	}
}

func TestRetriedPOSTReplaysBody(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		mockToken(mt, 86399)
		var bodies []string
		n := 0
		mt.RegisterResponder("POST", apiURL+"thing", func(req *http.Request) (*http.Response, error) {
			b, _ := io.ReadAll(req.Body)
			bodies = append(bodies, string(b))
			n++
			if n == 1 {
				return statusResponder(429, `{}`, "Retry-After", "1")(req)
			}
			return statusResponder(201, `{"id":"1"}`)(req)
		})
		c, _ := newTestClient(t, mt)
		if _, err := c.Call(context.Background(), core.Request{Method: "POST", Path: "thing", Body: map[string]string{"name": "x"}}, nil); err != nil {
			t.Fatal(err)
		}
		if len(bodies) != 2 || bodies[0] != bodies[1] || bodies[0] != `{"name":"x"}` {
			t.Fatalf("bodies %q", bodies)
		}
	})
}

func TestTransportErrorRetryOnlyWhenIdempotent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		mockToken(mt, 86399)
		mt.RegisterResponder("GET", apiURL+"thing", httpmock.NewErrorResponder(errors.New("connection reset")).Then(statusResponder(200, `{}`)))
		mt.RegisterResponder("POST", apiURL+"thing", httpmock.NewErrorResponder(errors.New("connection reset")))
		c, _ := newTestClient(t, mt)
		if _, err := get(context.Background(), c, "thing"); err != nil {
			t.Fatalf("GET: %v", err)
		}
		_, err := c.Call(context.Background(), core.Request{Method: "POST", Path: "thing"}, nil)
		if err == nil || mt.GetCallCountInfo()["POST "+apiURL+"thing"] != 1 {
			t.Fatalf("POST err %v, calls %d", err, mt.GetCallCountInfo()["POST "+apiURL+"thing"])
		}
	})
}

func TestContextCancelStopsBackoff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		mockToken(mt, 86399)
		mt.RegisterResponder("GET", apiURL+"thing", statusResponder(429, `{}`, "Retry-After", "60"))
		c, _ := newTestClient(t, mt)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		start := time.Now()
		_, err := get(ctx, c, "thing")
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v", err)
		}
		if e := time.Since(start); e != 10*time.Second {
			t.Fatalf("returned after %s", e)
		}
	})
}

func TestTokenEndpointRetriesTransientFailures(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		var calls atomic.Int32
		var bodies []string
		mt.RegisterResponder("POST", tokenURL, func(req *http.Request) (*http.Response, error) {
			b, _ := io.ReadAll(req.Body)
			bodies = append(bodies, string(b))
			switch calls.Add(1) {
			case 1:
				return statusResponder(503, `{"error":"internal_error"}`)(req)
			case 2:
				return statusResponder(429, ``, "Retry-After", "5")(req)
			}
			return statusResponder(200, `{"access_token":"tok","token_type":"bearer","expires_in":86399}`)(req)
		})
		mt.RegisterResponder("GET", apiURL+"thing", statusResponder(200, `{}`))
		c, _ := newTestClient(t, mt)
		if _, err := get(context.Background(), c, "thing"); err != nil {
			t.Fatal(err)
		}
		if calls.Load() != 3 || bodies[0] != bodies[2] {
			t.Fatalf("token POSTs %d, bodies equal %v", calls.Load(), bodies[0] == bodies[2])
		}
	})
}

func TestTokenRefusalIsTypedAndNotRetried(t *testing.T) {
	mt := strictMock(t)
	var calls atomic.Int32
	mt.RegisterResponder("POST", tokenURL, func(req *http.Request) (*http.Response, error) {
		calls.Add(1)
		return statusResponder(400, `{"error":"invalid_client","error_description":"invalid client_secret parameter"}`, "x-debug-id", "dbg-7")(req)
	})
	c, _ := newTestClient(t, mt)
	_, err := get(context.Background(), c, "thing")
	var te *TokenError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want *TokenError", err)
	}
	if te.StatusCode != 400 || te.Code != "invalid_client" || te.Description != "invalid client_secret parameter" || te.DebugID != "dbg-7" {
		t.Fatalf("TokenError %+v", te)
	}
	if !errors.Is(err, adobe.ErrUnauthorized) {
		t.Error("invalid_client should match ErrUnauthorized")
	}
	if calls.Load() != 1 {
		t.Fatalf("token POSTs = %d, want 1", calls.Load())
	}
	if mt.GetCallCountInfo()["GET "+apiURL+"thing"] != 0 {
		t.Fatal("API called without a token")
	}
	if strings.Contains(err.Error(), testSecret) || !strings.Contains(err.Error(), "dbg-7") {
		t.Fatalf("error text %q", err)
	}
}

func TestTokenRenewedAheadOfExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		tm := mockToken(mt, 3600)
		mt.RegisterResponder("GET", apiURL+"thing", statusResponder(200, `{}`))
		c, _ := newTestClient(t, mt) // default: renew 10 minutes early
		ctx := context.Background()
		if _, err := get(ctx, c, "thing"); err != nil {
			t.Fatal(err)
		}
		time.Sleep(49 * time.Minute)
		_, _ = get(ctx, c, "thing")
		if tm.calls.Load() != 1 {
			t.Fatalf("renewed too early: %d token requests", tm.calls.Load())
		}
		time.Sleep(90 * time.Second) // now 9.5 minutes before expiry
		_, _ = get(ctx, c, "thing")
		if tm.calls.Load() != 2 {
			t.Fatalf("not renewed 10 minutes ahead: %d token requests", tm.calls.Load())
		}
	})
}

func TestShortLivedTokenRenewedHalfway(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		tm := mockToken(mt, 60)
		mt.RegisterResponder("GET", apiURL+"thing", statusResponder(200, `{}`))
		c, _ := newTestClient(t, mt)
		_, _ = get(context.Background(), c, "thing")
		_, _ = get(context.Background(), c, "thing")
		time.Sleep(31 * time.Second)
		_, _ = get(context.Background(), c, "thing")
		if tm.calls.Load() != 2 {
			t.Fatalf("token requests = %d, want 2", tm.calls.Load())
		}
	})
}

func TestTokenWaitHonoursCallerContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		release := make(chan struct{})
		mt.RegisterResponder("POST", tokenURL, func(req *http.Request) (*http.Response, error) {
			<-release
			return statusResponder(200, `{"access_token":"tok","expires_in":86399}`)(req)
		})
		ts, err := NewTokenSource(testCreds(), WithBaseTransport(mt))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() { _, err := ts.TokenContext(ctx); done <- err }()
		synctest.Wait()
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
		close(release)
		// The abandoned fetch was stopped (its only caller gave up); a
		// later caller gets a token, from it or from a fresh fetch.
		tok, err := ts.TokenContext(context.Background())
		if err != nil || tok.AccessToken != "tok" || ts.Fetches() > 2 {
			t.Fatalf("tok %v err %v fetches %d", tok, err, ts.Fetches())
		}
	})
}

func TestSecretsNeverLogged(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var buf bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
		mt := strictMock(t)
		mockToken(mt, 86399)
		mt.RegisterResponder("GET", apiURL+"thing", httpmock.ResponderFromMultipleResponses([]*http.Response{
			mkResp(503, `{}`), mkResp(401, `{}`), mkResp(500, `{"error_code":"500","message":"boom"}`),
		}))
		c, cfg := newTestClient(t, mt, WithLogger(logger))
		_, err := c.Call(context.Background(), core.Request{Method: "GET", Path: "thing", Query: url.Values{"q": {"query-secret"}}}, nil)
		if err == nil {
			t.Fatal("want an error")
		}
		logger.Debug("creds", "creds", cfg.Credentials(), "secret", cfg.Credentials().ClientSecret)
		out := buf.String() + err.Error() + fmt.Sprintf("%v %+v %#v %s", cfg.Credentials(), cfg.Credentials(), cfg.Credentials(), cfg.Credentials().ClientSecret)
		for _, secret := range []string{testSecret, "access-token-1", "access-token-2", "query-secret", "Bearer"} {
			if strings.Contains(out, secret) {
				t.Errorf("output contains %q:\n%s", secret, out)
			}
		}
		if !strings.Contains(buf.String(), "adobe: retrying") || !strings.Contains(buf.String(), "path=/thing") {
			t.Errorf("debug log lacks the retries:\n%s", buf.String())
		}
	})
}

func TestSilentByDefault(t *testing.T) {
	cfg, err := NewConfig(testCreds())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Logger().Enabled(context.Background(), slog.LevelError) {
		t.Fatal("default logger is not silent")
	}
}

func TestWithHTTPClientIsNotMutated(t *testing.T) {
	mt := strictMock(t)
	mockToken(mt, 86399)
	mt.RegisterResponder("GET", apiURL+"thing", statusResponder(200, `{}`))
	user := &http.Client{Transport: mt, Timeout: 7 * time.Second}
	snapshot := *user
	cfg, err := NewConfig(testCreds(), WithHTTPClient(user))
	if err != nil {
		t.Fatal(err)
	}
	hc := cfg.HTTPClient()
	if hc == user || hc.Timeout != 7*time.Second {
		t.Fatalf("outer client %p timeout %s", hc, hc.Timeout)
	}
	base, _ := core.ParseBaseURL(apiURL)
	c := &core.Client{HTTP: hc, BaseURL: base}
	if _, err := get(context.Background(), c, "thing"); err != nil {
		t.Fatal(err)
	}
	if user.Transport != snapshot.Transport || user.Timeout != snapshot.Timeout {
		t.Fatal("caller's client was modified")
	}
}

func TestNoIOInConstructors(t *testing.T) {
	mt := strictMock(t)
	cfg, err := NewConfig(testCreds(), WithBaseTransport(mt))
	if err != nil {
		t.Fatal(err)
	}
	_ = cfg.HTTPClient()
	if _, err := NewTokenSource(testCreds(), WithBaseTransport(mt)); err != nil {
		t.Fatal(err)
	}
	if n := mt.GetTotalCallCount(); n != 0 {
		t.Fatalf("%d requests made by constructors", n)
	}
}

type countingLimiter struct{ n atomic.Int32 }

func (l *countingLimiter) Wait(ctx context.Context) error { l.n.Add(1); return ctx.Err() }

func (l *countingLimiter) String() string { return "counting" }

func TestAttemptLimiterSeesEveryAttempt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		mockToken(mt, 86399)
		mt.RegisterResponder("GET", apiURL+"thing", httpmock.ResponderFromMultipleResponses([]*http.Response{mkResp(429, `{}`, "Retry-After", "1"), mkResp(200, `{}`)}))
		_, cfg := newTestClient(t, mt)
		var l countingLimiter
		base, _ := core.ParseBaseURL(apiURL)
		c := &core.Client{HTTP: cfg.HTTPClient(WithAttemptLimiter(&l)), BaseURL: base}
		if _, err := get(context.Background(), c, "thing"); err != nil {
			t.Fatal(err)
		}
		if l.n.Load() != 2 {
			t.Fatalf("limiter waits = %d, want 2", l.n.Load())
		}
	})
}

func TestNewConfigFromTokenSource(t *testing.T) {
	mt := strictMock(t)
	mt.RegisterResponder("GET", apiURL+"thing", func(req *http.Request) (*http.Response, error) {
		if req.Header.Get("Authorization") != "Bearer user-token" || req.Header.Get("x-api-key") != "my-client" {
			t.Errorf("headers %v", req.Header)
		}
		return statusResponder(200, `{}`)(req)
	})
	cfg, err := NewConfigFromTokenSource("my-client", "", staticTS("user-token"), WithBaseTransport(mt))
	if err != nil {
		t.Fatal(err)
	}
	base, _ := core.ParseBaseURL(apiURL)
	if _, err := get(context.Background(), &core.Client{HTTP: cfg.HTTPClient(), BaseURL: base}, "thing"); err != nil {
		t.Fatal(err)
	}
	if _, err := NewConfigFromTokenSource("", "", staticTS("x")); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("empty api key: %v", err)
	}
}

func TestConfigAndTokenSourceNeverPrintSecrets(t *testing.T) {
	mt := strictMock(t)
	mockToken(mt, 86399)
	mt.RegisterResponder("GET", apiURL+"thing", statusResponder(200, `{}`))
	c, cfg := newTestClient(t, mt)
	if _, err := get(context.Background(), c, "thing"); err != nil {
		t.Fatal(err)
	}
	ts := cfg.TokenSource()
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "cfg", cfg, "ts", ts)
	out := fmt.Sprintf("%v %+v %#v %s %v %+v %#v", cfg, cfg, cfg, cfg, ts, ts, ts) + buf.String()
	valueVerbs := strings.Join([]string{"%v", "%+v", "%s", "%#v", "%d"}, " ") // a Config value, not the pointer
	out += fmt.Sprintf(valueVerbs, *cfg, *cfg, *cfg, *cfg, *cfg)
	out += fmt.Sprintf("%v %+v", []any{cfg, ts}, struct{ C *Config }{cfg})
	for _, s := range []string{testSecret, "access-token-1"} {
		if strings.Contains(out, s) {
			t.Fatalf("printed %q: %s", s, out)
		}
	}
}
