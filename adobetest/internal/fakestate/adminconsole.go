package fakestate

// The Admin Console (User Management API) state: org members with their
// direct group memberships, user groups and the license quota of product
// profiles. Product profiles themselves stay in the store (shared with the
// Developer Console part's licenseConfigs); Adobe ID users of the store who
// belong to an org are members of it.
//
// The state is the store's part state "adminconsole" (see Store.PartState).

import (
	"slices"
	"strings"
	"sync"
)

// Admin Console user types and statuses, as UMAPI spells them.
const (
	UserTypeAdobeID      = "adobeID"
	UserTypeEnterpriseID = "enterpriseID"
	UserTypeFederatedID  = "federatedID"
)

// OrgMember is a user of an org as the Admin Console sees it.
type OrgMember struct {
	ID        string
	Email     string
	Username  string
	Domain    string
	FirstName string
	LastName  string
	Country   string
	Type      string // UserTypeAdobeID, ...
	Status    string // "active"
	// Groups are the names of the groups (product profiles, user groups,
	// admin groups such as "_admin_<profile>") the member directly
	// belongs to, as first assigned.
	Groups []string
}

// HasGroup reports whether m directly belongs to the named group (names
// compare case-insensitively).
func (m *OrgMember) HasGroup(name string) bool {
	return slices.ContainsFunc(m.Groups, func(g string) bool { return SameName(g, name) })
}

// UserGroup is an Admin Console user group.
type UserGroup struct {
	ID          int64
	Name        string
	Description string
	// Members are member emails (lower case); Profiles are the names of
	// the product profiles attached to the group.
	Members  []string
	Profiles []string
}

