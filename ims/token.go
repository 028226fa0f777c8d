package ims

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/core"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// Token is an IMS token response. The access and refresh tokens are
// auth.Secret values, so printing a Token never shows them.
type Token struct {
	// AccessToken is the bearer token.
	AccessToken auth.Secret
	// RefreshToken renews AccessToken (14 days); it is only issued with
	// the offline_access scope.
	RefreshToken auth.Secret
	// IDToken is the OpenID Connect ID token of a user login, if any.
	IDToken string
	// TokenType is "bearer".
	TokenType string
	// Expiry is computed at receipt from the response's expires_in, which
	// IMS gives in seconds for /ims/token/v3 (unlike the milliseconds inside
	// the token's claims).
	Expiry time.Time
}

// OAuth2 returns the token as an *oauth2.Token.
func (t *Token) OAuth2() *oauth2.Token {
	return &oauth2.Token{AccessToken: t.AccessToken.Reveal(), RefreshToken: t.RefreshToken.Reveal(), TokenType: t.TokenType, Expiry: t.Expiry}
}

func tokenFrom(t *oauth2.Token) *Token {
	out := &Token{AccessToken: auth.Secret(t.AccessToken), RefreshToken: auth.Secret(t.RefreshToken), TokenType: t.TokenType, Expiry: t.Expiry}
	if id, ok := t.Extra("id_token").(string); ok {
		out.IDToken = id
	}
	return out
}

// ClientCredentialsToken requests an OAuth Server-to-Server token. Prefer
// auth.NewTokenSource, which caches and renews; this is the one-shot call.
// An IMS refusal is an *auth.TokenError.
//
// API: POST /ims/token/v3 (grant_type=client_credentials)
// Adobe docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/
func (c *Client) ClientCredentialsToken(ctx context.Context, creds auth.Credentials) (*Token, error) {
	creds.IMSURL = c.base
	if err := creds.Validate(); err != nil {
		return nil, err
	}
	cc := &clientcredentials.Config{
		ClientID:       creds.ClientID,
		ClientSecret:   creds.ClientSecret.Reveal(),
		TokenURL:       c.base + "/ims/token/v3",
		EndpointParams: url.Values{"scope": {strings.Join(creds.Scopes, ",")}},
		AuthStyle:      oauth2.AuthStyleInParams,
	}
	t, err := cc.Token(c.oauth2Context(ctx))
	if err != nil {
		return nil, auth.TokenErrorFrom(err)
	}
	return tokenFrom(t), nil
}

// UserClient identifies an OAuth Web App, Single-Page App or Native App
// credential for the user flows (authorization code with PKCE, refresh).
type UserClient struct {
	// ClientID is the credential's client ID.
	ClientID string
	// ClientSecret is set for confidential (Web App) clients; public clients
	// (SPA, Native) rely on PKCE alone.
	ClientSecret auth.Secret
	// RedirectURI must match one the credential allows.
	RedirectURI string
	// Scopes are requested comma-joined, e.g. openid, AdobeID,
	// read_organizations, offline_access (for a refresh token).
	Scopes []string
}

func (u UserClient) validate() error {
	switch {
	case u.ClientID == "":
		return core.NewArgError("ClientID", "is empty")
	case u.RedirectURI == "":
		return core.NewArgError("RedirectURI", "is empty; it must match a redirect URI pattern of the credential")
	case len(u.Scopes) == 0:
		return core.NewArgError("Scopes", "is empty; e.g. openid, AdobeID, read_organizations")
	}
	if ru, err := url.Parse(u.RedirectURI); err != nil || !ru.IsAbs() {
		return core.NewArgError("RedirectURI", "%q is not an absolute URL", u.RedirectURI)
	}
	return nil
}

// OAuth2Config returns the x/oauth2 configuration of u against this IMS:
// /ims/authorize/v2 and /ims/token/v3, client credentials in the form.
func (c *Client) OAuth2Config(u UserClient) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     u.ClientID,
		ClientSecret: u.ClientSecret.Reveal(),
		RedirectURL:  u.RedirectURI,
		// IMS separates scopes with commas, x/oauth2 with spaces: join here.
		Scopes: []string{strings.Join(u.Scopes, ",")},
		Endpoint: oauth2.Endpoint{
			AuthURL:   c.base + "/ims/authorize/v2",
			TokenURL:  c.base + "/ims/token/v3",
			AuthStyle: oauth2.AuthStyleInParams,
		},
	}
}

// ExchangeCode exchanges an authorization code (with its PKCE verifier;
// empty for a confidential client that used none) for tokens. A refresh
// token comes back only when offline_access was granted.
//
// API: POST /ims/token/v3 (grant_type=authorization_code)
// Adobe docs: https://developer.adobe.com/developer-console/docs/guides/authentication/UserAuthentication/ims/
func (c *Client) ExchangeCode(ctx context.Context, u UserClient, code, verifier string) (*Token, error) {
	if err := u.validate(); err != nil {
		return nil, err
	}
	if code == "" {
		return nil, core.NewArgError("code", "is empty")
	}
	var opts []oauth2.AuthCodeOption
	if verifier != "" {
		opts = append(opts, oauth2.VerifierOption(verifier))
	}
	t, err := c.OAuth2Config(u).Exchange(c.oauth2Context(ctx), code, opts...)
	if err != nil {
		return nil, auth.TokenErrorFrom(err)
	}
	return tokenFrom(t), nil
}

// Refresh uses a refresh token (valid 14 days) for a new access token.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/UserAuthentication/ims/
//
// API: POST /ims/token/v3 (grant_type=refresh_token)
func (c *Client) Refresh(ctx context.Context, u UserClient, refreshToken auth.Secret) (*Token, error) {
	if refreshToken == "" {
		return nil, core.NewArgError("refreshToken", "is empty")
	}
	src := c.OAuth2Config(u).TokenSource(c.oauth2Context(ctx), &oauth2.Token{RefreshToken: refreshToken.Reveal()})
	t, err := src.Token()
	if err != nil {
		return nil, auth.TokenErrorFrom(err)
	}
	return tokenFrom(t), nil
}

// TokenSource returns a token source that starts from t and refreshes it
// with its refresh token when it expires. The source keeps a background
// context holding this client's HTTP stack, never a caller's context.
func (c *Client) TokenSource(u UserClient, t *Token) oauth2.TokenSource {
	return &errMappingSource{src: c.OAuth2Config(u).TokenSource(c.oauth2Context(context.Background()), t.OAuth2())}
}

type errMappingSource struct{ src oauth2.TokenSource }

func (s *errMappingSource) Token() (*oauth2.Token, error) {
	t, err := s.src.Token()
	if err != nil {
		return nil, auth.TokenErrorFrom(err)
	}
	return t, nil
}
