package auth

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
	"github.com/hashicorp/go-retryablehttp"
)

// newRetryClient builds a go-retryablehttp client over next with the given
// policy, our jittered, capped backoff and an error handler that keeps the
// final response (so the caller sees Adobe's error body).
func (o *options) newRetryClient(next http.RoundTripper, check retryablehttp.CheckRetry, attemptTimeout time.Duration) *retryablehttp.Client {
	rc := &retryablehttp.Client{
		HTTPClient:   &http.Client{Transport: next, Timeout: attemptTimeout},
		Logger:       nil, // retryablehttp logs query strings; we log ourselves
		RetryWaitMin: o.retry.WaitMin,
		RetryWaitMax: o.retry.WaitMax,
		RetryMax:     o.retry.MaxRetries,
		CheckRetry:   check,
		Backoff:      o.backoff,
		ErrorHandler: keepLastResponse,
	}
	rc.HTTPClient.CheckRedirect = o.checkRedirect
	return rc
}

// keepLastResponse returns the final response, if any, without an error:
// through http.Client a round tripper that returns an error loses the
// response (go-retryablehttp#156).
func keepLastResponse(resp *http.Response, err error, _ int) (*http.Response, error) {
	if resp != nil {
		return resp, nil
	}
	return nil, err
}

// backoff waits Retry-After when Adobe sent one (it is within the cap, or
// the check would have stopped), and otherwise an exponential delay from WaitMin, capped at
// WaitMax, with jitter in [d/2, d).
func (o *options) backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if ra, ok := core.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			o.logRetry(resp, attempt, ra)
			return ra
		}
	}
	d := minWait
	for i := 0; i < attempt && d < maxWait; i++ {
		d *= 2
	}
	d = min(d, maxWait)
	if d > 1 {
		d = d/2 + rand.N(d/2)
	}
	o.logRetry(resp, attempt, d)
	return d
}

func (o *options) logRetry(resp *http.Response, attempt int, d time.Duration) {
	if resp == nil || resp.Request == nil {
		o.logger.Debug("adobe: retrying after a transport error", "attempt", attempt+1, "delay", d)
		return
	}
	o.logger.Debug("adobe: retrying", "method", resp.Request.Method, "host", resp.Request.URL.Host,
		"path", resp.Request.URL.Path, "status", resp.StatusCode, "attempt", attempt+1, "delay", d)
}

// retryAfterTooLong reports whether resp asks for a wait beyond the cap.
func (o *options) retryAfterTooLong(resp *http.Response) bool {
	ra, ok := core.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	return ok && ra > o.retry.MaxRetryAfter
}

// contextError is the error of an attempt whose call's context ended: the
// attempt's own error when it already says so (an *adobe.LimitWaitError, a
// token wait naming its request), else the context's.
func contextError(ctxErr, err error) error {
	if err != nil && errors.Is(err, ctxErr) {
		return err
	}
	return ctxErr
}

// tokenCheckRetry is the policy of IMS token requests: network errors, 429
// and 5xx are retried; 4xx (invalid_client, invalid_scope, ...) never.
func tokenCheckRetry(o *options) retryablehttp.CheckRetry {
	return func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return false, contextError(ctxErr, err)
		}
		if err != nil {
			return true, nil
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented {
			return !o.retryAfterTooLong(resp), nil
		}
		return false, nil
	}
}

// apiCheckRetry is the policy of API calls:
//   - 429 always (the request was refused, nothing was applied), unless
//     Retry-After exceeds the cap;
//   - 5xx (but 501) and transport errors only for idempotent methods or
//     calls marked safe (a POST may have been applied before a 502 or a lost
//     connection); a failed dial is always safe;
//   - token errors never (the token client already retried what it could),
//     nor a limiter wait that cannot end before the deadline.
//
// A 401 is not retried here: callTransport re-sends once with a fresh token,
// outside the retry budget.
func apiCheckRetry(o *options) retryablehttp.CheckRetry {
	return func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return false, contextError(ctxErr, err)
		}
		st := core.CallStateFrom(ctx)
		method := ""
		if st != nil {
			method = st.Method
		}
		if err != nil {
			var tu *TokenUnavailableError
			var lw *adobe.LimitWaitError
			if errors.As(err, &tu) || errors.Is(err, errNoToken) || errors.As(err, &lw) {
				return false, err
			}
			var op *net.OpError
			if errors.As(err, &op) && op.Op == "dial" {
				return true, nil
			}
			return core.IsIdempotent(ctx, method), nil
		}
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			return !o.retryAfterTooLong(resp), nil
		case resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented:
			return core.IsIdempotent(ctx, method) && !o.retryAfterTooLong(resp), nil
		}
		return false, nil
	}
}
