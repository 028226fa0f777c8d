package adminconsole

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/go-adobe/adobe/internal/core"
)

// Command is one entry of the action API: an ordered list of steps for one
// user or for one user group. Build it with [ForUser] or [ForUserGroup].
//
// Adobe applies a command's steps in order, but does not guarantee the order
// of different commands in one request. Commands are validated before any
// request is sent.
type Command struct {
	// User is the user's email address, or a username qualified by Domain.
	// Exactly one of User and UserGroup is set.
	User string
	// Domain qualifies a User that is not an email address (Federated IDs).
	Domain string
	// UseAdobeID makes Adobe resolve User as an Adobe ID even where the
	// email's domain is claimed by the org.
	UseAdobeID bool
	// UserGroup is the name of the user group the steps apply to.
	UserGroup string
	// RequestID is echoed back in Adobe's errors and warnings. When empty
	// the SDK sets "cmd<index>"; results map errors back by position either
	// way.
	RequestID string
	// Steps are the command's steps, in order.
	Steps []Step
}

// ForUser returns a command for the user with this email address.
func ForUser(email string, steps ...Step) Command { return Command{User: email, Steps: steps} }

// ForUserGroup returns a command for the named user group.
func ForUserGroup(name string, steps ...Step) Command {
	return Command{UserGroup: name, Steps: steps}
}

// Step is one step of a [Command]. The step types of this package implement
// it: for users [AddAdobeID], [CreateEnterpriseID], [CreateFederatedID],
// [UpdateUser], [AddToGroups], [RemoveFromGroups] and [RemoveFromOrg]; for
// user groups [CreateUserGroup], [UpdateUserGroup], [DeleteUserGroup],
// [AddToUserGroup] and [RemoveFromUserGroup].
type Step interface {
	// Action returns the step's action-API key, e.g. "addAdobeID" or "add".
	Action() string
	wire() []wireStep // one or more wire steps (lists split at 10 names)
	forUserGroup() bool
	check(c Command) error
	// kind: create (must be first), final (must be last), or plain
	kind() stepKind
	idempotent() bool
}

type stepKind int

const (
	kindPlain stepKind = iota
	kindCreate
	kindFinal
)

// CreateOption says what a create step does when the user or group exists.
type CreateOption string

// Create options. The zero value means IgnoreIfAlreadyExists, which makes
// re-runs and retries safe.
const (
	// IgnoreIfAlreadyExists skips the create (and runs the other steps) when
	// the user or group exists.
	IgnoreIfAlreadyExists CreateOption = "ignoreIfAlreadyExists"
	// UpdateIfAlreadyExists updates the existing user's names (a user
	// group's description).
	UpdateIfAlreadyExists CreateOption = "updateIfAlreadyExists"
	// ErrorIfAlreadyExists sends no option: Adobe reports an existing user
	// or group as an error.
	ErrorIfAlreadyExists CreateOption = "error"
)

func (o CreateOption) wire() string {
	switch o {
	case "":
		return string(IgnoreIfAlreadyExists)
	case ErrorIfAlreadyExists:
		return ""
	}
	return string(o)
}

func (o CreateOption) check() error {
	switch o {
	case "", IgnoreIfAlreadyExists, UpdateIfAlreadyExists, ErrorIfAlreadyExists:
		return nil
	}
	return fmt.Errorf("option %q is not one of %s, %s, %s", o, IgnoreIfAlreadyExists, UpdateIfAlreadyExists, ErrorIfAlreadyExists)
}

// wireStep is one {"<key>": <value>} object of a command's "do" array.
type wireStep struct {
	key   string
	value any
	names []string // the names a list step carries, for error reports
}

func (w wireStep) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{w.key: w.value})
}

// newUser is the body of the three create-user steps.
type newUser struct {
	Email     string `json:"email"`
	Country   string `json:"country,omitempty"`
	FirstName string `json:"firstname,omitempty"`
	LastName  string `json:"lastname,omitempty"`
	Option    string `json:"option,omitempty"`
}

