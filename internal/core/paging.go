package core

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"iter"

	"github.com/go-adobe/adobe"
)

// Page is one page of a paginated Adobe listing, normalized across Adobe's
// shapes.
type Page[T any] struct {
	// Items are the page's elements.
	Items []T
	// Number is the 0-based page number the server says this is, or -1 when
	// it does not say.
	Number int
	// Last reports that no further page exists.
	Last bool
	// TotalPages is the server's page count, or -1 when it does not say.
	TotalPages int
	// TotalItems is the server's item count (totalElements), or -1 when it
	// does not say. A Page built by hand leaves it 0.
	TotalItems int
	// Fingerprint identifies the page's content; two consecutive pages with
	// the same fingerprint mean the server ignored the page parameter.
	// DecodePage takes it from the bytes received (see Fingerprint).
	Fingerprint [32]byte
}

// Info returns the page's position as the Response of a List call reports
// it.
func (p *Page[T]) Info() *adobe.PageInfo {
	return &adobe.PageInfo{Number: p.Number, Size: len(p.Items), TotalPages: p.TotalPages, TotalItems: p.TotalItems, Last: p.Last}
}

var fingerprintSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// Fingerprint identifies a page by the bytes received for it (a fast,
// process-local hash: compare fingerprints within one process only). API
// packages that build a Page themselves fingerprint the body they read
// instead of re-encoding the decoded items.
func Fingerprint(body []byte) [32]byte {
	// 128 bits of hash and the length: two pages compared by it are
	// consecutive answers of one listing, not adversarial input.
	var f [32]byte
	for i, seed := range fingerprintSeeds {
		binary.LittleEndian.PutUint64(f[8*i:], maphash.Bytes(seed, body))
	}
	binary.LittleEndian.PutUint64(f[16:], uint64(len(body)))
	return f
}

// wrappedPage is Adobe's page wrapper with the usual items key, decoded in
// one pass.
type wrappedPage[T any] struct {
	Content       []T   `json:"content"`
	LastPage      *bool `json:"lastPage"`
	TotalPages    *int  `json:"totalPages"`
	Number        *int  `json:"number"`
	TotalElements *int  `json:"totalElements"`
}

// DecodePage decodes an Analytics- or Console-style page: a wrapped object
// ({"content":[...],"lastPage":true,"totalPages":3,"number":0,
// "totalElements":25}) or a plain JSON array (a single, last page). itemsKey
// names the array in a wrapped object; "" means "content". The body is
// parsed once (for "content"). A body that is not a page is an
// *adobe.ResponseError; DecodePage does not know the request, so prefer
// CallPage, whose errors name it.
func DecodePage[T any](body []byte, itemsKey string) (Page[T], error) {
	p := Page[T]{Number: -1, TotalPages: -1, TotalItems: -1}
	trimmed := bytes.TrimSpace(body)
	p.Fingerprint = Fingerprint(trimmed)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		if err := json.Unmarshal(trimmed, &p.Items); err != nil {
			return p, pageError(err)
		}
		p.Last = true
		p.TotalItems = len(p.Items)
		return p, nil
	}
	var w wrappedPage[T]
	if itemsKey == "" || itemsKey == "content" {
		if err := json.Unmarshal(trimmed, &w); err != nil {
			return p, pageError(err)
		}
	} else {
		// A rarer key: the items are decoded from their own bytes.
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(trimmed, &raw); err != nil {
			return p, pageError(err)
		}
		if items, ok := raw[itemsKey]; ok && string(items) != "null" {
			if err := json.Unmarshal(items, &w.Content); err != nil {
				return p, pageError(fmt.Errorf("%q: %w", itemsKey, err))
			}
		}
		for k, dst := range map[string]any{"lastPage": &w.LastPage, "totalPages": &w.TotalPages, "number": &w.Number, "totalElements": &w.TotalElements} {
			if v, ok := raw[k]; ok {
				_ = json.Unmarshal(v, dst)
			}
		}
	}
	p.Items = w.Content
	if w.Number != nil {
		p.Number = *w.Number
	}
	if w.TotalPages != nil {
		p.TotalPages = *w.TotalPages
	}
	if w.TotalElements != nil {
		p.TotalItems = *w.TotalElements
	}
	switch {
	case w.LastPage != nil:
		p.Last = *w.LastPage
	case w.TotalPages != nil && w.Number != nil:
		p.Last = *w.Number+1 >= *w.TotalPages
	default:
		p.Last = len(p.Items) == 0
	}
	return p, nil
}

func pageError(err error) error {
	return &adobe.ResponseError{Err: fmt.Errorf("decoding a page: %w", err)}
}

// pageBody decodes a 2xx body as a page inside Client.Do, so that a body
// that is not a page becomes an *adobe.ResponseError naming the request.
type pageBody[T any] struct {
	key  string
	page Page[T]
}

func (b *pageBody[T]) decodeBody(body []byte) error {
	p, err := DecodePage[T](body, b.key)
	if err != nil {
		var re *adobe.ResponseError
		if errors.As(err, &re) {
			err = re.Err
		}
		return err
	}
	b.page = p
	return nil
}

// CallPage sends r and decodes the 2xx answer as one page (see DecodePage),
// with resp.Page filled in. A body that is not a page is an
// *adobe.ResponseError naming the request; errors are otherwise Call's.
func CallPage[T any](ctx context.Context, c *Client, r Request, itemsKey string, reqOpts ...adobe.RequestOption) (Page[T], *Response, error) {
	out := &pageBody[T]{key: itemsKey}
	resp, err := c.Call(ctx, r, out, reqOpts...)
	if err != nil {
		return Page[T]{}, resp, err
	}
	resp.Page = out.page.Info()
	return out.page, resp, nil
}

// FetchPage fetches the 0-based page n.
type FetchPage[T any] func(ctx context.Context, n int) (Page[T], error)

// Iterate returns an iterator over every item of a paginated listing,
// starting at page start (0 for Adobe's 0-based APIs). It fetches pages
// lazily, stops after the last page, on an empty page, when the server
// returns the page it already returned (a repeated page number or identical
// content), when the consumer stops, or when ctx is done (an
// *adobe.RequestError naming the page it did not fetch). On error it yields
// (zero, err) once and stops.
func Iterate[T any](ctx context.Context, start int, fetch FetchPage[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		seenNumbers := map[int]bool{}
		var prev [32]byte
		for n := start; ; n++ {
			if err := ctx.Err(); err != nil {
				yield(zero, &adobe.RequestError{Op: fmt.Sprintf("listing, before page %d", n), Err: err})
				return
			}
			p, err := fetch(ctx, n)
			if err != nil {
				yield(zero, err)
				return
			}
			if n > start && p.Fingerprint == prev && len(p.Items) > 0 {
				return // the server ignored the page parameter
			}
			if p.Number >= 0 {
				if seenNumbers[p.Number] {
					return
				}
				seenNumbers[p.Number] = true
			}
			prev = p.Fingerprint
			for _, it := range p.Items {
				if !yield(it, nil) {
					return
				}
			}
			if p.Last || len(p.Items) == 0 {
				return
			}
			if p.TotalPages >= 0 && n+1 >= p.TotalPages+start {
				return
			}
		}
	}
}
