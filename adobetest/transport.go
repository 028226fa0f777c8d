package adobetest

import (
	"crypto/tls"
	"io"
	"net/http"
	"net/http/httptest"
)

// Transport returns an in-process [http.RoundTripper] that serves requests
// to any host (https://ims-na1.adobelogin.com, https://usermanagement.adobe.io,
// https://analytics.adobe.io, ...) from the fake, without a network. An SDK
// client can keep Adobe's real URLs and swap only its base transport.
//
// Injected Drop and LoseResponse faults make RoundTrip return
// [ErrConnectionDropped] or [ErrResponseLost]; a request whose context ends
// during an injected Latency or ResponseLatency returns the context's error;
// the body of a TruncateBody answer fails with [io.ErrUnexpectedEOF] after
// its first half.
//
// Redirects (such as the authorize endpoint's 302) are returned like any
// response; an [http.Client] follows them through the same transport unless
// its CheckRedirect returns [http.ErrUseLastResponse].
func (f *Fake) Transport() http.RoundTripper { return transport{f} }

// Client returns an [http.Client] using [Fake.Transport].
func (f *Fake) Client() *http.Client { return &http.Client{Transport: f.Transport()} }

type transport struct{ f *Fake }

func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		defer req.Body.Close()
	}
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sreq := req.Clone(ctx)
	if sreq.Host == "" {
		sreq.Host = req.URL.Host
	}
	sreq.RequestURI = req.URL.RequestURI()
	sreq.RemoteAddr = "192.0.2.1:49152"
	sreq.Proto, sreq.ProtoMajor, sreq.ProtoMinor = "HTTP/1.1", 1, 1
	if sreq.Body == nil {
		sreq.Body = http.NoBody
	}
	if req.URL.Scheme == "https" {
		sreq.TLS = &tls.ConnectionState{HandshakeComplete: true, ServerName: req.URL.Hostname()}
	}
	rec := httptest.NewRecorder()
	o := t.f.handle(rec, sreq)
	switch o {
	case dropped:
		return nil, ErrConnectionDropped
	case lost:
		return nil, ErrResponseLost
	case canceled:
		return nil, ctx.Err()
	}
	resp := rec.Result()
	resp.Request = req
	if o == truncated {
		// The connection closed after half the body, as over a Server.
		resp.Body = io.NopCloser(io.MultiReader(resp.Body, errReader{io.ErrUnexpectedEOF}))
	}
	return resp, nil
}

// errReader fails every read with err.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
