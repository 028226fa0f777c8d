package adminconsole

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// withPage sets resp.Page for one UMAPI page: the 0-based page requested,
// Size, TotalPages and TotalItems from the X-Page-Size, X-Page-Count and
// X-Total-Count headers (-1 when absent or not a number), Last from the
// body's lastPage flag. X-Current-Page and the other headers stay in
// resp.Header. X-Total-Count can exceed the users listed: technical
// accounts are counted but not returned.
func withPage(resp *adobe.Response, page int, last bool) *adobe.Response {
	if resp == nil {
		resp = &adobe.Response{}
	}
	h := resp.Header
	resp.Page = &adobe.PageInfo{
		Number:     page,
		Size:       headerInt(h, "X-Page-Size"),
		TotalPages: headerInt(h, "X-Page-Count"),
		TotalItems: headerInt(h, "X-Total-Count"),
		Last:       last,
	}
	return resp
}

func headerInt(h http.Header, name string) int {
	n, err := strconv.Atoi(strings.TrimSpace(h.Get(name)))
	if err != nil || n < 0 {
		return -1
	}
	return n
}

func validatePage(page int) error {
	if page < 0 {
		return core.NewArgError("page", "%d is negative; UMAPI pages are 0-based", page)
	}
	return nil
}

// pageOf is one decoded page and the fingerprint of the bytes it came from.
type pageOf[T any] struct {
	items       []T
	resp        *adobe.Response
	last        bool
	fingerprint [32]byte
}

// iterate walks a 0-based UMAPI listing with core.Iterate: it stops after
// lastPage, on an empty page, or when Adobe answers a page past the end with
// the previous page again (users), detected by the fingerprint of the bytes
// received (no re-encoding of the decoded page).
func iterate[T any](ctx context.Context, list func(ctx context.Context, page int) (pageOf[T], error)) iter.Seq2[T, error] {
	return core.Iterate(ctx, 0, func(ctx context.Context, n int) (core.Page[T], error) {
		p, err := list(ctx, n)
		if err != nil {
			return core.Page[T]{}, err
		}
		return core.Page[T]{Items: p.items, Number: -1, TotalPages: -1, Last: p.last, Fingerprint: p.fingerprint}, nil
	})
}

// getJSON sends a GET whose 2xx answer must be JSON and decodes it into out,
// returning the sha256 of the body received. An empty, truncated or
// malformed 2xx body is an *adobe.ResponseError naming the request.
func (c *Client) getJSON(ctx context.Context, ep endpoint, r core.Request, out any, reqOpts []adobe.RequestOption) (*adobe.Response, [32]byte, error) {
	var body []byte
	resp, err := c.call(ctx, ep, r, &body, reqOpts)
	if err != nil {
		return resp, [32]byte{}, err
	}
	derr := error(nil)
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) == 0:
		derr = fmt.Errorf("empty body where JSON was expected: %w", io.ErrUnexpectedEOF)
	case trimmed[0] != '{':
		// Every UMAPI answer is an object; null or an array is not one.
		derr = fmt.Errorf("the body is not a JSON object")
	default:
		if err := json.Unmarshal(trimmed, out); err != nil {
			derr = err
		}
	}
	if derr != nil {
		return resp, [32]byte{}, c.responseError(r, resp, derr)
	}
	return resp, core.Fingerprint(body), nil
}

// isPastLastPage reports whether err is UMAPI's answer to a page past the
// end of a groups listing: 404 {"lastPage":true,"result":"Not found"}.
func isPastLastPage(err error) bool {
	var e *adobe.Error
	if !errors.As(err, &e) || e.StatusCode != http.StatusNotFound {
		return false
	}
	var body struct {
		LastPage bool   `json:"lastPage"`
		Result   string `json:"result"`
	}
	return json.Unmarshal(e.Body, &body) == nil && body.LastPage && strings.EqualFold(body.Result, "Not found")
}

// flexString decodes a JSON string or number as text (Adobe documents
// licenseQuota as a string; be lenient).
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*f = flexString(n.String())
	return nil
}

// flexInt decodes a JSON number or numeric string (Adobe documents the
// action API's error step as a string but sends integers).
type flexInt int64

func (f *flexInt) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err == nil {
		v, err := n.Int64()
		*f = flexInt(v)
		return err
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == "" {
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	*f = flexInt(v)
	return err
}

// responseError is the *adobe.ResponseError of a 2xx answer to r that the
// SDK cannot use.
func (c *Client) responseError(r core.Request, resp *adobe.Response, err error) error {
	re := &adobe.ResponseError{Method: r.Method, Host: c.core.BaseURL.Host, Path: c.core.BaseURL.Path + strings.TrimPrefix(r.Path, "/"), Err: err}
	if resp != nil {
		re.StatusCode, re.RequestID = resp.StatusCode, resp.RequestID
	}
	return re
}
