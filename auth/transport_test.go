package auth

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
	"github.com/jarcoal/httpmock"
)

func TestCredentialsNeverFollowARedirectToAnotherHost(t *testing.T) {
	for _, name := range []string{"default policy", "caller allows every redirect"} {
		t.Run(name, func(t *testing.T) {
			mt := strictMock(t)
			mockToken(mt, 86399)
			mt.RegisterResponder("GET", apiURL+"thing", func(req *http.Request) (*http.Response, error) {
				r := httpmock.NewStringResponse(http.StatusFound, "")
				r.Header.Set("Location", "https://evil.example.com/steal")
				r.Request = req
				return r, nil
			})
			var stolen atomic.Int32
			mt.RegisterResponder("GET", "https://evil.example.com/steal", func(req *http.Request) (*http.Response, error) {
				if req.Header.Get("Authorization") != "" || req.Header.Get("x-api-key") != "" {
					stolen.Add(1)
				}
				return statusResponder(200, `{}`)(req)
			})
			var opts []Option
			if name != "default policy" {
				opts = append(opts, WithHTTPClient(&http.Client{Transport: mt, CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}))
			}
			c, _ := newTestClient(t, mt, opts...)
			resp, err := c.Call(context.Background(), core.Request{Method: "GET", Path: "thing"}, nil)
			var ae *adobe.Error
			if !errors.As(err, &ae) || ae.StatusCode != http.StatusFound {
				t.Fatalf("err %v resp %+v, want the 302 returned", err, resp)
			}
			if stolen.Load() != 0 || mt.GetCallCountInfo()["GET https://evil.example.com/steal"] != 0 {
				t.Fatal("credentials were sent to another host")
			}
		})
	}
}

func TestSameHostRedirectIsFollowedWithCredentials(t *testing.T) {
	mt := strictMock(t)
	mockToken(mt, 86399)
	mt.RegisterResponder("GET", apiURL+"old", func(req *http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(http.StatusMovedPermanently, "")
		r.Header.Set("Location", apiURL+"new")
		r.Request = req
		return r, nil
	})
	mt.RegisterResponder("GET", apiURL+"new", func(req *http.Request) (*http.Response, error) {
		if req.Header.Get("Authorization") != "Bearer access-token-1" {
			t.Errorf("Authorization %q", req.Header.Get("Authorization"))
		}
		return statusResponder(200, `{"ok":true}`)(req)
	})
	c, _ := newTestClient(t, mt)
	if _, err := get(context.Background(), c, "old"); err != nil {
		t.Fatal(err)
	}
}

func TestUnreachableIMSIsNotRetriedByTheAPILayer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		var posts atomic.Int32
		mt.RegisterResponder("POST", tokenURL, func(*http.Request) (*http.Response, error) {
			posts.Add(1)
			return nil, errors.New("connection refused")
		})
		c, _ := newTestClient(t, mt)
		_, err := get(context.Background(), c, "thing")
		var tu *TokenUnavailableError
		if !errors.As(err, &tu) {
			t.Fatalf("err = %v, want *TokenUnavailableError", err)
		}
		// The token request's own retries only: 1 + MaxRetries.
		if got, want := posts.Load(), int32(DefaultRetryPolicy.MaxRetries+1); got != want {
			t.Fatalf("token POSTs = %d, want %d", got, want)
		}
	})
}

