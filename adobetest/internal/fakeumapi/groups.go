package fakeumapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// groupJSON is a group as UMAPI's GET /groups documents it.
type groupJSON struct {
	Type               string `json:"type"`
	GroupName          string `json:"groupName"`
	GroupID            int64  `json:"groupId"`
	MemberCount        int    `json:"memberCount"`
	AdminGroupName     string `json:"adminGroupName,omitempty"`
	ProductName        string `json:"productName,omitempty"`
	LicenseQuota       string `json:"licenseQuota,omitempty"`
	ProductProfileName string `json:"productProfileName,omitempty"`
	UserGroupName      string `json:"userGroupName,omitempty"`
}

// Admin group prefixes and fixed role groups.
const (
	adminPrefix        = "_admin_"
	developerPrefix    = "_developer_"
	productAdminPrefix = "_product_admin_"
	orgAdmin           = "_org_admin"
	supportAdmin       = "_support_admin"
	deploymentAdmin    = "_deployment_admin"
)

// DefaultLicenseQuota is the quota of a profile without one ("UNLIMITED" is
// the fake's choice; Adobe's example shows "8").
const DefaultLicenseQuota = "UNLIMITED"

// view is a snapshot for resolving group names: the org's profiles (from the
// shared store) and its Admin Console state.
type view struct {
	profiles []fakestate.ProductProfile
	o        *fakestate.AdminConsoleOrg
}

func (v view) profile(name string) *fakestate.ProductProfile {
	for i := range v.profiles {
		if fakestate.SameName(v.profiles[i].Name, name) {
			return &v.profiles[i]
		}
	}
	return nil
}

func (v view) product(name string) string {
	for _, p := range v.profiles {
		if strings.EqualFold(p.ProductName, name) {
			return p.ProductName
		}
	}
	return ""
}

// resolve returns the canonical name and type of an assignable group, or an
// error code.
func (v view) resolve(name string) (canonical, typ, code string) {
	n := strings.TrimSpace(name)
	l := strings.ToLower(n)
	switch {
	case l == orgAdmin || l == "_compartment_admin" || l == "_compartment_viewer":
		return "", "", "error.group.invalid_list"
	case l == supportAdmin:
		return supportAdmin, "SUPPORT_ADMIN_GROUP", ""
	case l == deploymentAdmin:
		return deploymentAdmin, "DEPLOYMENT_ADMIN_GROUP", ""
	case strings.HasPrefix(l, productAdminPrefix):
		if p := v.product(n[len(productAdminPrefix):]); p != "" {
			return productAdminPrefix + p, "PRODUCT_ADMIN_GROUP", ""
		}
	case strings.HasPrefix(l, developerPrefix):
		if p := v.profile(n[len(developerPrefix):]); p != nil {
			return developerPrefix + p.Name, "DEVELOPER_GROUP", ""
		}
	case strings.HasPrefix(l, adminPrefix):
		if p := v.profile(n[len(adminPrefix):]); p != nil {
			return adminPrefix + p.Name, "PROFILE_ADMIN_GROUP", ""
		}
		if g := v.o.UserGroup(n[len(adminPrefix):]); g != nil {
			return adminPrefix + g.Name, "USER_ADMIN_GROUP", ""
		}
	default:
		if p := v.profile(n); p != nil {
			return p.Name, "PRODUCT_PROFILE", ""
		}
		if g := v.o.UserGroup(n); g != nil {
			return g.Name, "USER_GROUP", ""
		}
	}
	return "", "", "error.group.not_found"
}

// directMembers returns the members that directly belong to a group name
// (product profiles and admin groups; user groups keep their own list).
func (v view) directMembers(name string) []*fakestate.OrgMember {
	var out []*fakestate.OrgMember
	if g := v.o.UserGroup(name); g != nil {
		for _, e := range g.Members {
			if m := v.o.Members[e]; m != nil {
				out = append(out, m)
			}
		}
		return out
	}
	for _, k := range v.o.Order {
		if m := v.o.Members[k]; m.HasGroup(name) {
			out = append(out, m)
		}
	}
	return out
}

// indirectMembers returns members who get a product profile through a user
// group and are not direct members.
func (v view) indirectMembers(profile string) []*fakestate.OrgMember {
	var out []*fakestate.OrgMember
	seen := map[string]bool{}
	for _, m := range v.directMembers(profile) {
		seen[lower(m.Email)] = true
	}
	for _, g := range v.o.UserGroups {
		attached := false
		for _, p := range g.Profiles {
			attached = attached || fakestate.SameName(p, profile)
		}
		if !attached {
			continue
		}
		for _, e := range g.Members {
			if m := v.o.Members[e]; m != nil && !seen[e] {
				seen[e] = true
				out = append(out, m)
			}
		}
	}
	return out
}

