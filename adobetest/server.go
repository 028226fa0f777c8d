package adobetest

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Server is a [Fake] behind a real HTTP server on 127.0.0.1. Point an SDK's
// base URLs at URL.
type Server struct {
	*Fake
	// URL is the server's base URL, "http://127.0.0.1:<port>".
	URL string

	srv *httptest.Server
}

// NewServer starts an [httptest.Server] around a new [Fake] built with opts
// and closes it when the test ends. It fails the test if [New] fails.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	f, err := New(opts...)
	if err != nil {
		t.Fatalf("adobetest.NewServer: %v", err)
	}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return &Server{Fake: f, URL: srv.URL, srv: srv}
}

// Client returns an [http.Client] for the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }
