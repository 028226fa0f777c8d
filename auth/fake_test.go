package auth_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/ims"
	"github.com/go-adobe/adobe/internal/core"
)

// These tests run the whole stack against adobetest's independent fake of
// IMS, not against mocks written alongside the client.

func fakeConfig(t *testing.T, f *adobetest.Fake, opts ...auth.Option) *auth.Config {
	t.Helper()
	b := f.Bootstrap()
	creds := auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: []string{"openid", "AdobeID", "read_organizations"}}
	opts = append([]auth.Option{auth.WithBaseTransport(f.Transport()), auth.WithRetryPolicy(auth.RetryPolicy{WaitMin: time.Millisecond, WaitMax: 10 * time.Millisecond})}, opts...)
	cfg, err := auth.NewConfig(creds, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func userinfo(ctx context.Context, cfg *auth.Config) (*adobe.Response, map[string]any, error) {
	base, _ := core.ParseBaseURL(auth.ProdIMSURL)
	c := &core.Client{HTTP: cfg.HTTPClient(), BaseURL: base}
	var out map[string]any
	r, err := c.Call(ctx, core.Request{Method: "GET", Path: "ims/userinfo/v2"}, &out)
	return r, out, err
}

func TestFakeConcurrentCallsMintOneToken(t *testing.T) {
	f, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	cfg := fakeConfig(t, f)
	var wg sync.WaitGroup
	for range 200 {
		wg.Go(func() {
			if _, _, err := userinfo(context.Background(), cfg); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := f.Count("POST /ims/token/v3"); n != 1 {
		t.Fatalf("token requests = %d, want 1", n)
	}
	if n := f.Count("GET /ims/userinfo/v2"); n != 200 {
		t.Fatalf("userinfo calls = %d", n)
	}
}

func TestFakeTokenRenewedBeforeExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f, err := adobetest.New(adobetest.WithTokenLifetime(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		cfg := fakeConfig(t, f)
		ctx := context.Background()
		if _, _, err := userinfo(ctx, cfg); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Hour)
		r, _, err := userinfo(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		// Renewed ahead of expiry: no 401 was ever seen.
		if r.Attempts != 1 || f.Count("POST /ims/token/v3") != 2 {
			t.Fatalf("attempts %d, token requests %d", r.Attempts, f.Count("POST /ims/token/v3"))
		}
		for _, req := range f.Requests() {
			if req.Status == http.StatusUnauthorized {
				t.Fatalf("saw a 401: %+v", req)
			}
		}
	})
}

func TestFakeRevokedTokenIsReplacedOnce(t *testing.T) {
	f, _ := adobetest.New()
	cfg := fakeConfig(t, f)
	ctx := context.Background()
	if _, _, err := userinfo(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	tok, _ := cfg.TokenSource().TokenContext(ctx)
	ic, _ := ims.NewClient(ims.WithHTTPOptions(auth.WithBaseTransport(f.Transport())))
	if err := ic.Revoke(ctx, cfg.Credentials().ClientID, cfg.Credentials().ClientSecret, auth.Secret(tok.AccessToken)); err != nil {
		t.Fatal(err)
	}
	r, _, err := userinfo(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Attempts != 2 || f.Count("POST /ims/token/v3") != 2 || f.Count("GET /ims/userinfo/v2") != 3 {
		t.Fatalf("attempts %d, token requests %d, userinfo %d", r.Attempts, f.Count("POST /ims/token/v3"), f.Count("GET /ims/userinfo/v2"))
	}
}

func TestFakeTokenOutageIsRetried(t *testing.T) {
	f, _ := adobetest.New()
	if err := f.InjectFault(adobetest.Fault{Route: "POST /ims/token/v3", Times: 2, Status: http.StatusServiceUnavailable}); err != nil {
		t.Fatal(err)
	}
	cfg := fakeConfig(t, f)
	if _, _, err := userinfo(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if n := f.Count("POST /ims/token/v3"); n != 3 {
		t.Fatalf("token requests = %d, want 3", n)
	}
}

func TestFakeWrongSecretIsTypedAndNotRetried(t *testing.T) {
	f, _ := adobetest.New()
	b := f.Bootstrap()
	cfg, err := auth.NewConfig(auth.Credentials{ClientID: b.ClientID, ClientSecret: "p8e-wrong", OrgID: b.OrgID, Scopes: []string{"openid"}},
		auth.WithBaseTransport(f.Transport()))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = userinfo(context.Background(), cfg)
	var te *auth.TokenError
	if !errors.As(err, &te) || te.Code != "invalid_client" || te.DebugID == "" || !errors.Is(err, adobe.ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	if f.Count("POST /ims/token/v3") != 1 || strings.Contains(err.Error(), b.ClientSecret) {
		t.Fatalf("token requests %d; error %q", f.Count("POST /ims/token/v3"), err)
	}
}

func TestFakeScopeNotGranted(t *testing.T) {
	f, _ := adobetest.New()
	b := f.Bootstrap()
	cfg, _ := auth.NewConfig(auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: []string{"openid", "offline_access"}},
		auth.WithBaseTransport(f.Transport()))
	_, _, err := userinfo(context.Background(), cfg)
	var te *auth.TokenError
	if !errors.As(err, &te) || te.Code != "invalid_scope" || !strings.Contains(te.Hint(), "scopes listed") {
		t.Fatalf("err = %v", err)
	}
}

func TestFakeRateLimitBeyondCap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f, _ := adobetest.New()
		_ = f.InjectFault(adobetest.Fault{Route: "GET /ims/userinfo/v2", Status: http.StatusTooManyRequests, RetryAfter: "3600"})
		cfg := fakeConfig(t, f)
		start := time.Now()
		_, _, err := userinfo(context.Background(), cfg)
		var rl *adobe.RateLimitError
		if !errors.As(err, &rl) || rl.RetryAfter != time.Hour || time.Since(start) != 0 {
			t.Fatalf("err = %v after %s", err, time.Since(start))
		}
		if rl.Err.Code != "429050" {
			t.Errorf("code %q", rl.Err.Code)
		}
	})
}