// groups lists every group of the org in a stable order: the org admin
// group, product profiles, user groups, then admin groups with members.
func (v view) groups() []groupJSON {
	out := []groupJSON{{Type: "SYSADMIN_GROUP", GroupName: orgAdmin, GroupID: 1, MemberCount: len(v.directMembers(orgAdmin))}}
	var admin []groupJSON
	for _, p := range v.profiles {
		id, _ := strconv.ParseInt(p.ID, 10, 64)
		quota := v.o.Quotas[p.ID]
		if quota == "" {
			quota = DefaultLicenseQuota
		}
		g := groupJSON{Type: "PRODUCT_PROFILE", GroupName: p.Name, GroupID: id, MemberCount: len(v.directMembers(p.Name)), ProductName: p.ProductName, LicenseQuota: quota}
		if n := len(v.directMembers(adminPrefix + p.Name)); n > 0 {
			g.AdminGroupName = adminPrefix + p.Name
			admin = append(admin, groupJSON{Type: "PROFILE_ADMIN_GROUP", GroupName: g.AdminGroupName, GroupID: id + 1, MemberCount: n, ProductProfileName: p.Name})
		}
		if n := len(v.directMembers(developerPrefix + p.Name)); n > 0 {
			admin = append(admin, groupJSON{Type: "DEVELOPER_GROUP", GroupName: developerPrefix + p.Name, GroupID: id + 2, MemberCount: n, ProductProfileName: p.Name})
		}
		out = append(out, g)
	}
	for _, ug := range v.o.UserGroups {
		g := groupJSON{Type: "USER_GROUP", GroupName: ug.Name, GroupID: ug.ID, MemberCount: len(ug.Members)}
		if n := len(v.directMembers(adminPrefix + ug.Name)); n > 0 {
			g.AdminGroupName = adminPrefix + ug.Name
			admin = append(admin, groupJSON{Type: "USER_ADMIN_GROUP", GroupName: g.AdminGroupName, GroupID: ug.ID + 1, MemberCount: n, UserGroupName: ug.Name})
		}
		out = append(out, g)
	}
	products := map[string]bool{}
	for _, p := range v.profiles {
		if products[p.ProductName] {
			continue
		}
		products[p.ProductName] = true
		if n := len(v.directMembers(productAdminPrefix + p.ProductName)); n > 0 {
			admin = append(admin, groupJSON{Type: "PRODUCT_ADMIN_GROUP", GroupName: productAdminPrefix + p.ProductName, GroupID: int64(len(out) + len(admin) + 2), MemberCount: n})
		}
	}
	for _, fixed := range []struct{ name, typ string }{{supportAdmin, "SUPPORT_ADMIN_GROUP"}, {deploymentAdmin, "DEPLOYMENT_ADMIN_GROUP"}} {
		if n := len(v.directMembers(fixed.name)); n > 0 {
			admin = append(admin, groupJSON{Type: fixed.typ, GroupName: fixed.name, GroupID: int64(len(out) + len(admin) + 2), MemberCount: n})
		}
	}
	return append(out, admin...)
}

// withView runs fn on a snapshot of the org (or on a throw-away copy when
// commit is false).
func (p *Part) withView(orgID string, commit bool, fn func(v view)) {
	profiles := p.s.ProductProfiles(orgID)
	p.s.AdminConsole(orgID, commit, func(o *fakestate.AdminConsoleOrg) { fn(view{profiles: profiles, o: o}) })
}

func (p *Part) listGroups(w http.ResponseWriter, r *http.Request, orgID string) {
	page, ok := pageOf(w, r, p.s)
	if !ok {
		return
	}
	var all []groupJSON
	p.withView(orgID, true, func(v view) { all = v.groups() })
	size := p.s.AdminConsoleConfig().GroupsPageSize
	pageHeaders(w, len(all), size, page)
	start := page * size
	if start >= len(all) && page > 0 {
		writeJSON(w, p.s, http.StatusNotFound, map[string]any{"lastPage": true, "result": "Not found"})
		return
	}
	end := min(start+size, len(all))
	writeJSON(w, p.s, http.StatusOK, map[string]any{"lastPage": end >= len(all), "result": "success", "groups": all[start:end]})
}
