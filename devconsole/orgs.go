package devconsole

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// OrganizationsService covers organizations, developer terms, the services
// (APIs) an org can subscribe to with their product profiles, and the org's
// integrations.
type OrganizationsService service

// Organization is a Developer Console org. ID is the numeric Console (AMS)
// org id used in every /console/organizations/{orgId} path; Code is the IMS
// org id, "<24 hex>@AdobeOrg".
type Organization struct {
	ID          string    `json:"id"`
	Code        string    `json:"code"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Type        string    `json:"type"` // e.g. "entp", "developer"
	Role        string    `json:"role"` // "ADMIN" or "DEVELOPER"
	Roles       []OrgRole `json:"roles,omitempty"`
}

// OrgRole is one entry of an org row's roles (observed, not in the spec).
type OrgRole struct {
	Principal    string `json:"principal"`
	Organization string `json:"organization"`
	Target       string `json:"target"`
	NamedRole    string `json:"named_role"`
	TargetType   string `json:"target_type"`
}

// List returns the orgs the caller belongs to.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/
//
// API: GET /console/organizations
//
// Documented for user tokens and for S2S tokens of an I/O Management API
// credential.
func (s *OrganizationsService) List(ctx context.Context, reqOpts ...adobe.RequestOption) ([]Organization, *adobe.Response, error) {
	var out []Organization
	resp, err := (*service)(s).call(ctx, http.MethodGet, "console/organizations", nil, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	s.client.cacheOrgs(out)
	wholeList(resp, len(out))
	return out, resp, nil
}

// ListIter iterates over the caller's orgs (one request: the endpoint is
// not paginated).
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/
//
// API: GET /console/organizations
func (s *OrganizationsService) ListIter(ctx context.Context, reqOpts ...adobe.RequestOption) iter.Seq2[Organization, error] {
	return onePage(ctx, func(ctx context.Context) ([]Organization, error) {
		items, _, err := s.List(ctx, reqOpts...)
		return items, err
	})
}

// Resolve finds one of the caller's orgs by either identifier: the IMS org
// id ("…@AdobeOrg", Organization.Code) or the numeric Console org id
// (Organization.ID). It returns a *NotFoundError (matching
// adobe.ErrNotFound) when the caller has no such org. It always lists the
// orgs (one request) and refreshes the client's cache of numeric ids; the
// other calls resolve an IMS org id through that cache.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/
//
// API: GET /console/organizations
func (s *OrganizationsService) Resolve(ctx context.Context, orgID string, reqOpts ...adobe.RequestOption) (*Organization, error) {
	if err := checkOrgID("orgID", orgID); err != nil {
		return nil, err
	}
	orgs, _, err := s.List(ctx, reqOpts...)
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		if o.ID == orgID || strings.EqualFold(o.Code, orgID) {
			return &o, nil
		}
	}
	return nil, &NotFoundError{Kind: "organization", Name: orgID,
		Hint: "the caller is not a member of it; check the org id and that the user or technical account belongs to the org"}
}

// Terms is the caller's acceptance of Adobe's developer terms in an org.
// Both Accepted and Current must be true before the Console lets the caller
// create projects.
type Terms struct {
	Accepted bool `json:"accepted"`
	Current  bool `json:"current"`
}

// GetTerms reports whether the caller accepted the current developer terms.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/services/ims/organizations/{orgId}/terms, "check developer terms acceptance".
//
// API: GET /console/services/ims/organizations/{orgId}/terms
func (s *OrganizationsService) GetTerms(ctx context.Context, orgID string, reqOpts ...adobe.RequestOption) (*Terms, *adobe.Response, error) {
	org, err := (*service)(s).org(ctx, "orgID", orgID, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out Terms
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/services/ims/organizations/%s/terms", org), nil, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// AcceptTerms accepts the current developer terms for the caller (a user:
// the acceptance is personal). It is idempotent.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, POST /console/services/ims/organizations/{orgId}/terms, "accept developer terms".
//
// API: POST /console/services/ims/organizations/{orgId}/terms
func (s *OrganizationsService) AcceptTerms(ctx context.Context, orgID string, reqOpts ...adobe.RequestOption) (*Terms, *adobe.Response, error) {
	org, err := (*service)(s).org(ctx, "orgID", orgID, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out Terms
	reqOpts = append([]adobe.RequestOption{adobe.WithIdempotent()}, reqOpts...)
	resp, err := (*service)(s).call(ctx, http.MethodPost, core.Pathf("console/services/ims/organizations/%s/terms", org), nil, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	if out.Accepted {
		out.Current = true
	}
	return &out, resp, nil
}

// Service codes (sdkCode) of the APIs the connector works with.
const (
	SDKAnalytics    = "AdobeAnalyticsSDK"       // Adobe Analytics (server-to-server flavour: Type "entp")
	SDKIOManagement = "AdobeIOManagementAPISDK" // I/O Management API (the Console API with an S2S token)
	SDKUserMgmt     = "UserMgmtSDK"             // User Management API
)

// DisabledReason says why a service cannot be added (the spec's enum).
type DisabledReason string

// The spec's disabled reasons. ORG/USER_MISSING_PRODUCT_PROFILES is the
// "no product profile for this API (yet)" case: create one in the Admin
// Console.
const (
	ReasonUserMissingProductProfiles      DisabledReason = "USER_MISSING_PRODUCT_PROFILES"
	ReasonOrgMissingProductProfiles       DisabledReason = "ORG_MISSING_PRODUCT_PROFILES"
	ReasonUserMissingAdminRole            DisabledReason = "USER_MISSING_ADMIN_ROLE"
	ReasonUserMissingAdminOrDeveloperRole DisabledReason = "USER_MISSING_ADMIN_OR_DEVELOPER_ROLE"
	ReasonOrgMissingFIS                   DisabledReason = "ORG_MISSING_FIS"
	ReasonOrgMissingTargetTenantID        DisabledReason = "ORG_MISSING_TARGET_TENANT_ID"
	ReasonUserMissingPublicBeta           DisabledReason = "USER_MISSING_PUBLIC_BETA"
	ReasonUnsupportedOrgType              DisabledReason = "UNSUPPORTED_ORG_TYPE"
	ReasonOrgNotAllowlisted               DisabledReason = "ORG_NOT_ALLOWLISTED"
	ReasonDeprecated                      DisabledReason = "DEPRECATED"
	ReasonException                       DisabledReason = "EXCEPTION"
)

// LicenseConfig is a product profile as the Console shows it: ID is the
// product profile (license group) id, ProductID the product's id. Selected
// is set by the service-properties call; in the org subscription dialect
// (Subscription) it is always sent: true attaches the profile, false
// detaches it.
type LicenseConfig struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	ProductID   string `json:"productId"`
	Description string `json:"description,omitempty"`
	Selected    bool   `json:"selected"`
}

// is reports whether nameOrID names l: its id exactly, or its name
// case-insensitively (Adobe's product-profile names are unique regardless
// of case), surrounding spaces ignored.
func (l LicenseConfig) is(nameOrID string) bool {
	s := strings.TrimSpace(nameOrID)
	return s != "" && (l.ID == s || strings.EqualFold(l.Name, s))
}

// ServiceRole is a role of a service (an id, numeric on the wire in some
// calls and a string in others, and a code).
type ServiceRole struct {
	ID   string `json:"id"`
	Code string `json:"code"`
	Name string `json:"name,omitempty"`
}

// UnmarshalJSON decodes the id from a string or a number.
func (r *ServiceRole) UnmarshalJSON(data []byte) error {
	type plain ServiceRole
	var w struct {
		*plain
		ID json.RawMessage `json:"id"`
	}
	w.plain = (*plain)(r)
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	id, err := decodeRoleID(w.ID)
	r.ID = id
	return err
}

// ServiceProperties are a service's product profiles and roles.
type ServiceProperties struct {
	LicenseConfigs []LicenseConfig `json:"licenseConfigs"`
	Roles          []ServiceRole   `json:"roles,omitempty"`
}

// Service is an API an org can add to a credential.
type Service struct {
	Name                string            `json:"name"`
	Code                string            `json:"code"`
	Enabled             bool              `json:"enabled"`
	Type                string            `json:"type"` // "entp" = server-to-server
	PlatformList        []string          `json:"platformList,omitempty"`
	DocsURL             string            `json:"docsUrl,omitempty"`
	LearnMoreURL        string            `json:"learnMoreUrl,omitempty"`
	Description         string            `json:"description,omitempty"`
	Deprecated          bool              `json:"deprecated"`
	Properties          ServiceProperties `json:"properties"`
	RequiresApproval    bool              `json:"requiresApproval"`
	CanRequestAccess    bool              `json:"canRequestAccess"`
	EntitledForOrg      bool              `json:"entitledForOrg"`
	AccessPlatformAppID string            `json:"accessPlatformAppId,omitempty"`
	DisabledReasons     []DisabledReason  `json:"disabledReasons,omitempty"`
}

// Profile returns the service's product profile with the given name or id.
// Names match as Adobe compares product-profile names: case-insensitively,
// ignoring surrounding spaces.
func (sv Service) Profile(nameOrID string) (LicenseConfig, bool) {
	i := slices.IndexFunc(sv.Properties.LicenseConfigs, func(l LicenseConfig) bool { return l.is(nameOrID) })
	if i < 0 {
		return LicenseConfig{}, false
	}
	return sv.Properties.LicenseConfigs[i], true
}

// ServicesOptions filters ListServices.
type ServicesOptions struct {
	// SDKCodes limits the answer to these services.
	SDKCodes []string `url:"sdkCodes,comma,omitempty"`
}

// ListServices returns the services (APIs) of an org with their product
// profiles (Properties.LicenseConfigs) and why a service is disabled.
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/services, "list services for an organization".
//
// API: GET /console/organizations/{orgId}/services
func (s *OrganizationsService) ListServices(ctx context.Context, orgID string, opts *ServicesOptions, reqOpts ...adobe.RequestOption) ([]Service, *adobe.Response, error) {
	if err := checkOrgID("orgID", orgID); err != nil {
		return nil, nil, err
	}
	var q any
	if opts != nil && len(opts.SDKCodes) > 0 {
		for i, code := range opts.SDKCodes {
			if err := checkID(fmt.Sprintf("opts.SDKCodes[%d]", i), code); err != nil {
				return nil, nil, err
			}
		}
		q = opts
	}
	org, err := s.client.consoleOrg(ctx, orgID, reqOpts)
	if err != nil {
		return nil, nil, err
	}
	var out []Service
	resp, err := (*service)(s).call(ctx, http.MethodGet, core.Pathf("console/organizations/%s/services", org), q, nil, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	wholeList(resp, len(out))
	return out, resp, nil
}

// ListServicesIter iterates over the org's services (one request: the
// list is not paginated).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/services, "list services for an organization".
//
// API: GET /console/organizations/{orgId}/services
func (s *OrganizationsService) ListServicesIter(ctx context.Context, orgID string, opts *ServicesOptions, reqOpts ...adobe.RequestOption) iter.Seq2[Service, error] {
	return onePage(ctx, func(ctx context.Context) ([]Service, error) {
		items, _, err := s.ListServices(ctx, orgID, opts, reqOpts...)
		return items, err
	})
}

// GetService returns one server-to-server service of an org by sdkCode (the
// entry of Type "entp" when the Console lists several flavours).
//
// Adobe documents no page for this call; its spec (aio-lib-console, no operation ids): https://github.com/adobe/aio-lib-console/blob/master/spec/api.json, GET /console/organizations/{orgId}/services, "list services for an organization".
//
// API: GET /console/organizations/{orgId}/services?sdkCodes={sdkCode}
func (s *OrganizationsService) GetService(ctx context.Context, orgID, sdkCode string, reqOpts ...adobe.RequestOption) (*Service, *adobe.Response, error) {
	if err := errors.Join(checkOrgID("orgID", orgID), checkID("sdkCode", sdkCode)); err != nil {
		return nil, nil, err
	}
	svcs, resp, err := s.ListServices(ctx, orgID, &ServicesOptions{SDKCodes: []string{sdkCode}}, reqOpts...)
	if err != nil {
		return nil, resp, err
	}
	if resp != nil {
		resp.Page = nil
	}
	var found *Service
	for i := range svcs {
		if svcs[i].Code != sdkCode {
			continue
		}
		if found == nil || svcs[i].Type == "entp" {
			found = &svcs[i]
		}
	}
	if found == nil {
		return nil, resp, &NotFoundError{Kind: "service", Name: sdkCode, Hint: "the org is not entitled to this API; check the org's products in the Admin Console"}
	}
	return found, resp, nil
}
