package core

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/google/go-querystring/query"
)

// Client is the request/response core that every API package embeds. It
// builds requests against a base URL, sends them through the shared
// authenticated HTTP stack (see package auth) and decodes the answer.
type Client struct {
	// HTTP is the stack requests go through (retries, headers, auth).
	HTTP *http.Client
	// BaseURL is the service root; it always ends with a slash.
	BaseURL *url.URL
	// Header holds the service's own default headers (e.g. Analytics'
	// x-proxy-global-company-id).
	Header http.Header
	// Now returns the current time (for Retry-After dates); nil means
	// time.Now.
	Now func() time.Time
}

// ParseBaseURL parses and normalizes a service base URL: it must be absolute
// https with a host (http only on a loopback host, such as a local fake:
// anything else would send tokens in clear text), it gets a trailing slash,
// and it may not contain ".." segments, a query or a fragment.
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, NewArgError("base URL", "%q is not a URL: %v", raw, err)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, NewArgError("base URL", "%q must start with https:// (or http:// for a local fake)", raw)
	}
	if u.Host == "" {
		return nil, NewArgError("base URL", "%q has no host", raw)
	}
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return nil, NewArgError("base URL", "%q must use https (http is accepted only for a loopback host, such as a local fake)", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, NewArgError("base URL", "%q may not carry a query, fragment or user info", raw)
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == ".." || seg == "." {
			return nil, NewArgError("base URL", "%q may not contain dot segments", raw)
		}
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u, nil
}

// Pathf formats a request path, escaping every argument as one path segment,
// so that user input can never add segments or a query.
func Pathf(format string, args ...any) string {
	esc := make([]any, len(args))
	for i, a := range args {
		esc[i] = url.PathEscape(fmt.Sprint(a))
	}
	return fmt.Sprintf(format, esc...)
}

// Request describes one API call.
type Request struct {
	Method string
	// Path is relative to the client's base URL (no leading slash needed);
	// build it with Pathf.
	Path string
	// Query is nil, url.Values, or a struct encoded with go-querystring.
	Query any
	// Body is nil, []byte (sent as is), url.Values (form-encoded), an
	// io.Reader (sent as is, with ContentType), or a value encoded as JSON.
	Body any
	// ContentType overrides the body's content type.
	ContentType string
	// Header adds request-specific headers.
	Header http.Header
}

// NewHTTPRequest builds the *http.Request for r. It validates the path
// before any I/O.
func (c *Client) NewHTTPRequest(ctx context.Context, r Request) (*http.Request, error) {
	if c.BaseURL == nil || !strings.HasSuffix(c.BaseURL.Path, "/") {
		return nil, NewArgError("base URL", "must be set and end with a slash")
	}
	p := strings.TrimPrefix(r.Path, "/")
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		return nil, NewArgError("path", "%q may not carry a query or fragment; use Query", r.Path)
	}
	if hasDotSegment(p) {
		return nil, NewArgError("path", "%q may not contain dot segments", r.Path)
	}
	// Join the (already escaped) path to the base without re-parsing the
	// whole URL: Pathf escapes user input segment by segment.
	u := *c.BaseURL
	unescaped, err := url.PathUnescape(p)
	if err != nil {
		return nil, NewArgError("path", "%q: %v", r.Path, err)
	}
	u.Path = c.BaseURL.Path + unescaped
	if escaped := c.BaseURL.EscapedPath() + p; escaped != u.EscapedPath() {
		u.RawPath = escaped
	}
	switch q := r.Query.(type) {
	case nil:
	case url.Values:
		u.RawQuery = q.Encode()
	default:
		v, err := query.Values(q)
		if err != nil {
			return nil, NewArgError("query", "%v", err)
		}
		u.RawQuery = v.Encode()
	}

	var body io.Reader
	ctype := r.ContentType
	switch b := r.Body.(type) {
	case nil:
	case []byte:
		body = bytes.NewReader(b)
	case url.Values:
		body = strings.NewReader(b.Encode())
		if ctype == "" {
			ctype = "application/x-www-form-urlencoded"
		}
	case io.Reader:
		body = b
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			return nil, NewArgError("body", "cannot encode as JSON: %v", err)
		}
		body = bytes.NewReader(buf)
		if ctype == "" {
			ctype = "application/json"
		}
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, "", body)
	if err != nil {
		return nil, NewArgError("request", "%v", err)
	}
	*req.URL, req.Host = u, u.Host // reuses the URL NewRequest allocated
	req.Header["Accept"] = acceptJSON
	for _, h := range []http.Header{c.Header, r.Header} {
		for k, vs := range h {
			if err := ValidateHeader(k, vs...); err != nil {
				return nil, err
			}
			req.Header.Del(k)
			for _, v := range vs {
				req.Header.Add(k, v) // canonicalizes the name
			}
		}
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	return req, nil
}

// Call sends r and decodes a 2xx JSON answer into out (a pointer; *[]byte
// receives the raw body; nil discards it). A non-2xx answer is returned as an
// *Error (or *RateLimitError for 429).
func (c *Client) Call(ctx context.Context, r Request, out any, opts ...RequestOption) (*Response, error) {
	var rc RequestConfig
	for _, o := range opts {
		if o != nil {
			o(&rc)
		}
	}
	if len(rc.Header) > 0 {
		h := make(http.Header, len(r.Header)+len(rc.Header))
		for k, v := range r.Header {
			h[k] = v
		}
		for k, v := range rc.Header {
			h[k] = v
		}
		r.Header = h
	}
	ctx, st := NewCallState(ctx)
	st.Safe = rc.Idempotent
	st.Owned = true
	req, err := c.NewHTTPRequest(ctx, r)
	if err != nil {
		return nil, err
	}
	return c.Do(req, out)
}

