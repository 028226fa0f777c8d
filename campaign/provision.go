package campaign

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
)

// CustomerCareRequired is returned by ProvisionConnector for a deployment
// whose server-side steps Adobe performs (hosted, Managed Services, v8): no
// self-service path exists. Send Request to Adobe Customer Care.
type CustomerCareRequired struct {
	// Deployment is the spec's deployment.
	Deployment Deployment
	// Request is what to send.
	Request CustomerCareRequest
}

// Error implements error.
func (e *CustomerCareRequired) Error() string {
	return fmt.Sprintf("campaign: Adobe performs the connector's server-side steps on %s instances: send the prepared request to Adobe Customer Care", e.Deployment)
}

// NotVisibleError is the connector's own token missing report suites, eVars
// or events: Campaign's drop-downs would not list them. Add them to the
// product profile in the Admin Console (or fix the numbers in the spec) and
// run again.
type NotVisibleError struct {
	// Profile is the product profile to edit.
	Profile string
	// Missing lists what the token does not see, e.g. "acmeprod: evar4".
	Missing []string
}

// Error implements error.
func (e *NotVisibleError) Error() string {
	return fmt.Sprintf("campaign: the connector's token does not see %s; add them to the product profile %q (Admin Console > Adobe Analytics > %s > Permissions) or correct the spec, then run again",
		strings.Join(e.Missing, ", "), e.Profile, e.Profile)
}

// ProvisionConnector performs, in order, the documented provisioning of the
// Adobe Analytics connector for Adobe Campaign Classic (on-premise and
// hybrid), and prepares everything Campaign's side needs:
//
//  1. Admin Console: finds the product profile
//     "reserved_campaign_classic_<Company>". No API creates one: when it is
//     missing the run stops with a *StepError wrapping an
//     *adminconsole.ManualStepRequired that carries the exact steps (or,
//     with WithProfileWait, waits for someone to take them); then puts the
//     operator on it.
//  2. Developer Console: ensures the project (or reuses the one holding the
//     instance's existing technical account), the OAuth Server-to-Server
//     credential, the Adobe Analytics API with the profile, and reads the
//     credential from the workspace download.
//  3. IMS: mints a token as the connector's credential.
//  4. Analytics, as the connector sees it: waits out the profile's
//     propagation (403025), finds the company, checks every report suite,
//     the cid and bid eVars and the ten events, probes the tool
//     permissions and looks for the classification set on the cid eVar.
//  5. Outputs: the -setimsoauth command for each container (secret masked;
//     see RevealCommands), the Campaign option, the external-account values
//     and the checklist.
//
// cfg is the organization's OAuth Server-to-Server credential (User
// Management API and, unless WithConsoleConfig says otherwise, the
// Developer Console API). The spec is validated before any request, every
// problem at once. Every step converges: a run on a provisioned org makes no
// write, and a run interrupted anywhere finishes the job without
// duplicates. The result is returned beside any error with what was done so
// far (Changes lists this run's writes), except for invalid input (a nil cfg,
// an invalid spec or option, a spec of another org than cfg's): then the
// result is nil and the error an *adobe.ArgError (joined, one per field),
// and nothing was sent.
func ProvisionConnector(ctx context.Context, cfg *auth.Config, spec ConnectorSpec, opts ...Option) (*ConnectorResult, error) {
	r, err := newRun(cfg, spec, false, opts)
	if err != nil {
		return nil, err
	}
	return r.res, r.run(ctx)
}

// run is one provisioning or planning run.
type run struct {
	o    *options
	spec ConnectorSpec
	cfg  *auth.Config
	plan *Plan // nil when applying
	res  *ConnectorResult

	ac *adminconsole.Client
	dc *devconsole.Client

	attached devconsole.CredentialRef // set once the attach was sent, for its confirmation
	// notYet, in a plan, says why the Analytics steps cannot be checked
	// yet (the profile or its attachment is still to be made).
	notYet string

	mu sync.Mutex // guards res.Changes and plan from concurrent steps
}

