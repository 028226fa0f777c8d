package auth

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// ProdIMSURL and StageIMSURL are Adobe IMS's production and stage hosts.
const (
	ProdIMSURL  = "https://ims-na1.adobelogin.com"
	StageIMSURL = "https://ims-na1-stg1.adobelogin.com"
)

// Secret is a credential value (a client secret or a token) that never
// prints: every fmt verb, slog and JSON show "[REDACTED]". Use Reveal to
// read the value.
//
// Two limits are fmt's own: it cannot call methods on unexported struct
// fields, so a Secret (or Credentials) held in an unexported field of your
// own struct prints raw when that struct is printed (keep such fields
// exported or behind a pointer, as auth.Config does); and %p of a value
// that is not a pointer prints the raw value without asking its Format
// method (go vet reports such a call).
type Secret string

const redacted = "[REDACTED]"

// String implements fmt.Stringer without revealing the secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString implements fmt.GoStringer without revealing the secret.
func (s Secret) GoString() string { return `auth.Secret("` + s.String() + `")` }

// Format implements fmt.Formatter: every verb, including wrong ones such as
// %d (whose error text would otherwise quote the value), prints the
// redaction marker.
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, s.GoString())
		return
	}
	_, _ = io.WriteString(f, s.String())
}

// LogValue implements slog.LogValuer without revealing the secret.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON never writes the secret.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// Reveal returns the secret's value. Call it only where the value is sent to
// Adobe.
func (s Secret) Reveal() string { return string(s) }

// Credentials identify an OAuth Server-to-Server credential of the Adobe
// Developer Console.
//
// Credentials print, log and marshal to JSON with the client secret
// redacted; they are not a storage format (keep the workspace download or
// the environment variables for that).
type Credentials struct {
	// ClientID is the credential's client ID (32 hexadecimal characters); it
	// is also sent as x-api-key.
	ClientID string `json:"client_id"`
	// ClientSecret is the credential's client secret.
	ClientSecret Secret `json:"client_secret"`
	// OrgID is the IMS organization, "<24 hex characters>@AdobeOrg".
	OrgID string `json:"org_id"`
	// Scopes are the credential's scopes, exactly as listed on it in the
	// Developer Console (sent comma-joined).
	Scopes []string `json:"scopes"`
	// IMSURL is the IMS base URL; empty means ProdIMSURL.
	IMSURL string `json:"ims_url,omitempty"`
	// TechnicalAccountID and TechnicalAccountEmail identify the
	// credential's technical account; informational (from a workspace
	// download).
	TechnicalAccountID    string `json:"technical_account_id,omitempty"`
	TechnicalAccountEmail string `json:"technical_account_email,omitempty"`
}

// String implements fmt.Stringer; the secret is redacted.
func (c Credentials) String() string {
	return fmt.Sprintf("auth.Credentials{ClientID:%q ClientSecret:%s OrgID:%q Scopes:%q IMSURL:%q}",
		c.ClientID, c.ClientSecret, c.OrgID, c.Scopes, c.imsURL())
}

// GoString implements fmt.GoStringer; the secret is redacted.
func (c Credentials) GoString() string { return c.String() }

// Format implements fmt.Formatter: every verb, wrong ones included (fmt
// prints the raw fields when a verb does not fit), prints String.
func (c Credentials) Format(f fmt.State, verb rune) { formatSafe(f, verb, c.String()) }

// formatSafe writes a redacted description for any verb: quoted for %q,
// as is otherwise.
func formatSafe(f fmt.State, verb rune, desc string) {
	if verb == 'q' {
		desc = strconv.Quote(desc)
	}
	_, _ = io.WriteString(f, desc)
}

// LogValue implements slog.LogValuer; the secret is redacted.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("client_id", c.ClientID),
		slog.String("org_id", c.OrgID),
		slog.String("scopes", strings.Join(c.Scopes, ",")),
		slog.String("ims_url", c.imsURL()),
	)
}

func (c Credentials) imsURL() string {
	if c.IMSURL == "" {
		return ProdIMSURL
	}
	return strings.TrimRight(c.IMSURL, "/")
}

var (
	clientIDRe = regexp.MustCompile(`^[0-9a-fA-F]{32}$`)
	orgIDRe    = regexp.MustCompile(`^[0-9A-Fa-f]{24}@AdobeOrg$`)
	scopeRe    = regexp.MustCompile(`^[A-Za-z0-9_.:/\-]+$`)
)

