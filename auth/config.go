package auth

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-adobe/adobe/internal/core"
	"golang.org/x/oauth2"
)

// Config is the shared configuration from which every API client is built
// (analytics.NewFromConfig, devconsole.NewFromConfig, ...): one credential,
// one token cache, one connection pool, one retry policy, one logger. It is
// safe for concurrent use and cheap to share.
type Config struct {
	creds  Credentials
	apiKey string
	tokens *TokenSource
	o      *options
}

// NewConfig returns the configuration for an OAuth Server-to-Server
// credential. It validates creds and the options and does no I/O: the first
// token is fetched on the first API call.
func NewConfig(creds Credentials, opts ...Option) (*Config, error) {
	if err := creds.Validate(); err != nil {
		return nil, err
	}
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	return &Config{creds: creds, apiKey: creds.ClientID, tokens: newTokenSource(s2sFetcher(creds, o), o), o: o}, nil
}

// NewConfigFromTokenSource returns a configuration that authenticates with
// tokens from ts, for example a user's token from an Adobe ID login (package
// ims), sent with apiKey as x-api-key. ts is wrapped in a TokenSource cache
// unless it is one; orgID may be empty.
func NewConfigFromTokenSource(apiKey, orgID string, ts oauth2.TokenSource, opts ...Option) (*Config, error) {
	if apiKey == "" {
		return nil, core.NewArgError("apiKey", "is empty; use the client ID of the credential that obtained the token")
	}
	if ts == nil {
		return nil, core.NewArgError("token source", "is nil")
	}
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	cached, ok := ts.(*TokenSource)
	if !ok {
		cached = newTokenSource(func(context.Context) (*oauth2.Token, error) { return ts.Token() }, o)
	}
	return &Config{creds: Credentials{ClientID: apiKey, OrgID: orgID}, apiKey: apiKey, tokens: cached, o: o}, nil
}

// Credentials returns the credential the configuration authenticates as
// (for a token-source configuration, only ClientID and OrgID are set).
func (c *Config) Credentials() Credentials { return c.creds }

// TokenSource returns the shared token cache.
func (c *Config) TokenSource() *TokenSource { return c.tokens }

// Logger returns the configured logger (silent by default).
func (c *Config) Logger() *slog.Logger { return c.o.logger }

// UserAgent returns the User-Agent header the SDK sends.
func (c *Config) UserAgent() string { return c.o.userAgentString() }

// Waiter is a client-side rate limiter, such as *rate.Limiter from
// golang.org/x/time/rate.
type Waiter interface {
	Wait(ctx context.Context) error
}

// StackOption adds a service's own layer to an HTTP stack built by
// Config.HTTPClient.
type StackOption func(*stack)

type stack struct {
	limiter Waiter
}

// WithAttemptLimiter makes every attempt (retries included) wait for l
// before it is sent: the place for a service's client-side rate limit, such
// as Analytics' 12 requests per 6 s.
func WithAttemptLimiter(l Waiter) StackOption {
	return func(s *stack) { s.limiter = l }
}

// HTTPClient returns a new *http.Client running the SDK's stack, outermost
// first: per-call state → retries (go-retryablehttp) → [the service's
// limiter] → Adobe headers (x-api-key, optional x-gw-ims-org-id, User-Agent)
// and debug logging → bearer token → the base transport. API packages build
// their clients on it; it can also send requests to endpoints the SDK does
// not cover yet.
func (c *Config) HTTPClient(opts ...StackOption) *http.Client {
	var s stack
	for _, opt := range opts {
		if opt != nil {
			opt(&s)
		}
	}
	var rt http.RoundTripper = &bearerTransport{tokens: c.tokens, next: c.o.base}
	rt = &headerTransport{apiKey: c.apiKey, org: c.orgHeader(), ua: c.o.userAgentString(), logger: c.o.logger, next: rt}
	if s.limiter != nil {
		rt = &limitTransport{limiter: s.limiter, next: rt}
	}
	rc := c.o.newRetryClient(rt, apiCheckRetry(c.o, c.tokens), c.o.attemptTimeout)
	rt = &callTransport{next: rc.StandardClient().Transport}
	hc := &http.Client{Transport: rt}
	if c.o.outer != nil {
		cp := *c.o.outer
		cp.Transport = rt
		hc = &cp
	}
	return hc
}

