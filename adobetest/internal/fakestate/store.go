package fakestate

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// Default lifetimes.
const (
	DefaultTokenLifetime   = 24 * time.Hour
	RefreshTokenLifetime   = 14 * 24 * time.Hour // IMS: refresh tokens live 14 days
	AuthorizationCodeLife  = 5 * time.Minute
	minTokenLifetime       = 2 * time.Second
	consoleOrgIDDigits     = 6
	productProfileIDDigits = 8
)

// Errors returned by the store's mutators.
var (
	ErrNotFound = errors.New("fakestate: not found")
	ErrExists   = errors.New("fakestate: already exists")
	ErrInvalid  = errors.New("fakestate: invalid value")
	ErrLimit    = errors.New("fakestate: limit reached")
)

// Store is the fake's whole state. The zero value is not usable; call [New].
type Store struct {
	mu sync.Mutex

	rnd *rand.Rand

	tokenLifetime time.Duration
	loginUser     string // email
	bootstrap     string // the bootstrap credential's client id

	orgs        map[string]*Org // by id
	orgOrder    []string
	creds       map[string]*Credential // by client id
	credOrder   []string
	users       map[string]*User // by id
	userEmails  map[string]*User // by emailKey(email), so lookups by email stay O(1) in large orgs
	userOrder   []string
	profiles    map[string]*ProductProfile // by id
	profOrder   []string
	tokens      map[string]*Token // by value
	seedSection map[string]json.RawMessage

	partMu    sync.Mutex
	partState map[string]any // each part's own state, see PartState
}

// PartState returns the state a part keeps beside the shared store under
// key, creating it with create on first use. It lets a part (the Admin
// Console's members and user groups, say) live and die with its store
// without the store knowing the part's types.
func (s *Store) PartState(key string, create func() any) any {
	s.partMu.Lock()
	defer s.partMu.Unlock()
	if s.partState == nil {
		s.partState = map[string]any{}
	}
	st, ok := s.partState[key]
	if !ok {
		st = create()
		s.partState[key] = st
	}
	return st
}

// New returns an empty store whose ids come from a PCG generator seeded with
// seed, so equal seeds and equal call sequences give equal ids.
func New(seed uint64) *Store {
	return &Store{
		rnd:           rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		tokenLifetime: DefaultTokenLifetime,
		orgs:          map[string]*Org{},
		creds:         map[string]*Credential{},
		users:         map[string]*User{},
		userEmails:    map[string]*User{},
		profiles:      map[string]*ProductProfile{},
		tokens:        map[string]*Token{},
		seedSection:   map[string]json.RawMessage{},
	}
}

// SetTokenLifetime sets the lifetime of access tokens issued from now on.
func (s *Store) SetTokenLifetime(d time.Duration) error {
	if d < minTokenLifetime {
		return fmt.Errorf("%w: token lifetime %v is shorter than %v", ErrInvalid, d, minTokenLifetime)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokenLifetime = d
	return nil
}

// TokenLifetime returns the access-token lifetime.
func (s *Store) TokenLifetime() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenLifetime
}

// SetLoginUser sets the Adobe ID user (by email) that the authorize endpoint
// logs in. The user must exist.
func (s *Store) SetLoginUser(email string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.userByEmailLocked(email) == nil {
		return fmt.Errorf("%w: login user %q", ErrNotFound, email)
	}
	s.loginUser = email
	return nil
}

// LoginUser returns the user the authorize endpoint logs in, if any.
func (s *Store) LoginUser() (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.userByEmailLocked(s.loginUser)
	if u == nil {
		return User{}, false
	}
	return u.clone(), true
}

// SetBootstrap records which credential is the fake's bootstrap credential,
// the one seed sections call "bootstrap".
func (s *Store) SetBootstrap(clientID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bootstrap = clientID
}

// Bootstrap returns the bootstrap credential's client id ("" if none).
func (s *Store) Bootstrap() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bootstrap
}
