package adobe

import (
	"fmt"
	"time"
)

// WaitOptions tune a waiter: every WaitFor... call of every package polls
// until its condition holds, maxWait passes or the context ends, backing off
// from MinDelay to MaxDelay (in the style of aws-sdk-go-v2's waiters).
type WaitOptions struct {
	// MinDelay is the first pause between polls; MaxDelay caps the
	// exponential backoff. Zero values take the waiter's defaults.
	MinDelay, MaxDelay time.Duration
	// OnPoll, when set, is called after every poll that did not end the
	// wait, so a caller can show progress.
	OnPoll func(WaitPoll)
}

// WaitOption changes one wait.
type WaitOption func(*WaitOptions)

// WithWaitDelays sets the backoff bounds of one wait.
func WithWaitDelays(minDelay, maxDelay time.Duration) WaitOption {
	return func(o *WaitOptions) { o.MinDelay, o.MaxDelay = minDelay, maxDelay }
}

// WithWaitProgress calls fn after every poll that did not end the wait.
func WithWaitProgress(fn func(WaitPoll)) WaitOption {
	return func(o *WaitOptions) { o.OnPoll = fn }
}

// WaitPoll describes one poll of a waiter.
type WaitPoll struct {
	// What names what is awaited, e.g. `product profile "reserved_campaign_classic_Acme"`.
	What string
	// Attempt counts polls from 1.
	Attempt int
	// Elapsed is the time since the wait began; Next the pause before the
	// next poll.
	Elapsed, Next time.Duration
	// Status says what the poll saw, e.g. "not listed yet".
	Status string
	// Err is a retryable error the poll met, if any.
	Err error
}

// WaitTimeoutError is a wait that ran out of time (maxWait or the context's
// deadline) before its condition held. errors.Is(err,
// context.DeadlineExceeded) is true.
type WaitTimeoutError struct {
	// What names what was awaited.
	What string
	// Waited is how long the wait lasted; Polls how many polls it made.
	Waited time.Duration
	Polls  int
	// LastStatus is what the last poll saw.
	LastStatus string
	// Err is the context error that ended the wait joined with the last
	// poll's error, if any (errors.Is finds either).
	Err error
}

// Error implements error.
func (e *WaitTimeoutError) Error() string {
	s := fmt.Sprintf("adobe: gave up waiting for %s after %s and %d polls", e.What, e.Waited.Round(time.Millisecond), e.Polls)
	if e.LastStatus != "" {
		s += " (last: " + e.LastStatus + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *WaitTimeoutError) Unwrap() error { return e.Err }
