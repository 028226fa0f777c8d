package auth

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
	"golang.org/x/oauth2"
)

// Config is the shared configuration from which every API client is built
// (analytics.NewFromConfig, devconsole.NewFromConfig, ...): one credential,
// one token cache, one connection pool, one retry policy, one logger. It is
// safe for concurrent use and cheap to share.
type Config struct {
	creds  *Credentials // a pointer, so that printing a Config value shows no secret
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
	if o.endpoint != nil && (creds.IMSURL == "" || strings.TrimRight(creds.IMSURL, "/") == ProdIMSURL) {
		creds.IMSURL = o.serviceURL(ProdIMSURL)
	}
	ts, err := newS2STokenSource(creds, o)
	if err != nil {
		return nil, err
	}
	return &Config{creds: &creds, apiKey: creds.ClientID, tokens: ts, o: o}, nil
}

// NewConfigFromTokenSource returns a configuration that authenticates with
// tokens from ts, for example a user's token from an Adobe ID login (package
// ims), sent with apiKey as x-api-key. ts is wrapped in a TokenSource cache
// unless it is one; orgID may be empty.
func NewConfigFromTokenSource(apiKey, orgID string, ts oauth2.TokenSource, opts ...Option) (*Config, error) {
	if apiKey == "" {
		return nil, core.NewArgError("apiKey", "is empty; use the client ID of the credential that obtained the token")
	}
	if strings.ContainsFunc(apiKey, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return nil, core.NewArgError("apiKey", "holds white space or a control character (CR, LF, NUL); it is sent as the x-api-key header")
	}
	if err := core.ValidateHeader("x-gw-ims-org-id", orgID); err != nil {
		return nil, core.NewArgError("orgID", "holds a control character (CR, LF or NUL)")
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
		cached = newTokenSource(func(context.Context) (*oauth2.Token, error) { return ts.Token() }, "token request", o)
	}
	return &Config{creds: &Credentials{ClientID: apiKey, OrgID: orgID}, apiKey: apiKey, tokens: cached, o: o}, nil
}

// Credentials returns the credential the configuration authenticates as
// (for a token-source configuration, only ClientID and OrgID are set).
func (c *Config) Credentials() Credentials {
	if c.creds == nil {
		return Credentials{} // a zero Config, not from NewConfig
	}
	return *c.creds
}

// TokenSource returns the shared token cache.
func (c *Config) TokenSource() *TokenSource { return c.tokens }

// Logger returns the configured logger (silent by default).
func (c *Config) Logger() *slog.Logger { return c.o.logger }

// UserAgent returns the User-Agent header the SDK sends.
func (c *Config) UserAgent() string { return c.o.userAgentString() }

// StackOption adds a service's own layer to the HTTP stack of
// Config.HTTPClient. It is public because Config.HTTPClient is: a program
// calling an Adobe endpoint the SDK does not cover can share a service's
// limiter with the SDK's own clients.
type StackOption func(*stack)

type stack struct {
	limiter adobe.Limiter
}

// WithAttemptLimiter makes every attempt (retries included) wait for l
// before it is sent: the place for a service's client-side rate limit, such
// as Analytics' 12 requests per 6 s. A wait over a second is logged at info
// level; a context that ends while waiting is an *adobe.LimitWaitError
// naming l (its String) and how long the call waited. A nil l adds nothing.
// To use an x/time/rate limiter, embed it in a type with a String method.
func WithAttemptLimiter(l adobe.Limiter) StackOption {
	return func(s *stack) { s.limiter = l }
}

func (c *Config) orgHeader() string {
	if c.o.orgHeader {
		return c.creds.OrgID
	}
	return ""
}

// String describes the configuration without its secret.
func (c *Config) String() string {
	return "auth.Config{" + c.creds.String() + "}"
}

// GoString describes the configuration without its secret.
func (c *Config) GoString() string { return c.String() }

// Format implements fmt.Formatter for a Config value or pointer: every verb
// prints String's description, so no verb (a wrong one included, whose
// error text fmt would fill with the fields) can reach the secret.
func (c Config) Format(f fmt.State, verb rune) {
	if c.creds == nil {
		formatSafe(f, verb, "auth.Config{}")
		return
	}
	formatSafe(f, verb, "auth.Config{"+c.creds.String()+"}")
}
