package devconsole

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// Limits is a client-side request budget: at most Requests attempts per
// Window, spaced evenly. Adobe publishes no rate limit for the Developer
// Console API, so the SDK sets none by default.
type Limits struct {
	// Requests is how many attempts may start per Window (at least 1).
	Requests int
	// Window is the period Requests applies to (default one second).
	Window time.Duration
}

// Limiter spaces the attempts of the clients that share it (see
// WithLimiter). It implements adobe.Limiter and is safe for concurrent use.
type Limiter struct {
	limits   Limits
	interval time.Duration
	mu       sync.Mutex
	next     time.Time
}

var _ adobe.Limiter = (*Limiter)(nil)

// NewLimiter returns a limiter with these limits.
func NewLimiter(l Limits) (*Limiter, error) {
	if l.Requests < 1 {
		return nil, core.NewArgError("Limits.Requests", "is %d; it must be at least 1", l.Requests)
	}
	if l.Window < 0 {
		return nil, core.NewArgError("Limits.Window", "is negative")
	}
	if l.Window == 0 {
		l.Window = time.Second
	}
	return &Limiter{limits: l, interval: l.Window / time.Duration(l.Requests)}, nil
}

// Wait blocks until an attempt may start or ctx ends; a context that ends
// first yields an *adobe.LimitWaitError naming this limiter.
func (l *Limiter) Wait(ctx context.Context) error {
	start := time.Now()
	if err := ctx.Err(); err != nil {
		return &adobe.LimitWaitError{Limiter: l.String(), Err: err}
	}
	l.mu.Lock()
	at := l.next
	if at.Before(start) {
		at = start
	}
	l.next = at.Add(l.interval)
	l.mu.Unlock()
	d := at.Sub(start)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return &adobe.LimitWaitError{Limiter: l.String(), Waited: time.Since(start), Err: ctx.Err()}
	}
}

// String names the limiter and its budget, e.g. "devconsole (10 requests per 1s)".
func (l *Limiter) String() string {
	return fmt.Sprintf("devconsole (%d requests per %s)", l.limits.Requests, l.limits.Window)
}
