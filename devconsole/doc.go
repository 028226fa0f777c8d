// Package devconsole is a typed client of Adobe's Developer Console API
// ("Console API", the I/O Management API): organizations, developer terms,
// services and their product profiles, projects, workspaces, OAuth
// Server-to-Server credentials, service subscriptions, client secrets,
// workspace download and the JWT → OAuth Server-to-Server migration.
//
// Adobe publishes this API as an OpenAPI spec inside its Node SDK
// (adobe/aio-lib-console spec/api.json) and uses it from the aio CLI; its
// public docs describe only the organizations and client-secrets calls.
//
// # Usage
//
//	cfg, err := auth.NewConfig(creds) // or auth.NewConfigFromTokenSource for a user's token
//	c, err := devconsole.NewFromConfig(cfg)
//	const org = "0123456789ABCDEF01234567@AdobeOrg" // the IMS org id; the numeric Console id works too
//	p, err := c.EnsureProject(ctx, org, devconsole.ProjectCreateRequest{Name: "campaign"})
//	cr, err := c.EnsureOAuthCredential(ctx, p.Value, // p.Value is a WorkspaceRef
//		devconsole.OAuthCredentialCreateRequest{Name: "campaign-connector"})
//	at, err := c.AttachProductProfiles(ctx, cr.Value.Ref, // a CredentialRef
//		devconsole.SDKAnalytics, []string{"reserved_campaign_classic_Acme"})
//	wc, _, err := c.Workspaces.Download(ctx, p.Value)
//	creds, err := wc.Credentials("campaign-connector") // ready for auth.NewConfig
//
// The constructor is [NewFromConfig], as in every API package of this
// module (analytics, adminconsole, ...): it builds the client on an
// auth.Config so that all clients of one credential share its token and
// connection pool. It does no I/O.
//
// # Conventions
//
// The package follows the module's conventions table (CONTRIBUTING.md):
//
//   - Get, Create and Update return (*T, *adobe.Response, error); Delete
//     (*adobe.Response, error); List ([]T, *adobe.Response, error), with
//     resp.Page saying where the page sits (1-based, as the Console counts);
//     ListIter an iter.Seq2.
//   - EnsureProject, EnsureOAuthCredential, AttachProductProfiles and
//     DetachProductProfiles return *adobe.Ensured[T]: Value, Created and
//     Changes, every write in order with its method and path. A re-run
//     makes no write. A create whose answer was lost or unusable
//     (connection reset, 5xx, 409, an empty or garbled 2xx body) is looked
//     up by name before it is retried, so it never creates twice; a lookup
//     that fails, or whose answer is unusable, is an error, never "not
//     found". Concurrent Ensures of one key on one [Client] are serialized;
//     across processes nothing is (see [Client]).
//   - Calls on one workspace take a [WorkspaceRef]; calls on one credential
//     a [CredentialRef] (what the Ensure calls return), never three or four
//     id strings in a row. Each field is checked before any request.
//   - Every call takes the IMS org id ("…@AdobeOrg") or the numeric Console
//     org id; the client resolves the IMS org id through the organization
//     list once and caches it ([OrganizationsService.Resolve]).
//   - Options structs are opts; per-call options reqOpts ...adobe.RequestOption,
//     last.
//
// The base URL is [DefaultBaseURL] (what Adobe's library calls); use
// [WithBaseURL] for [APIBaseURL], [StageBaseURL] or a fake.
//
// # Authentication
//
// Every request carries Authorization, x-api-key and Content-Type:
// application/json (no x-gw-ims-org-id). Two kinds of token work:
//
//   - a user's access token from an Adobe ID login (package ims, then
//     auth.NewConfigFromTokenSource): what Adobe's aio CLI uses, for every
//     call; the user needs the System Administrator or Developer role and
//     must have accepted the developer terms ([OrganizationsService.AcceptTerms]);
//   - an OAuth Server-to-Server token of a credential that has the I/O
//     Management API (scopes AdobeID, openid, read_organizations,
//     additional_info.projectedProductContext, additional_info.roles,
//     adobeio_api, read_client_secret, manage_client_secrets). Adobe
//     documents this route only for GET /console/organizations and the
//     client-secrets calls ([SecretsService]); for projects, credentials and
//     subscriptions it is not documented (neither shown to work nor to fail):
//     verify it against your org before relying on it.
//
// # Errors
//
// API errors are *adobe.Error (status, Adobe's error_code such as 401013,
// 403003 or 429050, message, x-request-id, attempts); errors.Is works with
// adobe.ErrNotFound, ErrUnauthorized, ErrForbidden, ErrConflict (409
// ERR_MSG_DUPLICATE_NAME) and ErrRateLimited. Invalid arguments are
// *adobe.ArgError, returned before any request. Where no API exists the
// error says what a person must do: [ProfileUnavailableError] (create the
// product profile in the Admin Console), [ServiceDisabledError],
// [SecretLimitError], [TermsNotAcceptedError] (a user who has not accepted
// the Adobe Developer Terms in the org: [OrganizationsService.AcceptTerms]).
// Adobe documents the gateway's errors ({"error_code":"403003",...}) but not
// the body of the Console's own 4xx answers, so the typed errors above are
// decided from documented calls (the terms, the secret list) rather than
// from those bodies.
//
// # Pagination
//
// Most Console lists are plain arrays, answered whole; their ...Iter
// methods make one request. The project list pages only on request: Adobe's
// spec says pages start at 1, that without a page every record is returned,
// and that size (default 100) applies only with a page.
// [ProjectsService.ListIter] makes one request without
// ProjectListOptions.Size, and with it requests pages from 1 until a short
// page, the X-Pagination-Count total, or a repeated page, so no project is
// yielded twice.
//
// # Retries and Rate Limits
//
// Calls use auth's stack: 429 is retried honouring Retry-After; GET, PUT
// and DELETE are retried on 5xx and connection errors; POST and PATCH are
// not (Adobe may have applied them: use the Ensure helpers). Adobe's own
// client retries every method; the SDK is stricter because a duplicate
// project or credential is visible. Adobe publishes no rate limit for this
// API; add one with [NewLimiter] and [WithLimiter].
//
// # Secrets
//
// Client secrets are auth.Secret values: no fmt verb, JSON encoding or
// slog attribute of any type this package returns shows one (tests check
// every returned type with every verb). [WorkspaceConfig.Bytes] returns the
// raw download, with its secrets, for auth.CredentialsFromWorkspace only.
// [SecretsService.Rotate] can be re-run after a failure at any step: it
// finishes an unfinished rotation, keeping the newest secret that mints a
// token.
//
// # Spec deviations
//
// Where Adobe's spec and its observed behaviour differ, the client accepts
// both: credential rows carry integration_type (spec: credential_type);
// project rows carry enabled/deleted as 0/1 (spec: boolean); the download
// nests workspace under project (spec: under project.org); adding a secret
// answers 201 (spec: 200) and deleting one 204 (spec: 200); the workspace
// subscription call answers an object (spec: an array).
//
// # Testing
//
// Package adobetest serves a stateful Developer Console in process: pass
// auth.WithBaseTransport(fake.Transport()) and keep Adobe's URLs. The fake
// answers gateway conditions with Adobe's gateway codes (401013, 403003,
// 429050 with Retry-After) and its own Console backend errors as
// {"code","message","id"}, a shape of its own (Adobe publishes none).
package devconsole
