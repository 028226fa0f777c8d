package fakeims

import (
	"mime"
	"net/http"
	"slices"
	"strings"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// Part is the IMS part of the fake.
type Part struct {
	s *fakestate.Store
}

// New returns the IMS part over the shared store.
func New(s *fakestate.Store) *Part { return &Part{s: s} }

// Register adds the IMS routes to r.
func (p *Part) Register(r *fakestate.Router) {
	routes := []struct {
		pattern string
		h       http.HandlerFunc
	}{
		{"POST /ims/token/v3", p.token},
		{"POST /ims/token/v2", p.token},
		{"GET /ims/authorize/v2", p.authorize},
		{"GET /ims/authorize/v1", p.authorize},
		{"POST /ims/validate_token/v1", p.validateToken},
		{"POST /ims/invalidate_token/v2", p.invalidateToken},
		{"POST /ims/revoke", p.revoke},
		{"GET /ims/userinfo/v2", p.userinfo},
		{"GET /ims/userinfo/v1", p.userinfo},
		{"GET /ims/profile/v1", p.profile},
		{"GET /ims/organizations/v5", p.organizations},
		{"GET /ims/organizations/v6", p.organizations},
		{"GET /ims/.well-known/openid-configuration", p.openIDConfiguration},
		{"GET /ims/keys", p.keys},
		{"POST /ims/exchange/jwt", p.exchangeJWT},
		{"POST /ims/exchange/v1/jwt", p.exchangeJWT},
	}
	for _, rt := range routes {
		r.HandleFunc(rt.pattern, p.withDebugID(rt.h))
	}
}

// withDebugID sets the x-debug-id header IMS puts on every response.
func (p *Part) withDebugID(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Debug-Id", p.s.NewDebugID())
		h(w, r)
	}
}

// imsError is IMS's error body.
type imsError struct {
	Error       string `json:"error"`
	Description string `json:"error_description,omitempty"`
}

func fail(w http.ResponseWriter, status int, code, desc string) {
	fakestate.WriteJSON(w, status, imsError{code, desc})
}

// parseForm parses a urlencoded or multipart body; r.Form then holds the body
// and query parameters.
func parseForm(r *http.Request) error {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "multipart/form-data" {
		return r.ParseMultipartForm(1 << 20)
	}
	return r.ParseForm()
}

// clientAuth returns the client id and secret of a request: HTTP Basic
// (client_secret_basic) first, else the client_id and client_secret
// parameters (client_secret_post, or a public client's ?client_id=).
func clientAuth(r *http.Request) (id, secret string) {
	if u, pw, ok := r.BasicAuth(); ok {
		return u, pw
	}
	return r.Form.Get("client_id"), r.Form.Get("client_secret")
}

// splitScopes splits a scope parameter on commas (IMS's separator) and
// spaces, dropping empties.
func splitScopes(v string) []string {
	// IMS separates scopes with commas only: "openid AdobeID" (x/oauth2's
	// space-joined default) is one unknown scope, and is refused.
	var out []string
	for _, s := range strings.Split(v, ",") {
		s = strings.TrimSpace(s)
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// notGranted returns the requested scopes missing from granted.
func notGranted(requested, granted []string) []string {
	var out []string
	for _, s := range requested {
		if !slices.Contains(granted, s) {
			out = append(out, s)
		}
	}
	return out
}

// baseURL is the request's own scheme and host.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
