package analytics

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// Adobe's documented limit: "12 requests every 6 seconds per user", shared by
// everything that uses one Developer Console project.
const (
	RateLimitRequests = 12
	RateLimitPeriod   = 6 * time.Second
)

// Limits is the budget of a [Limiter]: at most Requests requests in any
// window of Per. Adobe's is Limits{Requests: [RateLimitRequests], Per:
// [RateLimitPeriod]}.
type Limits struct {
	// Requests is how many requests may start in any window of Per (> 0).
	Requests int
	// Per is the window length (> 0).
	Per time.Duration
}

func (l Limits) validate() error {
	if l.Requests < 1 {
		return core.NewArgError("Limits.Requests", "is %d; it must be positive", l.Requests)
	}
	if l.Per <= 0 {
		return core.NewArgError("Limits.Per", "is %s; it must be positive", l.Per)
	}
	return nil
}

// String returns e.g. "12 requests per 6s".
func (l Limits) String() string {
	if l.Requests == 1 {
		return fmt.Sprintf("1 request per %s", l.Per)
	}
	return fmt.Sprintf("%d requests per %s", l.Requests, l.Per)
}

// Limiter is a client-side sliding-window rate limiter: it lets at most
// Requests requests reach Adobe in any window of Per. Unlike a token bucket
// (e.g. golang.org/x/time/rate with a burst of 12), it stays under a server
// that counts "12 requests every 6 seconds" over any 6-second window: 12
// requests start at once, the 13th waits until the first is Per old.
//
// Requests of a [Client] are timed from when Adobe has answered them, not
// from when they were sent: Adobe counts a request when it arrives, which
// is somewhere between the two, so a request that was slow on the way must
// not free its slot early. The 13th request waits until the first has been
// answered and then Per has passed. Used elsewhere (any caller of Wait),
// a request counts from when Wait returned.
//
// A grant costs O(1) time whatever the budget, and the limiter holds only
// the requests still inside the window. *Limiter implements
// [adobe.Limiter]. It is safe for concurrent use; its zero value never
// waits (use [NewLimiter]).
type Limiter struct {
	lim  Limits
	name string

	mu sync.Mutex
	// ring holds the last grants still relevant (at most lim.Requests),
	// oldest at head; seq is the sequence number of the grant at head.
	ring  []grant
	head  int
	count int
	seq   uint64
	wake  chan struct{} // closed when an in-flight request is answered
}

// grant is one request: t is when it was answered (done), or when it
// started while it is in flight.
type grant struct {
	t    time.Time
	done bool
}

// NewLimiter returns a limiter of lim.Requests requests in any window of
// lim.Per. NewLimiter(Limits{Requests: RateLimitRequests, Per:
// RateLimitPeriod}) is the default; use a lower budget when other programs
// share the Developer Console project. A non-positive Requests or Per is an
// *adobe.ArgError.
func NewLimiter(lim Limits) (*Limiter, error) {
	if err := lim.validate(); err != nil {
		return nil, err
	}
	return newLimiter(lim, "analytics"), nil
}

func newLimiter(lim Limits, name string) *Limiter {
	return &Limiter{lim: lim, name: name}
}

// Limits returns the limiter's budget.
func (l *Limiter) Limits() Limits { return l.lim }

// String names the limiter and its budget, e.g. "analytics (12 requests
// per 6s)".
func (l *Limiter) String() string {
	if l.lim.Requests < 1 {
		return "analytics (unlimited)"
	}
	return l.name + " (" + l.lim.String() + ")"
}

var _ adobe.Limiter = (*Limiter)(nil)

// Wait blocks until a request may start, and records it. It returns ctx's
// error as soon as ctx ends (nothing is recorded then).
func (l *Limiter) Wait(ctx context.Context) error {
	if l.lim.Requests < 1 {
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
		wait, wake, seq, ok := l.tryGrant(rec == nil)
		if ok {
			if rec != nil {
				rec.add(l, seq)
			}
			return nil
		}
		var timer *time.Timer
		var fire <-chan time.Time
		if wake == nil {
			timer = time.NewTimer(wait)
			fire = timer.C
		}
		select {
		case <-ctx.Done():
		case <-wake:
		case <-fire:
		}
		if timer != nil {
			timer.Stop()
		}
	}
}

// tryGrant records a grant when the window has room. Otherwise it says how
// long to wait, or the channel to wait on while the oldest grant is in
// flight.
func (l *Limiter) tryGrant(done bool) (wait time.Duration, wake chan struct{}, seq uint64, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	// Forget answered grants that have left the window: memory stays
	// bounded by what is in it.
	for l.count > 0 {
		old := &l.ring[l.head]
		if !old.done || now.Sub(old.t) < l.lim.Per {
			break
		}
		l.pop()
	}
	if l.count == l.lim.Requests {
		old := l.ring[l.head]
		if !old.done {
			if l.wake == nil {
				l.wake = make(chan struct{})
			}
			return 0, l.wake, 0, false
		}
		if wait = old.t.Add(l.lim.Per).Sub(now); wait > 0 {
			return wait, nil, 0, false
		}
		l.pop()
	}
	if l.count == len(l.ring) {
		l.grow()
	}
	l.ring[(l.head+l.count)%len(l.ring)] = grant{t: now, done: done}
	l.count++
	return 0, nil, l.seq + uint64(l.count-1), true
}

func (l *Limiter) pop() {
	l.ring[l.head] = grant{}
	l.head = (l.head + 1) % len(l.ring)
	l.count--
	l.seq++
}

// grow doubles the ring (up to the budget), keeping the oldest at index 0.
func (l *Limiter) grow() {
	n := min(max(2*len(l.ring), 16), l.lim.Requests)
	ring := make([]grant, n)
	for i := range l.count {
		ring[i] = l.ring[(l.head+i)%len(l.ring)]
	}
	l.ring, l.head = ring, 0
}

// finish marks the in-flight grant seq as answered at now.
func (l *Limiter) finish(seq uint64, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	// An in-flight grant is never dropped from the ring, so seq is in it.
	if i := seq - l.seq; seq >= l.seq && i < uint64(l.count) {
		g := &l.ring[(l.head+int(i))%len(l.ring)]
		if !g.done {
			g.t, g.done = now, true
		}
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
	grants []recordedGrant
}

type recordedGrant struct {
	l   *Limiter
	seq uint64
}

func (r *callRecord) add(l *Limiter, seq uint64) {
	r.mu.Lock()
	r.grants = append(r.grants, recordedGrant{l, seq})
	r.mu.Unlock()
}

func (r *callRecord) finish() {
	r.mu.Lock()
	gs := r.grants
	r.grants = nil
	r.mu.Unlock()
	now := time.Now()
	for _, g := range gs {
		g.l.finish(g.seq, now)
	}
}

// answerTimer wraps a Client's whole stack (retries included) so that the
// Limiter times each call's attempts from when the call was answered.
type answerTimer struct{ next http.RoundTripper }

// RoundTrip sends req and then marks its attempts as answered.
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
	l, _ := shared.LoadOrStore(key, newLimiter(Limits{Requests: RateLimitRequests, Per: RateLimitPeriod}, "analytics"))
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
		if err := checkText("WithProjectLimiter", project, true, maxIDLen); err != nil {
			return err
		}
		o.limiter = SharedLimiter(projectKey(project))
		return nil
	}
}
