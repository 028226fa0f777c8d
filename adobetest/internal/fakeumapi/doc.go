// Package fakeumapi is the Admin Console part of the adobetest fake: Adobe's
// User Management API (https://usermanagement.adobe.io/v2/usermanagement),
// written from Adobe's UMAPI documentation and Postman samples.
//
// Routes (relative to /v2/usermanagement):
//
//	GET  /groups/{orgId}/{page}                    groups, product profiles, admin groups
//	GET  /users/{orgId}/{page}                     org users (?domain, directOnly)
//	GET  /users/{orgId}/{page}/{groupName}         group members (?directOnly, status, excludeGroups)
//	GET  /organizations/{orgId}/users/{userString} one user
//	POST /action/{orgId}                           commands (?testOnly=true)
//
// Pages are 0-based path segments; answers carry lastPage and the
// X-Total-Count, X-Page-Count, X-Current-Page and X-Page-Size headers as
// strings. X-Current-Page echoes the 0-based page (Adobe does not document
// its base). A groups page past the end answers 404
// {"lastPage":true,"result":"Not found"}; a users page past the end answers
// the last page again, as Adobe documents.
//
// Requests authenticate with the store's checks (fakestate.Authenticate),
// but failures are answered as UMAPI documents them rather than with the
// gateway's JSON: 401 with an empty body and WWW-Authenticate: Bearer
// realm="JIL", error="invalid_token" (bad, expired or revoked token), 403
// with an empty body (missing or unknown API key, a token of another
// client, or a token without the user_management_sdk scope). An org other
// than the token's answers 400
// {"result":"error.organization.invalid_id","message":"Bad organization Id"}.
//
// Throttling follows Adobe's documented limits per client per minute
// (groups 5, users 25, action 10) and per org (100 per endpoint family):
// 429 {"error_code":"429050","message":"Too many requests"} with
// Retry-After in seconds.
//
// The action API runs the entries of one request last to first (Adobe does
// not guarantee their order, so a request whose entries depend on each
// other fails in the fake instead of at random against Adobe) and a
// command's steps in order, stopping a command at its first failing step;
// a create step must come first (error.command.create.not_first) and
// removeFromOrg last (error.command.malformed, the fake's choice). It
// answers
// {completed, notCompleted, completedInTestMode, result, errors, warnings}
// with errors {index, step, requestID, message, user, errorCode}. Limits:
// 10 entries per request, 10 steps per entry (error.command.malformed — the
// fake's choice, Adobe names no code), 10 names per list
// (error.command.add_remove.list_too_long). Error codes come from Adobe's
// catalogue: error.user.nonexistent, error.group.not_found,
// error.usergroup.not_found, error.command.create.not_first,
// error.group.invalid_list (for _org_admin and compartment roles). Existing
// users or groups created without an option answer
// error.user.already_exists / error.usergroup.already_exists (the fake's
// names). In testOnly mode nothing changes and, as Adobe documents, steps
// on users that do not exist yet count as successful.
//
// directOnly=false (users listings) adds to each user's groups the product
// profiles it holds through a user group. The fake keeps one account per
// email: the domain of GET /organizations/{orgId}/users/{userString} only
// qualifies usernames, so domain=AdobeID may return an Enterprise or
// Federated ID with that email (clients must check the type).
package fakeumapi
