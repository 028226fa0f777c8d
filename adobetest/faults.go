package adobetest

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// Fault is a failure to inject into matching requests, for tests of retry
// logic. At most one of Drop, Status, LoseResponse, GarbleBody, EmptyBody and
// TruncateBody may be set; Latency may be combined with any of them or used
// alone, and ResponseLatency with any of them but Drop and LoseResponse, or
// alone.
//
// The kinds split by whether the request is applied. Drop and Status never
// run the handler (no state changes). LoseResponse, GarbleBody, EmptyBody,
// TruncateBody and ResponseLatency run it (a create is made) and then spoil
// the answer, as when Adobe applied a write whose answer never arrived
// intact: exactly the cases in which a client must look before it retries.
type Fault struct {
	// Route is the mux pattern the fault applies to, such as
	// "POST /ims/token/v3", or "*" for every request.
	Route string
	// Times is how many matching requests the fault affects; 0 means every
	// one until ClearFaults.
	Times int
	// Latency delays the request before anything else happens. The delay
	// ends early if the request's context is done (the client then gets the
	// context's error). It uses the runtime's timers, so testing/synctest
	// fake clocks apply to the in-process Transport.
	Latency time.Duration
	// Status answers with this status instead of running the handler.
	Status int
	// Body is the response body for Status. The default is Adobe's body for
	// the status: for 429 the gateway's
	// {"error_code":"429050","message":"Too many requests"}, for 5xx on /ims/
	// routes {"error":"internal_error","error_description":"Please try again later"},
	// otherwise a gateway body {"error_code":"<status>000","message":<status text>}
	// (401 → 401013, 403 → 403003 as in Adobe's catalogue).
	Body string
	// RetryAfter, if set, is sent as the Retry-After header with Status.
	RetryAfter string
	// Drop closes the connection before the request is handled: no state
	// changes and the client gets a connection error.
	Drop bool
	// LoseResponse handles the request (state changes) but the client gets a
	// connection error instead of the response.
	LoseResponse bool
	// GarbleBody handles the request (state changes) and answers with the
	// handler's status and headers but a body that is not JSON: the first
	// half of the real body followed by a NUL byte and "garbled".
	GarbleBody bool
	// EmptyBody handles the request (state changes) and answers with the
	// handler's status and headers but an empty body (Content-Length: 0),
	// such as a 200 with nothing in it where JSON was due.
	EmptyBody bool
	// TruncateBody handles the request (state changes) and answers with the
	// handler's status and headers, a Content-Length of the whole body, and
	// only its first half: over a [Server] the connection then closes, and
	// through [Fake.Transport] reading the body fails with
	// [io.ErrUnexpectedEOF] after the first half.
	TruncateBody bool
	// ResponseLatency delays the answer after the handler ran (state
	// changes), for tests of a deadline that expires after Adobe applied a
	// write. The delay ends early if the request's context is done: the
	// client then gets the context's error and the write stays applied. It
	// uses the runtime's timers, so testing/synctest fake clocks apply to
	// the in-process Transport.
	ResponseLatency time.Duration
}

// spoils reports whether the fault runs the handler and then changes its
// answer.
func (f Fault) spoils() bool {
	return f.GarbleBody || f.EmptyBody || f.TruncateBody || f.ResponseLatency > 0
}

// Errors returned by the in-process [Fake.Transport] for injected faults.
// Over a [Server] the client sees a real connection error (such as EOF)
// instead.
var (
	ErrConnectionDropped = errors.New("adobetest: connection dropped before the request was handled (injected fault)")
	ErrResponseLost      = errors.New("adobetest: connection lost after the request was handled (injected fault)")
)

type activeFault struct {
	Fault
	left int // remaining uses; -1 = forever
}

// InjectFault adds a fault. Faults are tried in the order they were added;
// the first one whose Route matches a request applies to it (and uses up one
// of its Times). It returns an error for an unknown route or an invalid
// combination.
func (f *Fake) InjectFault(fault Fault) error {
	n := 0
	for _, b := range []bool{fault.Drop, fault.Status != 0, fault.LoseResponse, fault.GarbleBody, fault.EmptyBody, fault.TruncateBody} {
		if b {
			n++
		}
	}
	switch {
	case fault.Route != "*" && !f.router.HasPattern(fault.Route):
		return fmt.Errorf("adobetest: InjectFault: unknown route %q (want a registered pattern or \"*\")", fault.Route)
	case fault.Times < 0 || fault.Latency < 0 || fault.ResponseLatency < 0:
		return errors.New("adobetest: InjectFault: negative Times, Latency or ResponseLatency")
	case fault.Status != 0 && (fault.Status < 200 || fault.Status > 599):
		return fmt.Errorf("adobetest: InjectFault: invalid Status %d", fault.Status)
	case n > 1:
		return errors.New("adobetest: InjectFault: set only one of Drop, Status, LoseResponse, GarbleBody, EmptyBody and TruncateBody")
	case fault.ResponseLatency > 0 && (fault.Drop || fault.LoseResponse):
		return errors.New("adobetest: InjectFault: ResponseLatency cannot delay an answer that Drop or LoseResponse never sends")
	case n == 0 && fault.Latency == 0 && fault.ResponseLatency == 0:
		return errors.New("adobetest: InjectFault: the fault does nothing")
	case (fault.Body != "" || fault.RetryAfter != "") && fault.Status == 0:
		return errors.New("adobetest: InjectFault: Body and RetryAfter need Status")
	}
	left := fault.Times
	if left == 0 {
		left = -1
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults = append(f.faults, &activeFault{Fault: fault, left: left})
	return nil
}

// ClearFaults removes every fault.
func (f *Fake) ClearFaults() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults = nil
}

// takeFault returns the fault that applies to a request on route, using it up.
func (f *Fake) takeFault(route string) (Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, af := range f.faults {
		if af.Route != "*" && af.Route != route {
			continue
		}
		if af.left > 0 {
			af.left--
			if af.left == 0 {
				f.faults = append(f.faults[:i:i], f.faults[i+1:]...)
			}
		}
		return af.Fault, true
	}
	return Fault{}, false
}

// writeFault answers with a fault's status.
func (f *Fake) writeFault(w http.ResponseWriter, route string, fault Fault) {
	ims := strings.Contains(route, " /ims/")
	if ims {
		w.Header().Set("X-Debug-Id", f.store.NewDebugID())
	} else {
		w.Header().Set("X-Request-Id", f.store.NewDebugID())
	}
	if fault.RetryAfter != "" {
		w.Header().Set("Retry-After", fault.RetryAfter)
	}
	if fault.Body != "" {
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(fault.Status)
		_, _ = w.Write([]byte(fault.Body))
		return
	}
	fakestate.WriteJSON(w, fault.Status, defaultFaultBody(fault.Status, ims))
}

func defaultFaultBody(status int, ims bool) any {
	switch {
	case status == http.StatusTooManyRequests:
		return fakestate.ErrTooManyRequests
	case ims && status >= 500:
		return map[string]string{"error": "internal_error", "error_description": "Please try again later"}
	case status == http.StatusUnauthorized:
		return fakestate.ErrTokenInvalid
	case status == http.StatusForbidden:
		return fakestate.ErrAPIKeyInvalid
	}
	return fakestate.GatewayError{ErrorCode: fmt.Sprintf("%d000", status), Message: http.StatusText(status)}
}
