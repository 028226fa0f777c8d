package adminconsole_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
)

// faultKind is one way a request of a flow can fail.
type faultKind struct {
	name string
	// times is how many consecutive UMAPI attempts, from the faulted one,
	// get the fault (above the retry budget: the call sees it).
	times int
	// apply answers one attempt: forward sends the request to the fake (the
	// write, if any, is applied) and returns its answer.
	apply func(req *http.Request, forward func(*http.Request) (*http.Response, error)) (*http.Response, error)
	// cancel, when set, cancels the call's context at the faulted attempt:
	// before it is sent, or after the fake applied it.
	cancel cancelAt
}

type cancelAt int

const (
	noCancel cancelAt = iota
	cancelBefore
	cancelAfterWrite
)

func statusAnswer(req *http.Request, status int, body string, hdr ...string) *http.Response {
	h := http.Header{"Content-Type": {"application/json"}}
	for i := 0; i+1 < len(hdr); i += 2 {
		h.Set(hdr[i], hdr[i+1])
	}
	return &http.Response{StatusCode: status, Status: fmt.Sprintf("%d %s", status, http.StatusText(status)), Header: h,
		Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: req, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}
}

// withBody forwards the request and replaces the answer's body.
func withBody(edit func([]byte) []byte) func(*http.Request, func(*http.Request) (*http.Response, error)) (*http.Response, error) {
	return func(req *http.Request, forward func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		resp, err := forward(req)
		if err != nil {
			return resp, err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		b = edit(b)
		resp.Body, resp.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
		resp.Header.Del("Content-Length")
		return resp, nil
	}
}

const retries = 2 // the matrix's retry budget: faults that last 3 attempts reach the caller

var faultKinds = []faultKind{
	{"500", retries + 1, func(r *http.Request, _ func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		return statusAnswer(r, 500, `{"error_code":"500000","message":"Internal Server Error"}`), nil
	}, noCancel},
	{"502", retries + 1, func(r *http.Request, _ func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		return statusAnswer(r, 502, `<html>Bad Gateway</html>`), nil
	}, noCancel},
	{"503", retries + 1, func(r *http.Request, _ func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		return statusAnswer(r, 503, `{"error_code":"503000","message":"Service Unavailable"}`), nil
	}, noCancel},
	{"429+Retry-After", retries + 1, func(r *http.Request, _ func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		return statusAnswer(r, 429, `{"error_code":"429050","message":"Too many requests"}`, "Retry-After", "5"), nil
	}, noCancel},
	{"dropped", retries + 1, func(*http.Request, func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		return nil, errors.New("read tcp: connection reset by peer (injected)")
	}, noCancel},
	{"answer lost after write", retries + 1, func(r *http.Request, forward func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		resp, err := forward(r)
		if err == nil {
			resp.Body.Close()
		}
		return nil, errors.New("unexpected EOF after the request was handled (injected)")
	}, noCancel},
	{"malformed JSON", 1, func(r *http.Request, _ func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		return statusAnswer(r, 200, `{"lastPage":true,"groups":[{"groupName":`), nil
	}, noCancel},
	{"slow past deadline", 1, func(r *http.Request, forward func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		select {
		case <-r.Context().Done():
			return nil, r.Context().Err()
		case <-time.After(time.Hour):
			return forward(r)
		}
	}, noCancel},
	{"slow after write", 1, func(r *http.Request, forward func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		resp, err := forward(r)
		if err == nil {
			resp.Body.Close()
		}
		<-r.Context().Done()
		return nil, r.Context().Err()
	}, noCancel},
	{"empty 2xx after write", 1, withBody(func([]byte) []byte { return nil }), noCancel},
	{"truncated 2xx after write", 1, withBody(func(b []byte) []byte { return b[:len(b)/2] }), noCancel},
	{"garbled 2xx after write", 1, withBody(func([]byte) []byte { return []byte("\x00\xffnot json") }), noCancel},
	{name: "cancelled before the request", times: 1, cancel: cancelBefore},
	{name: "cancelled after the write", times: 1, cancel: cancelAfterWrite},
	{"200 partial failure", 1, func(r *http.Request, forward func(*http.Request) (*http.Response, error)) (*http.Response, error) {
		if r.Method != http.MethodPost {
			return forward(r)
		}
		// Adobe refuses the last step of the command (the profile add).
		return statusAnswer(r, 200, `{"completed":0,"notCompleted":1,"completedInTestMode":0,"result":"error","errors":[{"index":0,"step":1,"requestID":"cmd0","message":"Internal error","errorCode":"error.internal.add"}]}`), nil
	}, noCancel},
}

// faultingTransport forwards to the fake and faults UMAPI attempts
// [at, at+times).
type faultingTransport struct {
	base   http.RoundTripper
	kind   *faultKind
	at     int
	cancel context.CancelFunc // the call's context, for the cancel kinds

	mu sync.Mutex
	n  int // UMAPI attempts seen
}

func (t *faultingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.Contains(req.URL.Path, "/v2/usermanagement/") {
		return t.base.RoundTrip(req)
	}
	t.mu.Lock()
	i := t.n
	t.n++
	t.mu.Unlock()
	if t.kind == nil || i < t.at || i >= t.at+t.kind.times {
		return t.base.RoundTrip(req)
	}
	switch t.kind.cancel {
	case cancelBefore:
		t.cancel()
		return nil, req.Context().Err()
	case cancelAfterWrite:
		resp, err := t.base.RoundTrip(req)
		if err == nil {
			resp.Body.Close()
		}
		t.cancel()
		return nil, req.Context().Err()
	}
	return t.kind.apply(req, t.base.RoundTrip)
}

func (t *faultingTransport) attempts() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n
}

