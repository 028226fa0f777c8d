package analytics

import (
	"context"
	"net/http"
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
// requests reach Adobe in any window of Period. Unlike a token bucket (e.g.
// golang.org/x/time/rate with a burst of 12), it stays under a server that
// counts "12 requests every 6 seconds" over any 6-second window: 12
// requests start at once, the 13th waits until the first is Period old.
//
// Requests of a [Client] are timed from when Adobe has answered them, not
// from when they were sent: Adobe counts a request when it arrives, which
// is somewhere between the two, so a request that was slow on the way must
// not free its slot early. The 13th request waits until the first has been
// answered and then Period has passed. Used elsewhere (any caller of Wait),
// a request counts from when Wait returned.
//
// A Limiter is safe for concurrent use; its zero value is not usable (use
// [NewLimiter]).
type Limiter struct {
	n      int
	period time.Duration

	mu     sync.Mutex
	grants []*grant      // the last ≤ n requests, oldest first
	wake   chan struct{} // closed when an in-flight request is answered
}

// grant is one request: t is when it was answered (done), or when it
// started while it is in flight.
type grant struct {
	t    time.Time
	done bool
}

// NewLimiter returns a limiter of n requests in any window of period.
// NewLimiter(RateLimitRequests, RateLimitPeriod) is the default. Use a
// lower n (or a longer period) when other programs share the project.
// n < 1 or period <= 0 returns a limiter that never waits.
func NewLimiter(n int, period time.Duration) *Limiter {
	if n < 1 || period <= 0 {
		return &Limiter{}
	}
	return &Limiter{n: n, period: period, grants: make([]*grant, 0, n)}
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
	rec, _ := ctx.Value(callKey{}).(*callRecord)
	if rec != nil {
		// A call's attempts are sequential: when it asks again, its
		// earlier attempts have been answered.
		rec.finish()
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		l.mu.Lock()
		now := time.Now()
		var wait time.Duration
		var wake chan struct{}
		if len(l.grants) == l.n {
			switch old := l.grants[0]; {
			case !old.done:
				if l.wake == nil {
					l.wake = make(chan struct{})
				}
				wake = l.wake
			default:
				wait = old.t.Add(l.period).Sub(now)
			}
		}
		if wake == nil && wait <= 0 {
			g := &grant{t: now, done: rec == nil}
			if len(l.grants) == l.n {
				copy(l.grants, l.grants[1:])
				l.grants[len(l.grants)-1] = g
			} else {
				l.grants = append(l.grants, g)
			}
			l.mu.Unlock()
			if rec != nil {
				rec.add(l, g)
			}
			return nil
		}
		l.mu.Unlock()
		var timer <-chan time.Time
		if wake == nil {
			t := time.NewTimer(wait)
			defer t.Stop()
			timer = t.C
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-wake:
		case <-timer:
		}
	}
}

// finish marks an in-flight request as answered at now.
func (l *Limiter) finish(g *grant, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !g.done {
		g.t, g.done = now, true
	}
	if l.wake != nil {
		close(l.wake)
		l.wake = nil
	}
}

// callKey carries a call's *callRecord in its context to the limiter.
type callKey struct{}

// callRecord collects the limiter grants of one call's attempts.
type callRecord struct {
	mu     sync.Mutex
	grants []func(time.Time)
}

func (r *callRecord) add(l *Limiter, g *grant) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.grants = append(r.grants, func(now time.Time) { l.finish(g, now) })
}

func (r *callRecord) finish() {
	r.mu.Lock()
	fs := r.grants
	r.grants = nil
	r.mu.Unlock()
	now := time.Now()
	for _, f := range fs {
		f(now)
	}
}

// answerTimer wraps a Client's whole stack (retries included) so that the
// Limiter times each call's attempts from when the call was answered.
type answerTimer struct{ next http.RoundTripper }

func (t answerTimer) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := &callRecord{}
	resp, err := t.next.RoundTrip(req.WithContext(context.WithValue(req.Context(), callKey{}, rec)))
	rec.finish()
	return resp, err
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
