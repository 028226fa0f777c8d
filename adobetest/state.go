package adobetest

import (
	"fmt"
	"slices"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// Bootstrap returns the demo org's bootstrap OAuth server-to-server
// credential, whose scopes are [BootstrapScopes].
func (f *Fake) Bootstrap() Credential {
	c, _ := f.store.Credential(f.bootstrap)
	return credentialFromState(c)
}

// OrgID returns the demo org's IMS org id ("<24 hex>@AdobeOrg").
func (f *Fake) OrgID() string { return f.orgID }

// Org returns an org by IMS org id.
func (f *Fake) Org(id string) (Org, bool) {
	o, ok := f.store.Org(id)
	return Org(o), ok
}

// AddOrg adds an org; empty ID and ConsoleID are generated.
func (f *Fake) AddOrg(o Org) (Org, error) {
	got, err := f.store.AddOrg(fakestate.Org(o))
	if err != nil {
		return Org{}, fmt.Errorf("adobetest: AddOrg: %w", err)
	}
	return Org(got), nil
}

// AddCredential adds an OAuth credential and returns it as stored. Empty
// fields are filled in: OrgID defaults to the demo org, Type to
// [TypeServerToServer], ClientID, ClientSecret (for confidential types),
// TechnicalAccountID and TechnicalAccountEmail are generated. Given values are
// validated against Adobe's formats.
func (f *Fake) AddCredential(c Credential) (Credential, error) {
	sc := fakestate.Credential{
		ClientID: c.ClientID, Type: c.Type, Name: c.Name, OrgID: c.OrgID, Scopes: c.Scopes,
		RedirectURIs: c.RedirectURIs, TechnicalAccountID: c.TechnicalAccountID,
		TechnicalAccountEmail: c.TechnicalAccountEmail, ProductProfileIDs: c.ProductProfileIDs,
	}
	if sc.OrgID == "" {
		sc.OrgID = f.orgID
	}
	if c.ClientSecret != "" {
		sc.ClientSecrets = []string{c.ClientSecret}
	}
	got, err := f.store.AddCredential(sc)
	if err != nil {
		return Credential{}, fmt.Errorf("adobetest: AddCredential: %w", err)
	}
	return credentialFromState(got), nil
}

// Credential returns a credential by client id.
func (f *Fake) Credential(clientID string) (Credential, bool) {
	c, ok := f.store.Credential(clientID)
	if !ok {
		return Credential{}, false
	}
	return credentialFromState(c), true
}

// ClientSecrets returns every client secret of a credential (at most two).
func (f *Fake) ClientSecrets(clientID string) []string {
	c, _ := f.store.Credential(clientID)
	return slices.Clone(c.ClientSecrets)
}

// AddClientSecret adds a second client secret to a confidential credential
// and returns it.
func (f *Fake) AddClientSecret(clientID string) (string, error) {
	s, err := f.store.AddClientSecret(clientID)
	if err != nil {
		return "", fmt.Errorf("adobetest: AddClientSecret: %w", err)
	}
	return s, nil
}

// AddUser adds an Adobe ID user. OrgIDs defaults to the demo org.
func (f *Fake) AddUser(u User) (User, error) {
	su := fakestate.User{ID: u.ID, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName, Country: u.Country, OrgIDs: u.OrgIDs}
	if len(su.OrgIDs) == 0 {
		su.OrgIDs = []string{f.orgID}
	}
	got, err := f.store.AddUser(su)
	if err != nil {
		return User{}, fmt.Errorf("adobetest: AddUser: %w", err)
	}
	return userFromState(got), nil
}

// LoginUser returns the user the authorize endpoint logs in.
func (f *Fake) LoginUser() User {
	u, _ := f.store.LoginUser()
	return userFromState(u)
}

// SetLoginUser changes, by email, the user the authorize endpoint logs in.
func (f *Fake) SetLoginUser(email string) error {
	if err := f.store.SetLoginUser(email); err != nil {
		return fmt.Errorf("adobetest: SetLoginUser: %w", err)
	}
	return nil
}

// AddProductProfile adds a product profile. OrgID defaults to the demo org.
func (f *Fake) AddProductProfile(p ProductProfile) (ProductProfile, error) {
	if p.OrgID == "" {
		p.OrgID = f.orgID
	}
	got, err := f.store.AddProductProfile(profileToState(p))
	if err != nil {
		return ProductProfile{}, fmt.Errorf("adobetest: AddProductProfile: %w", err)
	}
	return profileFromState(got), nil
}

// ProductProfile returns a product profile by id.
func (f *Fake) ProductProfile(id string) (ProductProfile, bool) {
	p, ok := f.store.ProductProfile(id)
	if !ok {
		return ProductProfile{}, false
	}
	return profileFromState(p), true
}

// AttachProductProfile attaches a product profile of the credential's org to
// a credential.
func (f *Fake) AttachProductProfile(clientID, profileID string) error {
	if err := f.store.AttachProfile(clientID, profileID); err != nil {
		return fmt.Errorf("adobetest: AttachProductProfile: %w", err)
	}
	return nil
}

// IssueToken mints a server-to-server access token for a credential, with
// all its scopes, without an HTTP round trip. Use it to set up tests of other
// APIs.
func (f *Fake) IssueToken(clientID string) (string, error) {
	c, ok := f.store.Credential(clientID)
	if !ok {
		return "", fmt.Errorf("adobetest: IssueToken: %w: credential %s", fakestate.ErrNotFound, clientID)
	}
	t, err := f.store.Issue(fakestate.TokenSpec{Type: fakestate.TokenAccess, Principal: fakestate.Principal{
		ClientID: c.ClientID, UserID: c.TechnicalAccountID, OrgID: c.OrgID, Scopes: c.Scopes, Kind: fakestate.KindService,
	}})
	if err != nil {
		return "", fmt.Errorf("adobetest: IssueToken: %w", err)
	}
	return t.Value, nil
}