func (c *Config) orgHeader() string {
	if c.o.orgHeader {
		return c.creds.OrgID
	}
	return ""
}

// callTransport installs the per-call state the inner layers share.
type callTransport struct{ next http.RoundTripper }

func (t *callTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, st := core.WithCallState(req.Context())
	st.Method = req.Method
	return t.next.RoundTrip(req.WithContext(ctx))
}

type limitTransport struct {
	limiter Waiter
	next    http.RoundTripper
}

func (t *limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.limiter.Wait(req.Context()); err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	return t.next.RoundTrip(req)
}

// headerTransport sets Adobe's headers on a clone of the request and logs
// each attempt at debug level (never headers, bodies or query strings).
type headerTransport struct {
	apiKey, org, ua string
	logger          *slog.Logger
	next            http.RoundTripper
}

func (t *headerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req
	// A request the SDK built itself is ours to change on its first attempt;
	// anything else (a caller's request, a retry that may race with the
	// previous attempt's write loop) is cloned first.
	if st := core.CallStateFrom(req.Context()); st == nil || !st.Owned || st.Attempts.Load() > 0 {
		r = req.Clone(req.Context())
	}
	if t.apiKey != "" && r.Header.Get("x-api-key") == "" {
		r.Header.Set("x-api-key", t.apiKey)
	}
	if t.org != "" && r.Header.Get("x-gw-ims-org-id") == "" {
		r.Header.Set("x-gw-ims-org-id", t.org)
	}
	r.Header.Set("User-Agent", t.ua)
	start := time.Now()
	resp, err := t.next.RoundTrip(r)
	if t.logger.Enabled(r.Context(), slog.LevelDebug) {
		attrs := []any{"method", r.Method, "host", r.URL.Host, "path", r.URL.Path, "duration", time.Since(start)}
		if st := core.CallStateFrom(r.Context()); st != nil {
			attrs = append(attrs, "attempt", st.Attempts.Load())
		}
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

var errNoToken = errors.New("auth: no token source")

// bearerTransport adds the cached access token and records it in the call
// state so that a 401 can invalidate exactly that token.
type bearerTransport struct {
	tokens *TokenSource
	next   http.RoundTripper
}

func (t *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.tokens == nil {
		return nil, errNoToken
	}
	tok, err := t.tokens.TokenContext(req.Context())
	if err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	if st := core.CallStateFrom(req.Context()); st != nil {
		st.Attempts.Add(1)
		st.Token.Store(&tok.AccessToken)
	}
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	return t.next.RoundTrip(req)
}

// NewHTTPClient returns the SDK's stack without a bearer token or
// x-api-key — retries, User-Agent and debug logging over the base transport
// — for endpoints that authenticate otherwise, such as IMS's token
// endpoints (client credentials in the form) or calls that carry a user's
// token explicitly. It validates the options and does no I/O.
func NewHTTPClient(opts ...Option) (*http.Client, error) {
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	var rt http.RoundTripper = &countTransport{next: o.base}
	rt = &headerTransport{ua: o.userAgentString(), logger: o.logger, next: rt}
	rc := o.newRetryClient(rt, apiCheckRetry(o, nil), o.attemptTimeout)
	rt = &callTransport{next: rc.StandardClient().Transport}
	if o.outer != nil {
		cp := *o.outer
		cp.Transport = rt
		return &cp, nil
	}
	return &http.Client{Transport: rt}, nil
}

// countTransport counts attempts for requests that carry no SDK token.
type countTransport struct{ next http.RoundTripper }

func (t *countTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if st := core.CallStateFrom(req.Context()); st != nil {
		st.Attempts.Add(1)
	}
	return t.next.RoundTrip(req)
}

// String describes the configuration without its secret.
func (c *Config) String() string {
	return "auth.Config{" + c.creds.String() + "}"
}

// GoString describes the configuration without its secret.
func (c *Config) GoString() string { return c.String() }
