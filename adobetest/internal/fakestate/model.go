package fakestate

import (
	"slices"
	"time"
)

// Credential types. Server-to-server credentials mint tokens with the
// client_credentials grant only. Web-app credentials are confidential clients
// of the authorization-code flow (they have secrets); single-page and native
// app credentials are public clients (no secrets, PKCE required).
const (
	TypeServerToServer = "oauth_server_to_server"
	TypeWebApp         = "oauth_webapp"
	TypeSinglePageApp  = "oauth_singlepageapp"
	TypeNativeApp      = "oauth_nativeapp"
)

// MaxClientSecrets is how many client secrets a credential may hold at once,
// as in the Developer Console.
const MaxClientSecrets = 2

// Org is an Adobe organization.
type Org struct {
	ID        string // "<24 uppercase hex>@AdobeOrg"
	Name      string
	ConsoleID string // the Developer Console's numeric org id, as digits
}

// Credential is an OAuth credential (an IMS client).
type Credential struct {
	ClientID              string // 32 lowercase hex
	ClientSecrets         []string
	Type                  string // one of the Type constants
	Name                  string
	OrgID                 string
	Scopes                []string
	RedirectURIs          []string // user-flow credentials; empty allows any
	TechnicalAccountID    string   // "<24 hex>@techacct.adobe.com"
	TechnicalAccountEmail string   // "<uuid>@techacct.adobe.com"
	ProductProfileIDs     []string
	// ProjectID is the Developer Console project the credential belongs
	// to; empty for credentials seeded outside a project. Adobe counts
	// some rate limits (Analytics: 12 requests per 6 s) per project.
	ProjectID string
	CreatedAt time.Time
}

// Public reports whether c is a public client (no secret; PKCE required).
func (c Credential) Public() bool {
	return c.Type == TypeSinglePageApp || c.Type == TypeNativeApp
}

// HasSecret reports whether secret is one of c's client secrets.
func (c Credential) HasSecret(secret string) bool {
	return secret != "" && slices.Contains(c.ClientSecrets, secret)
}

func (c Credential) clone() Credential {
	c.ClientSecrets = slices.Clone(c.ClientSecrets)
	c.Scopes = slices.Clone(c.Scopes)
	c.RedirectURIs = slices.Clone(c.RedirectURIs)
	c.ProductProfileIDs = slices.Clone(c.ProductProfileIDs)
	return c
}

// User is an Adobe ID user who can log in through the authorize endpoint.
type User struct {
	ID        string // "<24 uppercase hex>@AdobeID"
	Email     string
	FirstName string
	LastName  string
	Country   string // ISO 3166 alpha-2
	OrgIDs    []string
}

func (u User) clone() User {
	u.OrgIDs = slices.Clone(u.OrgIDs)
	return u
}

// PermissionList is one section of a product profile's Analytics permissions:
// either explicit items or auto-include (every item, present and future).
type PermissionList struct {
	AutoInclude bool     `json:"auto_include,omitempty"`
	Items       []string `json:"items,omitempty"`
}

// Permissions is the Analytics permission set of a product profile, with the
// Admin Console's five sections.
type Permissions struct {
	ReportSuites     PermissionList `json:"report_suites"`
	Metrics          PermissionList `json:"metrics"`
	Dimensions       PermissionList `json:"dimensions"`
	ReportSuiteTools []string       `json:"report_suite_tools,omitempty"`
	AnalyticsTools   []string       `json:"analytics_tools,omitempty"`
}

func (p Permissions) clone() Permissions {
	p.ReportSuites.Items = slices.Clone(p.ReportSuites.Items)
	p.Metrics.Items = slices.Clone(p.Metrics.Items)
	p.Dimensions.Items = slices.Clone(p.Dimensions.Items)
	p.ReportSuiteTools = slices.Clone(p.ReportSuiteTools)
	p.AnalyticsTools = slices.Clone(p.AnalyticsTools)
	return p
}

// ProductProfile is a product profile (license configuration) of an org.
type ProductProfile struct {
	ID          string // numeric string
	OrgID       string
	Name        string
	ProductName string // e.g. "Adobe Analytics"
	Permissions Permissions
}

func (p ProductProfile) clone() ProductProfile {
	p.Permissions = p.Permissions.clone()
	return p
}

// Token kinds: who a token was issued to.
const (
	KindService = "service" // client_credentials: the credential's technical account
	KindUser    = "user"    // authorization code / refresh: an Adobe ID user
)

// Token types, as in IMS's validate_token "type" parameter.
const (
	TokenAccess  = "access_token"
	TokenRefresh = "refresh_token"
	TokenCode    = "authorization_code"
)

// Principal is who a token speaks for.
type Principal struct {
	ClientID string
	UserID   string // technical account id for service tokens
	OrgID    string
	Scopes   []string
	Kind     string // KindService or KindUser
}

// HasScope reports whether p was granted scope.
func (p Principal) HasScope(scope string) bool { return slices.Contains(p.Scopes, scope) }

// Token is an issued access token, refresh token or authorization code.
type Token struct {
	Value     string
	ID        string // the "id" claim
	Type      string // TokenAccess, TokenRefresh or TokenCode
	Principal Principal
	CreatedAt time.Time
	ExpiresAt time.Time
	Revoked   bool
	Used      bool   // authorization codes are single use
	Session   string // shared by every token of one grant (code → access/refresh); for cascading revocation

	// Authorization codes only.
	RedirectURI   string
	CodeChallenge string // S256 challenge, empty without PKCE
}

// Active reports whether t can be used at now.
func (t Token) Active(now time.Time) bool {
	return !t.Revoked && !t.Used && now.Before(t.ExpiresAt)
}

func (t Token) clone() Token {
	t.Principal.Scopes = slices.Clone(t.Principal.Scopes)
	return t
}
