package adobetest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// ControlPrefix is the path prefix of the fake's control plane
// ([Fake.ControlHandler]). No Adobe API path begins with an underscore, so
// it never collides with one.
const ControlPrefix = "/_fake/"

// ControlRoutes documents the control plane's routes, one per line, for
// help texts (adobe-fake -h prints it).
const ControlRoutes = `GET    /_fake/                       this list, and the route patterns faults may name, as JSON
GET    /_fake/requests               the request log: [{method, host, path, route, status, time}]
DELETE /_fake/requests               empty the request log
GET    /_fake/faults                 the active faults
POST   /_fake/faults                 inject a fault: {route, times, latency, status, body, retry_after,
                                       drop, lose_response, garble_body, empty_body, truncate_body,
                                       response_latency}; durations as Go durations ("2s")
DELETE /_fake/faults                 clear every fault
POST   /_fake/product-profiles       the Admin Console step: create a product profile in the demo org,
                                       {name, product, permissions: {report_suites: {items|auto_include},
                                       metrics, dimensions, report_suite_tools, analytics_tools}} → 201
POST   /_fake/credentials/{clientId}/product-profiles
                                     attach a profile to a credential ("bootstrap" names the bootstrap
                                       one): {product_profile: "<id or name>"} → 200 with the credential
POST   /_fake/users                  add an Adobe ID user: {email, first_name, last_name, country, orgs} → 201
GET    /_fake/seed                   the state as a seed file (see WriteSeed)`

