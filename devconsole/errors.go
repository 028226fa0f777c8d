package devconsole

import (
	"fmt"
	"strings"

	"github.com/go-adobe/adobe"
)

// NotFoundError reports that a look-up by name or code found nothing. It
// matches adobe.ErrNotFound.
type NotFoundError struct {
	Kind string // "organization", "project", "credential", "service"
	Name string
	Hint string // what to do about it
}

// Error implements error.
func (e *NotFoundError) Error() string {
	s := fmt.Sprintf("devconsole: no %s %q", e.Kind, e.Name)
	if e.Hint != "" {
		s += ": " + e.Hint
	}
	return s
}

// Is matches adobe.ErrNotFound.
func (e *NotFoundError) Is(target error) bool { return target == adobe.ErrNotFound }

// ProfileUnavailableError reports product profiles a service does not offer
// in the org. No Adobe API creates product profiles: a System Administrator
// must create them in the Admin Console (Products → the product → New
// Profile); then they appear in the service's licenseConfigs.
type ProfileUnavailableError struct {
	SDKCode   string
	Missing   []string // the requested names or ids
	Available []string // the names the service offers
}

// Error implements error.
func (e *ProfileUnavailableError) Error() string {
	return fmt.Sprintf("devconsole: service %s offers no product profile %s (available: %s); "+
		"create it in the Admin Console (https://adminconsole.adobe.com, Products → the product → New Profile) and retry",
		e.SDKCode, quoteAll(e.Missing), quoteAll(e.Available))
}

// Is matches adobe.ErrNotFound.
func (e *ProfileUnavailableError) Is(target error) bool { return target == adobe.ErrNotFound }

// ServiceDisabledError reports a service the caller cannot add, with the
// Console's reasons.
type ServiceDisabledError struct {
	SDKCode string
	Reasons []DisabledReason
}

// Error implements error.
func (e *ServiceDisabledError) Error() string {
	rs := make([]string, len(e.Reasons))
	for i, r := range e.Reasons {
		rs[i] = string(r)
	}
	return fmt.Sprintf("devconsole: service %s cannot be added (%s): the org needs a product profile for it "+
		"(Admin Console) and the caller the System Administrator or Developer role", e.SDKCode, strings.Join(rs, ", "))
}

// Is matches adobe.ErrForbidden.
func (e *ServiceDisabledError) Is(target error) bool { return target == adobe.ErrForbidden }

// SecretLimitError reports that a credential already has the maximum of
// MaxSecrets client secrets and the call cannot proceed: delete one
// (Secrets.Delete) first.
type SecretLimitError struct {
	CredentialID string
	SecretIDs    []string
	// Err is Adobe's refusal when the limit was reached at the Console
	// (Secrets.Add), or why Rotate could not finish an unfinished rotation
	// before any write (no secret mints a token, or their values cannot
	// be read).
	Err error
}

// Unwrap returns Err.
func (e *SecretLimitError) Unwrap() error { return e.Err }

// Error implements error.
func (e *SecretLimitError) Error() string {
	s := fmt.Sprintf("devconsole: credential %s already has %d client secrets (%s); delete one before adding another",
		e.CredentialID, len(e.SecretIDs), strings.Join(e.SecretIDs, ", "))
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Is matches adobe.ErrConflict.
func (e *SecretLimitError) Is(target error) bool { return target == adobe.ErrConflict }

// TermsNotAcceptedError reports that the Console refused to create a
// project because the caller has not accepted the Adobe Developer Terms in
// the org (the acceptance is personal: the user of the token). It matches
// adobe.ErrForbidden; Err is the Console's refusal.
type TermsNotAcceptedError struct {
	OrgID string
	Err   error
}

// Error implements error.
func (e *TermsNotAcceptedError) Error() string {
	return fmt.Sprintf("devconsole: the caller has not accepted the Adobe Developer Terms in org %s: accept them "+
		"(Organizations.AcceptTerms, or sign in to https://developer.adobe.com/console once) and retry", e.OrgID)
}

// Is matches adobe.ErrForbidden.
func (e *TermsNotAcceptedError) Is(target error) bool { return target == adobe.ErrForbidden }

// Unwrap returns Err.
func (e *TermsNotAcceptedError) Unwrap() error { return e.Err }

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	if len(q) == 0 {
		return "none"
	}
	return strings.Join(q, ", ")
}
