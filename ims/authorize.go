package ims

import (
	"crypto/rand"
	"encoding/base64"

	"golang.org/x/oauth2"
)

// PKCE is a Proof Key for Code Exchange pair (RFC 7636, S256).
type PKCE struct {
	// Verifier is sent with the code exchange; keep it secret until then.
	Verifier string
	// Challenge is S256(Verifier), sent with the authorize request.
	Challenge string
}

// NewPKCE returns a fresh verifier and its S256 challenge.
func NewPKCE() PKCE {
	v := oauth2.GenerateVerifier()
	return PKCE{Verifier: v, Challenge: oauth2.S256ChallengeFromVerifier(v)}
}

// NewState returns a random state value for an authorize request.
func NewState() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b) // crypto/rand.Read never returns an error
	return base64.RawURLEncoding.EncodeToString(b)
}

// AuthorizeOptions adds optional parameters to AuthorizeURL.
type AuthorizeOptions struct {
	// PKCE adds code_challenge and code_challenge_method=S256.
	PKCE *PKCE
	// Prompt is "none" or "login"; empty omits it.
	Prompt string
	// Nonce is the OpenID Connect nonce; empty omits it.
	Nonce string
}

// AuthorizeURL builds the URL where the user logs in. IMS redirects to the
// redirect URI with code and state (or error=invalid_scope, login_required,
// consent_required, interaction_required).
//
// API: GET /ims/authorize/v2
// Adobe docs: https://developer.adobe.com/developer-console/docs/guides/authentication/UserAuthentication/ims/
func (c *Client) AuthorizeURL(u UserClient, state string, o AuthorizeOptions) (string, error) {
	if err := u.validate(); err != nil {
		return "", err
	}
	var opts []oauth2.AuthCodeOption
	if o.PKCE != nil {
		opts = append(opts, oauth2.S256ChallengeOption(o.PKCE.Verifier))
	}
	if o.Prompt != "" {
		opts = append(opts, oauth2.SetAuthURLParam("prompt", o.Prompt))
	}
	if o.Nonce != "" {
		opts = append(opts, oauth2.SetAuthURLParam("nonce", o.Nonce))
	}
	return c.OAuth2Config(u).AuthCodeURL(state, opts...), nil
}

// NewPKCEFromVerifier returns the pair for an existing verifier.
func NewPKCEFromVerifier(verifier string) PKCE {
	return PKCE{Verifier: verifier, Challenge: oauth2.S256ChallengeFromVerifier(verifier)}
}
