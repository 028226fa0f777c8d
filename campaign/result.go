package campaign

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-adobe/adobe"
)

// Path is who performs the server-side steps.
type Path string

// Paths.
const (
	// SelfService: the instance's owner runs -setimsoauth (on-premise,
	// hybrid).
	SelfService Path = "self-service"
	// AdobeRequest: Adobe performs the server-side steps (hosted, Managed
	// Services, v8); the SDK prepares the request to Customer Care.
	AdobeRequest Path = "adobe-request"
)

// Status of a checklist item.
type Status string

// Statuses.
const (
	// Done: the SDK did it through an API in this run or found it done.
	Done Status = "done"
	// Verified: the SDK checked its effect through the Analytics API with
	// the connector's own token.
	Verified Status = "verified"
	// Manual: a person must do it (no API exists); the item says how.
	Manual Status = "manual"
	// Pending: not reached yet (an earlier step stopped the run).
	Pending Status = "pending"
	// Blocked: a check failed; the item says why and what to do.
	Blocked Status = "blocked"
	// NotApplicable: not for this deployment or mode.
	NotApplicable Status = "n/a"
)

// ChecklistItem is one step of the documented procedure.
type ChecklistItem struct {
	// ID is stable across runs, e.g. "admin-console-profile".
	ID string `json:"id"`
	// Console is where it happens: Admin Console, Developer Console, IMS,
	// Analytics, Campaign server, Campaign client console, Adobe Customer
	// Care.
	Console string `json:"console"`
	// Title says what the step is.
	Title string `json:"title"`
	// Status is where it stands.
	Status Status `json:"status"`
	// Automated reports that the SDK did (or can do) it through an API.
	Automated bool `json:"automated"`
	// Detail says what was found, done or is left to do.
	Detail string `json:"detail,omitempty"`
	// Doc is the documentation reference.
	Doc string `json:"doc,omitempty"`
}

// Selection is one value to pick in Campaign's external account, as
// Campaign displays it.
type Selection struct {
	// Field is the dialog's field, e.g. "Campaign ID" or "Clicked".
	Field string `json:"field"`
	// Value is what to pick, e.g. "Campaign Id (eVar 4)".
	Value string `json:"value"`
	// ID is the Analytics id behind it, e.g. "evar4" or "event7".
	ID string `json:"id,omitempty"`
}

// ExternalAccount holds the values to pick in Campaign's Web Analytics
// external account (Administration > Platform > External accounts, type Web
// Analytics, integration Adobe Analytics, Configure).
type ExternalAccount struct {
	// Type and Integration of the external account.
	Type        string `json:"type"`
	Integration string `json:"integration"`
	// Email is the notification e-mail, when the spec gave one.
	Email string `json:"email,omitempty"`
	// IMSOrg, AnalyticsCompany and ReportSuite are the dialog's
	// drop-downs.
	IMSOrg           string `json:"ims_org"`
	AnalyticsCompany string `json:"analytics_company"`
	ReportSuite      string `json:"report_suite"`
	// EVars are Campaign ID and Broadlog ID; Events the ten events.
	EVars  []Selection `json:"evars"`
	Events []Selection `json:"events"`
}

// CampaignOption is a Campaign option (Administration > Platform > Options).
type CampaignOption struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Why   string `json:"why"`
}

// ContainerCommand is the -setimsoauth command for one container.
type ContainerCommand struct {
	// Host is the container.
	Host string `json:"host"`
	// Command is the command with the client secret masked as
	// <CLIENT_SECRET>; ConnectorResult.RevealCommands gives it in full.
	Command string `json:"command"`
}

