// Package analytics is a client for the Adobe Analytics 2.0 API
// (https://analytics.adobe.io): discovery of companies, report suites,
// dimensions (eVars) and metrics (success events), segments, calculated
// metrics, users, classification sets and Data Sources, plus the checks the
// Adobe Campaign connector needs. The retired 1.4 API is not implemented.
//
// # Contents
//
//   - Construction: [NewFromConfig] with the [Option]s [WithBaseURL],
//     [WithCompany], [WithLimiter], [WithProjectLimiter], [WithoutRateLimit]
//     and [WithClassificationPrefix]. No I/O.
//   - Binding to a company: every company-scoped call needs a global
//     company id. Know it: pass [WithCompany] to NewFromConfig. Know only
//     the name: [Client.ForCompany] finds it by discovery and returns a
//     bound copy. [Client.WaitForProfile] waits out the 403025 "Profile is
//     not valid" window after provisioning and returns what discovery then
//     shows.
//   - Services, following Adobe's documentation: client.Discovery,
//     .ReportSuites, .Dimensions (eVars), .Metrics (success events),
//     .Segments, .CalculatedMetrics, .Users, .Classifications and
//     .DataSources. Get, Create and Update return (*T, *adobe.Response,
//     error); List returns one page as ([]T, *adobe.Response, error) with
//     resp.Page; ListIter walks every page.
//   - Idempotent helpers: [ReportSuitesService.Ensure] and
//     [DataSourcesService.EnsureAccount] return *adobe.Ensured (Value,
//     Created, Changes).
//   - The Campaign connector's checks: [Client.VerifyComponents],
//     [Client.ProbePermissions], [Client.CheckCampaignClassification].
//   - Rate limiting: [Limiter], [NewLimiter], [Limits], [SharedLimiter].
//
// # Usage
//
// Build the client from the shared auth configuration, then bind it to a
// company, found by discovery:
//
//	cfg, err := auth.NewConfig(creds)
//	client, err := analytics.NewFromConfig(cfg)
//	d, err := client.WaitForProfile(ctx, 10*time.Minute) // right after provisioning only
//	client, company, err := client.ForCompany(ctx, creds.OrgID, "Acme Corp") // name or global company id
//	dims, resp, err := client.Dimensions.List(ctx, "acmeprod", &analytics.DimensionListOptions{Expansion: analytics.EVarExpansions})
//	rep, err := client.VerifyComponents(ctx, "acmeprod", []string{"evar5", "evar6"}, []string{"event10", "event11"})
//
// eVar and event ids are built with [EVarID] ("variables/evar5") and
// [EventID] ("metrics/event10").
//
// The 2.0 API cannot create or change eVars, success events or
// classification sets: those are made in the Analytics UI. The package reads
// them, reports what is missing ([ComponentReport.Instructions],
// [ClassificationCheck.Instruction]) and can create report suites from a
// template ([ReportSuitesService.Create], [ReportSuitesService.Ensure]).
//
// # Authentication
//
// Every call carries Authorization (the shared token cache of package auth),
// x-api-key and, for company-scoped calls, x-proxy-global-company-id.
// What a credential sees is filtered by the Analytics product profiles
// attached to it: Adobe silently omits report suites, dimensions and
// metrics the profiles do not grant. [Client.ProbePermissions] observes the
// tool permissions that can be seen without lasting changes, and says which
// cannot ([PermissionsNotProbed]).
//
// # Errors
//
// API errors are *adobe.Error, decoded from both Analytics shapes
// ({errorCode, errorDescription, errorId} and the gateway's {error_code,
// message}); errors.Is works with adobe.ErrNotFound, adobe.ErrForbidden and
// the other sentinels. Adobe's 403025 "Profile is not valid" is a
// *[ProfileError] (errors.Is(err, [ErrProfileNotValid])): the credential
// has no Analytics product profile yet or it has not propagated;
// [Client.WaitForProfile] waits for it. Discovery that finds no company, or
// several, returns a *[CompanyError]. GET /discovery/me can answer 200
// with no company (rather than 403025) for a credential without an Analytics
// profile, so a *[CompanyError] whose token sees no company at all in the
// org also matches [ErrProfileNotValid]: "still propagating" and "wrong
// company name" can be told apart. Invalid arguments are
// *adobe.ArgError, returned before any request.
//
// # Pagination
//
// List methods return one page and an *adobe.Response whose Page
// (*adobe.PageInfo) gives the 0-based page Number, Size, TotalPages,
// TotalItems and Last (-1 where Adobe does not say); each has an Iter
// variant (ListIter) that walks every page lazily. The decoder accepts both
// Adobe's page wrapper ({"content":[...],"totalPages":..,"number":..,
// "lastPage":..}) and plain arrays (the whole listing: page 0 of 1),
// whichever an endpoint returns (the spec and the wire disagree for several
// endpoints). Classification jobs and Data Sources jobs (1-based) have their
// own page shapes, handled by their methods.
//
// # Retries and Rate Limits
//
// Adobe allows "12 requests every 6 seconds", counted per Developer Console
// project (everything using the project's credentials shares it), and
// answers 429 (error_code 429050) beyond it. A client-side sliding-window
// limiter ([Limiter]: at most 12 requests start in any 6 s) is on by
// default and shared by every client of one credential in the process
// ([SharedLimiter]); every attempt, retries included, waits for it, and
// counts from when Adobe answered it (Adobe counts a request when it
// arrives, so a slow request must not free its slot early). A token
// bucket with a burst of 12 would not do: it lets a 13th request through
// 0.5 s after 12 at once. Give the clients of several credentials of one
// project one limiter with [WithProjectLimiter] or [WithLimiter], lower it
// with [NewLimiter] (e.g. NewLimiter(Limits{Requests: 10, Per: 6 *
// time.Second}) when other programs share the project, or to leave a margin
// for network delay), or turn it off with [WithoutRateLimit]. A Limiter
// grants in constant time whatever its budget. 429s are retried by package
// auth (honouring Retry-After); 5xx only for idempotent calls: creations
// are POSTs and
// are not retried, so use the Ensure helpers to converge on re-runs.
//
// # Testing
//
// Point the client at package adobetest's in-process fake, which serves
// Analytics with stateful companies, report suites, components,
// classification sets and data sources, filters them by product profile and
// enforces the rate limit:
//
//	fake, _ := adobetest.New()
//	cfg, _ := auth.NewConfig(creds, auth.WithBaseTransport(fake.Transport()))
//	client, _ := analytics.NewFromConfig(cfg)
//
// or use httpmock through auth.WithBaseTransport. Spec deviations that the
// client follows (observed behaviour over the published spec) are listed in
// the package tests, each with its source.
package analytics
