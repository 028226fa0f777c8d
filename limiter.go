package adobe

import (
	"context"
	"fmt"
	"time"
)

// Limiter is a client-side rate limiter: the Analytics and User Management
// API clients wait on one before every attempt, so that a program stays
// inside Adobe's published limits instead of meeting 429s. Each package's
// NewLimiter returns its own implementation, built from that package's
// Limits, and its WithLimiter option shares one limiter among clients.
type Limiter interface {
	// Wait blocks until a request may be sent or ctx ends; a context that
	// ends first yields a *LimitWaitError.
	Wait(ctx context.Context) error
	// String names the limiter and its budget, e.g.
	// "analytics (12 requests per 6s)".
	String() string
}

// LimitWaitError is a call whose context ended while it waited on a
// client-side rate limiter: it names the limiter, its budget and how long the
// call waited. errors.Is(err, context.DeadlineExceeded) (or
// context.Canceled) still holds.
type LimitWaitError struct {
	// Limiter names the limiter and its budget.
	Limiter string
	// Waited is how long the call waited before its context ended.
	Waited time.Duration
	// Err is the context's error.
	Err error
}

// Error implements error.
func (e *LimitWaitError) Error() string {
	return fmt.Sprintf("adobe: waited %s on the %s rate limiter: %v", e.Waited.Round(time.Millisecond), e.Limiter, e.Err)
}

// Unwrap returns the context's error.
func (e *LimitWaitError) Unwrap() error { return e.Err }
