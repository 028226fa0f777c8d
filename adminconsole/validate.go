package adminconsole

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-adobe/adobe/internal/core"
)

// Input rules, checked before any request. UMAPI documents the shapes
// (an email address, ISO 3166 alpha-2 countries, group names unique
// case-insensitively) but not every bound; where it is silent the SDK's
// bound is stated in the error.
const (
	maxEmailLength  = 254 // RFC 5321 path limit
	maxLocalLength  = 64  // RFC 5321 local part
	maxNameLength   = 255 // SDK bound for first, last and group names; Adobe publishes none
	maxDomainLength = 253 // RFC 1035
)

// checkEmail reports what is wrong with an email address, or nil: a bare
// addr-spec (no display name, no angle brackets), no blanks or control
// characters, a dotted domain, within RFC 5321's lengths.
func checkEmail(email string) error {
	switch {
	case email == "":
		return fmt.Errorf("is empty; give the person's email address")
	case !utf8.ValidString(email):
		return fmt.Errorf("is not valid UTF-8")
	case strings.IndexFunc(email, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return fmt.Errorf("%q contains a blank or control character", email)
	case len(email) > maxEmailLength:
		return fmt.Errorf("is %d bytes long; an email address has at most %d", len(email), maxEmailLength)
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Name != "" || a.Address != email {
		return fmt.Errorf("%q is not an email address (want a bare address such as ops@example.com)", email)
	}
	at := strings.LastIndexByte(email, '@')
	local, domain := email[:at], email[at+1:]
	switch {
	case len(local) > maxLocalLength:
		return fmt.Errorf("%q has a local part of %d bytes; at most %d", email, len(local), maxLocalLength)
	case !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, ".."):
		return fmt.Errorf("%q has no usable domain (want e.g. example.com)", email)
	}
	return nil
}

// checkGroupName reports what is wrong with a group or product-profile name:
// empty or only blanks, a control character, invalid UTF-8, or longer
// than the SDK's bound. optional accepts "".
func checkGroupName(n string, optional bool) error {
	if n == "" && optional {
		return nil
	}
	switch {
	case strings.TrimSpace(n) == "":
		return fmt.Errorf("a group name is empty")
	case !utf8.ValidString(n):
		return fmt.Errorf("group name %q is not valid UTF-8", n)
	case strings.IndexFunc(n, unicode.IsControl) >= 0:
		return fmt.Errorf("group name %q contains a control character", n)
	case utf8.RuneCountInString(n) > maxNameLength:
		return fmt.Errorf("group name is %d characters long; keep it within %d (SDK bound)", utf8.RuneCountInString(n), maxNameLength)
	}
	return nil
}

// checkPersonName checks a first or last name: optional, printable, bounded.
func checkPersonName(field, n string) error {
	switch {
	case n == "":
		return nil
	case !utf8.ValidString(n):
		return fmt.Errorf("%s is not valid UTF-8", field)
	case strings.IndexFunc(n, unicode.IsControl) >= 0:
		return fmt.Errorf("%s %q contains a control character", field, n)
	case strings.TrimSpace(n) == "":
		return fmt.Errorf("%s is only blanks", field)
	case utf8.RuneCountInString(n) > maxNameLength:
		return fmt.Errorf("%s is %d characters long; keep it within %d (SDK bound)", field, utf8.RuneCountInString(n), maxNameLength)
	}
	return nil
}

// checkCountry checks an ISO 3166 alpha-2 code (upper case, as UMAPI
// documents it).
func checkCountry(country string, required bool) error {
	if country == "" {
		if required {
			return fmt.Errorf("country is required (ISO 3166 alpha-2, e.g. \"US\"); it cannot be changed later")
		}
		return nil
	}
	if !isAlpha2(country) {
		return fmt.Errorf("country %q is not an ISO 3166 alpha-2 code such as \"US\"", country)
	}
	return nil
}

func isAlpha2(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// checkDomain checks a domain qualifier ("example.com" or DomainAdobeID).
func checkDomain(d string) error {
	if d == "" {
		return nil
	}
	if len(d) > maxDomainLength {
		return fmt.Errorf("domain is %d bytes long; at most %d", len(d), maxDomainLength)
	}
	for _, r := range d {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return fmt.Errorf("domain %q may hold only letters, digits, dots and hyphens", d)
		}
	}
	return nil
}

// checkUsername checks a username qualified by a domain (Federated IDs
// whose username is not an email).
func checkUsername(u string) error {
	switch {
	case strings.TrimSpace(u) == "":
		return fmt.Errorf("is empty")
	case !utf8.ValidString(u):
		return fmt.Errorf("is not valid UTF-8")
	case strings.IndexFunc(u, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == '/' }) >= 0:
		return fmt.Errorf("%q contains a blank, a control character or a slash", u)
	case utf8.RuneCountInString(u) > maxNameLength:
		return fmt.Errorf("is longer than %d characters", maxNameLength)
	}
	return nil
}

func checkEmailArg(arg, v string) error {
	if err := checkEmail(v); err != nil {
		return core.NewArgError(arg, "%v", err)
	}
	return nil
}

func checkGroupArg(arg, v string) error {
	if err := checkGroupName(v, false); err != nil {
		return core.NewArgError(arg, "%v", err)
	}
	return nil
}

func checkDomainArg(arg, v string) error {
	if err := checkDomain(v); err != nil {
		return core.NewArgError(arg, "%v", err)
	}
	return nil
}

func checkUsernameArg(arg, v string) error {
	if err := checkUsername(v); err != nil {
		return core.NewArgError(arg, "%v", err)
	}
	return nil
}