// Do sends a prepared request and decodes the answer like Call.
func (c *Client) Do(req *http.Request, out any) (*Response, error) {
	ctx, st := WithCallState(req.Context())
	if ctx != req.Context() {
		req = req.WithContext(ctx)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	var resp *http.Response
	var err error
	if hc.Transport != nil && hc.Timeout == 0 && hc.Jar == nil {
		// The SDK's stack already runs an http.Client inside its retry layer
		// (which follows redirects); a second http.Client around it would
		// only copy headers again. Go straight to its transport.
		resp, err = hc.Transport.RoundTrip(req)
	} else {
		resp, err = hc.Do(req)
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = ctxErr
		}
		return nil, transportError(req, err)
	}
	defer resp.Body.Close()
	if resp.Request == nil {
		resp.Request = req
	}
	attempts := max(int(st.Attempts.Load()), 1)
	out2 := &Response{
		StatusCode: resp.StatusCode,
		Header:     resp.Header,
		RequestID:  firstNonEmpty(resp.Header.Get("x-request-id"), resp.Header.Get("x-debug-id")),
		Attempts:   attempts,
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, MaxErrorBody))
		now := time.Now
		if c.Now != nil {
			now = c.Now
		}
		return out2, AsError(resp, body, attempts, now())
	}
	if err := decodeBody(resp, out); err != nil {
		return out2, &adobe.ResponseError{Method: req.Method, Host: req.URL.Host, Path: req.URL.Path,
			StatusCode: resp.StatusCode, RequestID: out2.RequestID, Err: err}
	}
	return out2, nil
}

// acceptJSON is the Accept header of every request, shared: its capacity of
// one makes an Add elsewhere copy it rather than write into it.
var acceptJSON = []string{"application/json"}[:1:1]

// hasDotSegment reports whether the slash-separated path p has a "." or
// ".." segment, without allocating.
func hasDotSegment(p string) bool {
	for p != "" {
		seg := p
		if i := strings.IndexByte(p, '/'); i >= 0 {
			seg, p = p[:i], p[i+1:]
		} else {
			p = ""
		}
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}

// IsLoopback reports whether host (a host name or IP, without port) is the
// local machine: "localhost" or a loopback IP. Only loopback hosts may be
// spoken to over plain http.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ValidateHeader checks a header name and its values before they are sent:
// the name must be an HTTP token and no value may hold a control character
// other than tab (a CR or LF would split the header, a NUL makes net/http
// fail every request with an untyped error). The *ArgError names the header,
// never the value, which may be a credential.
func ValidateHeader(name string, values ...string) error {
	if name == "" {
		return NewArgError("header", "has an empty name")
	}
	for i := 0; i < len(name); i++ {
		if !isTokenChar(name[i]) {
			return NewArgError("header "+strconv.Quote(name), "the name may only hold letters, digits and !#$%%&'*+-.^_`|~")
		}
	}
	for _, v := range values {
		if i := strings.IndexFunc(v, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }); i >= 0 {
			return NewArgError("header "+http.CanonicalHeaderKey(name), "the value holds a control character (CR, LF or NUL) at byte %d", i)
		}
	}
	return nil
}

func isTokenChar(b byte) bool {
	switch {
	case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", b) >= 0
}

// readBody reads a whole body in one allocation when the server gave its
// length (io.ReadAll grows from 512 bytes, copying as it goes).
func readBody(resp *http.Response) ([]byte, error) {
	const maxPrealloc = 16 << 20
	if n := resp.ContentLength; n > 0 && n <= maxPrealloc {
		b := make([]byte, n, n+1)
		if _, err := io.ReadFull(resp.Body, b); err != nil {
			return nil, err
		}
		// A body longer than announced is read on, as io.ReadAll would.
		if m, _ := resp.Body.Read(b[n : n+1]); m > 0 {
			rest, err := io.ReadAll(resp.Body)
			return append(b[:n+1], rest...), err
		}
		return b, nil
	}
	return io.ReadAll(resp.Body)
}

// bodyDecoder is an out value that decodes the body itself (a page).
type bodyDecoder interface{ decodeBody([]byte) error }

func decodeBody(resp *http.Response, out any) error {
	if resp.StatusCode == http.StatusNoContent || resp.StatusCode == http.StatusResetContent {
		// No content by definition: the value stays as it was.
		out = nil
	}
	switch o := out.(type) {
	case nil:
		_, _ = io.Copy(io.Discard, resp.Body)
		return nil
	case *[]byte:
		b, err := readBody(resp)
		if err != nil {
			return fmt.Errorf("adobe: reading response body: %w", err)
		}
		*o = b
		return nil
	}
	b, err := readBody(resp)
	if err != nil {
		return fmt.Errorf("reading the body: %w", err)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		// The call needs JSON: an empty 2xx body is not an empty value (a
		// lookup read as "nothing there" would make an Ensure create a
		// duplicate).
		return fmt.Errorf("empty body where JSON was expected: %w", io.ErrUnexpectedEOF)
	}
	if d, ok := out.(bodyDecoder); ok {
		return d.decodeBody(b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("decoding JSON: %w", err)
	}
	return nil
}

// transportError names the request (method, host and path; never the
// query string) and strips net/http's *url.Error, whose text repeats the full
// URL.
func transportError(req *http.Request, err error) error {
	if ue, ok := err.(*url.Error); ok {
		err = ue.Err
	}
	if re, ok := err.(*adobe.RequestError); ok && re.Op == req.Method+" "+req.URL.Host+req.URL.Path {
		return re
	}
	return &adobe.RequestError{Op: req.Method + " " + req.URL.Host + req.URL.Path, Err: err}
}
