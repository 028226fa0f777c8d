// Package fakeanalytics is the Analytics 2.0 part of the adobetest fake:
// discovery (/discovery/me) and the company-scoped API under
// /api/{globalCompanyId}/ — report suites, dimensions (eVars), metrics
// (events), segments, calculated metrics, users, classification sets and
// Data Sources — with state per company.
//
// It is written from Adobe's documentation and follows Adobe's observed
// behaviour where it differs from the published spec (page wrappers for
// listings, plain arrays for /dimensions and /metrics, lower-case component
// types, the plural /classifications/ prefix; the singular spec prefix is
// served too). Report suites are served on the current collection paths
// (/reportsuites/collections/suites) and on the older ones of the 2022 spec
// (/collections/suites) with the same answers. Components carry the fields
// Adobe always sends whatever a create omitted: a calculated metric's type
// is DECIMAL unless set, its polarity positive, its precision 0.
//
// What a caller sees is filtered by the Analytics product profiles attached
// to its credential (fakestate): report suites, dimensions and metrics that
// no profile grants are silently omitted, tool endpoints answer 403 without
// the matching Report Suite Tools or Analytics Tools item, and a credential
// with no Analytics profile gets the gateway's 403025 "Profile is not
// valid" on every /api/{globalCompanyId}/ route. Discovery is the
// exception: it answers 200 with the caller's org and an empty company list
// (Adobe lists "the companies associated with your Client ID", i.e. those
// of its profiles; users report discovery succeeding where company routes
// answer 403, AdobeDocs/analytics-2.0-apis#198). Requests are limited as Adobe documents ("12 requests every 6
// seconds", counted per Developer Console project): at most 12 accepted
// requests in any 6-second window (a sliding window, not a token bucket),
// keyed by the credential's project (fakestate.Credential.ProjectID, set
// by the Console part) or, for a credential outside any project, by its
// client id; beyond it the gateway's 429 with error_code 429050.
//
// It must not import any package of the SDK.
package fakeanalytics
