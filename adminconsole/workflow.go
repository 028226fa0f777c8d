package adminconsole

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// RequireProductProfile returns the product profile spec.Name if it exists
// for a product that match accepts (nil: [AnalyticsProduct]). When it does
// not exist it returns a *[ManualStepRequired] ([TaskCreateProductProfile])
// carrying the Admin Console steps that create it with spec's permissions,
// since no Adobe API can. When the name is taken by a user group, an admin
// group or another product's profile, the ManualStepRequired has the task
// [TaskRenameConflictingGroup].
//
// UMAPI cannot read a profile's permissions either: verify their effect
// through the Analytics 2.0 API with the connector's own credential.
//
// Calls: the groups listing, page by page until the name is found
// (GET /groups/{orgId}/{page}, 5 per minute per client).
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/group.html
func (c *Client) RequireProductProfile(ctx context.Context, spec ProfileSpec, match ProductMatcher, opts ...adobe.RequestOption) (Group, error) {
	if spec.Name == "" {
		return Group{}, core.NewArgError("ProfileSpec.Name", "is empty")
	}
	if err := spec.Permissions.Validate(); err != nil {
		return Group{}, err
	}
	if match == nil {
		match = AnalyticsProduct
	}
	g, err := c.Groups.Get(ctx, spec.Name, opts...)
	var nf *NotFoundError
	switch {
	case errors.As(err, &nf):
		return Group{}, &ManualStepRequired{
			Task:    TaskCreateProductProfile,
			Reason:  "no Adobe API creates product profiles or sets their permissions (User Management API: \"You cannot create product profiles through the API. You must create them in the Admin Console.\")",
			Profile: spec, Steps: spec.ManualSteps(),
		}
	case err != nil:
		return Group{}, err
	case !g.IsProductProfile() || !match(g.ProductName):
		return Group{}, nameConflict(spec, g)
	}
	return g, nil
}

// nameConflict is the manual step for a name taken by another group or
// another product's profile.
func nameConflict(spec ProfileSpec, g Group) *ManualStepRequired {
	what := groupTypeWords(g.Type)
	if g.IsProductProfile() {
		what = fmt.Sprintf("a product profile of %q", g.ProductName)
	}
	fix := "rename or delete it, or choose another name for the new profile"
	if strings.HasPrefix(strings.ToLower(spec.Name), campaignProfilePrefix) {
		// Campaign's guide requires exactly this name for the connector.
		fix = fmt.Sprintf("rename or delete it: Adobe Campaign requires the connector's profile to be named exactly %q", spec.Name)
	}
	return &ManualStepRequired{
		Task:    TaskRenameConflictingGroup,
		Reason:  fmt.Sprintf("the name %q is already used by %s; product profile and user group names are unique in an org (compared case-insensitively)", g.Name, what),
		Profile: spec,
		Steps: []ManualStep{
			{Text: fmt.Sprintf("In the Admin Console (%s), find %s %q; %s.", AdminConsoleURL, what, g.Name, fix)},
		},
	}
}

// WaitOptions bound [Client.WaitForProductProfile]'s polling.
type WaitOptions struct {
	// Product selects the profile's product (default AnalyticsProduct).
	Product ProductMatcher
	// MinDelay is the first delay between polls (default 30 s); delays
	// double, with jitter, up to MaxDelay (default 5 min). Each poll lists
	// the org's groups, which Adobe limits to 5 pages per minute per client.
	MinDelay, MaxDelay time.Duration
}

