// Package core is the shared plumbing of every go-adobe API package: the
// single error type, request building against a base URL, response decoding,
// per-call options and state, and the generic page iterator.
//
// It is internal: users reach its exported types through aliases in the root
// package adobe (adobe.Error, adobe.ErrNotFound, adobe.RequestOption,
// adobe.WithIdempotent, ...).
package core
