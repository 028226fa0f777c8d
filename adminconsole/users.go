package adminconsole

import (
	"context"
	"errors"
	"iter"
	"net/http"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// UsersService reads the organization's users.
type UsersService service

// UserType is a user's account type.
type UserType string

// Account types.
const (
	UserTypeAdobeID      UserType = "adobeID"
	UserTypeEnterpriseID UserType = "enterpriseID"
	UserTypeFederatedID  UserType = "federatedID"
	UserTypeUnknown      UserType = "unknown"
)

// UserStatus is a user's account status.
type UserStatus string

// Account statuses.
const (
	UserStatusActive   UserStatus = "active"
	UserStatusDisabled UserStatus = "disabled"
	UserStatusLocked   UserStatus = "locked"
	UserStatusRemoved  UserStatus = "removed"
)

// User is a member of the organization as UMAPI returns it.
type User struct {
	ID        string     `json:"id,omitempty"`
	Email     string     `json:"email"`
	Username  string     `json:"username,omitempty"`
	Domain    string     `json:"domain,omitempty"`
	FirstName string     `json:"firstname,omitempty"`
	LastName  string     `json:"lastname,omitempty"`
	Country   string     `json:"country,omitempty"`
	Type      UserType   `json:"type,omitempty"`
	Status    UserStatus `json:"status,omitempty"`
	// Groups are the names of the user groups, product profiles and admin
	// groups (e.g. "_admin_<profile>") the user belongs to.
	Groups []string `json:"groups,omitempty"`
}

// InGroup reports whether the user belongs to the named group, compared the
// way Adobe compares group names.
func (u User) InGroup(name string) bool {
	for _, g := range u.Groups {
		if sameGroupName(g, name) {
			return true
		}
	}
	return false
}

// UserListOptions filter [UsersService.List].
type UserListOptions struct {
	// Domain restricts the listing to one domain (e.g. "example.com").
	Domain string `url:"domain,omitempty"`
	// DirectOnly, when false, also lists users who are members only
	// through a user group. Adobe's default is true.
	DirectOnly *bool `url:"directOnly,omitempty"`
}

// GroupUserListOptions filter [UsersService.ListInGroup].
type GroupUserListOptions struct {
	// DirectOnly, when false, also lists indirect members (through a user
	// group). Adobe's default is true.
	DirectOnly *bool `url:"directOnly,omitempty"`
	// Status ("active" or "inactive") filters product-profile members by
	// license status; other groups ignore it.
	Status string `url:"status,omitempty"`
	// ExcludeGroups leaves each user's group list out of the answer.
	ExcludeGroups bool `url:"excludeGroups,omitempty"`
}

// GetUserOptions qualify [UsersService.Get].
type GetUserOptions struct {
	// Domain is the user's domain, for usernames that are not email
	// addresses, or [DomainAdobeID] to ask for the Adobe ID account of an
	// email.
	Domain string `url:"domain,omitempty"`
}

// DomainAdobeID is the domain value that selects Adobe ID accounts in
// UMAPI's user lookups (GET /organizations/{orgId}/users/{email}?domain=AdobeID).
// Check the answer's Type too: an org can hold an Enterprise or Federated
// ID with the same email.
const DomainAdobeID = "AdobeID"

type usersPage struct {
	LastPage bool   `json:"lastPage"`
	Result   string `json:"result"`
	Users    []User `json:"users"`
}

// List returns one 0-based page (up to 2000 users) of the org's users;
// resp.Page says where it sits: Number is the page requested, Size,
// TotalPages and TotalItems come from X-Page-Size, X-Page-Count and
// X-Total-Count (which counts technical accounts that are not listed), Last
// from the body's lastPage; X-Current-Page stays in resp.Header. A page past
// the end returns the last page again.
//
// API: GET /users/{orgId}/{page}
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/getUsersWithPage.html
func (s *UsersService) List(ctx context.Context, page int, opts *UserListOptions, reqOpts ...adobe.RequestOption) ([]User, *adobe.Response, error) {
	p, err := s.list(ctx, page, opts, reqOpts)
	return p.items, p.resp, err
}

func (s *UsersService) list(ctx context.Context, page int, opts *UserListOptions, reqOpts []adobe.RequestOption) (pageOf[User], error) {
	if err := validatePage(page); err != nil {
		return pageOf[User]{}, err
	}
	r := core.Request{Method: http.MethodGet, Path: core.Pathf("users/%s/%s", s.client.orgID, page)}
	if opts != nil {
		if err := checkDomainArg("UserListOptions.Domain", opts.Domain); err != nil {
			return pageOf[User]{}, err
		}
		r.Query = opts
	}
	return s.fetch(ctx, page, r, reqOpts)
}

func (s *UsersService) fetch(ctx context.Context, page int, r core.Request, reqOpts []adobe.RequestOption) (pageOf[User], error) {
	var out usersPage
	resp, fp, err := s.client.getJSON(ctx, epUsers, r, &out, reqOpts)
	if err != nil {
		return pageOf[User]{resp: resp}, err
	}
	if out.Users == nil && !out.LastPage {
		return pageOf[User]{resp: resp}, s.client.responseError(r, resp, errors.New(`the page has no "users" array and no lastPage`))
	}
	return pageOf[User]{items: out.Users, resp: withPage(resp, page, out.LastPage), last: out.LastPage, fingerprint: fp}, nil
}

// ListIter returns an iterator over every user of the org.
//
// API: GET /users/{orgId}/{page}
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/getUsersWithPage.html
func (s *UsersService) ListIter(ctx context.Context, opts *UserListOptions, reqOpts ...adobe.RequestOption) iter.Seq2[User, error] {
	if opts != nil {
		cp := *opts
		opts = &cp
	}
	return iterate(ctx, func(ctx context.Context, page int) (pageOf[User], error) {
		return s.list(ctx, page, opts, reqOpts)
	})
}

// ListInGroup returns one 0-based page of the members of a user group,
// product profile or admin group; resp.Page says where it sits. An unknown
// group is an *adobe.Error (404, code error.group.not_found) matching
// adobe.ErrNotFound.
//
// API: GET /users/{orgId}/{page}/{groupName}
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/getUsersByGroup.html
func (s *UsersService) ListInGroup(ctx context.Context, group string, page int, opts *GroupUserListOptions, reqOpts ...adobe.RequestOption) ([]User, *adobe.Response, error) {
	p, err := s.listInGroup(ctx, group, page, opts, reqOpts)
	return p.items, p.resp, err
}

func (s *UsersService) listInGroup(ctx context.Context, group string, page int, opts *GroupUserListOptions, reqOpts []adobe.RequestOption) (pageOf[User], error) {
	if err := validatePage(page); err != nil {
		return pageOf[User]{}, err
	}
	if err := checkGroupArg("group", group); err != nil {
		return pageOf[User]{}, err
	}
	if opts != nil && opts.Status != "" && opts.Status != "active" && opts.Status != "inactive" {
		return pageOf[User]{}, core.NewArgError("GroupUserListOptions.Status", "%q is neither \"active\" nor \"inactive\"", opts.Status)
	}
	r := core.Request{Method: http.MethodGet, Path: core.Pathf("users/%s/%s/%s", s.client.orgID, page, group)}
	if opts != nil {
		r.Query = opts
	}
	return s.fetch(ctx, page, r, reqOpts)
}

// ListInGroupIter returns an iterator over every member of a group.
//
// API: GET /users/{orgId}/{page}/{groupName}
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/getUsersByGroup.html
func (s *UsersService) ListInGroupIter(ctx context.Context, group string, opts *GroupUserListOptions, reqOpts ...adobe.RequestOption) iter.Seq2[User, error] {
	if opts != nil {
		cp := *opts
		opts = &cp
	}
	return iterate(ctx, func(ctx context.Context, page int) (pageOf[User], error) {
		return s.listInGroup(ctx, group, page, opts, reqOpts)
	})
}

// Get returns one user by email (or username, with opts.Domain). A user
// who is not in the org is a *[NotFoundError] (Kind "user") matching
// adobe.ErrNotFound and unwrapping to Adobe's 404 *adobe.Error (code
// error.user.not_found). An unusable answer (an empty or truncated 2xx
// body) is an *adobe.ResponseError, never "not found".
//
// API: GET /organizations/{orgId}/users/{userString}
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/getUser.html
func (s *UsersService) Get(ctx context.Context, user string, opts *GetUserOptions, reqOpts ...adobe.RequestOption) (*User, *adobe.Response, error) {
	if opts != nil && opts.Domain != "" && opts.Domain != DomainAdobeID {
		if err := checkDomainArg("GetUserOptions.Domain", opts.Domain); err != nil {
			return nil, nil, err
		}
		if err := checkUsernameArg("user", user); err != nil {
			return nil, nil, err
		}
	} else if err := checkEmailArg("user", user); err != nil {
		return nil, nil, err
	}
	var out struct {
		Result string `json:"result"`
		User   *User  `json:"user"`
	}
	r := core.Request{Method: http.MethodGet, Path: core.Pathf("organizations/%s/users/%s", s.client.orgID, user)}
	if opts != nil {
		r.Query = opts
	}
	resp, _, err := s.client.getJSON(ctx, epUsers, r, &out, reqOpts)
	if err != nil {
		if errors.Is(err, adobe.ErrNotFound) {
			return nil, resp, &NotFoundError{Kind: "user", Name: user, Err: err}
		}
		return nil, resp, err
	}
	if out.User == nil || out.User.Email == "" && out.User.Username == "" && out.User.ID == "" {
		// A 200 without the user is not an answer the SDK can use.
		return nil, resp, s.client.responseError(r, resp, errors.New(`the answer has no "user" object`))
	}
	return out.User, resp, nil
}
