package adminconsole

import (
	"fmt"
	"strings"

	"github.com/go-adobe/adobe"
)

// AdminConsoleURL is where the manual steps happen.
const AdminConsoleURL = "https://adminconsole.adobe.com"

// ManualStep is one numbered instruction for a person in the Admin Console.
type ManualStep struct {
	// Text is the instruction, with the exact names to type or pick.
	Text string
	// Items are the exact permission items to add in this step, if any.
	Items []string
}

// ManualSteps returns the exact steps a person performs in the Admin
// Console to create the profile with its permissions: there is no
// documented Adobe API for either (UMAPI: "You cannot create product
// profiles through the API").
func (p ProfileSpec) ManualSteps() []ManualStep {
	product := p.Product
	if product == "" {
		product = "Adobe Analytics"
	}
	perm := p.Permissions
	steps := []ManualStep{
		{Text: fmt.Sprintf("Sign in to the Admin Console (%s) as a System Administrator or a Product Administrator of %s, in the organization the SDK manages.", AdminConsoleURL, product)},
		{Text: fmt.Sprintf("Open Products, select %s, and click New Profile.", product)},
		{Text: fmt.Sprintf("Enter the profile name %q exactly (names are compared case-insensitively and must be unique across profiles and user groups)%s, then click Next and Save.", p.Name, descriptionHint(p.Description))},
		{Text: fmt.Sprintf("Open the profile %q and select its Permissions tab.", p.Name)},
	}
	steps = append(steps, sectionStep("Report Suites", perm.ReportSuites)...)
	steps = append(steps, sectionStep("Metrics", perm.Metrics)...)
	steps = append(steps, sectionStep("Dimensions", perm.Dimensions)...)
	if len(perm.ReportSuiteTools) > 0 {
		steps = append(steps, ManualStep{Text: "Click Edit on Report Suite Tools, add each of these items to the Included Permission Items, and click Save:", Items: perm.ReportSuiteTools})
	}
	if len(perm.AnalyticsTools) > 0 {
		steps = append(steps, ManualStep{Text: "Click Edit on Analytics Tools, add each of these items to the Included Permission Items, and click Save:", Items: perm.AnalyticsTools})
	}
	steps = append(steps,
		ManualStep{Text: "Check that the Permissions tab lists every section above with the items shown, then save the profile."},
		ManualStep{Text: fmt.Sprintf("Attach the profile to the API credential that will call Analytics: the profile's API Credentials tab → Add API Credential (or select %q when adding Adobe Analytics to the Developer Console project).", p.Name)},
	)
	return steps
}

func descriptionHint(d string) string {
	if d == "" {
		return ""
	}
	return fmt.Sprintf(" with the description %q", d)
}

func sectionStep(section string, s PermissionItems) []ManualStep {
	switch {
	case s.AutoInclude:
		return []ManualStep{{Text: fmt.Sprintf("Click Edit on %s, switch Auto-include on (it adds every present and future item), and click Save.", section)}}
	case len(s.Items) > 0:
		return []ManualStep{{Text: fmt.Sprintf("Click Edit on %s, keep Auto-include off, add each of these items to the Included Permission Items, and click Save:", section), Items: s.Items}}
	}
	return nil
}

// RenderMarkdown renders steps as a numbered Markdown list under a title.
func RenderMarkdown(title string, steps []ManualStep) string {
	var b strings.Builder
	if title != "" {
		fmt.Fprintf(&b, "### %s\n\n", title)
	}
	for i, s := range steps {
		fmt.Fprintf(&b, "%d. %s\n", i+1, s.Text)
		for _, it := range s.Items {
			fmt.Fprintf(&b, "   - `%s`%s\n", it, campaignNote(it))
		}
	}
	return b.String()
}

// RenderText renders steps as plain numbered text under a title.
func RenderText(title string, steps []ManualStep) string {
	var b strings.Builder
	if title != "" {
		fmt.Fprintf(&b, "%s\n\n", title)
	}
	for i, s := range steps {
		fmt.Fprintf(&b, "%2d. %s\n", i+1, s.Text)
		for _, it := range s.Items {
			fmt.Fprintf(&b, "      * %s%s\n", it, campaignNote(it))
		}
	}
	return b.String()
}

// ManualStepRequired is returned when a task has no documented Adobe API and
// a person must do it in the Admin Console. It carries the exact steps; show
// them (Markdown or Text), then call [Client.WaitForProductProfile] to
// continue once the person is done.
type ManualStepRequired struct {
	// Task names the step, e.g. "create-product-profile".
	Task string
	// Reason says why the SDK cannot do it.
	Reason string
	// Profile is the profile concerned.
	Profile ProfileSpec
	// Steps are the instructions.
	Steps []ManualStep
}

// Error implements error. It says what the person must do: follow the
// steps (Markdown or Text render them), then let the program continue.
func (e *ManualStepRequired) Error() string {
	steps := "steps"
	if len(e.Steps) == 1 {
		steps = "step"
	}
	next := "then run again"
	if e.Task == TaskCreateProductProfile {
		next = "then WaitForProductProfile continues"
	}
	return fmt.Sprintf("adminconsole: manual step required (%s): %s; a person must follow %d %s in the Admin Console (see Markdown or Text), %s", e.Task, e.Reason, len(e.Steps), steps, next)
}

// Is matches adobe.ErrNotFound for a profile to create
// ([TaskCreateProductProfile]) and adobe.ErrConflict for a name taken by
// another group ([TaskRenameConflictingGroup]).
func (e *ManualStepRequired) Is(target error) bool {
	switch e.Task {
	case TaskCreateProductProfile:
		return target == adobe.ErrNotFound
	case TaskRenameConflictingGroup:
		return target == adobe.ErrConflict
	}
	return false
}

// Markdown renders the steps as Markdown.
func (e *ManualStepRequired) Markdown() string {
	return RenderMarkdown(e.title(), e.Steps) + "\n" + e.Reason + "\n"
}

// Text renders the steps as plain text.
func (e *ManualStepRequired) Text() string {
	return RenderText(e.title(), e.Steps) + "\n" + e.Reason + "\n"
}

func (e *ManualStepRequired) title() string {
	return fmt.Sprintf("Manual step: %s %q", e.Task, e.Profile.Name)
}

// TaskCreateProductProfile is the ManualStepRequired task for a product
// profile that must be created in the Admin Console.
const TaskCreateProductProfile = "create-product-profile"

// TaskRenameConflictingGroup is the ManualStepRequired task for a profile
// name already used by another group or another product's profile.
const TaskRenameConflictingGroup = "resolve-name-conflict"

// campaignWording is how Campaign's provisioning guide spells the tools
// items whose Analytics name differs (Campaign Classic docs, "Provisioning
// Adobe Analytics", step 1). The checklists show both, since a person may
// follow either page.
var campaignWording = map[string]string{
	ReportSuiteMgmt:           "Report suite Mgmt",
	ConversionVariables:       "Conversion variables",
	SuccessEvents:             "Success events",
	CustomDataWarehouseReport: "Custom data Warehouse report",
	DataSourcesManager:        "Data sources manager",
	CodeManagerWebServices:    "Code Manager - Web services",
	LogsWebServices:           "Logs - Web services",
	WebServices:               "Web services",
	WebServiceAccess:          "Web service access",
	CalculatedMetricCreation:  "Calculated metric creation",
	SegmentCreation:           "Segment creation",
}

func campaignNote(item string) string {
	if w, ok := campaignWording[item]; ok && w != item {
		return fmt.Sprintf(" (Campaign's guide: %q)", w)
	}
	return ""
}
