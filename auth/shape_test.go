package auth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
	"github.com/jarcoal/httpmock"
	"golang.org/x/oauth2"
	"golang.org/x/time/rate"
)

// tokenCall fetches a token from a fresh source over mt.
func tokenCall(t *testing.T, mt *httpmock.MockTransport, opts ...Option) error {
	t.Helper()
	opts = append([]Option{WithBaseTransport(mt), WithRetryPolicy(RetryPolicy{MaxRetries: -1})}, opts...)
	ts, err := NewTokenSource(testCreds(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = ts.TokenContext(context.Background())
	return err
}

func TestWrongSecretIsAnAdobeError(t *testing.T) {
	mt := strictMock(t)
	mt.RegisterResponder("POST", tokenURL, statusResponder(401, `{"error":"invalid_client","error_description":"invalid client_secret parameter"}`, "x-debug-id", "dbg-1"))
	err := tokenCall(t, mt)
	var apiErr *adobe.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || apiErr.Code != "invalid_client" || apiErr.RequestID != "dbg-1" ||
		apiErr.Method != "POST" || apiErr.Host != "ims-na1.adobelogin.com" || apiErr.Path != "/ims/token/v3" {
		t.Fatalf("errors.As *adobe.Error: %#v", err)
	}
	var te *TokenError
	if !errors.As(err, &te) || te.Code != "invalid_client" || te.DebugID != "dbg-1" || !strings.Contains(te.Hint(), "client secret") {
		t.Fatalf("*TokenError: %v", err)
	}
	if !errors.Is(err, adobe.ErrUnauthorized) || strings.Contains(err.Error(), testSecret) {
		t.Fatalf("text: %v", err)
	}
}

func TestIMSFailuresAreTyped(t *testing.T) {
	t.Run("429 beyond the cap", func(t *testing.T) {
		mt := strictMock(t)
		mt.RegisterResponder("POST", tokenURL, statusResponder(429, `{"error":"too_many_requests"}`, "Retry-After", "600"))
		err := tokenCall(t, mt, WithRetryPolicy(RetryPolicy{MaxRetries: 3, MaxRetryAfter: time.Minute}))
		var rl *adobe.RateLimitError
		if !errors.As(err, &rl) || rl.RetryAfter != 10*time.Minute || !errors.Is(err, adobe.ErrRateLimited) {
			t.Fatalf("%#v", err)
		}
		var apiErr *adobe.Error
		if !errors.As(err, &apiErr) || apiErr.Path != "/ims/token/v3" {
			t.Fatalf("not an *adobe.Error: %v", err)
		}
	})
	t.Run("5xx", func(t *testing.T) {
		mt := strictMock(t)
		mt.RegisterResponder("POST", tokenURL, statusResponder(503, `<html>down</html>`, "x-debug-id", "d5"))
		err := tokenCall(t, mt)
		var apiErr *adobe.Error
		var te *TokenError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || apiErr.RequestID != "d5" || errors.As(err, &te) {
			t.Fatalf("%v", err)
		}
		if strings.Contains(err.Error(), "refused") || !strings.Contains(err.Error(), "POST ims-na1.adobelogin.com/ims/token/v3") {
			t.Fatalf("text %q", err)
		}
	})
	for name, body := range map[string]string{"not JSON": `<html>`, "no token": `{"token_type":"bearer"}`, "empty": ``, "bad expiry": `{"access_token":"a","expires_in":"soon"}`} {
		t.Run(name, func(t *testing.T) {
			mt := strictMock(t)
			mt.RegisterResponder("POST", tokenURL, statusResponder(200, body, "x-debug-id", "d2"))
			err := tokenCall(t, mt)
			var re *adobe.ResponseError
			if !errors.As(err, &re) || re.Method != "POST" || re.Path != "/ims/token/v3" || re.RequestID != "d2" || !errors.Is(err, adobe.ErrInvalidResponse) {
				t.Fatalf("%#v", err)
			}
		})
	}
	t.Run("no answer", func(t *testing.T) {
		mt := strictMock(t)
		mt.RegisterResponder("POST", tokenURL, httpmock.NewErrorResponder(errors.New("connection reset")))
		err := tokenCall(t, mt)
		var re *adobe.RequestError
		if !errors.As(err, &re) || re.Op != "POST ims-na1.adobelogin.com/ims/token/v3" {
			t.Fatalf("%#v", err)
		}
	})
}

func TestTokenRequestCarriesUserAgent(t *testing.T) {
	mt := strictMock(t)
	tm := mockToken(mt, 86399)
	var ua string
	mt.RegisterResponder("POST", tokenURL, func(req *http.Request) (*http.Response, error) {
		ua = req.Header.Get("User-Agent")
		tm.calls.Add(1)
		return statusResponder(200, `{"access_token":"a","expires_in":60}`)(req)
	})
	if err := tokenCall(t, mt, WithUserAgent("my-tool/1.0")); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ua, "my-tool/1.0 go-adobe/") {
		t.Fatalf("User-Agent %q", ua)
	}
}

// namedLimiter is an adobe.Limiter that never grants before ctx ends.
type namedLimiter struct{}

func (namedLimiter) Wait(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }
func (namedLimiter) String() string                 { return "test (1 request per hour)" }

var _ adobe.Limiter = namedLimiter{}

func TestLimiterWaitThatOutlastsTheContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		mockToken(mt, 86399)
		var logs bytes.Buffer
		_, cfg := newTestClient(t, mt, WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))))
		base, _ := core.ParseBaseURL(apiURL)
		c := &core.Client{HTTP: cfg.HTTPClient(WithAttemptLimiter(namedLimiter{})), BaseURL: base}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_, err := get(ctx, c, "thing")
		var lw *adobe.LimitWaitError
		if !errors.As(err, &lw) || lw.Limiter != "test (1 request per hour)" || lw.Waited != 3*time.Second || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("%#v", err)
		}
		var re *adobe.RequestError
		if !errors.As(err, &re) || re.Op != "GET api.example.adobe.io/thing" {
			t.Fatalf("the error does not name the call: %v", err)
		}
		if !strings.Contains(logs.String(), "level=INFO") || !strings.Contains(logs.String(), "limiter=\"test (1 request per hour)\"") {
			t.Fatalf("a 3 s wait was not logged at info:\n%s", logs.String())
		}
	})
}