// Validate checks every field's format and returns an *adobe.ArgError (see
// package core) naming the first wrong field.
func (c Credentials) Validate() error {
	switch {
	case c.ClientID == "":
		return core.NewArgError("ClientID", "is empty; copy the Client ID of the OAuth Server-to-Server credential from the Developer Console")
	case !clientIDRe.MatchString(c.ClientID):
		return core.NewArgError("ClientID", "%q is not 32 hexadecimal characters", c.ClientID)
	case c.ClientSecret == "":
		return core.NewArgError("ClientSecret", "is empty; copy it from the credential's \"Retrieve client secret\" in the Developer Console")
	case strings.ContainsAny(string(c.ClientSecret), " \t\r\n"):
		return core.NewArgError("ClientSecret", "contains white space (a copy-paste error?)")
	case c.OrgID == "":
		return core.NewArgError("OrgID", "is empty; it looks like 0123456789ABCDEF01234567@AdobeOrg")
	case !orgIDRe.MatchString(c.OrgID):
		return core.NewArgError("OrgID", "%q is not of the form <24 hexadecimal characters>@AdobeOrg", c.OrgID)
	case len(c.Scopes) == 0:
		return core.NewArgError("Scopes", "is empty; list the scopes shown on the credential, e.g. openid,AdobeID,read_organizations")
	}
	for i, s := range c.Scopes {
		if !scopeRe.MatchString(s) {
			return core.NewArgError(fmt.Sprintf("Scopes[%d]", i), "%q is not a scope name (no commas or spaces; give scopes as a list)", s)
		}
	}
	return validateIMSURL(c.imsURL())
}

// validateIMSURL checks an IMS base URL: https, or http on a loopback host
// (a local fake).
func validateIMSURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return core.NewArgError("IMSURL", "%q is not an absolute URL", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return core.NewArgError("IMSURL", "%q may not carry a query, fragment or user info", raw)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if core.IsLoopback(u.Hostname()) {
			return nil
		}
		return core.NewArgError("IMSURL", "%q must use https (http is accepted only for a loopback fake)", raw)
	}
	return core.NewArgError("IMSURL", "%q must use https", raw)
}

// Environment variable names read by CredentialsFromEnv.
const (
	EnvClientID     = "ADOBE_CLIENT_ID"
	EnvClientSecret = "ADOBE_CLIENT_SECRET"
	EnvOrgID        = "ADOBE_ORG_ID"
	EnvScopes       = "ADOBE_SCOPES"
	EnvIMSURL       = "ADOBE_IMS_URL"
)

// CredentialsFromEnv reads credentials from ADOBE_CLIENT_ID,
// ADOBE_CLIENT_SECRET, ADOBE_ORG_ID, ADOBE_SCOPES (comma- or space-separated,
// or a JSON array) and the optional ADOBE_IMS_URL, and validates them.
func CredentialsFromEnv() (Credentials, error) {
	return credentialsFromLookup(os.LookupEnv)
}

func credentialsFromLookup(lookup func(string) (string, bool)) (Credentials, error) {
	get := func(k string) string { v, _ := lookup(k); return strings.TrimSpace(v) }
	c := Credentials{
		ClientID:     get(EnvClientID),
		ClientSecret: Secret(get(EnvClientSecret)),
		OrgID:        get(EnvOrgID),
		IMSURL:       get(EnvIMSURL),
	}
	scopes, err := parseScopes(get(EnvScopes))
	if err != nil {
		return Credentials{}, err
	}
	c.Scopes = scopes
	if err := c.Validate(); err != nil {
		var ae *adobe.ArgError
		if asArg(err, &ae) {
			ae.Arg = envNameFor(ae.Arg)
		}
		return Credentials{}, err
	}
	return c, nil
}

func envNameFor(field string) string {
	switch {
	case field == "ClientID":
		return EnvClientID
	case field == "ClientSecret":
		return EnvClientSecret
	case field == "OrgID":
		return EnvOrgID
	case strings.HasPrefix(field, "Scopes"):
		return EnvScopes
	case field == "IMSURL":
		return EnvIMSURL
	}
	return field
}

// parseScopes accepts "a,b", "a b" and `["a","b"]` (the form Adobe's aio
// tooling writes, adobe/aio-cli#696).
func parseScopes(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	if strings.HasPrefix(s, "[") {
		var out []string
		if err := json.Unmarshal([]byte(s), &out); err != nil {
			return nil, core.NewArgError(EnvScopes, "looks like a JSON array but is not one: %v", err)
		}
		return out, nil
	}
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }), nil
}
