package adobetest

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// WriteSeed writes the fake's state as a seed document (see the package
// documentation) that [WithSeed] or adobe-fake -seed loads into a new fake:
// the orgs, product profiles, users and credentials added since [New] (ids
// and client secrets included), the product profiles attached to the
// bootstrap credential (as credential_profiles "bootstrap"), the login user,
// and the "analytics" section with every company, report suite, eVar, event,
// classification set, segment and calculated metric. The demo org, its bootstrap credential, demo user
// and general Analytics profile are left out, and references to the demo org
// are written as an empty org id, so the document loads into any fake's demo
// org.
//
// Not written: Developer Console projects and workspaces (their credentials
// are written as credentials outside any project), Admin Console user groups
// and memberships, issued tokens, Analytics Data Sources accounts and
// classification values, Analytics users who own no segment or calculated
// metric, the request log and faults.
func (f *Fake) WriteSeed(w io.Writer) error {
	org := func(id string) string {
		if id == f.orgID {
			return ""
		}
		return id
	}
	var orgs []fakestate.SeedOrg
	for _, o := range f.store.Orgs() {
		if o.ID != f.orgID {
			orgs = append(orgs, fakestate.SeedOrg(o))
		}
	}
	var profiles []fakestate.SeedProductProfile
	for _, p := range f.store.ProductProfiles("") {
		if p.ID == DemoProfileID && p.OrgID == f.orgID {
			continue
		}
		profiles = append(profiles, fakestate.SeedProductProfile{ID: p.ID, OrgID: org(p.OrgID), Name: p.Name, ProductName: p.ProductName, Permissions: p.Permissions})
	}
	var users []fakestate.SeedUser
	for _, u := range f.store.Users("") {
		if u.Email == DemoUserEmail {
			continue
		}
		su := fakestate.SeedUser{ID: u.ID, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName, Country: u.Country}
		for _, o := range u.OrgIDs {
			su.Orgs = append(su.Orgs, org(o))
		}
		users = append(users, su)
	}
	var creds []fakestate.SeedCredential
	var attach []fakestate.SeedAttachment
	for _, c := range f.store.Credentials("") {
		if c.ClientID == f.bootstrap {
			extra := slices.DeleteFunc(slices.Clone(c.ProductProfileIDs), func(id string) bool { return id == DemoProfileID })
			if len(extra) > 0 {
				attach = append(attach, fakestate.SeedAttachment{ClientID: fakestate.BootstrapAlias, ProductProfiles: extra})
			}
			continue
		}
		creds = append(creds, fakestate.SeedCredential{
			ClientID: c.ClientID, ClientSecrets: c.ClientSecrets, Type: c.Type, Name: c.Name, OrgID: org(c.OrgID),
			Scopes: c.Scopes, RedirectURIs: c.RedirectURIs, TechnicalAccountID: c.TechnicalAccountID,
			TechnicalAccountEmail: c.TechnicalAccountEmail, ProductProfiles: c.ProductProfileIDs,
		})
	}
	doc := map[string]any{
		"orgs": orgs, "product_profiles": profiles, "users": users, "credentials": creds,
		"credential_profiles": attach, "analytics": f.analytics().ExportSeed(f.orgID),
	}
	if u, ok := f.store.LoginUser(); ok && u.Email != DemoUserEmail {
		doc["login_user"] = u.Email
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("adobetest: WriteSeed: %w", err)
	}
	return nil
}
