package campaign

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
)

// FindingStatus is the outcome of one diagnostic check.
type FindingStatus string

// Finding statuses.
const (
	Pass    FindingStatus = "pass"
	Warn    FindingStatus = "warn"
	Fail    FindingStatus = "fail"
	Skipped FindingStatus = "skipped"
)

// Finding is the outcome of one check of DiagnoseConnector.
type Finding struct {
	// Check is the check's id (the reference's D-... ids), e.g. "D-EVENTS".
	Check string `json:"check"`
	// Title says what is checked.
	Title string `json:"title"`
	// Status is pass, warn, fail or skipped.
	Status FindingStatus `json:"status"`
	// Evidence is what was read (never a secret); for skipped, the reason.
	Evidence string `json:"evidence"`
	// Remedy says what to do when the check does not pass.
	Remedy string `json:"remedy,omitempty"`
	// Doc is the documentation reference.
	Doc string `json:"doc,omitempty"`
}

// Diagnosis is what DiagnoseConnector found.
type Diagnosis struct {
	// OrgID is the organization checked.
	OrgID string `json:"org_id"`
	// Findings are in the order of the procedure.
	Findings []Finding `json:"findings"`
}

// Finding returns the finding of a check, and whether it ran.
func (d *Diagnosis) Finding(check string) (Finding, bool) {
	for _, f := range d.Findings {
		if f.Check == check {
			return f, true
		}
	}
	return Finding{}, false
}

// Count returns how many findings have the status.
func (d *Diagnosis) Count(s FindingStatus) int {
	n := 0
	for _, f := range d.Findings {
		if f.Status == s {
			n++
		}
	}
	return n
}

// OK reports whether no check failed.
func (d *Diagnosis) OK() bool { return d.Count(Fail) == 0 }

// JSON writes the diagnosis as indented JSON.
func (d *Diagnosis) JSON(w io.Writer) error {
	return writeJSON(w, d)
}

