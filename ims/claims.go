package ims

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/go-adobe/adobe/internal/core"
)

// Claims are the claims of an IMS access token, decoded WITHOUT verifying
// its signature: use them to read expiry, client and scopes of a token you
// already hold, never to trust a token you were given.
type Claims struct {
	// ID is the token's own ID.
	ID string `json:"id"`
	// Type is "access_token" for access tokens.
	Type string `json:"type"`
	// ClientID is the credential the token was issued to.
	ClientID string `json:"client_id"`
	// UserID is the user, or the technical account of an S2S credential.
	UserID string `json:"user_id"`
	// As is the IMS region, e.g. "ims-na1" (host https://<as>.adobelogin.com).
	As string `json:"as"`
	// Scope is the comma-separated scope list; see Scopes.
	Scope string `json:"scope"`
	// CreatedAt and ExpiresIn are in milliseconds (strings in the token,
	// unlike the seconds of the token response's expires_in).
	CreatedAt msString `json:"created_at"`
	ExpiresIn msString `json:"expires_in"`
}

// msString decodes a millisecond count given as a string or a number.
type msString int64

func (m *msString) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	if s == "" || s == "null" {
		*m = 0
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return err
	}
	*m = msString(n)
	return nil
}

// Scopes returns the token's scopes.
func (c *Claims) Scopes() []string {
	if c.Scope == "" {
		return nil
	}
	return strings.Split(c.Scope, ",")
}

// Created returns when the token was issued.
func (c *Claims) Created() time.Time { return time.UnixMilli(int64(c.CreatedAt)) }

// Lifetime returns the token's lifetime.
func (c *Claims) Lifetime() time.Duration { return time.Duration(c.ExpiresIn) * time.Millisecond }

// Expiry returns created_at + expires_in, as Adobe's aio-lib-ims computes it.
func (c *Claims) Expiry() time.Time { return c.Created().Add(c.Lifetime()) }

// DecodeClaims decodes the claims of an IMS access token without verifying
// it. The error never contains the token.
func DecodeClaims(token string) (*Claims, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, core.NewArgError("token", "is not a JWT (want three dot-separated parts, got %d)", len(parts))
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil, core.NewArgError("token", "payload is not base64url")
	}
	var c Claims
	if err := json.Unmarshal(payload, &c); err != nil {
		return nil, core.NewArgError("token", "claims are not IMS claims: %v", err)
	}
	return &c, nil
}
