package fakeanalytics

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// Admin Console permission items the fake enforces (Analytics reference
// spelling, compared case-insensitively).
const (
	ToolReportSuiteMgmt    = "Report Suite Mgmt"
	ToolClassifications    = "Classifications"
	ToolDataSources        = "Data Sources Manager"
	ToolSegmentCreation    = "Segment Creation"
	ToolCalcMetricCreation = "Calculated Metric Creation"
)

// ErrProfileNotValid is the gateway's answer to a credential with no
// Analytics product profile.
var ErrProfileNotValid = fakestate.GatewayError{ErrorCode: "403025", Message: "Profile is not valid"}

// access is what one caller may see: the union of its Analytics product
// profiles in its org.
type access struct {
	p        fakestate.Principal
	profiles []fakestate.ProductProfile
}

func (s *Service) accessOf(p fakestate.Principal) access {
	a := access{p: p}
	if p.Kind != fakestate.KindService {
		return a // the fake's Adobe ID users hold no product profiles
	}
	for _, pr := range s.st.ProfilesOf(p.ClientID) {
		if pr.OrgID == p.OrgID && strings.Contains(strings.ToLower(pr.ProductName), "analytics") {
			a.profiles = append(a.profiles, pr)
		}
	}
	return a
}

func (a access) any() bool { return len(a.profiles) > 0 }

func hasItem(items []string, candidates ...string) bool {
	for _, it := range items {
		for _, c := range candidates {
			if c != "" && strings.EqualFold(strings.TrimSpace(it), c) {
				return true
			}
		}
	}
	return false
}

func (a access) suite(rsid string) bool {
	for _, p := range a.profiles {
		if p.Permissions.ReportSuites.AutoInclude || hasItem(p.Permissions.ReportSuites.Items, rsid) {
			return true
		}
	}
	return false
}

// dim reports whether a dimension is granted: by auto-include, by id
// ("variables/evar5" or "evar5"), by the Admin Console name ("Custom
// Conversion 5") or by its own name.
func (a access) dim(d Dimension) bool {
	short := strings.TrimPrefix(d.ID, "variables/")
	cands := []string{d.ID, short, d.Name}
	if n, ok := strings.CutPrefix(short, "evar"); ok {
		cands = append(cands, "Custom Conversion "+n, "eVar"+n)
	}
	for _, p := range a.profiles {
		if p.Permissions.Dimensions.AutoInclude || hasItem(p.Permissions.Dimensions.Items, cands...) {
			return true
		}
	}
	return false
}

func (a access) metric(m Metric) bool {
	short := strings.TrimPrefix(m.ID, "metrics/")
	cands := []string{m.ID, short, m.Name}
	if n, ok := strings.CutPrefix(short, "event"); ok {
		cands = append(cands, "Custom Event "+n)
	}
	for _, p := range a.profiles {
		if p.Permissions.Metrics.AutoInclude || hasItem(p.Permissions.Metrics.Items, cands...) {
			return true
		}
	}
	return false
}

func (a access) tool(name string) bool {
	for _, p := range a.profiles {
		if hasItem(p.Permissions.ReportSuiteTools, name) || hasItem(p.Permissions.AnalyticsTools, name) {
			return true
		}
	}
	return false
}

// rateLimit is Adobe's documented limit, "12 requests every 6 seconds",
// enforced as a sliding window: at most n accepted requests in any window
// of length per. A request exactly per after an earlier one no longer
// counts that one. Refused requests do not count.
type rateLimit struct {
	n   int
	per time.Duration
}

func defaultRateLimit() rateLimit { return rateLimit{n: 12, per: 6 * time.Second} }

// window holds the times of the accepted requests of one key within the
// last period, oldest first.
type window struct{ times []time.Time }

// SetRateLimit changes the limit: n requests in any window of per, per
// Developer Console project (per credential for credentials outside a
// project); n <= 0 turns it off.
func (s *Service) SetRateLimit(n int, per time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limit = rateLimit{n: n, per: per}
	s.windows = map[string]*window{}
}

// limitKey is what Adobe counts requests by: the Developer Console project
// of the caller's credential, or its client id when the credential belongs
// to no project (seeded credentials).
func (s *Service) limitKey(p fakestate.Principal) string {
	if c, ok := s.st.Credential(p.ClientID); ok && c.ProjectID != "" {
		return "project:" + c.ProjectID
	}
	return "client:" + p.ClientID
}

