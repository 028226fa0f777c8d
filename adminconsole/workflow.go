package adminconsole

import (
	"context"
	"errors"
	"fmt"
	"net/http"
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
// The ManualStepRequired matches adobe.ErrNotFound (profile missing) or
// adobe.ErrConflict (name taken); its Markdown and Text render the steps.
//
// API: GET /groups/{orgId}/{page} (page by page until the name is found;
// 5 per minute per client)
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/group.html
func (c *Client) RequireProductProfile(ctx context.Context, spec ProfileSpec, match ProductMatcher, reqOpts ...adobe.RequestOption) (*Group, error) {
	if err := checkGroupArg("ProfileSpec.Name", spec.Name); err != nil {
		return nil, err
	}
	if err := spec.Permissions.Validate(); err != nil {
		return nil, err
	}
	if match == nil {
		match = AnalyticsProduct
	}
	g, _, err := c.Groups.Get(ctx, spec.Name, reqOpts...)
	var nf *NotFoundError
	switch {
	case errors.As(err, &nf):
		return nil, &ManualStepRequired{
			Task:    TaskCreateProductProfile,
			Reason:  "no Adobe API creates product profiles or sets their permissions (User Management API: \"You cannot create product profiles through the API. You must create them in the Admin Console.\")",
			Profile: spec, Steps: spec.ManualSteps(),
		}
	case err != nil:
		return nil, err
	case !g.IsProductProfile() || !match(g.ProductName):
		return nil, nameConflict(spec, *g)
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

// Default backoff bounds of [Client.WaitForProductProfile]: each poll lists
// the org's groups, which Adobe limits to 5 pages per minute per client.
const (
	DefaultProfileWaitMinDelay = 30 * time.Second
	DefaultProfileWaitMaxDelay = 5 * time.Minute
)

// WaitForProductProfile polls the groups listing until a product profile
// called name exists (a person creating it in the Admin Console after
// [Client.RequireProductProfile] returned a *[ManualStepRequired]), then
// returns it. The profile must belong to a product [AnalyticsProduct]
// matches, as with RequireProductProfile's default.
//
// It polls with exponential backoff between adobe.WithWaitDelays' bounds
// (default [DefaultProfileWaitMinDelay] to [DefaultProfileWaitMaxDelay]),
// calls adobe.WithWaitProgress's callback after every poll that did not
// find it, and gives up after maxWait (zero: only ctx bounds the wait) with
// an *adobe.WaitTimeoutError (errors.Is(err, context.DeadlineExceeded);
// errors.As reaches the last *[NotFoundError]). A poll that meets a 5xx, a
// 429 or an unusable answer is retried at the next poll. A name taken by
// another kind of group or another product's profile ends the wait with a
// *[ManualStepRequired] ([TaskRenameConflictingGroup]); other errors end it
// at once.
//
// API: GET /groups/{orgId}/{page} (page by page, once per poll; 5 per
// minute per client)
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/group.html
func (c *Client) WaitForProductProfile(ctx context.Context, name string, maxWait time.Duration, opts ...adobe.WaitOption) (*Group, error) {
	if err := checkGroupArg("product profile name", name); err != nil {
		return nil, err
	}
	if maxWait < 0 {
		return nil, core.NewArgError("maxWait", "%s is negative; zero waits until ctx ends", maxWait)
	}
	var found *Group
	var lastNF error
	spec := core.WaitSpec{What: fmt.Sprintf("product profile %q", name), MaxWait: maxWait,
		MinDelay: DefaultProfileWaitMinDelay, MaxDelay: DefaultProfileWaitMaxDelay}
	err := core.Wait(ctx, spec, opts, func(ctx context.Context) (bool, string, bool, error) {
		g, _, err := c.Groups.GetProductProfile(ctx, name)
		var nf *NotFoundError
		var wrong *WrongGroupTypeError
		switch {
		case err == nil && AnalyticsProduct(g.ProductName):
			found = g
			return true, "found", false, nil
		case err == nil:
			return false, "another product's profile", false, nameConflict(ProfileSpec{Name: name}, *g)
		case errors.As(err, &wrong):
			return false, "another kind of group", false, nameConflict(ProfileSpec{Name: name}, wrong.Group)
		case errors.As(err, &nf):
			lastNF = err
			return false, "not listed yet", true, err
		case ctx.Err() != nil && lastNF != nil:
			// The time ran out during a poll (often in the limiter's
			// wait): keep what the polls saw.
			return false, "not listed yet", false, errors.Join(err, lastNF)
		case transient(err):
			return false, "transient error", true, err
		}
		return false, "error", false, err
	})
	if err != nil {
		return nil, err
	}
	return found, nil
}

// transient reports an error worth another poll: a 5xx or 429 the
// transport no longer retried, or an unusable 2xx answer.
func transient(err error) bool {
	var ae *adobe.Error
	return errors.Is(err, adobe.ErrInvalidResponse) || errors.Is(err, adobe.ErrRateLimited) ||
		errors.As(err, &ae) && ae.StatusCode >= 500
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

// ProfileMembership is what [Client.EnsureUserOnProfile] ensures: a user
// on a product profile.
type ProfileMembership struct {
	// Profile is the product profile.
	Profile Group
	// Email is the user's email address.
	Email string
	// User is the user as last read (nil when the user was not in the org
	// and no read followed the change).
	User *User
	// Verified reports that a read showed the membership: before any
	// change, or after it (UMAPI is eventually consistent; false after a
	// confirmed change is not a failure by itself).
	Verified bool
	// Action is the action API's result when an action was sent.
	Action *ActionResult
}

// EnsureUserOnProfile makes sure the Adobe ID user with this email (for
// example the operator who will log in to Campaign with Adobe ID) is a
// member of the named product profile. It reads the profile and the user
// first and sends an action only when the user is missing, so re-runs never
// duplicate anything; concurrent calls for one profile and email on one
// client are serialized.
//
// The result's Value is the [ProfileMembership]; Created reports that this
// call put the user on the profile, and Changes lists what Adobe confirmed,
// in order: the Adobe ID added to the org (with opts.AddToOrg), then the
// user added to the profile. A second call finds the membership and writes
// nothing.
//
// The user is looked up as an Adobe ID (domain=AdobeID) and the answer's
// account type is checked: when the org's account for the email is an
// Enterprise or Federated ID, it returns a *[NotAdobeIDError] and changes
// nothing. A user outside the org is a *[NotFoundError] (matching
// adobe.ErrNotFound) unless opts.AddToOrg is set. A profile name used by
// another kind of group is a *[WrongGroupTypeError]. An unusable answer to
// a lookup (an empty or truncated 2xx body) is an *adobe.ResponseError,
// never "not a member".
//
// When the action's outcome is unknown (a 5xx after retries, a lost
// answer, an unusable body), the user is read again: a membership found
// then is success. Partial failures (Adobe answering 200 with per-step
// errors, or a request that failed as a whole) come back as an
// *[ActionError] together with the *adobe.Ensured so far (whenever an action
// was sent), whose Changes say which steps Adobe confirmed. With opts.TestOnly the action is sent with
// ?testOnly=true: nothing changes, Value.Action reports
// CompletedInTestMode, Changes is empty and no read-back is made.
//
// API: GET /groups/{orgId}/{page} (until the profile is found),
// GET /organizations/{orgId}/users/{email}?domain=AdobeID, and only when
// the user is not on the profile POST /action/{orgId} (addAdobeID with
// ignoreIfAlreadyExists when adding to the org, then add) and a second
// user read to verify.
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/getUser.html,
// https://adobe-apiplatform.github.io/umapi-documentation/en/api/ActionsRef.html
func (c *Client) EnsureUserOnProfile(ctx context.Context, profile, email string, opts *EnsureOptions, reqOpts ...adobe.RequestOption) (*adobe.Ensured[ProfileMembership], error) {
	var o EnsureOptions
	if opts != nil {
		o = *opts
	}
	if err := checkGroupArg("profile", profile); err != nil {
		return nil, err
	}
	if err := checkEmailArg("email", email); err != nil {
		return nil, err
	}
	step := AddAdobeID{Email: email, Country: o.Country, FirstName: o.FirstName, LastName: o.LastName}
	if err := step.check(Command{}); err != nil {
		return nil, core.NewArgError("EnsureOptions", "%v", err)
	}
	unlock, err := c.locks.Lock(ctx, "profile membership\x00"+strings.ToLower(strings.TrimSpace(profile))+"\x00"+strings.ToLower(email))
	if err != nil {
		return nil, err
	}
	defer unlock()

	g, _, err := c.Groups.GetProductProfile(ctx, profile, reqOpts...)
	if err != nil {
		return nil, err
	}
	res := &adobe.Ensured[ProfileMembership]{Value: ProfileMembership{Profile: *g, Email: email}}
	asAdobeID := &GetUserOptions{Domain: DomainAdobeID}
	u, _, err := c.Users.Get(ctx, email, asAdobeID, reqOpts...)
	var nf *NotFoundError
	inOrg := err == nil
	switch {
	case err != nil && !errors.As(err, &nf):
		return nil, err
	case inOrg && u.Type != "" && u.Type != UserTypeAdobeID:
		return nil, &NotAdobeIDError{Email: email, Type: u.Type}
	case inOrg && u.InGroup(g.Name):
		res.Value.User, res.Value.Verified = u, true
		return res, nil
	case !inOrg && !o.AddToOrg:
		return nil, err
	}
	res.Value.User = u
	cmd := Command{User: email, UseAdobeID: true}
	if !inOrg {
		cmd.Steps = append(cmd.Steps, step)
	}
	cmd.Steps = append(cmd.Steps, AddToGroups{Groups: []string{g.Name}})
	ar, err := c.Actions.Do(ctx, []Command{cmd}, &ActionOptions{TestOnly: o.TestOnly}, reqOpts...)
	res.Value.Action = ar
	if o.TestOnly {
		return res, err
	}
	actionPath := "/" + apiPath + "action/" + c.orgID
	addedToOrg := !inOrg && ar != nil && confirmedThrough(ar, 0, 0)
	addedToProfile := ar != nil && confirmedThrough(ar, 0, len(cmd.Steps)-1)
	if err != nil && ar != nil && slices.Contains(ar.Unconfirmed, 0) {
		// The outcome is unknown: look before reporting a failure.
		if u2, _, rerr := c.Users.Get(ctx, email, asAdobeID, reqOpts...); rerr == nil && u2.InGroup(g.Name) {
			res.Value.User, res.Value.Verified = u2, true
			addedToOrg, addedToProfile, err = !inOrg, true, nil
		}
	}
	if addedToOrg {
		res.Record(fmt.Sprintf("added the Adobe ID %s to the org", email), http.MethodPost, actionPath)
	}
	if addedToProfile {
		res.Created = true
		res.Record(fmt.Sprintf("added %s to product profile %q", email, g.Name), http.MethodPost, actionPath)
	}
	if err != nil {
		return res, err
	}
	if !res.Value.Verified {
		if u2, _, err := c.Users.Get(ctx, email, asAdobeID, reqOpts...); err == nil {
			res.Value.User, res.Value.Verified = u2, u2.InGroup(g.Name)
		}
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