// AddAdobeID adds an existing (or new) Adobe ID to the org. It must be the
// command's first step.
type AddAdobeID struct {
	Email     string
	Country   string // ISO 3166 alpha-2; optional for Adobe IDs
	FirstName string
	LastName  string
	Option    CreateOption
}

// CreateEnterpriseID creates an Enterprise ID in a claimed domain. It must
// be the command's first step.
type CreateEnterpriseID struct {
	Email     string
	Country   string // ISO 3166 alpha-2; required, cannot be changed later
	FirstName string
	LastName  string
	Option    CreateOption
}

// CreateFederatedID creates a Federated ID in a claimed domain. It must be
// the command's first step.
type CreateFederatedID struct {
	Email     string
	Country   string // ISO 3166 alpha-2; required, cannot be changed later
	FirstName string
	LastName  string
	Option    CreateOption
}

// Action implements Step.
func (AddAdobeID) Action() string { return "addAdobeID" }

// Action implements Step.
func (CreateEnterpriseID) Action() string { return "createEnterpriseID" }

// Action implements Step.
func (CreateFederatedID) Action() string { return "createFederatedID" }

func (s AddAdobeID) wire() []wireStep {
	return []wireStep{{key: s.Action(), value: newUser{s.Email, s.Country, s.FirstName, s.LastName, s.Option.wire()}}}
}
func (s CreateEnterpriseID) wire() []wireStep {
	return []wireStep{{key: s.Action(), value: newUser{s.Email, s.Country, s.FirstName, s.LastName, s.Option.wire()}}}
}
func (s CreateFederatedID) wire() []wireStep {
	return []wireStep{{key: s.Action(), value: newUser{s.Email, s.Country, s.FirstName, s.LastName, s.Option.wire()}}}
}
func (AddAdobeID) forUserGroup() bool         { return false }
func (CreateEnterpriseID) forUserGroup() bool { return false }
func (CreateFederatedID) forUserGroup() bool  { return false }
func (AddAdobeID) kind() stepKind             { return kindCreate }
func (CreateEnterpriseID) kind() stepKind     { return kindCreate }
func (CreateFederatedID) kind() stepKind      { return kindCreate }
func (s AddAdobeID) idempotent() bool         { return s.Option != ErrorIfAlreadyExists }
func (s CreateEnterpriseID) idempotent() bool { return s.Option != ErrorIfAlreadyExists }
func (s CreateFederatedID) idempotent() bool  { return s.Option != ErrorIfAlreadyExists }
func (s AddAdobeID) check(Command) error {
	return checkNewUser(newUser{s.Email, s.Country, s.FirstName, s.LastName, ""}, false, s.Option)
}
func (s CreateEnterpriseID) check(Command) error {
	return checkNewUser(newUser{s.Email, s.Country, s.FirstName, s.LastName, ""}, true, s.Option)
}
func (s CreateFederatedID) check(Command) error {
	return checkNewUser(newUser{s.Email, s.Country, s.FirstName, s.LastName, ""}, true, s.Option)
}

func checkNewUser(s newUser, countryRequired bool, opt CreateOption) error {
	if err := checkEmail(s.Email); err != nil {
		return fmt.Errorf("email %w", err)
	}
	if err := checkCountry(s.Country, countryRequired); err != nil {
		return err
	}
	if err := checkPersonName("firstname", s.FirstName); err != nil {
		return err
	}
	if err := checkPersonName("lastname", s.LastName); err != nil {
		return err
	}
	return opt.check()
}

// UpdateUser changes a user's email, names or username. Empty fields are
// left unchanged. Adobe IDs and countries cannot be updated.
type UpdateUser struct {
	Email     string `json:"email,omitempty"`
	FirstName string `json:"firstname,omitempty"`
	LastName  string `json:"lastname,omitempty"`
	Username  string `json:"username,omitempty"`
}