// SameName compares group names the way Adobe does: case-insensitively,
// ignoring surrounding spaces.
func SameName(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// AdminConsoleOrg is one org's Admin Console state. Use it only inside
// [Store.AdminConsole]'s callback.
type AdminConsoleOrg struct {
	OrgID      string
	Members    map[string]*OrgMember // by lower-case email
	Order      []string              // lower-case emails in insertion order
	UserGroups []*UserGroup
	// Removed are lower-case emails removed from the org; store users
	// listing the org are not re-imported for them.
	Removed map[string]bool
	// Quotas are product profile license quotas by profile id (strings,
	// as UMAPI sends them).
	Quotas map[string]string
	NextID int64
}

// Member returns the member with this email (case-insensitive).
func (o *AdminConsoleOrg) Member(email string) *OrgMember {
	return o.Members[strings.ToLower(strings.TrimSpace(email))]
}

// AddMember adds m (its email must be new) and returns it.
func (o *AdminConsoleOrg) AddMember(m OrgMember) *OrgMember {
	k := strings.ToLower(strings.TrimSpace(m.Email))
	if m.Status == "" {
		m.Status = "active"
	}
	p := &m
	o.Members[k] = p
	o.Order = append(o.Order, k)
	delete(o.Removed, k)
	return p
}

// RemoveMember removes a member and its user-group memberships.
func (o *AdminConsoleOrg) RemoveMember(email string) {
	k := strings.ToLower(strings.TrimSpace(email))
	if _, ok := o.Members[k]; !ok {
		return
	}
	delete(o.Members, k)
	o.Order = slices.DeleteFunc(o.Order, func(x string) bool { return x == k })
	o.Removed[k] = true
	for _, g := range o.UserGroups {
		g.Members = slices.DeleteFunc(g.Members, func(x string) bool { return x == k })
	}
}

// UserGroup returns the named user group, or nil.
func (o *AdminConsoleOrg) UserGroup(name string) *UserGroup {
	for _, g := range o.UserGroups {
		if SameName(g.Name, name) {
			return g
		}
	}
	return nil
}

// DeleteUserGroup removes the named user group.
func (o *AdminConsoleOrg) DeleteUserGroup(name string) {
	o.UserGroups = slices.DeleteFunc(o.UserGroups, func(g *UserGroup) bool { return SameName(g.Name, name) })
}

func (o *AdminConsoleOrg) clone() *AdminConsoleOrg {
	c := &AdminConsoleOrg{
		OrgID: o.OrgID, Members: make(map[string]*OrgMember, len(o.Members)), Order: slices.Clone(o.Order),
		Removed: make(map[string]bool, len(o.Removed)), Quotas: make(map[string]string, len(o.Quotas)), NextID: o.NextID,
	}
	for k, m := range o.Members {
		cp := *m
		cp.Groups = slices.Clone(m.Groups)
		c.Members[k] = &cp
	}
	for k, v := range o.Removed {
		c.Removed[k] = v
	}
	for k, v := range o.Quotas {
		c.Quotas[k] = v
	}
	for _, g := range o.UserGroups {
		cp := *g
		cp.Members, cp.Profiles = slices.Clone(g.Members), slices.Clone(g.Profiles)
		c.UserGroups = append(c.UserGroups, &cp)
	}
	return c
}

type adminConsoleState struct {
	mu   sync.Mutex
	orgs map[string]*AdminConsoleOrg
	cfg  AdminConsoleConfig
}

// AdminConsoleConfig tunes the User Management API part.
type AdminConsoleConfig struct {
	// GroupsPageSize and UsersPageSize are the page sizes of the listings
	// (defaults 200 and 2000; Adobe documents "up to 2000" users per page
	// and no groups page size).
	GroupsPageSize, UsersPageSize int
	// NoThrottle turns off the per-client limits (5 group listings, 25 user
	// reads, 10 actions per minute) and the per-org limit of 100.
	NoThrottle bool
}

// DefaultAdminConsoleConfig is the configuration a store starts with.
var DefaultAdminConsoleConfig = AdminConsoleConfig{GroupsPageSize: 200, UsersPageSize: 2000}

// AdminConsoleConfig returns the User Management API part's configuration.
func (s *Store) AdminConsoleConfig() AdminConsoleConfig {
	st := s.adminConsoleState()
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.cfg
}

// SetAdminConsoleConfig replaces the configuration; page sizes below 1 keep
// their defaults.
func (s *Store) SetAdminConsoleConfig(c AdminConsoleConfig) {
	if c.GroupsPageSize < 1 {
		c.GroupsPageSize = DefaultAdminConsoleConfig.GroupsPageSize
	}
	if c.UsersPageSize < 1 {
		c.UsersPageSize = DefaultAdminConsoleConfig.UsersPageSize
	}
	st := s.adminConsoleState()
	st.mu.Lock()
	defer st.mu.Unlock()
	st.cfg = c
}

func (s *Store) adminConsoleState() *adminConsoleState {
	return s.PartState("adminconsole", func() any {
		return &adminConsoleState{orgs: map[string]*AdminConsoleOrg{}, cfg: DefaultAdminConsoleConfig}
	}).(*adminConsoleState)
}

// AdminConsole runs fn with the Admin Console state of an existing org,
// serialized with every other call for the store. With commit false, fn
// works on a copy that is discarded (the action API's testOnly mode). Adobe
// ID users of the store who list the org are imported as members first.
// fn must not call AdminConsole.
func (s *Store) AdminConsole(orgID string, commit bool, fn func(o *AdminConsoleOrg)) bool {
	if _, ok := s.Org(orgID); !ok {
		return false
	}
	users := s.Users(orgID)
	st := s.adminConsoleState()
	st.mu.Lock()
	defer st.mu.Unlock()
	o, ok := st.orgs[orgID]
	if !ok {
		o = &AdminConsoleOrg{OrgID: orgID, Members: map[string]*OrgMember{}, Removed: map[string]bool{}, Quotas: map[string]string{}, NextID: 1}
		st.orgs[orgID] = o
	}
	for _, u := range users {
		k := strings.ToLower(u.Email)
		if o.Members[k] != nil || o.Removed[k] {
			continue
		}
		o.AddMember(OrgMember{
			ID: u.ID, Email: u.Email, Username: u.Email, Domain: domainOf(u.Email), FirstName: u.FirstName,
			LastName: u.LastName, Country: u.Country, Type: UserTypeAdobeID,
		})
	}
	if !commit {
		o = o.clone()
	}
	fn(o)
	return true
}

func domainOf(email string) string {
	_, d, _ := strings.Cut(email, "@")
	return d
}
