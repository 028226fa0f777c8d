package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// HTTPClient returns a new *http.Client running the SDK's stack, outermost
// first: per-call state and the one re-send after a 401 → retries
// (go-retryablehttp) → [the service's limiter] → Adobe headers (x-api-key,
// optional x-gw-ims-org-id, User-Agent) and debug logging → bearer token →
// [per-attempt timeout] → the base transport. API packages build their
// clients on it; it can also send requests to endpoints the SDK does not
// cover yet.
//
// Credentials (the bearer token and x-api-key) are only ever sent to the
// host the call started on: redirects to another host are not followed
// (the 3xx is returned), whatever CheckRedirect says.
func (c *Config) HTTPClient(opts ...StackOption) *http.Client {
	var s stack
	for _, opt := range opts {
		if opt != nil {
			opt(&s)
		}
	}
	var rt http.RoundTripper = &bearerTransport{tokens: c.tokens, next: c.o.attemptBase()}
	rt = &headerTransport{apiKey: c.apiKey, org: c.orgHeader(), ua: c.o.userAgentString(), logger: c.o.logger, next: rt}
	if s.limiter != nil {
		rt = &limitTransport{limiter: s.limiter, logger: c.o.logger, next: rt}
	}
	return c.o.outerClient(rt, c.tokens)
}

// newHTTPClient returns the SDK's stack without a bearer token or
// x-api-key — retries, User-Agent and debug logging over the base transport
// — for endpoints that authenticate otherwise, such as IMS's token
// endpoints (client credentials in the form) or calls that carry a user's
// token explicitly. Package ims uses it through internal/authhook. It
// validates the options and does no I/O.
func newHTTPClient(opts ...Option) (*http.Client, error) {
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	return o.plainClient(), nil
}

// plainClient is the stack without credentials.
func (o *options) plainClient() *http.Client {
	var rt http.RoundTripper = &countTransport{next: o.attemptBase()}
	rt = &headerTransport{ua: o.userAgentString(), logger: o.logger, next: rt}
	return o.outerClient(rt, nil)
}

// outerClient wraps inner (headers → auth → base) in the retry layer and
// the per-call layer, and returns the client users and API packages hold.
func (o *options) outerClient(inner http.RoundTripper, tokens *TokenSource) *http.Client {
	rc := o.newRetryClient(inner, apiCheckRetry(o), 0)
	rt := &callTransport{next: rc.StandardClient().Transport, tokens: tokens, logger: o.logger}
	hc := &http.Client{Transport: rt, CheckRedirect: o.checkRedirect}
	if o.outer != nil {
		cp := *o.outer
		cp.Transport, cp.CheckRedirect = rt, o.checkRedirect
		hc = &cp
	}
	return hc
}

// checkRedirect applies the caller's redirect policy (WithHTTPClient's
// CheckRedirect, or net/http's limit of 10), and never follows a redirect
// to another host: the 3xx is returned instead.
func (o *options) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > 0 && (req.URL.Host != via[0].URL.Host || (via[0].URL.Scheme == "https" && req.URL.Scheme != "https")) {
		return http.ErrUseLastResponse // another host, or a downgrade to cleartext
	}
	if o.outer != nil && o.outer.CheckRedirect != nil {
		return o.outer.CheckRedirect(req, via)
	}
	if len(via) >= 10 {
		return errors.New("auth: stopped after 10 redirects")
	}
	return nil
}

// attemptBase is the base transport, bounded per attempt when
// WithAttemptTimeout is set. The bound applies to the exchange with Adobe
// only, not to the limiter or token waits above it.
func (o *options) attemptBase() http.RoundTripper {
	if o.attemptTimeout <= 0 {
		return o.base
	}
	return &timeoutTransport{d: o.attemptTimeout, next: o.base}
}

// callTransport installs the per-call state the inner layers share and,
// when Adobe answers 401 to a token of ours, invalidates that token and
// re-sends the request once with a fresh one — outside the retry budget,
// so that it happens even with retries turned off.
type callTransport struct {
	next   http.RoundTripper
	tokens *TokenSource
	logger *slog.Logger
}