func newRun(cfg *auth.Config, spec ConnectorSpec, planning bool, opts []Option) (*run, error) {
	if cfg == nil {
		return nil, &adobe.ArgError{Arg: "cfg", Reason: "is nil; build one with auth.NewConfig for the organization's OAuth Server-to-Server credential"}
	}
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	spec = spec.withDefaults()
	if cfg.Credentials().OrgID != "" && !strings.EqualFold(cfg.Credentials().OrgID, spec.OrgID) {
		return nil, &adobe.ArgError{Arg: "org_id", Reason: fmt.Sprintf("%q is not the organization of the credential in cfg (%s)", spec.OrgID, cfg.Credentials().OrgID)}
	}
	r := &run{o: o, spec: spec, cfg: cfg}
	r.res = &ConnectorResult{OrgID: spec.OrgID, ProfileName: spec.ProfileName(), ProjectName: spec.ProjectName,
		Checklist: newChecklist(spec), Changes: []adobe.Change{}, instance: spec.Instance}
	if planning {
		r.plan = &Plan{}
	}
	r.res.Path = SelfService
	if !spec.Deployment.SelfService() {
		r.res.Path = AdobeRequest
	}
	return r, nil
}

func (r *run) record(chs ...adobe.Change) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.res.Changes = append(r.res.Changes, chs...)
}

// set updates a checklist item; steps running side by side share the
// result.
func (r *run) set(id string, st Status, format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.res.set(id, st, format, args...)
}

// planned records a change a plan would make; steps running side by side
// share the plan.
func (r *run) planned(step string, a Action, format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.plan.add(step, a, format, args...)
}

// stop marks the step blocked and returns its StepError.
func (r *run) stop(step string, err error) error {
	r.o.emit(step, StepFailed, "%v", err)
	r.set(step, Blocked, "%v", err)
	return &StepError{Step: step, Err: err}
}

func (r *run) run(ctx context.Context) error {
	s := r.spec
	r.o.emit(ItemEligibility, StepStarted, "deployment %s, build %q", s.Deployment, s.Build)
	if err := gate(s, r.o.now()); err != nil {
		return r.stop(ItemEligibility, err)
	}
	r.set(ItemEligibility, Done, "deployment %s, build %s, %s connector", s.Deployment, s.Build, s.Mode)
	r.o.emit(ItemEligibility, StepFinished, "")
	if !s.Deployment.SelfService() {
		cc := customerCare(s, r.res)
		r.res.CustomerCare = cc
		r.res.ExternalAccount = externalAccount(s, s.AnalyticsCompany, "", nil)
		for _, id := range []string{ItemProject, ItemCredential, ItemAttach, ItemToken, ItemDiscovery, ItemComponents, ItemToolPermissions, ItemClassification} {
			r.set(id, NotApplicable, "Adobe holds the technical account of %s instances", s.Deployment)
		}
		return &CustomerCareRequired{Deployment: s.Deployment, Request: *cc}
	}
	var err error
	if r.ac, err = adminconsole.NewFromConfig(r.cfg, r.o.adminOpts...); err != nil {
		return err
	}
	consoleCfg := r.cfg
	if r.o.console != nil {
		consoleCfg = r.o.console
	}
	if r.dc, err = devconsole.NewFromConfig(consoleCfg); err != nil {
		return err
	}

	// The Admin Console lookup and the Console's org resolution are
	// independent: run them side by side, and let both finish whatever the
	// other's outcome (a Console refusal must not hide the manual step).
	var profile *adminconsole.Group
	var profileErr, resolveErr error
	var wg sync.WaitGroup
	wg.Go(func() { profile, profileErr = r.findProfile(ctx) })
	wg.Go(func() {
		// The Console client resolves and caches its numeric org id.
		if _, err := r.dc.Organizations.Resolve(ctx, s.OrgID); err != nil {
			resolveErr = r.stop(ItemProject, fmt.Errorf("resolving the organization in the Developer Console: %w", r.consoleHint(err)))
		}
	})
	wg.Wait()
	if err := errors.Join(profileErr, resolveErr); err != nil {
		return err
	}
	// The operator's membership and the Developer Console are independent:
	// run them side by side. A failure of one does not stop the other.
	opDone := make(chan error, 1)
	go func() { opDone <- r.operator(ctx, profile) }()
	conn, err := r.console(ctx)
	switch {
	case err != nil || conn == nil:
	case r.notYet != "":
		// A plan: Analytics cannot see a profile not yet attached.
		for _, id := range []string{ItemDiscovery, ItemComponents, ItemToolPermissions, ItemClassification} {
			r.set(id, Pending, "%s", r.notYet)
		}
	default:
		err = r.analyticsConfirmed(ctx, conn)
	}
	return errors.Join(err, <-opDone)
}

