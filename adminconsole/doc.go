// Package adminconsole is a client for Adobe's User Management API (UMAPI,
// https://usermanagement.adobe.io/v2/usermanagement) and an honest model of
// the Admin Console's product profiles and Adobe Analytics permissions.
//
// # Usage
//
// Build the client from the shared auth configuration; the organization is
// the credential's IMS org unless [WithOrgID] says otherwise:
//
//	cfg, err := auth.NewConfig(creds) // scopes include user_management_sdk
//	client, err := adminconsole.NewFromConfig(cfg)
//
//	profile, resp, err := client.Groups.GetProductProfile(ctx, "reserved_campaign_classic_Acme")
//	for u, err := range client.Users.ListInGroupIter(ctx, profile.Name, nil) { ... }
//
//	res, err := client.Actions.Do(ctx, []adminconsole.Command{
//		adminconsole.ForUser("ops@acme.com", adminconsole.AddToGroups{Groups: []string{profile.Name}}),
//	}, nil)
//
// [WithBaseURL] takes the host root (as in the other packages) or the full
// ".../v2/usermanagement" root; the default is [DefaultBaseURL].
//
// Every write goes through the action API ([ActionsService.Do]): typed
// steps for users ([AddAdobeID], [CreateEnterpriseID], [CreateFederatedID],
// [UpdateUser], [AddToGroups], [RemoveFromGroups], [RemoveFromOrg]) and for
// user groups ([CreateUserGroup], [UpdateUserGroup], [DeleteUserGroup],
// [AddToUserGroup], [RemoveFromUserGroup]). Any number of commands is split
// into requests within Adobe's limits of 10 commands per request, 10 steps
// per command and 10 names per list. ActionOptions.TestOnly sends
// ?testOnly=true, which is a syntax and name check, not a guarantee.
//
// # Product profiles and Analytics permissions
//
// No documented Adobe API creates a product profile or edits its
// permissions. [AnalyticsPermissions] describes a profile's Permissions tab
// declaratively, [CampaignConnectorPermissions] builds the profile the
// Adobe Campaign connector needs, [ProfileSpec.ManualSteps] renders the
// exact Admin Console steps ([RenderMarkdown], [RenderText]), and
// [Client.RequireProductProfile] returns a *[ManualStepRequired] carrying
// them when the profile is missing. [Client.WaitForProductProfile] polls
// until a person has created it (maxWait, adobe.WithWaitDelays,
// adobe.WithWaitProgress; running out of time is an
// *adobe.WaitTimeoutError); [Client.EnsureUserOnProfile] then adds a user
// without ever duplicating and returns an *adobe.Ensured of
// [ProfileMembership] whose Changes list what it wrote.
//
// The connector's flow:
//
//	spec, err := adminconsole.CampaignConnectorPermissions(adminconsole.CampaignConnectorOptions{CompanyName: "Acme", ...})
//	profile, err := client.RequireProductProfile(ctx, spec, nil)
//	var manual *adminconsole.ManualStepRequired
//	if errors.As(err, &manual) {
//		fmt.Println(manual.Markdown()) // the person's Admin Console steps
//		profile, err = client.WaitForProductProfile(ctx, spec.Name, 30*time.Minute)
//	}
//	ensured, err := client.EnsureUserOnProfile(ctx, profile.Name, "ops@acme.com", nil)
//
// # Authentication
//
// OAuth Server-to-Server credentials of a Developer Console project with the
// User Management API (scopes openid, AdobeID, user_management_sdk); only a
// System Administrator can add that API. The org in every path is the IMS
// org id ("<24 hex>@AdobeOrg").
//
// # Errors
//
// HTTP errors are *adobe.Error (errors.Is with adobe.ErrNotFound, ...);
// invalid input (an email such as "a\n@b.com", a group name with a control
// character, a country that is not ISO 3166 alpha-2, a negative page or
// limit) is an *adobe.ArgError naming the field, before any request; a 2xx
// answer with an empty, truncated or malformed body is an
// *adobe.ResponseError, never "not found".
// UMAPI answers 401 and 403 with empty bodies, so those come wrapped in a
// *[HintError] naming the documented likely causes (an invalid token; a
// missing or unauthorized API key, no user_management_sdk on the
// credential, or a migrating org); errors.As still reaches the
// *adobe.Error. A missing named group is a *[NotFoundError] (matches
// adobe.ErrNotFound; a user's unwraps to Adobe's 404); a profile name used
// by a user group or admin group is a *[WrongGroupTypeError] (matches
// adobe.ErrConflict); an Enterprise or Federated ID where
// [Client.EnsureUserOnProfile] needs an Adobe ID is a *[NotAdobeIDError]
// (matches adobe.ErrConflict); a *[ManualStepRequired] matches
// adobe.ErrNotFound (profile to create) or adobe.ErrConflict (name taken).
// Each says what the person must do.
//
// The action API answers 200 when a request was at least partly done: [ActionsService.Do] then returns
// an [ActionResult] and, when anything failed, an *[ActionError] whose
// failures name the caller's command and step, Adobe's code and message.
// A request Adobe refused as a whole (4xx: not processed) reports its
// commands as failures; one that never left the client (the context ended
// in the limiter's wait) as NotSent; one that left without a documented
// answer (5xx, lost connection) as Unconfirmed. Invalid commands are
// *adobe.ArgError before any request.
//
// # Pagination
//
// Listings are 0-based pages in the URL path; List methods return one page
// and an *adobe.Response whose Page (*adobe.PageInfo) holds the 0-based
// Number, Last (the body's lastPage), and Size, TotalPages and TotalItems
// from Adobe's X-Page-Size, X-Page-Count and X-Total-Count headers
// (X-Current-Page stays in resp.Header); ListIter methods return an
// iter.Seq2 over every item, stopping after lastPage, on an empty page or
// when Adobe repeats the last page (which it does for user pages past the
// end).
//
// # Retries and Rate Limits
//
// Adobe limits each client to 5 group listings, 25 user reads and 10 action
// calls per minute (and 100 per minute per org). The client waits on a
// sliding-window limiter per endpoint family before every attempt, shared
// by every client of the same credential in the process ([SharedLimiter],
// [DefaultLimits]; change it with [WithRateLimits], [WithLimiter] or
// [WithoutRateLimit]). A *[Limiter] implements adobe.Limiter; its String
// names its budget, e.g. "adminconsole (users 25/min, groups 5/min, action
// 10/min)". 429 answers (error_code 429050) are retried by the
// shared transport honouring Retry-After. Action requests are retried on
// 5xx and network errors only when all their steps are idempotent (not a
// create without an ignore/update option, an UpdateUser that changes the
// email or username, a rename or a deleteUserGroup).
//
// # Testing
//
// Package adobetest's fake serves UMAPI with state shared with the rest of
// the fake; use auth.WithBaseTransport(fake.Transport()). Its
// CreateProductProfile plays the person in the Admin Console. Tests that
// build many clients of one seeded fake credential share its limiter;
// give each test its own with WithRateLimits(DefaultLimits), or
// WithoutRateLimit.
package adminconsole
