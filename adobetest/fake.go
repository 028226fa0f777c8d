package adobetest

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakeanalytics"
	"github.com/go-adobe/adobe/adobetest/internal/fakeconsole"
	"github.com/go-adobe/adobe/adobetest/internal/fakeims"
	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
	"github.com/go-adobe/adobe/adobetest/internal/fakeumapi"
)

// part is one Adobe service of the fake. Each registers its routes on the
// shared router and keeps its state in the shared store.
type part interface {
	Register(r *fakestate.Router)
}

// parts lists the fake's parts. Adding a part (Admin Console, Developer
// Console, Analytics, ...) is one line here.
var parts = []func(*fakestate.Store) part{
	func(s *fakestate.Store) part { return fakeims.New(s) },       // IMS: /ims/...
	func(s *fakestate.Store) part { return fakeumapi.New(s) },     // Admin Console: /v2/usermanagement/...
	func(s *fakestate.Store) part { return fakeconsole.New(s) },   // Developer Console: /console/...
	func(s *fakestate.Store) part { return fakeanalytics.New(s) }, // Analytics 2.0: /discovery/..., /api/...
}

// Demo data every fake starts with. The demo org licenses Adobe Analytics
// with a general product profile ([DemoProfileName], id [DemoProfileID])
// that is attached to the bootstrap credential, unless
// [WithoutDemoAnalyticsProfile] is given.
const (
	DemoOrgName   = "Demo Org"
	DemoUserEmail = "demo.user@example.com"

	DemoProfileName = "Analytics General Access"
	DemoProfileID   = "10000001"
)

// demoProfilePermissions is what the general profile grants: every report
// suite, dimension and metric, and the tools an org's own automation
// typically has. It is not the connector's reserved_campaign_classic_*
// profile.
func demoProfilePermissions() fakestate.Permissions {
	return fakestate.Permissions{
		ReportSuites: fakestate.PermissionList{AutoInclude: true},
		Metrics:      fakestate.PermissionList{AutoInclude: true},
		Dimensions:   fakestate.PermissionList{AutoInclude: true},
		ReportSuiteTools: []string{
			"Report Suite Mgmt", "Classifications", "Data Sources Manager",
		},
		AnalyticsTools: []string{"Segment Creation", "Calculated Metric Creation"},
	}
}

// Fake is a stateful, in-process fake of Adobe's admin APIs. It is an
// [http.Handler] serving every Adobe host by path; use [Fake.Transport] to
// keep Adobe's real URLs, or [NewServer] for a real HTTP server. All methods
// are safe for concurrent use.
type Fake struct {
	store  *fakestate.Store
	router *fakestate.Router

	orgID     string
	bootstrap string // client id
	parts     []part // as built from the parts list, for part-specific methods

	mu       sync.Mutex
	faults   []*activeFault
	requests []Request
}

// New returns a fake holding the demo org (named [DemoOrgName]) with its
// bootstrap server-to-server credential ([Fake.Bootstrap]) and the demo user
// ([DemoUserEmail]), plus whatever the options seed.
func New(opts ...Option) (*Fake, error) {
	cfg := config{lifetime: fakestate.DefaultTokenLifetime}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	var seed uint64
	if cfg.randSeed != nil {
		seed = *cfg.randSeed
	} else {
		var b [8]byte
		_, _ = rand.Read(b[:])
		seed = binary.LittleEndian.Uint64(b[:])
	}
	st := fakestate.New(seed)
	if err := st.SetTokenLifetime(cfg.lifetime); err != nil {
		return nil, fmt.Errorf("adobetest: %w", err)
	}
	org, err := st.AddOrg(fakestate.Org{Name: DemoOrgName})
	if err != nil {
		return nil, fmt.Errorf("adobetest: demo org: %w", err)
	}
	boot, err := st.AddCredential(fakestate.Credential{
		Name: "Bootstrap", Type: fakestate.TypeServerToServer, OrgID: org.ID, Scopes: BootstrapScopes,
	})
	if err != nil {
		return nil, fmt.Errorf("adobetest: bootstrap credential: %w", err)
	}
	st.SetBootstrap(boot.ClientID)
	if _, err := st.AddUser(fakestate.User{
		Email: DemoUserEmail, FirstName: "Demo", LastName: "User", Country: "US", OrgIDs: []string{org.ID},
	}); err != nil {
		return nil, fmt.Errorf("adobetest: demo user: %w", err)
	}
	if err := st.SetLoginUser(DemoUserEmail); err != nil {
		return nil, fmt.Errorf("adobetest: %w", err)
	}
	if !cfg.noDemoProfile {
		// The org licenses Adobe Analytics with a general profile, and its
		// automation credential uses it, as in a typical org; the
		// connector's reserved_campaign_classic_* profile is not there, so
		// the Admin Console step stays to be done.
		if _, err := st.AddProductProfile(fakestate.ProductProfile{
			ID: DemoProfileID, OrgID: org.ID, Name: DemoProfileName, ProductName: "Adobe Analytics", Permissions: demoProfilePermissions(),
		}); err != nil {
			return nil, fmt.Errorf("adobetest: demo product profile: %w", err)
		}
		if err := st.AttachProfile(boot.ClientID, DemoProfileID); err != nil {
			return nil, fmt.Errorf("adobetest: demo product profile: %w", err)
		}
	}
	for _, s := range cfg.seeds {
		if err := st.ApplySeed(s, org.ID, boot.ClientID); err != nil {
			return nil, fmt.Errorf("adobetest: %w", err)
		}
	}
	if cfg.loginUser != "" {
		if err := st.SetLoginUser(cfg.loginUser); err != nil {
			return nil, fmt.Errorf("adobetest: WithLoginUser: %w", err)
		}
	}
	f := &Fake{store: st, router: fakestate.NewRouter(), orgID: org.ID, bootstrap: boot.ClientID}
	for _, newPart := range parts {
		p := newPart(st)
		p.Register(f.router)
		f.parts = append(f.parts, p)
	}
	if err := f.analytics().SeedError(); err != nil {
		return nil, fmt.Errorf("adobetest: %w", err)
	}
	return f, nil
}

