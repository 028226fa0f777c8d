package fakestate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// TokenSpec describes a token to issue.
type TokenSpec struct {
	Type      string // TokenAccess, TokenRefresh or TokenCode
	Principal Principal
	Session   string // empty: a new session
	// Authorization codes only.
	RedirectURI   string
	CodeChallenge string
}

// Issue mints a token. Access tokens live [Store.TokenLifetime], refresh
// tokens [RefreshTokenLifetime], authorization codes [AuthorizationCodeLife].
// The value is an RS256 JWT shaped like IMS's: header
// {"alg":"RS256","x5u":"ims_na1-key-1.cer","kid":"ims_na1-key-1","itt":...}
// and claims id, type, client_id, user_id, as, scope, created_at and
// expires_in (the last two are strings of milliseconds).
func (s *Store) Issue(spec TokenSpec) (Token, error) {
	now := time.Now()
	s.mu.Lock()
	var life time.Duration
	var itt string
	switch spec.Type {
	case TokenAccess:
		life, itt = s.tokenLifetime, "at"
	case TokenRefresh:
		life, itt = RefreshTokenLifetime, "rt"
	case TokenCode:
		life, itt = AuthorizationCodeLife, "ac"
	default:
		s.mu.Unlock()
		return Token{}, fmt.Errorf("%w: token type %q", ErrInvalid, spec.Type)
	}
	t := Token{
		ID:            itt + "-" + s.newUUID(),
		Type:          spec.Type,
		Principal:     spec.Principal,
		CreatedAt:     now,
		ExpiresAt:     now.Add(life),
		Session:       spec.Session,
		RedirectURI:   spec.RedirectURI,
		CodeChallenge: spec.CodeChallenge,
	}
	t.Principal.Scopes = slices.Clone(spec.Principal.Scopes)
	if t.Session == "" {
		t.Session = s.newUUID()
	}
	s.mu.Unlock()

	t.Value = SignJWT(
		jwtHeader{Alg: "RS256", X5U: KeyID + ".cer", Kid: KeyID, Itt: itt},
		jwtClaims{
			ID:        t.ID,
			Type:      t.Type,
			ClientID:  t.Principal.ClientID,
			UserID:    t.Principal.UserID,
			As:        "ims-na1",
			Org:       t.Principal.OrgID,
			Scope:     strings.Join(t.Principal.Scopes, ","),
			CreatedAt: strconv.FormatInt(now.UnixMilli(), 10),
			ExpiresIn: strconv.FormatInt(life.Milliseconds(), 10),
		})

	s.mu.Lock()
	defer s.mu.Unlock()
	stored := t.clone()
	s.tokens[t.Value] = &stored
	return t, nil
}

// jwtHeader is IMS's token header, in IMS's field order.
type jwtHeader struct {
	Alg string `json:"alg"`
	X5U string `json:"x5u"`
	Kid string `json:"kid"`
	Itt string `json:"itt"`
}

// jwtClaims are the claims of IMS tokens. created_at and expires_in are
// strings of milliseconds, as in IMS's tokens.
type jwtClaims struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	ClientID  string `json:"client_id"`
	UserID    string `json:"user_id"`
	As        string `json:"as"`
	Org       string `json:"org,omitempty"`
	Scope     string `json:"scope"`
	CreatedAt string `json:"created_at"`
	ExpiresIn string `json:"expires_in"`
}

// Token returns the issued token with the given value, active or not.
func (s *Store) Token(value string) (Token, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[value]
	if !ok {
		return Token{}, false
	}
	return t.clone(), true
}

// ActiveToken returns the token with the given value and type if it is
// issued, unexpired, unrevoked and (for codes) unused.
func (s *Store) ActiveToken(value, typ string) (Token, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[value]
	if !ok || t.Type != typ || !t.Active(time.Now()) {
		return Token{}, false
	}
	return t.clone(), true
}

// RedeemCode marks an authorization code used and returns it. It fails if the
// code is unknown, expired, revoked or already used. Redeeming a used code
// revokes every token of its session, as OAuth 2.0 recommends.
func (s *Store) RedeemCode(value string) (Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[value]
	if !ok || t.Type != TokenCode {
		return Token{}, fmt.Errorf("%w: authorization code", ErrNotFound)
	}
	if t.Used {
		s.revokeSessionLocked(t.Session)
		return Token{}, fmt.Errorf("%w: authorization code already used", ErrInvalid)
	}
	if !t.Active(time.Now()) {
		return Token{}, fmt.Errorf("%w: authorization code expired or revoked", ErrInvalid)
	}
	t.Used = true
	return t.clone(), nil
}

// Revoke revokes the token with the given value. It reports whether the token
// exists.
func (s *Store) Revoke(value string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[value]
	if ok {
		t.Revoked = true
	}
	return ok
}

// RevokeSession revokes every token issued in a session (one code grant and
// its refreshes).
func (s *Store) RevokeSession(session string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revokeSessionLocked(session)
}

func (s *Store) revokeSessionLocked(session string) {
	for _, t := range s.tokens {
		if t.Session == session {
			t.Revoked = true
		}
	}
}

// Tokens returns every issued token, in no particular order.
func (s *Store) Tokens() []Token {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Token, 0, len(s.tokens))
	for _, t := range s.tokens {
		out = append(out, t.clone())
	}
	return out
}