// WaitForProductProfile polls the groups listing until a product profile
// called name exists (a person creating it in the Admin Console), then
// returns it. It polls within the groups rate limit with jittered
// exponential backoff and stops when ctx is done, returning an error that
// names the profile and wraps ctx.Err() joined with the last
// *[NotFoundError] seen (errors.Is(err, context.DeadlineExceeded) and
// errors.As(err, &notFound) both hold), even when ctx ends while a poll is
// waiting for the rate limiter. A name taken by another kind of group or by
// another product's profile ends the wait with a *[ManualStepRequired]
// ([TaskRenameConflictingGroup]); other errors end it at once.
//
// Calls: the groups listing (GET /groups/{orgId}/{page}, 5 per minute per
// client), page by page, once per poll.
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/group.html
func (c *Client) WaitForProductProfile(ctx context.Context, name string, opts *WaitOptions, reqOpts ...adobe.RequestOption) (Group, error) {
	var o WaitOptions
	if opts != nil {
		o = *opts
	}
	if o.Product == nil {
		o.Product = AnalyticsProduct
	}
	if o.MinDelay <= 0 {
		o.MinDelay = 30 * time.Second
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = 5 * time.Minute
	}
	if o.MaxDelay < o.MinDelay {
		return Group{}, core.NewArgError("WaitOptions.MaxDelay", "%s is below MinDelay %s", o.MaxDelay, o.MinDelay)
	}
	if strings.TrimSpace(name) == "" {
		return Group{}, core.NewArgError("product profile name", "is empty")
	}
	delay := o.MinDelay
	var lastNF error
	stopped := func() error {
		return fmt.Errorf("adminconsole: waiting for product profile %q: %w", name, errors.Join(ctx.Err(), lastNF))
	}
	for {
		g, err := c.Groups.GetProductProfile(ctx, name, reqOpts...)
		var nf *NotFoundError
		var wrong *WrongGroupTypeError
		switch {
		case err == nil && o.Product(g.ProductName):
			return g, nil
		case err == nil:
			return Group{}, nameConflict(ProfileSpec{Name: name}, g)
		case errors.As(err, &wrong):
			return Group{}, nameConflict(ProfileSpec{Name: name}, wrong.Group)
		case errors.As(err, &nf):
			lastNF = err
		case ctx.Err() != nil:
			// The context ended during a poll (often in the limiter's wait).
			return Group{}, stopped()
		default:
			return Group{}, err
		}
		d := delay/2 + rand.N(delay/2+1)
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return Group{}, stopped()
		case <-t.C:
		}
		delay = min(delay*2, o.MaxDelay)
	}
}

// EnsureOptions change [Client.EnsureUserOnProfile].
type EnsureOptions struct {
	// AddToOrg adds the Adobe ID to the org first (addAdobeID with
	// ignoreIfAlreadyExists) when the user is not a member. Without it a
	// user outside the org is an error matching adobe.ErrNotFound.
	AddToOrg bool
	// Country, FirstName and LastName are used when adding the user.
	Country, FirstName, LastName string
	// TestOnly sends the action with ?testOnly=true (see ActionOptions).
	TestOnly bool
}

// EnsureResult says what [Client.EnsureUserOnProfile] found and did.
type EnsureResult struct {
	// Profile is the product profile.
	Profile Group
	// AlreadyMember reports that nothing had to change.
	AlreadyMember bool
	// AddedToOrg and AddedToProfile report the changes Adobe confirmed
	// (both false in a TestOnly run, and for a step that failed or whose
	// request was not confirmed).
	AddedToOrg, AddedToProfile bool
	// Verified reports that a read after the change showed the membership
	// (UMAPI is eventually consistent; false is not a failure by itself).
	Verified bool
	// Action is the action API's result when an action was sent.
	Action *ActionResult
}

