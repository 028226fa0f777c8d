package fakeumapi

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// Base is the path prefix of the User Management API.
const Base = "/v2/usermanagement"

// Scope is the OAuth scope UMAPI requires.
const Scope = "user_management_sdk"

// Part is the User Management API part of the fake.
type Part struct {
	s *fakestate.Store

	mu     sync.Mutex
	client map[string][]time.Time // "<client>|<family>" → recent request times
	org    map[string][]time.Time // "<org>|<family>"
}

// New returns the part over the shared store.
func New(s *fakestate.Store) *Part {
	return &Part{s: s, client: map[string][]time.Time{}, org: map[string][]time.Time{}}
}

// Endpoint families and Adobe's per-client limits per minute.
const (
	familyGroups = "groups"
	familyUsers  = "users"
	familyAction = "action"
	orgLimit     = 100
)

var clientLimits = map[string]int{familyGroups: 5, familyUsers: 25, familyAction: 10}

// Register adds the routes to r.
func (p *Part) Register(r *fakestate.Router) {
	r.HandleFunc("GET "+Base+"/groups/{orgId}/{page}", p.guard(familyGroups, p.listGroups))
	r.HandleFunc("GET "+Base+"/users/{orgId}/{page}", p.guard(familyUsers, p.listUsers))
	r.HandleFunc("GET "+Base+"/users/{orgId}/{page}/{groupName}", p.guard(familyUsers, p.listGroupUsers))
	r.HandleFunc("GET "+Base+"/organizations/{orgId}/users/{userString}", p.guard(familyUsers, p.getUser))
	r.HandleFunc("POST "+Base+"/action/{orgId}", p.guard(familyAction, p.action))
}

// guard authenticates, checks scope and org, and throttles.
func (p *Part) guard(family string, h func(w http.ResponseWriter, r *http.Request, orgID string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		pr, ok := p.authenticate(w, r)
		if !ok {
			return
		}
		if !pr.HasScope(Scope) {
			w.Header().Set("X-Request-Id", p.s.NewDebugID())
			w.WriteHeader(http.StatusForbidden) // UMAPI: 403 with an empty body
			return
		}
		orgID := r.PathValue("orgId")
		if _, ok := p.s.Org(orgID); !ok || orgID != pr.OrgID {
			writeJSON(w, p.s, http.StatusBadRequest, map[string]any{"result": "error.organization.invalid_id", "message": "Bad organization Id"})
			return
		}
		if wait, ok := p.admit(pr.ClientID, orgID, family); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			p.s.WriteGatewayError(w, fakestate.ErrTooManyRequests)
			return
		}
		h(w, r, orgID)
	}
}

// authenticate runs the store's gateway checks but answers their 401 and
// 403 the way UMAPI does (User Management API docs, Authentication and the
// 401/403 partials): an empty 401 with WWW-Authenticate: Bearer
// realm="JIL" (UMAPI is a façade over JIL) and an empty 403. Other
// statuses pass through unchanged.
func (p *Part) authenticate(w http.ResponseWriter, r *http.Request) (fakestate.Principal, bool) {
	var c captureWriter
	pr, ok := p.s.Authenticate(&c, r)
	if ok {
		return pr, true
	}
	w.Header().Set("X-Request-Id", p.s.NewDebugID())
	switch c.status {
	case http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", `Bearer realm="JIL", error="invalid_token", error_description="The access token is invalid"`)
		w.WriteHeader(http.StatusUnauthorized)
	case http.StatusForbidden:
		w.WriteHeader(http.StatusForbidden)
	default:
		for k, v := range c.header {
			w.Header()[k] = v
		}
		w.WriteHeader(c.status)
		_, _ = w.Write(c.body)
	}
	return pr, false
}

// captureWriter records a response instead of sending it.
type captureWriter struct {
	header http.Header
	status int
	body   []byte
}

func (c *captureWriter) Header() http.Header {
	if c.header == nil {
		c.header = http.Header{}
	}
	return c.header
}

func (c *captureWriter) WriteHeader(status int) {
	if c.status == 0 {
		c.status = status
	}
}

func (c *captureWriter) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	c.body = append(c.body, b...)
	return len(b), nil
}

// admit records a request against the client's and the org's one-minute
// windows, or says how long until one frees.
func (p *Part) admit(clientID, orgID, family string) (time.Duration, bool) {
	if p.s.AdminConsoleConfig().NoThrottle {
		return 0, true
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	ck, ok := clientID+"|"+family, orgID+"|"+family
	c, o := prune(p.client[ck], now), prune(p.org[ok], now)
	p.client[ck], p.org[ok] = c, o
	var wait time.Duration
	if len(c) >= clientLimits[family] {
		wait = max(wait, c[0].Add(time.Minute).Sub(now))
	}
	if len(o) >= orgLimit {
		wait = max(wait, o[0].Add(time.Minute).Sub(now))
	}
	if wait > 0 {
		return wait, false
	}
	p.client[ck], p.org[ok] = append(c, now), append(o, now)
	return 0, true
}

func prune(ts []time.Time, now time.Time) []time.Time {
	i := 0
	for i < len(ts) && !now.Before(ts[i].Add(time.Minute)) {
		i++
	}
	return ts[i:]
}

func writeJSON(w http.ResponseWriter, s *fakestate.Store, status int, v any) {
	w.Header().Set("X-Request-Id", s.NewDebugID())
	fakestate.WriteJSON(w, status, v)
}

// pageOf returns the 0-based page from the path, or false after answering
// 400.
func pageOf(w http.ResponseWriter, r *http.Request, s *fakestate.Store) (int, bool) {
	n, err := strconv.Atoi(r.PathValue("page"))
	if err != nil || n < 0 {
		writeJSON(w, s, http.StatusBadRequest, map[string]any{"result": "error.command.malformed", "message": "Invalid page " + r.PathValue("page")})
		return 0, false
	}
	return n, true
}

func pageHeaders(w http.ResponseWriter, total, size, page int) {
	pages := (total + size - 1) / size
	w.Header().Set("X-Total-Count", strconv.Itoa(total))
	w.Header().Set("X-Page-Count", strconv.Itoa(pages))
	w.Header().Set("X-Current-Page", strconv.Itoa(page))
	w.Header().Set("X-Page-Size", strconv.Itoa(size))
}

func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
