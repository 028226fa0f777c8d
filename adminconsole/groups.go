package adminconsole

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// GroupsService lists an organization's groups: user groups, product
// profiles and admin groups.
type GroupsService service

// GroupType is the kind of a UMAPI group.
type GroupType string

// Group types documented by UMAPI.
const (
	GroupTypeUserGroup            GroupType = "USER_GROUP"
	GroupTypeProductProfile       GroupType = "PRODUCT_PROFILE"
	GroupTypeSysAdminGroup        GroupType = "SYSADMIN_GROUP"
	GroupTypeDeploymentAdminGroup GroupType = "DEPLOYMENT_ADMIN_GROUP"
	GroupTypeSupportAdminGroup    GroupType = "SUPPORT_ADMIN_GROUP"
	GroupTypeProductAdminGroup    GroupType = "PRODUCT_ADMIN_GROUP"
	GroupTypeProfileAdminGroup    GroupType = "PROFILE_ADMIN_GROUP"
	GroupTypeUserAdminGroup       GroupType = "USER_ADMIN_GROUP"
	GroupTypeDeveloperGroup       GroupType = "DEVELOPER_GROUP"
)

// Group is a UMAPI group: a user group, a product profile or an admin group.
// Names are unique within an org across user groups and product profiles,
// and Adobe compares them case-insensitively; fields other than these
// "should not be relied upon" (Adobe).
type Group struct {
	// Type is the group's kind.
	Type GroupType `json:"type"`
	// Name is the group's name (groupName), the key every write uses.
	Name string `json:"groupName"`
	// ID is Adobe's numeric id (groupId).
	ID int64 `json:"groupId,omitempty"`
	// MemberCount is the number of members.
	MemberCount int `json:"memberCount"`
	// AdminGroupName is the group's admin group ("_admin_<name>"); empty
	// when the group has no admins.
	AdminGroupName string `json:"adminGroupName,omitempty"`
	// ProductName is the product a PRODUCT_PROFILE belongs to.
	ProductName string `json:"productName,omitempty"`
	// LicenseQuota is a PRODUCT_PROFILE's quota, a string such as "8".
	LicenseQuota string `json:"licenseQuota,omitempty"`
	// ProductProfileName is the profile a PROFILE_ADMIN_GROUP (or
	// DEVELOPER_GROUP) administers.
	ProductProfileName string `json:"productProfileName,omitempty"`
	// UserGroupName is the user group a USER_ADMIN_GROUP administers.
	UserGroupName string `json:"userGroupName,omitempty"`
}

