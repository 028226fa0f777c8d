package fakestate

import (
	"encoding/json"
	"fmt"
	"maps"
)

// Seed is the decoded seed file. Decoding is lenient: unknown keys are
// ignored by this struct but kept in Sections, so later parts of the fake can
// read their own top-level sections (for example "analytics") with
// [Store.SeedSection].
type Seed struct {
	Orgs            []SeedOrg            `json:"orgs"`
	ProductProfiles []SeedProductProfile `json:"product_profiles"`
	Users           []SeedUser           `json:"users"`
	Credentials     []SeedCredential     `json:"credentials"`
	Attachments     []SeedAttachment     `json:"credential_profiles"`
	LoginUser       string               `json:"login_user"`

	// Sections holds every top-level key of the document, raw.
	Sections map[string]json.RawMessage `json:"-"`
}

// SeedOrg is an org in a seed file.
type SeedOrg struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	ConsoleID string `json:"console_id"`
}

// SeedProductProfile is a product profile in a seed file.
type SeedProductProfile struct {
	ID          string      `json:"id"`
	OrgID       string      `json:"org_id"`
	Name        string      `json:"name"`
	ProductName string      `json:"product_name"`
	Permissions Permissions `json:"permissions"`
}

// SeedUser is an Adobe ID user in a seed file.
type SeedUser struct {
	ID        string   `json:"id"`
	Email     string   `json:"email"`
	FirstName string   `json:"first_name"`
	LastName  string   `json:"last_name"`
	Country   string   `json:"country"`
	Orgs      []string `json:"orgs"`
}

// SeedCredential is an OAuth credential in a seed file.
type SeedCredential struct {
	ClientID              string   `json:"client_id"`
	ClientSecrets         []string `json:"client_secrets"`
	Type                  string   `json:"type"`
	Name                  string   `json:"name"`
	OrgID                 string   `json:"org_id"`
	Scopes                []string `json:"scopes"`
	RedirectURIs          []string `json:"redirect_uris"`
	TechnicalAccountID    string   `json:"technical_account_id"`
	TechnicalAccountEmail string   `json:"technical_account_email"`
	ProductProfiles       []string `json:"product_profiles"`
}

// SeedAttachment attaches product profiles to an existing credential, the
// bootstrap one included, as the Developer Console's subscription (or the
// Admin Console's API credentials tab) does.
type SeedAttachment struct {
	// ClientID names the credential; "" or "bootstrap" is the bootstrap
	// credential.
	ClientID string `json:"client_id"`
	// ProductProfiles are ids, or names within the credential's org.
	ProductProfiles []string `json:"product_profiles"`
}

// BootstrapAlias names the bootstrap credential in a seed's
// credential_profiles.
const BootstrapAlias = "bootstrap"

// ParseSeed decodes a seed document.
func ParseSeed(data []byte) (*Seed, error) {
	var seed Seed
	if err := json.Unmarshal(data, &seed); err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	if err := json.Unmarshal(data, &seed.Sections); err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	return &seed, nil
}

// ApplySeed adds the seed's orgs, product profiles, users and credentials (in
// that order, so later entries may refer to earlier ones), attaches the
// credential_profiles, then sets the login user if the seed names one. An
// entry's org_id (and an empty entry of a user's orgs) defaults to
// defaultOrg; bootstrap is the client id that credential_profiles calls
// "bootstrap".
func (s *Store) ApplySeed(seed *Seed, defaultOrg, bootstrap string) error {
	or := func(v, def string) string {
		if v == "" {
			return def
		}
		return v
	}
	for i, o := range seed.Orgs {
		if _, err := s.AddOrg(Org(o)); err != nil {
			return fmt.Errorf("seed: orgs[%d]: %w", i, err)
		}
	}
	for i, p := range seed.ProductProfiles {
		_, err := s.AddProductProfile(ProductProfile{
			ID: p.ID, OrgID: or(p.OrgID, defaultOrg), Name: p.Name, ProductName: p.ProductName, Permissions: p.Permissions,
		})
		if err != nil {
			return fmt.Errorf("seed: product_profiles[%d]: %w", i, err)
		}
	}
	for i, u := range seed.Users {
		var orgs []string
		for _, o := range u.Orgs {
			orgs = append(orgs, or(o, defaultOrg))
		}
		if len(orgs) == 0 && defaultOrg != "" {
			orgs = []string{defaultOrg}
		}
		_, err := s.AddUser(User{ID: u.ID, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName, Country: u.Country, OrgIDs: orgs})
		if err != nil {
			return fmt.Errorf("seed: users[%d]: %w", i, err)
		}
	}
	for i, c := range seed.Credentials {
		_, err := s.AddCredential(Credential{
			ClientID: c.ClientID, ClientSecrets: c.ClientSecrets, Type: c.Type, Name: c.Name,
			OrgID: or(c.OrgID, defaultOrg), Scopes: c.Scopes, RedirectURIs: c.RedirectURIs,
			TechnicalAccountID: c.TechnicalAccountID, TechnicalAccountEmail: c.TechnicalAccountEmail,
			ProductProfileIDs: c.ProductProfiles,
		})
		if err != nil {
			return fmt.Errorf("seed: credentials[%d]: %w", i, err)
		}
	}
	for i, a := range seed.Attachments {
		if err := s.applyAttachment(a, bootstrap); err != nil {
			return fmt.Errorf("seed: credential_profiles[%d]: %w", i, err)
		}
	}
	if seed.LoginUser != "" {
		if err := s.SetLoginUser(seed.LoginUser); err != nil {
			return fmt.Errorf("seed: login_user: %w", err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	maps.Copy(s.seedSection, seed.Sections)
	return nil
}

// SeedSection returns a top-level section of the applied seed documents, raw,
// or nil. Parts of the fake use it to read their own sections.
func (s *Store) SeedSection(name string) json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seedSection[name]
}

func (s *Store) applyAttachment(a SeedAttachment, bootstrap string) error {
	id := a.ClientID
	if id == "" || id == BootstrapAlias {
		id = bootstrap
	}
	c, ok := s.Credential(id)
	if !ok {
		return fmt.Errorf("%w: credential %q", ErrNotFound, a.ClientID)
	}
	for _, ref := range a.ProductProfiles {
		pid := ref
		if _, ok := s.ProductProfile(ref); !ok {
			pid = ""
			for _, p := range s.ProductProfiles(c.OrgID) {
				if SameName(p.Name, ref) {
					pid = p.ID
				}
			}
			if pid == "" {
				return fmt.Errorf("%w: product profile %q in org %s", ErrNotFound, ref, c.OrgID)
			}
		}
		if err := s.AttachProfile(id, pid); err != nil {
			return err
		}
	}
	return nil
}
