package analytics

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/core"
)

// DefaultBaseURL is the Analytics 2.0 API host.
const DefaultBaseURL = "https://analytics.adobe.io/"

// Classification path prefixes. Adobe's documentation (and the community
// clients) use the plural; the published classification.json spec uses the
// singular. Which one Adobe routes is unverified (possibly both), so the
// prefix is configurable with [WithClassificationPrefix].
const (
	ClassificationPrefixDocs = "classifications"
	ClassificationPrefixSpec = "classification"
)

// Client is an Analytics 2.0 API client bound to at most one company (its
// global company id). Build it with [NewFromConfig]; call
// [Client.ForCompany] or pass [WithCompany] before using the company-scoped
// services. A Client is safe for concurrent use.
type Client struct {
	core              *core.Client
	company           string
	orgID             string // the credential's IMS org (may be empty for a token source)
	classPrefix       string
	limiter           *Limiter
	locks             *core.KeyLocks // shared by the copies ForCompany binds
	svc               service
	CalculatedMetrics *CalculatedMetricsService
	Classifications   *ClassificationsService
	DataSources       *DataSourcesService
	Dimensions        *DimensionsService
	Discovery         *DiscoveryService
	Metrics           *MetricsService
	ReportSuites      *ReportSuitesService
	Segments          *SegmentsService
	Users             *UsersService
}

// service is the value every service type is built on, like go-github's.
type service struct{ client *Client }

// Option configures a [Client]. Options validate their input.
type Option func(*options) error

type options struct {
	baseURL     string
	company     string
	classPrefix string
	limiter     *Limiter
	noLimiter   bool
	testWaiter  adobe.Limiter // tests only: a limiter of another kind
}

// WithBaseURL overrides the API host (default [DefaultBaseURL]), e.g. for
// a proxy or a local fake server. It must be an absolute http(s) URL.
func WithBaseURL(raw string) Option {
	return func(o *options) error {
		if _, err := core.ParseBaseURL(raw); err != nil {
			return err
		}
		o.baseURL = raw
		return nil
	}
}

// WithCompany binds the client to a company by its global company id (the
// globalCompanyId of [Company], e.g. "testco0"). Without it, call
// [Client.ForCompany].
func WithCompany(globalCompanyID string) Option {
	return func(o *options) error {
		if err := checkCompanyID(globalCompanyID); err != nil {
			return err
		}
		o.company = globalCompanyID
		return nil
	}
}

// WithClassificationPrefix sets the first path segment of the
// classification endpoints: [ClassificationPrefixDocs] ("classifications",
// the default, as Adobe's documentation writes it) or
// [ClassificationPrefixSpec] ("classification", as the published spec does).
func WithClassificationPrefix(prefix string) Option {
	return func(o *options) error {
		switch prefix {
		case ClassificationPrefixDocs, ClassificationPrefixSpec:
			o.classPrefix = prefix
			return nil
		}
		return core.NewArgError("WithClassificationPrefix", "%q is neither %q nor %q", prefix, ClassificationPrefixDocs, ClassificationPrefixSpec)
	}
}

// WithLimiter uses l, a [Limiter] from [NewLimiter], as the client-side
// rate limiter instead of the one shared by every client of the same
// credential (see [SharedLimiter]). Pass one limiter to the clients of
// every credential of one Developer Console project, since Adobe counts
// requests per project (or use [WithProjectLimiter]). Every attempt,
// retries included, waits for it.
func WithLimiter(l *Limiter) Option {
	return func(o *options) error {
		if l == nil {
			return core.NewArgError("WithLimiter", "the limiter is nil; use WithoutRateLimit to turn limiting off")
		}
		o.limiter = l
		return nil
	}
}

// WithoutRateLimit turns the client-side rate limiter off. Adobe still
// enforces its limit: expect 429 answers (which the SDK retries) when
// several programs share a project.
func WithoutRateLimit() Option {
	return func(o *options) error { o.noLimiter = true; return nil }
}

// NewFromConfig returns an Analytics 2.0 client that authenticates with cfg.
// It does no I/O. By default every attempt waits for the rate limiter
// shared by all clients of cfg's credential in this process ([SharedLimiter]
// keyed by client id: at most 12 requests in any 6 s, Adobe's documented
// limit). Adobe counts the limit per Developer Console project: give the
// clients of several credentials of one project one limiter with
// [WithProjectLimiter] or [WithLimiter].
func NewFromConfig(cfg *auth.Config, opts ...Option) (*Client, error) {
	if cfg == nil {
		return nil, core.NewArgError("cfg", "is nil")
	}
	o := options{classPrefix: ClassificationPrefixDocs}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	if o.baseURL == "" {
		o.baseURL = cfg.ServiceURL(DefaultBaseURL)
	}
	base, err := core.ParseBaseURL(o.baseURL)
	if err != nil {
		return nil, err
	}
	var stack []auth.StackOption
	lim := o.limiter
	if o.noLimiter {
		lim = nil
	} else {
		if lim == nil {
			lim = SharedLimiter(cfg.Credentials().ClientID)
		}
		stack = append(stack, auth.WithAttemptLimiter(lim))
	}
	if o.testWaiter != nil {
		lim, stack = nil, []auth.StackOption{auth.WithAttemptLimiter(o.testWaiter)}
	}
	hc := cfg.HTTPClient(stack...)
	if lim != nil && hc.Transport != nil {
		cp := *hc
		cp.Transport = answerTimer{next: hc.Transport}
		hc = &cp
	}
	c := &Client{
		core:        &core.Client{HTTP: hc, BaseURL: base, Header: http.Header{}},
		company:     o.company,
		orgID:       cfg.Credentials().OrgID,
		classPrefix: o.classPrefix,
		limiter:     lim,
		locks:       &core.KeyLocks{},
	}
	c.init()
	return c, nil
}

