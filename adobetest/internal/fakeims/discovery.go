package fakeims

import (
	"net/http"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// openIDConfiguration serves GET /ims/.well-known/openid-configuration with
// every endpoint on the request's own scheme and host.
func (p *Part) openIDConfiguration(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	fakestate.WriteJSON(w, http.StatusOK, map[string]any{
		"issuer":                                base,
		"authorization_endpoint":                base + "/ims/authorize/v2",
		"token_endpoint":                        base + "/ims/token/v3",
		"userinfo_endpoint":                     base + "/ims/userinfo/v2",
		"revocation_endpoint":                   base + "/ims/revoke",
		"jwks_uri":                              base + "/ims/keys",
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
		"grant_types_supported":                 []string{"authorization_code", "implicit_grant", "refresh_token"},
		"response_types_supported":              []string{"code"},
		"code_challenge_methods_supported":      []string{"S256"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
	})
}

// keys serves GET /ims/keys, the JWKS of the fake's signing key.
func (p *Part) keys(w http.ResponseWriter, _ *http.Request) {
	fakestate.WriteJSON(w, http.StatusOK, fakestate.JWKS())
}

// JWTEndOfLife is the error_description the fake answers on the JWT
// exchange. The text is the fake's own, not Adobe's.
const JWTEndOfLife = "Service Account (JWT) credentials have reached end of life; use OAuth Server-to-Server"

// exchangeJWT serves POST /ims/exchange/jwt and /ims/exchange/v1/jwt. Service
// Account (JWT) credentials stopped working on 2026-03-01, so every exchange
// fails with 400 invalid_client.
func (p *Part) exchangeJWT(w http.ResponseWriter, _ *http.Request) {
	fail(w, http.StatusBadRequest, "invalid_client", JWTEndOfLife)
}
