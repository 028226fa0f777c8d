package analytics

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// ComponentReport is what VerifyComponents found: which of the wanted
// dimensions (eVars) and metrics (events) the credential can see in a report
// suite. Adobe silently omits components the credential's product profiles
// do not grant, so a missing item means the suite lacks it or the profile
// does not include it.
type ComponentReport struct {
	RSID string
	// SuiteVisible is false when the credential cannot see the suite at
	// all (the profile's Report Suites section lacks it, or it does not
	// exist); nothing else was checked then.
	SuiteVisible bool
	Dimensions   []DimensionCheck
	Metrics      []MetricCheck
}

// DimensionCheck is the outcome for one wanted dimension.
type DimensionCheck struct {
	// ID is the dimension id, "variables/evarN" for eVars.
	ID    string
	Found bool
	// IsEVar, and for found eVars Text (dataType "text", what Campaign
	// needs for cid and bid).
	IsEVar bool
	Text   bool
	// Dimension is what Adobe returned (nil when not found), with the
	// eVar settings (allocation, expiration, ...).
	Dimension *Dimension
}

// MetricCheck is the outcome for one wanted metric.
type MetricCheck struct {
	ID     string // "metrics/eventN" for events
	Found  bool
	Metric *Metric
}

// OK reports whether every wanted item is visible and every wanted eVar is
// a text eVar.
func (r *ComponentReport) OK() bool {
	if !r.SuiteVisible {
		return false
	}
	for _, d := range r.Dimensions {
		if !d.Found || (d.IsEVar && !d.Text) {
			return false
		}
	}
	for _, m := range r.Metrics {
		if !m.Found {
			return false
		}
	}
	return true
}

// Missing returns the ids of the wanted dimensions and metrics that are not
// visible.
func (r *ComponentReport) Missing() []string {
	var out []string
	for _, d := range r.Dimensions {
		if !d.Found {
			out = append(out, d.ID)
		}
	}
	for _, m := range r.Metrics {
		if !m.Found {
			out = append(out, m.ID)
		}
	}
	return out
}

// Instructions says, in words, what an administrator must do to fix the
// report (the 2.0 API cannot make these changes itself).
func (r *ComponentReport) Instructions() []string {
	if !r.SuiteVisible {
		return []string{fmt.Sprintf("Report suite %q is not visible to this credential: create it (ReportSuites.Create) or add it "+
			"to the Report Suites section of the credential's Analytics product profile in the Admin Console.", r.RSID)}
	}
	var out []string
	for _, d := range r.Dimensions {
		switch {
		case !d.Found && d.IsEVar:
			n, _ := ParseEVarID(d.ID)
			out = append(out, fmt.Sprintf("eVar%d is not visible in %s: enable it in Analytics (Admin > Report Suites > Edit Settings > Conversion > "+
				"Conversion Variables) and add \"Custom Conversion %d\" (or auto-include) to the Dimensions of the credential's product profile.", n, r.RSID, n))
		case !d.Found:
			out = append(out, fmt.Sprintf("Dimension %s is not visible in %s: add it to the Dimensions of the credential's product profile.", d.ID, r.RSID))
		case d.IsEVar && !d.Text:
			out = append(out, fmt.Sprintf("%s has dataType %q; Campaign needs a text eVar: change its type in the Analytics UI.", d.ID, d.Dimension.DataType))
		}
	}
	for _, m := range r.Metrics {
		if m.Found {
			continue
		}
		if n, ok := ParseEventID(m.ID); ok {
			out = append(out, fmt.Sprintf("event%d is not visible in %s: create it as a numeric success event (Admin > Report Suites > Edit Settings > "+
				"Conversion > Success Events) and add \"Custom Event %d\" (or auto-include) to the Metrics of the credential's product profile.", n, r.RSID, n))
			continue
		}
		out = append(out, fmt.Sprintf("Metric %s is not visible in %s: add it to the Metrics of the credential's product profile.", m.ID, r.RSID))
	}
	return out
}

// normDimension turns "evar5", "eVar5" or "variables/evar5" into
// "variables/evar5" and leaves other ids with a "variables/" prefix.
func normDimension(id string) string {
	id = strings.TrimSpace(id)
	if n, ok := ParseEVarID(strings.ToLower(id)); ok {
		return EVarID(n)
	}
	if !strings.Contains(id, "/") {
		return "variables/" + id
	}
	return id
}

