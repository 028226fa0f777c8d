package campaign

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
)

// Deployment is how the Campaign instance is hosted; it decides who performs
// the server-side steps.
type Deployment string

// Deployments. On-premise and hybrid instances take the self-service path;
// for the others Adobe performs the server-side steps, and the SDK prepares
// the request for Adobe Customer Care.
const (
	OnPremise       Deployment = "on-premise"
	Hybrid          Deployment = "hybrid"
	Hosted          Deployment = "hosted"
	ManagedServices Deployment = "managed-services"
	V8              Deployment = "v8"
)

// SelfService reports whether the deployment's owner runs the server steps
// (the -setimsoauth command) themselves.
func (d Deployment) SelfService() bool { return d == OnPremise || d == Hybrid }

// Mode says whether the connector is new or migrated from the legacy Data
// Connector.
type Mode string

// Modes.
const (
	// NewConnector is a connector set up for the first time; Campaign uses a
	// technical user when no Adobe ID operator is set.
	NewConnector Mode = "new"
	// MigratedConnector is a migrated external account: the Adobe ID
	// operator must own the Data Connector and be on the product profile.
	MigratedConnector Mode = "migrated"
)

// The connector's ten success events, as Campaign's external account names
// them (Campaign v8 "Adobe Analytics connector" page).
const (
	EventClicked      = "Clicked"
	EventOpened       = "Opened"
	EventPersonClicks = "Person Clicks"
	EventProcessed    = "Processed"
	EventScheduled    = "Scheduled"
	EventSent         = "Sent"
	EventTotalBounces = "Total Bounces"
	EventUniqueClicks = "Unique Clicks"
	EventUniqueOpens  = "Unique Opens"
	EventUnsubscribed = "Unsubscribed"
)

// ConnectorEvents lists the ten events in the order Campaign's Configure
// dialog shows them.
var ConnectorEvents = []string{
	EventClicked, EventOpened, EventPersonClicks, EventProcessed, EventScheduled,
	EventSent, EventTotalBounces, EventUniqueClicks, EventUniqueOpens, EventUnsubscribed,
}

// ConnectorSpec is everything ProvisionConnector needs to know about one
// organization's connector. It loads from JSON (see LoadSpec) with the
// field names in the json tags.
type ConnectorSpec struct {
	// OrgID is the IMS organization id, "<24 hex>@AdobeOrg".
	OrgID string `json:"org_id"`
	// CompanyName completes the product profile name
	// "reserved_campaign_classic_<CompanyName>".
	CompanyName string `json:"company_name"`
	// Deployment is on-premise, hybrid, hosted, managed-services or v8.
	Deployment Deployment `json:"deployment"`
	// Build is the Campaign Classic version and build as Help > About
	// shows it, e.g. "7.4.4 build 9400", "7.4.4" or "9400". Required for
	// self-service deployments.
	Build string `json:"build,omitempty"`
	// Mode is "new" (default) or "migrated".
	Mode Mode `json:"mode,omitempty"`
	// MessageCenter marks a Message Center (transactional) instance, which
	// the connector does not support.
	MessageCenter bool `json:"message_center,omitempty"`
	// Instance is the Campaign instance name (nlserver -instance:).
	Instance string `json:"instance"`
	// Containers are the hosts of the instance's containers: the
	// -setimsoauth command must run on each.
	Containers []string `json:"containers,omitempty"`
	// ReportSuites are the report suite ids Campaign will use.
	ReportSuites []string `json:"report_suites"`
	// CampaignIDEVar and BroadlogIDEVar are the eVar numbers that collect
	// the campaign id (cid) and the broadlog id (bid).
	CampaignIDEVar int `json:"cid_evar"`
	BroadlogIDEVar int `json:"bid_evar"`
	// Events maps each of the ten ConnectorEvents to its success event
	// number (eventN). Required unless AutoIncludeMetrics.
	Events map[string]int `json:"events,omitempty"`
	// AutoIncludeMetrics grants every metric in the profile instead of the
	// ten events (Adobe allows it; listing them is least privilege).
	AutoIncludeMetrics bool `json:"auto_include_metrics,omitempty"`
	// AnalyticsCompany names the Analytics company (global company id or
	// name) when the connector's credential sees several.
	AnalyticsCompany string `json:"analytics_company,omitempty"`
	// ProjectName is the Developer Console project (default
	// "Campaign Analytics connector"); CredentialName its OAuth
	// Server-to-Server credential (default "CampaignAnalytics", 6 to 25
	// characters).
	ProjectName    string `json:"project_name,omitempty"`
	CredentialName string `json:"credential_name,omitempty"`
	// ExistingClientID is the client id of the technical account the
	// instance already has (ims/@authIMSTAClientId in its server
	// configuration, shared with Triggers and the deliverability server).
	// When set, its project is reused instead of creating one: a new
	// technical account would replace it for every integration.
	ExistingClientID string `json:"existing_client_id,omitempty"`
	// Operator is the Adobe ID (e-mail) who must be on the product profile;
	// required for a migrated connector.
	Operator string `json:"operator,omitempty"`
	// NotificationEmail is the e-mail typed in the external account.
	NotificationEmail string `json:"notification_email,omitempty"`
}

// Defaults for the optional names.
const (
	DefaultProjectName    = "Campaign Analytics connector"
	DefaultCredentialName = "CampaignAnalytics"
)

// LoadSpec reads a ConnectorSpec from a JSON file and validates it (see
// Validate): unknown fields are an error, so that a misspelt field is not
// silently ignored, and every invalid field is named at once. The spec is
// returned beside a validation error.
func LoadSpec(path string) (ConnectorSpec, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return ConnectorSpec{}, fmt.Errorf("campaign: reading the spec: %w", err)
	}
	return ParseSpec(b)
}

// ParseSpec decodes and validates a ConnectorSpec from JSON (see LoadSpec).
func ParseSpec(b []byte) (ConnectorSpec, error) {
	var s ConnectorSpec
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return ConnectorSpec{}, &adobe.ArgError{Arg: "spec", Reason: "is not a connector spec: " + err.Error()}
	}
	return s, s.Validate()
}

// ProfileSpec returns the connector's product profile as the Admin Console
// step creates it: the name, the report suites, the ten events (or
// Auto-include), the cid and bid eVars and the tool permissions. Tests use
// it to play that step on the fake.
func (s ConnectorSpec) ProfileSpec() (adminconsole.ProfileSpec, error) {
	return adminconsole.CampaignConnectorPermissions(s.profileOptions())
}

// withDefaults returns s with the optional names filled in.
func (s ConnectorSpec) withDefaults() ConnectorSpec {
	if s.Mode == "" {
		s.Mode = NewConnector
	}
	if s.ProjectName == "" {
		s.ProjectName = DefaultProjectName
	}
	if s.CredentialName == "" {
		s.CredentialName = DefaultCredentialName
	}
	return s
}

// ProfileName is the connector's product profile name,
// "reserved_campaign_classic_<CompanyName>".
func (s ConnectorSpec) ProfileName() string { return "reserved_campaign_classic_" + s.CompanyName }

var (
	orgIDRe    = regexp.MustCompile(`^[0-9A-F]{24}@AdobeOrg$`)
	clientIDRe = regexp.MustCompile(`^[0-9a-f]{32}$`)
	instanceRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	hostRe     = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*$`)
	rsidRe     = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,39}$`)
)