func (c *Client) init() {
	if c.company != "" {
		c.core.Header.Set(headerCompany, c.company)
	}
	c.svc.client = c
	c.CalculatedMetrics = (*CalculatedMetricsService)(&c.svc)
	c.Classifications = (*ClassificationsService)(&c.svc)
	c.DataSources = (*DataSourcesService)(&c.svc)
	c.Dimensions = (*DimensionsService)(&c.svc)
	c.Discovery = (*DiscoveryService)(&c.svc)
	c.Metrics = (*MetricsService)(&c.svc)
	c.ReportSuites = (*ReportSuitesService)(&c.svc)
	c.Segments = (*SegmentsService)(&c.svc)
	c.Users = (*UsersService)(&c.svc)
}

const headerCompany = "x-proxy-global-company-id"

// Company returns the global company id the client is bound to ("" if none).
func (c *Client) Company() string { return c.company }

// Limiter returns the client-side rate limiter, or nil when
// [WithoutRateLimit] turned it off.
func (c *Client) Limiter() *Limiter { return c.limiter }

// withCompany returns a copy of c bound to another company. The copy shares
// c's HTTP stack, token cache, rate limiter and Ensure locks.
func (c *Client) withCompany(globalCompanyID string) (*Client, error) {
	if err := checkCompanyID(globalCompanyID); err != nil {
		return nil, err
	}
	cc := *c.core
	cc.Header = c.core.Header.Clone()
	n := &Client{core: &cc, company: globalCompanyID, orgID: c.orgID, classPrefix: c.classPrefix, limiter: c.limiter, locks: c.locks}
	n.init()
	return n, nil
}

// ForCompany discovers the companies the token can see (GET /discovery/me)
// and returns a copy of c bound to the one company of IMS org orgID whose
// name or global company id is company. orgID may be empty to search every
// org. It fails with a *[CompanyError] when the token sees no such company or
// several.
//
// Discovery lists the companies associated with the credential (those of
// its Analytics product profiles), so for a credential without one it can
// answer 200 with an empty list rather than 403025. When the token sees no company at all in orgID, the
// *[CompanyError] therefore also matches [ErrProfileNotValid] and says the
// likely cause: the profile is missing or has not propagated yet. Right
// after provisioning, call [Client.WaitForProfile] first; it waits for
// discovery to list a company.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/discovery/
//
// API: GET https://analytics.adobe.io/discovery/me
func (c *Client) ForCompany(ctx context.Context, orgID, company string) (*Client, Company, error) {
	if err := checkOrgID("orgID", orgID); err != nil {
		return nil, Company{}, err
	}
	if err := checkText("company", company, false, maxNameLen); err != nil {
		return nil, Company{}, err
	}
	d, _, err := c.Discovery.Me(ctx)
	if err != nil {
		return nil, Company{}, err
	}
	co, err := d.FindCompany(orgID, company)
	if err != nil {
		return nil, Company{}, err
	}
	n, err := c.withCompany(co.GlobalCompanyID)
	if err != nil {
		return nil, Company{}, err
	}
	return n, co, nil
}

func checkCompanyID(id string) error {
	if id == "" {
		return core.NewArgError("globalCompanyId", "is empty; find it with Discovery.Me or ForCompany")
	}
	if strings.ContainsAny(id, "/?#% \t\r\n") {
		return core.NewArgError("globalCompanyId", "%q is not a global company id", id)
	}
	return nil
}

// companyPath builds "api/{gcid}/<format>" with every argument escaped as
// one path segment. It fails before any I/O when no company is bound.
func (c *Client) companyPath(format string, args ...any) (string, error) {
	if c.company == "" {
		return "", errNoCompany
	}
	return core.Pathf("api/%s/"+format, append([]any{c.company}, args...)...), nil
}

var errNoCompany = core.NewArgError("company", "the client is bound to no company; use WithCompany or Client.ForCompany")

// do sends one request and classifies Analytics' special errors.
func (c *Client) do(ctx context.Context, method, path string, q any, body any, out any, opts []adobe.RequestOption) (*adobe.Response, error) {
	r, err := c.core.Call(ctx, core.Request{Method: method, Path: path, Query: q, Body: body}, out, opts...)
	return r, classify(err)
}

// get is do for GET without a body.
func (c *Client) get(ctx context.Context, path string, q any, out any, opts []adobe.RequestOption) (*adobe.Response, error) {
	return c.do(ctx, http.MethodGet, path, q, nil, out, opts)
}

// required returns an *ArgError when v is blank, holds a control
// character or is longer than 255 characters.
func required(name, v string) error { return checkText(name, v, true, maxIDLen) }

// qv builds url.Values from key/value pairs, skipping empty values.
func qv(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	return v
}
