package fakeumapi

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// Adobe's action API limits.
const (
	maxEntries = 10
	maxSteps   = 10
	maxNames   = 10
)

type issue struct {
	Index       int    `json:"index"`
	Step        int    `json:"step"`
	RequestID   string `json:"requestID,omitempty"`
	Message     string `json:"message"`
	User        string `json:"user,omitempty"`
	ErrorCode   string `json:"errorCode,omitempty"`
	WarningCode string `json:"warningCode,omitempty"`
}

type entry struct {
	User       string                       `json:"user"`
	UserGroup  string                       `json:"usergroup"`
	Domain     string                       `json:"domain"`
	UseAdobeID bool                         `json:"useAdobeID"`
	RequestID  string                       `json:"requestID"`
	Do         []map[string]json.RawMessage `json:"do"`
}

// stepError is a failed step: Adobe's errorCode and message.
type stepError struct{ code, msg string }

func fail(code, format string, args ...any) *stepError {
	return &stepError{code: code, msg: fmt.Sprintf(format, args...)}
}

func (p *Part) action(w http.ResponseWriter, r *http.Request, orgID string) {
	testOnly := r.URL.Query().Get("testOnly") == "true"
	body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	var entries []entry
	if err == nil {
		err = json.Unmarshal(body, &entries)
	}
	switch {
	case err != nil:
		writeJSON(w, p.s, http.StatusBadRequest, map[string]any{"result": "error.command.malformed", "message": "The request body is not a JSON array of commands"})
		return
	case len(entries) == 0 || len(entries) > maxEntries:
		writeJSON(w, p.s, http.StatusBadRequest, map[string]any{"result": "error.command.malformed", "message": fmt.Sprintf("A request carries 1 to %d commands, not %d", maxEntries, len(entries))})
		return
	}
	var errs, warns []issue
	done := 0
	p.withView(orgID, !testOnly, func(v view) {
		// Adobe does not guarantee the order of the entries of one request;
		// the fake runs them last to first, so a request whose entries
		// depend on one another fails here rather than at random in
		// production. Errors and warnings are reported in index order.
		for i := len(entries) - 1; i >= 0; i-- {
			e := entries[i]
			x := &exec{v: v, s: p.s, orgID: orgID, testOnly: testOnly}
			k, se := x.run(e)
			warns = append(warns, x.warnings(i, e)...)
			if se != nil {
				errs = append(errs, issue{Index: i, Step: k, RequestID: e.RequestID, Message: se.msg, User: e.User, ErrorCode: se.code})
				continue
			}
			done++
		}
	})
	byIndex := func(a, b issue) int { return cmp.Compare(a.Index, b.Index) }
	slices.SortStableFunc(errs, byIndex)
	slices.SortStableFunc(warns, byIndex)
	res := map[string]any{"completed": done, "notCompleted": len(entries) - done, "completedInTestMode": 0}
	if testOnly {
		res["completed"], res["completedInTestMode"] = 0, done
	}
	switch {
	case done == len(entries):
		res["result"] = "success"
	case done == 0:
		res["result"] = "error"
	default:
		res["result"] = "partial"
	}
	if len(errs) > 0 {
		res["errors"] = errs
	}
	if len(warns) > 0 {
		res["warnings"] = warns
	}
	writeJSON(w, p.s, http.StatusOK, res)
}

// exec runs one entry against the org's state.
type exec struct {
	v        view
	s        *fakestate.Store
	orgID    string
	testOnly bool
	warn     []int // steps with deprecation warnings
}

func (x *exec) warnings(i int, e entry) []issue {
	var out []issue
	for _, k := range x.warn {
		out = append(out, issue{Index: i, Step: k, RequestID: e.RequestID, User: e.User, WarningCode: "warning.command.deprecated",
			Message: "'product' command is deprecated. Please use productConfiguration."})
	}
	return out
}

func (x *exec) run(e entry) (int, *stepError) {
	if (e.User == "") == (e.UserGroup == "") {
		return 0, fail("error.command.malformed", "A command names exactly one user or usergroup")
	}
	if len(e.Do) == 0 {
		return 0, fail("error.command.malformed", "A command needs at least one step in \"do\"")
	}
	for k, step := range e.Do {
		if k >= maxSteps {
			return k, fail("error.command.malformed", "A command carries at most %d steps", maxSteps)
		}
		if len(step) != 1 {
			return k, fail("error.command.malformed", "Each step has exactly one key")
		}
		for key, raw := range step {
			if strings.HasPrefix(key, "create") || key == "addAdobeID" {
				if k != 0 {
					return k, fail("error.command.create.not_first", "A create step must be the first step of its command")
				}
			}
			if key == "removeFromOrg" && k != len(e.Do)-1 {
				// Adobe: removeFromOrg "must be the last command"; it names no
				// error code, error.command.malformed is the fake's choice.
				return k, fail("error.command.malformed", "removeFromOrg must be the last step of its command")
			}
			var se *stepError
			if e.User != "" {
				se = x.userStep(e, k, key, raw)
			} else {
				se = x.groupStep(e, key, raw)
				if se == nil && key == "deleteUserGroup" {
					return k, nil // no further steps run
				}
			}
			if se != nil {
				return k, se
			}
		}
	}
	return 0, nil
}