func normMetric(id string) string {
	id = strings.TrimSpace(id)
	if n, ok := ParseEventID(strings.ToLower(id)); ok {
		return EventID(n)
	}
	if !strings.Contains(id, "/") {
		return "metrics/" + id
	}
	return id
}

// VerifyComponents reports which of the wanted dimensions (e.g. "evar5",
// "variables/evar5") and metrics (e.g. "event12", "metrics/event12") the
// current credential can see in report suite rsid, and whether the wanted
// eVars are text eVars. It makes at most three calls and changes nothing.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/dimensions/
// and https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/metrics/
//
// API: GET /api/{globalCompanyId}/reportsuites/collections/suites?rsids={rsid};
// GET /api/{globalCompanyId}/dimensions?rsid={rsid}&expansion=dataType,allocationType,... (when
// dimensions are wanted); GET /api/{globalCompanyId}/metrics?rsid={rsid} (when metrics are wanted)
func (c *Client) VerifyComponents(ctx context.Context, rsid string, wantDimensions, wantMetrics []string, reqOpts ...adobe.RequestOption) (*ComponentReport, error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return nil, err
	}
	if len(wantDimensions)+len(wantMetrics) == 0 {
		return nil, core.NewArgError("wantDimensions, wantMetrics", "name at least one component")
	}
	for i, d := range wantDimensions {
		if err := checkComponentID(fmt.Sprintf("wantDimensions[%d]", i), d); err != nil {
			return nil, err
		}
	}
	for i, m := range wantMetrics {
		if err := checkComponentID(fmt.Sprintf("wantMetrics[%d]", i), m); err != nil {
			return nil, err
		}
	}
	rep := &ComponentReport{RSID: rsid}
	for _, d := range wantDimensions {
		id := normDimension(d)
		_, isEVar := ParseEVarID(id)
		rep.Dimensions = append(rep.Dimensions, DimensionCheck{ID: id, IsEVar: isEVar})
	}
	for _, m := range wantMetrics {
		rep.Metrics = append(rep.Metrics, MetricCheck{ID: normMetric(m)})
	}
	// The suite, dimension and metric listings are independent: fetch them
	// side by side. Listings of a suite the credential cannot see fail;
	// only the suite's visibility counts then.
	var suites []ReportSuite
	var dims []Dimension
	var mets []Metric
	var suiteErr, dimErr, metErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		suites, _, suiteErr = c.ReportSuites.List(ctx, &ReportSuiteListOptions{RSIDs: []string{rsid}}, reqOpts...)
	})
	if len(rep.Dimensions) > 0 {
		wg.Go(func() {
			dims, _, dimErr = c.Dimensions.List(ctx, rsid, &DimensionListOptions{Expansion: EVarExpansions}, reqOpts...)
		})
	}
	if len(rep.Metrics) > 0 {
		wg.Go(func() { mets, _, metErr = c.Metrics.List(ctx, rsid, nil, reqOpts...) })
	}
	wg.Wait()
	if suiteErr != nil {
		return nil, suiteErr
	}
	rep.SuiteVisible = slices.ContainsFunc(suites, func(s ReportSuite) bool { return s.RSID == rsid })
	if !rep.SuiteVisible {
		return rep, nil
	}
	if err := errors.Join(dimErr, metErr); err != nil {
		return nil, err
	}
	for i := range rep.Dimensions {
		chk := &rep.Dimensions[i]
		for _, d := range dims {
			if strings.EqualFold(d.ID, chk.ID) {
				chk.Found, chk.Dimension, chk.Text = true, &d, d.IsText()
				break
			}
		}
	}
	for i := range rep.Metrics {
		chk := &rep.Metrics[i]
		for _, m := range mets {
			if strings.EqualFold(m.ID, chk.ID) {
				chk.Found, chk.Metric = true, &m
				break
			}
		}
	}
	return rep, nil
}

// ProbeResult is the outcome of one permission probe.
type ProbeResult string