func matrixClient(t *testing.T, f *adobetest.Fake, rt http.RoundTripper) *adminconsole.Client {
	t.Helper()
	c, err := newTestClient(f, rt, retries)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// newTestClient is a client of the fake's credential over rt, with no
// client-side limiter and maxRetries retries one second apart.
func newTestClient(f *adobetest.Fake, rt http.RoundTripper, maxRetries int) (*adminconsole.Client, error) {
	b := f.Bootstrap()
	creds := auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID,
		Scopes: []string{"openid", "AdobeID", "user_management_sdk"}}
	cfg, err := auth.NewConfig(creds, auth.WithBaseTransport(rt),
		auth.WithRetryPolicy(auth.RetryPolicy{MaxRetries: maxRetries, WaitMin: time.Second, WaitMax: time.Second, MaxRetryAfter: time.Minute}))
	if err != nil {
		return nil, err
	}
	return adminconsole.NewFromConfig(cfg, adminconsole.WithoutRateLimit())
}

// typed reports whether err is one of the SDK's documented error types.
func typed(err error) bool {
	var (
		ae  *adobe.Error
		re  *adobe.ResponseError
		rq  *adobe.RequestError
		act *adminconsole.ActionError
		nf  *adminconsole.NotFoundError
	)
	return errors.As(err, &ae) || errors.As(err, &re) || errors.As(err, &rq) || errors.As(err, &act) || errors.As(err, &nf)
}

const (
	matrixProfile = "reserved_campaign_classic_Acme"
	matrixEmail   = "new.operator@acme.example"
)

func orgUsersWithEmail(t *testing.T, c *adminconsole.Client, email string) int {
	t.Helper()
	n := 0
	for u, err := range c.Users.ListIter(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		if strings.EqualFold(u.Email, email) {
			n++
		}
	}
	return n
}

// TestFaultMatrixUserOnProfile runs EnsureUserOnProfile (an Adobe ID added
// to the org and to the profile) with each of its requests faulted in turn
// by each fault kind; then re-runs it without faults. Every cell must end in
// success or a typed error, and the re-run must converge: the user in the
// org once, on the profile once, and a third run writing nothing.
func TestFaultMatrixUserOnProfile(t *testing.T) {
	opts := &adminconsole.EnsureOptions{AddToOrg: true, Country: "US"}
	// The flow's requests, counted on a clean run.
	var flow int
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t)
		f.SetUserManagementThrottling(false)
		if _, err := f.CreateProductProfile("Adobe Analytics", matrixProfile, adobetest.Permissions{}); err != nil {
			t.Fatal(err)
		}
		ft := &faultingTransport{base: f.Transport()}
		if _, err := matrixClient(t, f, ft).EnsureUserOnProfile(context.Background(), matrixProfile, matrixEmail, opts); err != nil {
			t.Fatal(err)
		}
		flow = ft.attempts()
	})
	if flow < 4 {
		t.Fatalf("the clean flow made %d UMAPI requests, want at least 4 (groups, user, action, verify)", flow)
	}
	var cells, converged, duplicates, succeeded, failed int
	for at := range flow {
		for k := range faultKinds {
			kind := &faultKinds[k]
			cells++
			synctest.Test(t, func(t *testing.T) {
				f := newFake(t)
				f.SetUserManagementThrottling(false)
				if _, err := f.CreateProductProfile("Adobe Analytics", matrixProfile, adobetest.Permissions{}); err != nil {
					t.Fatal(err)
				}
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
				ft := &faultingTransport{base: f.Transport(), kind: kind, at: at, cancel: cancel}
				c := matrixClient(t, f, ft)
				res, err := c.EnsureUserOnProfile(ctx, matrixProfile, matrixEmail, opts)
				cancel()
				if ft.attempts() <= at {
					t.Errorf("request %d, %s: the fault never fired (%d attempts)", at, kind.name, ft.attempts())
				}
				switch {
				case err == nil:
					succeeded++
					if !res.Value.Verified && len(res.Changes) == 0 {
						t.Errorf("request %d, %s: success without a membership: %+v", at, kind.name, res)
					}
				case !typed(err):
					t.Errorf("request %d, %s: untyped error %T: %v", at, kind.name, err, err)
				default:
					failed++
				}
				clean := matrixClient(t, f, f.Transport())
				if _, err := clean.EnsureUserOnProfile(context.Background(), matrixProfile, matrixEmail, opts); err != nil {
					t.Errorf("request %d, %s: re-run: %v", at, kind.name, err)
					return
				}
				third, err := clean.EnsureUserOnProfile(context.Background(), matrixProfile, matrixEmail, opts)
				members := f.ProfileMembers(matrixProfile)
				inOrg := orgUsersWithEmail(t, clean, matrixEmail)
				if len(members) > 1 || inOrg > 1 {
					duplicates++
				}
				if err == nil && !third.Wrote() && len(members) == 1 && inOrg == 1 {
					converged++
				} else {
					t.Errorf("request %d, %s: not converged: members %v, org users %d, third run %+v, %v", at, kind.name, members, inOrg, third, err)
				}
			})
		}
	}
	t.Logf("fault matrix, user on profile: %d requests × %d kinds = %d cells; first run %d succeeded, %d typed errors; converged %d/%d; duplicates %d",
		flow, len(faultKinds), cells, succeeded, failed, converged, cells, duplicates)
	if converged != cells || duplicates != 0 {
		t.Errorf("converged %d of %d cells, %d duplicates", converged, cells, duplicates)
	}
}

