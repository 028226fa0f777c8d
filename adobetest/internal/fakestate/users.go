package fakestate

import (
	"fmt"
	"slices"
	"strings"
)

// AddUser adds an Adobe ID user. ID is generated when empty; Email is required
// and unique (case-insensitive); every OrgIDs entry must exist; Country
// defaults to "US".
func (s *Store) AddUser(u User) (User, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u = u.clone()
	if u.Email == "" || !strings.Contains(u.Email, "@") {
		return User{}, fmt.Errorf("%w: user email %q", ErrInvalid, u.Email)
	}
	if s.userByEmailLocked(u.Email) != nil {
		return User{}, fmt.Errorf("%w: user %s", ErrExists, u.Email)
	}
	if u.ID == "" {
		u.ID = s.newUserID()
	}
	if _, ok := s.users[u.ID]; ok {
		return User{}, fmt.Errorf("%w: user %s", ErrExists, u.ID)
	}
	for _, o := range u.OrgIDs {
		if _, ok := s.orgs[o]; !ok {
			return User{}, fmt.Errorf("%w: org %q", ErrNotFound, o)
		}
	}
	if u.Country == "" {
		u.Country = "US"
	}
	s.users[u.ID] = &u
	s.userEmails[emailKey(u.Email)] = &u
	s.userOrder = append(s.userOrder, u.ID)
	return u.clone(), nil
}

// User returns the user with the given id.
func (s *Store) User(id string) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[id]
	if !ok {
		return User{}, false
	}
	return u.clone(), true
}

// UserByEmail returns the user with the given email (case-insensitive).
func (s *Store) UserByEmail(email string) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.userByEmailLocked(email)
	if u == nil {
		return User{}, false
	}
	return u.clone(), true
}

func (s *Store) userByEmailLocked(email string) *User {
	if email == "" {
		return nil
	}
	return s.userEmails[emailKey(email)]
}

// emailKey is the index key of an email: emails are unique
// case-insensitively, as Adobe IDs are. Lookups used to scan every user,
// which made seeding n users O(n²) (111k users took 756 s, issue 13).
func emailKey(email string) string { return strings.ToLower(email) }

// Users returns the users of an org (every user if orgID is empty) in
// insertion order.
func (s *Store) Users(orgID string) []User {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []User
	for _, id := range s.userOrder {
		u := s.users[id]
		if orgID == "" || slices.Contains(u.OrgIDs, orgID) {
			out = append(out, u.clone())
		}
	}
	return out
}