// analyticsConfirmed runs the Analytics steps beside the read-back of the
// attachment; a failed confirmation stops the Analytics steps at once
// instead of letting them wait out the propagation window.
func (r *run) analyticsConfirmed(ctx context.Context, conn *auth.Config) error {
	if r.attached.CredentialID == "" { // a plan, or nothing was attached
		return r.analytics(ctx, conn)
	}
	actx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	confirmed := make(chan error, 1)
	go func() {
		err := r.confirmAttach(actx)
		if err != nil {
			cancel(err)
		}
		confirmed <- err
	}()
	err := r.analytics(actx, conn)
	cerr := <-confirmed
	if cerr != nil {
		// The Analytics steps only stopped for it: they are not blocked,
		// just not checked.
		r.mu.Lock()
		for i := range r.res.Checklist {
			it := &r.res.Checklist[i]
			switch it.ID {
			case ItemDiscovery, ItemComponents, ItemToolPermissions, ItemClassification:
				if it.Status == Blocked || it.Status == Pending {
					it.Status, it.Detail = Pending, "not checked: the attachment's read-back failed (see its item)"
				}
			}
		}
		r.mu.Unlock()
		return cerr
	}
	return err
}

// token is step 3: a configuration acting as the connector's credential,
// with a token minted.
func (r *run) token(ctx context.Context, creds auth.Credentials) (*auth.Config, error) {
	r.o.emit(ItemToken, StepStarted, "minting a token as %s", creds.ClientID)
	conn, err := r.cfg.ForCredentials(creds)
	if err != nil {
		return nil, r.stop(ItemToken, err)
	}
	if _, err := conn.TokenSource().TokenContext(ctx); err != nil {
		return nil, r.stop(ItemToken, err)
	}
	r.set(ItemToken, Done, "IMS issued a token to client %s", creds.ClientID)
	r.o.emit(ItemToken, StepFinished, "")
	return conn, nil
}

