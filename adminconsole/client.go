package adminconsole

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"
	"time"

	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/core"
)

// DefaultBaseURL is the User Management API's root.
const DefaultBaseURL = "https://usermanagement.adobe.io/v2/usermanagement/"

// Client is a User Management API (UMAPI) client for one organization. Build
// it with [NewFromConfig]; it is safe for concurrent use. Its services follow
// Adobe's documentation: [GroupsService] (groups and product profiles),
// [UsersService] and [ActionsService] (the action API for every write).
type Client struct {
	core    core.Client
	orgID   string
	limiter *endpointLimiter

	common service

	// Actions sends commands to POST /action/{orgId}.
	Actions *ActionsService
	// Groups lists user groups, product profiles and admin groups.
	Groups *GroupsService
	// Users lists and reads users.
	Users *UsersService
}

type service struct{ client *Client }

// Option configures a [Client]. Options validate their input.
type Option func(*options) error

type options struct {
	baseURL string
	orgID   string
	limits  Limits
}

// WithBaseURL sets the API root (default [DefaultBaseURL]); a trailing
// slash is added when missing.
func WithBaseURL(raw string) Option {
	return func(o *options) error {
		if _, err := core.ParseBaseURL(raw); err != nil {
			return err
		}
		o.baseURL = raw
		return nil
	}
}

// WithOrgID sets the IMS organization ("<24 hex>@AdobeOrg") that the client
// manages. The default is the credential's org (auth.Credentials.OrgID).
func WithOrgID(orgID string) Option {
	return func(o *options) error {
		if err := validateOrgID(orgID); err != nil {
			return err
		}
		o.orgID = orgID
		return nil
	}
}

// WithRateLimits replaces the client-side per-endpoint limits (default
// [DefaultLimits]). A zero field disables that endpoint's limiter.
func WithRateLimits(l Limits) Option {
	return func(o *options) error {
		if err := l.validate(); err != nil {
			return err
		}
		o.limits = l
		return nil
	}
}

// WithoutRateLimits disables the client-side limiter; Adobe's 429 answers
// are still retried by the transport (honouring Retry-After).
func WithoutRateLimits() Option {
	return func(o *options) error { o.limits = Limits{}; return nil }
}

// NewFromConfig returns a client that authenticates with cfg. The
// credential needs the user_management_sdk scope (the Developer Console's
// "User Management API" service), and the organization defaults to the
// credential's org. No I/O happens until the first call.
func NewFromConfig(cfg *auth.Config, opts ...Option) (*Client, error) {
	if cfg == nil {
		return nil, core.NewArgError("config", "is nil; build one with auth.NewConfig")
	}
	o := options{baseURL: DefaultBaseURL, orgID: cfg.Credentials().OrgID, limits: DefaultLimits}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	if err := validateOrgID(o.orgID); err != nil {
		return nil, err
	}
	base, err := core.ParseBaseURL(o.baseURL)
	if err != nil {
		return nil, err
	}
	lim := newEndpointLimiter(o.limits)
	c := &Client{orgID: o.orgID, limiter: lim}
	c.core = core.Client{HTTP: cfg.HTTPClient(auth.WithAttemptLimiter(lim)), BaseURL: base}
	c.common.client = c
	c.Actions = (*ActionsService)(&c.common)
	c.Groups = (*GroupsService)(&c.common)
	c.Users = (*UsersService)(&c.common)
	return c, nil
}

// OrgID returns the IMS organization the client manages.
func (c *Client) OrgID() string { return c.orgID }

func validateOrgID(orgID string) error {
	switch {
	case orgID == "":
		return core.NewArgError("org ID", "is empty; set the credential's OrgID or use WithOrgID (the IMS org id, \"<24 hex>@AdobeOrg\")")
	case len(orgID) < len("@AdobeOrg")+1 || orgID[len(orgID)-len("@AdobeOrg"):] != "@AdobeOrg":
		return core.NewArgError("org ID", "%q is not an IMS org id (\"<24 hex>@AdobeOrg\"); UMAPI does not take the Developer Console's numeric org id", orgID)
	}
	return nil
}

// call sends one request through the endpoint's limiter, with a fresh
// X-Request-Id as UMAPI's documentation recommends.
func (c *Client) call(ctx context.Context, ep endpoint, r core.Request, out any, opts []core.RequestOption) (*core.Response, error) {
	ctx = withEndpoint(ctx, ep)
	if r.Header == nil {
		r.Header = http.Header{}
	}
	r.Header.Set("X-Request-Id", newRequestID())
	return c.core.Call(ctx, r, out, opts...)
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "go-adobe-" + hex.EncodeToString(b[:]) + "_" + strconv.FormatInt(time.Now().UnixMilli(), 10)
}
