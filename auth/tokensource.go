package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
	"golang.org/x/oauth2"
	"golang.org/x/sync/singleflight"
)

// DefaultRefreshBefore is how long before expiry a cached token is renewed:
// Adobe's own aio-lib-ims renews 10 minutes early.
const DefaultRefreshBefore = 10 * time.Minute

// Token is an access token as the SDK hands it out: the token itself is a
// Secret, so no fmt verb, JSON or slog output of a Token shows it.
type Token struct {
	// AccessToken is the bearer token; Reveal it only to send it.
	AccessToken Secret
	// TokenType is "bearer".
	TokenType string
	// Expiry is when the token expires (zero: unknown).
	Expiry time.Time
}

// String describes the token without revealing it.
func (t Token) String() string {
	return fmt.Sprintf("auth.Token{AccessToken:%s TokenType:%s Expiry:%s}", t.AccessToken, t.TokenType, t.Expiry.Format(time.RFC3339))
}

// Format implements fmt.Formatter: every verb prints String, so no verb
// (a wrong one included) shows the token.
func (t Token) Format(f fmt.State, verb rune) { formatSafe(f, verb, t.String()) }

// LogValue implements slog.LogValuer without the token.
func (t Token) LogValue() slog.Value {
	return slog.GroupValue(slog.String("token_type", t.TokenType), slog.Time("expiry", t.Expiry))
}

// cachedToken is a token with what the stack derives from it once, not per
// request.
type cachedToken struct {
	oauth  *oauth2.Token
	public *Token
	bearer []string // the Authorization header value, built once per token
}

func newCachedToken(t *oauth2.Token) *cachedToken {
	return &cachedToken{
		oauth:  t,
		public: &Token{AccessToken: Secret(t.AccessToken), TokenType: t.TokenType, Expiry: t.Expiry},
		bearer: one("Bearer " + t.AccessToken),
	}
}

// TokenSource is a cached, invalidatable token source shared by every client
// of one credential:
//
//   - the token is fetched on first use (never in a constructor), cached and
//     renewed ahead of expiry (see WithRefreshBefore);
//   - any number of concurrent callers on a cold or stale cache cause exactly
//     one fetch; a caller whose context ends stops waiting, while the fetch
//     goes on for the others;
//   - a fetch function that panics fails that fetch (every waiting caller
//     gets an error) instead of crashing the process;
//   - Invalidate drops the cached token after an API answered 401.
//
// It implements oauth2.TokenSource.
type TokenSource struct {
	fetch         func(context.Context) (*oauth2.Token, error)
	op            string // names the fetch in errors
	refreshBefore time.Duration
	timeout       time.Duration
	logger        *slog.Logger

	mu       sync.Mutex
	tok      *cachedToken
	obtained time.Time
	flight   *flight // the fetch in progress, if any; guarded by mu
	group    singleflight.Group
	fetches  atomic.Int64
}

// flight is one token fetch shared by its waiting callers: its context
// ends when the fetch is over or when the last waiter has gone, so that no
// token request outlives every call that wanted it.
type flight struct {
	ctx     context.Context
	cancel  context.CancelFunc
	waiters int
}

// NewCachedTokenSource wraps fetch, your own way of getting a token, in the
// SDK's cache (see TokenSource). fetch is given a context bounded by the
// token timeout, never a caller's request context. A nil fetch is an
// *adobe.ArgError.
func NewCachedTokenSource(fetch func(ctx context.Context) (*oauth2.Token, error), opts ...Option) (*TokenSource, error) {
	if fetch == nil {
		return nil, core.NewArgError("fetch", "is nil; pass the function that gets a token")
	}
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	return newTokenSource(fetch, "token request", o), nil
}

func newTokenSource(fetch func(context.Context) (*oauth2.Token, error), op string, o *options) *TokenSource {
	return &TokenSource{fetch: fetch, op: op, refreshBefore: o.refreshBefore, timeout: 4 * o.tokenTimeout, logger: o.logger}
}

