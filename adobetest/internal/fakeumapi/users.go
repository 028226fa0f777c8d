package fakeumapi

import (
	"net/http"
	"slices"
	"strings"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// userJSON is a user as UMAPI documents it.
type userJSON struct {
	ID        string   `json:"id"`
	Email     string   `json:"email"`
	Status    string   `json:"status"`
	Username  string   `json:"username"`
	Domain    string   `json:"domain"`
	FirstName string   `json:"firstname,omitempty"`
	LastName  string   `json:"lastname,omitempty"`
	Country   string   `json:"country,omitempty"`
	Type      string   `json:"type"`
	Groups    []string `json:"groups,omitempty"`
}

// user renders m. Its groups are its direct groups and user groups, plus,
// unless directOnly, the product profiles it holds through a user group
// (each listed once), as Adobe documents for directOnly=false.
func (v view) user(m *fakestate.OrgMember, withGroups, directOnly bool) userJSON {
	u := userJSON{ID: m.ID, Email: m.Email, Status: m.Status, Username: m.Username, Domain: m.Domain,
		FirstName: m.FirstName, LastName: m.LastName, Country: m.Country, Type: m.Type}
	if withGroups {
		u.Groups = slices.Clone(m.Groups)
		var indirect []string
		for _, g := range v.o.UserGroups {
			if slices.Contains(g.Members, lower(m.Email)) {
				u.Groups = append(u.Groups, g.Name)
				indirect = append(indirect, g.Profiles...)
			}
		}
		if !directOnly {
			for _, p := range indirect {
				if !slices.ContainsFunc(u.Groups, func(g string) bool { return fakestate.SameName(g, p) }) {
					u.Groups = append(u.Groups, p)
				}
			}
		}
	}
	return u
}

func (p *Part) writeUsers(w http.ResponseWriter, r *http.Request, page int, users []userJSON, extra map[string]any) {
	size := p.s.AdminConsoleConfig().UsersPageSize
	pages := max(1, (len(users)+size-1)/size)
	page = min(page, pages-1) // Adobe: a page past the end returns the last page
	pageHeaders(w, len(users), size, page)
	start, end := page*size, min((page+1)*size, len(users))
	body := map[string]any{"lastPage": page == pages-1, "result": "success", "users": users[start:end]}
	for k, v := range extra {
		body[k] = v
	}
	writeJSON(w, p.s, http.StatusOK, body)
}

func (p *Part) listUsers(w http.ResponseWriter, r *http.Request, orgID string) {
	page, ok := pageOf(w, r, p.s)
	if !ok {
		return
	}
	domain := r.URL.Query().Get("domain")
	directOnly := r.URL.Query().Get("directOnly") != "false"
	users := []userJSON{}
	p.withView(orgID, true, func(v view) {
		for _, k := range v.o.Order {
			m := v.o.Members[k]
			if domain != "" && !strings.EqualFold(m.Domain, domain) {
				continue
			}
			users = append(users, v.user(m, true, directOnly))
		}
	})
	p.writeUsers(w, r, page, users, nil)
}

func (p *Part) listGroupUsers(w http.ResponseWriter, r *http.Request, orgID string) {
	page, ok := pageOf(w, r, p.s)
	if !ok {
		return
	}
	q := r.URL.Query()
	name := r.PathValue("groupName")
	directOnly := q.Get("directOnly") != "false"
	withGroups := q.Get("excludeGroups") != "true"
	status := q.Get("status")
	users := []userJSON{}
	found := false
	p.withView(orgID, true, func(v view) {
		canonical, typ, code := v.resolve(name)
		if code != "" && !fakestate.SameName(name, orgAdmin) {
			return
		}
		if canonical == "" {
			canonical = orgAdmin
		}
		found = true
		members := v.directMembers(canonical)
		if !directOnly && typ == "PRODUCT_PROFILE" {
			members = append(members, v.indirectMembers(canonical)...)
		}
		for _, m := range members {
			if status == "inactive" && m.Status == "active" || status == "active" && m.Status != "active" {
				continue
			}
			users = append(users, v.user(m, withGroups, directOnly))
		}
	})
	if !found {
		writeJSON(w, p.s, http.StatusNotFound, map[string]any{"lastPage": false, "result": "error.group.not_found", "message": "Not found: Group " + name})
		return
	}
	p.writeUsers(w, r, page, users, map[string]any{"groupName": name})
}

func (p *Part) getUser(w http.ResponseWriter, r *http.Request, orgID string) {
	who := r.PathValue("userString")
	var u *userJSON
	p.withView(orgID, true, func(v view) {
		if m := v.o.Member(who); m != nil {
			j := v.user(m, true, true)
			u = &j
			return
		}
		for _, k := range v.o.Order { // a username within a domain
			if m := v.o.Members[k]; strings.EqualFold(m.Username, who) && (r.URL.Query().Get("domain") == "" || strings.EqualFold(m.Domain, r.URL.Query().Get("domain"))) {
				j := v.user(m, true, true)
				u = &j
				return
			}
		}
	})
	if u == nil {
		writeJSON(w, p.s, http.StatusNotFound, map[string]any{"result": "error.user.not_found", "message": "User not found " + who})
		return
	}
	writeJSON(w, p.s, http.StatusOK, map[string]any{"result": "success", "user": u})
}