// UnmarshalJSON accepts groupId and licenseQuota as strings or numbers.
func (g *Group) UnmarshalJSON(b []byte) error {
	type plain Group
	var aux struct {
		plain
		ID           flexInt    `json:"groupId"`
		LicenseQuota flexString `json:"licenseQuota"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*g = Group(aux.plain)
	g.ID = int64(aux.ID)
	g.LicenseQuota = string(aux.LicenseQuota)
	return nil
}

// IsProductProfile reports whether g is a product profile.
func (g Group) IsProductProfile() bool { return g.Type == GroupTypeProductProfile }

// SameName reports whether name names g, the way Adobe compares group names
// (case-insensitively, ignoring surrounding spaces).
func (g Group) SameName(name string) bool { return sameGroupName(g.Name, name) }

func sameGroupName(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

type groupsPage struct {
	LastPage bool    `json:"lastPage"`
	Result   string  `json:"result"`
	Groups   []Group `json:"groups"`
}

// List returns one 0-based page of the org's groups and product profiles;
// resp.Page says where it sits (Last from the body's lastPage). A page past
// the end is an empty last page (Adobe answers it with a 404 whose body says
// lastPage).
//
// API: GET /groups/{orgId}/{page}
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/group.html
//
// Adobe allows 5 such requests per minute per client; the client waits for
// its limiter (see [Limits]).
func (s *GroupsService) List(ctx context.Context, page int, reqOpts ...adobe.RequestOption) ([]Group, *adobe.Response, error) {
	p, err := s.list(ctx, page, reqOpts)
	return p.items, p.resp, err
}

func (s *GroupsService) list(ctx context.Context, page int, reqOpts []adobe.RequestOption) (pageOf[Group], error) {
	if err := validatePage(page); err != nil {
		return pageOf[Group]{}, err
	}
	var out groupsPage
	r := core.Request{Method: http.MethodGet, Path: core.Pathf("groups/%s/%s", s.client.orgID, page)}
	resp, fp, err := s.client.getJSON(ctx, epGroups, r, &out, reqOpts)
	if err != nil {
		if isPastLastPage(err) {
			return pageOf[Group]{resp: withPage(resp, page, true), last: true}, nil
		}
		return pageOf[Group]{resp: resp}, err
	}
	if out.Groups == nil && !out.LastPage {
		// Neither groups nor the end: reading it as an empty last page
		// would turn a lookup into "not found".
		return pageOf[Group]{resp: resp}, s.client.responseError(r, resp, errors.New(`the page has no "groups" array and no lastPage`))
	}
	return pageOf[Group]{items: out.Groups, resp: withPage(resp, page, out.LastPage), last: out.LastPage, fingerprint: fp}, nil
}

// ListIter returns an iterator over every group of the org, fetching pages
// as needed. On error it yields (zero, err) once and stops.
//
// API: GET /groups/{orgId}/{page}
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/group.html
func (s *GroupsService) ListIter(ctx context.Context, reqOpts ...adobe.RequestOption) iter.Seq2[Group, error] {
	return iterate(ctx, func(ctx context.Context, page int) (pageOf[Group], error) {
		return s.list(ctx, page, reqOpts)
	})
}

// Get returns the group (of any type) called name, compared the way Adobe
// compares group names, and the answer of the page that held it. It pages
// through the listing until found; a missing group is a *[NotFoundError]
// matching adobe.ErrNotFound. An unusable answer (an empty or truncated 2xx
// body) is an *adobe.ResponseError, never "not found".
//
// API: GET /groups/{orgId}/{page}
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/group.html
func (s *GroupsService) Get(ctx context.Context, name string, reqOpts ...adobe.RequestOption) (*Group, *adobe.Response, error) {
	return s.find(ctx, name, "group", reqOpts)
}

// GetProductProfile returns the product profile called name (compared
// case-insensitively, as Adobe does). A missing profile is a
// *[NotFoundError] matching adobe.ErrNotFound; a user group or admin group
// of that name is a *[WrongGroupTypeError] (matching adobe.ErrConflict)
// carrying the group.
//
// API: GET /groups/{orgId}/{page}
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/group.html
func (s *GroupsService) GetProductProfile(ctx context.Context, name string, reqOpts ...adobe.RequestOption) (*Group, *adobe.Response, error) {
	g, resp, err := s.find(ctx, name, "product profile", reqOpts)
	if err != nil {
		return nil, resp, err
	}
	if !g.IsProductProfile() {
		return nil, resp, &WrongGroupTypeError{Name: name, Group: *g}
	}
	return g, resp, nil
}

func (s *GroupsService) find(ctx context.Context, name, what string, reqOpts []adobe.RequestOption) (*Group, *adobe.Response, error) {
	if err := checkGroupArg(what+" name", name); err != nil {
		return nil, nil, err
	}
	var last *adobe.Response
	for g, err := range iterate(ctx, func(ctx context.Context, page int) (pageOf[Group], error) {
		p, err := s.list(ctx, page, reqOpts)
		if p.resp != nil {
			last = p.resp
		}
		return p, err
	}) {
		if err != nil {
			return nil, last, err
		}
		if g.SameName(name) {
			return &g, last, nil
		}
	}
	return nil, last, &NotFoundError{Kind: what, Name: name}
}

// ProductMatcher selects products by their UMAPI productName.
type ProductMatcher func(productName string) bool

// ProductNameIs matches a product name exactly, ignoring case.
func ProductNameIs(name string) ProductMatcher {
	return func(p string) bool { return strings.EqualFold(strings.TrimSpace(p), strings.TrimSpace(name)) }
}

// ProductNameContains matches product names containing sub, ignoring case.
func ProductNameContains(sub string) ProductMatcher {
	sub = strings.ToLower(sub)
	return func(p string) bool { return strings.Contains(strings.ToLower(p), sub) }
}

// AnalyticsProduct matches Adobe Analytics' product name. Adobe does not
// document the exact productName string of Analytics (it may vary by SKU),
// so this matches any name containing "Analytics"; pass ProductNameIs with
// the name your org's listing shows to be stricter.
var AnalyticsProduct = ProductNameContains("analytics")

// ListProductProfilesIter returns an iterator over the product profiles of
// products that match (nil matches every product).
//
// API: GET /groups/{orgId}/{page}
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/group.html
func (s *GroupsService) ListProductProfilesIter(ctx context.Context, match ProductMatcher, reqOpts ...adobe.RequestOption) iter.Seq2[Group, error] {
	return func(yield func(Group, error) bool) {
		for g, err := range s.ListIter(ctx, reqOpts...) {
			if err != nil {
				yield(Group{}, err)
				return
			}
			if !g.IsProductProfile() || match != nil && !match(g.ProductName) {
				continue
			}
			if !yield(g, nil) {
				return
			}
		}
	}
}

// NotFoundError reports that a named group, product profile or user does
// not exist in the org. It matches adobe.ErrNotFound, and unwraps to Adobe's
// 404 *adobe.Error when there was one (a user lookup). Its message says
// what to do.
type NotFoundError struct {
	// Kind is "group", "product profile" or "user".
	Kind string
	// Name is the name looked for.
	Name string
	// Err is Adobe's answer (a 404 *adobe.Error), or nil when the SDK
	// listed every group without finding the name.
	Err error
}

// Error implements error.
func (e *NotFoundError) Error() string {
	s := fmt.Sprintf("adminconsole: %s %q not found", e.Kind, e.Name)
	switch e.Kind {
	case "product profile":
		s += "; a person must create it in the Admin Console (no Adobe API can): RequireProductProfile returns the steps"
	case "user":
		s += "; add the person to the org in the Admin Console, or set EnsureOptions.AddToOrg to add the Adobe ID"
	case "group":
		s += "; check the name (compared case-insensitively) against the Admin Console's Users → User Groups and Products"
	}
	return s
}

// Is matches adobe.ErrNotFound.
func (e *NotFoundError) Is(target error) bool { return target == adobe.ErrNotFound }

// Unwrap returns Adobe's answer, if any.
func (e *NotFoundError) Unwrap() error { return e.Err }
