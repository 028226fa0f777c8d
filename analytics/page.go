package analytics

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
	"github.com/google/go-querystring/query"
)

// PageOptions selects one page of a paginated listing. Analytics pages are
// 0-based; Limit is the page size (Adobe's default is 10).
type PageOptions struct {
	Limit int `url:"limit,omitempty"`
	Page  int `url:"page,omitempty"`
}

// listPage fetches one page of a listing that Adobe answers either with its
// page wrapper ({"content":[...],"totalElements","totalPages","number",
// "size","lastPage"}) or with a plain array, and sets resp.Page.
func listPage[T any](ctx context.Context, c *Client, path string, q url.Values, reqOpts []adobe.RequestOption) ([]T, *adobe.Response, error) {
	raw, resp, err := c.getRaw(ctx, path, q, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	p, info, err := decodePage[T](raw)
	if err != nil {
		return nil, resp, c.responseError(http.MethodGet, path, resp, err)
	}
	resp.Page = info
	return p.Items, resp, nil
}

// iterate builds an iterator over every page, starting at the page q names.
func iterate[T any](ctx context.Context, c *Client, path string, q url.Values, reqOpts []adobe.RequestOption) iter.Seq2[T, error] {
	start, _ := strconv.Atoi(q.Get("page"))
	return core.Iterate(ctx, start, func(ctx context.Context, n int) (core.Page[T], error) {
		qq := cloneValues(q)
		if n > 0 {
			qq.Set("page", strconv.Itoa(n))
		} else {
			qq.Del("page")
		}
		raw, resp, err := c.getRaw(ctx, path, qq, reqOpts)
		if err != nil {
			return core.Page[T]{}, err
		}
		p, _, err := decodePage[T](raw)
		if err != nil {
			return core.Page[T]{}, c.responseError(http.MethodGet, path, resp, err)
		}
		return p, nil
	})
}

// wirePage is Adobe's page wrapper.
type wirePage[T any] struct {
	Content       []T   `json:"content"`
	LastPage      *bool `json:"lastPage"`
	TotalPages    *int  `json:"totalPages"`
	TotalElements *int  `json:"totalElements"`
	Number        *int  `json:"number"`
	Size          *int  `json:"size"`
}

// decodePage decodes a page wrapper or a plain array (the whole listing:
// page 0 of 1) in one pass. The fingerprint is of the bytes received.
func decodePage[T any](raw []byte) (core.Page[T], *adobe.PageInfo, error) {
	p := core.Page[T]{Number: -1, TotalPages: -1, Fingerprint: core.Fingerprint(raw)}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 {
		return p, nil, fmt.Errorf("decoding page: empty body: %w", io.ErrUnexpectedEOF)
	}
	if trimmed[0] == '[' {
		if err := json.Unmarshal(trimmed, &p.Items); err != nil {
			return p, nil, fmt.Errorf("decoding page: %w", err)
		}
		p.Number, p.TotalPages, p.Last = 0, 1, true
		n := len(p.Items)
		return p, &adobe.PageInfo{Number: 0, Size: n, TotalPages: 1, TotalItems: n, Last: true}, nil
	}
	var w wirePage[T]
	if err := json.Unmarshal(trimmed, &w); err != nil {
		return p, nil, fmt.Errorf("decoding page: %w", err)
	}
	p.Items = w.Content
	info := &adobe.PageInfo{Number: -1, Size: -1, TotalPages: -1, TotalItems: -1}
	if w.Number != nil {
		p.Number, info.Number = *w.Number, *w.Number
	}
	if w.TotalPages != nil {
		p.TotalPages, info.TotalPages = *w.TotalPages, *w.TotalPages
	}
	if w.TotalElements != nil {
		info.TotalItems = *w.TotalElements
	}
	if w.Size != nil {
		info.Size = *w.Size
	}
	switch {
	case w.LastPage != nil:
		p.Last = *w.LastPage
	case w.TotalPages != nil && w.Number != nil:
		p.Last = *w.Number+1 >= *w.TotalPages
	default:
		p.Last = len(p.Items) == 0
	}
	info.Last = p.Last
	return p, info, nil
}

// getRaw GETs path and returns the body as received.
func (c *Client) getRaw(ctx context.Context, path string, q url.Values, reqOpts []adobe.RequestOption) ([]byte, *adobe.Response, error) {
	var raw []byte
	resp, err := c.get(ctx, path, q, &raw, reqOpts)
	return raw, resp, err
}

// responseError names the request whose 2xx body could not be used.
func (c *Client) responseError(method, path string, resp *adobe.Response, err error) error {
	e := &adobe.ResponseError{Method: method, Host: c.core.BaseURL.Host, Path: c.core.BaseURL.Path + path, Err: err}
	if resp != nil {
		e.StatusCode, e.RequestID = resp.StatusCode, resp.RequestID
	}
	return e
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// validate refuses negative page numbers and sizes.
func (o *PageOptions) validate() error {
	if o == nil {
		return nil
	}
	if err := checkNonNegative("Limit", o.Limit); err != nil {
		return err
	}
	return checkNonNegative("Page", o.Page)
}

// encode validates an options struct pointer (nil allowed) and turns it
// into url.Values.
func encode(opts any) (url.Values, error) {
	if v, ok := opts.(validator); ok {
		if err := v.validate(); err != nil {
			return nil, err
		}
	}
	v, err := query.Values(opts)
	if err != nil {
		return nil, core.NewArgError("options", "%v", err)
	}
	return v, nil
}

// errSeq is an iterator that yields err once.
func errSeq[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

func joinComma(s []string) string { return strings.Join(s, ",") }
