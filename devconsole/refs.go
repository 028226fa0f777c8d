package devconsole

import (
	"context"
	"errors"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// WorkspaceRef names one workspace of one project: what EnsureProject
// returns and what the calls on a workspace take, so that no call takes
// three id strings in a row.
//
// OrgID is the IMS org id ("…@AdobeOrg") or the numeric Console org id:
// every call accepts either and resolves the IMS org id itself (see
// [Client]). Renamed from the project-row type now called
// [ProjectWorkspace].
type WorkspaceRef struct {
	OrgID, ProjectID, WorkspaceID string
}

// String returns "org/project/workspace".
func (w WorkspaceRef) String() string { return w.OrgID + "/" + w.ProjectID + "/" + w.WorkspaceID }

func (w WorkspaceRef) validate(arg string) error {
	return errors.Join(checkOrgID(arg+".OrgID", w.OrgID), checkID(arg+".ProjectID", w.ProjectID), checkID(arg+".WorkspaceID", w.WorkspaceID))
}

// CredentialRef names one credential of one workspace: what
// EnsureOAuthCredential and CreateOAuthServerToServer return (in
// [OAuthCredential].Ref) and what the calls on a credential take.
//
// Calls that address the credential at org level (secrets, integration
// details, org-dialect subscriptions, migration) use only OrgID and
// CredentialID; ProjectID and WorkspaceID may then be empty, but when set
// they must be well-formed. Calls on the workspace's credential (attach,
// detach, SetServices, Delete) need all four.
type CredentialRef struct {
	OrgID, ProjectID, WorkspaceID, CredentialID string
}

// Workspace returns the credential's workspace.
func (c CredentialRef) Workspace() WorkspaceRef {
	return WorkspaceRef{OrgID: c.OrgID, ProjectID: c.ProjectID, WorkspaceID: c.WorkspaceID}
}

// String returns "org/project/workspace/credential".
func (c CredentialRef) String() string {
	return c.OrgID + "/" + c.ProjectID + "/" + c.WorkspaceID + "/" + c.CredentialID
}

// validate checks every field; withWorkspace requires the project and
// workspace ids too.
func (c CredentialRef) validate(arg string, withWorkspace bool) error {
	errs := []error{checkOrgID(arg+".OrgID", c.OrgID), checkID(arg+".CredentialID", c.CredentialID)}
	for _, f := range []struct{ name, v string }{{".ProjectID", c.ProjectID}, {".WorkspaceID", c.WorkspaceID}} {
		if f.v != "" || withWorkspace {
			errs = append(errs, checkID(arg+f.name, f.v))
		}
	}
	return errors.Join(errs...)
}

// maxIDLen bounds a Console id (they are decimal numbers of some 19 digits).
const maxIDLen = 64

// checkID accepts a Console id: 1 to 64 letters, digits, '.', '_' or '-',
// so that it is one path segment.
func checkID(arg, id string) error {
	if id == "" {
		return core.NewArgError(arg, "is empty")
	}
	if len(id) > maxIDLen {
		return core.NewArgError(arg, "has %d bytes; a Console id has at most %d", len(id), maxIDLen)
	}
	for _, r := range id {
		if !(r < utf8.RuneSelf && (r == '-' || r == '_' || r == '.' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')) {
			return core.NewArgError(arg, "%q is not a Console id (letters, digits, '.', '_' and '-' only)", id)
		}
	}
	return nil
}

// isNumericOrgID reports whether id is a numeric Console org id.
func isNumericOrgID(id string) bool {
	if id == "" || len(id) > 20 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

// isIMSOrgID reports whether id is an IMS org id: 24 hex digits and
// "@AdobeOrg".
func isIMSOrgID(id string) bool {
	hex, ok := strings.CutSuffix(id, "@AdobeOrg")
	if !ok || len(hex) != 24 {
		return false
	}
	for i := 0; i < len(hex); i++ {
		c := hex[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// checkOrgID accepts an IMS org id or a numeric Console org id.
func checkOrgID(arg, id string) error {
	if id == "" {
		return core.NewArgError(arg, "is empty; give the IMS org id (24 hex digits and @AdobeOrg) or the numeric Console org id")
	}
	if !isIMSOrgID(id) && !isNumericOrgID(id) {
		return core.NewArgError(arg, "%q is neither an IMS org id (24 hex digits and @AdobeOrg) nor a numeric Console org id", id)
	}
	return nil
}

// Name rules. Adobe's spec and docs set no rule for project names and
// titles; the SDK refuses what the Console UI cannot show or a person
// cannot type back: control characters (newlines), quotes and angle
// brackets, leading or trailing blanks, only blanks, and more than
// MaxProjectNameLen characters. Credential names also keep the 6 to 25
// characters Adobe's aio CLI notes.
const (
	// MaxProjectNameLen is the most characters the SDK accepts in a
	// project name or title (the SDK's limit: Adobe documents none).
	MaxProjectNameLen = 255
	// MaxDescriptionLen is the most characters the SDK accepts in a
	// description (the SDK's limit: Adobe documents none).
	MaxDescriptionLen = 1000
)

// checkName applies the name rules, counting characters, not bytes.
func checkName(arg, name string, minLen, maxLen int) error {
	n := utf8.RuneCountInString(name)
	switch {
	case name == "":
		return core.NewArgError(arg, "is empty")
	case !utf8.ValidString(name):
		return core.NewArgError(arg, "is not valid UTF-8")
	case strings.TrimSpace(name) == "":
		return core.NewArgError(arg, "has only blanks")
	case strings.TrimSpace(name) != name:
		return core.NewArgError(arg, "%q starts or ends with a blank", name)
	case n < minLen || n > maxLen:
		if n > 40 {
			return core.NewArgError(arg, "has %d characters; it must have %d to %d", n, minLen, maxLen)
		}
		return core.NewArgError(arg, "%q has %d characters; it must have %d to %d", name, n, minLen, maxLen)
	}
	for _, r := range name {
		if unicode.IsControl(r) || r == '"' || r == '<' || r == '>' || r == '\\' || r == unicode.ReplacementChar {
			return core.NewArgError(arg, "%q contains %q; names may not contain control characters (newlines), quotes, backslashes or angle brackets", name, r)
		}
	}
	return nil
}

// checkText applies the description rules: at most MaxDescriptionLen
// characters, no control characters but newline and tab.
func checkText(arg, s string) error {
	if !utf8.ValidString(s) {
		return core.NewArgError(arg, "is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(s); n > MaxDescriptionLen {
		return core.NewArgError(arg, "has %d characters; at most %d", n, MaxDescriptionLen)
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return core.NewArgError(arg, "contains the control character %q", r)
		}
	}
	return nil
}

// orgCache maps IMS org ids to numeric Console org ids, per client.
type orgCache struct {
	mu   sync.Mutex
	byID map[string]string // upper-cased IMS org id → numeric id
}

// consoleOrg returns the numeric Console org id for orgID (which the caller
// has validated): a numeric id as it is, an IMS org id resolved once per
// client through the organization list.
func (c *Client) consoleOrg(ctx context.Context, orgID string, reqOpts []adobe.RequestOption) (string, error) {
	if isNumericOrgID(orgID) {
		return orgID, nil
	}
	key := strings.ToUpper(orgID)
	c.orgs.mu.Lock()
	id, ok := c.orgs.byID[key]
	c.orgs.mu.Unlock()
	if ok {
		return id, nil
	}
	org, err := c.Organizations.Resolve(ctx, orgID, reqOpts...)
	if err != nil {
		return "", err
	}
	return org.ID, nil
}

func (c *Client) cacheOrgs(orgs []Organization) {
	c.orgs.mu.Lock()
	defer c.orgs.mu.Unlock()
	if c.orgs.byID == nil {
		c.orgs.byID = map[string]string{}
	}
	for _, o := range orgs {
		if o.Code != "" && o.ID != "" {
			c.orgs.byID[strings.ToUpper(o.Code)] = o.ID
		}
	}
}
