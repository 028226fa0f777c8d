package campaign

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/auth"
)

// FleetOp is what a fleet run does for each organization.
type FleetOp string

// Fleet operations.
const (
	FleetProvision FleetOp = "provision"
	FleetDiagnose  FleetOp = "diagnose"
)

// FleetOrg is one organization of a fleet run.
type FleetOrg struct {
	// Name labels the organization in the report and the progress.
	Name string `json:"name"`
	// Spec is its connector.
	Spec ConnectorSpec `json:"spec"`
	// Config is its OAuth Server-to-Server credential; Credentials, when
	// Config is nil, is called to build one (for example from a vault) when
	// the organization's turn comes.
	Config      *auth.Config                                    `json:"-"`
	Credentials func(ctx context.Context) (*auth.Config, error) `json:"-"`
	// Options are this organization's own options, after the fleet's.
	Options []Option `json:"-"`
}

// OrgStatus is where one organization of a fleet stands.
type OrgStatus string

// Organization statuses.
const (
	// OrgDone: provisioned (or, for a diagnosis, no check failed).
	OrgDone OrgStatus = "done"
	// OrgManual: waiting for a manual step (the Admin Console profile).
	OrgManual OrgStatus = "manual"
	// OrgCustomerCare: Adobe runs the instance; the request is prepared.
	OrgCustomerCare OrgStatus = "customer-care"
	// OrgFailed: an error or a failed check; Error or Findings say which.
	OrgFailed OrgStatus = "failed"
	// OrgResumed: done in the run being resumed; not run again.
	OrgResumed OrgStatus = "resumed"
)

// OrgReport is one organization's part of a fleet report.
type OrgReport struct {
	Name   string    `json:"name"`
	OrgID  string    `json:"org_id"`
	Status OrgStatus `json:"status"`
	// Done lists this run's writes; Left the checklist items still to do
	// (manual, pending or blocked), with their status.
	Done []string `json:"done,omitempty"`
	Left []string `json:"left,omitempty"`
	// Manual holds the rendered manual steps still pending (Markdown).
	Manual string `json:"manual,omitempty"`
	// Error is the run's error, if any.
	Error string `json:"error,omitempty"`
	// Fail and Warn count a diagnosis's findings; Findings lists the
	// failed and warned ones.
	Fail     int       `json:"fail,omitempty"`
	Warn     int       `json:"warn,omitempty"`
	Findings []Finding `json:"findings,omitempty"`
	// Seconds is how long the organization's run took.
	Seconds float64 `json:"seconds"`
}

// FleetReport is the report of a fleet run.
type FleetReport struct {
	Op      FleetOp     `json:"op"`
	Started time.Time   `json:"started"`
	Seconds float64     `json:"seconds"`
	Orgs    []OrgReport `json:"orgs"`
}

// Count returns how many organizations have the status.
func (r *FleetReport) Count(s OrgStatus) int {
	n := 0
	for _, o := range r.Orgs {
		if o.Status == s {
			n++
		}
	}
	return n
}

// JSON writes the report as indented JSON; feed it back with
// WithFleetResume to resume.
func (r *FleetReport) JSON(w io.Writer) error {
	return writeJSON(w, r)
}

// ParseFleetReport reads a report written by JSON.
func ParseFleetReport(b []byte) (*FleetReport, error) {
	var r FleetReport
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, &adobe.ArgError{Arg: "fleet report", Reason: err.Error()}
	}
	return &r, nil
}

