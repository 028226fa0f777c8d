package core

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

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