// ControlHandler returns the fake's control plane: the test powers of the
// Go API over plain HTTP, for tools that are not Go (adobe-fake serves it
// under [ControlPrefix]; see [ControlRoutes]). It lets a script read and
// reset the request log, inject and clear faults, play the person in the
// Admin Console (create a product profile with its Analytics permissions,
// attach it to a credential), add users and dump the state as a seed file.
// Requests to it are not logged and meet no faults. Answers are JSON;
// errors are {"error": "<message>"} with 400, 404 or 405.
//
// It grants anyone who reaches it full control of the fake: serve it only
// on loopback or when asked to.
func (f *Fake) ControlHandler() http.Handler {
	mux := http.NewServeMux()
	p := strings.TrimSuffix(ControlPrefix, "/")
	mux.HandleFunc("GET "+p+"/{$}", func(w http.ResponseWriter, _ *http.Request) {
		var routes []string
		for _, l := range strings.Split(ControlRoutes, "\n") {
			if !strings.HasPrefix(l, " ") {
				routes = append(routes, strings.Join(strings.Fields(l)[:2], " "))
			}
		}
		// fault_routes are the patterns a fault's route may name.
		fakestate.WriteJSON(w, http.StatusOK, map[string]any{"routes": routes, "fault_routes": append(f.router.Patterns(), "*")})
	})
	mux.HandleFunc("GET "+p+"/requests", func(w http.ResponseWriter, _ *http.Request) {
		out := []controlRequest{}
		for _, r := range f.Requests() {
			out = append(out, controlRequest{r.Method, r.Host, r.Path, r.Route, r.Status, r.Time.UTC().Format(time.RFC3339Nano)})
		}
		fakestate.WriteJSON(w, http.StatusOK, out)
	})
	mux.HandleFunc("DELETE "+p+"/requests", func(w http.ResponseWriter, _ *http.Request) {
		f.ResetRequests()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET "+p+"/faults", func(w http.ResponseWriter, _ *http.Request) {
		f.mu.Lock()
		out := []controlFault{}
		for _, af := range f.faults {
			cf := faultToControl(af.Fault)
			if af.left > 0 {
				cf.Times = af.left
			}
			out = append(out, cf)
		}
		f.mu.Unlock()
		fakestate.WriteJSON(w, http.StatusOK, out)
	})
	mux.HandleFunc("POST "+p+"/faults", func(w http.ResponseWriter, r *http.Request) {
		var cf controlFault
		if !controlDecode(w, r, &cf) {
			return
		}
		fault, err := cf.fault()
		if err == nil {
			err = f.InjectFault(fault)
		}
		if err != nil {
			controlError(w, http.StatusBadRequest, err)
			return
		}
		fakestate.WriteJSON(w, http.StatusCreated, faultToControl(fault))
	})
	mux.HandleFunc("DELETE "+p+"/faults", func(w http.ResponseWriter, _ *http.Request) {
		f.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST "+p+"/product-profiles", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Name        string                `json:"name"`
			Product     string                `json:"product"`
			Permissions fakestate.Permissions `json:"permissions"`
		}
		if !controlDecode(w, r, &body) {
			return
		}
		perms := profileFromState(fakestate.ProductProfile{Permissions: body.Permissions}).Permissions
		pp, err := f.CreateProductProfile(body.Product, body.Name, perms)
		if err != nil {
			controlError(w, http.StatusBadRequest, err)
			return
		}
		fakestate.WriteJSON(w, http.StatusCreated, profileJSON(pp))
	})
	mux.HandleFunc("POST "+p+"/credentials/{clientId}/product-profiles", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			ProductProfile string `json:"product_profile"`
		}
		if !controlDecode(w, r, &body) {
			return
		}
		id := r.PathValue("clientId")
		if id == fakestate.BootstrapAlias {
			id = f.bootstrap
		}
		c, ok := f.Credential(id)
		if !ok {
			controlError(w, http.StatusNotFound, fmt.Errorf("no credential %q", r.PathValue("clientId")))
			return
		}
		pid := body.ProductProfile
		if _, ok := f.ProductProfile(pid); !ok {
			pid = ""
			for _, pp := range f.store.ProductProfiles(c.OrgID) {
				if fakestate.SameName(pp.Name, body.ProductProfile) {
					pid = pp.ID
				}
			}
		}
		if pid == "" {
			controlError(w, http.StatusNotFound, fmt.Errorf("no product profile %q in org %s", body.ProductProfile, c.OrgID))
			return
		}
		if err := f.AttachProductProfile(id, pid); err != nil {
			controlError(w, http.StatusBadRequest, err)
			return
		}
		c, _ = f.Credential(id)
		fakestate.WriteJSON(w, http.StatusOK, map[string]any{"client_id": c.ClientID, "name": c.Name, "org_id": c.OrgID,
			"product_profiles": nonNil(c.ProductProfileIDs)})
	})
	mux.HandleFunc("POST "+p+"/users", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			ID        string   `json:"id"`
			Email     string   `json:"email"`
			FirstName string   `json:"first_name"`
			LastName  string   `json:"last_name"`
			Country   string   `json:"country"`
			Orgs      []string `json:"orgs"`
		}
		if !controlDecode(w, r, &body) {
			return
		}
		u, err := f.AddUser(User{ID: body.ID, Email: body.Email, FirstName: body.FirstName, LastName: body.LastName, Country: body.Country, OrgIDs: body.Orgs})
		if err != nil {
			controlError(w, http.StatusBadRequest, err)
			return
		}
		fakestate.WriteJSON(w, http.StatusCreated, map[string]any{"id": u.ID, "email": u.Email, "first_name": u.FirstName,
			"last_name": u.LastName, "country": u.Country, "orgs": nonNil(u.OrgIDs)})
	})
	mux.HandleFunc("GET "+p+"/seed", func(w http.ResponseWriter, _ *http.Request) {
		var buf bytes.Buffer
		if err := f.WriteSeed(&buf); err != nil {
			controlError(w, http.StatusInternalServerError, err)
			return
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		_, _ = w.Write(buf.Bytes())
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern == "" {
			status, msg := http.StatusNotFound, "no control route "+r.Method+" "+r.URL.Path+"; GET "+ControlPrefix+" lists them"
			alt := *r
			for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
				alt.Method = m
				if _, p := mux.Handler(&alt); p != "" {
					status = http.StatusMethodNotAllowed
				}
			}
			controlError(w, status, errors.New(msg))
			return
		}
		mux.ServeHTTP(w, r) // sets the path values
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// controlRequest is a request-log entry on the control plane.
type controlRequest struct {
	Method string `json:"method"`
	Host   string `json:"host"`
	Path   string `json:"path"`
	Route  string `json:"route"`
	Status int    `json:"status"`
	Time   string `json:"time"`
}

// controlFault is a [Fault] on the control plane, durations as Go duration
// strings.
type controlFault struct {
	Route           string `json:"route"`
	Times           int    `json:"times,omitempty"`
	Latency         string `json:"latency,omitempty"`
	Status          int    `json:"status,omitempty"`
	Body            string `json:"body,omitempty"`
	RetryAfter      string `json:"retry_after,omitempty"`
	Drop            bool   `json:"drop,omitempty"`
	LoseResponse    bool   `json:"lose_response,omitempty"`
	GarbleBody      bool   `json:"garble_body,omitempty"`
	EmptyBody       bool   `json:"empty_body,omitempty"`
	TruncateBody    bool   `json:"truncate_body,omitempty"`
	ResponseLatency string `json:"response_latency,omitempty"`
}

func (c controlFault) fault() (Fault, error) {
	dur := func(name, s string) (time.Duration, error) {
		if s == "" {
			return 0, nil
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", name, err)
		}
		return d, nil
	}
	lat, err := dur("latency", c.Latency)
	if err != nil {
		return Fault{}, err
	}
	rlat, err := dur("response_latency", c.ResponseLatency)
	if err != nil {
		return Fault{}, err
	}
	return Fault{Route: c.Route, Times: c.Times, Latency: lat, Status: c.Status, Body: c.Body, RetryAfter: c.RetryAfter,
		Drop: c.Drop, LoseResponse: c.LoseResponse, GarbleBody: c.GarbleBody, EmptyBody: c.EmptyBody,
		TruncateBody: c.TruncateBody, ResponseLatency: rlat}, nil
}

func faultToControl(f Fault) controlFault {
	d := func(x time.Duration) string {
		if x == 0 {
			return ""
		}
		return x.String()
	}
	return controlFault{Route: f.Route, Times: f.Times, Latency: d(f.Latency), Status: f.Status, Body: f.Body, RetryAfter: f.RetryAfter,
		Drop: f.Drop, LoseResponse: f.LoseResponse, GarbleBody: f.GarbleBody, EmptyBody: f.EmptyBody,
		TruncateBody: f.TruncateBody, ResponseLatency: d(f.ResponseLatency)}
}

func profileJSON(p ProductProfile) map[string]any {
	return map[string]any{"id": p.ID, "org_id": p.OrgID, "name": p.Name, "product_name": p.ProductName,
		"permissions": profileToState(p).Permissions}
}

// controlDecode reads a JSON body (at most 1 MiB, unknown fields refused).
func controlDecode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		controlError(w, http.StatusBadRequest, fmt.Errorf("the body is not the expected JSON object: %w", err))
		return false
	}
	return true
}

func controlError(w http.ResponseWriter, status int, err error) {
	fakestate.WriteJSON(w, status, map[string]string{"error": err.Error()})
}