// NewTokenSource returns the OAuth Server-to-Server token source of creds:
// client_credentials against IMS /ims/token/v3 (form-encoded, scopes
// comma-joined, credentials in the body), retried on network errors, 429 and
// 5xx (never 4xx), cached and renewed ahead of expiry. It validates creds and
// does no I/O.
//
// Each fetch runs on a context of its own, bounded by the token timeout and
// ended when no caller waits for it any more, never on a caller's request
// context.
func NewTokenSource(creds Credentials, opts ...Option) (*TokenSource, error) {
	if err := creds.Validate(); err != nil {
		return nil, err
	}
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	return newS2STokenSource(creds, o)
}

func newS2STokenSource(creds Credentials, o *options) (*TokenSource, error) {
	base, err := core.ParseBaseURL(creds.imsURL())
	if err != nil {
		return nil, core.NewArgError("IMSURL", "%v", err)
	}
	c := &core.Client{HTTP: o.tokenHTTPClient(), BaseURL: base}
	form := url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {creds.ClientID},
		"client_secret": {creds.ClientSecret.Reveal()},
		// IMS wants the scopes comma-joined.
		"scope": {strings.Join(creds.Scopes, ",")},
	}
	fetch := func(ctx context.Context) (*oauth2.Token, error) {
		tr, _, err := c.FetchToken(ctx, "ims/token/v3", form)
		if err != nil {
			return nil, tokenError(err)
		}
		return &oauth2.Token{AccessToken: tr.AccessToken, TokenType: tr.TokenType, Expiry: tr.Expiry}, nil
	}
	return newTokenSource(fetch, "POST "+base.Host+base.Path+"ims/token/v3", o), nil
}

// Token returns a valid token, fetching one if needed. It implements
// oauth2.TokenSource, whose *oauth2.Token prints its access token with %+v
// and %#v: prefer TokenContext, whose wait can be cancelled and whose Token
// never prints the secret.
func (s *TokenSource) Token() (*oauth2.Token, error) {
	t, err := s.get(context.Background())
	if err != nil {
		return nil, err
	}
	cp := *t.oauth
	return &cp, nil
}

// TokenContext returns a valid token, fetching one if needed; ctx bounds only
// this caller's wait. A context that ends first is an *adobe.RequestError
// naming the token request (errors.Is context.Canceled or
// DeadlineExceeded still holds).
func (s *TokenSource) TokenContext(ctx context.Context) (*Token, error) {
	t, err := s.get(ctx)
	if err != nil {
		return nil, err
	}
	cp := *t.public
	return &cp, nil
}

// get returns the cached token, fetching it (once, for every concurrent
// caller) when it is missing or stale.
func (s *TokenSource) get(ctx context.Context) (*cachedToken, error) {
	if t := s.cached(); t != nil {
		return t, nil
	}
	for range 3 {
		t, err, retry := s.wait(ctx)
		if !retry {
			return t, err
		}
	}
	return s.wait0(ctx)
}

// wait0 is wait without a further retry.
func (s *TokenSource) wait0(ctx context.Context) (*cachedToken, error) {
	t, err, _ := s.wait(ctx)
	return t, err
}

// join registers the caller as a waiter of the current fetch, starting a
// new flight context when none is in progress.
func (s *TokenSource) join() *flight {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.flight == nil {
		fctx, cancel := context.WithTimeout(context.Background(), s.timeout)
		s.flight = &flight{ctx: fctx, cancel: cancel}
	}
	s.flight.waiters++
	return s.flight
}

// leave unregisters a waiter; the last one to leave ends the flight's
// context, which stops a fetch nobody waits for any more.
func (s *TokenSource) leave(f *flight) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f.waiters--
	if f.waiters == 0 {
		f.cancel()
		if s.flight == f {
			s.flight = nil
		}
	}
}