func TestLimiterWaitOfABareWaiter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		mockToken(mt, 86399)
		_, cfg := newTestClient(t, mt)
		base, _ := core.ParseBaseURL(apiURL)
		c := &core.Client{HTTP: cfg.HTTPClient(WithAttemptLimiter(slowLimiter{time.Hour})), BaseURL: base}
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(2*time.Second, cancel)
		_, err := get(ctx, c, "thing")
		var lw *adobe.LimitWaitError
		if !errors.As(err, &lw) || lw.Limiter != "client-side" || lw.Waited != 2*time.Second || !errors.Is(err, context.Canceled) {
			t.Fatalf("%#v", err)
		}
	})
}

func TestContextEndingWhileWaitingForTheTokenNamesIt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		mt.RegisterResponder("POST", tokenURL, func(req *http.Request) (*http.Response, error) {
			<-req.Context().Done()
			return nil, req.Context().Err()
		})
		c, _ := newTestClient(t, mt)
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, err := get(ctx, c, "thing")
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "waiting for the access token (POST ims-na1.adobelogin.com/ims/token/v3)") ||
			!strings.Contains(err.Error(), "GET api.example.adobe.io/thing") {
			t.Fatalf("%v", err)
		}
		time.Sleep(5 * time.Minute) // the fetch goes on, bounded by the token timeout
		synctest.Wait()
	})
}

