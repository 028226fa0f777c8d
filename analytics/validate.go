package analytics

import (
	"net/mail"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-adobe/adobe/internal/core"
)

// Limits the SDK checks before any request. Adobe documents no maximum for
// these texts; the SDK refuses what no Analytics UI field accepts.
const (
	maxNameLen  = 255 // report-suite and data-source account names
	maxIDLen    = 255 // component, dataset and job ids
	maxEmailLen = 254 // RFC 5321
)

// rsidRe is Adobe's report suite id format: lower-case letters, digits,
// '.', '-' and '_', at most 100 characters, beginning with a letter or digit.
var rsidRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,99}$`)

// dataSourceTypeRe is the shape of a Data Sources account type ("generic",
// the only one Adobe's 2.0 documentation shows).
var dataSourceTypeRe = regexp.MustCompile(`^[a-z][a-z0-9_]{0,49}$`)

// currencyRe is an ISO 4217 code such as "USD".
var currencyRe = regexp.MustCompile(`^[A-Z]{3}$`)

// checkText refuses a blank text (when required), invalid UTF-8, control
// characters (a newline, a tab, NUL) and texts longer than max characters.
func checkText(field, v string, required bool, max int) error {
	if strings.TrimSpace(v) == "" {
		if required || v != "" {
			return core.NewArgError(field, "is required and may not be blank")
		}
		return nil
	}
	if !utf8.ValidString(v) {
		return core.NewArgError(field, "is not valid UTF-8")
	}
	if i := strings.IndexFunc(v, unicode.IsControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(v[i:])
		return core.NewArgError(field, "may not contain control characters such as a newline (found %q)", r)
	}
	if n := utf8.RuneCountInString(v); n > max {
		return core.NewArgError(field, "has %d characters; at most %d", n, max)
	}
	return nil
}

// componentIDRe is the shape of a dimension or metric id, such as "evar5",
// "variables/evar5", "metrics/event10" or "metrics/cm1_abc".
var componentIDRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,254}$`)

// checkComponentID checks a dimension or metric id.
func checkComponentID(field, id string) error {
	if err := checkText(field, id, true, maxIDLen); err != nil {
		return err
	}
	if !componentIDRe.MatchString(strings.TrimSpace(id)) {
		return core.NewArgError(field, "%q is not a component id such as \"evar5\" or \"metrics/event10\"", clip(id))
	}
	return nil
}

// checkOrgID checks an IMS org id ("…@AdobeOrg"); empty is allowed where
// it means "any org".
func checkOrgID(field, id string) error {
	if id == "" {
		return nil
	}
	if err := checkText(field, id, true, maxIDLen); err != nil {
		return err
	}
	if !strings.HasSuffix(id, "@AdobeOrg") || strings.ContainsAny(id, " /?#") {
		return core.NewArgError(field, "%q is not an IMS org id (…@AdobeOrg)", clip(id))
	}
	return nil
}

// checkRSID checks Adobe's report suite id format.
func checkRSID(field, rsid string) error {
	if rsid == "" {
		return core.NewArgError(field, "is required")
	}
	if !rsidRe.MatchString(rsid) {
		return core.NewArgError(field, "%q must be lower-case letters, digits, '.', '-' or '_' (at most 100), beginning with a letter or digit", clip(rsid))
	}
	return nil
}

// checkID checks an opaque id used as one path segment.
func checkID(field, id string) error { return checkText(field, id, true, maxIDLen) }

// checkEmail checks one plain e-mail address (no display name).
func checkEmail(field, v string) error {
	if err := checkText(field, v, true, maxEmailLen); err != nil {
		return err
	}
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != v || a.Name != "" {
		return core.NewArgError(field, "%q is not a plain e-mail address", clip(v))
	}
	return nil
}

// checkNonNegative refuses a negative number.
func checkNonNegative(field string, n int) error {
	if n < 0 {
		return core.NewArgError(field, "is %d; it may not be negative", n)
	}
	return nil
}

// clip shortens a value quoted in an error.
func clip(s string) string {
	if len(s) <= 64 {
		return s
	}
	return s[:64] + "…"
}

// validator is an options struct that checks itself.
type validator interface{ validate() error }