// wait waits for the shared fetch. retry reports that the fetch ended only
// because every earlier waiter gave up while this caller still waits: the
// caller should start a new one.
func (s *TokenSource) wait(ctx context.Context) (_ *cachedToken, _ error, retry bool) {
	f := s.join()
	defer s.leave(f)
	ch := s.group.DoChan("token", func() (v any, err error) {
		if t := s.cached(); t != nil {
			return t, nil
		}
		// A panic here would escape singleflight and crash the process:
		// it becomes this fetch's error, which every waiter receives.
		defer func() {
			if r := recover(); r != nil {
				v, err = nil, fmt.Errorf("auth: the token source panicked during the %s: %v", s.op, r)
				s.logger.Error("adobe: token source panicked", "op", s.op)
			}
		}()
		fctx := f.ctx
		s.fetches.Add(1)
		start := time.Now()
		t, err := s.fetch(fctx)
		if err != nil {
			s.logger.Debug("adobe: token request failed", "op", s.op, "error", err)
			if fctx.Err() != nil && !errors.As(err, new(*adobe.RequestError)) {
				err = &adobe.RequestError{Op: s.op, Err: err}
			}
			return nil, err
		}
		if t == nil || t.AccessToken == "" {
			return nil, fmt.Errorf("auth: the %s returned no access token", s.op)
		}
		ct := newCachedToken(t)
		s.mu.Lock()
		s.tok, s.obtained = ct, start
		s.mu.Unlock()
		s.logger.Debug("adobe: token obtained", "expires_in", time.Until(t.Expiry).Round(time.Second))
		return ct, nil
	})
	select {
	case <-ctx.Done():
		return nil, &adobe.RequestError{Op: "waiting for the access token (" + s.op + ")", Err: ctx.Err()}, false
	case r := <-ch:
		if r.Err != nil {
			if errors.Is(r.Err, context.Canceled) && ctx.Err() == nil {
				// The flight this call joined was abandoned by the
				// callers before it: fetch again.
				return nil, r.Err, true
			}
			return nil, r.Err, false
		}
		return r.Val.(*cachedToken), nil, false
	}
}

// cached returns the cached token if it is still valid for long enough.
func (s *TokenSource) cached() *cachedToken {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok == nil {
		return nil
	}
	exp := s.tok.oauth.Expiry
	if exp.IsZero() {
		return s.tok
	}
	lead := s.refreshBefore
	// A token that lives shorter than twice the lead (a test or a custom
	// IMS) is renewed half-way through its life instead.
	if life := exp.Sub(s.obtained); life < 2*lead {
		lead = life / 2
	}
	if time.Now().Add(lead).Before(exp) {
		return s.tok
	}
	return nil
}

// Invalidate drops the cached token if it is still rejected, the token an
// API refused with 401. Comparing first means that many concurrent 401s for
// the same token cause one renewal.
func (s *TokenSource) Invalidate(rejected string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok != nil && s.tok.oauth.AccessToken == rejected {
		s.tok = nil
	}
}

// Fetches reports how many token fetches the source has started.
func (s *TokenSource) Fetches() int64 { return s.fetches.Load() }

// Expiry returns the cached token's expiry, or the zero time when none is
// cached.
func (s *TokenSource) Expiry() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok == nil {
		return time.Time{}
	}
	return s.tok.oauth.Expiry
}

var _ oauth2.TokenSource = (*TokenSource)(nil)

// tokenHTTPClient is the client for IMS token requests: its own retry policy
// (network errors, 429, 5xx; never 4xx), Retry-After honoured up to the cap,
// and a per-attempt timeout.
func (o *options) tokenHTTPClient() *http.Client {
	var rt http.RoundTripper = &countTransport{next: o.base}
	rt = &headerTransport{ua: o.userAgentString(), logger: o.logger, next: rt}
	rc := o.newRetryClient(rt, tokenCheckRetry(o), o.tokenTimeout)
	return rc.StandardClient()
}

// String describes the source without its token.
func (s *TokenSource) String() string {
	return fmt.Sprintf("auth.TokenSource{fetches:%d expiry:%s}", s.Fetches(), s.Expiry().Format(time.RFC3339))
}

// GoString describes the source without its token.
func (s *TokenSource) GoString() string { return s.String() }

// Format implements fmt.Formatter: every verb prints String.
func (s *TokenSource) Format(f fmt.State, verb rune) { formatSafe(f, verb, s.String()) }