func TestUnauthorizedResentOnceEvenWithRetriesOff(t *testing.T) {
	mt := strictMock(t)
	tm := mockToken(mt, 86399)
	mt.RegisterResponder("POST", apiURL+"thing", httpmock.ResponderFromMultipleResponses([]*http.Response{
		mkResp(401, `{"error_code":"401013"}`), mkResp(201, `{"id":"1"}`),
	}))
	c, _ := newTestClient(t, mt, WithRetryPolicy(RetryPolicy{MaxRetries: -1}))
	resp, err := c.Call(context.Background(), core.Request{Method: "POST", Path: "thing", Body: map[string]string{"a": "b"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tm.calls.Load() != 2 || resp.Attempts != 2 || mt.GetCallCountInfo()["POST "+apiURL+"thing"] != 2 {
		t.Fatalf("token requests %d, attempts %d", tm.calls.Load(), resp.Attempts)
	}
}

type slowLimiter struct{ d time.Duration }

func (slowLimiter) String() string { return "" }

func (l slowLimiter) Wait(ctx context.Context) error {
	select {
	case <-time.After(l.d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func TestAttemptTimeoutExcludesLimiterWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		mockToken(mt, 86399)
		mt.RegisterResponder("GET", apiURL+"thing", statusResponder(200, `{}`))
		_, cfg := newTestClient(t, mt, WithAttemptTimeout(10*time.Second))
		base, _ := core.ParseBaseURL(apiURL)
		c := &core.Client{HTTP: cfg.HTTPClient(WithAttemptLimiter(slowLimiter{20 * time.Second})), BaseURL: base}
		if _, err := get(context.Background(), c, "thing"); err != nil {
			t.Fatalf("a 20 s limiter wait under a 10 s attempt timeout: %v", err)
		}
	})
}

func TestAttemptTimeoutAbandonsAHungAttempt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		mockToken(mt, 86399)
		var n atomic.Int32
		mt.RegisterResponder("GET", apiURL+"thing", func(req *http.Request) (*http.Response, error) {
			if n.Add(1) == 1 {
				<-req.Context().Done() // hangs until the attempt times out
				return nil, req.Context().Err()
			}
			return statusResponder(200, `{}`)(req)
		})
		c, _ := newTestClient(t, mt, WithAttemptTimeout(5*time.Second))
		start := time.Now()
		if _, err := get(context.Background(), c, "thing"); err != nil {
			t.Fatal(err)
		}
		if n.Load() != 2 || time.Since(start) < 5*time.Second {
			t.Fatalf("attempts %d after %s", n.Load(), time.Since(start))
		}
	})
}

func TestRefreshBeforeIsConfigurable(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		tm := mockToken(mt, 3600)
		mt.RegisterResponder("GET", apiURL+"thing", statusResponder(200, `{}`))
		c, _ := newTestClient(t, mt, WithRefreshBefore(25*time.Minute))
		_, _ = get(context.Background(), c, "thing")
		time.Sleep(34 * time.Minute)
		_, _ = get(context.Background(), c, "thing")
		if tm.calls.Load() != 1 {
			t.Fatalf("renewed %d times before the lead", tm.calls.Load()-1)
		}
		time.Sleep(2 * time.Minute) // 24 minutes before expiry
		_, _ = get(context.Background(), c, "thing")
		if tm.calls.Load() != 2 {
			t.Fatalf("token requests %d, want 2", tm.calls.Load())
		}
	})
}

func TestTokenTimeoutBoundsATokenRequest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := strictMock(t)
		mt.RegisterResponder("POST", tokenURL, func(req *http.Request) (*http.Response, error) {
			<-req.Context().Done()
			return nil, req.Context().Err()
		})
		ts, err := NewTokenSource(testCreds(), WithBaseTransport(mt), WithTokenTimeout(2*time.Second),
			WithRetryPolicy(RetryPolicy{MaxRetries: -1}))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if _, err := ts.TokenContext(context.Background()); err == nil {
			t.Fatal("want a timeout")
		}
		if e := time.Since(start); e != 2*time.Second {
			t.Fatalf("took %s, want the 2 s token timeout", e)
		}
	})
}

func TestNewCachedTokenSource(t *testing.T) {
	var n atomic.Int32
	ts, err := NewCachedTokenSource(func(ctx context.Context) (*oauth2Token, error) {
		n.Add(1)
		return &oauth2Token{AccessToken: "t", Expiry: time.Now().Add(time.Hour)}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if tok, err := ts.Token(); err != nil || tok.AccessToken != "t" {
			t.Fatal(tok, err)
		}
	}
	ts.Invalidate("other")
	_, _ = ts.Token()
	ts.Invalidate("t")
	_, _ = ts.Token()
	if n.Load() != 2 {
		t.Fatalf("fetches %d, want 2 (Invalidate of another token must not drop the cache)", n.Load())
	}
	if _, err := NewCachedTokenSource(nil, WithTokenTimeout(-1)); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("bad option: %v", err)
	}
}

