package testutil

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// Spec is one of Adobe's published API specifications, loaded by [LoadSpec],
// that checks requests and responses. Each LoadSpec call returns a new Spec
// (the parsed document is shared), so exceptions registered with
// [Spec.Allow] belong to one test. Configure it (WithPathPrefix, Allow)
// before use; validation methods are then safe for concurrent use.
type Spec struct {
	*loadedSpec
	prefix string

	mu         sync.Mutex
	exceptions []*allowed
	deviations []Deviation
}

// loadedSpec is the parsed, read-only part shared by all Specs of a file.
type loadedSpec struct {
	relpath       string
	doc           *openapi3.T
	router        routers.Router
	defaultPrefix string
	relaxed       []string
}

var (
	specCacheMu sync.Mutex
	specCache   = map[string]*loadedSpec{}
)

// Lenient loading. Adobe's specs have defects that strict validation of the
// document rejects although they do not affect checking traffic. Validation
// runs with examples and schema-default validation disabled (wrong examples
// and defaults such as "ASC" for an integer are documentation errors), and
// the document errors below are tolerated; each tolerated error is kept in
// [Spec.Relaxations]. Any other document error fails LoadSpec. The files are
// never modified.
var toleratedDocErrors = []string{
	// report-suites.json: info.version is "".
	"value of version must be a non-empty string",
	// report-suites.json: responses without a description.
	"a short description of the response is required",
	// report-suites.json: a parameter ("expansion") with "in": "". Such a
	// parameter is not checked at all.
	`parameter can't have 'in' value ""`,
	// swagger.json: GET /{globalCompanyId}/users/me does not declare its
	// path parameter. Routing still works; the segment is not checked.
	"must define exactly all path parameters",
}

var docValidationOptions = []openapi3.ValidationOption{
	openapi3.EnableMultiError(),
	openapi3.DisableExamplesValidation(),
	openapi3.DisableSchemaDefaultsValidation(),
}

// LoadSpec loads testdata/specs/<relpath>, an OpenAPI 3 document or a Swagger
// 2.0 document (converted with openapi2conv), validates it leniently and
// builds a router that matches requests by path only: the host and scheme
// are ignored, and the path prefix that maps to the spec's paths defaults to
// the path of the spec's first server URL (Swagger 2.0: basePath). Change it
// with [Spec.WithPathPrefix]. The test stops if the file cannot be loaded.
func LoadSpec(t testing.TB, relpath string) *Spec {
	t.Helper()
	specCacheMu.Lock()
	defer specCacheMu.Unlock()
	ls, ok := specCache[relpath]
	if !ok {
		var err error
		ls, err = loadSpec(relpath)
		if err != nil {
			t.Fatalf("testutil: LoadSpec(%q): %v", relpath, err)
		}
		specCache[relpath] = ls
	}
	return &Spec{loadedSpec: ls, prefix: ls.defaultPrefix}
}