func (t *callTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, st := core.WithCallState(req.Context())
	st.Method = req.Method
	if st.Host == "" {
		st.Host, st.Scheme = req.URL.Host, req.URL.Scheme
	}
	if ctx != req.Context() {
		req = req.WithContext(ctx)
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusUnauthorized || t.tokens == nil {
		return resp, err
	}
	used := st.Token.Load()
	if used == nil || (req.Body != nil && req.Body != http.NoBody && req.GetBody == nil) {
		return resp, nil // not our token, or a body we cannot send again
	}
	if !st.Reauthenticated.CompareAndSwap(false, true) {
		return resp, nil
	}
	retry := req.Clone(ctx)
	if req.GetBody != nil {
		body, gerr := req.GetBody()
		if gerr != nil {
			return resp, nil
		}
		retry.Body = body
	}
	t.tokens.Invalidate(*used)
	fresh, terr := t.tokens.get(ctx)
	if terr != nil || fresh.oauth.AccessToken == *used {
		// A caller's token source that caches on its own (an x/oauth2
		// refreshing source) hands back the rejected token until it
		// expires: sending it again would only be refused again.
		return resp, nil
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	t.logger.Debug("adobe: 401, re-sending once with a fresh token", "method", req.Method, "host", req.URL.Host, "path", req.URL.Path)
	return t.next.RoundTrip(retry)
}

// limitTransport waits for a service's client-side rate limiter before
// every attempt. A wait over a second is logged at info level; a context
// that ends while waiting is an *adobe.LimitWaitError naming the limiter.
type limitTransport struct {
	limiter adobe.Limiter
	logger  *slog.Logger
	next    http.RoundTripper
}

// tokenCounter is implemented by *rate.Limiter: when it has no token left,
// the next Wait blocks.
type tokenCounter interface{ Tokens() float64 }

// limiterName names l in errors and logs.
func limiterName(l adobe.Limiter) string {
	if s := l.String(); s != "" {
		return s
	}
	return "client-side"
}

func (t *limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if tc, ok := t.limiter.(tokenCounter); ok && tc.Tokens() < 1 {
		t.logger.Debug("adobe: waiting for the client-side rate limit", "limiter", limiterName(t.limiter), "host", req.URL.Host, "path", req.URL.Path)
	}
	ctx := req.Context()
	start := time.Now()
	err := t.limiter.Wait(ctx)
	d := time.Since(start)
	if d > time.Second {
		t.logger.Info("adobe: waited for the client-side rate limit", "limiter", limiterName(t.limiter),
			"method", req.Method, "host", req.URL.Host, "path", req.URL.Path, "waited", d.Round(time.Millisecond))
	} else if d >= 100*time.Millisecond {
		t.logger.Debug("adobe: waited for the client-side rate limit", "limiter", limiterName(t.limiter), "host", req.URL.Host, "path", req.URL.Path, "waited", d)
	}
	if err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, limitWaitError(ctx, t.limiter, d, err)
	}
	return t.next.RoundTrip(req)
}

// limitWaitError is the error of a limiter wait that failed: the limiter's
// own *adobe.LimitWaitError, or one built here when the context ended (or
// will have ended: x/time/rate refuses at once a wait that would outlast the
// deadline, before the context is done).
func limitWaitError(ctx context.Context, l adobe.Limiter, waited time.Duration, err error) error {
	var lw *adobe.LimitWaitError
	if errors.As(err, &lw) {
		return err
	}
	cause := ctx.Err()
	switch {
	case cause != nil:
		if !errors.Is(err, cause) {
			cause = fmt.Errorf("%w (%v)", cause, err)
		}
	default:
		if _, ok := ctx.Deadline(); !ok || errors.Is(err, context.Canceled) {
			return err // not a context error: the limiter's own
		}
		cause = fmt.Errorf("%w (%v)", context.DeadlineExceeded, err)
	}
	return &adobe.LimitWaitError{Limiter: limiterName(l), Waited: waited, Err: cause}
}

// headerTransport sets Adobe's headers and logs each attempt at debug level
// (never headers, bodies or query strings).
type headerTransport struct {
	apiKey, org, ua string
	logger          *slog.Logger
	next            http.RoundTripper

	once sync.Once
	hdr  struct{ apiKey, org, ua []string }
}

// one returns a header value slice shared by every request: its capacity of
// one makes an Add elsewhere copy it rather than write into it.
func one(v string) []string { return []string{v}[:1:1] }

func (t *headerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.once.Do(func() { t.hdr.apiKey, t.hdr.org, t.hdr.ua = one(t.apiKey), one(t.org), one(t.ua) })
	r := req
	st := core.CallStateFrom(req.Context())
	// A request the SDK built itself is ours to change on its first attempt;
	// anything else (a caller's request, a retry that may race with the
	// previous attempt's write loop) is cloned first.
	if st == nil || !st.Owned || st.Attempts.Load() > 0 {
		r = req.Clone(req.Context())
	}
	if sameHost(st, r) {
		if t.apiKey != "" && r.Header.Get("x-api-key") == "" {
			r.Header["X-Api-Key"] = t.hdr.apiKey
		}
		if t.org != "" && r.Header.Get("x-gw-ims-org-id") == "" {
			r.Header["X-Gw-Ims-Org-Id"] = t.hdr.org
		}
	}
	r.Header["User-Agent"] = t.hdr.ua
	var attempt int32 = 1
	if st != nil {
		attempt = st.Attempts.Load() + 1
	}
	start := time.Now()
	resp, err := t.next.RoundTrip(r)
	if t.logger.Enabled(r.Context(), slog.LevelDebug) {
		attrs := []any{"method", r.Method, "host", r.URL.Host, "path", r.URL.Path, "attempt", attempt, "duration", time.Since(start)}
		if err != nil {
			t.logger.Debug("adobe: request failed", append(attrs, "error", err.Error())...)
		} else {
			attrs = append(attrs, "status", resp.StatusCode)
			if id := resp.Header.Get("x-request-id"); id != "" {
				attrs = append(attrs, "request_id", id)
			}
			t.logger.Debug("adobe: request", attrs...)
		}
	}
	return resp, err
}

// sameHost reports whether r goes to the host its call started on (or the
// call state is unknown): only then are credentials attached.
func sameHost(st *core.CallState, r *http.Request) bool {
	if st == nil || st.Host == "" {
		return true
	}
	return st.Host == r.URL.Host && (st.Scheme != "https" || r.URL.Scheme == "https")
}

var errNoToken = errors.New("auth: no token source")

// TokenUnavailableError is returned by an API call that could not get an
// access token: IMS refused (it wraps a *TokenError, which unwraps to
// *adobe.Error), answered 429 or 5xx (an *adobe.RateLimitError or
// *adobe.Error) or could not be reached after the token request's own
// retries (an *adobe.RequestError). API calls never retry it.
type TokenUnavailableError struct{ Err error }

// Error implements error.
func (e *TokenUnavailableError) Error() string {
	if e == nil || e.Err == nil {
		return "auth: access token unavailable"
	}
	return e.Err.Error()
}

// Unwrap returns the cause, e.g. a *TokenError.
func (e *TokenUnavailableError) Unwrap() error { return e.Err }

// bearerTransport adds the cached access token and records it in the call
// state so that a 401 can invalidate exactly that token.
type bearerTransport struct {
	tokens *TokenSource
	next   http.RoundTripper
}

func (t *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	st := core.CallStateFrom(req.Context())
	if !sameHost(st, req) {
		if st != nil {
			st.Attempts.Add(1)
		}
		return t.next.RoundTrip(req) // never carry the token to another host
	}
	if t.tokens == nil {
		return nil, errNoToken
	}
	tok, err := t.tokens.get(req.Context())
	if err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		if req.Context().Err() != nil {
			return nil, err // an *adobe.RequestError naming the token wait
		}
		return nil, &TokenUnavailableError{Err: err}
	}
	if st != nil {
		st.Attempts.Add(1)
		st.Token.Store(&tok.oauth.AccessToken)
	}
	req.Header["Authorization"] = tok.bearer
	return t.next.RoundTrip(req)
}

// countTransport counts attempts for requests that carry no SDK token.
type countTransport struct{ next http.RoundTripper }

func (t *countTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if st := core.CallStateFrom(req.Context()); st != nil {
		st.Attempts.Add(1)
	}
	return t.next.RoundTrip(req)
}

// timeoutTransport bounds one attempt: the exchange and the reading of its
// body.
type timeoutTransport struct {
	d    time.Duration
	next http.RoundTripper
}

func (t *timeoutTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), t.d)
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}
