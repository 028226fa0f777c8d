// Package authhook lends package auth's plumbing to the other packages of
// the module (package ims) without making it part of auth's public API. Package
// auth sets the hooks in its init; a package that uses them imports auth.
package authhook

import "net/http"

// PlainClient returns auth's HTTP stack without credentials (per-call state,
// retries, User-Agent and debug logging over the base transport) for opts, a
// []auth.Option. It validates the options and does no I/O.
var PlainClient func(opts any) (*http.Client, error)

// PlainClientFor returns the same stack for cfg, an *auth.Config: its base
// transport, logger, User-Agent and retry policy, without its credential.
var PlainClientFor func(cfg any) *http.Client

// TokenError turns an IMS refusal (a 4xx *adobe.Error other than 429) into an
// *auth.TokenError and returns any other error as it is.
var TokenError func(err error) error
