package adminconsole

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/go-adobe/adobe/internal/core"
)

// RequireProductProfile returns the product profile spec.Name if it exists
// for a product that match accepts (nil: [AnalyticsProduct]). When it does
// not exist it returns a *[ManualStepRequired] carrying the Admin Console
// steps that create it with spec's permissions, since no Adobe API can.
// When the name is taken by a user group or another product's profile, the
// ManualStepRequired says so.
//
// UMAPI cannot read a profile's permissions either: verify their effect
// through the Analytics 2.0 API with the connector's own credential.
//
// API: GET /groups/{orgId}/{page}
func (c *Client) RequireProductProfile(ctx context.Context, spec ProfileSpec, match ProductMatcher, opts ...core.RequestOption) (Group, error) {
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
		what := fmt.Sprintf("a %s", g.Type)
		if g.IsProductProfile() {
			what = fmt.Sprintf("a product profile of %q", g.ProductName)
		}
		return Group{}, &ManualStepRequired{
			Task:    TaskRenameConflictingGroup,
			Reason:  fmt.Sprintf("the name %q is already used by %s; profile and user-group names are unique in an org", g.Name, what),
			Profile: spec,
			Steps: []ManualStep{
				{Text: fmt.Sprintf("In the Admin Console (%s), rename or delete the existing %s %q, or choose another name for the profile.", AdminConsoleURL, g.Type, g.Name)},
			},
		}
	}
	return g, nil
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
// exponential backoff and stops when ctx is done (returning ctx.Err() joined
// with the last "not found"). Other errors end the wait at once.
//
// API: GET /groups/{orgId}/{page}
func (c *Client) WaitForProductProfile(ctx context.Context, name string, opts *WaitOptions, reqOpts ...core.RequestOption) (Group, error) {
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
	delay := o.MinDelay
	for {
		g, err := c.Groups.GetProductProfile(ctx, name, reqOpts...)
		var nf *NotFoundError
		switch {
		case err == nil && o.Product(g.ProductName):
			return g, nil
		case err == nil:
			return Group{}, fmt.Errorf("adminconsole: %q is a product profile of %q, not of the expected product", g.Name, g.ProductName)
		case !errors.As(err, &nf):
			return Group{}, err
		}
		d := delay/2 + rand.N(delay/2+1)
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return Group{}, errors.Join(ctx.Err(), err)
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
	// AddedToOrg and AddedToProfile report the changes made.
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
// duplicate anything. Partial failures come back as an *[ActionError] with
// the result.
//
// API: GET /groups/{orgId}/{page}, GET /organizations/{orgId}/users/{email},
// POST /action/{orgId}
func (c *Client) EnsureUserOnProfile(ctx context.Context, profile, email string, opts *EnsureOptions, reqOpts ...core.RequestOption) (EnsureResult, error) {
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
	u, err := c.Users.Get(ctx, email, nil, reqOpts...)
	inOrg := err == nil
	switch {
	case err != nil && !errors.Is(err, core.ErrNotFound):
		return res, err
	case inOrg && u.InGroup(g.Name):
		res.AlreadyMember = true
		res.Verified = true
		return res, nil
	case !inOrg && !o.AddToOrg:
		return res, fmt.Errorf("adminconsole: %s is not a member of the org; set EnsureOptions.AddToOrg to add the Adobe ID: %w", email, err)
	}
	cmd := Command{User: email, UseAdobeID: !inOrg || u.Type == UserTypeAdobeID}
	if !inOrg {
		cmd.Steps = append(cmd.Steps, step)
	}
	cmd.Steps = append(cmd.Steps, AddToGroups{Groups: []string{g.Name}})
	ar, err := c.Actions.Do(ctx, []Command{cmd}, &ActionOptions{TestOnly: o.TestOnly}, reqOpts...)
	res.Action = ar
	if err != nil {
		return res, err
	}
	if o.TestOnly {
		return res, nil
	}
	res.AddedToOrg, res.AddedToProfile = !inOrg, true
	if u, err := c.Users.Get(ctx, email, nil, reqOpts...); err == nil {
		res.Verified = u.InGroup(g.Name)
	}
	return res, nil
}
