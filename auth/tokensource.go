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

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
	"golang.org/x/sync/singleflight"
)

// DefaultRefreshBefore is how long before expiry a cached token is renewed:
// Adobe's own aio-lib-ims renews 10 minutes early.
const DefaultRefreshBefore = 10 * time.Minute

// Fetcher fetches a new token. It is given a context bounded by the token
// timeout, never a caller's request context.
type Fetcher func(ctx context.Context) (*oauth2.Token, error)

// TokenSource is a cached, invalidatable token source shared by every client
// of one credential:
//
//   - the token is fetched on first use (never in a constructor), cached and
//     renewed ahead of expiry (see WithRefreshBefore);
//   - any number of concurrent callers on a cold or stale cache cause exactly
//     one fetch; a caller whose context ends stops waiting, while the fetch
//     goes on for the others;
//   - Invalidate drops the cached token after an API answered 401.
//
// It implements oauth2.TokenSource.
type TokenSource struct {
	fetch         Fetcher
	refreshBefore time.Duration
	timeout       time.Duration
	logger        *slog.Logger

	mu       sync.Mutex
	tok      *oauth2.Token
	obtained time.Time
	group    singleflight.Group
	fetches  atomic.Int64
}

// NewCachedTokenSource wraps fetch in a TokenSource.
func NewCachedTokenSource(fetch Fetcher, opts ...Option) (*TokenSource, error) {
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	return newTokenSource(fetch, o), nil
}

func newTokenSource(fetch Fetcher, o *options) *TokenSource {
	return &TokenSource{fetch: fetch, refreshBefore: o.refreshBefore, timeout: 4 * o.tokenTimeout, logger: o.logger}
}

// NewTokenSource returns the OAuth Server-to-Server token source of creds:
// client_credentials against IMS /ims/token/v3 (form-encoded, scopes
// comma-joined, credentials in the body), retried on network errors, 429 and
// 5xx (never 4xx), cached and renewed ahead of expiry. It validates creds and
// does no I/O.
//
// The token requests run on a background context that holds the token HTTP
// client (x/oauth2 keeps that context for every later fetch), never on a
// caller's request context; each fetch is bounded by the token timeout.
func NewTokenSource(creds Credentials, opts ...Option) (*TokenSource, error) {
	if err := creds.Validate(); err != nil {
		return nil, err
	}
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	return newTokenSource(s2sFetcher(creds, o), o), nil
}

func s2sFetcher(creds Credentials, o *options) Fetcher {
	cc := &clientcredentials.Config{
		ClientID:     creds.ClientID,
		ClientSecret: creds.ClientSecret.Reveal(),
		TokenURL:     creds.imsURL() + "/ims/token/v3",
		// IMS wants the scopes comma-joined; x/oauth2 would space-join
		// Scopes, so they go in EndpointParams.
		EndpointParams: url.Values{"scope": {strings.Join(creds.Scopes, ",")}},
		AuthStyle:      oauth2.AuthStyleInParams,
	}
	hc := o.tokenHTTPClient()
	return func(ctx context.Context) (*oauth2.Token, error) {
		ctx = context.WithValue(ctx, oauth2.HTTPClient, hc)
		tok, err := cc.Token(ctx)
		if err != nil {
			return nil, tokenErrorFrom(err)
		}
		return tok, nil
	}
}

// Token returns a valid token, fetching one if needed. It implements
// oauth2.TokenSource; prefer TokenContext, whose wait can be cancelled.
func (s *TokenSource) Token() (*oauth2.Token, error) {
	return s.TokenContext(context.Background())
}

// TokenContext returns a valid token, fetching one if needed; ctx bounds only
// this caller's wait.
func (s *TokenSource) TokenContext(ctx context.Context) (*oauth2.Token, error) {
	if t := s.cached(); t != nil {
		return t, nil
	}
	ch := s.group.DoChan("token", func() (any, error) {
		if t := s.cached(); t != nil {
			return t, nil
		}
		fctx, cancel := context.WithTimeout(context.Background(), s.timeout)
		defer cancel()
		s.fetches.Add(1)
		start := time.Now()
		t, err := s.fetch(fctx)
		if err != nil {
			s.logger.Debug("adobe: token request failed", "error", err)
			return nil, err
		}
		if t == nil || t.AccessToken == "" {
			return nil, errors.New("auth: IMS returned an empty access token")
		}
		s.mu.Lock()
		s.tok, s.obtained = t, start
		s.mu.Unlock()
		s.logger.Debug("adobe: token obtained", "expires_in", time.Until(t.Expiry).Round(time.Second))
		return t, nil
	})
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.(*oauth2.Token), nil
	}
}

// cached returns the cached token if it is still valid for long enough.
func (s *TokenSource) cached() *oauth2.Token {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok == nil {
		return nil
	}
	if s.tok.Expiry.IsZero() {
		return s.tok
	}
	lead := s.refreshBefore
	// A token that lives shorter than twice the lead (a test or a custom
	// IMS) is renewed half-way through its life instead.
	if life := s.tok.Expiry.Sub(s.obtained); life < 2*lead {
		lead = life / 2
	}
	if time.Now().Add(lead).Before(s.tok.Expiry) {
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
	if s.tok != nil && s.tok.AccessToken == rejected {
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
	return s.tok.Expiry
}

var _ oauth2.TokenSource = (*TokenSource)(nil)

// tokenHTTPClient is the client for IMS token requests: its own retry policy
// (network errors, 429, 5xx; never 4xx), Retry-After honoured up to the cap,
// and a per-attempt timeout.
func (o *options) tokenHTTPClient() *http.Client {
	rc := o.newRetryClient(o.base, tokenCheckRetry(o), o.tokenTimeout)
	return rc.StandardClient()
}

// String describes the source without its token.
func (s *TokenSource) String() string {
	return fmt.Sprintf("auth.TokenSource{fetches:%d expiry:%s}", s.Fetches(), s.Expiry().Format(time.RFC3339))
}

// GoString describes the source without its token.
func (s *TokenSource) GoString() string { return s.String() }