func TestCachedTokenSourceRejectsNilAndSurvivesPanics(t *testing.T) {
	if _, err := NewCachedTokenSource(nil); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("nil fetch: %v", err)
	}
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		calls := 0
		ts, err := NewCachedTokenSource(func(context.Context) (*oauth2.Token, error) {
			calls++
			if calls == 1 {
				<-release
				panic("fetcher bug")
			}
			return &oauth2.Token{AccessToken: "ok", Expiry: time.Now().Add(time.Hour)}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		const waiters = 20
		var wg sync.WaitGroup
		errs := make(chan error, waiters)
		for range waiters {
			wg.Go(func() { _, err := ts.TokenContext(context.Background()); errs <- err })
		}
		synctest.Wait()
		close(release)
		wg.Wait()
		close(errs)
		for err := range errs {
			if err == nil || !strings.Contains(err.Error(), "panicked") || !strings.Contains(err.Error(), "fetcher bug") {
				t.Fatalf("waiter got %v", err)
			}
		}
		if tok, err := ts.TokenContext(context.Background()); err != nil || tok.AccessToken.Reveal() != "ok" || ts.Fetches() != 2 {
			t.Fatalf("after the panic: %v %v fetches %d", tok, err, ts.Fetches())
		}
	})
}

func TestBadInputBeforeAnyRequest(t *testing.T) {
	mt := strictMock(t) // fails the test on any request
	mockToken(mt, 86399)
	ua := func(s string) Option { return WithUserAgent(s) }
	for name, opt := range map[string]Option{
		"user agent with NUL":       ua("tool\x00"),
		"user agent with CRLF":      ua("tool\r\nX-Evil: 1"),
		"negative refresh lead":     WithRefreshBefore(-time.Second),
		"negative token timeout":    WithTokenTimeout(-time.Second),
		"zero attempt timeout":      WithAttemptTimeout(0),
		"negative retry wait":       WithRetryPolicy(RetryPolicy{WaitMin: -1}),
		"negative client timeout":   WithHTTPClient(&http.Client{Timeout: -time.Second}),
		"plain http endpoint":       WithEndpoint("http://adobe.example.com"),
		"endpoint with a query":     WithEndpoint("https://adobe.example.com/?a=1"),
		"nil logger":                WithLogger(nil),
		"nil transport":             WithBaseTransport(nil),
		"negative MaxRetryAfter":    WithRetryPolicy(RetryPolicy{MaxRetryAfter: -time.Second}),
		"WaitMin above WaitMax":     WithRetryPolicy(RetryPolicy{WaitMin: time.Minute, WaitMax: time.Second}),
		"user agent with line feed": ua("a\nb"),
	} {
		if _, err := NewConfig(testCreds(), WithBaseTransport(mt), opt); !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, key := range map[string]string{"CRLF": "key\r\nX-Evil: 1", "NUL": "key\x00", "space": "my key"} {
		if _, err := NewConfigFromTokenSource(key, "", staticTS("t"), WithBaseTransport(mt)); !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("api key with %s: %v", name, err)
		}
	}
	if _, err := NewConfigFromTokenSource("key", "org\r\n", staticTS("t"), WithBaseTransport(mt)); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Errorf("org with CRLF: %v", err)
	}
	creds := testCreds()
	creds.IMSURL = "http://ims.example.com"
	if _, err := NewConfig(creds, WithBaseTransport(mt)); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Errorf("plain http IMS: %v", err)
	}
	// A header value with CR, LF or NUL on one call: an ArgError, no request.
	c, _ := newTestClient(t, mt)
	for _, v := range []string{"a\r\nb", "a\x00b", "a\nb"} {
		_, err := c.Call(context.Background(), core.Request{Method: "GET", Path: "thing"}, nil, adobe.WithHeader("X-Custom", v))
		var ae *adobe.ArgError
		if !errors.As(err, &ae) || !strings.Contains(ae.Arg, "X-Custom") || strings.Contains(err.Error(), v) {
			t.Errorf("header %q: %v", v, err)
		}
	}
}

