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
// served too).
//
// What a caller sees is filtered by the Analytics product profiles attached
// to its credential (fakestate): report suites, dimensions and metrics that
// no profile grants are silently omitted, tool endpoints answer 403 without
// the matching Report Suite Tools or Analytics Tools item, and a credential
// with no Analytics profile gets the gateway's 403025 "Profile is not
// valid". Requests are limited per Developer Console project; fakestate does
// not record a credential's project, so the fake keys the limit by client
// id (one project per credential): a token bucket of 12 requests refilled
// over 6 s, answering 429 with error_code 429050.
//
// It must not import any package of the SDK.
package fakeanalytics
