package adminconsole

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/core"
)

// DefaultBaseURL is the User Management API's root.
const DefaultBaseURL = "https://usermanagement.adobe.io/v2/usermanagement/"

// apiPath is the path of the User Management API under its host.
const apiPath = "v2/usermanagement/"

// Client is a User Management API (UMAPI) client for one organization. Build
// it with [NewFromConfig]; it is safe for concurrent use. Its services follow
// Adobe's documentation: [GroupsService] (groups and product profiles),
// [UsersService] and [ActionsService] (the action API for every write).
type Client struct {
	core    core.Client
	orgID   string
	limiter *Limiter // nil: no client-side limit

	common service
	locks  core.KeyLocks // serializes the Ensures of one key

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
	baseURL   string
	orgID     string
	limiter   *Limiter
	noLimiter bool
}

// WithBaseURL sets the API root (default [DefaultBaseURL]). It takes either
// the host root, like the other packages' WithBaseURL (e.g.
// "http://127.0.0.1:8080" or "https://usermanagement.adobe.io/"), to which
// "v2/usermanagement/" is appended, or a URL whose path already ends in
// "/v2/usermanagement", which is kept. Any other path is kept as given (a
// proxy that serves UMAPI elsewhere). A trailing slash is added when
// missing.
func WithBaseURL(raw string) Option {
	return func(o *options) error {
		u, err := normalizeBaseURL(raw)
		if err != nil {
			return err
		}
		o.baseURL = u
		return nil
	}
}

func normalizeBaseURL(raw string) (string, error) {
	u, err := core.ParseBaseURL(raw)
	if err != nil {
		return "", err
	}
	if u.Path == "/" {
		u.Path += apiPath
	}
	return u.String(), nil
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

// WithRateLimits gives the client its own limiter with these per-endpoint
// limits instead of the credential's shared one ([SharedLimiter], with
// [DefaultLimits]). A zero field disables that endpoint's limiter. The
// limiter is private to this client: to share custom limits between
// clients, build one with [NewLimiter] and pass it to [WithLimiter].
func WithRateLimits(l Limits) Option {
	return func(o *options) error {
		lim, err := NewLimiter(l)
		if err != nil {
			return err
		}
		o.limiter, o.noLimiter = lim, false
		return nil
	}
}

// WithLimiter makes the client wait on l, which may be shared with other
// clients (for example those of every process-local credential of one
// org, to stay under the org's global limits).
func WithLimiter(l *Limiter) Option {
	return func(o *options) error {
		if l == nil {
			return core.NewArgError("WithLimiter", "the limiter is nil; use WithoutRateLimit to turn limiting off")
		}
		o.limiter, o.noLimiter = l, false
		return nil
	}
}

// WithoutRateLimit disables the client-side limiter; Adobe's 429 answers
// are still retried by the transport (honouring Retry-After).
func WithoutRateLimit() Option {
	return func(o *options) error { o.limiter, o.noLimiter = nil, true; return nil }
}

// NewFromConfig returns a client that authenticates with cfg. The
// credential needs the user_management_sdk scope (the Developer Console's
// "User Management API" service), and the organization defaults to the
// credential's org. Every attempt waits on the limiter shared by all
// clients of cfg's credential in this process ([SharedLimiter], Adobe's
// per-client limits), unless [WithRateLimits], [WithLimiter] or
// [WithoutRateLimit] says otherwise. No I/O happens until the first call.
func NewFromConfig(cfg *auth.Config, opts ...Option) (*Client, error) {
	if cfg == nil {
		return nil, core.NewArgError("config", "is nil; build one with auth.NewConfig")
	}
	o := options{baseURL: cfg.ServiceURL(DefaultBaseURL), orgID: cfg.Credentials().OrgID}
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
	lim := o.limiter
	if lim == nil && !o.noLimiter {
		lim = SharedLimiter(cfg.Credentials().ClientID)
	}
	c := &Client{orgID: o.orgID, limiter: lim}
	// The attempt waiter is always installed: besides the limit, it records
	// whether an attempt got past the client (see sendTracker).
	c.core = core.Client{HTTP: cfg.HTTPClient(auth.WithAttemptLimiter(attemptWaiter{lim})), BaseURL: base}
	c.common.client = c
	c.Actions = (*ActionsService)(&c.common)
	c.Groups = (*GroupsService)(&c.common)
	c.Users = (*UsersService)(&c.common)
	return c, nil
}

// OrgID returns the IMS organization the client manages.
func (c *Client) OrgID() string { return c.orgID }

// Limiter returns the client-side limiter the client waits on, or nil
// after [WithoutRateLimit].
func (c *Client) Limiter() *Limiter { return c.limiter }

// orgIDRe is the IMS org id form auth.Credentials checks too.
var orgIDRe = regexp.MustCompile(`^[0-9A-Fa-f]{24}@AdobeOrg$`)

func validateOrgID(orgID string) error {
	switch {
	case orgID == "":
		return core.NewArgError("org ID", "is empty; set the credential's OrgID or use WithOrgID (the IMS org id, \"<24 hex>@AdobeOrg\")")
	case !orgIDRe.MatchString(orgID):
		return core.NewArgError("org ID", "%q is not an IMS org id (\"<24 hexadecimal characters>@AdobeOrg\"); UMAPI does not take the Developer Console's numeric org id", orgID)
	}
	return nil
}

// call sends one request through the endpoint's limiter, with a fresh
// X-Request-Id as UMAPI's documentation recommends.
func (c *Client) call(ctx context.Context, ep endpoint, r core.Request, out any, opts []adobe.RequestOption) (*adobe.Response, error) {
	ctx = withEndpoint(ctx, ep)
	if r.Header == nil {
		r.Header = http.Header{}
	}
	r.Header.Set("X-Request-Id", newRequestID())
	resp, err := c.core.Call(ctx, r, out, opts...)
	return resp, withAuthHint(err)
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "go-adobe-" + hex.EncodeToString(b[:]) + "_" + strconv.FormatInt(time.Now().UnixMilli(), 10)
}