// TestColdCacheThousandCallersOneTokenRequest: 1,000 concurrent callers on a
// cold cache cause exactly one token request (issue 13's table).
func TestColdCacheThousandCallersOneTokenRequest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		var calls int
		mt.RegisterResponder("POST", tokenURL, func(req *http.Request) (*http.Response, error) {
			calls++
			time.Sleep(200 * time.Millisecond) // IMS takes its time
			return statusResponder(200, `{"access_token":"at","expires_in":86399}`)(req)
		})
		mt.RegisterResponder("GET", apiURL+"thing", statusResponder(200, `{}`))
		c, _ := newTestClient(t, mt)
		var wg sync.WaitGroup
		var failed sync.Map
		for i := range 1000 {
			wg.Go(func() {
				if _, err := get(context.Background(), c, "thing"); err != nil {
					failed.Store(i, err)
				}
			})
		}
		wg.Wait()
		failed.Range(func(k, v any) bool { t.Errorf("caller %v: %v", k, v); return false })
		if calls != 1 {
			t.Fatalf("%d token requests for 1,000 cold callers, want 1", calls)
		}
	})
}

// An API call whose token IMS refused: the error chain reaches the
// *TokenError and the *adobe.Error, and no verb shows the secret.
func TestAPICallWithARefusedToken(t *testing.T) {
	mt := strictMock(t)
	mt.RegisterResponder("POST", tokenURL, statusResponder(401, `{"error":"invalid_client","error_description":"invalid client_secret parameter"}`, "x-debug-id", "dbg"))
	c, _ := newTestClient(t, mt)
	_, err := get(context.Background(), c, "thing")
	var tu *TokenUnavailableError
	var te *TokenError
	var apiErr *adobe.Error
	if !errors.As(err, &tu) || !errors.As(err, &te) || !errors.As(err, &apiErr) || apiErr.Path != "/ims/token/v3" || !errors.Is(err, adobe.ErrUnauthorized) {
		t.Fatalf("%#v", err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		for _, v := range []any{err, tu, te, *te, apiErr} {
			if s := fmt.Sprintf(verb, v); strings.Contains(s, testSecret) || strings.Contains(s, hexOf(testSecret)) {
				t.Fatalf("%s of %T shows the secret: %s", verb, v, s)
			}
		}
	}
}

func hexOf(s string) string { return fmt.Sprintf("%x", s) }

// A zero Config (not from NewConfig) must not panic where API packages read
// it before validating their own options.
func TestZeroConfigDoesNotPanic(t *testing.T) {
	var cfg Config
	if got := cfg.ServiceURL("https://analytics.adobe.io/api"); got != "https://analytics.adobe.io/api" {
		t.Fatalf("ServiceURL %q", got)
	}
	if c := cfg.Credentials(); c.ClientID != "" {
		t.Fatalf("Credentials %v", c)
	}
}

// x/time/rate refuses at once a wait that would outlast the deadline, before
// the context ends: still an *adobe.LimitWaitError, not retried.
func TestRateLimiterRefusingPastTheDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		mockToken(mt, 86399)
		mt.RegisterResponder("GET", apiURL+"thing", statusResponder(200, `{}`))
		_, cfg := newTestClient(t, mt)
		base, _ := core.ParseBaseURL(apiURL)
		c := &core.Client{HTTP: cfg.HTTPClient(WithAttemptLimiter(rateLimiter{rate.NewLimiter(rate.Every(time.Hour), 1)})), BaseURL: base}
		if _, err := get(context.Background(), c, "thing"); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		start := time.Now()
		_, err := get(ctx, c, "thing")
		var lw *adobe.LimitWaitError
		if !errors.As(err, &lw) || !errors.Is(err, context.DeadlineExceeded) || time.Since(start) != 0 {
			t.Fatalf("after %s: %#v", time.Since(start), err)
		}
	})
}

// rateLimiter is an x/time/rate limiter named for the stack, as a program
// would wrap one.
type rateLimiter struct{ *rate.Limiter }

func (rateLimiter) String() string { return "x/time/rate (1 per hour)" }
