// Package fakeims is the IMS (Identity Management System) part of the
// adobetest fake: the OAuth token endpoints (client credentials, authorization
// code with PKCE, refresh), authorize, validate, revoke and invalidate,
// userinfo, profile and organizations, OIDC discovery and the JWKS, and the
// retired JWT exchange.
//
// Every response carries an x-debug-id header; errors have IMS's shape
// {"error":"...","error_description":"..."}.
package fakeims