func TestTokenErrorIs(t *testing.T) {
	tests := []struct {
		te   TokenError
		want error
	}{
		{TokenError{StatusCode: 400, Code: "invalid_client"}, adobe.ErrUnauthorized},
		{TokenError{StatusCode: 401, Code: "invalid_token"}, adobe.ErrUnauthorized},
		{TokenError{StatusCode: 400, Code: "unauthorized_client"}, adobe.ErrUnauthorized},
		{TokenError{StatusCode: 400, Code: "invalid_scope"}, adobe.ErrForbidden},
		{TokenError{StatusCode: 403}, adobe.ErrForbidden},
		{TokenError{StatusCode: 429}, adobe.ErrRateLimited},
		{TokenError{StatusCode: 500, Code: "internal_error"}, nil},
	}
	for _, tt := range tests {
		for _, s := range []error{adobe.ErrUnauthorized, adobe.ErrForbidden, adobe.ErrRateLimited, adobe.ErrNotFound} {
			if got := errors.Is(&tt.te, s); got != (s == tt.want) {
				t.Errorf("%+v Is %v = %v", tt.te, s, got)
			}
		}
	}
}

func TestCredentialsNeverGoToCleartext(t *testing.T) {
	mt := strictMock(t)
	mockToken(mt, 86399)
	mt.RegisterResponder("GET", apiURL+"thing", func(req *http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(http.StatusFound, "")
		r.Header.Set("Location", "http://api.example.adobe.io/plain")
		r.Request = req
		return r, nil
	})
	var leaked atomic.Int32
	mt.RegisterResponder("GET", "http://api.example.adobe.io/plain", func(req *http.Request) (*http.Response, error) {
		if req.Header.Get("Authorization") != "" || req.Header.Get("x-api-key") != "" {
			leaked.Add(1)
		}
		return statusResponder(200, `{}`)(req)
	})
	c, _ := newTestClient(t, mt)
	_, err := c.Call(context.Background(), core.Request{Method: "GET", Path: "thing"}, nil)
	var ae *adobe.Error
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusFound {
		t.Fatalf("err %v, want the 302 returned", err)
	}
	if leaked.Load() != 0 || mt.GetCallCountInfo()["GET http://api.example.adobe.io/plain"] != 0 {
		t.Fatal("followed an https → http redirect")
	}
}

type sameTokenSource struct{ n atomic.Int32 }

func (s *sameTokenSource) Token() (*oauth2Token, error) {
	s.n.Add(1)
	return &oauth2Token{AccessToken: "user-token-1"}, nil
}

func TestUnauthorizedNotResentWithTheSameToken(t *testing.T) {
	mt := strictMock(t)
	mt.RegisterResponder("GET", apiURL+"thing", statusResponder(401, `{"error_code":"401013"}`))
	ts := &sameTokenSource{}
	cfg, err := NewConfigFromTokenSource("cid", "", ts, WithBaseTransport(mt))
	if err != nil {
		t.Fatal(err)
	}
	base, _ := core.ParseBaseURL(apiURL)
	_, err = get(context.Background(), &core.Client{HTTP: cfg.HTTPClient(), BaseURL: base}, "thing")
	if !errors.Is(err, adobe.ErrUnauthorized) {
		t.Fatalf("err %v", err)
	}
	if n := mt.GetCallCountInfo()["GET "+apiURL+"thing"]; n != 1 {
		t.Fatalf("sent %d times with the same rejected token, want 1", n)
	}
}

func TestTokenUnavailableErrorZeroValue(t *testing.T) {
	if got := (&TokenUnavailableError{}).Error(); got == "" {
		t.Fatal("empty text")
	}
}
