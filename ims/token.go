package ims

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/core"
	"golang.org/x/oauth2"
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
	IDToken auth.Secret
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

// ClientCredentialsToken requests an OAuth Server-to-Server token. Prefer
// auth.NewTokenSource, which caches and renews; this is the one-shot call.
// An IMS refusal is an *auth.TokenError (which unwraps to *adobe.Error); a
// 429 that is not retried an *adobe.RateLimitError.
//
// API: POST /ims/token/v3 (grant_type=client_credentials)
// Adobe docs: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/
func (c *Client) ClientCredentialsToken(ctx context.Context, creds auth.Credentials) (*Token, error) {
	creds.IMSURL = c.base
	if err := creds.Validate(); err != nil {
		return nil, err
	}
	return c.token(ctx, url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {creds.ClientID},
		"client_secret": {creds.ClientSecret.Reveal()},
		"scope":         {strings.Join(creds.Scopes, ",")},
	})
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
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {u.RedirectURI}}
	if verifier != "" {
		form.Set("code_verifier", verifier)
	}
	return c.token(ctx, u.withCredentials(form))
}

// withCredentials adds the client's ID and (for a confidential client) its
// secret to a token request form, as IMS takes them (in the body).
func (u UserClient) withCredentials(form url.Values) url.Values {
	form.Set("client_id", u.ClientID)
	if u.ClientSecret != "" {
		form.Set("client_secret", u.ClientSecret.Reveal())
	}
	return form
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
	if u.ClientID == "" {
		return nil, core.NewArgError("ClientID", "is empty")
	}
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshToken.Reveal()}}
	if len(u.Scopes) > 0 {
		form.Set("scope", strings.Join(u.Scopes, ","))
	}
	t, err := c.token(ctx, u.withCredentials(form))
	if err != nil {
		return nil, err
	}
	if t.RefreshToken == "" {
		t.RefreshToken = refreshToken // IMS may not rotate it
	}
	return t, nil
}

// TokenSource returns a token source that starts from t and refreshes it
// with its refresh token when it expires (10 s early, as x/oauth2 does).
// Each refresh runs on a background context bounded by a minute, never a
// caller's context. Its *oauth2.Token prints the access token with %+v (an
// x/oauth2 type): wrap it with auth.NewConfigFromTokenSource, or read
// tokens through auth.TokenSource.TokenContext, for a redacted one.
func (c *Client) TokenSource(u UserClient, t *Token) oauth2.TokenSource {
	return &userTokenSource{src: oauth2.ReuseTokenSource(t.OAuth2(), &refresher{c: c, u: u, refresh: t.RefreshToken})}
}

// userTokenSource is the refreshing source of a user's token; it formats
// itself, so that printing it never shows the tokens it holds.
type userTokenSource struct{ src oauth2.TokenSource }

func (s *userTokenSource) Token() (*oauth2.Token, error) { return s.src.Token() }

func (s *userTokenSource) String() string { return "ims.TokenSource{refreshing}" }

func (s *userTokenSource) Format(f fmt.State, verb rune) { formatSafe(f, verb, s.String()) }

// refresher refreshes with the latest refresh token.
type refresher struct {
	c       *Client
	u       UserClient
	mu      sync.Mutex
	refresh auth.Secret
}

func (r *refresher) Token() (*oauth2.Token, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.refresh == "" {
		return nil, core.NewArgError("refresh token", "none was granted (request the offline_access scope); log in again")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	t, err := r.c.Refresh(ctx, r.u, r.refresh)
	if err != nil {
		return nil, err
	}
	r.refresh = t.RefreshToken
	return t.OAuth2(), nil
}