// Probe outcomes.
const (
	// Granted: the call succeeded, which evidences the permission.
	Granted ProbeResult = "granted"
	// Denied: Adobe answered 403 (or 401 for a component outside the
	// profile).
	Denied ProbeResult = "denied"
	// Inconclusive: the call failed for another reason (see Err).
	Inconclusive ProbeResult = "inconclusive"
	// NotProbed: the permission cannot be observed through the API without
	// a lasting change.
	NotProbed ProbeResult = "not probed"
)

// Probe is one Admin Console permission and what the API showed about it.
type Probe struct {
	// Section and Permission name the Admin Console item (Analytics
	// reference spelling), e.g. "Report Suite Tools" / "Classifications".
	Section, Permission string
	// Call is the request that evidences it ("" when not probed).
	Call   string
	Result ProbeResult
	// Note explains an inconclusive or unprobed permission.
	Note string
	// Err is the error of a denied or inconclusive probe.
	Err error
}

// PermissionsNotProbed are the permissions the Campaign connector needs
// that no Analytics 2.0 call can observe without a lasting change.
var PermissionsNotProbed = []Probe{
	{Section: "Report Suite Tools", Permission: "Report Suite Mgmt", Result: NotProbed, Note: "only creating a report suite (ReportSuites.Create) would show it: a lasting change"},
	{Section: "Report Suite Tools", Permission: "Conversion Variables", Result: NotProbed, Note: "eVars cannot be edited through the 2.0 API"},
	{Section: "Report Suite Tools", Permission: "Success Events", Result: NotProbed, Note: "success events cannot be edited through the 2.0 API"},
	{Section: "Report Suite Tools", Permission: "Custom Data Warehouse Report", Result: NotProbed, Note: "only a Data Warehouse request would show it: a lasting change"},
	{Section: "Analytics Tools", Permission: "Code Manager - Web Services", Result: NotProbed, Note: "a 1.4 API permission; the 1.4 API is retired"},
	{Section: "Analytics Tools", Permission: "Logs - Web Services", Result: NotProbed, Note: "a 1.4 API permission; the 1.4 API is retired"},
	{Section: "Analytics Tools", Permission: "Web Services", Result: NotProbed, Note: "a 1.4 API permission; the 1.4 API is retired"},
}

// ProbePermissions runs the probes that observe, without lasting changes,
// the Admin Console permissions the Campaign connector needs: every probe
// says which permission its call evidences. A successful call is evidence,
// not proof (Adobe does not document which permission each endpoint
// checks); permissions with no observable probe are appended as
// NotProbed (see PermissionsNotProbed). A probe whose call fails for
// another reason (e.g. network) is Inconclusive; ProbePermissions itself
// fails only on invalid arguments or when the client has no company. It
// creates nothing: the validate calls only check definitions.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/
// (users, report-suites, classifications, data-sources, segments/validate, calculatedmetrics/validate)
//
// API: GET /api/{globalCompanyId}/users/me;
// GET /api/{globalCompanyId}/reportsuites/collections/suites?rsids={rsid};
// GET /api/{globalCompanyId}/classifications/datasets/compatibilityMetrics/{rsid};
// GET /api/{globalCompanyId}/datasources/account/{rsid};
// POST /api/{globalCompanyId}/segments/validate?rsid={rsid};
// POST /api/{globalCompanyId}/calculatedmetrics/validate
func (c *Client) ProbePermissions(ctx context.Context, rsid string, reqOpts ...adobe.RequestOption) ([]Probe, error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return nil, err
	}
	if c.company == "" {
		return nil, errNoCompany
	}
	run := func(section, perm, call string, f func() error) Probe {
		p := Probe{Section: section, Permission: perm, Call: call}
		err := f()
		p.Err = err
		var ae *adobe.Error
		switch {
		case err == nil:
			p.Result = Granted
		case errors.Is(err, ErrProfileNotValid):
			p.Result, p.Note = Denied, "the credential has no Analytics product profile (or it has not propagated)"
		case errors.As(err, &ae) && (ae.StatusCode == http.StatusForbidden || ae.StatusCode == http.StatusUnauthorized):
			p.Result = Denied
		default:
			p.Result, p.Note = Inconclusive, "the call failed for a reason unrelated to permissions"
		}
		return p
	}
	calls := []struct {
		section, perm, call string
		f                   func() error
	}{
		{"Analytics Tools", "Web Service Access", "GET /users/me", func() error {
			_, _, err := c.Users.Me(ctx, reqOpts...)
			return err
		}},
		{"Report Suites", rsid, "GET /reportsuites/collections/suites?rsids=" + rsid, func() error {
			got, _, err := c.ReportSuites.List(ctx, &ReportSuiteListOptions{RSIDs: []string{rsid}}, reqOpts...)
			if err == nil && !slices.ContainsFunc(got, func(s ReportSuite) bool { return s.RSID == rsid }) {
				return &adobe.Error{StatusCode: http.StatusForbidden, Message: "report suite not visible to the credential"}
			}
			return err
		}},
		{"Report Suite Tools", "Classifications", "GET /" + c.classPrefix + "/datasets/compatibilityMetrics/" + rsid, func() error {
			_, _, err := c.Classifications.Datasets(ctx, rsid, reqOpts...)
			return err
		}},
		{"Report Suite Tools", "Data Sources Manager", "GET /datasources/account/" + rsid, func() error {
			_, _, err := c.DataSources.ListAccounts(ctx, rsid, reqOpts...)
			return err
		}},
		{"Analytics Tools", "Segment Creation", "POST /segments/validate?rsid=" + rsid, func() error {
			_, _, err := c.Segments.Validate(ctx, rsid, probeSegment, reqOpts...)
			return err
		}},
		{"Analytics Tools", "Calculated Metric Creation", "POST /calculatedmetrics/validate", func() error {
			_, _, err := c.CalculatedMetrics.Validate(ctx, rsid, probeCalculatedMetric, reqOpts...)
			return err
		}},
	}
	// The probes are independent: they run side by side (the client's
	// limiter still keeps them inside Analytics' budget).
	probes := make([]Probe, len(calls))
	var wg sync.WaitGroup
	for i, pc := range calls {
		wg.Go(func() { probes[i] = run(pc.section, pc.perm, pc.call, pc.f) })
	}
	wg.Wait()
	return append(probes, PermissionsNotProbed...), nil
}

