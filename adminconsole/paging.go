package adminconsole

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// PageInfo describes one page of a UMAPI listing. UMAPI pages are 0-based
// and addressed by a path segment; the body's lastPage flag ends a listing,
// and the X-Total-Count, X-Page-Count, X-Current-Page and X-Page-Size
// headers (strings) say more when Adobe sends them.
type PageInfo struct {
	// Page is the 0-based page that was requested.
	Page int
	// LastPage is the body's lastPage flag.
	LastPage bool
	// TotalCount, PageCount, CurrentPage and PageSize are the X-Total-Count,
	// X-Page-Count, X-Current-Page and X-Page-Size headers, or -1 when
	// absent or not a number. X-Total-Count can exceed the users listed:
	// technical accounts are counted but not returned.
	TotalCount, PageCount, CurrentPage, PageSize int
	// RequestID is Adobe's x-request-id for the page.
	RequestID string
}

func newPageInfo(page int, last bool, resp *adobe.Response) PageInfo {
	p := PageInfo{Page: page, LastPage: last, TotalCount: -1, PageCount: -1, CurrentPage: -1, PageSize: -1}
	if resp == nil {
		return p
	}
	p.RequestID = resp.RequestID
	h := resp.Header
	p.TotalCount = headerInt(h, "X-Total-Count")
	p.PageCount = headerInt(h, "X-Page-Count")
	p.CurrentPage = headerInt(h, "X-Current-Page")
	p.PageSize = headerInt(h, "X-Page-Size")
	return p
}

func headerInt(h http.Header, name string) int {
	n, err := strconv.Atoi(strings.TrimSpace(h.Get(name)))
	if err != nil {
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

// iterate walks a 0-based UMAPI listing with core.Iterate: it stops after
// lastPage, on an empty page, or when Adobe answers a page past the end with
// the previous page again (users) — detected by content.
func iterate[T any](ctx context.Context, list func(ctx context.Context, page int) ([]T, PageInfo, error)) iter.Seq2[T, error] {
	return core.Iterate(ctx, 0, func(ctx context.Context, n int) (core.Page[T], error) {
		items, info, err := list(ctx, n)
		if err != nil {
			return core.Page[T]{}, err
		}
		p := core.Page[T]{Items: items, Number: -1, TotalPages: -1, Last: info.LastPage}
		b, _ := json.Marshal(items)
		p.Fingerprint = sha256.Sum256(b)
		return p, nil
	})
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
