package core

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"strconv"
	"time"

	"github.com/go-adobe/adobe"
)

// TokenResponse is the JSON answer of IMS's token endpoint (/ims/token/v3).
type TokenResponse struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	IDToken      string `json:"id_token"`
	TokenType    string `json:"token_type"`
	// ExpiresIn is in seconds for /ims/token/v3 (IMS sends a number; a
	// string is accepted too).
	ExpiresIn Seconds `json:"expires_in"`
	// Expiry is computed at receipt from ExpiresIn; zero when IMS gave none.
	Expiry time.Time `json:"-"`
}

// Seconds decodes a JSON number or numeric string.
type Seconds int64

// UnmarshalJSON accepts 86399, "86399" and null.
func (s *Seconds) UnmarshalJSON(b []byte) error {
	b = bytes.Trim(bytes.TrimSpace(b), `"`)
	if len(b) == 0 || string(b) == "null" {
		*s = 0
		return nil
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return errors.New("expires_in is not a whole number")
	}
	*s = Seconds(n)
	return nil
}

// errNoAccessToken is the cause of a 2xx token answer without a token.
var errNoAccessToken = errors.New("the token answer has no access_token")

// FetchToken posts form (grant_type and its parameters, the client
// credentials among them) to IMS's token endpoint at path and decodes the
// answer. The request is marked safe to retry (minting a token twice is
// harmless, and a code exchange that did go through fails its retry with
// invalid_grant rather than doing anything twice). A refusal is an
// *adobe.Error (or *adobe.RateLimitError for a 429) carrying IMS's error,
// error_description and x-debug-id; an unusable 2xx answer is an
// *adobe.ResponseError; no answer is an *adobe.RequestError. No error
// carries the form.
func (c *Client) FetchToken(ctx context.Context, path string, form url.Values) (*TokenResponse, *Response, error) {
	var tr TokenResponse
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	resp, err := c.Call(ctx, Request{Method: "POST", Path: path, Body: form}, &tr, adobe.WithIdempotent())
	if err != nil {
		return nil, resp, err
	}
	if tr.AccessToken == "" {
		u := c.BaseURL.JoinPath(path)
		return nil, resp, &adobe.ResponseError{Method: "POST", Host: u.Host, Path: u.Path,
			StatusCode: resp.StatusCode, RequestID: resp.RequestID, Err: errNoAccessToken}
	}
	if tr.ExpiresIn > 0 {
		tr.Expiry = now().Add(time.Duration(tr.ExpiresIn) * time.Second)
	}
	return &tr, resp, nil
}
