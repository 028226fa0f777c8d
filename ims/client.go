package ims

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/authhook"
	"github.com/go-adobe/adobe/internal/core"
)

// Client calls Adobe IMS. It holds no credential: each method takes the
// client ID, secret or token it needs. It is safe for concurrent use.
type Client struct {
	c    core.Client
	base string
}

// Option configures a Client.
type Option func(*options) error

type options struct {
	baseURL  string
	authOpts []auth.Option
}

// WithBaseURL sets the IMS base URL (default auth.ProdIMSURL; auth.StageIMSURL
// for stage). It must be https, or http on a loopback host (a local fake):
// anything else is an *adobe.ArgError.
func WithBaseURL(u string) Option {
	return func(o *options) error {
		if _, err := core.ParseBaseURL(u); err != nil {
			return err
		}
		o.baseURL = u
		return nil
	}
}

// WithHTTPOptions passes options of the shared transport (auth.WithBaseTransport,
// auth.WithLogger, auth.WithUserAgent, auth.WithRetryPolicy, auth.WithHTTPClient).
func WithHTTPOptions(opts ...auth.Option) Option {
	return func(o *options) error {
		o.authOpts = append(o.authOpts, opts...)
		return nil
	}
}

// NewClient returns an IMS client. It does no I/O.
func NewClient(opts ...Option) (*Client, error) {
	o := &options{baseURL: auth.ProdIMSURL}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(o); err != nil {
			return nil, err
		}
	}
	hc, err := authhook.PlainClient(o.authOpts)
	if err != nil {
		return nil, err
	}
	base, err := core.ParseBaseURL(o.baseURL)
	if err != nil {
		return nil, err
	}
	return &Client{c: core.Client{HTTP: hc, BaseURL: base}, base: strings.TrimRight(base.String(), "/")}, nil
}

// NewFromConfig returns an IMS client that shares cfg's transport, logger,
// User-Agent and retry policy (not its credential: each method still takes
// the token or secret it sends) and talks to cfg's IMS: the credential's
// IMSURL, or the endpoint of auth.WithEndpoint (ADOBE_ENDPOINT). WithBaseURL
// among opts still wins; WithHTTPOptions is ignored, the options being
// cfg's. It does no I/O.
func NewFromConfig(cfg *auth.Config, opts ...Option) (*Client, error) {
	if cfg == nil {
		return nil, core.NewArgError("cfg", "is nil")
	}
	base := cfg.Credentials().IMSURL
	if base == "" {
		base = cfg.ServiceURL(auth.ProdIMSURL)
	}
	o := &options{baseURL: base}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(o); err != nil {
			return nil, err
		}
	}
	u, err := core.ParseBaseURL(o.baseURL)
	if err != nil {
		return nil, err
	}
	return &Client{c: core.Client{HTTP: authhook.PlainClientFor(cfg), BaseURL: u}, base: strings.TrimRight(u.String(), "/")}, nil
}

// BaseURL returns the IMS base URL without a trailing slash.
func (c *Client) BaseURL() string { return c.base }

// token posts a token request (marked safe to retry on 5xx: minting a token
// twice is harmless, and a code exchange that did go through fails its retry
// with invalid_grant rather than doing anything twice). A refusal is an
// *auth.TokenError, other failures the SDK's typed errors.
func (c *Client) token(ctx context.Context, form url.Values) (*Token, error) {
	tr, _, err := c.c.FetchToken(ctx, "ims/token/v3", form)
	if err != nil {
		return nil, authhook.TokenError(err)
	}
	return &Token{AccessToken: auth.Secret(tr.AccessToken), RefreshToken: auth.Secret(tr.RefreshToken),
		IDToken: auth.Secret(tr.IDToken), TokenType: tr.TokenType, Expiry: tr.Expiry}, nil
}

// bearer returns the header carrying a caller's access token.
func bearer(token string) http.Header {
	return http.Header{"Authorization": {"Bearer " + token}}
}
