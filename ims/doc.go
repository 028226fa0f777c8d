// Package ims is a typed client of Adobe IMS (Identity Management System):
// tokens for OAuth Server-to-Server and user (authorization code with PKCE,
// refresh) flows, a loopback login for command-line tools, token
// validation, userinfo, profile, organizations, revocation and OpenID
// discovery, and decoding of an access token's claims.
//
// # Usage
//
//	c, err := ims.NewClient() // production IMS; ims.NewFromConfig(cfg) shares a Config's transport and IMS
//	res, err := c.Login(ctx, ims.LoginConfig{
//		ClientID: "…", Scopes: []string{"openid", "AdobeID", "read_organizations", "offline_access"},
//	})
//	cfg, err := auth.NewConfigFromTokenSource("…", "", res.TokenSource) // e.g. for devconsole
//
// For API calls with a technical account use auth.NewConfig, which caches
// and renews S2S tokens; [Client.ClientCredentialsToken] is the one-shot call.
//
// # Authentication
//
// The client holds no credential: each method takes what it sends. Client
// secrets and tokens are auth.Secret values, so they never print; they are
// sent in form bodies or the Authorization header, never in a URL.
//
// Service Account (JWT) credentials and the /ims/exchange/jwt call have
// reached end of life (hard stop 2026-03-01) and are not implemented: an IMS
// refusal that mentions JWT or metascopes is an *auth.TokenError whose Hint
// says to migrate the credential to OAuth Server-to-Server.
//
// # Errors
//
// Every error answer of IMS is, or unwraps to, *adobe.Error (status, IMS's
// error and error_description as Code and Message, x-debug-id as
// RequestID, the request's method, host and path). Token endpoint refusals
// are *auth.TokenError, which adds a Hint; a 429 that is not retried is an
// *adobe.RateLimitError with RetryAfter; a 2xx answer the client cannot use
// is an *adobe.ResponseError and no answer an *adobe.RequestError, both
// naming the request. Errors sent to the login redirect are *[LoginError]; a
// callback with the wrong state is [ErrStateMismatch]. Invalid arguments are
// *adobe.ArgError, returned before any request.
//
// Tokens and secrets are auth.Secret values, and every type holding one
// ([Token], [LoginResult], [UserClient], [LoginConfig]) prints, logs and
// marshals with them redacted. The oauth2.TokenSource of a login hands out
// x/oauth2's *oauth2.Token, which prints its access token with %+v; pass it
// to auth.NewConfigFromTokenSource and read tokens through
// auth.TokenSource.TokenContext for a redacted auth.Token.
//
// # Pagination
//
// IMS has no paginated endpoints.
//
// # Retries and Rate Limits
//
// Requests go through the SDK's shared stack (package auth): 429 is
// retried after Retry-After; 5xx only for the calls that are safe to repeat
// (token requests, validation, revocation and invalidation are). Minting tokens too often
// gets an integration throttled: cache them (auth.TokenSource does).
//
// # Testing
//
// Point the client at package adobetest's fake with
// ims.WithHTTPOptions(auth.WithBaseTransport(fake.Transport())); the fake's
// authorize endpoint redirects with a code, so Login can be tested end to
// end.
package ims
