package devconsole

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/core"
)

// Base URLs of the Developer Console API. Adobe's own Console library
// (aio-lib-console) calls DefaultBaseURL; Adobe's public docs show the same
// /console paths on APIBaseURL for the organizations and secrets endpoints.
const (
	DefaultBaseURL = "https://developers.adobe.io/"
	APIBaseURL     = "https://api.adobe.io/"
	StageBaseURL   = "https://developers-stage.adobe.io/"
)

// Client is a Developer Console API client. Its services group the
// operations the way Adobe's spec tags them. A Client is safe for concurrent
// use.
//
// Every call takes the org as the IMS org id ("…@AdobeOrg") or the numeric
// Console org id. The Console's paths need the numeric id: the client
// resolves an IMS org id once, through the organization list, and caches it
// for its lifetime.
//
// Concurrent Ensure calls of one key (an org's project name, a workspace's
// credential name, a credential's service) on one Client are serialized, so
// they never both create. Across Clients and processes what holds is the
// look-up by name: an Ensure that starts after another one's create has
// been answered finds that object and writes nothing. Nothing serializes
// Ensures that run at the same moment in two processes: both may find
// nothing and both create (the Console has no idempotency key), so run one
// provisioning process per org at a time.
type Client struct {
	c core.Client

	orgs  orgCache
	locks core.KeyLocks

	common service

	// Organizations: orgs, developer terms, org services (APIs) and their
	// product profiles, integrations.
	Organizations *OrganizationsService
	// Projects: projects of an org.
	Projects *ProjectsService
	// Workspaces: workspaces of a project and their download.
	Workspaces *WorkspacesService
	// Credentials: OAuth Server-to-Server credentials, their details and
	// their service subscriptions (product profiles).
	Credentials *CredentialsService
	// Secrets: client secrets of a credential.
	Secrets *SecretsService
	// Migration: the JWT → OAuth Server-to-Server migration endpoints.
	Migration *MigrationService
}

type service struct{ client *Client }

// Option configures a Client; options validate their input.
type Option func(*options) error

type options struct {
	baseURL string
	stack   []auth.StackOption
}

// WithBaseURL sets the API root (default DefaultBaseURL), e.g. APIBaseURL,
// StageBaseURL or a local fake's URL.
func WithBaseURL(u string) Option {
	return func(o *options) error {
		if _, err := core.ParseBaseURL(u); err != nil {
			return err
		}
		o.baseURL = u
		return nil
	}
}

// WithLimiter makes every attempt, retries included, wait for l (built by
// NewLimiter; share one among clients to share its budget): a client-side
// rate limit. Adobe publishes none for this API, so by default there is
// none.
func WithLimiter(l *Limiter) Option {
	return func(o *options) error {
		if l == nil {
			return core.NewArgError("WithLimiter", "the limiter is nil")
		}
		o.stack = append(o.stack, auth.WithAttemptLimiter(l))
		return nil
	}
}

// NewFromConfig returns a Developer Console client that sends its requests
// through cfg's shared stack (token, retries, x-api-key, User-Agent). It does
// no I/O. Every request also carries Content-Type: application/json, as
// Adobe's own Console client sends.
func NewFromConfig(cfg *auth.Config, opts ...Option) (*Client, error) {
	if cfg == nil {
		return nil, core.NewArgError("cfg", "is nil; build one with auth.NewConfig or auth.NewConfigFromTokenSource")
	}
	o := options{baseURL: cfg.ServiceURL(DefaultBaseURL)}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	base, err := core.ParseBaseURL(o.baseURL)
	if err != nil {
		return nil, err
	}
	c := &Client{c: core.Client{
		HTTP:    cfg.HTTPClient(o.stack...),
		BaseURL: base,
		Header:  http.Header{"Content-Type": {"application/json"}},
	}}
	c.common.client = c
	c.Organizations = (*OrganizationsService)(&c.common)
	c.Projects = (*ProjectsService)(&c.common)
	c.Workspaces = (*WorkspacesService)(&c.common)
	c.Credentials = (*CredentialsService)(&c.common)
	c.Secrets = (*SecretsService)(&c.common)
	c.Migration = (*MigrationService)(&c.common)
	return c, nil
}

