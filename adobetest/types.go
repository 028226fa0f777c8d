package adobetest

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// Credential types accepted by [Fake.AddCredential].
//
// A server-to-server credential mints tokens with the client_credentials
// grant only. A web-app credential is a confidential client of the
// authorization-code flow (it has secrets; it authenticates with HTTP Basic or
// client_secret in the form). Single-page and native app credentials are
// public clients: they have no secret and must use PKCE (S256).
const (
	TypeServerToServer = "oauth_server_to_server"
	TypeWebApp         = "oauth_webapp"
	TypeSinglePageApp  = "oauth_singlepageapp"
	TypeNativeApp      = "oauth_nativeapp"
)

// BootstrapScopes are the scopes of the demo org's bootstrap credential
// ([Fake.Bootstrap]): enough for IMS, the User Management API and the
// Developer Console (I/O Management) API.
var BootstrapScopes = []string{
	"openid", "AdobeID", "read_organizations",
	"additional_info.projectedProductContext", "additional_info.roles",
	"adobeio_api", "read_client_secret", "manage_client_secrets", "user_management_sdk",
}

// Org is an Adobe organization of the fake.
type Org struct {
	ID        string // IMS org id, "<24 uppercase hex>@AdobeOrg"; generated when empty
	Name      string
	ConsoleID string // Developer Console numeric org id, as digits; generated when empty
}

// Credential is an OAuth credential of the fake. Its String, GoString and
// LogValue methods redact ClientSecret, so printing or logging a Credential
// never leaks the secret.
type Credential struct {
	ClientID              string   // 32 lowercase hex; also the x-api-key
	ClientSecret          string   // the first client secret ("p8e-" + 32 alphanumerics); empty for public clients
	OrgID                 string   // "<24 hex>@AdobeOrg"
	Scopes                []string // scopes the credential may request
	TechnicalAccountID    string   // "<24 hex>@techacct.adobe.com"
	TechnicalAccountEmail string   // "<uuid>@techacct.adobe.com"

	Name              string   // display name
	Type              string   // one of the Type constants; TypeServerToServer when empty
	RedirectURIs      []string // user-flow credentials: allowed redirect URIs (a trailing * allows a prefix); empty allows any
	ProductProfileIDs []string // attached product profiles
}

const redacted = "REDACTED"

func (c Credential) redacted() Credential {
	c.Scopes = slices.Clone(c.Scopes)
	if c.ClientSecret != "" {
		c.ClientSecret = redacted
	}
	return c
}

// credentialNoMethods has Credential's fields but none of its methods, so
// formatting it does not recurse.
type credentialNoMethods Credential

// String formats c with its client secret redacted.
func (c Credential) String() string {
	return fmt.Sprintf("%+v", credentialNoMethods(c.redacted()))
}

// GoString formats c as Go syntax with its client secret redacted.
func (c Credential) GoString() string {
	return "adobetest.Credential" + fmt.Sprintf("%#v", credentialNoMethods(c.redacted()))[len("adobetest.credentialNoMethods"):]
}

// MarshalJSON writes c with its client secret redacted, like String: the
// fake's secrets are demo values, but code under test should never see a
// secret in JSON it writes out.
func (c Credential) MarshalJSON() ([]byte, error) {
	return json.Marshal(credentialNoMethods(c.redacted()))
}

// LogValue implements [slog.LogValuer]; the client secret is redacted.
func (c Credential) LogValue() slog.Value {
	r := c.redacted()
	return slog.GroupValue(
		slog.String("client_id", r.ClientID),
		slog.String("client_secret", r.ClientSecret),
		slog.String("org_id", r.OrgID),
		slog.Any("scopes", r.Scopes),
		slog.String("technical_account_id", r.TechnicalAccountID),
		slog.String("technical_account_email", r.TechnicalAccountEmail),
		slog.String("type", r.Type),
		slog.String("name", r.Name),
	)
}

func credentialFromState(c fakestate.Credential) Credential {
	out := Credential{
		ClientID: c.ClientID, OrgID: c.OrgID, Scopes: slices.Clone(c.Scopes),
		TechnicalAccountID: c.TechnicalAccountID, TechnicalAccountEmail: c.TechnicalAccountEmail,
		Name: c.Name, Type: c.Type, RedirectURIs: slices.Clone(c.RedirectURIs),
		ProductProfileIDs: slices.Clone(c.ProductProfileIDs),
	}
	if len(c.ClientSecrets) > 0 {
		out.ClientSecret = c.ClientSecrets[0]
	}
	return out
}

// User is an Adobe ID user of the fake; the authorize endpoint logs in as one
// (see [WithLoginUser]).
type User struct {
	ID        string // "<24 uppercase hex>@AdobeID"; generated when empty
	Email     string // required, unique
	FirstName string
	LastName  string
	Country   string   // ISO 3166 alpha-2; "US" when empty
	OrgIDs    []string // orgs the user belongs to
}

func userFromState(u fakestate.User) User {
	return User{u.ID, u.Email, u.FirstName, u.LastName, u.Country, slices.Clone(u.OrgIDs)}
}

// PermissionList is one section of a product profile's Analytics
// permissions: explicit items, or auto-include (every item, present and
// future).
type PermissionList struct {
	AutoInclude bool
	Items       []string
}

// Permissions is a product profile's Analytics permission set, with the
// Admin Console's five sections.
type Permissions struct {
	ReportSuites     PermissionList
	Metrics          PermissionList
	Dimensions       PermissionList
	ReportSuiteTools []string // item names, e.g. "Report Suite Mgmt"
	AnalyticsTools   []string // item names, e.g. "Code Manager - Web Services"
}

// ProductProfile is a product profile of an org.
type ProductProfile struct {
	ID          string // numeric string; generated when empty
	OrgID       string // the demo org when empty
	Name        string // required, unique within the org
	ProductName string // "Adobe Analytics" when empty
	Permissions Permissions
}

func listToState(l PermissionList) fakestate.PermissionList {
	return fakestate.PermissionList{AutoInclude: l.AutoInclude, Items: slices.Clone(l.Items)}
}

func listFromState(l fakestate.PermissionList) PermissionList {
	return PermissionList{AutoInclude: l.AutoInclude, Items: slices.Clone(l.Items)}
}

func profileToState(p ProductProfile) fakestate.ProductProfile {
	return fakestate.ProductProfile{
		ID: p.ID, OrgID: p.OrgID, Name: p.Name, ProductName: p.ProductName,
		Permissions: fakestate.Permissions{
			ReportSuites:     listToState(p.Permissions.ReportSuites),
			Metrics:          listToState(p.Permissions.Metrics),
			Dimensions:       listToState(p.Permissions.Dimensions),
			ReportSuiteTools: slices.Clone(p.Permissions.ReportSuiteTools),
			AnalyticsTools:   slices.Clone(p.Permissions.AnalyticsTools),
		},
	}
}

func profileFromState(p fakestate.ProductProfile) ProductProfile {
	return ProductProfile{
		ID: p.ID, OrgID: p.OrgID, Name: p.Name, ProductName: p.ProductName,
		Permissions: Permissions{
			ReportSuites:     listFromState(p.Permissions.ReportSuites),
			Metrics:          listFromState(p.Permissions.Metrics),
			Dimensions:       listFromState(p.Permissions.Dimensions),
			ReportSuiteTools: slices.Clone(p.Permissions.ReportSuiteTools),
			AnalyticsTools:   slices.Clone(p.Permissions.AnalyticsTools),
		},
	}
}
