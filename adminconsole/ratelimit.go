package adminconsole

import (
	"context"
	"sync"
	"time"

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
	if l.Groups < 0 || l.Users < 0 || l.Action < 0 {
		return core.NewArgError("Limits", "counts may not be negative (0 disables a limiter)")
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

// endpointLimiter is the auth.Waiter installed in the client's HTTP stack:
// every attempt (retries included) waits on the limiter of the endpoint
// family its context names.
type endpointLimiter struct {
	groups, users, action *window
}

func newEndpointLimiter(l Limits) *endpointLimiter {
	w := l.Window
	if w == 0 {
		w = time.Minute
	}
	return &endpointLimiter{groups: newWindow(l.Groups, w), users: newWindow(l.Users, w), action: newWindow(l.Action, w)}
}

// Wait implements auth.Waiter.
func (e *endpointLimiter) Wait(ctx context.Context) error {
	ep, _ := ctx.Value(endpointKey{}).(endpoint)
	switch ep {
	case epGroups:
		return e.groups.Wait(ctx)
	case epUsers:
		return e.users.Wait(ctx)
	case epAction:
		return e.action.Wait(ctx)
	}
	return nil
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
		for len(w.times) > 0 && !now.Before(w.times[0].Add(w.per)) {
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
