package analytics

import (
	"context"
	"sync"
	"time"

	"github.com/go-adobe/adobe/internal/core"
)

// Adobe's documented limit: "12 requests every 6 seconds per user", shared by
// everything that uses one Developer Console project.
const (
	RateLimitRequests = 12
	RateLimitPeriod   = 6 * time.Second
)

// Limiter is a client-side sliding-window rate limiter: it lets at most N
// requests start in any window of Period. Unlike a token bucket (e.g.
// golang.org/x/time/rate with a burst of 12), it stays under a server that
// counts "12 requests every 6 seconds" over any 6-second window: 12
// requests start at once, the 13th waits until the first is Period old.
// A Limiter is safe for concurrent use; its zero value is not usable (use
// [NewLimiter]).
type Limiter struct {
	n      int
	period time.Duration

	mu     sync.Mutex
	grants []time.Time // start times of the last ≤ n requests, oldest first
}

// NewLimiter returns a limiter of n requests in any window of period.
// NewLimiter(RateLimitRequests, RateLimitPeriod) is the default. Use a
// lower n (or a longer period) when other programs share the project, or
// to leave a margin for network delay between this process and Adobe.
// n < 1 or period <= 0 returns a limiter that never waits.
func NewLimiter(n int, period time.Duration) *Limiter {
	if n < 1 || period <= 0 {
		return &Limiter{}
	}
	return &Limiter{n: n, period: period, grants: make([]time.Time, 0, n)}
}

// N returns how many requests may start in any window of [Limiter.Period]
// (0 for a limiter that never waits).
func (l *Limiter) N() int { return l.n }

// Period returns the window length (0 for a limiter that never waits).
func (l *Limiter) Period() time.Duration { return l.period }

// Wait blocks until a request may start, and records it. It returns ctx's
// error if ctx ends first (nothing is recorded then).
func (l *Limiter) Wait(ctx context.Context) error {
	if l.n < 1 {
		return ctx.Err()
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		l.mu.Lock()
		now := time.Now()
		if len(l.grants) < l.n {
			l.grants = append(l.grants, now)
			l.mu.Unlock()
			return nil
		}
		wait := l.grants[0].Add(l.period).Sub(now)
		if wait <= 0 {
			copy(l.grants, l.grants[1:])
			l.grants[len(l.grants)-1] = now
			l.mu.Unlock()
			return nil
		}
		l.mu.Unlock()
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

var shared sync.Map // key → *Limiter

// SharedLimiter returns the process-wide limiter for key, created on first
// use with Adobe's documented limit. [NewFromConfig] uses the credential's
// client id as the key unless [WithProjectLimiter], [WithLimiter] or
// [WithoutRateLimit] says otherwise, so several clients of one credential
// stay under the limit together.
//
// Adobe counts the limit per Developer Console project, not per credential:
// a program that uses several credentials of one project should give all
// their clients one limiter, with [WithProjectLimiter] (keyed by a project
// key of its choice, such as the project id) or [WithLimiter].
//
// Limiters are kept for the life of the process, one per distinct key (each
// holds at most [RateLimitRequests] timestamps); a program that goes
// through an unbounded number of credentials should pass its own limiters
// with WithLimiter instead.
func SharedLimiter(key string) *Limiter {
	if l, ok := shared.Load(key); ok {
		return l.(*Limiter)
	}
	l, _ := shared.LoadOrStore(key, NewLimiter(RateLimitRequests, RateLimitPeriod))
	return l.(*Limiter)
}

// projectKey keeps project keys apart from client ids in the shared map.
func projectKey(project string) string { return "project:" + project }

// WithProjectLimiter makes the client use the process-wide limiter of a
// Developer Console project ([SharedLimiter] keyed by project) instead of
// its credential's: pass the same project key (e.g. the project id) to the
// clients of every credential of the project, since Adobe counts its limit
// per project.
func WithProjectLimiter(project string) Option {
	return func(o *options) error {
		if project == "" {
			return core.NewArgError("WithProjectLimiter", "the project key is empty")
		}
		o.limiter = SharedLimiter(projectKey(project))
		return nil
	}
}
