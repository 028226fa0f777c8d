package fakeims

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// validateResponse is the body of POST /ims/validate_token/v1. IMS documents
// only {"valid": bool, ...}; the token and expires_at fields (on success) and
// reason (on failure) are the fake's own.
type validateResponse struct {
	Valid     bool       `json:"valid"`
	Reason    string     `json:"reason,omitempty"`
	ExpiresAt int64      `json:"expires_at,omitempty"` // epoch ms
	Token     *tokenInfo `json:"token,omitempty"`
}

type tokenInfo struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	ClientID  string `json:"client_id"`
	UserID    string `json:"user_id"`
	Scope     string `json:"scope"`
	CreatedAt string `json:"created_at"` // epoch ms
	ExpiresIn string `json:"expires_in"` // ms
}

// validateToken serves POST /ims/validate_token/v1: form type, client_id and
// token (or the token as a bearer; client_id also as X-IMS-ClientId).
func (p *Part) validateToken(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		fail(w, http.StatusBadRequest, "invalid_request", "malformed request body")
		return
	}
	value := r.Form.Get("token")
	if value == "" {
		value, _ = fakestate.BearerToken(r)
	}
	clientID := r.Form.Get("client_id")
	if clientID == "" {
		clientID = r.Header.Get("X-IMS-ClientId")
	}
	typ := r.Form.Get("type")
	switch {
	case value == "":
		fail(w, http.StatusBadRequest, "invalid_request", "missing token parameter")
		return
	case clientID == "":
		fail(w, http.StatusBadRequest, "invalid_request", "missing client_id parameter")
		return
	case typ == "":
		fail(w, http.StatusBadRequest, "invalid_request", "missing type parameter")
		return
	}
	t, ok := p.s.Token(value)
	reason := ""
	switch {
	case !ok:
		reason = "unknown token"
	case t.Type != typ:
		reason = "token type mismatch"
	case t.Principal.ClientID != clientID:
		reason = "client_id mismatch"
	case t.Revoked:
		reason = "token revoked"
	case t.Used:
		reason = "authorization code already used"
	case !time.Now().Before(t.ExpiresAt):
		reason = "token expired"
	}
	if reason != "" {
		fakestate.WriteJSON(w, http.StatusOK, validateResponse{Reason: reason})
		return
	}
	fakestate.WriteJSON(w, http.StatusOK, validateResponse{
		Valid:     true,
		ExpiresAt: t.ExpiresAt.UnixMilli(),
		Token: &tokenInfo{
			ID: t.ID, Type: t.Type, ClientID: t.Principal.ClientID, UserID: t.Principal.UserID,
			Scope:     strings.Join(t.Principal.Scopes, ","),
			CreatedAt: fakestate.EpochMillis(t.CreatedAt),
			ExpiresIn: strconv.FormatInt(t.ExpiresAt.Sub(t.CreatedAt).Milliseconds(), 10),
		},
	})
}

// revoke serves POST /ims/revoke: form token, the client from HTTP Basic
// auth or ?client_id= — the two forms Adobe documents; a client_id only in
// the form is refused. Unknown tokens are answered 200 as RFC 7009 asks.
// Revoking a refresh token also revokes the access tokens of its grant.
func (p *Part) revoke(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		fail(w, http.StatusBadRequest, "invalid_request", "malformed request body")
		return
	}
	if _, _, basic := r.BasicAuth(); !basic && r.URL.Query().Get("client_id") == "" {
		fail(w, http.StatusBadRequest, "invalid_client", "missing client_id parameter (send HTTP Basic auth or ?client_id=)")
		return
	}
	p.revokeToken(w, r, r.Form.Get("token"), false)
}

// invalidateToken serves POST /ims/invalidate_token/v2: form token_type,
// token, [cascading=all], client_id (or X-IMS-ClientId), [client_secret].
// cascading=all revokes every token of the token's grant.
func (p *Part) invalidateToken(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		fail(w, http.StatusBadRequest, "invalid_request", "malformed request body")
		return
	}
	if r.Form.Get("client_id") == "" && r.Header.Get("X-IMS-ClientId") != "" {
		r.Form.Set("client_id", r.Header.Get("X-IMS-ClientId"))
	}
	p.revokeToken(w, r, r.Form.Get("token"), r.Form.Get("cascading") == "all")
}

func (p *Part) revokeToken(w http.ResponseWriter, r *http.Request, value string, cascade bool) {
	id, secret := clientAuth(r)
	c, ok := p.s.Credential(id)
	if !ok {
		fail(w, http.StatusBadRequest, "invalid_client", "invalid client_id parameter")
		return
	}
	if secret != "" && !c.HasSecret(secret) {
		fail(w, http.StatusBadRequest, "invalid_client", "invalid client_secret parameter")
		return
	}
	if value == "" {
		fail(w, http.StatusBadRequest, "invalid_request", "missing token parameter")
		return
	}
	t, ok := p.s.Token(value)
	if ok {
		if t.Principal.ClientID != c.ClientID {
			fail(w, http.StatusBadRequest, "invalid_request", "token was not issued to this client")
			return
		}
		if cascade || t.Type == fakestate.TokenRefresh {
			p.s.RevokeSession(t.Session)
		} else {
			p.s.Revoke(value)
		}
	}
	w.WriteHeader(http.StatusOK)
}
