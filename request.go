package adobe

import "net/http"

// RequestOption changes one API call: every I/O method of every package takes
// them last, as reqOpts (in the style of aws-sdk-go-v2's optFns).
type RequestOption func(*RequestConfig)

// RequestConfig is what a RequestOption changes.
type RequestConfig struct {
	// Header is added to the request, overriding client defaults.
	Header http.Header
	// Idempotent marks the request as safe to retry on 5xx and transport
	// errors even though its method is not idempotent.
	Idempotent bool
}

// WithHeader sets a header on one API call.
func WithHeader(name, value string) RequestOption {
	return func(c *RequestConfig) {
		if c.Header == nil {
			c.Header = make(http.Header)
		}
		c.Header.Set(name, value)
	}
}

// WithIdempotent marks one call (typically a POST) as safe to retry on 5xx
// and transport errors. Use it only when sending the request twice cannot
// create anything twice.
func WithIdempotent() RequestOption {
	return func(c *RequestConfig) { c.Idempotent = true }
}

// Response is what every call returns beside its value: the final HTTP
// answer's status, headers and request ID, the number of attempts, and for
// List calls where the page sits.
type Response struct {
	// StatusCode and Header are the final HTTP response's.
	StatusCode int
	Header     http.Header
	// RequestID is the x-request-id or x-debug-id header, for Adobe support.
	RequestID string
	// Attempts is the number of HTTP attempts the call took.
	Attempts int
	// Page describes the page a List call returned; nil for other calls.
	Page *PageInfo
}

// PageInfo is where one page of a listing sits. Numbers the API does not
// give are -1.
type PageInfo struct {
	// Number is the page's number as the API counts it: 0-based for the
	// User Management API and Analytics, 1-based for the Developer Console.
	Number int
	// Size is the page size, TotalPages the page count and TotalItems the
	// item count, each -1 when Adobe did not say.
	Size, TotalPages, TotalItems int
	// Last reports that no further page exists.
	Last bool
}
