package analytics_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
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
	"golang.org/x/time/rate"
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

// idealFinish is when the last of n requests can start under "n per period
// in any window": n at t=0, then n more every period.
func idealFinish(n int) time.Duration {
	return time.Duration((n-1)/analytics.RateLimitRequests) * analytics.RateLimitPeriod
}

// TestLimiterMeetsNo429 shows on the fake clock that 120 requests through
// the default limiter meet no 429 from a fake enforcing at most 12 requests
// in any 6 s (a sliding window) and finish within 5% of the ideal time (12
// at t=0, then 12 every 6 s: 54 s), while the same run without the limiter,
// or with a token bucket of burst 12, meets 429s.
func TestLimiterMeetsNo429(t *testing.T) {
	const n, workers = 120, 4
	ideal := idealFinish(n)
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
	synctest.Test(t, func(t *testing.T) {
		bucket := rate.NewLimiter(rate.Every(analytics.RateLimitPeriod/analytics.RateLimitRequests), analytics.RateLimitRequests)
		elapsed, tooMany, failed := burst(t, n, workers, analytics.WithWaiter(bucket))
		t.Logf("token bucket (burst 12, 2/s): %d requests: %v, %d × 429, %d calls failed after retries", n, elapsed, tooMany, failed)
		if tooMany == 0 {
			t.Error("a token bucket of burst 12 met no 429: the fake does not enforce a 6 s window")
		}
	})
}

// TestLimiterWindow checks the limiter alone: under uneven arrivals no 6 s
// window holds more than 12 starts, and the 13th of 12 simultaneous
// requests starts exactly 6 s after them.
func TestLimiterWindow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := analytics.MustLimiter(analytics.Limits{Requests: analytics.RateLimitRequests, Per: analytics.RateLimitPeriod})
		ctx := context.Background()
		start := time.Now()
		var mu sync.Mutex
		var starts []time.Duration
		var wg sync.WaitGroup
		for i := range 50 {
			wg.Go(func() {
				time.Sleep(time.Duration(i*i%37) * 170 * time.Millisecond) // uneven arrivals
				if err := l.Wait(ctx); err != nil {
					t.Error(err)
				}
				mu.Lock()
				starts = append(starts, time.Since(start))
				mu.Unlock()
			})
		}
		wg.Wait()
		slices.Sort(starts)
		for i := analytics.RateLimitRequests; i < len(starts); i++ {
			if d := starts[i] - starts[i-analytics.RateLimitRequests]; d < analytics.RateLimitPeriod {
				t.Fatalf("starts %d and %d are %v apart: 13 requests in one 6 s window", i-analytics.RateLimitRequests, i, d)
			}
		}
	})
	synctest.Test(t, func(t *testing.T) {
		l := analytics.MustLimiter(analytics.Limits{Requests: analytics.RateLimitRequests, Per: analytics.RateLimitPeriod})
		ctx := context.Background()
		start := time.Now()
		for range analytics.RateLimitRequests {
			if err := l.Wait(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if d := time.Since(start); d != 0 {
			t.Fatalf("12 requests waited %v", d)
		}
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if err := l.Wait(cctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("13th with a 1 s deadline: %v", err)
		}
		if err := l.Wait(ctx); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d != analytics.RateLimitPeriod {
			t.Fatalf("13th started after %v, want %v", d, analytics.RateLimitPeriod)
		}
	})
}

// TestLimiterSharedPerCredential: clients of one credential share the
// default limiter; WithProjectLimiter, WithLimiter and WithoutRateLimit
// override it.
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
	if l := c1.Limiter(); l.Limits() != (analytics.Limits{Requests: 12, Per: 6 * time.Second}) || l.String() != "analytics (12 requests per 6s)" {
		t.Fatalf("default limiter = %v; want 12 per 6 s", l)
	}
	own := analytics.MustLimiter(analytics.Limits{Requests: 6, Per: 6 * time.Second})
	c3, _ := analytics.NewFromConfig(cfg, analytics.WithLimiter(own))
	c4, _ := analytics.NewFromConfig(cfg, analytics.WithoutRateLimit())
	if c3.Limiter() != own || c4.Limiter() != nil {
		t.Fatal("WithLimiter / WithoutRateLimit not applied")
	}
	p1, _ := analytics.NewFromConfig(cfg, analytics.WithProjectLimiter("4566206088344794932"))
	if p1.Limiter() == c1.Limiter() || p1.Limiter() != analytics.SharedLimiter("project:4566206088344794932") {
		t.Fatal("WithProjectLimiter does not select the project's shared limiter")
	}
	for _, o := range []analytics.Option{analytics.WithLimiter(nil), analytics.WithProjectLimiter("")} {
		if _, err := analytics.NewFromConfig(cfg, o); !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Fatalf("invalid limiter option = %v", err)
		}
	}
	if w, _ := analytics.Bind(c2, "y"); w.Limiter() != c2.Limiter() {
		t.Fatal("WithCompany copy does not share the limiter")
	}
}

