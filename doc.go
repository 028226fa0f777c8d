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
//
// This package holds the error types shared by all of them ([Error],
// [RateLimitError], [ArgError] and the sentinels) and, as the API packages
// arrive, the high-level helpers built on them.
//
// # Authentication
//
// Every API client is built from one auth.Config:
//
//	creds, err := auth.CredentialsFromEnv() // ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET, ADOBE_ORG_ID, ADOBE_SCOPES
//	cfg, err := auth.NewConfig(creds)       // no network I/O until the first call
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
