package fakeims

import (
	"net/http"
	"strings"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// who is the person (or technical account) behind a token.
type who struct {
	id, email, first, last, name, country, accountType string
	orgs                                               []string
}

// whoami authenticates a bearer access token and describes its subject. It
// writes a 401 invalid_token error and returns false on failure.
func (p *Part) whoami(w http.ResponseWriter, r *http.Request) (who, bool) {
	t, ok := p.s.AuthenticateBearer(r)
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		fail(w, http.StatusUnauthorized, "invalid_token", "the access token is missing, invalid or expired")
		return who{}, false
	}
	pr := t.Principal
	if pr.Kind == fakestate.KindUser {
		if u, ok := p.s.User(pr.UserID); ok {
			name := strings.TrimSpace(u.FirstName + " " + u.LastName)
			acct := "ind"
			if len(u.OrgIDs) > 0 {
				acct = "ent"
			}
			return who{u.ID, u.Email, u.FirstName, u.LastName, name, u.Country, acct, u.OrgIDs}, true
		}
	}
	c, _ := p.s.Credential(pr.ClientID)
	return who{
		id: pr.UserID, email: c.TechnicalAccountEmail, first: c.Name, name: c.Name,
		country: "US", accountType: "ent", orgs: []string{pr.OrgID},
	}, true
}

// userinfo serves GET /ims/userinfo/v2: {sub, account_type, email_verified,
// address:{country}, name, given_name, family_name, email}. For service
// tokens the subject is the technical account.
func (p *Part) userinfo(w http.ResponseWriter, r *http.Request) {
	me, ok := p.whoami(w, r)
	if !ok {
		return
	}
	fakestate.WriteJSON(w, http.StatusOK, map[string]any{
		"sub":            me.id,
		"account_type":   me.accountType,
		"email_verified": true,
		"address":        map[string]string{"country": me.country},
		"name":           me.name,
		"given_name":     me.first,
		"family_name":    me.last,
		"email":          me.email,
	})
}

// profile serves GET /ims/profile/v1. Adobe does not document this shape;
// the fake answers {userId, account_type, email, emailVerified, name,
// first_name, last_name, displayName, countryCode}.
func (p *Part) profile(w http.ResponseWriter, r *http.Request) {
	me, ok := p.whoami(w, r)
	if !ok {
		return
	}
	fakestate.WriteJSON(w, http.StatusOK, map[string]any{
		"userId":        me.id,
		"account_type":  me.accountType,
		"email":         me.email,
		"emailVerified": "true",
		"name":          me.name,
		"first_name":    me.first,
		"last_name":     me.last,
		"displayName":   me.name,
		"countryCode":   me.country,
	})
}

// organizations serves GET /ims/organizations/v5 (and v6): a JSON array with
// one entry per org of the subject. Adobe does not document this shape; the
// fake answers, per org, {orgName, orgRef:{ident, authSrc:"AdobeOrg"}, orgId
// ("<ident>@AdobeOrg"), consoleOrgId, orgType:"Enterprise", countryCode,
// groups:[]}.
func (p *Part) organizations(w http.ResponseWriter, r *http.Request) {
	me, ok := p.whoami(w, r)
	if !ok {
		return
	}
	out := []map[string]any{}
	for _, id := range me.orgs {
		o, ok := p.s.Org(id)
		if !ok {
			continue
		}
		out = append(out, map[string]any{
			"orgName":      o.Name,
			"orgRef":       map[string]string{"ident": strings.TrimSuffix(o.ID, "@AdobeOrg"), "authSrc": "AdobeOrg"},
			"orgId":        o.ID,
			"consoleOrgId": o.ConsoleID,
			"orgType":      "Enterprise",
			"countryCode":  me.country,
			"groups":       []any{},
		})
	}
	fakestate.WriteJSON(w, http.StatusOK, out)
}