// startTimed hides a *Limiter's type, so the client cannot time requests
// from their answers: they count from when Wait returned.
type startTimed struct{ l *analytics.Limiter }

func (s startTimed) Wait(ctx context.Context) error { return s.l.Wait(ctx) }

// TestLimiterTimesFromAnswer: Adobe counts a request when it arrives. The
// first of 13 requests leaves at 0 s and is slow on the way (it arrives at
// 1 s), the next 12 leave at 0.5 s. Counted from its start, the 13th
// would leave at 6 s, when the window (0 s, 6 s] already holds 12 arrivals:
// a 429. The client's limiter counts from the first's answer and sends the
// 13th at 7 s.
func TestLimiterTimesFromAnswer(t *testing.T) {
	run := func(t *testing.T, opts ...analytics.Option) (last time.Duration, tooMany int) {
		e := newEnv(t, nil, &fullProfile, append(opts, analytics.WithCompany(adobetest.DemoAnalyticsCompanyID))...)
		ctx := context.Background()
		if _, _, err := e.client.Discovery.Me(ctx); err != nil { // mint the token; one request in the window
			t.Fatal(err)
		}
		time.Sleep(analytics.RateLimitPeriod)
		e.fake.ResetRequests()
		if err := e.fake.InjectFault(adobetest.Fault{Route: "GET /api/{gcid}/users/me", Times: 1, Latency: time.Second}); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		var wg sync.WaitGroup
		var mu sync.Mutex
		call := func() {
			_, _, err := e.client.Users.Me(ctx)
			if err != nil && !errors.Is(err, adobe.ErrRateLimited) {
				t.Error(err)
			}
			mu.Lock()
			last = max(last, time.Since(start))
			mu.Unlock()
		}
		wg.Go(call)
		synctest.Wait()                    // the first request is on its slow way
		time.Sleep(500 * time.Millisecond) // the next 12 leave at 0.5 s and arrive first
		for range analytics.RateLimitRequests {
			wg.Go(call)
		}
		wg.Wait()
		for _, r := range e.fake.Requests() {
			if r.Status == http.StatusTooManyRequests {
				tooMany++
			}
		}
		return last, tooMany
	}
	synctest.Test(t, func(t *testing.T) {
		last, tooMany := run(t)
		t.Logf("answer-timed limiter: 13 requests, the first 1 s slow: last answered at %v, %d × 429", last, tooMany)
		if tooMany != 0 || last != analytics.RateLimitPeriod+time.Second {
			t.Errorf("answer-timed: %d × 429, last at %v; want none, at 7s", tooMany, last)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		last, tooMany := run(t, analytics.WithWaiter(startTimed{analytics.MustLimiter(analytics.Limits{Requests: analytics.RateLimitRequests, Per: analytics.RateLimitPeriod})}))
		t.Logf("start-timed limiter: last answered at %v, %d × 429", last, tooMany)
		if tooMany == 0 {
			t.Error("a start-timed limiter met no 429: the test does not exercise the arrival time")
		}
	})
}
