package adminconsole

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// Limits are the client-side request budgets per UMAPI endpoint family, each
// counted over a sliding window of Window (default one minute). A zero count
// disables that family's limiter.
//
// Adobe documents per-client limits of 5 group listings, 25 user reads and
// 10 action calls per minute, plus global limits shared by every client of
// the org (100 per minute). Because of the global limits the client-side
// budget cannot prevent every 429; the transport still retries those,
// honouring Retry-After.
type Limits struct {
	// Groups limits GET /groups/{orgId}/{page}.
	Groups int
	// Users limits GET /users/... and GET /organizations/{orgId}/users/....
	Users int
	// Action limits POST /action/{orgId}.
	Action int
	// Window is the period the counts apply to (default one minute).
	Window time.Duration
}

// DefaultLimits are Adobe's documented per-client limits.
var DefaultLimits = Limits{Groups: 5, Users: 25, Action: 10, Window: time.Minute}

func (l Limits) validate() error {
	for _, f := range []struct {
		name string
		n    int
	}{{"Limits.Groups", l.Groups}, {"Limits.Users", l.Users}, {"Limits.Action", l.Action}} {
		if f.n < 0 {
			return core.NewArgError(f.name, "%d is negative (0 disables that limiter)", f.n)
		}
	}
	if l.Window < 0 {
		return core.NewArgError("Limits.Window", "may not be negative")
	}
	return nil
}

type endpoint int

const (
	epNone endpoint = iota
	epGroups
	epUsers
	epAction
)

type endpointKey struct{}

func withEndpoint(ctx context.Context, ep endpoint) context.Context {
	return context.WithValue(ctx, endpointKey{}, ep)
}

// Limiter is a client-side limiter with one sliding window per UMAPI
// endpoint family. Every attempt (retries included) of a [Client] that uses
// it waits on the window of its endpoint. One Limiter may serve several
// clients; by default every client of one credential shares
// [SharedLimiter]'s.
type Limiter struct {
	limits                Limits
	groups, users, action *window
}

// NewLimiter returns a limiter with these limits (a zero count disables
// that family's window; a zero Window means one minute).
func NewLimiter(l Limits) (*Limiter, error) {
	if err := l.validate(); err != nil {
		return nil, err
	}
	if l.Window == 0 {
		l.Window = time.Minute
	}
	return &Limiter{limits: l, groups: newWindow(l.Groups, l.Window), users: newWindow(l.Users, l.Window), action: newWindow(l.Action, l.Window)}, nil
}

var _ adobe.Limiter = (*Limiter)(nil)

// String names the limiter and its budget, e.g. "adminconsole (users
// 25/min, groups 5/min, action 10/min)".
func (e *Limiter) String() string {
	if e == nil {
		return "adminconsole (no limit)"
	}
	per := "/min"
	if e.limits.Window != time.Minute {
		per = " per " + e.limits.Window.String()
	}
	budget := func(n int) string {
		if n == 0 {
			return " unlimited"
		}
		return " " + strconv.Itoa(n) + per
	}
	return "adminconsole (users" + budget(e.limits.Users) + ", groups" + budget(e.limits.Groups) + ", action" + budget(e.limits.Action) + ")"
}

// Limits returns the limiter's limits.
func (e *Limiter) Limits() Limits { return e.limits }

var shared sync.Map // client id → *Limiter

// SharedLimiter returns the process-wide limiter of one credential (by
// client id), created on first use with [DefaultLimits]. Adobe counts its
// per-client limits per credential, so every client built by
// [NewFromConfig] for that credential waits on it unless [WithRateLimits],
// [WithLimiter] or [WithoutRateLimit] says otherwise: two clients of one
// credential together stay within 5 group listings, 25 user reads and 10
// action calls per minute.
func SharedLimiter(clientID string) *Limiter {
	if l, ok := shared.Load(clientID); ok {
		return l.(*Limiter)
	}
	lim, _ := NewLimiter(DefaultLimits)
	l, _ := shared.LoadOrStore(clientID, lim)
	return l.(*Limiter)
}

// Wait blocks until an attempt on the endpoint family that ctx names (none:
// no wait) may be sent, or ctx is done; it then returns ctx.Err() at once.
// It implements adobe.Limiter; the client's HTTP stack calls it before
// every attempt.
func (e *Limiter) Wait(ctx context.Context) error {
	if e == nil {
		return ctx.Err()
	}
	ep, _ := ctx.Value(endpointKey{}).(endpoint)
	switch ep {
	case epGroups:
		return e.groups.Wait(ctx)
	case epUsers:
		return e.users.Wait(ctx)
	case epAction:
		return e.action.Wait(ctx)
	}
	return ctx.Err()
}

// attemptWaiter is the auth.Waiter installed in every client's stack: it
// records the call's state for a sendTracker in ctx, then waits on the
// limiter (nil: none).
type attemptWaiter struct{ lim *Limiter }

func (a attemptWaiter) Wait(ctx context.Context) error {
	if t, ok := ctx.Value(trackerKey{}).(*sendTracker); ok {
		if st := core.CallStateFrom(ctx); st != nil {
			t.state.Store(st)
		}
	}
	return a.lim.Wait(ctx)
}

// String names the limiter, for errors that report a wait on it.
func (a attemptWaiter) String() string { return a.lim.String() }

type trackerKey struct{}

// sendTracker tells whether a call reached the wire: the bearer layer
// counts an attempt in the call's state just before handing the request to
// the base transport, so Attempts > 0 means Adobe may have seen it. A call
// that ended in the limiter's wait or while fetching a token has 0.
type sendTracker struct {
	state atomic.Pointer[core.CallState]
}

func withTracker(ctx context.Context) (context.Context, *sendTracker) {
	t := new(sendTracker)
	return context.WithValue(ctx, trackerKey{}, t), t
}

func (t *sendTracker) sent() bool {
	st := t.state.Load()
	return st != nil && st.Attempts.Load() > 0
}

// window allows at most n events in any period of length per: a sliding
// log, so a fresh client may send n requests at once, then one more each
// time the oldest leaves the window. A nil window allows everything.
type window struct {
	n   int
	per time.Duration

	mu    sync.Mutex
	times []time.Time // grant times, oldest first, at most n
}

func newWindow(n int, per time.Duration) *window {
	if n <= 0 {
		return nil
	}
	return &window{n: n, per: per}
}

// Wait blocks until a request may be sent or ctx is done.
func (w *window) Wait(ctx context.Context) error {
	if w == nil {
		return ctx.Err()
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		w.mu.Lock()
		now := time.Now()
		for len(w.times) > 0 && (!now.Before(w.times[0].Add(w.per)) || now.Before(w.times[0])) {
			// Expired, or granted "in the future": the clock moved back
			// (e.g. a limiter used from two testing/synctest bubbles).
			w.times = w.times[1:]
		}
		if len(w.times) < w.n {
			w.times = append(w.times, now)
			w.mu.Unlock()
			return nil
		}
		wait := w.times[0].Add(w.per).Sub(now)
		w.mu.Unlock()
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