// call sends one request. Every request carries Content-Type:
// application/json (set as a client default header).
func (s *service) call(ctx context.Context, method, path string, query, body, out any, reqOpts []adobe.RequestOption) (*adobe.Response, error) {
	return s.client.c.Call(ctx, core.Request{Method: method, Path: path, Query: query, Body: body}, out, reqOpts...)
}

// org validates orgID and returns the numeric Console org id.
func (s *service) org(ctx context.Context, arg, orgID string, reqOpts []adobe.RequestOption) (string, error) {
	if err := checkOrgID(arg, orgID); err != nil {
		return "", err
	}
	return s.client.consoleOrg(ctx, orgID, reqOpts)
}

// onePage iterates over a list the Console answers in one response (not
// paginated): one request when the iteration starts.
func onePage[T any](ctx context.Context, list func(context.Context) ([]T, error)) iter.Seq2[T, error] {
	return core.Iterate(ctx, 0, func(ctx context.Context, _ int) (core.Page[T], error) {
		items, err := list(ctx)
		return core.Page[T]{Items: items, Last: true, Number: -1, TotalPages: -1}, err
	})
}

// wholeList marks resp as the one and only page of n items (1-based, as
// the Console counts pages).
func wholeList(resp *adobe.Response, n int) {
	if resp != nil {
		resp.Page = &adobe.PageInfo{Number: 1, Size: n, TotalPages: 1, TotalItems: n, Last: true}
	}
}

// ambiguous reports whether a failed write may nevertheless have been
// applied by Adobe: the connection failed or timed out after the request was
// sent, Adobe answered 5xx, 409 (the name exists: perhaps created by an
// earlier attempt whose answer was lost) or a 2xx whose body is unusable
// (*adobe.ResponseError: applied, ids unknown). A caller re-reads before
// retrying.
func ambiguous(ctx context.Context, err error) bool {
	if err == nil || ctx.Err() != nil {
		return false
	}
	var ae *adobe.ArgError
	if errors.As(err, &ae) {
		return false
	}
	var rl *adobe.RateLimitError
	if errors.As(err, &rl) {
		return false // a 429 was refused, nothing applied
	}
	var e *adobe.Error
	if errors.As(err, &e) {
		return e.StatusCode >= 500 || e.StatusCode == http.StatusConflict
	}
	return true // transport error: the request may have reached Adobe
}

// ensure finds a resource, creates it when absent, and after an ambiguous
// failure of the create re-checks by find before a single retry, so that
// neither a lost answer nor a re-run creates it twice. It fills e and
// records the create (what, method, path) in e.Changes.
func ensure[T any](ctx context.Context, e *adobe.Ensured[T], find func(context.Context) (T, bool, error), create func(context.Context) (T, error), what, method, path string) error {
	if v, ok, err := find(ctx); err != nil {
		return err
	} else if ok {
		e.Value = v
		return nil
	}
	v, err := create(ctx)
	if err == nil {
		e.Value, e.Created = v, true
		e.Record(what, method, path)
		return nil
	}
	if !ambiguous(ctx, err) {
		return err
	}
	v2, ok, ferr := find(ctx)
	if ferr != nil {
		return errors.Join(err, fmt.Errorf("devconsole: looking up by name after the failed create (a re-run looks up again): %w", ferr))
	}
	if ok {
		e.Value, e.Created = v2, true
		e.Record(what+" (the create's answer was lost; found by name)", method, path)
		return nil
	}
	if v, err = create(ctx); err != nil {
		return err
	}
	e.Value, e.Created = v, true
	e.Record(what, method, path)
	return nil
}