// Markdown writes the report: one row per organization, then each
// organization's pending manual steps and failures.
func (r *FleetReport) Markdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Fleet %s: %d organizations in %.1f s\n\n", r.Op, len(r.Orgs), r.Seconds)
	for _, s := range []OrgStatus{OrgDone, OrgResumed, OrgManual, OrgCustomerCare, OrgFailed} {
		if n := r.Count(s); n > 0 {
			fmt.Fprintf(&b, "- %s: %d\n", s, n)
		}
	}
	b.WriteString("\n| Organization | Org id | Status | Done | Left | Error |\n|---|---|---|---|---|---|\n")
	for _, o := range r.Orgs {
		errText := o.Error
		if r.Op == FleetDiagnose && o.Error == "" {
			errText = fmt.Sprintf("%d fail, %d warn", o.Fail, o.Warn)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %s | %s |\n", mdCell(o.Name), o.OrgID, o.Status, len(o.Done), mdCell(strings.Join(o.Left, "; ")), mdCell(errText))
	}
	for _, o := range r.Orgs {
		if o.Manual == "" && len(o.Findings) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s\n\n", o.Name)
		for _, f := range o.Findings {
			fmt.Fprintf(&b, "- %s %s: %s. %s\n", f.Status, f.Check, f.Evidence, f.Remedy)
		}
		if o.Manual != "" {
			b.WriteString(o.Manual + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// FleetEvent is a progress report of a fleet run: an organization's event,
// or (Step "fleet") an organization starting or ending.
type FleetEvent struct {
	Org string
	Event
}

// FleetOption changes a fleet run.
type FleetOption func(*fleetOptions) error

type fleetOptions struct {
	concurrency int
	progress    func(FleetEvent)
	resume      *FleetReport
	opts        []Option
}

// WithFleetConcurrency runs at most n organizations at once (default 8).
// Each organization stays within its own Adobe budgets (Analytics' 12
// requests per 6 s per Developer Console project, the User Management API's
// per-client limits): the limiters are shared per project and per client
// across the run.
func WithFleetConcurrency(n int) FleetOption {
	return func(o *fleetOptions) error {
		if n < 1 {
			return &adobe.ArgError{Arg: "WithFleetConcurrency", Reason: "n must be at least 1"}
		}
		o.concurrency = n
		return nil
	}
}

// WithFleetProgress calls fn for every event of every organization (from
// several goroutines: fn must be safe for concurrent use).
func WithFleetProgress(fn func(FleetEvent)) FleetOption {
	return func(o *fleetOptions) error { o.progress = fn; return nil }
}

// WithFleetResume skips the organizations that prev reports done (matched
// by org id and name), carrying their rows as resumed. Everything else runs
// again, and converges: a re-run writes only what is missing.
func WithFleetResume(prev *FleetReport) FleetOption {
	return func(o *fleetOptions) error { o.resume = prev; return nil }
}

// WithFleetOptions applies options to every organization's run.
func WithFleetOptions(opts ...Option) FleetOption {
	return func(o *fleetOptions) error { o.opts = append(o.opts, opts...); return nil }
}

// RunFleet provisions or diagnoses the connector of many organizations
// concurrently. One organization's failure never stops the others: it is
// its row of the report. Every spec is validated before any request: an
// invalid one is that organization's failure, and sends nothing. Entries of
// one IMS organization (a production and a stage instance, say) run one
// after the other, as their Ensures share the org's names. The error is for
// the run itself (invalid options, duplicate entries); the context ending
// stops the organizations still running, which the report then shows as
// failed with the context's error, ready to resume.
func RunFleet(ctx context.Context, op FleetOp, orgs []FleetOrg, opts ...FleetOption) (*FleetReport, error) {
	fo := &fleetOptions{concurrency: 8}
	for _, fn := range opts {
		if fn == nil {
			continue
		}
		if err := fn(fo); err != nil {
			return nil, err
		}
	}
	if op != FleetProvision && op != FleetDiagnose {
		return nil, &adobe.ArgError{Arg: "op", Reason: fmt.Sprintf("%q is neither provision nor diagnose", op)}
	}
	seen := map[string]bool{}
	for i, o := range orgs {
		key := o.Name + "\x00" + o.Spec.OrgID
		if seen[key] {
			return nil, &adobe.ArgError{Arg: fmt.Sprintf("orgs[%d]", i), Reason: fmt.Sprintf("%q (%s) is listed twice", o.Name, o.Spec.OrgID)}
		}
		seen[key] = true
		if o.Config == nil && o.Credentials == nil {
			return nil, &adobe.ArgError{Arg: fmt.Sprintf("orgs[%d]", i), Reason: fmt.Sprintf("%q has neither Config nor Credentials", o.Name)}
		}
	}
	done := map[string]OrgReport{}
	if fo.resume != nil {
		for _, r := range fo.resume.Orgs {
			if r.Status == OrgDone || r.Status == OrgResumed {
				done[r.Name+"\x00"+r.OrgID] = r
			}
		}
	}
	rep := &FleetReport{Op: op, Started: time.Now(), Orgs: make([]OrgReport, len(orgs))}
	var mu sync.Mutex
	emit := func(org string, e Event) {
		if fo.progress != nil {
			mu.Lock()
			defer mu.Unlock()
			fo.progress(FleetEvent{Org: org, Event: e})
		}
	}
	// One lock per IMS org: its entries run one after the other.
	orgLocks := map[string]*sync.Mutex{}
	for _, o := range orgs {
		if orgLocks[o.Spec.OrgID] == nil {
			orgLocks[o.Spec.OrgID] = new(sync.Mutex)
		}
	}
	g := new(errgroup.Group)
	g.SetLimit(fo.concurrency)
	for i, o := range orgs {
		if prev, ok := done[o.Name+"\x00"+o.Spec.OrgID]; ok {
			prev.Status, prev.Done = OrgResumed, nil
			rep.Orgs[i] = prev
			emit(o.Name, Event{Step: "fleet", Kind: StepSkipped, Message: "done in the resumed run"})
			continue
		}
		if err := o.Spec.Validate(); err != nil {
			rep.Orgs[i] = OrgReport{Name: o.Name, OrgID: o.Spec.OrgID, Status: OrgFailed, Error: err.Error()}
			emit(o.Name, Event{Step: "fleet", Kind: StepFailed, Message: err.Error()})
			continue
		}
		g.Go(func() error {
			mu := orgLocks[o.Spec.OrgID]
			mu.Lock()
			defer mu.Unlock()
			rep.Orgs[i] = runOrg(ctx, op, o, fo, func(e Event) { emit(o.Name, e) })
			return nil
		})
	}
	_ = g.Wait()
	rep.Seconds = time.Since(rep.Started).Seconds()
	return rep, nil
}

func runOrg(ctx context.Context, op FleetOp, o FleetOrg, fo *fleetOptions, emit func(Event)) (out OrgReport) {
	start := time.Now()
	out = OrgReport{Name: o.Name, OrgID: o.Spec.OrgID}
	defer func() { out.Seconds = time.Since(start).Seconds() }()
	emit(Event{Step: "fleet", Kind: StepStarted, Message: string(op)})
	fail := func(err error) OrgReport {
		out.Status, out.Error = OrgFailed, err.Error()
		emit(Event{Step: "fleet", Kind: StepFailed, Message: err.Error()})
		return out
	}
	cfg := o.Config
	if cfg == nil {
		var err error
		if cfg, err = o.Credentials(ctx); err != nil {
			return fail(fmt.Errorf("credentials: %w", err))
		}
	}
	opts := append(append(append([]Option{}, fo.opts...), o.Options...), WithProgress(emit))
	if op == FleetDiagnose {
		d, err := DiagnoseConnector(ctx, cfg, o.Spec, opts...)
		if err != nil {
			return fail(err)
		}
		out.Fail, out.Warn = d.Count(Fail), d.Count(Warn)
		for _, f := range d.Findings {
			if f.Status == Fail || f.Status == Warn {
				out.Findings = append(out.Findings, f)
			}
		}
		out.Status = OrgDone
		if !d.OK() {
			out.Status = OrgFailed
		}
		emit(Event{Step: "fleet", Kind: StepFinished, Message: string(out.Status)})
		return out
	}
	res, err := ProvisionConnector(ctx, cfg, o.Spec, opts...)
	if res != nil {
		for _, c := range res.Changes {
			out.Done = append(out.Done, c.What)
		}
		for _, it := range res.Checklist {
			if it.Status == Manual || it.Status == Pending || it.Status == Blocked {
				out.Left = append(out.Left, it.ID+" ("+string(it.Status)+")")
			}
		}
	}
	var manual *adminconsole.ManualStepRequired
	var cc *CustomerCareRequired
	switch {
	case errors.As(err, &manual):
		out.Status, out.Manual = OrgManual, manual.Markdown()
		if manual.Task == adminconsole.TaskCreateProductProfile {
			out.Error = fmt.Sprintf("manual step: create the product profile %q in the Admin Console (steps below), then run again or resume", manual.Profile.Name)
		} else {
			out.Error = fmt.Sprintf("manual step (%s): %s; see the steps below, then run again or resume", manual.Task, manual.Reason)
		}
	case errors.As(err, &cc):
		out.Status, out.Manual = OrgCustomerCare, "Request to Adobe Customer Care:\n\n"+cc.Request.Body
	case err != nil:
		return fail(err)
	default:
		out.Status = OrgDone
	}
	emit(Event{Step: "fleet", Kind: StepFinished, Message: string(out.Status)})
	return out
}
