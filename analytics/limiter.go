package analytics

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Adobe's documented limit: "12 requests every 6 seconds per user", shared by
// everything that uses one Developer Console project.
const (
	RateLimitRequests = 12
	RateLimitPeriod   = 6 * time.Second
)

// NewLimiter returns a token bucket for n requests per period: a burst of n,
// refilled at n/period. NewLimiter(RateLimitRequests, RateLimitPeriod) is
// the default. Use a lower n when other programs share the project.
func NewLimiter(n int, period time.Duration) *rate.Limiter {
	if n < 1 || period <= 0 {
		return rate.NewLimiter(rate.Inf, 0)
	}
	return rate.NewLimiter(rate.Every(period/time.Duration(n)), n)
}

var shared sync.Map // client id → *rate.Limiter

// SharedLimiter returns the process-wide limiter of one credential (by
// client id), created on first use with Adobe's documented limit. Every
// client built by [NewFromConfig] for that credential uses it unless
// [WithLimiter] or [WithoutRateLimit] says otherwise, so several clients of
// one credential stay under the limit together.
func SharedLimiter(clientID string) *rate.Limiter {
	if l, ok := shared.Load(clientID); ok {
		return l.(*rate.Limiter)
	}
	l, _ := shared.LoadOrStore(clientID, NewLimiter(RateLimitRequests, RateLimitPeriod))
	return l.(*rate.Limiter)
}