// allow applies the sliding-window limit to key and records the request
// when it is accepted.
func (s *Service) allow(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.limit.n <= 0 || s.limit.per <= 0 {
		return true
	}
	now := time.Now()
	w := s.windows[key]
	if w == nil {
		w = &window{}
		s.windows[key] = w
	}
	cut := now.Add(-s.limit.per)
	i := 0
	for i < len(w.times) && !w.times[i].After(cut) {
		i++
	}
	w.times = w.times[i:]
	if len(w.times) >= s.limit.n {
		return false
	}
	w.times = append(w.times, now)
	return true
}

// call is one authenticated, rate-limited request.
type call struct {
	w   http.ResponseWriter
	r   *http.Request
	acc access
	c   *company // nil for discovery
}

// gate authenticates like Adobe's gateway, applies the rate limit, and for
// company-scoped routes resolves the company and requires an Analytics
// product profile. The handler runs under the service's lock.
func (s *Service) gate(scoped bool, h func(*call)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.seedErr != nil {
			s.writeErr(w, http.StatusInternalServerError, "unexpected_error", "adobetest: invalid analytics seed section: "+s.seedErr.Error())
			return
		}
		p, ok := s.st.Authenticate(w, r)
		if !ok {
			return
		}
		if !s.allow(s.limitKey(p)) {
			s.st.WriteGatewayError(w, fakestate.ErrTooManyRequests)
			return
		}
		cl := &call{w: w, r: r, acc: s.accessOf(p)}
		if !scoped {
			s.mu.Lock()
			defer s.mu.Unlock()
			h(cl)
			return
		}
		if !cl.acc.any() {
			s.st.WriteGatewayError(w, ErrProfileNotValid)
			return
		}
		gcid := r.PathValue("gcid")
		if hv := r.Header.Get("x-proxy-global-company-id"); hv != "" && hv != gcid {
			s.writeErr(w, http.StatusBadRequest, "invalid_parameters", "Cannot find proper global company ID")
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		c := s.companyLocked(gcid)
		if c == nil || c.OrgID != p.OrgID {
			s.writeErr(w, http.StatusBadRequest, "invalid_parameters", "Cannot find proper global company ID")
			return
		}
		cl.c = c
		h(cl)
	}
}

// writeErr writes the component services' error shape.
func (s *Service) writeErr(w http.ResponseWriter, status int, code, desc string) {
	id := s.st.NewUUID()
	w.Header().Set("X-Request-Id", id)
	fakestate.WriteJSON(w, status, map[string]string{"errorCode": code, "errorDescription": desc, "errorId": id})
}

// loginID returns the caller's Analytics login id in the company, creating
// its user on first use.
func (s *Service) loginID(c *company, p fakestate.Principal) int {
	key := p.UserID
	if key == "" {
		key = p.ClientID
	}
	if id, ok := c.users[key]; ok {
		return id
	}
	id := s.newID()
	c.users[key] = id
	return id
}

// intParam reads a non-negative integer query parameter.
func intParam(r *http.Request, name string, def int) (int, bool) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n >= 0
}

// csv splits a comma list parameter.
func csv(r *http.Request, name string) []string {
	var out []string
	for _, v := range r.URL.Query()[name] {
		for _, x := range strings.Split(v, ",") {
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		}
	}
	return out
}

// writePage writes items as Adobe's page wrapper, honouring limit (default
// 10) and page (0-based).
func (s *Service) writePage(cl *call, items []any) {
	limit, ok1 := intParam(cl.r, "limit", 10)
	page, ok2 := intParam(cl.r, "page", 0)
	if !ok1 || !ok2 || limit == 0 {
		s.writeErr(cl.w, http.StatusBadRequest, "invalid_parameters", "limit and page must be non-negative integers (limit > 0)")
		return
	}
	total := len(items)
	pages := (total + limit - 1) / limit
	lo, hi := min(page*limit, total), min((page+1)*limit, total)
	content := slices.Clone(items[lo:hi])
	if content == nil {
		content = []any{}
	}
	fakestate.WriteJSON(cl.w, http.StatusOK, map[string]any{
		"content": content, "totalElements": total, "totalPages": pages, "number": page, "size": limit,
		"numberOfElements": len(content), "firstPage": page == 0, "lastPage": page+1 >= pages, "sort": nil,
	})
}
