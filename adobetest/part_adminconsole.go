package adobetest

// The Admin Console part: the User Management API (package
// internal/fakeumapi) and the methods that play a person in the Admin
// Console.

import (
	"fmt"
	"slices"
	"strings"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// CreateProductProfile plays the person who creates a product profile in
// the Admin Console (Products → product → New Profile, then the Permissions
// tab), the step no Adobe API can do. The profile is created in the demo
// org; product defaults to "Adobe Analytics". Names are unique in the org
// across product profiles and user groups, compared case-insensitively, as
// in the Admin Console. The profile is attached to no credential: attaching
// it is the separate call [Fake.AttachProductProfile] (by profile id; see
// [Fake.ProductProfileByName]), as the person does on the profile's API
// Credentials tab.
func (f *Fake) CreateProductProfile(product, name string, perms Permissions) (ProductProfile, error) {
	if strings.TrimSpace(name) == "" || strings.TrimSpace(name) != name {
		return ProductProfile{}, fmt.Errorf("adobetest: CreateProductProfile: name %q is empty or has surrounding spaces", name)
	}
	for _, p := range f.store.ProductProfiles(f.orgID) {
		if fakestate.SameName(p.Name, name) {
			return ProductProfile{}, fmt.Errorf("adobetest: CreateProductProfile: %w: a product profile named %q", fakestate.ErrExists, p.Name)
		}
	}
	taken := false
	f.store.AdminConsole(f.orgID, false, func(o *fakestate.AdminConsoleOrg) { taken = o.UserGroup(name) != nil })
	if taken {
		return ProductProfile{}, fmt.Errorf("adobetest: CreateProductProfile: %w: a user group named %q", fakestate.ErrExists, name)
	}
	return f.AddProductProfile(ProductProfile{Name: name, ProductName: product, Permissions: perms})
}

// ProductProfileByName returns the demo org's product profile with this
// name (case-insensitive).
func (f *Fake) ProductProfileByName(name string) (ProductProfile, bool) {
	for _, p := range f.store.ProductProfiles(f.orgID) {
		if fakestate.SameName(p.Name, name) {
			return profileFromState(p), true
		}
	}
	return ProductProfile{}, false
}

// ProfileMembers returns the emails of the users who directly belong to the
// named product profile, user group or admin group of the demo org, as the
// Admin Console's Users tab would show them.
func (f *Fake) ProfileMembers(name string) []string {
	var out []string
	f.store.AdminConsole(f.orgID, false, func(o *fakestate.AdminConsoleOrg) {
		if g := o.UserGroup(name); g != nil {
			for _, e := range g.Members {
				if m := o.Members[e]; m != nil {
					out = append(out, m.Email)
				}
			}
			return
		}
		for _, k := range o.Order {
			if m := o.Members[k]; m.HasGroup(name) {
				out = append(out, m.Email)
			}
		}
	})
	slices.Sort(out)
	return out
}

// SetUserManagementPageSizes sets the page sizes of the User Management
// API's group and user listings (defaults 200 and 2000), e.g. to exercise
// pagination with a few items.
func (f *Fake) SetUserManagementPageSizes(groups, users int) {
	c := f.store.AdminConsoleConfig()
	c.GroupsPageSize, c.UsersPageSize = groups, users
	f.store.SetAdminConsoleConfig(c)
}

// SetUserManagementThrottling turns the User Management API's throttling on
// (the default: 5 group listings, 25 user reads and 10 action calls per
// minute per client, 100 per org, answered with 429 error_code 429050 and
// Retry-After) or off.
func (f *Fake) SetUserManagementThrottling(on bool) {
	c := f.store.AdminConsoleConfig()
	c.NoThrottle = !on
	f.store.SetAdminConsoleConfig(c)
}
