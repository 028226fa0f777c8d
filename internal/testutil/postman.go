package testutil

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// PostmanCollection is a Postman v2.x collection, such as Adobe's official
// User Management API samples (testdata/specs/adminconsole/umapi/), for
// which no OpenAPI document exists.
type PostmanCollection struct {
	Name     string
	Requests []PostmanRequest
}

// PostmanRequest is one request of a collection, with Postman's
// {{VARIABLE}} placeholders left in place.
type PostmanRequest struct {
	// Name is the request's name in the collection, e.g. "add_to_group".
	Name string
	// Method is the HTTP method.
	Method string
	// URL is the raw URL template, e.g.
	// "https://{{UMAPI_ENDPOINT}}/v2/usermanagement/action/{{UMAPI_IMS_ORG}}?testOnly=true".
	URL string
	// Path is the URL's path template, e.g.
	// "/v2/usermanagement/action/{{UMAPI_IMS_ORG}}".
	Path string
	// Query holds the URL's query parameters.
	Query url.Values
	// Header holds the request headers.
	Header http.Header
	// Body is the raw body (mode "raw"), nil when there is none.
	Body json.RawMessage
	// Form holds the fields of a "formdata" or "urlencoded" body.
	Form url.Values
}

type postmanItem struct {
	Name    string        `json:"name"`
	Item    []postmanItem `json:"item"`
	Request *struct {
		Method string `json:"method"`
		Header []struct {
			Key      string `json:"key"`
			Value    string `json:"value"`
			Disabled bool   `json:"disabled"`
		} `json:"header"`
		Body *struct {
			Mode     string         `json:"mode"`
			Raw      string         `json:"raw"`
			FormData []postmanParam `json:"formdata"`
			URLEnc   []postmanParam `json:"urlencoded"`
		} `json:"body"`
		URL json.RawMessage `json:"url"`
	} `json:"request"`
}

type postmanParam struct {
	Key      string `json:"key"`
	Value    string `json:"value"`
	Disabled bool   `json:"disabled"`
}

