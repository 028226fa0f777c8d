package fakestate

import (
	"fmt"
	"regexp"
)

var (
	orgIDRe     = regexp.MustCompile(`^[0-9A-F]{24}@AdobeOrg$`)
	digitsRe    = regexp.MustCompile(`^[0-9]+$`)
	clientIDRe  = regexp.MustCompile(`^[0-9a-f]{32}$`)
	techAcctRe  = regexp.MustCompile(`^[0-9A-Fa-f]{24}@techacct\.adobe\.com$`)
	secretRe    = regexp.MustCompile(`^p8e-[0-9A-Za-z]{32}$`)
	techEmailRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@techacct\.adobe\.com$`)
)

// AddOrg adds an org. An empty ID or ConsoleID is generated; given ones are
// validated. It returns the stored org.
func (s *Store) AddOrg(o Org) (Org, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o.ID == "" {
		o.ID = s.newOrgID()
	} else if !orgIDRe.MatchString(o.ID) {
		return Org{}, fmt.Errorf("%w: org id %q is not <24 uppercase hex>@AdobeOrg", ErrInvalid, o.ID)
	}
	if _, ok := s.orgs[o.ID]; ok {
		return Org{}, fmt.Errorf("%w: org %s", ErrExists, o.ID)
	}
	if o.ConsoleID == "" {
		o.ConsoleID = s.newDigits(consoleOrgIDDigits)
	} else if !digitsRe.MatchString(o.ConsoleID) {
		return Org{}, fmt.Errorf("%w: console org id %q is not numeric", ErrInvalid, o.ConsoleID)
	}
	for _, other := range s.orgs {
		if other.ConsoleID == o.ConsoleID {
			return Org{}, fmt.Errorf("%w: console org id %s", ErrExists, o.ConsoleID)
		}
	}
	if o.Name == "" {
		o.Name = "Org " + o.ConsoleID
	}
	s.orgs[o.ID] = &o
	s.orgOrder = append(s.orgOrder, o.ID)
	return o, nil
}

// Org returns the org with the given IMS org id.
func (s *Store) Org(id string) (Org, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orgs[id]
	if !ok {
		return Org{}, false
	}
	return *o, true
}

// OrgByConsoleID returns the org with the given numeric Developer Console id.
func (s *Store) OrgByConsoleID(consoleID string) (Org, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range s.orgs {
		if o.ConsoleID == consoleID {
			return *o, true
		}
	}
	return Org{}, false
}

// Orgs returns every org in insertion order.
func (s *Store) Orgs() []Org {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Org, 0, len(s.orgOrder))
	for _, id := range s.orgOrder {
		out = append(out, *s.orgs[id])
	}
	return out
}
