package campaign

import (
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/auth"
)

// Option changes one ProvisionConnector, PlanConnector or DiagnoseConnector
// call. Options validate their input.
type Option func(*options) error

type options struct {
	progress      func(Event)
	console       *auth.Config
	profileWait   time.Duration
	propagation   time.Duration
	minDelay      time.Duration
	maxDelay      time.Duration
	now           func() time.Time
	operatorToOrg bool
	analyticsOpts []analytics.Option
	adminOpts     []adminconsole.Option
}

func newOptions(opts []Option) (*options, error) {
	o := &options{propagation: 5 * time.Minute, minDelay: 2 * time.Second, maxDelay: 30 * time.Second, now: time.Now}
	for _, fn := range opts {
		if fn == nil {
			continue
		}
		if err := fn(o); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// WithProgress calls fn for every step that starts, finishes, is skipped,
// waits or fails, from the calling goroutine or the step's own (fn must be
// safe for concurrent use).
func WithProgress(fn func(Event)) Option {
	return func(o *options) error { o.progress = fn; return nil }
}

// WithConsoleConfig runs the Developer Console steps with cfg instead of
// the org's credential: typically a user's Adobe ID token from the ims
// package's PKCE login (ims.Login, then auth.NewConfigFromTokenSource), the
// way Adobe's own CLI creates projects and credentials.
func WithConsoleConfig(cfg *auth.Config) Option {
	return func(o *options) error {
		if cfg == nil {
			return &adobe.ArgError{Arg: "WithConsoleConfig", Reason: "the configuration is nil"}
		}
		o.console = cfg
		return nil
	}
}

// WithProfileWait makes the run wait up to maxWait for the product profile
// to appear (someone creating it in the Admin Console meanwhile), reporting
// progress, instead of returning the manual step at once.
func WithProfileWait(maxWait time.Duration) Option {
	return func(o *options) error {
		if maxWait <= 0 {
			return &adobe.ArgError{Arg: "WithProfileWait", Reason: "maxWait must be positive"}
		}
		o.profileWait = maxWait
		return nil
	}
}

// WithPropagationWait bounds the wait for Adobe to propagate a freshly
// attached product profile to Analytics (403025 "Profile is not valid"
// meanwhile); default 5 minutes.
func WithPropagationWait(maxWait time.Duration) Option {
	return func(o *options) error {
		if maxWait <= 0 {
			return &adobe.ArgError{Arg: "WithPropagationWait", Reason: "maxWait must be positive"}
		}
		o.propagation = maxWait
		return nil
	}
}

// WithPollDelays sets the backoff bounds of the waits (defaults 2 s and
// 30 s).
func WithPollDelays(minDelay, maxDelay time.Duration) Option {
	return func(o *options) error {
		if minDelay <= 0 || maxDelay < minDelay {
			return &adobe.ArgError{Arg: "WithPollDelays", Reason: "need 0 < minDelay <= maxDelay"}
		}
		o.minDelay, o.maxDelay = minDelay, maxDelay
		return nil
	}
}

// WithClock sets the clock the build gates read (Analytics 1.4's
// retirement date); for tests.
func WithClock(now func() time.Time) Option {
	return func(o *options) error {
		if now == nil {
			return &adobe.ArgError{Arg: "WithClock", Reason: "is nil"}
		}
		o.now = now
		return nil
	}
}

// WithOperatorAddedToOrg lets the run add the operator's Adobe ID to the
// organization when it is not a member yet (addAdobeID); without it an
// operator outside the org is an error.
func WithOperatorAddedToOrg() Option {
	return func(o *options) error { o.operatorToOrg = true; return nil }
}

// WithAnalyticsOptions adds options to the Analytics client that acts as the
// connector, e.g. analytics.WithLimiter to share one client-side limiter
// among runs (by default the client shares the process-wide limiter of the
// connector's Developer Console project, as Adobe counts its 12 requests
// per 6 s per project).
func WithAnalyticsOptions(opts ...analytics.Option) Option {
	return func(o *options) error { o.analyticsOpts = append(o.analyticsOpts, opts...); return nil }
}

// WithAdminConsoleOptions adds options to the User Management API client,
// e.g. adminconsole.WithLimiter to give the run its own client-side limiter
// (by default the client shares the process-wide limiter of the
// credential's client id).
func WithAdminConsoleOptions(opts ...adminconsole.Option) Option {
	return func(o *options) error { o.adminOpts = append(o.adminOpts, opts...); return nil }
}
