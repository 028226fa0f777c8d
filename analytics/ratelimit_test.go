package analytics_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/auth"
)

// burst runs n GET /users/me calls from workers goroutines against a fake
// that enforces Adobe's 12 requests per 6 s, and returns the fake-clock
// duration, the 429 answers the fake gave and the calls that failed.
func burst(t *testing.T, n, workers int, opts ...analytics.Option) (elapsed time.Duration, tooMany int, failed int64) {
	f, err := adobetest.New() // random ids: a credential of its own, so a limiter of its own
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvOn(t, f, nil, &fullProfile, append(opts, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID))...)
	ctx := context.Background()
	start := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	var fails atomic.Int64
	for range workers {
		wg.Go(func() {
			for next.Add(1) <= int64(n) {
				if _, _, err := e.client.Users.Me(ctx); err != nil {
					if !errors.Is(err, adobe.ErrRateLimited) {
						t.Errorf("call failed: %v", err)
					}
					fails.Add(1)
				}
			}
		})
	}
	wg.Wait()
	elapsed = time.Since(start)
	for _, r := range f.Requests() {
		if strings.HasPrefix(r.Path, "/api/") && r.Status == 429 {
			tooMany++
		}
	}
	return elapsed, tooMany, fails.Load()
}

// TestLimiterMeetsNo429 shows on the fake clock that 120 requests through
// the default limiter meet no 429 from a fake enforcing 12 per 6 s and
// finish within 5% of the ideal time (12 at once, then one per 0.5 s:
// 54 s), while the same run without the limiter meets 429s.
func TestLimiterMeetsNo429(t *testing.T) {
	const n, workers = 120, 4
	ideal := time.Duration(n-analytics.RateLimitRequests) * analytics.RateLimitPeriod / analytics.RateLimitRequests
	synctest.Test(t, func(t *testing.T) {
		elapsed, tooMany, failed := burst(t, n, workers)
		t.Logf("with limiter: %d requests, %d workers: %v (ideal %v, +%.2f%%), %d × 429, %d failed",
			n, workers, elapsed, ideal, 100*(elapsed.Seconds()/ideal.Seconds()-1), tooMany, failed)
		if tooMany != 0 || failed != 0 {
			t.Errorf("with the limiter: %d × 429, %d failed calls; want none", tooMany, failed)
		}
		if elapsed < ideal || elapsed > ideal+ideal/20 {
			t.Errorf("with the limiter: %v, want within 5%% of %v", elapsed, ideal)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		elapsed, tooMany, failed := burst(t, n, workers, analytics.WithoutRateLimit())
		t.Logf("without limiter: %d requests, %d workers: %v, %d × 429, %d calls failed after retries", n, workers, elapsed, tooMany, failed)
		if tooMany == 0 {
			t.Error("without the limiter the fake answered no 429; the run does not exercise the limit")
		}
	})
}

// TestLimiterSharedPerCredential: clients of one credential share the
// default limiter; WithLimiter and WithoutRateLimit override it.
func TestLimiterSharedPerCredential(t *testing.T) {
	f, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	b := f.Bootstrap()
	cfg, err := auth.NewConfig(auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: b.Scopes},
		auth.WithBaseTransport(f.Transport()))
	if err != nil {
		t.Fatal(err)
	}
	c1, _ := analytics.NewFromConfig(cfg)
	c2, _ := analytics.NewFromConfig(cfg, analytics.WithCompany("x"))
	if c1.Limiter() == nil || c1.Limiter() != c2.Limiter() || c1.Limiter() != analytics.SharedLimiter(b.ClientID) {
		t.Fatal("clients of one credential do not share the default limiter")
	}
	if c1.Limiter().Burst() != 12 || c1.Limiter().Limit() != 2 {
		t.Fatalf("default limiter = burst %d, %v/s; want 12, 2/s", c1.Limiter().Burst(), c1.Limiter().Limit())
	}
	own := analytics.NewLimiter(6, 6*time.Second)
	c3, _ := analytics.NewFromConfig(cfg, analytics.WithLimiter(own))
	c4, _ := analytics.NewFromConfig(cfg, analytics.WithoutRateLimit())
	if c3.Limiter() != own || c4.Limiter() != nil {
		t.Fatal("WithLimiter / WithoutRateLimit not applied")
	}
	if _, err := analytics.NewFromConfig(cfg, analytics.WithLimiter(nil)); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("WithLimiter(nil) = %v", err)
	}
	if w, _ := c2.WithCompany("y"); w.Limiter() != c2.Limiter() {
		t.Fatal("WithCompany copy does not share the limiter")
	}
}