// Action implements Step.
func (UpdateUser) Action() string     { return "update" }
func (s UpdateUser) wire() []wireStep { return []wireStep{{key: s.Action(), value: s}} }
func (UpdateUser) forUserGroup() bool { return false }
func (UpdateUser) kind() stepKind     { return kindPlain }
func (s UpdateUser) idempotent() bool {
	// A changed email or username renames the account: a retry would
	// address the old name and fail with error.user.nonexistent.
	return s.Email == "" && s.Username == ""
}
func (s UpdateUser) check(Command) error {
	if s == (UpdateUser{}) {
		return fmt.Errorf("changes nothing; set at least one field")
	}
	if s.Email != "" {
		if err := checkEmail(s.Email); err != nil {
			return fmt.Errorf("email %w", err)
		}
	}
	if s.Username != "" {
		if err := checkUsername(s.Username); err != nil {
			return fmt.Errorf("username %w", err)
		}
	}
	if err := checkPersonName("firstname", s.FirstName); err != nil {
		return err
	}
	return checkPersonName("lastname", s.LastName)
}

// AddToGroups adds the user to product profiles, user groups or admin
// groups ("_admin_<profile>", "_product_admin_<product>",
// "_developer_<profile>", "_support_admin", "_deployment_admin"). Lists
// longer than Adobe's 10 names are split into consecutive steps.
type AddToGroups struct {
	Groups []string
}

// RemoveFromGroups removes the user from groups, or from every group and
// role when All is set.
type RemoveFromGroups struct {
	Groups []string
	All    bool
}

// Action implements Step.
func (AddToGroups) Action() string { return "add" }

// Action implements Step.
func (RemoveFromGroups) Action() string { return "remove" }

func (s AddToGroups) wire() []wireStep { return splitGroupStep("add", s.Groups) }
func (s RemoveFromGroups) wire() []wireStep {
	if s.All {
		return []wireStep{{key: "remove", value: "all"}}
	}
	return splitGroupStep("remove", s.Groups)
}
func (AddToGroups) forUserGroup() bool      { return false }
func (RemoveFromGroups) forUserGroup() bool { return false }
func (AddToGroups) kind() stepKind          { return kindPlain }
func (RemoveFromGroups) kind() stepKind     { return kindPlain }
func (AddToGroups) idempotent() bool        { return true }
func (RemoveFromGroups) idempotent() bool   { return true }
func (s AddToGroups) check(Command) error   { return checkNames("Groups", s.Groups, true) }
func (s RemoveFromGroups) check(Command) error {
	if s.All {
		if len(s.Groups) > 0 {
			return fmt.Errorf("set either All or Groups, not both")
		}
		return nil
	}
	return checkNames("Groups", s.Groups, true)
}

type groupList struct {
	Group []string `json:"group"`
}

func splitGroupStep(key string, names []string) []wireStep {
	var out []wireStep
	for chunk := range chunks(names, MaxNamesPerStep) {
		out = append(out, wireStep{key: key, value: groupList{chunk}, names: chunk})
	}
	return out
}

// RemoveFromOrg removes the user from the org; with DeleteAccount an
// Enterprise or Federated ID account is deleted too. It must be the last
// step. Adobe reports it as successful even for a user not in the org.
type RemoveFromOrg struct {
	DeleteAccount bool `json:"deleteAccount"`
}

// Action implements Step.
func (RemoveFromOrg) Action() string      { return "removeFromOrg" }
func (s RemoveFromOrg) wire() []wireStep  { return []wireStep{{key: s.Action(), value: s}} }
func (RemoveFromOrg) forUserGroup() bool  { return false }
func (RemoveFromOrg) kind() stepKind      { return kindFinal }
func (RemoveFromOrg) idempotent() bool    { return true }
func (RemoveFromOrg) check(Command) error { return nil }

// CreateUserGroup creates the command's user group. It must be the first
// step. Name defaults to the command's UserGroup.
type CreateUserGroup struct {
	Name        string
	Description string
	Option      CreateOption
}

type userGroupBody struct {
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	Option      string `json:"option,omitempty"`
}

