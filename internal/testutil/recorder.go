package testutil

import (
	"bytes"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
)

// Recorder wraps a responder and keeps every request it receives, with its
// body, so a test can assert on them after the SDK call returns. It is safe
// for concurrent use.
type Recorder struct {
	next httpmock.Responder

	mu    sync.Mutex
	calls []RecordedRequest
}

// RecordedRequest is one request seen by a [Recorder]. Request is a clone
// whose body reads Body from the start (each call to [Recorder.Calls] or
// [Recorder.Last] returns fresh clones), so helpers such as
// [AssertJSONBody] work on it.
type RecordedRequest struct {
	Request *http.Request
	Body    []byte
}

// NewRecorder returns a Recorder that records and then delegates to next.
func NewRecorder(next httpmock.Responder) *Recorder {
	return &Recorder{next: next}
}

// Responder returns the recording responder to register with httpmock.
func (r *Recorder) Responder() httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		body, err := readBody(req)
		if err != nil {
			return nil, err
		}
		clone := req.Clone(req.Context())
		clone.Body = io.NopCloser(bytes.NewReader(body))
		clone.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		r.mu.Lock()
		r.calls = append(r.calls, RecordedRequest{Request: clone, Body: body})
		r.mu.Unlock()
		resp, err := r.next(req)
		if resp != nil && resp.Request == nil {
			resp.Request = req
		}
		return resp, err
	}
}

// Calls returns the recorded requests, oldest first.
func (r *Recorder) Calls() []RecordedRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]RecordedRequest, len(r.calls))
	for i, c := range r.calls {
		out[i] = c.fresh()
	}
	return out
}

// Len returns the number of recorded requests.
func (r *Recorder) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.calls)
}

// Last returns the most recent request and stops the test if there is none.
func (r *Recorder) Last(t testing.TB) RecordedRequest {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.calls) == 0 {
		t.Fatal("testutil: Recorder saw no request")
	}
	return r.calls[len(r.calls)-1].fresh()
}

// fresh returns a copy whose Request body can be read from the start.
func (c RecordedRequest) fresh() RecordedRequest {
	req := c.Request.Clone(c.Request.Context())
	req.Body = io.NopCloser(bytes.NewReader(c.Body))
	return RecordedRequest{Request: req, Body: c.Body}
}