// outcome is what became of a request.
type outcome int

const (
	served    outcome = iota // a response was written to w
	dropped                  // Drop fault: nothing handled, nothing written
	lost                     // LoseResponse fault: handled, response discarded
	canceled                 // the request's context ended during Latency or ResponseLatency
	truncated                // TruncateBody fault: the header and half the body were written
)

// ServeHTTP serves a request to any Adobe host by path. When a Drop or
// LoseResponse fault applies, it hijacks and closes the connection (or, when
// the ResponseWriter cannot be hijacked, panics with [http.ErrAbortHandler],
// which net/http turns into a closed connection).
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if o := f.handle(w, r); o == dropped || o == lost || o == truncated {
		rc := http.NewResponseController(w)
		if o == truncated {
			_ = rc.Flush() // the header and first half go out before the close
		}
		if conn, _, err := rc.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
		panic(http.ErrAbortHandler)
	}
}

// handle applies faults, runs the matching handler and logs the request.
func (f *Fake) handle(w http.ResponseWriter, r *http.Request) outcome {
	entry := Request{Method: r.Method, Host: r.Host, Path: r.URL.Path, Route: f.router.Route(r), Time: time.Now()}
	defer func() { f.record(entry) }()

	fault, ok := f.takeFault(entry.Route)
	if ok && fault.Latency > 0 {
		t := time.NewTimer(fault.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return canceled
		}
	}
	switch {
	case ok && fault.Drop:
		return dropped
	case ok && fault.Status != 0:
		f.writeFault(w, entry.Route, fault)
		entry.Status = fault.Status
		return served
	case ok && fault.LoseResponse:
		sw := &statusWriter{ResponseWriter: discardWriter{h: http.Header{}}}
		f.serve(sw, r, entry.Route)
		entry.Status = sw.code()
		return lost
	case ok && fault.spoils():
		rec := httptest.NewRecorder()
		f.serve(rec, r, entry.Route)
		entry.Status = rec.Code
		if fault.ResponseLatency > 0 {
			t := time.NewTimer(fault.ResponseLatency)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return canceled
			}
		}
		return writeSpoiled(w, rec, fault)
	}
	sw := &statusWriter{ResponseWriter: w}
	f.serve(sw, r, entry.Route)
	entry.Status = sw.code()
	return served
}

// serve runs the handler of route, or answers an unknown path or method as
// the Adobe host would: IMS (/ims/...) with its {"error",
// "error_description"} body and an x-debug-id, the adobe.io gateway with
// {"error_code","message"} and an x-request-id; 404 for an unknown path,
// 405 with an Allow header for a known path and an unknown method. Never
// net/http's plain-text "404 page not found".
func (f *Fake) serve(w http.ResponseWriter, r *http.Request, route string) {
	if route != "" {
		f.router.ServeHTTP(w, r)
		return
	}
	status, text := http.StatusNotFound, "Not Found"
	if allowed := f.router.Allowed(r); len(allowed) > 0 {
		status, text = http.StatusMethodNotAllowed, "Method Not Allowed"
		w.Header().Set("Allow", strings.Join(allowed, ", "))
	}
	if strings.HasPrefix(r.URL.Path, "/ims/") {
		w.Header().Set("X-Debug-Id", f.store.NewDebugID())
		code := "not_found"
		if status == http.StatusMethodNotAllowed {
			code = "method_not_allowed"
		}
		fakestate.WriteJSON(w, status, map[string]string{"error": code, "error_description": text + ": " + r.Method + " " + r.URL.Path})
		return
	}
	f.store.WriteGatewayError(w, fakestate.GatewayError{ErrorCode: strconv.Itoa(status) + "000", Message: text})
}

// writeSpoiled writes a handler's recorded answer as a fault spoils it.
func writeSpoiled(w http.ResponseWriter, rec *httptest.ResponseRecorder, fault Fault) outcome {
	body := rec.Body.Bytes()
	full := len(body)
	switch {
	case fault.GarbleBody:
		body = append(slices.Clone(body[:full/2]), "\x00garbled"...)
	case fault.EmptyBody:
		body = nil
	case fault.TruncateBody:
		body = body[:full/2]
	}
	h := w.Header()
	for k, v := range rec.Header() {
		h[k] = slices.Clone(v)
	}
	if fault.TruncateBody {
		h.Set("Content-Length", strconv.Itoa(full))
	} else {
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body)
	if fault.TruncateBody {
		return truncated
	}
	return served
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// discardWriter is where a lost response goes.
type discardWriter struct{ h http.Header }

func (d discardWriter) Header() http.Header         { return d.h }
func (d discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d discardWriter) WriteHeader(int)             {}
