package ims

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
	"github.com/jarcoal/httpmock"
)

func s2sCreds() auth.Credentials {
	return auth.Credentials{ClientID: strings.Repeat("a", 32), ClientSecret: "p8e-secret", OrgID: strings.Repeat("A", 24) + "@AdobeOrg", Scopes: []string{"openid"}}
}

func raw(status int, body string, hdr ...string) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(status, body)
		for i := 0; i+1 < len(hdr); i += 2 {
			r.Header.Set(hdr[i], hdr[i+1])
		}
		r.Request = req
		return r, nil
	}
}

// Every error answer of IMS, for every token flow, unwraps to *adobe.Error
// naming the request; unusable answers are *adobe.ResponseError.
func TestTokenFlowErrorsAreTyped(t *testing.T) {
	uc := UserClient{ClientID: "cid", ClientSecret: "p8e-secret", RedirectURI: "https://app.example.com/cb", Scopes: []string{"openid"}}
	flows := map[string]func(c *Client) error{
		"client credentials": func(c *Client) error {
			_, err := c.ClientCredentialsToken(context.Background(), s2sCreds())
			return err
		},
		"code exchange": func(c *Client) error {
			_, err := c.ExchangeCode(context.Background(), uc, "code", "verifier")
			return err
		},
		"refresh":      func(c *Client) error { _, err := c.Refresh(context.Background(), uc, "rt"); return err },
		"token source": func(c *Client) error { _, err := c.TokenSource(uc, &Token{RefreshToken: "rt"}).Token(); return err },
	}
	for name, flow := range flows {
		t.Run(name, func(t *testing.T) {
			mt, c := newMock(t)
			mt.RegisterResponder("POST", imsURL+"/ims/token/v3", raw(401, `{"error":"invalid_client","error_description":"invalid client_secret parameter"}`, "x-debug-id", "dbg"))
			err := flow(c)
			var apiErr *adobe.Error
			var te *auth.TokenError
			if !errors.As(err, &apiErr) || apiErr.RequestID != "dbg" || apiErr.Path != "/ims/token/v3" || apiErr.Method != "POST" || !errors.As(err, &te) {
				t.Fatalf("refusal: %#v", err)
			}
			if strings.Contains(err.Error(), "p8e-secret") {
				t.Fatalf("secret in %q", err)
			}

			mt.RegisterResponder("POST", imsURL+"/ims/token/v3", raw(200, `{"access_token":`, "x-debug-id", "d2"))
			err = flow(c)
			var re *adobe.ResponseError
			if !errors.As(err, &re) || re.Path != "/ims/token/v3" || re.RequestID != "d2" || strings.Contains(err.Error(), "oauth2") {
				t.Fatalf("bad body: %#v", err)
			}

			mt.RegisterResponder("POST", imsURL+"/ims/token/v3", raw(429, `{"error":"throttled"}`, "Retry-After", "3600"))
			err = flow(c)
			var rl *adobe.RateLimitError
			if !errors.As(err, &rl) || rl.RetryAfter.Hours() != 1 || !errors.As(err, &apiErr) {
				t.Fatalf("429: %#v", err)
			}
		})
	}
}

func TestOrganizationsBadBodyIsAResponseError(t *testing.T) {
	mt, c := newMock(t)
	mt.RegisterResponder("GET", imsURL+"/ims/organizations/v5", raw(200, `[{"orgRef":"not an object"}]`, "x-request-id", "r1"))
	_, err := c.Organizations(context.Background(), "tok")
	var re *adobe.ResponseError
	if !errors.As(err, &re) || re.Path != "/ims/organizations/v5" || re.RequestID != "r1" {
		t.Fatalf("%#v", err)
	}
}

func TestPlainHTTPOnlyForLoopback(t *testing.T) {
	for _, u := range []string{"http://ims.example.com", "http://10.0.0.1:8080", "ftp://127.0.0.1"} {
		if _, err := NewClient(WithBaseURL(u)); !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("%s: %v", u, err)
		}
	}
	for _, u := range []string{"http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:2", "https://ims-na1-stg1.adobelogin.com"} {
		if _, err := NewClient(WithBaseURL(u)); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
}