func (s CreateUserGroup) wire() []wireStep {
	return []wireStep{{key: "createUserGroup", value: userGroupBody{s.Name, s.Description, s.Option.wire()}}}
}
func (CreateUserGroup) forUserGroup() bool { return true }
func (CreateUserGroup) kind() stepKind     { return kindCreate }
func (s CreateUserGroup) idempotent() bool { return s.Option != ErrorIfAlreadyExists }
func (s CreateUserGroup) check(c Command) error {
	if s.Name != "" && !sameGroupName(s.Name, c.UserGroup) {
		return fmt.Errorf("name %q differs from the command's user group %q", s.Name, c.UserGroup)
	}
	return s.Option.check()
}

// UpdateUserGroup renames the user group or changes its description.
type UpdateUserGroup struct {
	Name        string
	Description string
}

func (s UpdateUserGroup) wire() []wireStep {
	return []wireStep{{key: "updateUserGroup", value: userGroupBody{Name: s.Name, Description: s.Description}}}
}
func (UpdateUserGroup) forUserGroup() bool { return true }
func (UpdateUserGroup) kind() stepKind     { return kindPlain }
func (s UpdateUserGroup) idempotent() bool { return s.Name == "" } // a rename cannot run twice
func (s UpdateUserGroup) check(Command) error {
	if s == (UpdateUserGroup{}) {
		return fmt.Errorf("changes nothing; set Name or Description")
	}
	return checkGroupName(s.Name, true)
}

// DeleteUserGroup deletes the user group. It must be the last step.
type DeleteUserGroup struct{}

func (DeleteUserGroup) wire() []wireStep {
	return []wireStep{{key: "deleteUserGroup", value: struct{}{}}}
}
func (DeleteUserGroup) forUserGroup() bool  { return true }
func (DeleteUserGroup) kind() stepKind      { return kindFinal }
func (DeleteUserGroup) idempotent() bool    { return false } // a retried delete reports error.usergroup.not_found
func (DeleteUserGroup) check(Command) error { return nil }

// Action implements Step.
func (CreateUserGroup) Action() string { return "createUserGroup" }

// Action implements Step.
func (UpdateUserGroup) Action() string { return "updateUserGroup" }

// Action implements Step.
func (DeleteUserGroup) Action() string { return "deleteUserGroup" }

// AddToUserGroup adds users (emails) to the user group and attaches
// product profiles to it (every member then gets the profiles). Adobe
// refuses adding users to a group of more than 200,000 members and to
// read-only groups.
type AddToUserGroup struct {
	Users           []string
	ProductProfiles []string
}

// RemoveFromUserGroup removes users from the user group and detaches
// product profiles from it.
type RemoveFromUserGroup struct {
	Users           []string
	ProductProfiles []string
}

// Action implements Step.
func (AddToUserGroup) Action() string { return "add" }

// Action implements Step.
func (RemoveFromUserGroup) Action() string { return "remove" }

func (s AddToUserGroup) wire() []wireStep { return splitMemberStep("add", s.Users, s.ProductProfiles) }
func (s RemoveFromUserGroup) wire() []wireStep {
	return splitMemberStep("remove", s.Users, s.ProductProfiles)
}
func (AddToUserGroup) forUserGroup() bool      { return true }
func (RemoveFromUserGroup) forUserGroup() bool { return true }
func (AddToUserGroup) kind() stepKind          { return kindPlain }
func (RemoveFromUserGroup) kind() stepKind     { return kindPlain }
func (AddToUserGroup) idempotent() bool        { return true }
func (RemoveFromUserGroup) idempotent() bool   { return true }
func (s AddToUserGroup) check(Command) error   { return checkMembers(s.Users, s.ProductProfiles) }
func (s RemoveFromUserGroup) check(Command) error {
	return checkMembers(s.Users, s.ProductProfiles)
}

type memberList struct {
	User                 []string `json:"user,omitempty"`
	ProductConfiguration []string `json:"productConfiguration,omitempty"`
}

