package fakestate

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// WriteJSON writes v as a JSON response with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"error":"internal_error"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// GatewayError is the body of an error from Adobe's API gateway
// (adobe.io hosts): {"error_code":"401013","message":"Oauth token is not valid"}.
type GatewayError struct {
	ErrorCode string `json:"error_code"`
	Message   string `json:"message"`
}

// Gateway errors from Adobe's catalogue.
var (
	ErrAPIKeyRequired  = GatewayError{"403000", "Api Key is required"}
	ErrAPIKeyInvalid   = GatewayError{"403003", "Api Key is invalid"}
	ErrTokenMissing    = GatewayError{"403010", "Oauth token is missing."}
	ErrTokenInvalid    = GatewayError{"401013", "Oauth token is not valid"}
	ErrScopeMismatch   = GatewayError{"403011", "Scope mismatch"}
	ErrTooManyRequests = GatewayError{"429050", "Too many requests"}
)

// GatewayStatus returns the HTTP status of a gateway error code (its first
// three digits).
func GatewayStatus(e GatewayError) int {
	n := 0
	for _, c := range e.ErrorCode[:min(3, len(e.ErrorCode))] {
		n = n*10 + int(c-'0')
	}
	return n
}

// WriteGatewayError writes e with its status and an x-request-id header, as
// Adobe's API gateway does.
func (s *Store) WriteGatewayError(w http.ResponseWriter, e GatewayError) {
	w.Header().Set("X-Request-Id", s.NewDebugID())
	WriteJSON(w, GatewayStatus(e), e)
}

// BearerToken returns the token of an "Authorization: Bearer" header.
func BearerToken(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	return tok, tok != ""
}

// Authenticate checks a request to an adobe.io API the way Adobe's gateway
// does and returns the caller's principal. On failure it writes the gateway's
// error and returns false:
//
//   - no x-api-key header: 403 403000 "Api Key is required";
//   - an x-api-key that is no known client id: 403 403003 "Api Key is invalid";
//   - no bearer token: 403 403010 "Oauth token is missing.";
//   - a token that was not issued, is expired or revoked, or is not an access
//     token: 401 401013 "Oauth token is not valid";
//   - a token issued to a client other than x-api-key: 403 403003.
func (s *Store) Authenticate(w http.ResponseWriter, r *http.Request) (Principal, bool) {
	key := r.Header.Get("X-Api-Key")
	if key == "" {
		s.WriteGatewayError(w, ErrAPIKeyRequired)
		return Principal{}, false
	}
	if _, ok := s.Credential(key); !ok {
		s.WriteGatewayError(w, ErrAPIKeyInvalid)
		return Principal{}, false
	}
	value, ok := BearerToken(r)
	if !ok {
		s.WriteGatewayError(w, ErrTokenMissing)
		return Principal{}, false
	}
	t, ok := s.ActiveToken(value, TokenAccess)
	if !ok {
		s.WriteGatewayError(w, ErrTokenInvalid)
		return Principal{}, false
	}
	if t.Principal.ClientID != key {
		s.WriteGatewayError(w, ErrAPIKeyInvalid)
		return Principal{}, false
	}
	return t.Principal, true
}

// AuthenticateBearer checks only a bearer access token (IMS's own endpoints
// need no API key) and returns its token. It writes nothing.
func (s *Store) AuthenticateBearer(r *http.Request) (Token, bool) {
	value, ok := BearerToken(r)
	if !ok {
		return Token{}, false
	}
	return s.ActiveToken(value, TokenAccess)
}

// EpochMillis formats t as a string of epoch milliseconds, Adobe's usual
// timestamp format.
func EpochMillis(t time.Time) string {
	return strconv.FormatInt(t.UnixMilli(), 10)
}
