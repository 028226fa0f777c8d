// Package adobetest is a stateful, in-process fake of Adobe's admin APIs for
// tests and demos: IMS (OAuth server-to-server and user tokens), the Admin
// Console's User Management API, the Developer Console API and the Analytics
// 2.0 API, on one shared state (orgs, credentials, product profiles).
//
// It is a second, independent implementation of Adobe's side, written from
// Adobe's documentation; it shares no code or wire types with the SDK, so SDK
// tests against it check the SDK against Adobe's contract, not against itself.
//
// # Usage
//
// A [Fake] is an [http.Handler] that serves every Adobe host by path:
// /ims/... (ims-na1.adobelogin.com), /v2/usermanagement/...
// (usermanagement.adobe.io), /console/... (developers.adobe.io,
// api.adobe.io), /discovery/... and /api/... (analytics.adobe.io). Keep
// Adobe's real URLs and swap only the transport:
//
//	f, err := adobetest.New()
//	if err != nil { ... }
//	hc := &http.Client{Transport: f.Transport()}
//	cred := f.Bootstrap() // client id, secret, org id, scopes of the demo org
//
// or run a real HTTP server for a test with [NewServer], or for anything else
// with the adobe-fake command (go run ./cmd/adobe-fake).
//
// Every fake starts with the demo org ([DemoOrgName]), its bootstrap OAuth
// server-to-server credential ([Fake.Bootstrap], scopes [BootstrapScopes]) and
// the demo Adobe ID user ([DemoUserEmail]), whom the authorize endpoint logs in
// unless [WithLoginUser] names another. The demo org can do the whole job:
// it licenses Adobe Analytics with a general product profile
// ([DemoProfileName], every report suite, dimension and metric) attached to
// the bootstrap credential, so the Developer Console lists the Analytics
// service as enabled and the bootstrap credential's /discovery/me lists the
// demo company ([DemoAnalyticsCompanyID]) with its report suite ([DemoRSID]),
// eVar1–eVar10 (text, except eVar5, a counter eVar: the connector's cid and
// bid need text eVars, so a spec that maps one to eVar5 fails its check, as
// it would at Adobe) and numeric event1–event20. The Campaign connector's
// reserved_campaign_classic_* profile is not there: creating it stays the
// manual step ([Fake.CreateProductProfile]). [WithoutDemoAnalyticsProfile]
// starts an org without the Analytics license. Add state with [Fake.AddOrg],
// [Fake.AddCredential], [Fake.AddUser], [Fake.AddProductProfile] and
// [Fake.AttachProductProfile], or with a seed file ([WithSeedFile]).
//
// # Seed files
//
// A seed file is one JSON object; every section is optional and unknown keys
// are ignored (later parts of the fake read their own top-level sections).
// Sections apply in the order orgs, product_profiles, users, credentials,
// credential_profiles, so later entries may refer to earlier ones; an omitted
// org_id (or orgs, or an empty entry of orgs) means the demo org, and omitted
// ids and secrets are generated. credential_profiles attaches product
// profiles (by id, or by name in the credential's org) to any credential; the
// client_id "bootstrap" (or none) names the bootstrap credential. The
// "analytics" section declares Analytics companies per org (org_id empty: the
// demo org) with their report suites, eVars, events, classification sets,
// segments and calculated metrics (owner: a client id, "bootstrap", an Adobe
// ID user id or email; empty: the bootstrap credential), and optionally the
// rate limit; with companies it replaces the demo company, and an invalid
// section makes [New] fail:
//
//	{
//	  "orgs": [{"id": "<24 uppercase hex>@AdobeOrg", "name": "Acme", "console_id": "123456"}],
//	  "product_profiles": [{
//	    "id": "12345678", "org_id": "...@AdobeOrg", "name": "reserved_campaign_classic_Acme",
//	    "product_name": "Adobe Analytics",
//	    "permissions": {
//	      "report_suites": {"items": ["acmeprod"]},
//	      "metrics": {"auto_include": true},
//	      "dimensions": {"auto_include": true},
//	      "report_suite_tools": ["Report Suite Mgmt"],
//	      "analytics_tools": ["Code Manager - Web Services"]
//	    }
//	  }],
//	  "users": [{"id": "", "email": "ann@acme.example", "first_name": "Ann", "last_name": "Lee",
//	             "country": "US", "orgs": ["...@AdobeOrg"]}],
//	  "credentials": [{
//	    "client_id": "<32 lowercase hex>", "client_secrets": ["p8e-<32 alphanumerics>"],
//	    "type": "oauth_server_to_server", "name": "Campaign", "org_id": "...@AdobeOrg",
//	    "scopes": ["openid", "AdobeID", "read_organizations"],
//	    "redirect_uris": [], "technical_account_id": "<24 hex>@techacct.adobe.com",
//	    "technical_account_email": "<uuid>@techacct.adobe.com", "product_profiles": ["12345678"]
//	  }],
//	  "credential_profiles": [{"client_id": "bootstrap", "product_profiles": ["<id or name of a demo-org profile>"]}],
//	  "analytics": {"companies": [{
//	    "global_company_id": "acme0", "name": "Acme", "org_id": "...@AdobeOrg",
//	    "report_suites": [{"rsid": "acme0prod", "name": "Acme Prod",
//	      "evars": [{"number": 1, "name": "Campaign ID", "data_type": "text"}],
//	      "events": [{"number": 1, "name": "Sent", "type": "int"}]}],
//	    "classification_sets": [{"name": "Campaigns", "columns": ["Channel"],
//	      "subscriptions": [{"rsid": "acme0prod", "dimension": "variables/evar1"}]}],
//	    "segments": [{"name": "Openers", "rsid": "acme0prod", "owner": "bootstrap",
//	      "definition": {"func": "segment", "container": {...}}}],
//	    "calculated_metrics": [{"name": "Open rate", "rsid": "acme0prod", "type": "PERCENT",
//	      "definition": {"func": "calc-metric", "formula": {...}}}]
//	  }], "rate_limit": {"requests": 12, "period_seconds": 6}},
//	  "login_user": "ann@acme.example"
//	}
//
// See testdata/seed.json for a complete example.
//
// # IMS
//
// The IMS part follows Adobe's wire format: POST /ims/token/v3 (urlencoded)
// and /ims/token/v2 (urlencoded or multipart) with client_credentials,
// authorization_code (PKCE S256) and refresh_token grants; GET
// /ims/authorize/v2; validate_token, invalidate_token, revoke, userinfo,
// profile, organizations, OIDC discovery and the JWKS. Access tokens are
// RS256 JWTs shaped like IMS's. Errors are {"error","error_description"} with
// an x-debug-id header. Credential types ([TypeServerToServer],
// [TypeWebApp], [TypeSinglePageApp], [TypeNativeApp]) decide which grants a
// client may use. The JWT (Service Account) exchange answers 400
// invalid_client with a description of the fake's own ("Service Account (JWT)
// credentials have reached end of life; use OAuth Server-to-Server").
//
// Shapes Adobe does not document are the fake's own and are documented on
// the endpoint: validate_token answers {"valid", "expires_at", "token"} or
// {"valid":false,"reason"}; organizations/v5 answers an array of {orgName,
// orgRef:{ident, authSrc}, orgId, consoleOrgId, orgType, countryCode, groups}.
//
// APIs on adobe.io authenticate like Adobe's gateway: a bearer access token
// that the fake issued, unexpired and unrevoked, and an x-api-key equal to
// the token's client id; failures answer the gateway's
// {"error_code","message"} bodies (401013, 403000, 403003, 403010).
//
// # Parts
//
// The parts share one state, as Adobe's services do: a product profile that
// [Fake.CreateProductProfile] creates (playing the person in the Admin
// Console, the step no Adobe API can do) is listed by the User Management
// API, appears among the Developer Console's licenseConfigs of the Adobe
// Analytics service, and, once attached to a credential, decides what that
// credential sees in Analytics (report suites, eVars, events), exactly as
// Adobe omits what a profile does not grant. A credential created through the
// fake Developer Console mints tokens at the fake IMS with its own scopes.
//
//   - User Management API: groups and users with Adobe's paging headers,
//     the action API with real partial results and testOnly, throttling
//     (429050 with Retry-After) at Adobe's per-endpoint limits.
//   - Developer Console: orgs, terms, services with product profiles,
//     projects, workspaces, OAuth Server-to-Server credentials, secrets
//     (at most two), subscriptions, workspace download, migration status.
//   - Analytics 2.0: discovery, companies, report suites, dimensions and
//     eVars, metrics and events, segments, calculated metrics,
//     classification sets, data sources, 12 requests per 6 s per
//     credential.
//
// Shapes and error texts Adobe does not document are the fake's own, and are
// documented on the part that answers them.
//
// An unknown path or method answers as its Adobe host does, never with
// net/http's plain-text 404: under /ims/ IMS's {"error":"not_found" or
// "method_not_allowed","error_description"} with an x-debug-id, elsewhere the
// adobe.io gateway's {"error_code":"404000" or "405000","message"} with an
// x-request-id; a 405 carries an Allow header. (The codes and descriptions
// are the fake's own: Adobe documents the shapes, not these values.)
//
// # Faults
//
// [Fake.InjectFault] makes matching requests fail, for tests of retry logic:
// added Latency, an error Status with Adobe's body and an optional
// Retry-After, a Drop (the connection closes before the request is handled)
// or a LoseResponse (the request is applied but the client gets a connection
// error). Four more kinds apply the request and then spoil its answer, the
// cases in which a client must look before it retries a write: GarbleBody
// (the handler's status with a body that is not JSON), EmptyBody (the
// handler's status, a 2xx for a successful write, with no body),
// TruncateBody (the header promises the whole body, half arrives, the
// connection closes) and ResponseLatency (the answer waits after the write;
// a client deadline expires with the write applied). Faults work both
// through [Fake.Transport] and over [NewServer]; [Fake.ClearFaults] removes
// them.
//
// # The Admin Console step
//
// Creating an Admin Console product profile and setting its Analytics
// permissions has no Adobe API, so the fake lets a test play the person in
// the Admin Console in two calls, as the person works in two places:
// [Fake.CreateProductProfile] creates the profile with its Analytics
// permissions (Products → Adobe Analytics → New Profile, then the
// Permissions tab), and [Fake.AttachProductProfile] attaches it to a
// credential (the profile's API Credentials tab, or the Developer Console's
// product-profile selection). Until both are done, the credential sees
// nothing in Analytics that the profile grants.
//
// # Control plane and seed dumps
//
// [Fake.ControlHandler] serves these test powers over plain HTTP under
// [ControlPrefix] ("/_fake/", a prefix no Adobe path uses) for tools that
// are not Go: the request log, faults, the Admin Console step, users and a
// dump of the state ([ControlRoutes] lists the routes). The adobe-fake
// command serves it when bound to loopback or started with -control on.
// [Fake.WriteSeed] writes the state as a seed document that a new fake
// loads.
//
// # Differences from Adobe
//
// Where Adobe's published specs and its services disagree, the fake answers
// as the services do; the fake's tests hold every other answer to the specs
// in testdata/specs/ (TestResponsesMatchSpecs). The documented exceptions:
//
//   - Console project rows carry enabled and deleted as 0/1 integers, the
//     spec booleans (aio-lib-console e2e; aio-cli-lib-console data mocks).
//   - Console credential rows carry integration_type; the download nests
//     workspace under project, the spec under project.org (aio-lib-console
//     e2e).
//   - Adding a client secret answers 201 with its uuid, deleting one 204,
//     statuses the spec does not declare (Adobe's OAuth Server-to-Server
//     implementation guide).
//   - The workspace subscription call answers an object {sdkList: [...]},
//     the spec an array (aio-cli-lib-console).
//   - Analytics dimension and metric types are lower case ("string"), the
//     spec's enum upper case (AA20 dimensions docs); /dimensions and
//     /metrics answer bare arrays, the spec one object for /metrics; the
//     calculated metric and user listings answer Adobe's page wrapper, the
//     spec arrays (AANALYTICS2, adobeanalyticsr); deleting a segment answers
//     {"status":"ok"}, the spec a string; calculated-metric validation
//     answers {valid, identityMetrics, functions, ...} (AA20 segments and
//     calculatedmetrics docs).
//   - Classification paths are served with the docs' plural
//     /classifications/ prefix and the spec's singular one.
//
// Remaining known differences between the fake and Adobe:
//
//   - Developer Console: only four services (Adobe Analytics, I/O
//     Management, User Management, Experience Platform Launch); no I/O
//     Runtime namespaces, I/O Events registrations or API Mesh, so the
//     download's runtime has no namespaces and events and mesh never
//     appear; every caller is an org admin (role ADMIN, one org_admin
//     roles entry); backend 4xx bodies {code, message, id} are the fake's
//     own shape.
//   - Analytics: no reports, annotations, date ranges, projects, virtual
//     report suites, component tags and shares, calculated-metric functions
//     or timezones. Dimensions and metrics carry id, title, name, type,
//     category, support, segmentable and the eVar expansions, not
//     categories, tags, description, extraTitleInfo, noneSettings or the
//     docs' supportsDataGovernance; segments and calculated metrics carry
//     id, name, description, rsid, owner.id, created, modified (and
//     definition, reportSuiteName, polarity, precision, type), not
//     compatibility, definitionLastModified, categories, siteTitle, tags or
//     the owner's name and login; a user's lastAccess is its company's
//     creation time and tempLoginEnd is absent; /users lists only the
//     principals that have called the company; definitions are validated
//     only by their func; the rate limit is a sliding window per project,
//     an approximation of Adobe's.
//   - IMS: the validate_token and organizations/v5 shapes are the fake's
//     own (see IMS above); so are the error codes and descriptions for
//     unknown paths on every host.
//   - Every error text Adobe does not document is the fake's own.
//
// # Testing
//
// [Fake.Requests], [Fake.Count] and [Fake.ResetRequests] expose a request log
// (method, host, path, route pattern, status, time; never headers or bodies),
// so tests can assert how many tokens were minted or how often a call was
// retried. Times come from time.Now and delays from runtime timers, so token
// expiry and injected latency can be tested with testing/synctest and the
// in-process transport. [WithRandSeed] makes generated ids stable for
// examples and demos. [Credential] redacts its client secret when printed or
// logged.
package adobetest