// EnsureUserOnProfile makes sure the Adobe ID user with this email (for
// example the operator who will log in to Campaign with Adobe ID) is a
// member of the named product profile. It reads the profile and the user
// first and sends an action only when the user is missing, so re-runs never
// duplicate anything.
//
// The user is looked up as an Adobe ID (domain=AdobeID) and the answer's
// account type is checked: when the org's account for the email is an
// Enterprise or Federated ID, it returns a *[NotAdobeIDError] and changes
// nothing. A user outside the org is an error matching adobe.ErrNotFound
// unless opts.AddToOrg is set. A profile name used by another kind of group
// is a *[WrongGroupTypeError].
//
// Partial failures (Adobe answering 200 with per-step errors, or a request
// that failed as a whole) come back as an *[ActionError] together with an
// EnsureResult whose Action holds the result and whose AddedToOrg /
// AddedToProfile say which steps Adobe confirmed. With opts.TestOnly the
// action is sent with ?testOnly=true: nothing changes, Action reports
// CompletedInTestMode, and no read-back is made.
//
// Calls, in order: the groups listing (GET /groups/{orgId}/{page}, until the
// profile is found); the user (GET /organizations/{orgId}/users/{email}?domain=AdobeID);
// only when the user is not on the profile, one POST /action/{orgId}
// (addAdobeID with ignoreIfAlreadyExists when adding to the org, then add)
// and a second user read to verify.
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/getUser.html,
// https://adobe-apiplatform.github.io/umapi-documentation/en/api/ActionsRef.html
func (c *Client) EnsureUserOnProfile(ctx context.Context, profile, email string, opts *EnsureOptions, reqOpts ...adobe.RequestOption) (EnsureResult, error) {
	var o EnsureOptions
	if opts != nil {
		o = *opts
	}
	step := AddAdobeID{Email: email, Country: o.Country, FirstName: o.FirstName, LastName: o.LastName}
	if err := step.check(Command{}); err != nil {
		return EnsureResult{}, core.NewArgError("email", "%v", err)
	}
	var res EnsureResult
	g, err := c.Groups.GetProductProfile(ctx, profile, reqOpts...)
	if err != nil {
		return res, err
	}
	res.Profile = g
	asAdobeID := &GetUserOptions{Domain: DomainAdobeID}
	u, err := c.Users.Get(ctx, email, asAdobeID, reqOpts...)
	inOrg := err == nil
	switch {
	case err != nil && !errors.Is(err, adobe.ErrNotFound):
		return res, err
	case inOrg && u.Type != "" && u.Type != UserTypeAdobeID:
		return res, &NotAdobeIDError{Email: email, Type: u.Type}
	case inOrg && u.InGroup(g.Name):
		res.AlreadyMember = true
		res.Verified = true
		return res, nil
	case !inOrg && !o.AddToOrg:
		return res, fmt.Errorf("adminconsole: %s is not a member of the org; set EnsureOptions.AddToOrg to add the Adobe ID: %w", email, err)
	}
	cmd := Command{User: email, UseAdobeID: true}
	if !inOrg {
		cmd.Steps = append(cmd.Steps, step)
	}
	cmd.Steps = append(cmd.Steps, AddToGroups{Groups: []string{g.Name}})
	ar, err := c.Actions.Do(ctx, []Command{cmd}, &ActionOptions{TestOnly: o.TestOnly}, reqOpts...)
	res.Action = ar
	if ar != nil && !o.TestOnly {
		if !inOrg {
			res.AddedToOrg = confirmedThrough(ar, 0, 0)
		}
		res.AddedToProfile = confirmedThrough(ar, 0, len(cmd.Steps)-1)
	}
	if err != nil || o.TestOnly {
		return res, err
	}
	if u, err := c.Users.Get(ctx, email, asAdobeID, reqOpts...); err == nil {
		res.Verified = u.InGroup(g.Name)
	}
	return res, nil
}

// confirmedThrough reports whether Adobe confirmed steps 0..step of command
// cmd: the command was sent in full and no failure names one of those
// steps or the whole command (Adobe stops a command at its first failing
// step).
func confirmedThrough(r *ActionResult, cmd, step int) bool {
	if slices.Contains(r.Unconfirmed, cmd) || slices.Contains(r.NotSent, cmd) {
		return false
	}
	for _, f := range r.FailuresOf(cmd) {
		if f.Step < 0 || f.Step <= step {
			return false
		}
	}
	return true
}
