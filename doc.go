// Package adobe is go-adobe, an embeddable Go SDK for Adobe's administration
// APIs whose headline job is to provision the Adobe Analytics connector for
// Adobe Campaign end to end.
//
// # Packages
//
//   - auth: OAuth Server-to-Server credentials, the cached IMS token source
//     and the retrying HTTP stack that every API package shares.
//   - ims: Adobe IMS (tokens, user login with PKCE, validation, profile).
//   - adminconsole: the User Management API, product profiles and the
//     Analytics permission model.
//   - devconsole: the Developer Console API (projects, credentials,
//     product-profile attachment, secrets, workspace download).
//   - analytics: the Analytics 2.0 API.
//   - adobetest: a stateful, in-process fake of Adobe's APIs for your own
//     tests; cmd/adobe-fake serves it on a local port.
//   - campaign: the high-level helpers on top of them all: provision, plan
//     and diagnose the Adobe Analytics connector for Adobe Campaign.
//
// This package is the vocabulary every other package speaks, and imports
// none of them: the error types ([Error], [RateLimitError], [ArgError],
// [ResponseError], [RequestError], [LimitWaitError], [WaitTimeoutError]) and
// the sentinels, the per-call [RequestOption]s, the [Response] every call
// returns beside its value, the [Ensured] result of every Ensure call, the
// [WaitOption]s of every waiter, the [Limiter] interface and [Version].
//
// # Authentication
//
// Every API client is built from one auth.Config:
//
//	creds, err := auth.CredentialsFromEnv() // ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET, ADOBE_ORG_ID, ADOBE_SCOPES
//	cfg, err := auth.NewConfig(creds)       // no network I/O until the first call
//
// # The transport
//
// Every API client runs on one HTTP stack (package auth), outermost first:
// per-call state and a single re-send after a 401 with a freshly minted
// token → retries (go-retryablehttp) → the service's client-side rate
// limiter → Adobe's headers (x-api-key, User-Agent "go-adobe/<version>
// go/<version>" after your own prefix) → the bearer token from a shared,
// cached token source → your base transport. Credentials only ever go to the
// host a call started on. Logging is off unless you pass auth.WithLogger,
// and never shows headers, bodies, query strings, secrets or tokens.
//
// # Retries and Rate Limits
//
// 429 answers are retried after Retry-After (seconds or an HTTP date) up to
// a cap (two minutes by default); a longer Retry-After fails the call at
// once with a *[RateLimitError] carrying it. 5xx answers and network errors
// are retried with jittered exponential backoff only for idempotent
// requests or calls marked with [WithIdempotent], because Adobe may have
// applied a POST whose answer was lost; the helpers that create things
// look up by name before they create again. Services with published limits
// (Analytics' 12 requests per 6 s, the User Management API's per-endpoint
// limits) also wait on a client-side limiter before every attempt.
//
// # Pagination
//
// Every listing has a List method returning one page and a ListIter
// variant returning an iter.Seq2[T, error] that fetches pages lazily, stops
// after the last page (or on a page the server repeats), and stops when the
// context ends; the first error is yielded once.
//
// # Errors
//
// API errors are *[Error]; use errors.As to read the status, Adobe's error
// code and the request ID, and errors.Is with [ErrNotFound],
// [ErrUnauthorized], [ErrForbidden], [ErrRateLimited] and [ErrConflict].
// Invalid arguments are *[ArgError], returned before any request.
//
// # Testing
//
// Package adobetest runs a fake Adobe in your process: point any client at
// it with auth.WithBaseTransport(fake.Transport()) and keep Adobe's real
// URLs.
package adobe
