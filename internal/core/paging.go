package core

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"iter"
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
	// Fingerprint identifies the page's content; two consecutive pages with
	// the same fingerprint mean the server ignored the page parameter.
	Fingerprint [32]byte
}

// DecodePage decodes an Analytics- or Console-style page: a wrapped object
// ({"content":[...],"lastPage":true,"totalPages":3,"number":0}) or a plain
// JSON array (a single, last page). itemsKey names the array in a wrapped
// object; "" means "content".
func DecodePage[T any](body []byte, itemsKey string) (Page[T], error) {
	p := Page[T]{Number: -1, TotalPages: -1}
	trimmed := bytes.TrimSpace(body)
	p.Fingerprint = sha256.Sum256(trimmed)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		if err := json.Unmarshal(trimmed, &p.Items); err != nil {
			return p, fmt.Errorf("adobe: decoding page: %w", err)
		}
		p.Last = true
		return p, nil
	}
	if itemsKey == "" {
		itemsKey = "content"
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(trimmed, &raw); err != nil {
		return p, fmt.Errorf("adobe: decoding page: %w", err)
	}
	if items, ok := raw[itemsKey]; ok && string(items) != "null" {
		if err := json.Unmarshal(items, &p.Items); err != nil {
			return p, fmt.Errorf("adobe: decoding page %q: %w", itemsKey, err)
		}
		p.Fingerprint = sha256.Sum256(items)
	}
	var meta struct {
		LastPage   *bool `json:"lastPage"`
		TotalPages *int  `json:"totalPages"`
		Number     *int  `json:"number"`
	}
	_ = json.Unmarshal(trimmed, &meta)
	if meta.Number != nil {
		p.Number = *meta.Number
	}
	if meta.TotalPages != nil {
		p.TotalPages = *meta.TotalPages
	}
	switch {
	case meta.LastPage != nil:
		p.Last = *meta.LastPage
	case meta.TotalPages != nil && meta.Number != nil:
		p.Last = *meta.Number+1 >= *meta.TotalPages
	default:
		p.Last = len(p.Items) == 0
	}
	return p, nil
}

// FetchPage fetches the 0-based page n.
type FetchPage[T any] func(ctx context.Context, n int) (Page[T], error)

// Iterate returns an iterator over every item of a paginated listing,
// starting at page start (0 for Adobe's 0-based APIs). It fetches pages
// lazily, stops after the last page, on an empty page, when the server
// returns the page it already returned (a repeated page number or identical
// content), when the consumer stops, or when ctx is done. On error it yields
// (zero, err) once and stops.
func Iterate[T any](ctx context.Context, start int, fetch FetchPage[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		seenNumbers := map[int]bool{}
		var prev [32]byte
		for n := start; ; n++ {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
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
