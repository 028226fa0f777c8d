package fakestate

import (
	"fmt"
	"slices"
)

// AddProductProfile adds a product profile to an existing org. ID (a numeric
// string) is generated when empty; Name is required and unique within the org.
func (s *Store) AddProductProfile(p ProductProfile) (ProductProfile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p = p.clone()
	if _, ok := s.orgs[p.OrgID]; !ok {
		return ProductProfile{}, fmt.Errorf("%w: org %q", ErrNotFound, p.OrgID)
	}
	if p.Name == "" {
		return ProductProfile{}, fmt.Errorf("%w: product profile name is empty", ErrInvalid)
	}
	for _, other := range s.profiles {
		if other.OrgID == p.OrgID && other.Name == p.Name {
			return ProductProfile{}, fmt.Errorf("%w: product profile %q", ErrExists, p.Name)
		}
	}
	if p.ID == "" {
		for p.ID == "" || s.profiles[p.ID] != nil {
			p.ID = s.newDigits(productProfileIDDigits)
		}
	} else if !digitsRe.MatchString(p.ID) {
		return ProductProfile{}, fmt.Errorf("%w: product profile id %q is not numeric", ErrInvalid, p.ID)
	} else if _, ok := s.profiles[p.ID]; ok {
		return ProductProfile{}, fmt.Errorf("%w: product profile %s", ErrExists, p.ID)
	}
	if p.ProductName == "" {
		p.ProductName = "Adobe Analytics"
	}
	s.profiles[p.ID] = &p
	s.profOrder = append(s.profOrder, p.ID)
	return p.clone(), nil
}

// ProductProfile returns the product profile with the given id.
func (s *Store) ProductProfile(id string) (ProductProfile, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.profiles[id]
	if !ok {
		return ProductProfile{}, false
	}
	return p.clone(), true
}

// ProductProfiles returns the product profiles of an org (all of them if orgID
// is empty) in insertion order.
func (s *Store) ProductProfiles(orgID string) []ProductProfile {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []ProductProfile
	for _, id := range s.profOrder {
		if p := s.profiles[id]; orgID == "" || p.OrgID == orgID {
			out = append(out, p.clone())
		}
	}
	return out
}

// UpdateProductProfile applies update to a copy of the profile and stores the
// result. update may change Name, ProductName and Permissions; ID and OrgID
// changes are rejected.
func (s *Store) UpdateProductProfile(id string, update func(*ProductProfile)) (ProductProfile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.profiles[id]
	if !ok {
		return ProductProfile{}, fmt.Errorf("%w: product profile %s", ErrNotFound, id)
	}
	next := p.clone()
	update(&next)
	if next.ID != p.ID || next.OrgID != p.OrgID {
		return ProductProfile{}, fmt.Errorf("%w: product profile id and org cannot change", ErrInvalid)
	}
	if next.Name == "" {
		return ProductProfile{}, fmt.Errorf("%w: product profile name is empty", ErrInvalid)
	}
	*p = next.clone()
	return next, nil
}

// SetPermissions replaces a product profile's permissions.
func (s *Store) SetPermissions(id string, perms Permissions) error {
	_, err := s.UpdateProductProfile(id, func(p *ProductProfile) { p.Permissions = perms.clone() })
	return err
}

// DeleteProductProfile removes a product profile and detaches it from every
// credential.
func (s *Store) DeleteProductProfile(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.profiles[id]; !ok {
		return fmt.Errorf("%w: product profile %s", ErrNotFound, id)
	}
	delete(s.profiles, id)
	s.profOrder = slices.DeleteFunc(s.profOrder, func(x string) bool { return x == id })
	for _, c := range s.creds {
		c.ProductProfileIDs = slices.DeleteFunc(c.ProductProfileIDs, func(x string) bool { return x == id })
	}
	return nil
}

// ProfilesOf returns the product profiles attached to a credential.
func (s *Store) ProfilesOf(clientID string) []ProductProfile {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.creds[clientID]
	if !ok {
		return nil
	}
	var out []ProductProfile
	for _, id := range c.ProductProfileIDs {
		if p, ok := s.profiles[id]; ok {
			out = append(out, p.clone())
		}
	}
	return out
}

func (s *Store) checkProfileLocked(orgID, profileID string) error {
	p, ok := s.profiles[profileID]
	if !ok {
		return fmt.Errorf("%w: product profile %q", ErrNotFound, profileID)
	}
	if p.OrgID != orgID {
		return fmt.Errorf("%w: product profile %s belongs to another org", ErrInvalid, profileID)
	}
	return nil
}
