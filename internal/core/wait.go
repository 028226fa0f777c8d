package core

import (
	"context"
	"errors"
	"time"

	"github.com/go-adobe/adobe"
)

// WaitSpec describes one wait for Wait.
type WaitSpec struct {
	// What names what is awaited, for progress and errors.
	What string
	// MaxWait bounds the whole wait; zero means only the context does.
	MaxWait time.Duration
	// MinDelay and MaxDelay are the waiter's default backoff bounds, used
	// where the caller's options leave them zero.
	MinDelay, MaxDelay time.Duration
}

// Poll is one check of a waiter: done ends the wait successfully; status
// says what it saw; a non-nil err ends the wait with that error unless
// retry is true, in which case the wait goes on.
type Poll func(ctx context.Context) (done bool, status string, retry bool, err error)

// Wait is the loop behind every WaitFor... method: it polls, then sleeps
// with exponential backoff between the delays, calling the caller's OnPoll
// after every poll that did not end the wait. It returns nil when a poll is
// done, the poll's error when it is not retryable, and an
// *adobe.WaitTimeoutError when MaxWait or the context runs out first.
func Wait(ctx context.Context, spec WaitSpec, opts []adobe.WaitOption, poll Poll) error {
	var o adobe.WaitOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	if o.MinDelay <= 0 {
		o.MinDelay = spec.MinDelay
	}
	if o.MinDelay <= 0 {
		o.MinDelay = time.Second
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = spec.MaxDelay
	}
	if o.MaxDelay < o.MinDelay {
		o.MaxDelay = o.MinDelay
	}
	if o.MinDelay < 0 || spec.MaxWait < 0 {
		return NewArgError("wait", "delays and maxWait may not be negative")
	}
	start := time.Now()
	wctx := ctx
	if spec.MaxWait > 0 {
		var cancel context.CancelFunc
		wctx, cancel = context.WithTimeout(ctx, spec.MaxWait)
		defer cancel()
	}
	delay := o.MinDelay
	var lastStatus string
	var lastErr error
	for attempt := 1; ; attempt++ {
		done, status, retry, err := poll(wctx)
		if done {
			return nil
		}
		lastStatus = status
		if err != nil {
			if wctx.Err() != nil {
				// The poll failed because the wait's time ran out; keep
				// what the earlier polls saw.
				if lastErr != nil && !errors.Is(err, lastErr) {
					err = errors.Join(err, lastErr)
				}
				if !errors.Is(err, wctx.Err()) {
					err = errors.Join(wctx.Err(), err)
				}
				return timeoutError(ctx, wctx, spec.What, start, attempt, lastStatus, err)
			}
			if !retry {
				return err
			}
			lastErr = err
		}
		if o.OnPoll != nil {
			o.OnPoll(adobe.WaitPoll{What: spec.What, Attempt: attempt, Elapsed: time.Since(start), Next: delay, Status: status, Err: err})
		}
		t := time.NewTimer(delay)
		select {
		case <-wctx.Done():
			t.Stop()
			cause := wctx.Err()
			if lastErr != nil {
				// Keep what the polls saw, whichever deadline ended the
				// wait.
				cause = errors.Join(cause, lastErr)
			}
			return timeoutError(ctx, wctx, spec.What, start, attempt, lastStatus, cause)
		case <-t.C:
		}
		delay = min(delay*2, o.MaxDelay)
	}
}

func timeoutError(parent, wctx context.Context, what string, start time.Time, polls int, status string, err error) error {
	if parent.Err() == nil && wctx.Err() != nil && !errors.Is(err, context.DeadlineExceeded) {
		err = errors.Join(context.DeadlineExceeded, err)
	}
	return &adobe.WaitTimeoutError{What: what, Waited: time.Since(start), Polls: polls, LastStatus: status, Err: err}
}
