package analytics

import (
	"context"
	"iter"

	"github.com/go-adobe/adobe"
)

// UsersService reads the company's Analytics users.
type UsersService service

// User is an Analytics user (AnalyticsUser). For a server-to-server
// credential, Users.Me is its technical account user, whose last name is
// "techacct.adobe.com"; components it creates are owned by LoginID.
type User struct {
	CompanyID      int    `json:"companyid,omitempty"`
	LoginID        int    `json:"loginId,omitempty"`
	Login          string `json:"login,omitempty"`
	ChangePassword bool   `json:"changePassword,omitempty"`
	CreateDate     string `json:"createDate,omitempty"`
	Disabled       bool   `json:"disabled,omitempty"`
	Email          string `json:"email,omitempty"`
	FirstName      string `json:"firstName,omitempty"`
	FullName       string `json:"fullName,omitempty"`
	IMSUserID      string `json:"imsUserId,omitempty"`
	LastName       string `json:"lastName,omitempty"`
	LastAccess     string `json:"lastAccess,omitempty"`
	PhoneNumber    string `json:"phoneNumber,omitempty"`
	TempLoginEnd   string `json:"tempLoginEnd,omitempty"`
	Title          string `json:"title,omitempty"`
}

// IsTechnicalAccount reports whether u is a credential's technical account.
func (u User) IsTechnicalAccount() bool { return u.LastName == "techacct.adobe.com" }

// List returns one page of the company's users.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/users/
//
// API: GET /api/{globalCompanyId}/users
func (s *UsersService) List(ctx context.Context, opts *PageOptions, reqOpts ...adobe.RequestOption) ([]User, *adobe.Response, error) {
	path, err := s.client.companyPath("users")
	if err != nil {
		return nil, nil, err
	}
	if opts == nil {
		opts = &PageOptions{}
	}
	q, err := encode(opts)
	if err != nil {
		return nil, nil, err
	}
	return listPage[User](ctx, s.client, path, q, reqOpts)
}

// ListIter iterates over every user.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/users/
//
// API: GET /api/{globalCompanyId}/users
func (s *UsersService) ListIter(ctx context.Context, opts *PageOptions, reqOpts ...adobe.RequestOption) iter.Seq2[User, error] {
	path, err := s.client.companyPath("users")
	if err != nil {
		return errSeq[User](err)
	}
	if opts == nil {
		opts = &PageOptions{}
	}
	q, err := encode(opts)
	if err != nil {
		return errSeq[User](err)
	}
	return iterate[User](ctx, s.client, path, q, reqOpts)
}

// Me returns the calling user (for a server-to-server credential, its
// technical account user).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/users/
//
// API: GET /api/{globalCompanyId}/users/me
func (s *UsersService) Me(ctx context.Context, reqOpts ...adobe.RequestOption) (*User, *adobe.Response, error) {
	path, err := s.client.companyPath("users/me")
	if err != nil {
		return nil, nil, err
	}
	var u User
	resp, err := s.client.get(ctx, path, nil, &u, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &u, resp, nil
}