// Validate checks every field of the spec and returns every problem at once:
// an *adobe.ArgError per field, joined with errors.Join (errors.As finds the
// first; errors.Is(err, adobe.ErrInvalidArgument) holds). It does no I/O.
func (s ConnectorSpec) Validate() error {
	s = s.withDefaults()
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &adobe.ArgError{Arg: field, Reason: fmt.Sprintf(format, args...)})
	}
	if !orgIDRe.MatchString(s.OrgID) {
		bad("org_id", "%q is not an IMS organization id (24 upper-case hex digits then @AdobeOrg, e.g. 0123456789ABCDEF01234567@AdobeOrg)", s.OrgID)
	}
	switch s.Deployment {
	case OnPremise, Hybrid, Hosted, ManagedServices, V8:
	case "":
		bad("deployment", "is empty; one of on-premise, hybrid, hosted, managed-services, v8")
	default:
		bad("deployment", "%q is none of on-premise, hybrid, hosted, managed-services, v8", s.Deployment)
	}
	switch s.Mode {
	case NewConnector, MigratedConnector:
	default:
		bad("mode", "%q is neither \"new\" nor \"migrated\"", s.Mode)
	}
	if s.Deployment.SelfService() || s.Build != "" {
		if s.Build == "" {
			bad("build", "is empty; give the Campaign version and build from Help > About, e.g. \"7.4.4 build 9400\"")
		} else if _, err := ParseBuild(s.Build); err != nil {
			bad("build", "%v", err)
		}
	}
	if s.Deployment.SelfService() || s.Instance != "" {
		if !instanceRe.MatchString(s.Instance) {
			bad("instance", "%q is not a Campaign instance name (letters, digits, - and _, as in nlserver -instance:<name>)", s.Instance)
		}
	}
	if s.Deployment.SelfService() && len(s.Containers) == 0 {
		bad("containers", "is empty; list every container host of the instance: the command must run on each")
	}
	seenHost := map[string]bool{}
	for i, h := range s.Containers {
		if !hostRe.MatchString(h) || len(h) > 253 {
			bad(fmt.Sprintf("containers[%d]", i), "%q is not a host name", h)
		} else if seenHost[strings.ToLower(h)] {
			bad(fmt.Sprintf("containers[%d]", i), "%q is listed twice", h)
		}
		seenHost[strings.ToLower(h)] = true
	}
	if len(s.ReportSuites) == 0 {
		bad("report_suites", "is empty; name the report suites Campaign will use")
	}
	seenRS := map[string]bool{}
	for i, rs := range s.ReportSuites {
		if !rsidRe.MatchString(rs) {
			bad(fmt.Sprintf("report_suites[%d]", i), "%q is not a report suite id (lower-case letters, digits, '.', '-', '_', at most 40)", rs)
		} else if seenRS[rs] {
			bad(fmt.Sprintf("report_suites[%d]", i), "%q is listed twice", rs)
		}
		seenRS[rs] = true
	}
	for _, ev := range []struct {
		field string
		n     int
	}{{"cid_evar", s.CampaignIDEVar}, {"bid_evar", s.BroadlogIDEVar}} {
		if ev.n < 1 || ev.n > 250 {
			bad(ev.field, "eVar%d is outside eVar1-eVar250", ev.n)
		}
	}
	if s.CampaignIDEVar != 0 && s.CampaignIDEVar == s.BroadlogIDEVar {
		bad("bid_evar", "eVar%d is also the cid eVar; Campaign needs two different eVars", s.BroadlogIDEVar)
	}
	errs = append(errs, s.validateEvents()...)
	if s.Mode == MigratedConnector && s.Operator == "" {
		bad("operator", "is empty; a migrated connector needs the Adobe ID who owns the Data Connector on the profile")
	}
	for _, e := range []struct{ field, v string }{{"operator", s.Operator}, {"notification_email", s.NotificationEmail}} {
		if e.v == "" {
			continue
		}
		if a, err := mail.ParseAddress(e.v); err != nil || a.Address != e.v || a.Name != "" {
			bad(e.field, "%q is not a plain e-mail address", e.v)
		}
	}
	if s.ExistingClientID != "" && !clientIDRe.MatchString(s.ExistingClientID) {
		bad("existing_client_id", "%q is not a client id (32 lower-case hex digits, ims/@authIMSTAClientId in the instance's server configuration)", s.ExistingClientID)
	}
	if err := printableName(s.ProjectName, 1, 45); err != nil {
		bad("project_name", "%v", err)
	}
	if err := printableName(s.CredentialName, 6, 25); err != nil {
		bad("credential_name", "%v (the Developer Console's limit)", err)
	}
	if s.AnalyticsCompany != "" {
		if err := printableName(s.AnalyticsCompany, 1, 100); err != nil {
			bad("analytics_company", "%v", err)
		}
	}
	// The profile itself: the Admin Console package knows its rules.
	if _, err := adminconsole.CampaignConnectorPermissions(s.profileOptions()); err != nil {
		var ae *adobe.ArgError
		if errors.As(err, &ae) {
			ae = &adobe.ArgError{Arg: specField(ae.Arg), Reason: ae.Reason}
			if !slices.ContainsFunc(errs, func(e error) bool { var x *adobe.ArgError; return errors.As(e, &x) && x.Arg == ae.Arg }) {
				errs = append(errs, ae)
			}
		} else {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (s ConnectorSpec) validateEvents() []error {
	var errs []error
	if len(s.Events) == 0 {
		if !s.AutoIncludeMetrics {
			errs = append(errs, &adobe.ArgError{Arg: "events", Reason: "is empty; map each of the 10 connector events (" + strings.Join(ConnectorEvents, ", ") + ") to its event number, or set auto_include_metrics"})
		}
		return errs
	}
	byNumber := map[int]string{}
	for name, n := range s.Events {
		if !slices.Contains(ConnectorEvents, name) {
			errs = append(errs, &adobe.ArgError{Arg: "events." + name, Reason: "is not one of the connector's events (" + strings.Join(ConnectorEvents, ", ") + ")"})
			continue
		}
		if n < 1 || n > 1000 {
			errs = append(errs, &adobe.ArgError{Arg: "events." + name, Reason: fmt.Sprintf("event%d is outside event1-event1000", n)})
			continue
		}
		if other, dup := byNumber[n]; dup {
			a, b := min(name, other), max(name, other)
			errs = append(errs, &adobe.ArgError{Arg: "events." + b, Reason: fmt.Sprintf("event%d is also %q; each event needs its own number", n, a)})
		}
		byNumber[n] = name
	}
	for _, name := range ConnectorEvents {
		if _, ok := s.Events[name]; !ok {
			errs = append(errs, &adobe.ArgError{Arg: "events." + name, Reason: "is missing; Campaign maps all 10 events"})
		}
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errs
}

func (s ConnectorSpec) profileOptions() adminconsole.CampaignConnectorOptions {
	o := adminconsole.CampaignConnectorOptions{
		CompanyName:        s.CompanyName,
		ReportSuites:       s.ReportSuites,
		AutoIncludeMetrics: s.AutoIncludeMetrics,
		EVars:              []int{s.CampaignIDEVar, s.BroadlogIDEVar},
	}
	for _, name := range ConnectorEvents {
		if n, ok := s.Events[name]; ok {
			o.Events = append(o.Events, n)
		}
	}
	return o
}

// specField maps an adminconsole field name onto the spec's JSON name.
func specField(f string) string {
	switch f {
	case "CompanyName":
		return "company_name"
	case "ReportSuites", "AnalyticsPermissions.ReportSuites":
		return "report_suites"
	case "Events", "AnalyticsPermissions.Metrics":
		return "events"
	case "EVars", "AnalyticsPermissions.Dimensions":
		return "cid_evar"
	}
	return f
}

func printableName(v string, minLen, maxLen int) error {
	n := utf8.RuneCountInString(v)
	switch {
	case !utf8.ValidString(v):
		return errors.New("is not valid UTF-8")
	case strings.TrimSpace(v) == "":
		return errors.New("is empty or only blanks")
	case strings.TrimSpace(v) != v:
		return fmt.Errorf("%q has leading or trailing blanks", v)
	case n < minLen || n > maxLen:
		return fmt.Errorf("%q has %d characters; it must have %d to %d", v, n, minLen, maxLen)
	}
	for _, r := range v {
		if unicode.IsControl(r) || r == '"' || r == '\\' {
			return fmt.Errorf("%q contains %q", v, r)
		}
	}
	return nil
}

// Build is a Campaign Classic version and build number.
type Build struct {
	// Version is e.g. "7.4.4" ("" when only the build was given).
	Version string
	// Number is the build, e.g. 9400.
	Number int
}

// String returns "7.4.4 build 9400".
func (b Build) String() string {
	switch {
	case b.Version == "":
		return "build " + strconv.Itoa(b.Number)
	default:
		return b.Version + " build " + strconv.Itoa(b.Number)
	}
}

// Builds named in Campaign's release notes that matter to the connector.
const (
	// BuildOAuth (7.4.1) brought OAuth Server-to-Server for outbound
	// integrations: nlserver config -setimsoauth.
	BuildOAuth = 9383
	// BuildAnalytics20 (7.4.4) moved the connector to the Analytics 2.0
	// API; Analytics 1.4 was retired in August 2026.
	BuildAnalytics20 = 9400
)

// knownBuilds maps release versions to their builds (Campaign Classic
// release notes).
var knownBuilds = map[string]int{
	"7.2.1": 9346, "7.2.2": 9349, "7.3.1": 9352, "7.3.2": 9354, "7.3.3": 9359, "7.3.4": 9364, "7.3.5": 9368,
	"7.4.1": 9383, "7.4.2": 9390, "7.4.3": 9394, "7.4.4": 9400,
}

var buildRe = regexp.MustCompile(`^(?i)v?(\d+\.\d+\.\d+)?(?:\s*\(?\s*(?:build\s*)?(\d{4,5})\)?)?$`)

// ParseBuild reads "7.4.4 build 9400", "7.4.4 (9400)", "7.4.4" or "9400".
func ParseBuild(s string) (Build, error) {
	s = strings.TrimSpace(s)
	m := buildRe.FindStringSubmatch(s)
	if m == nil || (m[1] == "" && m[2] == "") {
		return Build{}, fmt.Errorf("%q is not a Campaign version and build (e.g. \"7.4.4 build 9400\")", s)
	}
	b := Build{Version: m[1]}
	if m[2] != "" {
		b.Number, _ = strconv.Atoi(m[2])
	}
	if known, ok := knownBuilds[b.Version]; ok {
		if b.Number != 0 && b.Number != known {
			return Build{}, fmt.Errorf("%q: version %s is build %d, not %d", s, b.Version, known, b.Number)
		}
		b.Number = known
	}
	if b.Number == 0 {
		return Build{}, fmt.Errorf("%q: version %s has no build number the SDK knows; give the build from Help > About, e.g. \"%s build 9400\"", s, b.Version, b.Version)
	}
	return b, nil
}