// CustomerCareRequest is what to ask Adobe Customer Care for when Adobe
// runs the instance (hosted, Managed Services, v8).
type CustomerCareRequest struct {
	// Subject and Body are the request, ready to send.
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// AnalyticsCheck is what the connector's own token sees in Analytics.
type AnalyticsCheck struct {
	// GlobalCompanyID and CompanyName are the Analytics company.
	GlobalCompanyID string `json:"global_company_id,omitempty"`
	CompanyName     string `json:"company_name,omitempty"`
	// Visible and Missing list the report suites, eVars and events the
	// token sees and does not see (as ids: rsid, evarN, eventN).
	Visible []string `json:"visible,omitempty"`
	Missing []string `json:"missing,omitempty"`
	// Classification says whether the cid eVar has a classification set.
	Classification string `json:"classification,omitempty"`
	// Permissions lists the tool permissions probed and their outcome.
	Permissions []string `json:"permissions,omitempty"`
}

// ConnectorResult is what ProvisionConnector did, found and leaves to do.
// It is returned beside any error, holding what was done so far. Printing
// it (any fmt verb), its JSON and its Markdown never show the client secret.
type ConnectorResult struct {
	// Path says who runs the server-side steps.
	Path Path `json:"path"`
	// OrgID is the IMS organization.
	OrgID string `json:"org_id"`
	// ProfileName and ProfileID are the connector's product profile.
	ProfileName string `json:"profile_name"`
	ProfileID   string `json:"profile_id,omitempty"`
	// ProjectID, ProjectName and WorkspaceID are the Developer Console
	// project; ProjectReused reports that an existing technical account's
	// project was reused.
	ProjectID     string `json:"project_id,omitempty"`
	ProjectName   string `json:"project_name,omitempty"`
	WorkspaceID   string `json:"workspace_id,omitempty"`
	ProjectReused bool   `json:"project_reused,omitempty"`
	// CredentialID is the OAuth Server-to-Server credential.
	CredentialID string `json:"credential_id,omitempty"`
	// TechnicalAccount holds the four -setimsoauth values (the secret
	// redacted everywhere).
	TechnicalAccount TechnicalAccount `json:"technical_account"`
	// Analytics is what the connector's token sees.
	Analytics AnalyticsCheck `json:"analytics"`
	// Commands are the per-container commands, secret masked.
	Commands []ContainerCommand `json:"commands,omitempty"`
	// Options are the Campaign options to set.
	Options []CampaignOption `json:"options,omitempty"`
	// ExternalAccount holds the values to pick in Campaign.
	ExternalAccount *ExternalAccount `json:"external_account,omitempty"`
	// CustomerCare is the request for Adobe-run instances.
	CustomerCare *CustomerCareRequest `json:"customer_care,omitempty"`
	// Checklist is every step of the procedure with its status.
	Checklist []ChecklistItem `json:"checklist"`
	// Changes lists every write this run made, in order; a re-run of a
	// finished provisioning has none.
	Changes []adobe.Change `json:"changes"`

	instance string
}

// RevealCommands returns the per-container commands with the client secret
// in clear, to run on the containers. It is the only way the SDK shows the
// secret; keep its output out of logs and tickets.
func (r *ConnectorResult) RevealCommands() ([]ContainerCommand, error) {
	if len(r.Commands) == 0 {
		return nil, errors.New("campaign: no -setimsoauth commands: the run stopped before the credential was read (see the checklist), or Adobe runs this instance")
	}
	out := make([]ContainerCommand, 0, len(r.Commands))
	for _, c := range r.Commands {
		cmd, err := SetIMSOAuthCommand(r.instance, r.TechnicalAccount, true)
		if err != nil {
			return nil, err
		}
		out = append(out, ContainerCommand{Host: c.Host, Command: cmd})
	}
	return out, nil
}

// Item returns the checklist item with the id, and whether it exists.
func (r *ConnectorResult) Item(id string) (ChecklistItem, bool) {
	for _, it := range r.Checklist {
		if it.ID == id {
			return it, true
		}
	}
	return ChecklistItem{}, false
}

func (r *ConnectorResult) set(id string, st Status, format string, args ...any) {
	for i := range r.Checklist {
		if r.Checklist[i].ID == id {
			r.Checklist[i].Status = st
			r.Checklist[i].Detail = fmt.Sprintf(format, args...)
			return
		}
	}
}

// JSON writes the result as indented JSON (the secret redacted).
func (r *ConnectorResult) JSON(w io.Writer) error {
	return writeJSON(w, r)
}

// Markdown writes the result as a Markdown report: the checklist, the
// Campaign commands (secret masked), the options and the external-account
// values.
func (r *ConnectorResult) Markdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Adobe Analytics connector for Adobe Campaign: %s\n\n", r.OrgID)
	fmt.Fprintf(&b, "- Path: %s\n- Product profile: `%s`", r.Path, r.ProfileName)
	if r.ProfileID != "" {
		fmt.Fprintf(&b, " (id %s)", r.ProfileID)
	}
	b.WriteString("\n")
	if r.ProjectID != "" {
		fmt.Fprintf(&b, "- Developer Console project: %s (id %s, workspace %s)", r.ProjectName, r.ProjectID, r.WorkspaceID)
		if r.ProjectReused {
			b.WriteString(", reused: it holds the instance's existing technical account")
		}
		b.WriteString("\n")
	}
	if t := r.TechnicalAccount; t.ClientID != "" {
		fmt.Fprintf(&b, "- Technical account: client id `%s`, id `%s`, e-mail `%s`, secret %s\n", t.ClientID, t.TechnicalAccountID, t.TechnicalAccountEmail, t.ClientSecret)
	}
	if a := r.Analytics; a.GlobalCompanyID != "" {
		fmt.Fprintf(&b, "- Analytics company: %s (global company id `%s`)\n", a.CompanyName, a.GlobalCompanyID)
	}
	fmt.Fprintf(&b, "- Writes in this run: %d\n", len(r.Changes))
	for _, c := range r.Changes {
		fmt.Fprintf(&b, "  - %s\n", c.What)
	}
	b.WriteString("\n## Checklist\n\n| # | Step | Where | Status | Detail |\n|---|---|---|---|---|\n")
	for i, it := range r.Checklist {
		title := it.Title
		if it.Doc != "" {
			title = "[" + title + "](" + it.Doc + ")"
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s |\n", i+1, title, it.Console, it.Status, mdCell(it.Detail))
	}
	if len(r.Commands) > 0 {
		b.WriteString("\n## On each container, as neolane\n\n```sh\n")
		for _, c := range r.Commands {
			fmt.Fprintf(&b, "# %s\n%s\nnlserver config -reload\n", c.Host, c.Command)
		}
		b.WriteString("```\n\nThe client secret is masked; the SDK shows it only through RevealCommands (the example's -reveal). Restart the instance afterwards.\n")
	}
	if len(r.Options) > 0 {
		b.WriteString("\n## Campaign options (Administration > Platform > Options)\n\n")
		for _, o := range r.Options {
			fmt.Fprintf(&b, "- `%s` = `%s`: %s\n", o.Name, o.Value, o.Why)
		}
	}
	if ea := r.ExternalAccount; ea != nil {
		b.WriteString("\n## External account (type Web Analytics, integration Adobe Analytics, Configure)\n\n| Field | Pick | Id |\n|---|---|---|\n")
		rows := []Selection{{Field: "IMS Org", Value: ea.IMSOrg}, {Field: "Analytics Company", Value: ea.AnalyticsCompany}, {Field: "Report Suite", Value: ea.ReportSuite}}
		if ea.Email != "" {
			rows = append([]Selection{{Field: "E-Mail", Value: ea.Email}}, rows...)
		}
		rows = append(append(rows, ea.EVars...), ea.Events...)
		for _, s := range rows {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", s.Field, mdCell(s.Value), s.ID)
		}
	}
	if cc := r.CustomerCare; cc != nil {
		fmt.Fprintf(&b, "\n## Request to Adobe Customer Care\n\n**%s**\n\n```\n%s\n```\n", cc.Subject, cc.Body)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// writeJSON writes v as indented JSON: every report of the package.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
