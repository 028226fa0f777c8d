package adminconsole

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"

	"github.com/go-adobe/adobe"
)

// HintError wraps an *adobe.Error whose body says nothing, adding the
// likely causes that Adobe documents for it. UMAPI answers 401 and 403 with
// empty bodies. errors.As and errors.Is reach the *adobe.Error (and
// adobe.ErrUnauthorized or adobe.ErrForbidden) through Unwrap.
type HintError struct {
	// Err is the *adobe.Error.
	Err error
	// Hint lists the likely causes and what to check.
	Hint string
}

// Error implements error.
func (e *HintError) Error() string { return e.Err.Error() + "; likely causes: " + e.Hint }

// Unwrap returns the *adobe.Error.
func (e *HintError) Unwrap() error { return e.Err }

// Likely causes of UMAPI's empty 401 and 403 answers (User Management API
// docs, "Authentication" and the error partials).
const (
	hint401 = "the access token was rejected (invalid or expired; UMAPI answers WWW-Authenticate: Bearer realm=\"JIL\", error=\"invalid_token\"); " +
		"if it persists, check that the credential's scopes include openid, AdobeID and user_management_sdk"
	hint403 = "a missing or unauthorized API key: the credential's Developer Console project lacks the User Management API " +
		"(scope user_management_sdk, which only a System Administrator can add), the credential belongs to another org, " +
		"or the org is migrating (error.organization.migrating; try again later)"
)

// withAuthHint wraps an empty-bodied 401 or 403 in a *HintError.
func withAuthHint(err error) error {
	var ae *adobe.Error
	if !errors.As(err, &ae) || len(bytes.TrimSpace(ae.Body)) > 0 {
		return err
	}
	switch ae.StatusCode {
	case http.StatusUnauthorized:
		return &HintError{Err: err, Hint: hint401}
	case http.StatusForbidden:
		return &HintError{Err: err, Hint: hint403}
	}
	return err
}

// WrongGroupTypeError reports that a name the caller expected to be a
// product profile names another kind of group (a user group or an admin
// group). Profile and user-group names are unique across both kinds in an
// org, so the profile cannot be created under that name until the group is
// renamed or deleted. It matches adobe.ErrConflict.
type WrongGroupTypeError struct {
	// Name is the name looked for.
	Name string
	// Group is the group that has the name.
	Group Group
}

// Error implements error.
func (e *WrongGroupTypeError) Error() string {
	return fmt.Sprintf("adminconsole: %q names %s %q, not a product profile; use the profile's exact name, or rename that group in the Admin Console (%s) before creating the profile", e.Name, groupTypeWords(e.Group.Type), e.Group.Name, AdminConsoleURL)
}

// Is matches adobe.ErrConflict.
func (e *WrongGroupTypeError) Is(target error) bool { return target == adobe.ErrConflict }

// NotAdobeIDError reports that the org's account for an email is not an
// Adobe ID (for example an Enterprise or Federated ID in a claimed domain),
// where an Adobe ID is required: the Campaign operator logs in with an
// Adobe ID. The SDK changes nothing in that case.
type NotAdobeIDError struct {
	// Email is the address looked up.
	Email string
	// Type is the account type UMAPI reported.
	Type UserType
}

// Error implements error.
func (e *NotAdobeIDError) Error() string {
	return fmt.Sprintf("adminconsole: the org's account for %s is of type %s, not an Adobe ID, and the Campaign operator logs in with an Adobe ID; nothing was changed. "+
		"Add the person's Adobe ID to the org in the Admin Console (Users → Add User, account type Adobe ID; refused where the domain enforces Enterprise or Federated IDs), "+
		"or use the email of an existing Adobe ID", e.Email, e.Type)
}

// Is matches adobe.ErrConflict: the org holds the email under another
// account type.
func (e *NotAdobeIDError) Is(target error) bool { return target == adobe.ErrConflict }

// groupTypeWords describes a group type in words, with an article.
func groupTypeWords(t GroupType) string {
	switch t {
	case GroupTypeProductProfile:
		return "a product profile"
	case GroupTypeUserGroup:
		return "a user group"
	case GroupTypeSysAdminGroup:
		return "the system administrators group"
	case GroupTypeDeploymentAdminGroup:
		return "the deployment administrators group"
	case GroupTypeSupportAdminGroup:
		return "the support administrators group"
	case GroupTypeProductAdminGroup:
		return "a product administrators group"
	case GroupTypeProfileAdminGroup:
		return "a product profile administrators group"
	case GroupTypeUserAdminGroup:
		return "a user group administrators group"
	case GroupTypeDeveloperGroup:
		return "a developers group"
	}
	return fmt.Sprintf("a group of type %s", t)
}