func TestIDTokenIsASecret(t *testing.T) {
	mt, c := newMock(t)
	mt.RegisterResponder("POST", imsURL+"/ims/token/v3", raw(200, `{"access_token":"at","id_token":"header.claims-of-the-user.sig","expires_in":60}`))
	uc := UserClient{ClientID: "cid", RedirectURI: "https://app.example.com/cb", Scopes: []string{"openid"}}
	tok, err := c.ExchangeCode(context.Background(), uc, "code", "")
	if err != nil || tok.IDToken.Reveal() != "header.claims-of-the-user.sig" {
		t.Fatalf("%v %v", tok, err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		if s := sprintf(verb, *tok); strings.Contains(s, "claims-of-the-user") {
			t.Fatalf("%s shows the ID token: %s", verb, s)
		}
	}
}

func sprintf(verb string, v any) string { return fmt.Sprintf(verb, v) }

// Bad input to every entry point is an *adobe.ArgError before any request
// (newMock fails the test on any request).
func TestBadInputBeforeAnyRequest(t *testing.T) {
	_, c := newMock(t)
	ctx := context.Background()
	uc := UserClient{ClientID: "cid", RedirectURI: "https://app.example.com/cb", Scopes: []string{"openid"}}
	noRedirect, relRedirect := uc, uc
	noRedirect.RedirectURI, relRedirect.RedirectURI = "", "/cb"
	badCreds := s2sCreds()
	badCreds.OrgID = "no-at-adobeorg"
	cases := map[string]func() error{
		"S2S creds":             func() error { _, err := c.ClientCredentialsToken(ctx, badCreds); return err },
		"exchange empty code":   func() error { _, err := c.ExchangeCode(ctx, uc, "", ""); return err },
		"exchange no redirect":  func() error { _, err := c.ExchangeCode(ctx, noRedirect, "code", ""); return err },
		"exchange rel redirect": func() error { _, err := c.ExchangeCode(ctx, relRedirect, "code", ""); return err },
		"refresh empty":         func() error { _, err := c.Refresh(ctx, uc, ""); return err },
		"refresh no client":     func() error { _, err := c.Refresh(ctx, UserClient{}, "rt"); return err },
		"validate empty":        func() error { _, err := c.ValidateToken(ctx, "", "tok", ""); return err },
		"validate CRLF client":  func() error { _, err := c.ValidateToken(ctx, "cid\r\nX-Evil: 1", "tok", ""); return err },
		"userinfo empty":        func() error { _, err := c.UserInfo(ctx, "cid", ""); return err },
		"userinfo NUL token":    func() error { _, err := c.UserInfo(ctx, "cid", "tok\x00"); return err },
		"profile empty":         func() error { _, err := c.Profile(ctx, ""); return err },
		"organizations empty":   func() error { _, err := c.Organizations(ctx, ""); return err },
		"revoke empty":          func() error { return c.Revoke(ctx, "", "", "tok") },
		"invalidate empty":      func() error { return c.InvalidateToken(ctx, "cid", "", "", "", false) },
		"authorize no scopes": func() error {
			_, err := c.AuthorizeURL(UserClient{ClientID: "c", RedirectURI: "https://x/cb"}, "s", AuthorizeOptions{})
			return err
		},
		"login no client": func() error { _, err := c.Login(ctx, LoginConfig{Scopes: []string{"openid"}}); return err },
		"login bad path": func() error {
			_, err := c.Login(ctx, LoginConfig{ClientID: "c", Scopes: []string{"openid"}, Path: "cb"})
			return err
		},
		"login public addr": func() error {
			_, err := c.Login(ctx, LoginConfig{ClientID: "c", Scopes: []string{"openid"}, Addr: "0.0.0.0:0"})
			return err
		},
		"claims not a JWT": func() error { _, err := DecodeClaims("abc"); return err },
	}
	for name, call := range cases {
		if err := call(); !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestNewFromConfigSharesTheStackNotTheCredential(t *testing.T) {
	mt := httpmock.NewMockTransport()
	var ua, authz string
	mt.RegisterResponder("GET", "http://127.0.0.1:9/ims/userinfo/v2", func(req *http.Request) (*http.Response, error) {
		ua, authz = req.Header.Get("User-Agent"), req.Header.Get("Authorization")
		return raw(200, `{"sub":"me"}`)(req)
	})
	cfg, err := auth.NewConfig(s2sCreds(), auth.WithBaseTransport(mt), auth.WithEndpoint("http://127.0.0.1:9"), auth.WithUserAgent("tool/2"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewFromConfig(cfg)
	if err != nil || c.BaseURL() != "http://127.0.0.1:9" {
		t.Fatalf("%v %v", c, err)
	}
	info, err := c.UserInfo(context.Background(), "cid", "user-token")
	if err != nil || info.Sub != "me" || authz != "Bearer user-token" || !strings.HasPrefix(ua, "tool/2 go-adobe/") {
		t.Fatalf("%v %v authz %q ua %q", info, err, authz, ua)
	}
	if _, err := NewFromConfig(nil); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("nil cfg: %v", err)
	}
}
