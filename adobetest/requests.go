package adobetest

import (
	"slices"
	"time"
)

// Request is one entry of the fake's request log. It never holds headers or
// bodies.
type Request struct {
	Method string
	Host   string
	Path   string
	Route  string    // the matched mux pattern, e.g. "POST /ims/token/v3"; "" when none matched
	Status int       // the status the handler or fault produced; 0 when the connection was dropped or the client gave up first
	Time   time.Time // when the request arrived
}

func (f *Fake) record(r Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r)
}

// Requests returns the request log in arrival order. Requests that met an
// injected fault are logged too.
func (f *Fake) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.requests)
}

// Count returns how many logged requests matched route, a mux pattern such
// as "POST /ims/token/v3".
func (f *Fake) Count(route string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.requests {
		if r.Route == route {
			n++
		}
	}
	return n
}

// ResetRequests empties the request log.
func (f *Fake) ResetRequests() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = nil
}
