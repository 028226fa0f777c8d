package fakestate

import (
	"fmt"
	"slices"
	"time"
)

// AddCredential adds an OAuth credential. Empty fields are filled in:
// ClientID, TechnicalAccountID and TechnicalAccountEmail are generated, Type
// defaults to [TypeServerToServer], and a confidential credential without
// secrets gets one generated secret. OrgID must name an existing org and every
// ProductProfileIDs entry an existing profile of that org. It returns the
// stored credential.
func (s *Store) AddCredential(c Credential) (Credential, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c = c.clone()
	if _, ok := s.orgs[c.OrgID]; !ok {
		return Credential{}, fmt.Errorf("%w: org %q", ErrNotFound, c.OrgID)
	}
	switch c.Type {
	case "":
		c.Type = TypeServerToServer
	case TypeServerToServer, TypeWebApp, TypeSinglePageApp, TypeNativeApp:
	default:
		return Credential{}, fmt.Errorf("%w: credential type %q", ErrInvalid, c.Type)
	}
	if c.ClientID == "" {
		c.ClientID = s.newClientID()
	} else if !clientIDRe.MatchString(c.ClientID) {
		return Credential{}, fmt.Errorf("%w: client id %q is not 32 lowercase hex", ErrInvalid, c.ClientID)
	}
	if _, ok := s.creds[c.ClientID]; ok {
		return Credential{}, fmt.Errorf("%w: credential %s", ErrExists, c.ClientID)
	}
	if c.Public() {
		if len(c.ClientSecrets) > 0 {
			return Credential{}, fmt.Errorf("%w: public %s credential cannot have secrets", ErrInvalid, c.Type)
		}
	} else if len(c.ClientSecrets) == 0 {
		c.ClientSecrets = []string{s.newClientSecret()}
	}
	if len(c.ClientSecrets) > MaxClientSecrets {
		return Credential{}, fmt.Errorf("%w: at most %d client secrets", ErrLimit, MaxClientSecrets)
	}
	for _, sec := range c.ClientSecrets {
		if !secretRe.MatchString(sec) {
			return Credential{}, fmt.Errorf("%w: client secret is not p8e- and 32 alphanumerics", ErrInvalid)
		}
	}
	if c.TechnicalAccountID == "" {
		c.TechnicalAccountID = s.newTechAcctID()
	} else if !techAcctRe.MatchString(c.TechnicalAccountID) {
		return Credential{}, fmt.Errorf("%w: technical account id %q", ErrInvalid, c.TechnicalAccountID)
	}
	if c.TechnicalAccountEmail == "" {
		c.TechnicalAccountEmail = s.newTechAcctEmail()
	} else if !techEmailRe.MatchString(c.TechnicalAccountEmail) {
		return Credential{}, fmt.Errorf("%w: technical account email %q", ErrInvalid, c.TechnicalAccountEmail)
	}
	for _, id := range c.ProductProfileIDs {
		if err := s.checkProfileLocked(c.OrgID, id); err != nil {
			return Credential{}, err
		}
	}
	if c.Name == "" {
		c.Name = "Credential " + c.ClientID[:8]
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = time.Now()
	}
	s.creds[c.ClientID] = &c
	s.credOrder = append(s.credOrder, c.ClientID)
	return c.clone(), nil
}

// Credential returns the credential with the given client id.
func (s *Store) Credential(clientID string) (Credential, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.creds[clientID]
	if !ok {
		return Credential{}, false
	}
	return c.clone(), true
}

// Credentials returns the credentials of an org (every credential if orgID is
// empty) in insertion order.
func (s *Store) Credentials(orgID string) []Credential {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Credential
	for _, id := range s.credOrder {
		if c := s.creds[id]; orgID == "" || c.OrgID == orgID {
			out = append(out, c.clone())
		}
	}
	return out
}

// DeleteCredential removes a credential and revokes every token issued to it.
func (s *Store) DeleteCredential(clientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.creds[clientID]; !ok {
		return fmt.Errorf("%w: credential %s", ErrNotFound, clientID)
	}
	delete(s.creds, clientID)
	s.credOrder = slices.DeleteFunc(s.credOrder, func(id string) bool { return id == clientID })
	for _, t := range s.tokens {
		if t.Principal.ClientID == clientID {
			t.Revoked = true
		}
	}
	return nil
}

// AddClientSecret generates a new client secret for a confidential credential
// and returns it. It fails with [ErrLimit] when the credential already has
// [MaxClientSecrets] secrets.
func (s *Store) AddClientSecret(clientID string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.creds[clientID]
	if !ok {
		return "", fmt.Errorf("%w: credential %s", ErrNotFound, clientID)
	}
	if c.Public() {
		return "", fmt.Errorf("%w: public %s credential cannot have secrets", ErrInvalid, c.Type)
	}
	if len(c.ClientSecrets) >= MaxClientSecrets {
		return "", fmt.Errorf("%w: at most %d client secrets", ErrLimit, MaxClientSecrets)
	}
	sec := s.newClientSecret()
	c.ClientSecrets = append(c.ClientSecrets, sec)
	return sec, nil
}

// DeleteClientSecret removes one client secret of a credential. Tokens already
// issued stay valid.
func (s *Store) DeleteClientSecret(clientID, secret string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.creds[clientID]
	if !ok {
		return fmt.Errorf("%w: credential %s", ErrNotFound, clientID)
	}
	i := slices.Index(c.ClientSecrets, secret)
	if i < 0 {
		return fmt.Errorf("%w: client secret of %s", ErrNotFound, clientID)
	}
	c.ClientSecrets = slices.Delete(c.ClientSecrets, i, i+1)
	return nil
}

// SetScopes replaces a credential's scopes. Tokens already issued keep theirs.
func (s *Store) SetScopes(clientID string, scopes []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.creds[clientID]
	if !ok {
		return fmt.Errorf("%w: credential %s", ErrNotFound, clientID)
	}
	c.Scopes = slices.Clone(scopes)
	return nil
}

// AttachProfile attaches a product profile of the credential's org to the
// credential. Attaching an already attached profile is a no-op.
func (s *Store) AttachProfile(clientID, profileID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.creds[clientID]
	if !ok {
		return fmt.Errorf("%w: credential %s", ErrNotFound, clientID)
	}
	if err := s.checkProfileLocked(c.OrgID, profileID); err != nil {
		return err
	}
	if !slices.Contains(c.ProductProfileIDs, profileID) {
		c.ProductProfileIDs = append(c.ProductProfileIDs, profileID)
	}
	return nil
}

// DetachProfile detaches a product profile from a credential. Detaching a
// profile that is not attached is a no-op.
func (s *Store) DetachProfile(clientID, profileID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.creds[clientID]
	if !ok {
		return fmt.Errorf("%w: credential %s", ErrNotFound, clientID)
	}
	c.ProductProfileIDs = slices.DeleteFunc(c.ProductProfileIDs, func(id string) bool { return id == profileID })
	return nil
}