// Markdown writes the diagnosis as a Markdown table.
func (d *Diagnosis) Markdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Adobe Analytics connector diagnosis: %s\n\n%d pass, %d warn, %d fail, %d skipped\n\n| Check | Status | What | Evidence | Remedy |\n|---|---|---|---|---|\n",
		d.OrgID, d.Count(Pass), d.Count(Warn), d.Count(Fail), d.Count(Skipped))
	for _, f := range d.Findings {
		title := f.Title
		if f.Doc != "" {
			title = "[" + title + "](" + f.Doc + ")"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", f.Check, f.Status, title, mdCell(f.Evidence), mdCell(f.Remedy))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// diag is one diagnosis run.
type diag struct {
	o    *options
	spec ConnectorSpec
	cfg  *auth.Config
	out  *Diagnosis
}

func (g *diag) add(check, title string, st FindingStatus, doc, remedy, format string, args ...any) {
	f := Finding{Check: check, Title: title, Status: st, Evidence: fmt.Sprintf(format, args...), Doc: doc}
	if st != Pass {
		f.Remedy = remedy
	}
	g.out.Findings = append(g.out.Findings, f)
	g.o.emit(check, StepFinished, "%s: %s", st, f.Evidence)
}

func (g *diag) skip(reason string, checks ...[2]string) {
	for _, c := range checks {
		g.add(c[0], c[1], Skipped, "", "", "%s", reason)
	}
}

// The checks, with their titles.
var (
	chkDeploy     = [2]string{"D-DEPLOY", "Deployment has a self-service path"}
	chkBuild      = [2]string{"D-BUILD", "Campaign build supports OAuth (7.4.1) and Analytics 2.0 (7.4.4 build 9400)"}
	chkNotMC      = [2]string{"D-NOT-MC", "Not a Message Center instance"}
	chkProfile    = [2]string{"D-PROFILE", "Product profile exists in Adobe Analytics"}
	chkShared     = [2]string{"D-PROFILE-SHARED", "Product profile used only by the connector"}
	chkOperator   = [2]string{"D-OPERATOR", "Adobe ID operator on the product profile"}
	chkCredFound  = [2]string{"D-CREDENTIAL", "Connector credential exists in the Developer Console"}
	chkCredType   = [2]string{"D-CRED-TYPE", "Credential is OAuth Server-to-Server, not Service Account (JWT)"}
	chkAttach     = [2]string{"D-ATTACH", "Adobe Analytics API with the product profile selected on the credential"}
	chkSecrets    = [2]string{"D-SECRETS", "One client secret"}
	chkSharedTA   = [2]string{"D-SHARED-TA", "The instance's technical account is the connector's"}
	chkCredFormat = [2]string{"D-CRED-FORMAT", "Values fit the -setimsoauth command"}
	chkToken      = [2]string{"D-TOKEN", "The credential mints a token with its scopes"}
	chk403025     = [2]string{"D-403025", "Analytics accepts the credential's profile (no 403025)"}
	chkDiscovery  = [2]string{"D-DISCOVERY", "The connector's token sees the org and the Analytics company"}
	chkRS         = [2]string{"D-RS", "Report suites visible to the connector"}
	chkEVars      = [2]string{"D-EVARS", "cid and bid eVars visible, text"}
	chkEvents     = [2]string{"D-EVENTS", "The 10 events visible"}
	chkEventType  = [2]string{"D-EVENT-TYPE", "Events are numeric"}
	chkTools      = [2]string{"D-TOOLS", "Report Suite Tools and Analytics Tools permissions"}
	chkClassSet   = [2]string{"D-CLASSSET", "Classification set on the cid eVar"}
	chkSubmit     = [2]string{"D-SUBMIT-RESULT", "Campaign's Submit created its data source, calculated metrics and remarketing segments"}
)

// allChecks is every check in the procedure's order; a check a run did not
// reach is reported skipped.
var allChecks = [][2]string{chkDeploy, chkNotMC, chkBuild, chkProfile, chkShared, chkOperator, chkCredFound, chkCredType, chkAttach,
	chkSecrets, chkSharedTA, chkCredFormat, chkToken, chk403025, chkDiscovery, chkRS, chkEVars, chkEvents, chkEventType, chkTools,
	chkClassSet, chkSubmit}

// attestations are the documented checks no Adobe API can make: each is
// reported skipped with how to check it by hand.
var attestations = []Finding{
	{Check: "D-MIGRATED-OWNER", Title: "Migrated connector: the Adobe ID operator owns the legacy Data Connector", Doc: docProvisioning,
		Evidence: "not visible through Adobe's APIs: in Analytics, check that the Adobe ID who logs in to Campaign owns the Data Connector integration (else \"Integration Owner Not Admin\")"},
	{Check: "D-IMS-LOGIN", Title: "Adobe ID login (IMS) configured in Campaign", Doc: docProvisioning,
		Evidence: "Campaign side: exactly one Adobe_Marketing_Cloud external account, https callback, matching product context and association mask, scopes a subset of IMS's"},
	{Check: "D-CONFIG-FILE", Title: "Every container's conf/config-<instance>.xml holds the technical account", Doc: docOAuth,
		Evidence: "on each container: ims/@authIMSTAClientId is the connector's client id, @authIMSTAId its technical account, no authIMSTAPrivateKey left, IMSOrgId set, urlPermission allows analytics.adobe.io and ims-na1.adobelogin.com"},
	{Check: "D-FLAG", Title: "Option FEATUREFLAG_USE_ANALYTICS_20_API = 1", Doc: docAA2Migration,
		Evidence: "Campaign client console: Administration > Platform > Options; without it a 7.4.4 instance still calls the retired Analytics 1.4 API"},
	{Check: "D-FORMULA", Title: "Tracked-URL formula adds cid and bid for the tracked domains", Doc: docV8Connector,
		Evidence: "Campaign client console: the external account's formula; test with a real delivery, never a proof (proofs carry no cid/bid)"},
	{Check: "D-COLLECTION", Title: "eVar(cid) and eVar(bid) receive values after traffic", Doc: docV8Connector,
		Evidence: "after traffic: a report on the two eVars for the last days is not empty (processing rule or landing-page code in place)"},
	{Check: "D-METRICS-ARRIVAL", Title: "Campaign metrics reach Analytics", Doc: docV8Connector,
		Evidence: "24 h after a send: the data source has jobs; webAnalyticsSendMetrics runs daily at 4 am (never restart it: it resends everything); negative deltas are normal"},
	{Check: "D-REMARKETING", Title: "Remarketing transport (SFTP) registered", Doc: docAA2Migration,
		Evidence: "aaremarketingLocation.js run with the SFTP host; Analytics' IPs allow-listed; webAnalyticsFindConverted not in error"},
	{Check: "D-LEGACY-TRIGGERS", Title: "No legacy Omniture OAuth in Triggers", Doc: docProvisioning,
		Evidence: "pipelined.log must not show \"This client: APP_ID is no longer allowed to get access token.\""},
}

// DiagnoseConnector checks an existing connector set-up and writes nothing:
// every documented failure mode (Campaign's provisioning guide, its FAQ
// and the v8 connector page), each with its status, evidence, remedy and
// doc reference. It locates the connector's credential by
// spec.ExistingClientID when set, else by the spec's project and credential
// names, and reads Analytics with that credential's own token, as Campaign
// does. The error is for a spec that cannot be checked (invalid) or a
// failure to read the organization at all; every other problem is a
// finding.
func DiagnoseConnector(ctx context.Context, cfg *auth.Config, spec ConnectorSpec, opts ...Option) (*Diagnosis, error) {
	r, err := newRun(cfg, spec, false, opts)
	if err != nil {
		return nil, err
	}
	g := &diag{o: r.o, spec: r.spec, cfg: cfg, out: &Diagnosis{OrgID: r.spec.OrgID}}
	err = g.run(ctx)
	g.finish()
	return g.out, err
}

// finish orders the findings as the procedure does, reports the checks the
// run did not reach as skipped, and adds the attestations.
func (g *diag) finish() {
	got := map[string]Finding{}
	for _, f := range g.out.Findings {
		got[f.Check] = f
	}
	out := make([]Finding, 0, len(allChecks)+len(attestations))
	for _, c := range allChecks {
		f, ok := got[c[0]]
		if !ok {
			f = Finding{Check: c[0], Title: c[1], Status: Skipped, Evidence: "not reached: an earlier check failed"}
		}
		out = append(out, f)
	}
	for _, a := range attestations {
		a.Status = Skipped
		if a.Check == "D-MIGRATED-OWNER" && g.spec.Mode != MigratedConnector {
			a.Evidence = "a new connector: no legacy Data Connector"
		}
		out = append(out, a)
	}
	g.out.Findings = out
}

func (g *diag) run(ctx context.Context) error {
	s := g.spec
	if s.Deployment.SelfService() {
		g.add(chkDeploy[0], chkDeploy[1], Pass, docProvisioning, "", "%s: the instance's owner runs the server steps", s.Deployment)
	} else {
		g.add(chkDeploy[0], chkDeploy[1], Warn, docOAuth, "ask Adobe Customer Care to check the technical account on the instance (ProvisionConnector prepares the request)", "%s: Adobe runs the server steps; the Adobe-side checks below still apply", s.Deployment)
	}
	if s.MessageCenter {
		g.add(chkNotMC[0], chkNotMC[1], Fail, docV8Connector, "use the marketing instance", "a Message Center instance: the connector is not compatible with Transactional messaging")
	} else {
		g.add(chkNotMC[0], chkNotMC[1], Pass, docV8Connector, "", "not a Message Center instance")
	}
	var be *BlockedError
	switch err := gate(ConnectorSpec{Build: s.Build}, g.o.now()); {
	case s.Build == "":
		g.add(chkBuild[0], chkBuild[1], Skipped, docReleaseNotes, "", "no build given (Adobe keeps hosted and v8 instances current)")
	case errors.As(err, &be):
		g.add(chkBuild[0], chkBuild[1], Fail, be.Doc, be.Remedy, "%s", be.Reason)
	case err != nil:
		return err
	default:
		b, _ := ParseBuild(s.Build)
		g.add(chkBuild[0], chkBuild[1], Pass, docReleaseNotes, "", "%s", b)
	}

	ac, err := adminconsole.NewFromConfig(g.cfg, g.o.adminOpts...)
	if err != nil {
		return err
	}
	g.profile(ctx, ac)

	consoleCfg := g.cfg
	if g.o.console != nil {
		consoleCfg = g.o.console
	}
	dc, err := devconsole.NewFromConfig(consoleCfg)
	if err != nil {
		return err
	}
	creds, ok := g.credential(ctx, dc)
	if !ok {
		g.skip("no usable connector credential (see D-CREDENTIAL / D-CRED-TYPE)", chkCredFormat, chkToken, chk403025, chkDiscovery, chkRS, chkEVars, chkEvents, chkEventType, chkTools, chkClassSet)
		return nil
	}
	g.analytics(ctx, creds)
	return nil
}

func (g *diag) profile(ctx context.Context, ac *adminconsole.Client) {
	s := g.spec
	grp, _, err := ac.Groups.GetProductProfile(ctx, s.ProfileName())
	var nf *adminconsole.NotFoundError
	switch {
	case errors.As(err, &nf):
		g.add(chkProfile[0], chkProfile[1], Fail, docProvisioning, "create it in the Admin Console (ProvisionConnector renders the steps)", "no product profile named %q", s.ProfileName())
		g.skip("no product profile", chkShared, chkOperator)
		return
	case err != nil:
		g.add(chkProfile[0], chkProfile[1], Fail, docProvisioning, "check the org credential's User Management API access", "reading the profile failed: %v", err)
		g.skip("the profile could not be read", chkShared, chkOperator)
		return
	case !adminconsole.AnalyticsProduct(grp.ProductName):
		g.add(chkProfile[0], chkProfile[1], Fail, docProvisioning, "create the profile under Adobe Analytics", "%q belongs to %q, not Adobe Analytics", grp.Name, grp.ProductName)
	default:
		g.add(chkProfile[0], chkProfile[1], Pass, docProvisioning, "", "%q (id %d) in %s", grp.Name, grp.ID, grp.ProductName)
	}
	expected := 0
	if s.Operator != "" {
		expected = 1
	}
	if grp.MemberCount > expected {
		g.add(chkShared[0], chkShared[1], Warn, docProvisioning, "keep the profile for the connector only (Adobe: \"used exclusively for the Analytics connector to prevent misconfiguration errors\"); give other users another profile",
			"%d users are on the profile (expected %d: the operator)", grp.MemberCount, expected)
	} else {
		g.add(chkShared[0], chkShared[1], Pass, docProvisioning, "", "%d users on the profile", grp.MemberCount)
	}
	if s.Operator == "" {
		g.add(chkOperator[0], chkOperator[1], Skipped, docProvisioning, "", "no operator given")
		return
	}
	u, _, err := ac.Users.Get(ctx, s.Operator, nil)
	switch {
	case errors.Is(err, adobe.ErrNotFound):
		g.add(chkOperator[0], chkOperator[1], Fail, docProvisioning, "add the Adobe ID to the organization and the profile (ProvisionConnector with WithOperatorAddedToOrg)", "%s is not a user of the organization", s.Operator)
	case err != nil:
		g.add(chkOperator[0], chkOperator[1], Fail, docProvisioning, "check the org credential's User Management API access", "reading %s failed: %v", s.Operator, err)
	case !u.InGroup(s.ProfileName()):
		g.add(chkOperator[0], chkOperator[1], Fail, docProvisioning, "put the operator on the profile (ProvisionConnector does it)", "%s is not on %q", s.Operator, s.ProfileName())
	default:
		g.add(chkOperator[0], chkOperator[1], Pass, docProvisioning, "", "%s is on %q", s.Operator, s.ProfileName())
	}
}

// credential finds the connector's credential and checks it in the
// Console; it returns the credential's values for the token checks.
func (g *diag) credential(ctx context.Context, dc *devconsole.Client) (auth.Credentials, bool) {
	s := g.spec
	later := [][2]string{chkCredType, chkAttach, chkSecrets, chkSharedTA}
	tokenChecks := [][2]string{chkCredFormat, chkToken, chk403025, chkDiscovery, chkRS, chkEVars, chkEvents, chkEventType, chkTools, chkClassSet}
	if _, err := dc.Organizations.Resolve(ctx, s.OrgID); err != nil {
		g.add(chkCredFound[0], chkCredFound[1], Fail, docOAuth, "check the Console credential's access (or use a user token: WithConsoleConfig)", "resolving the organization failed: %v", err)
		g.skip("the Console could not be read", later...)
		return auth.Credentials{}, false
	}
	var cred devconsole.CredentialRef
	if s.ExistingClientID != "" {
		_, ref, _, err := findByClientID(ctx, dc, s.OrgID, s.ExistingClientID)
		var be *BlockedError
		switch {
		case errors.As(err, &be) && be.Check == "D-CRED-TYPE":
			g.add(chkCredFound[0], chkCredFound[1], Pass, docOAuth, "", "the instance's technical account %s is in the organization", s.ExistingClientID)
			g.add(chkCredType[0], chkCredType[1], Fail, docJWTMigration, be.Remedy, "%s", be.Reason)
			g.skip("the credential is a Service Account (JWT)", chkAttach, chkSecrets, chkSharedTA)
			return auth.Credentials{}, false
		case err != nil:
			g.add(chkCredFound[0], chkCredFound[1], Fail, docOAuth, "check ims/@authIMSTAClientId in the instance's server configuration", "%v", err)
			g.skip("no credential", later...)
			return auth.Credentials{}, false
		}
		cred = ref
	} else {
		p, err := dc.Projects.FindByName(ctx, s.OrgID, s.ProjectName)
		if err != nil || len(p.Metadata.Workspaces) == 0 {
			g.add(chkCredFound[0], chkCredFound[1], Fail, docOAuth, "run ProvisionConnector (or give existing_client_id, the instance's ims/@authIMSTAClientId)", "no project %q: %v", s.ProjectName, err)
			g.skip("no credential", later...)
			return auth.Credentials{}, false
		}
		ws := devconsole.WorkspaceRef{OrgID: s.OrgID, ProjectID: p.ID, WorkspaceID: p.Metadata.Workspaces[0].ID}
		rows, _, err := dc.Credentials.List(ctx, ws)
		if err != nil {
			g.add(chkCredFound[0], chkCredFound[1], Fail, docOAuth, "check the Console credential's access", "listing the project's credentials failed: %v", err)
			g.skip("no credential", later...)
			return auth.Credentials{}, false
		}
		var readErrs []error
		for _, row := range rows {
			ref := devconsole.CredentialRef{OrgID: ws.OrgID, ProjectID: ws.ProjectID, WorkspaceID: ws.WorkspaceID, CredentialID: row.ID}
			in, _, err := dc.Credentials.GetIntegration(ctx, ref)
			if err != nil {
				readErrs = append(readErrs, err)
				continue
			}
			if in.Name != s.CredentialName {
				continue
			}
			cred = ref
			if !row.IsOAuthS2S() {
				g.add(chkCredFound[0], chkCredFound[1], Pass, docOAuth, "", "credential %q (%s)", in.Name, in.ID)
				g.add(chkCredType[0], chkCredType[1], Fail, docJWTMigration, "migrate it to OAuth Server-to-Server in the Developer Console, then run -setimsoauth with the new values",
					"%q is a %s credential: Service Account (JWT) reached end of life on 2025-06-30", in.Name, row.Type())
				g.skip("the credential is a Service Account (JWT)", chkAttach, chkSecrets, chkSharedTA)
				return auth.Credentials{}, false
			}
		}
		if cred.CredentialID == "" && len(readErrs) > 0 {
			// Not "missing": unread. Provisioning now could make a second one.
			g.add(chkCredFound[0], chkCredFound[1], Fail, docOAuth, "run the diagnosis again; if it persists, check the Console credential's access",
				"could not read %d of the project's credentials: %v", len(readErrs), errors.Join(readErrs...))
			g.skip("the credentials could not be read", later...)
			return auth.Credentials{}, false
		}
		if cred.CredentialID == "" {
			g.add(chkCredFound[0], chkCredFound[1], Fail, docOAuth, "run ProvisionConnector", "no credential %q in project %q", s.CredentialName, s.ProjectName)
			g.skip("no credential", later...)
			return auth.Credentials{}, false
		}
	}
	in, _, err := dc.Credentials.GetIntegration(ctx, cred)
	if err != nil {
		g.add(chkCredFound[0], chkCredFound[1], Fail, docOAuth, "check the Console credential's access", "reading credential %s failed: %v", cred.CredentialID, err)
		g.skip("no credential", later...)
		return auth.Credentials{}, false
	}
	if s.ExistingClientID == "" {
		g.add(chkCredFound[0], chkCredFound[1], Pass, docOAuth, "", "credential %q (client id %s) in project %s", in.Name, in.APIKey, cred.ProjectID)
	} else {
		g.add(chkCredFound[0], chkCredFound[1], Pass, docOAuth, "", "the instance's technical account %s: credential %q in project %s", s.ExistingClientID, in.Name, cred.ProjectID)
	}
	g.add(chkCredType[0], chkCredType[1], Pass, docOAuth, "", "OAuth Server-to-Server")
	props, _, err := dc.Credentials.GetServiceProperties(ctx, cred, devconsole.SDKAnalytics)
	switch {
	case err != nil:
		g.add(chkAttach[0], chkAttach[1], Fail, docOAuth, fmt.Sprintf("add Adobe Analytics with %q to the credential (ProvisionConnector does it)", s.ProfileName()), "the credential has no Adobe Analytics API: %v", err)
	case !hasProfile(props.Selected(), s.ProfileName()):
		var names []string
		for _, l := range props.Selected() {
			names = append(names, l.Name)
		}
		g.add(chkAttach[0], chkAttach[1], Fail, docOAuth, fmt.Sprintf("select %q for Adobe Analytics on the credential (ProvisionConnector does it)", s.ProfileName()), "Adobe Analytics is attached with %q, not %q", names, s.ProfileName())
	default:
		g.add(chkAttach[0], chkAttach[1], Pass, docOAuth, "", "%s with %q selected", devconsole.SDKAnalytics, s.ProfileName())
	}
	secrets, _, err := dc.Secrets.List(ctx, cred)
	switch {
	case err != nil:
		g.add(chkSecrets[0], chkSecrets[1], Skipped, docOAuth, "", "listing the secrets failed: %v", err)
	case len(secrets) > 1:
		g.add(chkSecrets[0], chkSecrets[1], Warn, docOAuth, "finish the rotation: keep the secret the instance uses (see each secret's last use in the Developer Console), delete the other (a re-run of devconsole's Secrets.Rotate finishes it), and re-run -setimsoauth if the secret changed",
			"%d client secrets: a rotation was left half done", len(secrets))
	default:
		g.add(chkSecrets[0], chkSecrets[1], Pass, docOAuth, "", "%d client secret", len(secrets))
	}
	byName, byNameErr := "", error(nil)
	if s.ExistingClientID != "" {
		byName, byNameErr = g.clientIDByName(ctx, dc)
	}
	switch {
	case byNameErr != nil:
		g.add(chkSharedTA[0], chkSharedTA[1], Skipped, docOAuth, "", "could not look for a separate connector credential: %v", byNameErr)
	case s.ExistingClientID != "" && byName != "" && byName != s.ExistingClientID:
		g.add(chkSharedTA[0], chkSharedTA[1], Warn, docOAuth, "keep the instance's technical account: do not run -setimsoauth with the separate connector credential; provision with existing_client_id, which adds Analytics and the profile to the instance's own project",
			"the instance uses %s, but a separate connector credential %q exists (client id %s): -setimsoauth with it would replace the technical account of Triggers and the deliverability server too", s.ExistingClientID, s.CredentialName, byName)
	case s.ExistingClientID == "":
		g.add(chkSharedTA[0], chkSharedTA[1], Skipped, docOAuth, "", "existing_client_id not given: check ims/@authIMSTAClientId in the instance's configuration; if it is another client id, -setimsoauth with this credential replaces the technical account of Triggers and the deliverability server too")
	default:
		g.add(chkSharedTA[0], chkSharedTA[1], Pass, docOAuth, "", "the connector uses the instance's technical account %s", in.APIKey)
	}
	creds, _, err := readCredential(ctx, dc, cred, s)
	if err != nil {
		g.skip(fmt.Sprintf("the credential's values could not be read: %v", err), tokenChecks...)
		return auth.Credentials{}, false
	}
	ta := TechnicalAccount{OrgID: s.OrgID, ClientID: creds.ClientID, TechnicalAccountID: in.TechnicalAccountID, ClientSecret: creds.ClientSecret}
	if err := ta.check(); err != nil {
		g.add(chkCredFormat[0], chkCredFormat[1], Fail, docOAuth, "correct the value; -setimsoauth takes four slash-separated values", "%v", err)
	} else {
		g.add(chkCredFormat[0], chkCredFormat[1], Pass, docOAuth, "", "org id, client id, technical account id and secret fit the command")
	}
	return creds, true
}

// analytics runs the checks as the connector's own token.
func (g *diag) analytics(ctx context.Context, creds auth.Credentials) {
	s := g.spec
	rest := [][2]string{chk403025, chkDiscovery, chkRS, chkEVars, chkEvents, chkEventType, chkTools, chkClassSet}
	conn, err := g.cfg.ForCredentials(creds)
	if err == nil {
		_, err = conn.TokenSource().TokenContext(ctx)
	}
	if err != nil {
		var te *auth.TokenError
		remedy := "check the credential in the Developer Console"
		if errors.As(err, &te) && te.Hint() != "" {
			remedy = te.Hint()
		}
		g.add(chkToken[0], chkToken[1], Fail, docOAuth, remedy, "IMS refused: %v", err)
		g.skip("no token", rest...)
		return
	}
	g.add(chkToken[0], chkToken[1], Pass, docOAuth, "", "IMS issued a token to %s with scopes %s", creds.ClientID, strings.Join(creds.Scopes, ","))
	an, err := analytics.NewFromConfig(conn, g.o.analyticsOpts...)
	if err != nil {
		g.skip(err.Error(), rest...)
		return
	}
	attachRemedy := fmt.Sprintf("attach %q to the credential for Adobe Analytics; right after attaching, Adobe may take minutes to propagate it", s.ProfileName())
	d, _, err := an.Discovery.Me(ctx)
	var pe *analytics.ProfileError
	switch {
	case errors.As(err, &pe) || isCode(err, "403025"):
		g.add(chk403025[0], chk403025[1], Fail, docOAuth, attachRemedy, "Analytics answered 403025 Profile is not valid: %v", err)
		g.skip("Analytics refused the profile", rest[1:]...)
		return
	case err != nil:
		g.add(chk403025[0], chk403025[1], Fail, docOAuth, "check the credential's Analytics API subscription", "discovery failed: %v", err)
		g.skip("discovery failed", rest[1:]...)
		return
	}
	inOrg := 0
	for _, c := range d.Companies() {
		if strings.EqualFold(c.IMSOrgID, s.OrgID) {
			inOrg++
		}
	}
	if inOrg == 0 {
		// Discovery answers a credential without a valid profile with no
		// company; company calls then answer 403025.
		g.add(chk403025[0], chk403025[1], Fail, docOAuth, attachRemedy, "discovery lists no Analytics company of %s for the credential: its product profile is not valid for Analytics (company calls answer 403025 Profile is not valid)", s.OrgID)
		g.skip("Analytics refused the profile", rest[1:]...)
		return
	}
	g.add(chk403025[0], chk403025[1], Pass, docOAuth, "", "discovery lists %d company of the organization", inOrg)
	company, err := d.FindCompany(s.OrgID, s.AnalyticsCompany)
	if err != nil {
		g.add(chkDiscovery[0], chkDiscovery[1], Fail, docV8Connector, "attach the profile of the right organization, or set analytics_company", "%v", err)
		g.skip("no Analytics company", rest[2:]...)
		return
	}
	g.add(chkDiscovery[0], chkDiscovery[1], Pass, docV8Connector, "", "%s (global company id %s)", company.CompanyName, company.GlobalCompanyID)
	ac, err := analytics.NewFromConfig(conn, append(append([]analytics.Option{}, g.o.analyticsOpts...), analytics.WithCompany(company.GlobalCompanyID))...)
	if err != nil {
		g.skip(err.Error(), rest[2:]...)
		return
	}
	dims := []string{fmt.Sprintf("evar%d", s.CampaignIDEVar), fmt.Sprintf("evar%d", s.BroadlogIDEVar)}
	var mets []string
	for _, name := range ConnectorEvents {
		if n, ok := s.Events[name]; ok {
			mets = append(mets, fmt.Sprintf("event%d", n))
		}
	}
	var rsMissing, evMissing, evNotText, mMissing, mType []string
	visible := []string{}
	for _, rsid := range s.ReportSuites {
		rep, err := ac.VerifyComponents(ctx, rsid, dims, mets)
		if err != nil {
			rsMissing = append(rsMissing, fmt.Sprintf("%s (%v)", rsid, err))
			continue
		}
		if !rep.SuiteVisible {
			rsMissing = append(rsMissing, rsid)
			continue
		}
		visible = append(visible, rsid)
		for _, dc := range rep.Dimensions {
			short := strings.TrimPrefix(dc.ID, "variables/")
			switch {
			case !dc.Found:
				evMissing = append(evMissing, rsid+": "+short)
			case dc.IsEVar && !dc.Text:
				evNotText = append(evNotText, rsid+": "+short)
			}
		}
		for _, m := range rep.Metrics {
			short := strings.TrimPrefix(m.ID, "metrics/")
			switch {
			case !m.Found:
				mMissing = append(mMissing, rsid+": "+short+" ("+eventName(s, short)+")")
			case m.Metric != nil && !slices.Contains([]string{"int", "integer", "decimal"}, strings.ToLower(m.Metric.Type)):
				mType = append(mType, fmt.Sprintf("%s: %s (%s) is of type %s", rsid, short, eventName(s, short), m.Metric.Type))
			}
		}
	}
	remedyProfile := fmt.Sprintf("add it to the product profile %q (Admin Console > Adobe Analytics > %s > Permissions); Campaign's drop-downs list only what the profile grants", s.ProfileName(), s.ProfileName())
	if len(rsMissing) > 0 {
		g.add(chkRS[0], chkRS[1], Fail, docV8Connector, remedyProfile, "not visible: %s", strings.Join(rsMissing, ", "))
	} else {
		g.add(chkRS[0], chkRS[1], Pass, docV8Connector, "", "visible: %s", strings.Join(visible, ", "))
	}
	switch {
	case len(evMissing) > 0:
		g.add(chkEVars[0], chkEVars[1], Fail, docV8Connector, remedyProfile+", or correct cid_evar/bid_evar", "not visible: %s", strings.Join(evMissing, ", "))
	case len(evNotText) > 0:
		g.add(chkEVars[0], chkEVars[1], Fail, docV8Connector, "use text eVars for cid and bid (Analytics > Admin > Report suites > Conversion variables)", "not text eVars: %s", strings.Join(evNotText, ", "))
	case len(visible) == 0:
		g.add(chkEVars[0], chkEVars[1], Skipped, docV8Connector, "", "no report suite visible")
	default:
		g.add(chkEVars[0], chkEVars[1], Pass, docV8Connector, "", "eVar%d and eVar%d visible, text", s.CampaignIDEVar, s.BroadlogIDEVar)
	}
	switch {
	case len(mets) == 0:
		g.add(chkEvents[0], chkEvents[1], Skipped, docV8Connector, "", "no events given (auto_include_metrics)")
		g.add(chkEventType[0], chkEventType[1], Skipped, docV8Connector, "", "no events given")
	case len(visible) == 0:
		g.skip("no report suite visible", chkEvents, chkEventType)
	default:
		if len(mMissing) > 0 {
			g.add(chkEvents[0], chkEvents[1], Fail, docV8Connector, remedyProfile+", or correct the event numbers", "not visible: %s", strings.Join(mMissing, ", "))
		} else {
			g.add(chkEvents[0], chkEvents[1], Pass, docV8Connector, "", "%d events visible", len(mets))
		}
		if len(mType) > 0 {
			g.add(chkEventType[0], chkEventType[1], Fail, docProvisioning, "use success events of numeric type (Analytics > Admin > Report suites > Success events); only numeric events appear in Campaign's drop-downs", "%s", strings.Join(mType, "; "))
		} else {
			g.add(chkEventType[0], chkEventType[1], Pass, docProvisioning, "", "numeric (the 2.0 API does not tell counter from numeric events)")
		}
	}
	if len(visible) == 0 {
		g.skip("no report suite visible", chkTools, chkClassSet)
		return
	}
	rs := visible[0]
	probes, err := ac.ProbePermissions(ctx, rs)
	var denied, inconclusive []string
	granted := 0
	for _, p := range probes {
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
	case err != nil:
		g.add(chkTools[0], chkTools[1], Skipped, docProvisioning, "", "probing failed: %v", err)
	case len(denied) > 0:
		g.add(chkTools[0], chkTools[1], Fail, docProvisioning, "add them to the profile's Report Suite Tools / Analytics Tools", "denied: %s", strings.Join(denied, ", "))
	case len(inconclusive) > 0:
		g.add(chkTools[0], chkTools[1], Warn, docProvisioning, "run the diagnosis again", "%d probed granted; inconclusive: %s", granted, strings.Join(inconclusive, "; "))
	default:
		g.add(chkTools[0], chkTools[1], Pass, docProvisioning, "", "%d probed granted; %d cannot be probed without a lasting change", granted, len(analytics.PermissionsNotProbed))
	}
	cc, err := ac.CheckCampaignClassification(ctx, rs, s.CampaignIDEVar)
	switch {
	case err != nil:
		g.add(chkClassSet[0], chkClassSet[1], Skipped, docAA2Migration, "", "checking failed: %v", err)
	case cc.OK():
		g.add(chkClassSet[0], chkClassSet[1], Pass, docAA2Migration, "", "a classification set subscribes %s's eVar%d", rs, s.CampaignIDEVar)
	default:
		g.add(chkClassSet[0], chkClassSet[1], Warn, docAA2Migration, fmt.Sprintf("create a classification set (Components > Classification sets > New, type Primary) subscribed to %s and eVar%d", rs, s.CampaignIDEVar),
			"no classification set subscribes %s's eVar%d: on Analytics 2.0 builds Campaign's classification data is not picked up", rs, s.CampaignIDEVar)
	}
	g.submitted(ctx, ac, rs)
}

// remarketingSegments are the segments Campaign's Submit creates (v8
// connector page).
var remarketingSegments = []string{"Genesis Remarketing - Cart Abandonment", "Genesis Remarketing - Product Views", "Genesis Remarketing - Product Purchases"}

// submitted checks what Campaign's Submit creates in the report suite with
// the connector's own token: a data source, calculated metrics and the
// three remarketing segments (proof that Submit worked, whatever its
// dialog said).
func (g *diag) submitted(ctx context.Context, ac *analytics.Client, rs string) {
	accounts, _, aerr := ac.DataSources.ListAccounts(ctx, rs)
	metrics, _, merr := ac.CalculatedMetrics.List(ctx, &analytics.CalculatedMetricListOptions{RSIDs: []string{rs}})
	segments, _, serr := ac.Segments.List(ctx, &analytics.SegmentListOptions{RSIDs: []string{rs}})
	if err := errors.Join(aerr, merr, serr); err != nil {
		g.add(chkSubmit[0], chkSubmit[1], Skipped, docV8Connector, "", "reading the suite's components failed: %v", err)
		return
	}
	var have, missing []string
	if len(accounts) > 0 {
		have = append(have, fmt.Sprintf("%d data source", len(accounts)))
	} else {
		missing = append(missing, "the data source")
	}
	if len(metrics) > 0 {
		have = append(have, fmt.Sprintf("%d calculated metrics", len(metrics)))
	} else {
		missing = append(missing, "calculated metrics")
	}
	for _, name := range remarketingSegments {
		if slices.ContainsFunc(segments, func(sg analytics.Segment) bool { return strings.EqualFold(sg.Name, name) }) {
			have = append(have, "segment "+strconv.Quote(name))
		} else {
			missing = append(missing, "segment "+strconv.Quote(name))
		}
	}
	switch {
	case len(missing) == 0:
		g.add(chkSubmit[0], chkSubmit[1], Pass, docV8Connector, "", "%s in %s", strings.Join(have, ", "), rs)
	case len(have) == 0:
		g.add(chkSubmit[0], chkSubmit[1], Warn, docV8Connector, "configure the Web Analytics external account and Submit (ExternalAccount holds the values)",
			"nothing Campaign's Submit creates is in %s: Submit has not run (or failed)", rs)
	default:
		g.add(chkSubmit[0], chkSubmit[1], Fail, docV8Connector, "check the profile's Data Sources Manager, Calculated Metric Creation and Segment Creation permissions, then Submit again",
			"Submit was incomplete in %s: missing %s", rs, strings.Join(missing, ", "))
	}
}

func eventName(s ConnectorSpec, id string) string {
	for name, n := range s.Events {
		if fmt.Sprintf("event%d", n) == id {
			return name
		}
	}
	return id
}

func isCode(err error, code string) bool {
	var ae *adobe.Error
	return errors.As(err, &ae) && ae.Code == code
}

// clientIDByName returns the client id of the credential named in the spec
// in the project named in the spec ("" when there is none).
func (g *diag) clientIDByName(ctx context.Context, dc *devconsole.Client) (string, error) {
	p, err := dc.Projects.FindByName(ctx, g.spec.OrgID, g.spec.ProjectName)
	var nf *devconsole.NotFoundError
	switch {
	case errors.As(err, &nf):
		return "", nil
	case err != nil:
		return "", err
	case len(p.Metadata.Workspaces) == 0:
		return "", nil
	}
	ref, ok, err := findCredential(ctx, dc, devconsole.WorkspaceRef{OrgID: g.spec.OrgID, ProjectID: p.ID, WorkspaceID: p.Metadata.Workspaces[0].ID}, g.spec.CredentialName)
	if err != nil || !ok {
		return "", err
	}
	in, _, err := dc.Credentials.GetIntegration(ctx, ref)
	if err != nil {
		return "", err
	}
	return in.APIKey, nil
}