// Minimal definitions used by the validate probes (they create nothing).
var (
	probeSegment = json.RawMessage(`{"func":"segment","version":[1,0,0],"container":{"func":"container","context":"hits",` +
		`"pred":{"func":"exists","val":{"func":"attr","name":"variables/page"}}}}`)
	probeCalculatedMetric = json.RawMessage(`{"func":"calc-metric","version":[1,0,0],"formula":{"func":"divide",` +
		`"col1":{"func":"metric","name":"metrics/pageviews"},"col2":{"func":"metric","name":"metrics/visits"}}}`)
)

// ClassificationCheck is whether the campaign-ID eVar has a classification
// set, as Campaign's Analytics 2.0 mode requires.
type ClassificationCheck struct {
	RSID string
	// EVar is the campaign-ID (cid) eVar, "variables/evarN".
	EVar string
	// DatasetIDs are the sets that classify the eVar in this suite.
	DatasetIDs []string
	// Subscribed is the first set whose subscriptions include the suite
	// and the eVar (nil when none).
	Subscribed *Dataset
	// Instruction says what to do when Subscribed is nil.
	Instruction string
	// Note: the set's type (Campaign requires "Primary") is not visible in
	// the API; confirm it in the UI.
	Note string
}

// OK reports whether a subscribed classification set was found.
func (c *ClassificationCheck) OK() bool { return c.Subscribed != nil }

