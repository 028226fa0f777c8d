package analytics

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"iter"
	"net/url"
	"strconv"

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
// "lastPage"}) or with a plain array, and fills the page fields of the
// Response.
func listPage[T any](ctx context.Context, c *Client, path string, q url.Values, opts []adobe.RequestOption) ([]T, *Response, error) {
	var raw []byte
	resp, err := c.get(ctx, path, q, &raw, opts)
	if err != nil {
		return nil, resp, err
	}
	p, err := core.DecodePage[T](raw, "content")
	if err != nil {
		return nil, resp, err
	}
	resp.Page, resp.TotalPages, resp.LastPage = p.Number, p.TotalPages, p.Last
	var meta struct {
		TotalElements *int `json:"totalElements"`
	}
	if len(raw) > 0 && raw[0] == '{' && json.Unmarshal(raw, &meta) == nil && meta.TotalElements != nil {
		resp.TotalElements = *meta.TotalElements
	} else if len(raw) > 0 && raw[0] == '[' {
		resp.TotalElements = len(p.Items)
	}
	return p.Items, resp, nil
}

// iterate builds an iterator over every page, starting at the page q names.
func iterate[T any](ctx context.Context, c *Client, path string, q url.Values, opts []adobe.RequestOption) iter.Seq2[T, error] {
	start, _ := strconv.Atoi(q.Get("page"))
	return core.Iterate(ctx, start, func(ctx context.Context, n int) (core.Page[T], error) {
		qq := cloneValues(q)
		if n > 0 {
			qq.Set("page", strconv.Itoa(n))
		} else {
			qq.Del("page")
		}
		var raw []byte
		if _, err := c.get(ctx, path, qq, &raw, opts); err != nil {
			return core.Page[T]{}, err
		}
		return core.DecodePage[T](raw, "content")
	})
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// encode turns an options struct pointer (nil allowed) into url.Values.
func encode(opts any) (url.Values, error) {
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

func joinComma(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += ","
		}
		out += v
	}
	return out
}

// fingerprint identifies a page's items, so the iterator can stop when a
// server ignores the page parameter.
func fingerprint(items any) [32]byte {
	b, _ := json.Marshal(items)
	return sha256.Sum256(b)
}