// Defect 1: an empty or truncated 2xx answer to a lookup is an
// *adobe.ResponseError, never "not found" or "not a member", and
// EnsureUserOnProfile then writes nothing.
func TestUnusableLookupAnswersAreErrors(t *testing.T) {
	bodies := map[string]func([]byte) []byte{
		"empty":     func([]byte) []byte { return nil },
		"blank":     func([]byte) []byte { return []byte("  \n") },
		"truncated": func(b []byte) []byte { return b[:len(b)/2] },
		"null":      func([]byte) []byte { return []byte("null") },
		"object":    func([]byte) []byte { return []byte("{}") },
	}
	for name, edit := range bodies {
		for _, route := range []string{"groups/", "organizations/"} {
			t.Run(name+" "+route, func(t *testing.T) {
				f := newFake(t)
				f.SetUserManagementThrottling(false)
				if _, err := f.CreateProductProfile("Adobe Analytics", "P", adobetest.Permissions{}); err != nil {
					t.Fatal(err)
				}
				rt := roundTripFunc(func(req *http.Request) (*http.Response, error) {
					if strings.Contains(req.URL.Path, "/v2/usermanagement/"+route) {
						return withBody(edit)(req, f.Transport().RoundTrip)
					}
					return f.Transport().RoundTrip(req)
				})
				c := matrixClient(t, f, rt)
				ctx := context.Background()
				var err error
				if route == "groups/" {
					_, _, err = c.Groups.Get(ctx, "P")
					checkResponseError(t, "Groups.Get", err)
					_, _, err = c.Groups.GetProductProfile(ctx, "P")
					checkResponseError(t, "Groups.GetProductProfile", err)
				} else {
					_, _, err = c.Users.Get(ctx, adobetest.DemoUserEmail, nil)
					checkResponseError(t, "Users.Get", err)
				}
				before := f.Count(actionRoute)
				res, err := c.EnsureUserOnProfile(ctx, "P", adobetest.DemoUserEmail, &adminconsole.EnsureOptions{AddToOrg: true})
				checkResponseError(t, "EnsureUserOnProfile", err)
				if res != nil || f.Count(actionRoute) != before || len(f.ProfileMembers("P")) != 0 {
					t.Errorf("EnsureUserOnProfile wrote after an unusable lookup: %+v, members %v", res, f.ProfileMembers("P"))
				}
			})
		}
	}
}

func checkResponseError(t *testing.T, call string, err error) {
	t.Helper()
	var re *adobe.ResponseError
	if !errors.As(err, &re) || !errors.Is(err, adobe.ErrInvalidResponse) || errors.Is(err, adobe.ErrNotFound) || re.Method != http.MethodGet || !strings.Contains(re.Path, "/v2/usermanagement/") {
		t.Errorf("%s: err = %v, want an *adobe.ResponseError naming the GET (and not ErrNotFound)", call, err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
