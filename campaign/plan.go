package campaign

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/auth"
)

// Action says what a planned change would do.
type Action string

// Actions.
const (
	// ActionCreate: the SDK would write it.
	ActionCreate Action = "create"
	// ActionManual: a person must do it; no API exists.
	ActionManual Action = "manual"
)

// PlannedChange is one change ProvisionConnector would make.
type PlannedChange struct {
	// Step is the checklist item id.
	Step string `json:"step"`
	// Action says who would do it.
	Action Action `json:"action"`
	// What says what would change.
	What string `json:"what"`
}

// Plan is what ProvisionConnector would do, from the reads PlanConnector
// made. It writes nothing.
type Plan struct {
	// Changes are the writes and manual steps, in order.
	Changes []PlannedChange `json:"changes"`
	// Manual carries the rendered Admin Console steps when the product
	// profile is missing.
	Manual *adminconsole.ManualStepRequired `json:"-"`
	// ManualSteps is Manual rendered as Markdown, for JSON readers.
	ManualSteps string `json:"manual_steps,omitempty"`
	// Result is what the reads found, with the checklist as it stands.
	Result *ConnectorResult `json:"result"`
}

func (p *Plan) add(step string, a Action, format string, args ...any) {
	p.Changes = append(p.Changes, PlannedChange{Step: step, Action: a, What: fmt.Sprintf(format, args...)})
}

// JSON writes the plan (its changes and what the reads found) as indented
// JSON.
func (p *Plan) JSON(w io.Writer) error {
	return writeJSON(w, p)
}

// Markdown writes the plan as a Markdown list.
func (p *Plan) Markdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Plan: Adobe Analytics connector for %s\n\n", p.Result.OrgID)
	if len(p.Changes) == 0 {
		b.WriteString("Nothing to change: the connector is provisioned.\n")
	}
	for i, c := range p.Changes {
		fmt.Fprintf(&b, "%d. [%s] %s\n", i+1, c.Action, c.What)
	}
	if p.Manual != nil {
		b.WriteString("\n" + p.Manual.Markdown())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// PlanConnector returns the ordered changes ProvisionConnector would make,
// with what its reads found, and writes nothing: it reads the Admin
// Console, the Developer Console and, when the credential already exists,
// Analytics as the connector (the operator check is UMAPI's testOnly
// action, which changes nothing). Input errors are the same as
// ProvisionConnector's.
func PlanConnector(ctx context.Context, cfg *auth.Config, spec ConnectorSpec, opts ...Option) (*Plan, error) {
	r, err := newRun(cfg, spec, true, opts)
	if err != nil {
		return nil, err
	}
	r.plan.Result = r.res
	err = r.run(ctx)
	// Steps ran side by side: list the changes in the procedure's order.
	order := map[string]int{}
	for i, it := range r.res.Checklist {
		order[it.ID] = i
	}
	slices.SortStableFunc(r.plan.Changes, func(a, b PlannedChange) int { return order[a.Step] - order[b.Step] })
	var cc *CustomerCareRequired
	if errors.As(err, &cc) {
		r.plan.add(ItemCustomerCare, ActionManual, "send the prepared request to Adobe Customer Care")
		err = nil
	}
	return r.plan, err
}