// CheckCampaignClassification reports whether the campaign-ID eVar (cidEVar,
// e.g. 5 for eVar5) of report suite rsid has a classification set subscribed
// to the suite and that eVar. No API creates a set: when none exists the
// result's Instruction says how to create it in the Analytics UI.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/classifications/
//
// API: GET /api/{globalCompanyId}/classifications/datasets/compatibilityMetrics/{rsid},
// then GET /api/{globalCompanyId}/classifications/datasets/{dataset_id} for each set of the eVar
// until one is subscribed
func (c *Client) CheckCampaignClassification(ctx context.Context, rsid string, cidEVar int, reqOpts ...adobe.RequestOption) (*ClassificationCheck, error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return nil, err
	}
	if cidEVar < 1 || cidEVar > 250 {
		return nil, core.NewArgError("cidEVar", "%d is not an eVar number (1-250)", cidEVar)
	}
	chk := &ClassificationCheck{RSID: rsid, EVar: EVarID(cidEVar),
		Note: "the set's type (Campaign requires Primary) is not exposed by the API; confirm it in Components > Classification sets"}
	sets, _, err := c.Classifications.Datasets(ctx, rsid, reqOpts...)
	if err != nil {
		return nil, err
	}
	chk.DatasetIDs = sets.DatasetsFor(chk.EVar)
	for _, id := range chk.DatasetIDs {
		ds, _, err := c.Classifications.GetDataset(ctx, id, reqOpts...)
		if err != nil {
			return nil, err
		}
		if ds.Subscribes(rsid, chk.EVar) {
			chk.Subscribed = ds
			return chk, nil
		}
	}
	chk.Instruction = fmt.Sprintf("No classification set is subscribed to %s and eVar%d. Create one in Analytics: Components > "+
		"Classification sets > New, type Primary, add job-notification e-mails, and subscribe report suite %s with eVar%d. "+
		"The API cannot create classification sets.", rsid, cidEVar, rsid, cidEVar)
	return chk, nil
}

// WaitForProfile waits until the credential's Analytics product profile is
// effective (Adobe stops answering 403025 "Profile is not valid", which it
// does for minutes after a profile is attached), for at most maxWait (zero:
// until ctx ends), and returns what discovery then shows: the orgs and
// companies the credential can see, ready for [Discovery.FindCompany] or
// [Client.ForCompany].
//
//   - bound to a company, it polls GET /users/me until Adobe stops answering
//     403025, then asks GET /discovery/me once;
//   - without a company (the usual order: wait, then [Client.ForCompany]),
//     it polls GET /discovery/me until the answer lists at least one company
//     in the credential's IMS org (in any org when the configuration has
//     none). Discovery lists the companies of the credential's Analytics
//     profiles, so for a credential without one it can answer 200 with an
//     empty list rather than 403025: an empty list counts as "not yet", as
//     does a 403025.
//
// Polls back off from 2 s to 30 s; [adobe.WithWaitDelays] changes that and
// [adobe.WithWaitProgress] calls a function after every poll that did not
// end the wait. Running out of time is an *adobe.WaitTimeoutError that
// still matches context.DeadlineExceeded and, when the last poll saw the
// profile missing, [ErrProfileNotValid] (attach a product profile, or wait
// longer). Any other error ends the wait at once.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/users/
// and https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/discovery/
//
// API: GET /api/{globalCompanyId}/users/me, or GET https://analytics.adobe.io/discovery/me
// without a company, repeated; then GET https://analytics.adobe.io/discovery/me
func (c *Client) WaitForProfile(ctx context.Context, maxWait time.Duration, opts ...adobe.WaitOption) (*Discovery, error) {
	if maxWait < 0 {
		return nil, core.NewArgError("maxWait", "is %s; it may not be negative", maxWait)
	}
	what := "the credential's Analytics product profile"
	if c.company != "" {
		what += " (company " + c.company + ")"
	}
	var found *Discovery
	err := core.Wait(ctx, core.WaitSpec{What: what, MaxWait: maxWait, MinDelay: 2 * time.Second, MaxDelay: 30 * time.Second}, opts,
		func(ctx context.Context) (bool, string, bool, error) {
			if c.company != "" {
				if _, _, err := c.Users.Me(ctx); err != nil {
					if errors.Is(err, ErrProfileNotValid) {
						return false, "403025 profile is not valid yet", true, err
					}
					return false, "", false, err
				}
			}
			d, err := c.discoverAnyCompany(ctx)
			if err != nil {
				if errors.Is(err, ErrProfileNotValid) {
					return false, "discovery lists no Analytics company yet", true, err
				}
				return false, "", false, err
			}
			found = d
			return true, "", false, nil
		})
	if err != nil {
		return nil, err
	}
	return found, nil
}

// discoverAnyCompany asks discovery and fails with a *CompanyError (which
// matches ErrProfileNotValid) when it lists no company in the credential's
// org.
func (c *Client) discoverAnyCompany(ctx context.Context) (*Discovery, error) {
	d, _, err := c.Discovery.Me(ctx)
	if err != nil {
		return nil, err
	}
	ce := &CompanyError{OrgID: c.orgID, Candidates: d.Companies()}
	if ce.seesNone() {
		return nil, ce
	}
	return d, nil
}