type newUser struct {
	Email     string `json:"email"`
	Country   string `json:"country"`
	FirstName string `json:"firstname"`
	LastName  string `json:"lastname"`
	Option    string `json:"option"`
}

func (x *exec) member(e entry) *fakestate.OrgMember {
	if m := x.v.o.Member(e.User); m != nil {
		return m
	}
	for _, k := range x.v.o.Order {
		if m := x.v.o.Members[k]; e.Domain != "" && strings.EqualFold(m.Username, e.User) && strings.EqualFold(m.Domain, e.Domain) {
			return m
		}
	}
	return nil
}

func (x *exec) userStep(e entry, k int, key string, raw json.RawMessage) *stepError {
	m := x.member(e)
	switch key {
	case "addAdobeID", "createEnterpriseID", "createFederatedID":
		var nu newUser
		if err := json.Unmarshal(raw, &nu); err != nil || nu.Email == "" {
			return fail("error.command.malformed", "%s needs an email", key)
		}
		typ := map[string]string{"addAdobeID": fakestate.UserTypeAdobeID, "createEnterpriseID": fakestate.UserTypeEnterpriseID, "createFederatedID": fakestate.UserTypeFederatedID}[key]
		if m != nil {
			switch nu.Option {
			case "ignoreIfAlreadyExists":
				return nil
			case "updateIfAlreadyExists":
				m.FirstName, m.LastName = or(nu.FirstName, m.FirstName), or(nu.LastName, m.LastName)
				return nil
			}
			return fail("error.user.already_exists", "User already exists: %s", e.User)
		}
		if typ != fakestate.UserTypeAdobeID && nu.Country == "" {
			return fail("error.user.country_missing", "Country is required for %s", key)
		}
		id := ""
		if typ == fakestate.UserTypeAdobeID && !x.testOnly {
			// An Adobe ID is global: reuse the store's user or create one
			// so that it can log in through IMS.
			if u, ok := x.s.UserByEmail(nu.Email); ok {
				id = u.ID
			} else if u, err := x.s.AddUser(fakestate.User{Email: nu.Email, FirstName: nu.FirstName, LastName: nu.LastName, Country: nu.Country}); err == nil {
				id = u.ID
			}
		}
		if id == "" {
			id = fmt.Sprintf("%024X@AdobeID", x.v.o.NextID)
			x.v.o.NextID++
		}
		user, domain := e.User, e.Domain
		if domain == "" {
			_, domain, _ = strings.Cut(nu.Email, "@")
		}
		x.v.o.AddMember(fakestate.OrgMember{ID: id, Email: nu.Email, Username: user, Domain: domain, FirstName: nu.FirstName,
			LastName: nu.LastName, Country: nu.Country, Type: typ})
		return nil
	}
	if m == nil {
		if key == "removeFromOrg" || x.testOnly {
			return nil // Adobe: removeFromOrg always succeeds; test mode accepts unknown users
		}
		return fail("error.user.nonexistent", "User Id does not exist: %s", e.User)
	}
	switch key {
	case "update":
		var u struct{ Email, Firstname, Lastname, Username string }
		if err := json.Unmarshal(raw, &u); err != nil {
			return fail("error.command.malformed", "update needs an object")
		}
		m.FirstName, m.LastName, m.Username = or(u.Firstname, m.FirstName), or(u.Lastname, m.LastName), or(u.Username, m.Username)
		if u.Email != "" && !strings.EqualFold(u.Email, m.Email) {
			if x.v.o.Member(u.Email) != nil {
				return fail("error.user.already_exists", "User already exists: %s", u.Email)
			}
			cp := *m
			x.v.o.RemoveMember(m.Email)
			cp.Email = u.Email
			x.v.o.AddMember(cp)
		}
		return nil
	case "add", "remove":
		if key == "remove" && string(raw) == `"all"` {
			m.Groups = nil
			for _, g := range x.v.o.UserGroups {
				g.Members = slices.DeleteFunc(g.Members, func(e string) bool { return e == lower(m.Email) })
			}
			return nil
		}
		var l struct {
			Group   []string `json:"group"`
			Product []string `json:"product"`
		}
		if err := json.Unmarshal(raw, &l); err != nil {
			return fail("error.command.malformed", "%s needs {\"group\": [...]} or \"all\"", key)
		}
		if len(l.Product) > 0 {
			x.warn = append(x.warn, k)
		}
		names := append(l.Group, l.Product...)
		if len(l.Group) > maxNames || len(l.Product) > maxNames {
			return fail("error.command.add_remove.list_too_long", "A list carries at most %d names", maxNames)
		}
		var canon []string
		for _, n := range names {
			c, _, code := x.v.resolve(n)
			if code != "" {
				return fail(code, "Group not found or not assignable: %s", n)
			}
			canon = append(canon, c)
		}
		for _, c := range canon {
			if ug := x.v.o.UserGroup(c); ug != nil {
				ug.Members = setMember(ug.Members, lower(m.Email), key == "add")
				continue
			}
			has := m.HasGroup(c)
			switch {
			case key == "add" && !has:
				m.Groups = append(m.Groups, c)
			case key == "remove" && has:
				m.Groups = slices.DeleteFunc(m.Groups, func(g string) bool { return fakestate.SameName(g, c) })
			}
		}
		return nil
	case "removeFromOrg":
		x.v.o.RemoveMember(m.Email)
		return nil
	}
	return fail("error.command.malformed", "Unknown user step %q", key)
}

