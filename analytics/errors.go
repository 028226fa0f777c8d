package analytics

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/go-adobe/adobe"
)

// ErrorCode is an error code Analytics or Adobe's API gateway returns, in
// [adobe.Error].Code.
type ErrorCode string

// Error codes the package treats specially or that callers commonly test.
const (
	// CodeProfileNotValid (403025, gateway) means the credential has no
	// Analytics product profile yet, or its assignment has not propagated.
	CodeProfileNotValid ErrorCode = "403025"
	// CodeProfileNotValidAlt (403023) is the gateway catalogue's sibling
	// "Profile is not valid".
	CodeProfileNotValidAlt ErrorCode = "403023"
	// CodeTooManyRequests (429050, gateway) is Adobe's rate limit.
	CodeTooManyRequests ErrorCode = "429050"
	// CodeInsufficientAccess is a component service's refusal to edit or
	// read another user's component.
	CodeInsufficientAccess ErrorCode = "insufficient_access"
	// CodeResourceNotFound is a component service's 404.
	CodeResourceNotFound ErrorCode = "resource_not_found"
	// CodeInvalidToken is the component services' 401.
	CodeInvalidToken ErrorCode = "invalid_token"
)

// ErrProfileNotValid matches a *[ProfileError] (Adobe's 403025) and a
// *[CompanyError] whose token sees no Analytics company at all in the org
// asked for (GET /discovery/me can answer 200 with an empty company list
// for such a credential): either way the credential has no Analytics product
// profile, or the assignment has not propagated yet. The caller may wait and
// retry for a bounded time after provisioning (see [Client.WaitForProfile]);
// after that it is a permissions problem to fix in the Admin Console.
var ErrProfileNotValid = errors.New("analytics: product profile is not valid (403025)")

// ProfileError is Adobe's 403 "Profile is not valid" (gateway code 403025
// or 403023). It unwraps to the *adobe.Error, so errors.Is(err,
// adobe.ErrForbidden) also holds.
type ProfileError struct {
	Err *adobe.Error
}

// Error implements error.
func (e *ProfileError) Error() string {
	return e.Err.Error() + ": the credential has no Analytics product profile, or its assignment has not propagated yet " +
		"(add the credential to an Adobe Analytics product profile in the Admin Console or the Developer Console; propagation can take minutes)"
}

// Unwrap returns the underlying *adobe.Error.
func (e *ProfileError) Unwrap() error { return e.Err }

// Is matches ErrProfileNotValid.
func (e *ProfileError) Is(target error) bool { return target == ErrProfileNotValid }

// classify wraps Analytics' special answers in their own types.
func classify(err error) error {
	var ae *adobe.Error
	if err == nil || !errors.As(err, &ae) {
		return err
	}
	if ae.StatusCode == http.StatusForbidden && (ae.Code == string(CodeProfileNotValid) || ae.Code == string(CodeProfileNotValidAlt) ||
		strings.EqualFold(strings.TrimSpace(ae.Message), "Profile is not valid")) {
		return &ProfileError{Err: ae}
	}
	return err
}

// ErrCompanyNotFound and ErrCompanyAmbiguous match a *[CompanyError].
var (
	ErrCompanyNotFound  = errors.New("analytics: company not found")
	ErrCompanyAmbiguous = errors.New("analytics: several companies match")
)

// CompanyError says why no single company could be chosen from the
// discovery answer: the token sees none that matches, or several. When the
// token sees no company at all in the org asked for (any org when OrgID is
// empty), the likely cause is a missing or not yet propagated Analytics
// product profile, and the error also matches [ErrProfileNotValid].
type CompanyError struct {
	// OrgID and Company are what was asked for.
	OrgID, Company string
	// Candidates are the matching companies (several), or every company
	// the token can see (none matched).
	Candidates []Company
	// Ambiguous is true when several companies matched.
	Ambiguous bool
}