func splitMemberStep(key string, users, profiles []string) []wireStep {
	var us, ps [][]string
	for c := range chunks(users, MaxNamesPerStep) {
		us = append(us, c)
	}
	for c := range chunks(profiles, MaxNamesPerStep) {
		ps = append(ps, c)
	}
	var out []wireStep
	for i := range max(len(us), len(ps)) {
		var m memberList
		if i < len(us) {
			m.User = us[i]
		}
		if i < len(ps) {
			m.ProductConfiguration = ps[i]
		}
		out = append(out, wireStep{key: key, value: m, names: append(append([]string(nil), m.User...), m.ProductConfiguration...)})
	}
	return out
}

func checkMembers(users, profiles []string) error {
	if len(users) == 0 && len(profiles) == 0 {
		return fmt.Errorf("names no users and no product profiles")
	}
	for _, u := range users {
		if err := checkEmail(u); err != nil {
			return fmt.Errorf("user %w", err)
		}
	}
	return checkNames("ProductProfiles", profiles, false)
}

// reservedGroups cannot be assigned or removed through UMAPI.
var reservedGroups = []string{"_org_admin", "_compartment_admin", "_compartment_viewer"}

func checkNames(field string, names []string, required bool) error {
	if required && len(names) == 0 {
		return fmt.Errorf("%s is empty", field)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if err := checkGroupName(n, false); err != nil {
			return fmt.Errorf("%s: %w", field, err)
		}
		for _, r := range reservedGroups {
			if sameGroupName(n, r) {
				return fmt.Errorf("%s: %q cannot be assigned or removed through the User Management API; use the Admin Console", field, n)
			}
		}
		k := strings.ToLower(strings.TrimSpace(n))
		if seen[k] {
			return fmt.Errorf("%s: %q is listed twice", field, n)
		}
		seen[k] = true
	}
	return nil
}

// validate checks a command before any request.
func (c Command) validate(i int) error {
	arg := fmt.Sprintf("commands[%d]", i)
	switch {
	case c.User == "" && c.UserGroup == "":
		return core.NewArgError(arg, "sets neither User nor UserGroup")
	case c.User != "" && c.UserGroup != "":
		return core.NewArgError(arg, "sets both User (%q) and UserGroup (%q); use one command each", c.User, c.UserGroup)
	case c.UserGroup != "" && (c.Domain != "" || c.UseAdobeID):
		return core.NewArgError(arg, "Domain and UseAdobeID apply to user commands only")
	case len(c.Steps) == 0:
		return core.NewArgError(arg, "has no steps")
	}
	if c.User != "" && c.Domain == "" {
		if err := checkEmail(c.User); err != nil {
			return core.NewArgError(arg+".User", "%v; set Domain for a username", err)
		}
	}
	if c.User != "" && c.Domain != "" {
		if err := checkDomain(c.Domain); err != nil {
			return core.NewArgError(arg+".Domain", "%v", err)
		}
		if err := checkUsername(c.User); err != nil {
			return core.NewArgError(arg+".User", "%v", err)
		}
	}
	if c.UserGroup != "" {
		if err := checkGroupName(c.UserGroup, false); err != nil {
			return core.NewArgError(arg+".UserGroup", "%v", err)
		}
	}
	for j, s := range c.Steps {
		sarg := fmt.Sprintf("%s.Steps[%d]", arg, j)
		if s == nil {
			return core.NewArgError(sarg, "is nil")
		}
		if s.forUserGroup() != (c.UserGroup != "") {
			target := "user"
			if c.UserGroup != "" {
				target = "user-group"
			}
			return core.NewArgError(sarg, "%T is not a %s step", s, target)
		}
		switch s.kind() {
		case kindCreate:
			if j != 0 {
				return core.NewArgError(sarg, "%s must be the command's first step (Adobe: error.command.create.not_first)", s.Action())
			}
		case kindFinal:
			if j != len(c.Steps)-1 {
				return core.NewArgError(sarg, "%s must be the command's last step", s.Action())
			}
		}
		if err := s.check(c); err != nil {
			return core.NewArgError(sarg, "%s: %v", s.Action(), err)
		}
	}
	return nil
}