// findProfile is step 1: the profile exists (or is awaited) and belongs to
// Adobe Analytics.
func (r *run) findProfile(ctx context.Context) (*adminconsole.Group, error) {
	ps, err := adminconsole.CampaignConnectorPermissions(r.spec.profileOptions())
	if err != nil {
		return nil, r.stop(ItemProfile, err)
	}
	r.o.emit(ItemProfile, StepStarted, "looking for %q", ps.Name)
	g, err := r.ac.RequireProductProfile(ctx, ps, adminconsole.AnalyticsProduct)
	var manual *adminconsole.ManualStepRequired
	if errors.As(err, &manual) && manual.Task == adminconsole.TaskCreateProductProfile {
		if r.plan != nil {
			r.planned(ItemProfile, ActionManual, "create the product profile %q in the Admin Console (no API does): %d steps", ps.Name, len(manual.Steps))
			if r.spec.Operator != "" {
				r.planned(ItemOperator, ActionCreate, "add %s to the product profile %q once it exists", r.spec.Operator, ps.Name)
			}
			r.mu.Lock()
			r.plan.Manual, r.plan.ManualSteps = manual, manual.Markdown()
			r.notYet = "after the product profile is created"
			r.mu.Unlock()
			r.set(ItemProfile, Manual, "missing: %s", manual.Markdown())
			return nil, nil
		}
		if r.o.profileWait <= 0 {
			r.set(ItemProfile, Manual, "missing; take the steps of the error's Markdown() in the Admin Console, then run again")
			r.o.emit(ItemProfile, StepFailed, "manual step required: create %q in the Admin Console", ps.Name)
			return nil, &StepError{Step: ItemProfile, Err: manual}
		}
		r.o.emit(ItemProfile, StepWaiting, "waiting up to %s for %q to be created in the Admin Console", r.o.profileWait, ps.Name)
		g, err = r.ac.WaitForProductProfile(ctx, ps.Name, r.o.profileWait, adobe.WithWaitDelays(r.o.minDelay, r.o.maxDelay),
			adobe.WithWaitProgress(func(p adobe.WaitPoll) {
				if r.o.progress != nil {
					r.o.progress(Event{Step: ItemProfile, Kind: StepWaiting, Message: p.Status, Wait: p.Next, Elapsed: p.Elapsed})
				}
			}))
		if err != nil {
			// Both stay reachable with errors.As: the wait's end and the
			// steps still to take.
			return nil, r.stop(ItemProfile, errors.Join(err, manual))
		}
	} else if err != nil {
		return nil, r.stop(ItemProfile, err)
	}
	r.res.ProfileID = strconv.FormatInt(g.ID, 10)
	r.set(ItemProfile, Done, "found %q (id %d, product %s); its Analytics permissions are verified through the connector's token below", g.Name, g.ID, g.ProductName)
	r.o.emit(ItemProfile, StepFinished, "found %q", g.Name)
	return g, nil
}

// operator puts the Adobe ID operator on the profile.
func (r *run) operator(ctx context.Context, profile *adminconsole.Group) error {
	if r.spec.Operator == "" || profile == nil {
		return nil
	}
	r.o.emit(ItemOperator, StepStarted, "%s on %q", r.spec.Operator, profile.Name)
	// A plan sends UMAPI's testOnly action, which changes nothing.
	res, err := r.ac.EnsureUserOnProfile(ctx, profile.Name, r.spec.Operator, &adminconsole.EnsureOptions{AddToOrg: r.o.operatorToOrg, TestOnly: r.plan != nil})
	if res != nil && r.plan == nil {
		r.record(res.Changes...)
	}
	if err != nil {
		return r.stop(ItemOperator, err)
	}
	switch {
	case res.Value.Action == nil: // no action was needed
		r.set(ItemOperator, Done, "%s is on %q", r.spec.Operator, profile.Name)
	case r.plan != nil:
		r.planned(ItemOperator, ActionCreate, "add %s to the product profile %q", r.spec.Operator, profile.Name)
		r.set(ItemOperator, Pending, "%s would be added", r.spec.Operator)
	default:
		r.set(ItemOperator, Done, "added %s to %q", r.spec.Operator, profile.Name)
	}
	r.o.emit(ItemOperator, StepFinished, "")
	return nil
}

// consoleHint adds the user-token remedy to a Console refusal of the S2S
// route.
func (r *run) consoleHint(err error) error {
	if r.o.console == nil && (errors.Is(err, adobe.ErrForbidden) || errors.Is(err, adobe.ErrUnauthorized)) {
		return fmt.Errorf("%w; the Developer Console may refuse an OAuth Server-to-Server token for this call: run with a user's Adobe ID token (campaign.WithConsoleConfig with an ims login; the example's -login), as Adobe's CLI does", err)
	}
	return err
}