// Error implements error.
func (e *CompanyError) Error() string {
	want := fmt.Sprintf("company %q", e.Company)
	if e.Company == "" {
		want = "a company"
	}
	if e.OrgID != "" {
		want += " in org " + e.OrgID
	}
	names := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		names[i] = fmt.Sprintf("%s (%s, org %s)", c.CompanyName, c.GlobalCompanyID, c.IMSOrgID)
	}
	if e.Ambiguous {
		return fmt.Sprintf("analytics: %s is ambiguous: the token sees %d: %s; name one by its global company id",
			want, len(e.Candidates), strings.Join(names, ", "))
	}
	if e.seesNone() {
		where := "at all"
		if len(e.Candidates) > 0 {
			where = "in org " + e.OrgID + " (it sees only: " + strings.Join(names, ", ") + ")"
		}
		return fmt.Sprintf("analytics: no %s: the token sees no Analytics company %s: %s", want, where, noCompanyCause)
	}
	return fmt.Sprintf("analytics: no %s; the token sees: %s", want, strings.Join(names, ", "))
}

// noCompanyCause is the likely cause of an empty discovery answer.
const noCompanyCause = "the credential has no Adobe Analytics product profile, or its assignment has not propagated yet " +
	"(attach one in the Admin Console or the Developer Console; propagation can take minutes: Client.WaitForProfile waits for it)"

// seesNone reports whether the token sees no company at all in the org
// asked for (in any org when OrgID is empty).
func (e *CompanyError) seesNone() bool {
	if e.Ambiguous {
		return false
	}
	for _, c := range e.Candidates {
		if e.OrgID == "" || strings.EqualFold(c.IMSOrgID, e.OrgID) {
			return false
		}
	}
	return true
}

// Is matches ErrCompanyNotFound or ErrCompanyAmbiguous, and
// ErrProfileNotValid when the token sees no company in the org at all.
func (e *CompanyError) Is(target error) bool {
	switch target {
	case ErrCompanyAmbiguous:
		return e.Ambiguous
	case ErrCompanyNotFound:
		return !e.Ambiguous
	case ErrProfileNotValid:
		return e.seesNone()
	}
	return false
}

// ErrSuiteNotVisible matches a *[SuiteNotVisibleError].
var ErrSuiteNotVisible = errors.New("analytics: report suite exists but is not visible to the credential")

// SuiteNotVisibleError is [ReportSuitesService.Ensure]'s answer when Adobe
// refuses to create a report suite (400 "Unable to create Report Suite")
// that the credential cannot see: the suite most likely exists (an earlier
// run created it, its answer was lost, or someone else did) and the
// credential's Analytics product profile does not grant it. It unwraps to
// Adobe's *adobe.Error.
type SuiteNotVisibleError struct {
	RSID string
	Err  error
}

// Error implements error.
func (e *SuiteNotVisibleError) Error() string {
	return fmt.Sprintf("analytics: report suite %q is not visible to this credential and Adobe refused to create it (%v): "+
		"it most likely exists already; add it to the Report Suites of the credential's Analytics product profile in the Admin Console "+
		"(or use auto-include), or choose another rsid", e.RSID, e.Err)
}

// Unwrap returns Adobe's error.
func (e *SuiteNotVisibleError) Unwrap() error { return e.Err }

// Is matches ErrSuiteNotVisible.
func (e *SuiteNotVisibleError) Is(target error) bool { return target == ErrSuiteNotVisible }

// isAmbiguous reports whether a failed write may have been applied: the
// answer was lost (a transport error) or is a 5xx. A done ctx is not.
func isAmbiguous(ctx context.Context, err error) bool {
	if err == nil || ctx.Err() != nil {
		return false
	}
	var ae *adobe.Error
	if errors.As(err, &ae) {
		return ae.StatusCode >= 500
	}
	var arg *adobe.ArgError
	return !errors.As(err, &arg)
}

// isStatus reports whether err is an Adobe answer with this status.
func isStatus(err error, status int) bool {
	var ae *adobe.Error
	return errors.As(err, &ae) && ae.StatusCode == status
}
