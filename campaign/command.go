package campaign

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
)

// TechnicalAccount is what Campaign's server configuration holds for the
// connector: the four values of nlserver config -setimsoauth.
type TechnicalAccount struct {
	// OrgID is the IMS organization id ("…@AdobeOrg").
	OrgID string `json:"org_id"`
	// ClientID is the credential's client id (the API key).
	ClientID string `json:"client_id"`
	// TechnicalAccountID is "…@techacct.adobe.com".
	TechnicalAccountID string `json:"technical_account_id"`
	// TechnicalAccountEmail is the technical account's e-mail.
	TechnicalAccountEmail string `json:"technical_account_email,omitempty"`
	// ClientSecret never prints: every fmt verb, JSON and slog show it
	// redacted. Reveal it only to run the command (SetIMSOAuthCommand).
	ClientSecret auth.Secret `json:"client_secret"`
}

var (
	techAcctRe = regexp.MustCompile(`^[0-9A-Fa-f]{24}@techacct\.adobe\.com$`)
	// Adobe's client secrets are "p8e-" plus letters, digits, - and _.
	secretRe = regexp.MustCompile(`^[A-Za-z0-9_-]{8,200}$`)
)

// ErrUnsafeValue matches an *adobe.ArgError for a value that would break
// the -setimsoauth command (a slash, a blank, a quote or another character
// the slash-delimited argument or the shell would misread).
var ErrUnsafeValue = fmt.Errorf("campaign: a value would break the -setimsoauth command: %w", adobe.ErrInvalidArgument)

// check refuses values that would make the slash-delimited argument split
// differently from what was meant.
func (t TechnicalAccount) check() error {
	for _, v := range []struct {
		field, value string
		re           *regexp.Regexp
		want         string
	}{
		{"OrgID", t.OrgID, orgIDRe, "24 upper-case hex digits then @AdobeOrg"},
		{"ClientID", t.ClientID, clientIDRe, "32 lower-case hex digits"},
		{"TechnicalAccountID", t.TechnicalAccountID, techAcctRe, "24 hex digits then @techacct.adobe.com"},
		{"ClientSecret", t.ClientSecret.Reveal(), secretRe, "8 to 200 letters, digits, - or _"},
	} {
		if !v.re.MatchString(v.value) {
			shown := fmt.Sprintf("%q", v.value)
			if v.field == "ClientSecret" {
				shown = "the client secret" // never printed
			}
			return &unsafeValueError{arg: &adobe.ArgError{Arg: v.field, Reason: shown + " is not " + v.want + "; -setimsoauth takes four slash-separated values, so a slash, blank or quote would split it wrongly"}}
		}
	}
	return nil
}

type unsafeValueError struct{ arg *adobe.ArgError }

func (e *unsafeValueError) Error() string { return e.arg.Error() }
func (e *unsafeValueError) Unwrap() []error {
	return []error{e.arg, ErrUnsafeValue}
}

// SetIMSOAuthCommand renders the command that registers the technical
// account on one container of a Campaign Classic v7.4.1+ instance, run as
// the neolane user:
//
//	nlserver config -instance:<instance> -setimsoauth:<OrgID>/<ClientID>/<TechAccountID>/<ClientSecret>
//
// (Campaign Classic "OAuth technical account" page). The secret is shown
// only when reveal is true; otherwise it is the placeholder <CLIENT_SECRET>.
// Every word is shell-quoted where it needs it; a value that would split the
// argument differently from what was meant is refused with an error that
// matches ErrUnsafeValue.
func SetIMSOAuthCommand(instance string, t TechnicalAccount, reveal bool) (string, error) {
	if !instanceRe.MatchString(instance) {
		return "", &adobe.ArgError{Arg: "instance", Reason: fmt.Sprintf("%q is not a Campaign instance name", instance)}
	}
	if err := t.check(); err != nil {
		return "", err
	}
	secret := "<CLIENT_SECRET>"
	if reveal {
		secret = t.ClientSecret.Reveal()
	}
	words := []string{"nlserver", "config", "-instance:" + instance,
		"-setimsoauth:" + t.OrgID + "/" + t.ClientID + "/" + t.TechnicalAccountID + "/" + secret}
	for i, w := range words {
		words[i] = shellQuote(w)
	}
	return strings.Join(words, " "), nil
}

// shellQuote returns w as one POSIX shell word: unchanged when every
// character is safe, single-quoted otherwise.
func shellQuote(w string) string {
	if w != "" && strings.Trim(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-") == "" {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
}