// analyticsChecks is step 4 on a finished credential.
func (r *run) analytics(ctx context.Context, conn *auth.Config) error {
	s := r.spec

	an, err := analytics.NewFromConfig(conn, append([]analytics.Option{analytics.WithProjectLimiter(r.res.ProjectID)}, r.o.analyticsOpts...)...)
	if err != nil {
		return err
	}
	r.o.emit(ItemDiscovery, StepStarted, "waiting for the profile to reach Analytics (up to %s)", r.o.propagation)
	d, err := an.WaitForProfile(ctx, r.o.propagation, adobe.WithWaitDelays(r.o.minDelay, r.o.maxDelay),
		adobe.WithWaitProgress(func(p adobe.WaitPoll) {
			if r.o.progress != nil {
				r.o.progress(Event{Step: ItemDiscovery, Kind: StepWaiting, Message: "Adobe is propagating the profile to Analytics: " + p.Status, Wait: p.Next, Elapsed: p.Elapsed})
			}
		}))
	if err != nil {
		return r.stop(ItemDiscovery, err)
	}
	company, err := d.FindCompany(s.OrgID, s.AnalyticsCompany)
	if err != nil {
		return r.stop(ItemDiscovery, err)
	}
	ac, err := analytics.NewFromConfig(conn, append([]analytics.Option{analytics.WithProjectLimiter(r.res.ProjectID)},
		append(r.o.analyticsOpts, analytics.WithCompany(company.GlobalCompanyID))...)...)
	if err != nil {
		return err
	}
	r.res.Analytics.GlobalCompanyID, r.res.Analytics.CompanyName = company.GlobalCompanyID, company.CompanyName
	r.set(ItemDiscovery, Verified, "%s (global company id %s)", company.CompanyName, company.GlobalCompanyID)
	r.o.emit(ItemDiscovery, StepFinished, "%s", company.CompanyName)

	// Every report suite is checked side by side; the limiter shared per
	// project keeps them inside Analytics' 12 requests per 6 s.
	r.o.emit(ItemComponents, StepStarted, "%d report suites", len(s.ReportSuites))
	dims := []string{fmt.Sprintf("evar%d", s.CampaignIDEVar), fmt.Sprintf("evar%d", s.BroadlogIDEVar)}
	var mets []string
	for _, name := range ConnectorEvents {
		if n, ok := s.Events[name]; ok {
			mets = append(mets, fmt.Sprintf("event%d", n))
		}
	}
	// The components of every suite, the tool permissions and the
	// classification set are independent reads: all side by side.
	rs := s.ReportSuites[0]
	reports := make([]*analytics.ComponentReport, len(s.ReportSuites))
	var probes []analytics.Probe
	var cc *analytics.ClassificationCheck
	var probeErr, classErr error
	g, gctx := errgroup.WithContext(ctx)
	for i, rsid := range s.ReportSuites {
		g.Go(func() error {
			rep, err := ac.VerifyComponents(gctx, rsid, dims, mets)
			reports[i] = rep
			return err
		})
	}
	g.Go(func() error { probes, probeErr = ac.ProbePermissions(gctx, rs); return nil })
	g.Go(func() error { cc, classErr = ac.CheckCampaignClassification(gctx, rs, s.CampaignIDEVar); return nil })
	if err := g.Wait(); err != nil {
		return r.stop(ItemComponents, err)
	}
	names := map[string]string{}
	var missing []string
	for _, rep := range reports {
		if !rep.SuiteVisible {
			missing = append(missing, rep.RSID+" (the report suite itself)")
			continue
		}
		r.res.Analytics.Visible = append(r.res.Analytics.Visible, rep.RSID)
		for _, d := range rep.Dimensions {
			short := strings.TrimPrefix(d.ID, "variables/")
			switch {
			case !d.Found:
				missing = append(missing, rep.RSID+": "+short)
			case d.IsEVar && !d.Text:
				missing = append(missing, rep.RSID+": "+short+" (not a text eVar)")
			default:
				if rep.RSID == s.ReportSuites[0] && d.Dimension != nil {
					names[short] = d.Dimension.Name
				}
				r.res.Analytics.Visible = append(r.res.Analytics.Visible, rep.RSID+": "+short)
			}
		}
		for _, m := range rep.Metrics {
			short := strings.TrimPrefix(m.ID, "metrics/")
			if !m.Found {
				missing = append(missing, rep.RSID+": "+short)
				continue
			}
			if rep.RSID == s.ReportSuites[0] && m.Metric != nil {
				names[short] = m.Metric.Name
			}
			r.res.Analytics.Visible = append(r.res.Analytics.Visible, rep.RSID+": "+short)
		}
	}
	r.res.Analytics.Missing = missing
	r.res.ExternalAccount = externalAccount(s, company.CompanyName, company.GlobalCompanyID, names)
	if len(missing) > 0 {
		return r.stop(ItemComponents, &NotVisibleError{Profile: s.ProfileName(), Missing: missing})
	}
	r.set(ItemComponents, Verified, "the connector's token sees %d report suites, eVar%d, eVar%d and %d events", len(s.ReportSuites), s.CampaignIDEVar, s.BroadlogIDEVar, len(mets))
	r.o.emit(ItemComponents, StepFinished, "")

	r.o.emit(ItemToolPermissions, StepStarted, "probing on %s", rs)
	if probeErr != nil {
		return r.stop(ItemToolPermissions, probeErr)
	}
	var denied, inconclusive []string
	granted := 0
	for _, p := range probes { // ProbePermissions lists the unprobeable ones too
		r.res.Analytics.Permissions = append(r.res.Analytics.Permissions, fmt.Sprintf("%s / %s: %s", p.Section, p.Permission, p.Result))
		switch p.Result {
		case analytics.Granted:
			granted++
		case analytics.Denied:
			denied = append(denied, p.Section+" / "+p.Permission)
		case analytics.Inconclusive:
			inconclusive = append(inconclusive, fmt.Sprintf("%s / %s (%v)", p.Section, p.Permission, p.Err))
		}
	}
	switch {
	case len(denied) > 0:
		return r.stop(ItemToolPermissions, &NotVisibleError{Profile: s.ProfileName(), Missing: denied})
	case len(inconclusive) > 0:
		r.set(ItemToolPermissions, Pending, "%d probed granted; not verified: %s (run again to check)", granted, strings.Join(inconclusive, "; "))
	default:
		r.set(ItemToolPermissions, Verified, "%d permissions probed granted; %d cannot be probed without a lasting change (see Analytics.Permissions)", granted, len(analytics.PermissionsNotProbed))
	}
	r.o.emit(ItemToolPermissions, StepFinished, "")

	r.o.emit(ItemClassification, StepStarted, "eVar%d on %s", s.CampaignIDEVar, rs)
	switch {
	case classErr != nil:
		return r.stop(ItemClassification, classErr)
	case cc.OK():
		r.res.Analytics.Classification = "subscribed"
		r.set(ItemClassification, Verified, "a classification set subscribes %s's eVar%d", rs, s.CampaignIDEVar)
	default:
		r.res.Analytics.Classification = "missing"
		r.set(ItemClassification, Manual, "create a classification set in Analytics (Components > Classification sets > New, type Primary) subscribed to %s and eVar%d, before configuring the external account", rs, s.CampaignIDEVar)
	}
	r.o.emit(ItemClassification, StepFinished, "%s", r.res.Analytics.Classification)

	// Campaign's side: the commands, the option, the external account.
	for _, host := range s.Containers {
		cmd, err := SetIMSOAuthCommand(s.Instance, r.res.TechnicalAccount, false)
		if err != nil {
			return r.stop(ItemServerCommand, err)
		}
		r.res.Commands = append(r.res.Commands, ContainerCommand{Host: host, Command: cmd})
	}
	r.res.Options = campaignOptions()
	r.set(ItemServerCommand, Manual, "run the command on each of %d containers as neolane, then nlserver config -reload and restart (the secret is masked; RevealCommands shows it)", len(s.Containers))
	r.set(ItemFeatureFlag, Manual, "Administration > Platform > Options: FEATUREFLAG_USE_ANALYTICS_20_API, long value 1")
	r.set(ItemExternalAccount, Manual, "pick the values of ExternalAccount, then Submit; Campaign creates the data source, calculated metrics, segments and classifications")
	return nil
}
