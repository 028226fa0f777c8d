package fakestate

import (
	"net/http"
	"slices"
	"sync"
)

// Router is the mux that parts register their routes on. It records every
// pattern so the fake can validate fault routes and report route patterns.
type Router struct {
	mux *http.ServeMux

	mu       sync.Mutex
	patterns []string
}

// NewRouter returns an empty router.
func NewRouter() *Router { return &Router{mux: http.NewServeMux()} }

// HandleFunc registers h for pattern, a Go 1.22 method-and-path pattern such
// as "POST /ims/token/v3". It panics on a conflicting pattern, like
// [http.ServeMux.HandleFunc].
func (r *Router) HandleFunc(pattern string, h http.HandlerFunc) {
	r.mux.HandleFunc(pattern, h)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.patterns = append(r.patterns, pattern)
}

// Patterns returns every registered pattern.
func (r *Router) Patterns() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.patterns)
}

// HasPattern reports whether pattern was registered.
func (r *Router) HasPattern(pattern string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Contains(r.patterns, pattern)
}

// Route returns the pattern that would serve req ("" when none matches).
func (r *Router) Route(req *http.Request) string {
	_, p := r.mux.Handler(req)
	return p
}

// Allowed returns the methods for which a route matches req's path (empty
// when no route does), to tell an unknown path (404) from a known path with
// an unknown method (405).
func (r *Router) Allowed(req *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		alt := *req
		alt.Method = m
		if _, p := r.mux.Handler(&alt); p != "" {
			out = append(out, m)
		}
	}
	return out
}

// ServeHTTP dispatches to the registered handlers.
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) { r.mux.ServeHTTP(w, req) }