// LoadPostman loads testdata/specs/<relpath>, a Postman v2.x collection,
// flattening folders. The test stops if the file cannot be read or a raw
// body is not JSON.
func LoadPostman(t testing.TB, relpath string) *PostmanCollection {
	t.Helper()
	data := Fixture(t, "specs/"+relpath)
	var doc struct {
		Info struct {
			Name string `json:"name"`
		} `json:"info"`
		Item []postmanItem `json:"item"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("testutil: LoadPostman(%q): %v", relpath, err)
	}
	c := &PostmanCollection{Name: doc.Info.Name}
	var walk func(items []postmanItem) error
	walk = func(items []postmanItem) error {
		for _, it := range items {
			if err := walk(it.Item); err != nil {
				return err
			}
			if it.Request == nil {
				continue
			}
			r, err := convertPostman(it)
			if err != nil {
				return fmt.Errorf("request %q: %w", it.Name, err)
			}
			c.Requests = append(c.Requests, r)
		}
		return nil
	}
	if err := walk(doc.Item); err != nil {
		t.Fatalf("testutil: LoadPostman(%q): %v", relpath, err)
	}
	return c
}

func convertPostman(it postmanItem) (PostmanRequest, error) {
	in := it.Request
	r := PostmanRequest{Name: it.Name, Method: strings.ToUpper(in.Method), Header: http.Header{}, Query: url.Values{}}
	if r.Method == "" {
		r.Method = http.MethodGet
	}
	// The URL is either a string or an object with "raw".
	var raw string
	if err := json.Unmarshal(in.URL, &raw); err != nil {
		var obj struct {
			Raw string `json:"raw"`
		}
		if err := json.Unmarshal(in.URL, &obj); err != nil {
			return r, fmt.Errorf("url: %w", err)
		}
		raw = obj.Raw
	}
	r.URL = raw
	rest := raw
	if _, after, ok := strings.Cut(rest, "://"); ok {
		rest = after
	}
	rest, query, _ := strings.Cut(rest, "?")
	if i := strings.Index(rest, "/"); i >= 0 {
		r.Path = rest[i:]
	} else {
		r.Path = "/"
	}
	if query != "" {
		q, err := url.ParseQuery(query)
		if err != nil {
			return r, fmt.Errorf("query: %w", err)
		}
		r.Query = q
	}
	for _, h := range in.Header {
		if !h.Disabled {
			r.Header.Add(h.Key, h.Value)
		}
	}
	if b := in.Body; b != nil {
		switch b.Mode {
		case "raw":
			if strings.TrimSpace(b.Raw) != "" {
				if !json.Valid([]byte(b.Raw)) {
					return r, errors.New("raw body is not JSON")
				}
				r.Body = json.RawMessage(b.Raw)
			}
		case "formdata", "urlencoded":
			r.Form = url.Values{}
			for _, p := range append(b.FormData, b.URLEnc...) {
				if !p.Disabled {
					r.Form.Add(p.Key, p.Value)
				}
			}
		}
	}
	return r, nil
}

// Request returns the request called name, or nil if there is none.
func (c *PostmanCollection) Request(name string) *PostmanRequest {
	for i := range c.Requests {
		if c.Requests[i].Name == name {
			return &c.Requests[i]
		}
	}
	return nil
}

// HeaderNames returns the sample's header names, canonicalised and sorted.
func (r *PostmanRequest) HeaderNames() []string {
	names := make([]string, 0, len(r.Header))
	for k := range r.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

var postmanVar = regexp.MustCompile(`\{\{[^{}]+\}\}`)

// MatchesPath reports whether path (e.g. an SDK request's URL path) matches
// the sample's path template, each {{VARIABLE}} segment matching any
// non-empty segment.
func (r *PostmanRequest) MatchesPath(path string) bool {
	return templateMatches(postmanVar.ReplaceAllString(r.Path, "{var}"), path)
}

// ShapeMatches compares the structure of two JSON documents, not their
// values: objects must have the same keys, values the same kinds (object,
// array, string, number, boolean; null in sample matches anything), and
// every element of an array in actual must have the shape of some element
// of the corresponding sample array (an empty sample array accepts any
// elements). The error lists every difference with its JSON path.
func ShapeMatches(sample, actual []byte) error {
	var s, a any
	if err := json.Unmarshal(sample, &s); err != nil {
		return fmt.Errorf("sample is not JSON: %w", err)
	}
	if err := json.Unmarshal(actual, &a); err != nil {
		return fmt.Errorf("actual is not JSON: %w", err)
	}
	if diffs := shapeDiff("$", s, a); len(diffs) > 0 {
		return fmt.Errorf("JSON shape differs from the sample:\n  %s", strings.Join(diffs, "\n  "))
	}
	return nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	default:
		return "null"
	}
}

func shapeDiff(path string, sample, actual any) []string {
	if sample == nil {
		return nil
	}
	if sk, ak := jsonKind(sample), jsonKind(actual); sk != ak {
		return []string{fmt.Sprintf("%s: %s, sample has %s", path, ak, sk)}
	}
	switch s := sample.(type) {
	case map[string]any:
		a := actual.(map[string]any)
		keys := make([]string, 0, len(s)+len(a))
		for k := range s {
			keys = append(keys, k)
		}
		for k := range a {
			if _, ok := s[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		var diffs []string
		for _, k := range keys {
			sv, inS := s[k]
			av, inA := a[k]
			p := path + "." + k
			switch {
			case !inA:
				diffs = append(diffs, p+": missing (sample has it)")
			case !inS:
				diffs = append(diffs, p+": unexpected key (not in sample)")
			default:
				diffs = append(diffs, shapeDiff(p, sv, av)...)
			}
		}
		return diffs
	case []any:
		if len(s) == 0 {
			return nil
		}
		var diffs []string
		for i, av := range actual.([]any) {
			var best []string
			for _, sv := range s {
				d := shapeDiff(fmt.Sprintf("%s[%d]", path, i), sv, av)
				if len(d) == 0 {
					best = nil
					break
				}
				if best == nil || len(d) < len(best) {
					best = d
				}
			}
			diffs = append(diffs, best...)
		}
		return diffs
	}
	return nil
}
