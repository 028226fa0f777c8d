package auth

import (
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// RetryPolicy configures the retries of API calls.
type RetryPolicy struct {
	// MaxRetries is how many times a call is retried after its first
	// attempt (default 4).
	MaxRetries int
	// WaitMin and WaitMax bound the exponential, jittered backoff
	// (defaults 1 s and 30 s).
	WaitMin, WaitMax time.Duration
	// MaxRetryAfter caps the wait that a Retry-After header may ask for
	// (default 2 min). A longer Retry-After is not slept through: the call
	// returns an *adobe.RateLimitError carrying RetryAfter at once.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy is the policy used unless WithRetryPolicy says
// otherwise.
var DefaultRetryPolicy = RetryPolicy{MaxRetries: 4, WaitMin: time.Second, WaitMax: 30 * time.Second, MaxRetryAfter: 2 * time.Minute}

// Option configures a Config or a TokenSource. Options validate their input.
type Option func(*options) error

type options struct {
	base           http.RoundTripper
	outer          *http.Client
	logger         *slog.Logger
	userAgent      string
	retry          RetryPolicy
	refreshBefore  time.Duration
	tokenTimeout   time.Duration
	attemptTimeout time.Duration
	orgHeader      bool
	endpoint       *url.URL
}

func newOptions(opts []Option) (*options, error) {
	o := &options{
		logger:        slog.New(slog.DiscardHandler),
		retry:         DefaultRetryPolicy,
		refreshBefore: DefaultRefreshBefore,
		tokenTimeout:  30 * time.Second,
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(o); err != nil {
			return nil, err
		}
	}
	if o.base == nil {
		if o.outer != nil && o.outer.Transport != nil {
			o.base = o.outer.Transport
		} else {
			o.base = http.DefaultTransport
		}
	}
	return o, nil
}

// WithHTTPClient uses hc as the template of the outermost client: its
// Transport becomes the base transport (unless WithBaseTransport is given),
// its Timeout bounds a whole call including retries, and its Jar and
// CheckRedirect are kept. hc itself is copied, never modified.
func WithHTTPClient(hc *http.Client) Option {
	return func(o *options) error {
		if hc == nil {
			return core.NewArgError("WithHTTPClient", "the client is nil")
		}
		if hc.Timeout < 0 {
			return core.NewArgError("WithHTTPClient", "Timeout %s is negative", hc.Timeout)
		}
		cp := *hc
		o.outer = &cp
		return nil
	}
}

// WithBaseTransport sets the innermost transport, below retries, headers and
// authentication: where a test puts httpmock or adobetest's in-process fake.
func WithBaseTransport(rt http.RoundTripper) Option {
	return func(o *options) error {
		if rt == nil {
			return core.NewArgError("WithBaseTransport", "the transport is nil")
		}
		o.base = rt
		return nil
	}
}

// WithLogger logs requests at debug level (method, host, path, status,
// attempt, duration, request id — never headers, bodies, query strings,
// secrets or tokens) and retries. The default logger discards everything.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) error {
		if l == nil {
			return core.NewArgError("WithLogger", "the logger is nil")
		}
		o.logger = l
		return nil
	}
}

// WithUserAgent prepends app (e.g. "my-tool/1.2") to the SDK's User-Agent.
func WithUserAgent(app string) Option {
	return func(o *options) error {
		if strings.ContainsFunc(app, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return core.NewArgError("WithUserAgent", "may not contain line breaks or other control characters (NUL, tab, ...)")
		}
		o.userAgent = strings.TrimSpace(app)
		return nil
	}
}

// WithRetryPolicy replaces the API retry policy. Zero fields keep their
// defaults; a negative MaxRetries disables retries.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(o *options) error {
		if p.WaitMin < 0 || p.WaitMax < 0 || p.MaxRetryAfter < 0 {
			return core.NewArgError("WithRetryPolicy", "durations may not be negative")
		}
		if p.WaitMin > 0 && p.WaitMax > 0 && p.WaitMin > p.WaitMax {
			return core.NewArgError("WithRetryPolicy", "WaitMin %s is above WaitMax %s", p.WaitMin, p.WaitMax)
		}
		d := DefaultRetryPolicy
		switch {
		case p.MaxRetries < 0:
			d.MaxRetries = 0
		case p.MaxRetries > 0:
			d.MaxRetries = p.MaxRetries
		}
		if p.WaitMin > 0 {
			d.WaitMin = p.WaitMin
		}
		if p.WaitMax > 0 {
			d.WaitMax = p.WaitMax
		}
		if d.WaitMin > d.WaitMax {
			d.WaitMax = d.WaitMin
		}
		if p.MaxRetryAfter > 0 {
			d.MaxRetryAfter = p.MaxRetryAfter
		}
		o.retry = d
		return nil
	}
}

// WithRefreshBefore sets how long before expiry a cached token is renewed
// (default DefaultRefreshBefore, 10 minutes, as Adobe's own library does).
func WithRefreshBefore(d time.Duration) Option {
	return func(o *options) error {
		if d < 0 {
			return core.NewArgError("WithRefreshBefore", "may not be negative")
		}
		o.refreshBefore = d
		return nil
	}
}

// WithTokenTimeout bounds each token request attempt (default 30 s). A
// whole token fetch, its retries included, is bounded by four times this;
// a caller's context bounds only its own wait for the token.
func WithTokenTimeout(d time.Duration) Option {
	return func(o *options) error {
		if d <= 0 {
			return core.NewArgError("WithTokenTimeout", "must be positive")
		}
		o.tokenTimeout = d
		return nil
	}
}

// WithAttemptTimeout bounds each API attempt (default: no per-attempt
// bound). A whole call, retries included, is bounded by the context deadline
// or WithHTTPClient's Timeout; set this too when a hung attempt should be
// abandoned and retried.
func WithAttemptTimeout(d time.Duration) Option {
	return func(o *options) error {
		if d <= 0 {
			return core.NewArgError("WithAttemptTimeout", "must be positive")
		}
		o.attemptTimeout = d
		return nil
	}
}

// WithOrgIDHeader sends x-gw-ims-org-id with the credential's org on every
// API request. Only some Adobe APIs want it; the Developer Console and
// Analytics 2.0 APIs do not.
func WithOrgIDHeader() Option {
	return func(o *options) error { o.orgHeader = true; return nil }
}

func (o *options) userAgentString() string {
	ua := "go-adobe/" + adobe.Version + " go/" + runtime.Version() + " (" + runtime.GOOS + "/" + runtime.GOARCH + ")"
	if o.userAgent != "" {
		return o.userAgent + " " + ua
	}
	return ua
}
