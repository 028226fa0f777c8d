package ims

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/internal/core"
)

// Validation is the answer of ValidateToken.
type Validation struct {
	// Valid reports whether IMS accepts the token.
	Valid bool `json:"valid"`
	// Token holds IMS's decoded view of the token when it is valid (shape
	// not documented; kept raw).
	Token json.RawMessage `json:"token,omitempty"`
	// Reason is IMS's explanation when the token is not valid.
	Reason string `json:"reason,omitempty"`
}

// Token types accepted by ValidateToken and InvalidateToken.
const (
	TypeAccessToken  = "access_token"
	TypeRefreshToken = "refresh_token"
)

// ValidateToken asks IMS whether a token is valid.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/UserAuthentication/ims/
//
// API: POST /ims/validate_token/v1 (form type, client_id, token)
func (c *Client) ValidateToken(ctx context.Context, clientID string, token auth.Secret, tokenType string) (*Validation, error) {
	if clientID == "" || token == "" {
		return nil, core.NewArgError("ValidateToken", "needs a client ID and a token")
	}
	if tokenType == "" {
		tokenType = TypeAccessToken
	}
	form := url.Values{"type": {tokenType}, "client_id": {clientID}, "token": {token.Reveal()}}
	var v Validation
	_, err := c.c.Call(ctx, core.Request{Method: "POST", Path: "ims/validate_token/v1", Body: form,
		Header: map[string][]string{"X-IMS-ClientId": {clientID}}}, &v, adobe.WithIdempotent())
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// UserInfo is the OpenID Connect userinfo of the token's subject (for an
// S2S token, its technical account).
type UserInfo struct {
	// Sub is the subject: the user ID, or the technical account ID of an
	// S2S credential.
	Sub string `json:"sub"`
	// AccountType is "ind" (individual Adobe ID) or "ent" (enterprise).
	AccountType string `json:"account_type,omitempty"`
	// EmailVerified reports whether IMS verified Email.
	EmailVerified bool `json:"email_verified,omitempty"`
	// Name, GivenName and FamilyName are the display names.
	Name       string `json:"name,omitempty"`
	GivenName  string `json:"given_name,omitempty"`
	FamilyName string `json:"family_name,omitempty"`
	// Email is the user's (or technical account's) e-mail address.
	Email string `json:"email,omitempty"`
}

// UserInfo returns the subject of an access token.
//
// API: GET /ims/userinfo/v2?client_id=
// Adobe docs: https://developer.adobe.com/developer-console/docs/guides/authentication/UserAuthentication/ims/
func (c *Client) UserInfo(ctx context.Context, clientID string, token auth.Secret) (*UserInfo, error) {
	if token == "" {
		return nil, core.NewArgError("token", "is empty")
	}
	q := url.Values{}
	if clientID != "" {
		q.Set("client_id", clientID)
	}
	var u UserInfo
	if _, err := c.c.Call(ctx, core.Request{Method: "GET", Path: "ims/userinfo/v2", Query: q, Header: bearer(token.Reveal())}, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// Profile returns the IMS profile of the token's user. Adobe does not
// document its schema; it is returned as decoded JSON.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/UserAuthentication/ims/
//
// API: GET /ims/profile/v1
func (c *Client) Profile(ctx context.Context, token auth.Secret) (map[string]any, error) {
	if token == "" {
		return nil, core.NewArgError("token", "is empty")
	}
	var p map[string]any
	if _, err := c.c.Call(ctx, core.Request{Method: "GET", Path: "ims/profile/v1", Header: bearer(token.Reveal())}, &p); err != nil {
		return nil, err
	}
	return p, nil
}

// Organization is one IMS organization of a user. Adobe does not document
// the schema; the fields below are those seen in Adobe's clients, and Raw
// keeps the whole entry.
type Organization struct {
	// OrgRef identifies the org: Ident and AuthSrc make up its org ID
	// (see OrgID).
	OrgRef struct {
		Ident   string `json:"ident"`
		AuthSrc string `json:"authSrc"`
	} `json:"orgRef"`
	// OrgName is the org's display name.
	OrgName string `json:"orgName"`
	// Raw is the entry as IMS sent it.
	Raw json.RawMessage `json:"-"`
}

// OrgID returns the "<ident>@<authSrc>" org ID, e.g. "...@AdobeOrg".
func (o Organization) OrgID() string {
	if o.OrgRef.AuthSrc == "" {
		return o.OrgRef.Ident
	}
	return o.OrgRef.Ident + "@" + o.OrgRef.AuthSrc
}

// Organizations lists the organizations of the token's user.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/UserAuthentication/ims/
//
// API: GET /ims/organizations/v5
func (c *Client) Organizations(ctx context.Context, token auth.Secret) ([]Organization, error) {
	if token == "" {
		return nil, core.NewArgError("token", "is empty")
	}
	var out []Organization
	if _, err := c.c.Call(ctx, core.Request{Method: "GET", Path: "ims/organizations/v5", Header: bearer(token.Reveal())}, &out); err != nil {
		return nil, err
	}
	if out == nil {
		out = []Organization{}
	}
	return out, nil
}

// UnmarshalJSON decodes an entry and keeps it in Raw.
func (o *Organization) UnmarshalJSON(b []byte) error {
	type plain Organization
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*o = Organization(p)
	o.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// Revoke revokes a token. A confidential client authenticates with HTTP
// Basic (its ID and secret); a public client passes clientSecret "" and is
// identified by ?client_id=, as Adobe documents.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/UserAuthentication/ims/
//
// API: POST /ims/revoke (form token)
func (c *Client) Revoke(ctx context.Context, clientID string, clientSecret, token auth.Secret) error {
	if clientID == "" || token == "" {
		return core.NewArgError("Revoke", "needs a client ID and a token")
	}
	req := core.Request{Method: "POST", Path: "ims/revoke", Body: url.Values{"token": {token.Reveal()}}}
	if clientSecret != "" {
		req.Header = http.Header{"Authorization": {"Basic " + basicAuth(clientID, clientSecret.Reveal())}}
	} else {
		req.Query = url.Values{"client_id": {clientID}}
	}
	_, err := c.c.Call(ctx, req, nil, adobe.WithIdempotent())
	return err
}

func basicAuth(user, pass string) string {
	return base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(user) + ":" + url.QueryEscape(pass)))
}

// InvalidateToken invalidates a token; cascading also invalidates the
// tokens derived from it.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/UserAuthentication/ims/
//
// API: POST /ims/invalidate_token/v2 (form token_type, token, client_id, client_secret, cascading)
func (c *Client) InvalidateToken(ctx context.Context, clientID string, clientSecret, token auth.Secret, tokenType string, cascading bool) error {
	if clientID == "" || token == "" {
		return core.NewArgError("InvalidateToken", "needs a client ID and a token")
	}
	if tokenType == "" {
		tokenType = TypeAccessToken
	}
	form := url.Values{"token_type": {tokenType}, "token": {token.Reveal()}, "client_id": {clientID}}
	if clientSecret != "" {
		form.Set("client_secret", clientSecret.Reveal())
	}
	if cascading {
		form.Set("cascading", "all")
	}
	_, err := c.c.Call(ctx, core.Request{Method: "POST", Path: "ims/invalidate_token/v2", Body: form,
		Header: map[string][]string{"X-IMS-ClientId": {clientID}}}, nil, adobe.WithIdempotent())
	return err
}

// Discovery is IMS's OpenID Connect configuration.
type Discovery struct {
	// Issuer is IMS's issuer URL, e.g. https://ims-na1.adobelogin.com.
	Issuer string `json:"issuer"`
	// The endpoints of the flows (authorize/v2, token/v3, userinfo/v2,
	// revoke) and of IMS's signing keys.
	AuthorizationEndpoint string `json:"authorization_endpoint"`
	TokenEndpoint         string `json:"token_endpoint"`
	UserinfoEndpoint      string `json:"userinfo_endpoint"`
	RevocationEndpoint    string `json:"revocation_endpoint"`
	JWKSURI               string `json:"jwks_uri"`
	// GrantTypesSupported and ScopesSupported are what IMS advertises.
	GrantTypesSupported []string `json:"grant_types_supported"`
	ScopesSupported     []string `json:"scopes_supported"`
}

// Discovery returns IMS's OpenID Connect configuration.
//
// Adobe API docs: https://developer.adobe.com/developer-console/docs/guides/authentication/UserAuthentication/ims/
//
// API: GET /ims/.well-known/openid-configuration
func (c *Client) Discovery(ctx context.Context) (*Discovery, error) {
	var d Discovery
	if _, err := c.c.Call(ctx, core.Request{Method: "GET", Path: "ims/.well-known/openid-configuration"}, &d); err != nil {
		return nil, err
	}
	return &d, nil
}
