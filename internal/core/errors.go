package core

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors matched by [Error.Is] on the HTTP status (or, for
// ErrRateLimited, a [RateLimitError]), so that errors.Is works on every error
// the SDK returns without losing the details that errors.As exposes.
var (
	ErrNotFound     = errors.New("adobe: not found")
	ErrUnauthorized = errors.New("adobe: unauthorized")
	ErrForbidden    = errors.New("adobe: forbidden")
	ErrRateLimited  = errors.New("adobe: rate limited")
	ErrConflict     = errors.New("adobe: conflict")
	// ErrInvalidArgument matches every *ArgError.
	ErrInvalidArgument = errors.New("adobe: invalid argument")
)

// MaxErrorBody is how many bytes of an error response body an [Error] keeps.
const MaxErrorBody = 8 << 10

// Error is an error answer from an Adobe API: any non-2xx response, decoded
// from whichever of Adobe's error shapes the service uses.
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

// RateLimitError is returned when Adobe answered 429 and the SDK did not (or
// could no longer) retry: retries were exhausted, or Retry-After asked for a
// longer wait than the configured maximum.
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

// ArgError reports an invalid argument, detected before any request is sent.
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

// NewArgError returns an *ArgError with a formatted reason.
func NewArgError(arg, format string, args ...any) *ArgError {
	return &ArgError{Arg: arg, Reason: fmt.Sprintf(format, args...)}
}

// errorBody is the union of Adobe's error shapes.
type errorBody struct {
	// API gateway: {"error_code":"401013","message":"Oauth token is not valid"}
	ErrorCodeSnake json.RawMessage `json:"error_code"`
	Message        string          `json:"message"`
	// Analytics: {"errorCode":"...","errorDescription":"...","errorId":"..."}
	ErrorCodeCamel json.RawMessage `json:"errorCode"`
	ErrorDesc      string          `json:"errorDescription"`
	ErrorID        string          `json:"errorId"`
	// IMS: {"error":"invalid_client","error_description":"..."}
	ErrorIMS   json.RawMessage `json:"error"`
	ErrorDesc2 string          `json:"error_description"`
	// UMAPI: {"result":"error","errors":[{"errorCode":"...","message":"..."}]}
	Result string `json:"result"`
	Errors []struct {
		ErrorCode   string `json:"errorCode"`
		Message     string `json:"message"`
		Description string `json:"description"`
	} `json:"errors"`
	// Developer Console variants: {"code":..,"message":..,"reason":..}
	CodeGeneric json.RawMessage `json:"code"`
	Reason      string          `json:"reason"`
}

// rawString turns a JSON string or number into its text; objects and arrays
// yield "".
func rawString(r json.RawMessage) string {
	if len(r) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(r, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(r, &n) == nil {
		return n.String()
	}
	return ""
}

// NewError builds the *Error for a non-2xx response whose body (already read,
// possibly truncated) is body. attempts is the number of HTTP attempts made.
func NewError(resp *http.Response, body []byte, attempts int) *Error {
	e := &Error{StatusCode: resp.StatusCode, Attempts: attempts}
	if req := resp.Request; req != nil && req.URL != nil {
		e.Method, e.Host, e.Path = req.Method, req.URL.Host, req.URL.Path
	}
	if len(body) > MaxErrorBody {
		body = body[:MaxErrorBody]
	}
	e.Body = append([]byte(nil), body...)
	e.RequestID = firstNonEmpty(resp.Header.Get("x-request-id"), resp.Header.Get("x-debug-id"))
	var eb errorBody
	if json.Unmarshal(body, &eb) == nil {
		switch {
		case rawString(eb.ErrorCodeSnake) != "":
			e.Code, e.Message = rawString(eb.ErrorCodeSnake), eb.Message
		case rawString(eb.ErrorCodeCamel) != "":
			e.Code, e.Message = rawString(eb.ErrorCodeCamel), firstNonEmpty(eb.ErrorDesc, eb.Message)
		case rawString(eb.ErrorIMS) != "":
			e.Code, e.Message = rawString(eb.ErrorIMS), eb.ErrorDesc2
		case len(eb.Errors) > 0:
			e.Code = eb.Errors[0].ErrorCode
			e.Message = firstNonEmpty(eb.Errors[0].Message, eb.Errors[0].Description)
		case rawString(eb.CodeGeneric) != "":
			e.Code, e.Message = rawString(eb.CodeGeneric), firstNonEmpty(eb.Message, eb.Reason)
		default:
			e.Message = firstNonEmpty(eb.Message, eb.ErrorDesc, eb.ErrorDesc2, eb.Reason)
		}
		if e.Code == "" && eb.Result != "" && eb.Result != "success" {
			e.Code = eb.Result
		}
		if e.RequestID == "" {
			e.RequestID = eb.ErrorID
		}
	}
	return e
}

// AsError converts a non-2xx response into the SDK's error: a
// *RateLimitError for 429, an *Error otherwise.
func AsError(resp *http.Response, body []byte, attempts int, now time.Time) error {
	e := NewError(resp, body, attempts)
	if resp.StatusCode == http.StatusTooManyRequests {
		ra, _ := ParseRetryAfter(resp.Header.Get("Retry-After"), now)
		return &RateLimitError{Err: e, RetryAfter: ra}
	}
	return e
}

// ParseRetryAfter parses a Retry-After header value in seconds or as an HTTP
// date relative to now. ok is false when the header is absent or invalid.
func ParseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		// Clamp absurd values (they would overflow time.Duration) to a
		// wait that is beyond any cap.
		const maxSeconds = 100 * 365 * 24 * 3600
		return time.Duration(min(n, maxSeconds)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
