package adobe

import "github.com/go-adobe/adobe/internal/core"

// Error is an error answer from an Adobe API: HTTP status, Adobe's error
// code and message, the request ID Adobe support asks for, and the number of
// attempts. Use errors.As to read it and errors.Is with the sentinels below
// to classify it.
type Error = core.Error

// RateLimitError is a 429 the SDK did not retry (retries exhausted, or
// Retry-After beyond the configured cap). It unwraps to *Error and matches
// ErrRateLimited.
type RateLimitError = core.RateLimitError

// ArgError is an invalid argument, returned before any request is sent. It
// matches ErrInvalidArgument.
type ArgError = core.ArgError

// RequestOption changes one API call (see WithHeader and WithIdempotent).
type RequestOption = core.RequestOption

// Sentinels for errors.Is.
var (
	// ErrNotFound matches a 404 answer.
	ErrNotFound = core.ErrNotFound
	// ErrUnauthorized matches a 401 answer and IMS invalid_client refusals.
	ErrUnauthorized = core.ErrUnauthorized
	// ErrForbidden matches a 403 answer and IMS invalid_scope refusals.
	ErrForbidden = core.ErrForbidden
	// ErrRateLimited matches a 429 answer and every *RateLimitError.
	ErrRateLimited = core.ErrRateLimited
	// ErrConflict matches a 409 answer.
	ErrConflict = core.ErrConflict
	// ErrInvalidArgument matches every *ArgError.
	ErrInvalidArgument = core.ErrInvalidArgument
)

// WithHeader sets a header on one API call.
func WithHeader(name, value string) RequestOption { return core.WithHeader(name, value) }

// WithIdempotent marks one call (typically a POST) as safe to retry on 5xx
// and transport errors. Use it only when sending the request twice cannot
// create anything twice.
func WithIdempotent() RequestOption { return core.WithIdempotent() }

// Version is the SDK's version, sent in the User-Agent header.
const Version = core.Version