func setMember(list []string, email string, add bool) []string {
	has := slices.Contains(list, email)
	switch {
	case add && !has:
		return append(list, email)
	case !add && has:
		return slices.DeleteFunc(list, func(e string) bool { return e == email })
	}
	return list
}

func (x *exec) nameTaken(name string) bool {
	return x.v.profile(name) != nil || x.v.o.UserGroup(name) != nil
}

func (x *exec) groupStep(e entry, key string, raw json.RawMessage) *stepError {
	var b struct {
		Name                 string   `json:"name"`
		Description          string   `json:"description"`
		Option               string   `json:"option"`
		User                 []string `json:"user"`
		ProductConfiguration []string `json:"productConfiguration"`
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		return fail("error.command.malformed", "%s needs an object", key)
	}
	g := x.v.o.UserGroup(e.UserGroup)
	if key == "createUserGroup" {
		name := or(b.Name, e.UserGroup)
		switch {
		case g != nil && b.Option == "ignoreIfAlreadyExists":
			return nil
		case g != nil && b.Option == "updateIfAlreadyExists":
			g.Description = b.Description
			return nil
		case g != nil || x.nameTaken(name):
			return fail("error.usergroup.already_exists", "A group named %s already exists", name)
		}
		x.v.o.UserGroups = append(x.v.o.UserGroups, &fakestate.UserGroup{ID: 900000 + x.v.o.NextID*10, Name: name, Description: b.Description})
		x.v.o.NextID++
		return nil
	}
	if g == nil {
		return fail("error.usergroup.not_found", "User group not found: %s", e.UserGroup)
	}
	switch key {
	case "updateUserGroup":
		if b.Name != "" && !fakestate.SameName(b.Name, g.Name) {
			if x.nameTaken(b.Name) {
				return fail("error.usergroup.already_exists", "A group named %s already exists", b.Name)
			}
			g.Name = b.Name
		}
		if b.Description != "" {
			g.Description = b.Description
		}
		return nil
	case "deleteUserGroup":
		x.v.o.DeleteUserGroup(g.Name)
		return nil
	case "add", "remove":
		if len(b.User) > maxNames || len(b.ProductConfiguration) > maxNames {
			return fail("error.command.add_remove.list_too_long", "A list carries at most %d names", maxNames)
		}
		var emails []string
		for _, u := range b.User {
			m := x.v.o.Member(u)
			if m == nil && !x.testOnly {
				return fail("error.user.nonexistent", "User Id does not exist: %s", u)
			}
			emails = append(emails, lower(u))
		}
		var profiles []string
		for _, n := range b.ProductConfiguration {
			p := x.v.profile(n)
			if p == nil {
				return fail("error.group.not_found", "Product profile not found: %s", n)
			}
			profiles = append(profiles, p.Name)
		}
		for _, em := range emails {
			g.Members = setMember(g.Members, em, key == "add")
		}
		for _, p := range profiles {
			has := slices.ContainsFunc(g.Profiles, func(x string) bool { return fakestate.SameName(x, p) })
			switch {
			case key == "add" && !has:
				g.Profiles = append(g.Profiles, p)
			case key == "remove" && has:
				g.Profiles = slices.DeleteFunc(g.Profiles, func(x string) bool { return fakestate.SameName(x, p) })
			}
		}
		return nil
	}
	return fail("error.command.malformed", "Unknown user-group step %q", key)
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
