package adobe

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Sentinels for errors.Is. [Error] matches them on the HTTP status; the
// other error types of the SDK match the one that describes them.
var (
	// ErrNotFound matches a 404 answer.
	ErrNotFound = errors.New("adobe: not found")
	// ErrUnauthorized matches a 401 answer and IMS invalid_client refusals.
	ErrUnauthorized = errors.New("adobe: unauthorized")
	// ErrForbidden matches a 403 answer and IMS invalid_scope refusals.
	ErrForbidden = errors.New("adobe: forbidden")
	// ErrRateLimited matches a 429 answer and every *RateLimitError.
	ErrRateLimited = errors.New("adobe: rate limited")
	// ErrConflict matches a 409 answer.
	ErrConflict = errors.New("adobe: conflict")
	// ErrInvalidArgument matches every *ArgError.
	ErrInvalidArgument = errors.New("adobe: invalid argument")
	// ErrInvalidResponse matches every *ResponseError: a 2xx answer whose
	// body is empty, truncated or not the JSON the call needs.
	ErrInvalidResponse = errors.New("adobe: invalid response")
)

// MaxErrorBody is how many bytes of an error response body an [Error] keeps.
const MaxErrorBody = 8 << 10

// Error is an error answer from an Adobe API: any non-2xx response, decoded
// from whichever of Adobe's error shapes the service uses. Every error answer
// from every Adobe host is, or unwraps to, an *Error.
//
// Its Error method prints the method, host and path (never the query string),
// the status, Adobe's code and message, and the request ID. The raw body is
// kept, capped at MaxErrorBody bytes, but never printed.
type Error struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Code is Adobe's error code: error_code (API gateway, e.g. "401013",
	// "429050"), errorCode (Analytics, e.g. "403025"), error (IMS, e.g.
	// "invalid_client") or the UMAPI result/errors code.
	Code string
	// Message is Adobe's human-readable text for Code.
	Message string
	// RequestID is the x-request-id or x-debug-id response header, or
	// errorId from the body; Adobe support asks for it.
	RequestID string
	// Attempts is how many HTTP attempts the SDK made for this call.
	Attempts int
	// Method, Host and Path identify the request (no query string).
	Method, Host, Path string
	// Body is the start of the raw response body (at most MaxErrorBody).
	Body []byte
}

// Error implements error.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("adobe: ")
	if e.Method != "" {
		fmt.Fprintf(&b, "%s %s%s: ", e.Method, e.Host, e.Path)
	}
	fmt.Fprintf(&b, "%d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request id %s]", e.RequestID)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	return b.String()
}

// Is reports whether the error belongs to the class of target, one of the
// package's sentinels.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	}
	return false
}

// RateLimitError is a 429 that the SDK did not (or could no longer) retry:
// retries were exhausted, or Retry-After asked for a longer wait than the
// configured maximum. Reschedule the call after RetryAfter. It unwraps to
// *Error and matches ErrRateLimited.
type RateLimitError struct {
	// Err is the 429 answer itself.
	Err *Error
	// RetryAfter is the wait Adobe asked for (zero if it did not say).
	RetryAfter time.Duration
}

// Error implements error.
func (e *RateLimitError) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("%s (retry after %s)", e.Err.Error(), e.RetryAfter)
	}
	return e.Err.Error()
}

// Unwrap returns the underlying *Error, so errors.As(err, &*Error) works.
func (e *RateLimitError) Unwrap() error { return e.Err }

// Is matches ErrRateLimited.
func (e *RateLimitError) Is(target error) bool { return target == ErrRateLimited }

// ArgError is an invalid argument, detected before any request is sent. Fix
// the named argument and call again. It matches ErrInvalidArgument. Calls
// that check several fields at once return the *ArgError of each field
// joined with errors.Join; errors.As finds the first.
type ArgError struct {
	// Arg names the argument or field, e.g. "ClientID" or
	// "project.org.ims_org_id".
	Arg string
	// Reason says what is wrong and what is expected.
	Reason string
}

// Error implements error.
func (e *ArgError) Error() string {
	return fmt.Sprintf("adobe: invalid %s: %s", e.Arg, e.Reason)
}

// Is matches ErrInvalidArgument.
func (e *ArgError) Is(target error) bool { return target == ErrInvalidArgument }

// ResponseError is a 2xx answer the SDK cannot use: an empty, truncated or
// malformed body where the call needs JSON. The request may have been
// applied; the helpers that create things look up before they create again.
// It matches ErrInvalidResponse.
type ResponseError struct {
	// Method, Host and Path identify the request (no query string).
	Method, Host, Path string
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// RequestID is the x-request-id or x-debug-id response header.
	RequestID string
	// Err is the decoding error (io.ErrUnexpectedEOF for an empty body).
	Err error
}

// Error implements error.
func (e *ResponseError) Error() string {
	s := fmt.Sprintf("adobe: %s %s%s: %d answer with an unusable body: %v", e.Method, e.Host, e.Path, e.StatusCode, e.Err)
	if e.RequestID != "" {
		s += " [request id " + e.RequestID + "]"
	}
	return s
}

// Unwrap returns the decoding error.
func (e *ResponseError) Unwrap() error { return e.Err }

// Is matches ErrInvalidResponse.
func (e *ResponseError) Is(target error) bool { return target == ErrInvalidResponse }

// RequestError is a call that got no answer: the network failed, or the
// context ended (errors.Is(err, context.DeadlineExceeded) and
// context.Canceled still work). It names the request it ended.
type RequestError struct {
	// Op names the operation, e.g. "GET analytics.adobe.io/discovery/me"
	// (never a query string).
	Op string
	// Err is the cause.
	Err error
}

// Error implements error.
func (e *RequestError) Error() string { return "adobe: " + e.Op + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *RequestError) Unwrap() error { return e.Err }
