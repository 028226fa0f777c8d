// Package auth is the shared, authenticated transport of go-adobe: OAuth
// Server-to-Server credentials, a cached IMS token source, and the retrying
// HTTP stack every API package is built on.
//
// # Usage
//
// Load the credential of a Developer Console project (from code, from
// ADOBE_* environment variables, or from the workspace JSON the Console's
// Download button gives), build one Config, and build every API client from
// it so that they share one token cache and one connection pool:
//
//	creds, err := auth.CredentialsFromEnv()
//	if err != nil { ... }               // *adobe.ArgError names the wrong variable
//	cfg, err := auth.NewConfig(creds)   // no I/O: the token is fetched on first use
//	if err != nil { ... }
//	client, err := analytics.NewFromConfig(cfg)
//
// # Authentication
//
// [NewTokenSource] requests client_credentials tokens from IMS
// /ims/token/v3 (form-encoded, the credential's scopes comma-joined, the
// client secret in the body, never in a URL). Tokens are cached and renewed
// [DefaultRefreshBefore] (10 minutes, like Adobe's aio-lib-ims) ahead of
// expiry; any number of concurrent callers on a cold cache cause one token
// request. When an API answers 401 the rejected token is invalidated and the
// request is re-sent once with a fresh token (outside the retry budget, and
// only if the token source hands out a different token and the body can be
// sent again); a second 401 is returned as adobe.ErrUnauthorized. IMS
// refusals come back as [*TokenError] carrying IMS's error,
// error_description and x-debug-id and unwrapping to *adobe.Error; a 429
// from IMS that is not retried is an *adobe.RateLimitError. Token requests
// carry the SDK's User-Agent.
//
// [TokenSource.TokenContext] returns a [Token] whose AccessToken is a
// [Secret]; [TokenSource.Token] returns x/oauth2's *oauth2.Token (for the
// oauth2.TokenSource interface), which prints its access token with %+v.
//
// The token source fetches on a context of its own, never a caller's
// request context, shared by every caller waiting for that fetch: each
// token request is bounded by [WithTokenTimeout] and ends when the last
// caller waiting for it has given up, so no token request outlives the
// calls that wanted it. A caller's context bounds only its own wait: when
// it ends first, the error is an *adobe.RequestError naming the token
// request.
//
// For a user's token (an Adobe ID login, see package ims) use
// [NewConfigFromTokenSource]. Service Account (JWT) credentials have reached
// end of life and are recognized ([ErrJWTEndOfLife]), not supported.
//
// # Errors
//
// Argument and credential format errors are *adobe.ArgError (naming the
// field, the environment variable or the JSON path) and are returned before
// any I/O. API errors are *adobe.Error (status, Adobe error code, request ID,
// attempts); a 429 that is not retried is an *adobe.RateLimitError with
// RetryAfter. errors.Is works with adobe.ErrNotFound, ErrUnauthorized,
// ErrForbidden, ErrRateLimited and ErrConflict.
//
// # Retries and Rate Limits
//
// The stack, outermost first: the one 401 re-send → retries
// (go-retryablehttp) → the service's client-side limiter → Adobe headers
// (x-api-key, User-Agent "<your prefix> go-adobe/<version> go/<version>",
// optional x-gw-ims-org-id) → bearer token → the base transport. Credentials
// only go to the host and scheme a call started on: a redirect elsewhere,
// or from https to http, is returned instead of followed. Base URLs and
// endpoints must be https (plain http only on a loopback host, for a local
// fake). A service's limiter ([WithAttemptLimiter], an adobe.Limiter) is
// waited on before every attempt; a wait over a second is logged at info
// level, and a context that ends while waiting is an *adobe.LimitWaitError
// naming the limiter and how long the call waited. 429 is always retried, honouring
// Retry-After (seconds or HTTP date) up to [RetryPolicy].MaxRetryAfter;
// beyond it the call fails at once with adobe.RateLimitError instead of
// sleeping. 5xx and transport errors are retried only for idempotent
// methods or calls marked with adobe.WithIdempotent, because Adobe may have
// applied a POST whose answer was lost. Backoff is exponential with jitter,
// and every wait ends when the context does. Token requests have their own
// policy: network errors, 429 and 5xx are retried, 4xx never.
//
// # Pagination
//
// This package has no listings; the API packages' ListIter methods page
// through Adobe's listings on top of this transport.
//
// # Logging
//
// Silent by default. [WithLogger] logs each attempt at debug level: method,
// host, path, status, attempt, duration and request ID — never headers,
// bodies, query strings, secrets or tokens. [Secret] and [Credentials]
// redact the client secret in every fmt verb, in slog and in JSON.
//
// # Testing
//
// [WithBaseTransport] replaces the innermost transport, below retries and
// authentication, so a test exercises the whole stack against httpmock or
// the in-process fake of package adobetest.
package auth