func loadSpec(relpath string) (*loadedSpec, error) {
	p, err := testdataPath("specs/" + relpath)
	if err != nil {
		return nil, err
	}
	data, err := readFile(p)
	if err != nil {
		return nil, err
	}
	var head struct {
		Swagger string `json:"swagger"`
		OpenAPI string `json:"openapi"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("not a JSON document: %w", err)
	}
	var doc *openapi3.T
	var relaxed []string
	switch {
	case head.Swagger != "":
		var doc2 openapi2.T
		if err := json.Unmarshal(data, &doc2); err != nil {
			return nil, fmt.Errorf("parsing Swagger %s: %w", head.Swagger, err)
		}
		relaxed = liftParameterSchemas(&doc2)
		if doc, err = openapi2conv.ToV3(&doc2); err != nil {
			return nil, fmt.Errorf("converting Swagger %s to OpenAPI 3: %w", head.Swagger, err)
		}
	case head.OpenAPI != "":
		loader := openapi3.NewLoader()
		if doc, err = loader.LoadFromData(data); err != nil {
			return nil, fmt.Errorf("parsing OpenAPI %s: %w", head.OpenAPI, err)
		}
	default:
		return nil, errors.New(`neither "swagger" nor "openapi" is set`)
	}

	ls := &loadedSpec{relpath: relpath, doc: doc, relaxed: relaxed}
	if err := doc.Validate(context.Background(), docValidationOptions...); err != nil {
		var fatal []string
		for _, e := range flatten(err) {
			msg := e.Error()
			if i := slices.IndexFunc(toleratedDocErrors, func(s string) bool { return strings.Contains(msg, s) }); i >= 0 {
				ls.relaxed = append(ls.relaxed, msg)
				continue
			}
			fatal = append(fatal, msg)
		}
		if len(fatal) > 0 {
			return nil, fmt.Errorf("invalid document:\n  %s", strings.Join(fatal, "\n  "))
		}
	}

	if len(doc.Servers) > 0 {
		ls.defaultPrefix = normalizePrefix(doc.Servers[0].URL)
	}
	// Route on the path only: the router sees request paths with the prefix
	// already removed, so the document's servers must not constrain it.
	doc.Servers = nil
	for _, item := range doc.Paths.Map() {
		item.Servers = nil
	}
	if ls.router, err = gorillamux.NewRouter(doc); err != nil {
		return nil, fmt.Errorf("building router: %w", err)
	}
	return ls, nil
}

// liftParameterSchemas repairs, in memory, Swagger 2.0 non-body parameters
// written OpenAPI-3 style with "schema": {"type": ...} instead of "type"
// (swagger.json's shared Authorization and x-api-key header parameters).
// openapi2conv ignores such a schema, leaving an empty one with which
// kin-openapi rejects every value ("empty value is not allowed"). The
// schema's type, format and enum are moved to the parameter. Each repair is
// reported in Relaxations.
func liftParameterSchemas(doc2 *openapi2.T) []string {
	var notes []string
	lift := func(where string, p *openapi2.Parameter) {
		if p == nil || p.In == "body" || p.Ref != "" || p.Type != nil || p.Schema == nil || p.Schema.Value == nil || p.Schema.Value.Type == nil {
			return
		}
		sv := p.Schema.Value
		p.Type = sv.Type
		if p.Format == "" {
			p.Format = sv.Format
		}
		if p.Enum == nil {
			p.Enum = sv.Enum
		}
		p.Schema = nil
		notes = append(notes, fmt.Sprintf(`swagger parameter %s %q (in %s) declares "schema" instead of "type"; used its schema type %v`,
			where, p.Name, p.In, *p.Type))
	}
	names := make([]string, 0, len(doc2.Parameters))
	for name := range doc2.Parameters {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		lift("#/parameters/"+name, doc2.Parameters[name])
	}
	for path, item := range doc2.Paths {
		for _, p := range item.Parameters {
			lift(path, p)
		}
		for method, op := range item.Operations() {
			for _, p := range op.Parameters {
				lift(method+" "+path, p)
			}
		}
	}
	sort.Strings(notes)
	return notes
}

// normalizePrefix turns "/api/", "api" or "https://analytics.adobe.io/api"
// into "/api", and "/" or "" into "".
func normalizePrefix(prefix string) string {
	if strings.Contains(prefix, "://") {
		if u, err := url.Parse(prefix); err == nil {
			prefix = u.Path
		}
	}
	prefix = strings.TrimRight(prefix, "/")
	if prefix != "" && !strings.HasPrefix(prefix, "/") {
		prefix = "/" + prefix
	}
	return prefix
}

// flatten expands kin-openapi's MultiErrors into their leaves.
func flatten(err error) []error {
	if me, ok := err.(openapi3.MultiError); ok {
		var out []error
		for _, e := range me {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// WithPathPrefix sets the URL path prefix that maps to the root of the
// spec's paths, e.g. "/api" so that https://analytics.adobe.io/api/ACME/dimensions
// matches the spec path /{globalCompanyId}/dimensions. A full server URL
// ("https://analytics.adobe.io/api") may be given; only its path is used,
// because matching ignores hosts. "" or "/" means the spec's paths start at
// the URL's root. It returns s for chaining.
func (s *Spec) WithPathPrefix(prefix string) *Spec {
	s.prefix = normalizePrefix(prefix)
	return s
}

// PathPrefix returns the URL path prefix currently mapped to the spec's
// paths.
func (s *Spec) PathPrefix() string { return s.prefix }

// Relaxations lists the document errors that lenient loading tolerated for
// this file (see LoadSpec); empty when the document validated cleanly.
func (s *Spec) Relaxations() []string { return slices.Clone(s.relaxed) }

// Document returns the parsed OpenAPI 3 document (Swagger 2.0 files are
// converted). Treat it as read-only: it is shared between tests.
func (s *Spec) Document() *openapi3.T { return s.doc }

// Exception describes a known, documented deviation of Adobe's real service
// from its published spec, accepted for one test with [Spec.Allow].
type Exception struct {
	// Method is the HTTP method, e.g. "GET".
	Method string
	// PathPattern is the spec's path template, e.g.
	// "/{globalCompanyId}/dimensions". For requests the spec lacks, a
	// template such as "/discovery/me" or "/{x}/users" matched segment by
	// segment against the request path (prefix removed).
	PathPattern string
	// Reason must occur in the validation error that is accepted, e.g.
	// `parameter "sortDirection" in query has an error`. Only errors
	// containing it are accepted; all others still fail.
	Reason string
	// Source says where the deviation is documented (URL, doc note, issue).
	Source string
}

// Deviation is a validation failure accepted because of an [Exception].
type Deviation struct {
	Exception Exception
	Error     string
}

type allowed struct {
	Exception
	hits int
}

// Allow accepts validation failures described by e for this Spec. Every
// field but Method is required (Allow panics otherwise): an exception must
// say what it accepts and where the deviation is documented.
func (s *Spec) Allow(e Exception) *Spec {
	if e.Method == "" || e.PathPattern == "" || e.Reason == "" || e.Source == "" {
		panic(fmt.Sprintf("testutil: Spec.Allow: Method, PathPattern, Reason and Source are all required: %+v", e))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.exceptions = append(s.exceptions, &allowed{Exception: e})
	return s
}

// AssertExceptionsUsed fails the test for every exception registered with
// Allow that never accepted a failure, so stale exceptions get noticed.
func (s *Spec) AssertExceptionsUsed(t testing.TB) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.exceptions {
		if a.hits == 0 {
			t.Errorf("testutil: exception never triggered (the deviation may be fixed; remove the exception): %s %s %q (source: %s)",
				a.Method, a.PathPattern, a.Reason, a.Source)
		}
	}
}

// Deviations returns the failures accepted so far through exceptions.
func (s *Spec) Deviations() []Deviation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.deviations)
}

// match is the result of routing a request against the spec.
type match struct {
	route      *routers.Route
	pathParams map[string]string
	req        *http.Request // clone, prefix removed from the path
	specPath   string        // request path with the prefix removed
	label      string        // human-readable operation name
}

func (s *Spec) find(req *http.Request) (*match, error) {
	p := req.URL.Path
	if s.prefix != "" && p != s.prefix && !strings.HasPrefix(p, s.prefix+"/") {
		return &match{specPath: p}, fmt.Errorf("path %q is not under the prefix %q that maps to %s's paths (see WithPathPrefix)", p, s.prefix, s.relpath)
	}
	m := &match{specPath: strings.TrimPrefix(p, s.prefix)}
	if m.specPath == "" {
		m.specPath = "/"
	}
	clone := req.Clone(req.Context())
	u := *req.URL
	u.Path = m.specPath
	u.RawPath = ""
	if raw := req.URL.RawPath; raw != "" && strings.HasPrefix(raw, s.prefix) {
		u.RawPath = strings.TrimPrefix(raw, s.prefix)
	}
	clone.URL = &u
	clone.Body = http.NoBody
	m.req = clone

	route, params, err := s.router.FindRoute(clone)
	if err != nil {
		return m, fmt.Errorf("%s %s (spec path %s): %w", req.Method, p, m.specPath, err)
	}
	m.route, m.pathParams = route, params
	m.label = operationLabel(route)
	return m, nil
}

// operationLabel names an operation by its operationId, falling back to
// "METHOD /template" (the Developer Console spec has no operationIds).
func operationLabel(r *routers.Route) string {
	op := r.Method + " " + r.Path
	if r.Operation != nil && r.Operation.OperationID != "" {
		op = "operationId " + r.Operation.OperationID + " (" + op + ")"
	}
	return op
}

func (s *Spec) filterOptions() *openapi3filter.Options {
	o := &openapi3filter.Options{
		MultiError:            true,
		SkipSettingDefaults:   true,
		IncludeResponseStatus: true,
		// Authentication is tested elsewhere; security requirements are
		// not checked here.
		AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
	}
	o.WithCustomSchemaErrorFunc(func(err *openapi3.SchemaError) string {
		ptr := "/" + strings.Join(err.JSONPointer(), "/")
		return fmt.Sprintf("at %q: %s", ptr, err.Reason)
	})
	return o
}

// ValidateRequest checks req against the spec: the method and path must name
// an operation, and its path, query and header parameters and JSON body
// must match the declared schemas. Security requirements are not checked.
// Errors quote kin-openapi's message, the operation and the failing field.
// The request body is left readable.
func (s *Spec) ValidateRequest(req *http.Request) error {
	body, err := readBody(req)
	if err != nil {
		return fmt.Errorf("testutil: reading request body: %w", err)
	}
	m, err := s.find(req)
	if err != nil {
		return s.filter(req.Method, m, "request", []error{err})
	}
	if len(body) > 0 {
		m.req.Body = io.NopCloser(bytes.NewReader(body))
	}
	in := &openapi3filter.RequestValidationInput{
		Request:    m.req,
		PathParams: m.pathParams,
		Route:      m.route,
		Options:    s.filterOptions(),
	}
	if err := openapi3filter.ValidateRequest(req.Context(), in); err != nil {
		return s.filter(req.Method, m, "request", flatten(err))
	}
	return nil
}

// ResponseCheck tells what [Spec.CheckResponse] could check.
type ResponseCheck struct {
	// Operation names the matched operation.
	Operation string
	// SchemaChecked is true when the body was validated against a schema
	// the spec declares for this status and content type.
	SchemaChecked bool
	// Note explains why SchemaChecked is false.
	Note string
}

// ValidateResponse checks resp (the answer to req) against the spec; see
// [Spec.CheckResponse] for the rules.
func (s *Spec) ValidateResponse(req *http.Request, resp *http.Response) error {
	_, err := s.CheckResponse(req, resp)
	return err
}

// CheckResponse checks resp (the answer to req) against the spec:
//
//   - a 2xx status the operation does not declare (and no "default"
//     response) fails; an undeclared non-2xx status passes unchecked,
//     because Adobe's specs rarely list every error status;
//   - when the spec declares a schema for the status and content type, the
//     body must match it; a declared response without a schema passes
//     unchecked.
//
// The result says whether the body was checked. The response body is left
// readable.
func (s *Spec) CheckResponse(req *http.Request, resp *http.Response) (ResponseCheck, error) {
	body, err := readResponseBody(resp)
	if err != nil {
		return ResponseCheck{}, fmt.Errorf("testutil: reading response body: %w", err)
	}
	m, err := s.find(req)
	if err != nil {
		return ResponseCheck{Note: "no matching operation"}, s.filter(req.Method, m, "response", []error{err})
	}
	rc := ResponseCheck{Operation: m.label}

	responses := m.route.Operation.Responses
	ref := responses.Status(resp.StatusCode)
	if ref == nil {
		ref = responses.Value(strconv.Itoa(resp.StatusCode/100) + "XX")
	}
	if ref == nil {
		ref = responses.Default()
	}
	if ref == nil || ref.Value == nil {
		declared := responses.Map()
		codes := make([]string, 0, len(declared))
		for c := range declared {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			return rc, s.filter(req.Method, m, "response", []error{
				fmt.Errorf("status %d is not declared (declared: %s)", resp.StatusCode, strings.Join(codes, ", ")),
			})
		}
		rc.Note = fmt.Sprintf("status %d is not declared (declared: %s); not checked", resp.StatusCode, strings.Join(codes, ", "))
		return rc, nil
	}
	ct := resp.Header.Get("Content-Type")
	mt := ref.Value.Content.Get(ct)
	switch {
	case len(ref.Value.Content) == 0:
		rc.Note = fmt.Sprintf("spec declares no content for status %d", resp.StatusCode)
	case mt == nil:
		// kin-openapi reports the unexpected content type below.
	case mt.Schema == nil:
		rc.Note = fmt.Sprintf("spec declares no schema for status %d, content type %q", resp.StatusCode, ct)
	default:
		rc.SchemaChecked = true
	}

	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request:    m.req,
			PathParams: m.pathParams,
			Route:      m.route,
		},
		Status:  resp.StatusCode,
		Header:  resp.Header,
		Options: s.filterOptions(),
	}
	in.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(req.Context(), in); err != nil {
		return rc, s.filter(req.Method, m, "response", flatten(err))
	}
	return rc, nil
}

// filter accepts the errors covered by exceptions and returns the rest as
// one error naming the spec and operation.
func (s *Spec) filter(method string, m *match, what string, errs []error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var rest []string
	for _, e := range errs {
		msg := e.Error()
		if a := s.exceptionFor(method, m, msg); a != nil {
			a.hits++
			s.deviations = append(s.deviations, Deviation{Exception: a.Exception, Error: msg})
			continue
		}
		rest = append(rest, msg)
	}
	if len(rest) == 0 {
		return nil
	}
	op := "no operation"
	if m.route != nil {
		op = m.label
	}
	return fmt.Errorf("testutil: %s %s %s does not match %s, %s:\n  %s",
		what, method, m.specPath, s.relpath, op, strings.Join(rest, "\n  "))
}

func (s *Spec) exceptionFor(method string, m *match, msg string) *allowed {
	for _, a := range s.exceptions {
		if !strings.EqualFold(a.Method, method) || !strings.Contains(msg, a.Reason) {
			continue
		}
		if (m.route != nil && a.PathPattern == m.route.Path) || templateMatches(a.PathPattern, m.specPath) {
			return a
		}
	}
	return nil
}

// templateMatches reports whether path matches the template segment by
// segment, a "{name}" segment matching any non-empty segment.
func templateMatches(template, path string) bool {
	ts := strings.Split(strings.Trim(template, "/"), "/")
	ps := strings.Split(strings.Trim(path, "/"), "/")
	if len(ts) != len(ps) {
		return false
	}
	for i, seg := range ts {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			if ps[i] == "" {
				return false
			}
			continue
		}
		if seg != ps[i] {
			return false
		}
	}
	return true
}

// ValidatingTransport returns a RoundTripper that checks every request
// passing through it, and the response next returns, against spec and
// reports mismatches with t.Errorf (safe from any goroutine). Requests are
// forwarded even when invalid. Place it between the SDK's stack and
// httpmock or an in-process fake.
func ValidatingTransport(t testing.TB, spec *Spec, next http.RoundTripper) http.RoundTripper {
	return &validatingTransport{t: t, spec: spec, next: next}
}

type validatingTransport struct {
	t    testing.TB
	spec *Spec
	next http.RoundTripper
}

func (v *validatingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := v.spec.ValidateRequest(req); err != nil {
		v.t.Errorf("%v", err)
	}
	// The response check routes the request again and needs no body.
	check := req.Clone(req.Context())
	resp, err := v.next.RoundTrip(req)
	if err != nil || resp == nil {
		return resp, err
	}
	check.Body = http.NoBody
	if _, verr := v.spec.CheckResponse(check, resp); verr != nil {
		v.t.Errorf("%v", verr)
	}
	return resp, nil
}
