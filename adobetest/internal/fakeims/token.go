package fakeims

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// tokenResponse is the token endpoint's success body. expires_in is in
// seconds: the token lifetime minus one, as IMS answers 86399 for 24 h.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token,omitempty"`
	Sub          string `json:"sub,omitempty"`
	IDToken      string `json:"id_token,omitempty"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
}

// token serves POST /ims/token/v3 and /ims/token/v2 (urlencoded or multipart).
func (p *Part) token(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		fail(w, http.StatusBadRequest, "invalid_request", "malformed request body")
		return
	}
	switch gt := r.Form.Get("grant_type"); gt {
	case "client_credentials":
		p.clientCredentials(w, r)
	case "authorization_code":
		p.authorizationCode(w, r)
	case "refresh_token":
		p.refreshToken(w, r)
	case "":
		fail(w, http.StatusBadRequest, "invalid_request", "missing grant_type parameter")
	default:
		fail(w, http.StatusBadRequest, "unsupported_grant_type", "unsupported grant_type "+gt)
	}
}

// client authenticates the calling client. Confidential clients need one of
// their secrets; public clients must not be asked for one. It writes the error
// and returns false on failure.
func (p *Part) client(w http.ResponseWriter, r *http.Request) (fakestate.Credential, bool) {
	id, secret := clientAuth(r)
	c, ok := p.s.Credential(id)
	if !ok {
		fail(w, http.StatusBadRequest, "invalid_client", "invalid client_id parameter")
		return c, false
	}
	if !c.Public() && !c.HasSecret(secret) {
		fail(w, http.StatusBadRequest, "invalid_client", "invalid client_secret parameter")
		return c, false
	}
	return c, true
}

func (p *Part) clientCredentials(w http.ResponseWriter, r *http.Request) {
	c, ok := p.client(w, r)
	if !ok {
		return
	}
	if c.Type != fakestate.TypeServerToServer {
		fail(w, http.StatusBadRequest, "unauthorized_client", "client is not allowed to use grant_type client_credentials")
		return
	}
	scopes := splitScopes(r.Form.Get("scope"))
	if len(scopes) == 0 {
		fail(w, http.StatusBadRequest, "invalid_scope", "missing scope parameter")
		return
	}
	if bad := notGranted(scopes, c.Scopes); len(bad) > 0 {
		fail(w, http.StatusBadRequest, "invalid_scope", "invalid scope ("+strings.Join(bad, ",")+")")
		return
	}
	if org := r.Form.Get("org_id"); org != "" && org != c.OrgID {
		fail(w, http.StatusBadRequest, "invalid_request", "invalid org_id parameter")
		return
	}
	at, err := p.s.Issue(fakestate.TokenSpec{Type: fakestate.TokenAccess, Principal: fakestate.Principal{
		ClientID: c.ClientID, UserID: c.TechnicalAccountID, OrgID: c.OrgID, Scopes: scopes, Kind: fakestate.KindService,
	}})
	if err != nil {
		fail(w, http.StatusInternalServerError, "internal_error", "Please try again later")
		return
	}
	fakestate.WriteJSON(w, http.StatusOK, tokenResponse{
		AccessToken: at.Value, TokenType: "bearer", ExpiresIn: expiresIn(at),
	})
}

func (p *Part) authorizationCode(w http.ResponseWriter, r *http.Request) {
	c, ok := p.client(w, r)
	if !ok {
		return
	}
	if c.Type == fakestate.TypeServerToServer {
		fail(w, http.StatusBadRequest, "unauthorized_client", "client is not allowed to use grant_type authorization_code")
		return
	}
	code := r.Form.Get("code")
	if code == "" {
		fail(w, http.StatusBadRequest, "invalid_request", "missing code parameter")
		return
	}
	t, ok := p.s.Token(code)
	if !ok || t.Type != fakestate.TokenCode || t.Principal.ClientID != c.ClientID {
		fail(w, http.StatusBadRequest, "invalid_grant", "invalid authorization code")
		return
	}
	if t.CodeChallenge != "" && !verifierMatches(r.Form.Get("code_verifier"), t.CodeChallenge) {
		fail(w, http.StatusBadRequest, "invalid_grant", "invalid code_verifier")
		return
	}
	if ru := r.Form.Get("redirect_uri"); ru != "" && ru != t.RedirectURI {
		fail(w, http.StatusBadRequest, "invalid_grant", "redirect_uri does not match the authorization request")
		return
	}
	t, err := p.s.RedeemCode(code)
	if err != nil {
		fail(w, http.StatusBadRequest, "invalid_grant", "invalid authorization code")
		return
	}
	p.issueUserTokens(w, t.Principal, t.Session, true)
}

func (p *Part) refreshToken(w http.ResponseWriter, r *http.Request) {
	c, ok := p.client(w, r)
	if !ok {
		return
	}
	rt := r.Form.Get("refresh_token")
	if rt == "" {
		fail(w, http.StatusBadRequest, "invalid_request", "missing refresh_token parameter")
		return
	}
	t, ok := p.s.ActiveToken(rt, fakestate.TokenRefresh)
	if !ok || t.Principal.ClientID != c.ClientID {
		fail(w, http.StatusBadRequest, "invalid_grant", "invalid refresh_token")
		return
	}
	pr := t.Principal
	if s := r.Form.Get("scope"); s != "" {
		scopes := splitScopes(s)
		if bad := notGranted(scopes, pr.Scopes); len(bad) > 0 {
			fail(w, http.StatusBadRequest, "invalid_scope", "invalid scope ("+strings.Join(bad, ",")+")")
			return
		}
		pr.Scopes = scopes
	}
	p.issueUserTokens(w, pr, t.Session, false)
}

// issueUserTokens answers a user grant: an access token, a refresh token when
// offline_access was granted, and (for a code grant with openid) an id_token.
func (p *Part) issueUserTokens(w http.ResponseWriter, pr fakestate.Principal, session string, withIDToken bool) {
	at, err := p.s.Issue(fakestate.TokenSpec{Type: fakestate.TokenAccess, Principal: pr, Session: session})
	if err != nil {
		fail(w, http.StatusInternalServerError, "internal_error", "Please try again later")
		return
	}
	resp := tokenResponse{AccessToken: at.Value, Sub: pr.UserID, TokenType: "bearer", ExpiresIn: expiresIn(at)}
	if pr.HasScope("offline_access") {
		rt, err := p.s.Issue(fakestate.TokenSpec{Type: fakestate.TokenRefresh, Principal: pr, Session: session})
		if err != nil {
			fail(w, http.StatusInternalServerError, "internal_error", "Please try again later")
			return
		}
		resp.RefreshToken = rt.Value
	}
	if withIDToken && pr.HasScope("openid") {
		resp.IDToken = p.idToken(pr, at)
	}
	fakestate.WriteJSON(w, http.StatusOK, resp)
}

// idToken is an OIDC id_token for a user principal, signed like the access
// tokens.
func (p *Part) idToken(pr fakestate.Principal, at fakestate.Token) string {
	claims := map[string]any{
		"iss": "https://ims-na1.adobelogin.com",
		"sub": pr.UserID,
		"aud": pr.ClientID,
		"iat": at.CreatedAt.Unix(),
		"exp": at.ExpiresAt.Unix(),
	}
	if u, ok := p.s.User(pr.UserID); ok {
		claims["email"] = u.Email
		claims["email_verified"] = true
		claims["given_name"] = u.FirstName
		claims["family_name"] = u.LastName
		claims["name"] = strings.TrimSpace(u.FirstName + " " + u.LastName)
	}
	return fakestate.SignJWT(map[string]any{"alg": "RS256", "kid": fakestate.KeyID, "typ": "JWT"}, claims)
}

// expiresIn is the JSON expires_in: whole seconds of lifetime minus one.
func expiresIn(t fakestate.Token) int64 {
	return int64(t.ExpiresAt.Sub(t.CreatedAt)/time.Second) - 1
}

// verifierMatches checks a PKCE S256 code_verifier against its challenge.
func verifierMatches(verifier, challenge string) bool {
	if verifier == "" {
		return false
	}
	sum := sha256.Sum256([]byte(verifier))
	got := base64.RawURLEncoding.EncodeToString(sum[:])
	return subtle.ConstantTimeCompare([]byte(got), []byte(challenge)) == 1
}

// validRedirect reports whether uri may receive a credential's codes: any
// absolute http(s) URI when none are registered, else a registered one or one
// under a registered prefix.
func validRedirect(c fakestate.Credential, uri string) bool {
	if !strings.HasPrefix(uri, "https://") && !strings.HasPrefix(uri, "http://") {
		return false
	}
	if len(c.RedirectURIs) == 0 {
		return true
	}
	return slices.ContainsFunc(c.RedirectURIs, func(reg string) bool {
		return uri == reg || strings.HasPrefix(uri, strings.TrimSuffix(reg, "*"))
	})
}
