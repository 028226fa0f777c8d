package ims

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
	"github.com/jarcoal/httpmock"
)

const imsURL = "https://ims-na1.adobelogin.com"

func newMock(t *testing.T) (*httpmock.MockTransport, *Client) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		t.Errorf("unexpected %s %s", req.Method, req.URL)
		return nil, errors.New("unexpected")
	})
	c, err := NewClient(WithHTTPOptions(auth.WithBaseTransport(mt), auth.WithRetryPolicy(auth.RetryPolicy{WaitMin: time.Millisecond, WaitMax: time.Millisecond})))
	if err != nil {
		t.Fatal(err)
	}
	return mt, c
}

func jsonResp(status int, v any) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		r, _ := httpmock.NewJsonResponse(status, v)
		r.Request = req
		return r, nil
	}
}

func TestClientCredentialsToken(t *testing.T) {
	mt, c := newMock(t)
	mt.RegisterResponder("POST", imsURL+"/ims/token/v3", func(req *http.Request) (*http.Response, error) {
		_ = req.ParseForm()
		if req.PostForm.Get("scope") != "openid,AdobeID" || req.PostForm.Get("grant_type") != "client_credentials" || req.URL.RawQuery != "" {
			t.Errorf("form %v query %q", req.PostForm, req.URL.RawQuery)
		}
		return jsonResp(200, map[string]any{"access_token": "at-1", "token_type": "bearer", "expires_in": 86399})(req)
	})
	creds := auth.Credentials{ClientID: strings.Repeat("a", 32), ClientSecret: "p8e-secret", OrgID: strings.Repeat("A", 24) + "@AdobeOrg", Scopes: []string{"openid", "AdobeID"}}
	tok, err := c.ClientCredentialsToken(context.Background(), creds)
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken.Reveal() != "at-1" || time.Until(tok.Expiry) < 23*time.Hour {
		t.Fatalf("%+v", tok)
	}
	if s := fmt.Sprintf("%v %+v", tok, *tok); strings.Contains(s, "at-1") {
		t.Fatalf("token printed: %s", s)
	}
}

func TestTokenRequestsRetriedOn5xx(t *testing.T) {
	mt, c := newMock(t)
	var calls atomic.Int32
	mt.RegisterResponder("POST", imsURL+"/ims/token/v3", func(req *http.Request) (*http.Response, error) {
		if calls.Add(1) == 1 {
			return jsonResp(503, map[string]string{"error": "internal_error"})(req)
		}
		return jsonResp(200, map[string]any{"access_token": "at", "refresh_token": "rt", "expires_in": 86399})(req)
	})
	creds := auth.Credentials{ClientID: strings.Repeat("a", 32), ClientSecret: "p8e-secret", OrgID: strings.Repeat("A", 24) + "@AdobeOrg", Scopes: []string{"openid"}}
	if _, err := c.ClientCredentialsToken(context.Background(), creds); err != nil || calls.Load() != 2 {
		t.Fatalf("client credentials: %v after %d calls", err, calls.Load())
	}
	calls.Store(0)
	uc := UserClient{ClientID: "cid", RedirectURI: "https://app.example.com/cb", Scopes: []string{"openid"}}
	if _, err := c.Refresh(context.Background(), uc, "rt"); err != nil || calls.Load() != 2 {
		t.Fatalf("refresh: %v after %d calls", err, calls.Load())
	}
}

func TestTokenErrors(t *testing.T) {
	mt, c := newMock(t)
	var calls atomic.Int32
	mt.RegisterResponder("POST", imsURL+"/ims/token/v3", func(req *http.Request) (*http.Response, error) {
		calls.Add(1)
		r, _ := httpmock.NewJsonResponse(400, map[string]string{"error": "invalid_scope", "error_description": "invalid scope"})
		r.Header.Set("x-debug-id", "dbg")
		r.Request = req
		return r, nil
	})
	creds := auth.Credentials{ClientID: strings.Repeat("a", 32), ClientSecret: "p8e-secret", OrgID: strings.Repeat("A", 24) + "@AdobeOrg", Scopes: []string{"email"}}
	_, err := c.ClientCredentialsToken(context.Background(), creds)
	var te *auth.TokenError
	if !errors.As(err, &te) || te.Code != "invalid_scope" || te.DebugID != "dbg" || !errors.Is(err, adobe.ErrForbidden) {
		t.Fatalf("err %v", err)
	}
	if calls.Load() != 1 || strings.Contains(err.Error(), "p8e-secret") {
		t.Fatalf("calls %d, text %q", calls.Load(), err)
	}
	if !strings.Contains(te.Hint(), "scopes listed on the credential") {
		t.Errorf("hint %q", te.Hint())
	}
}

func TestJWTRefusalIsExplained(t *testing.T) {
	te := &auth.TokenError{StatusCode: 400, Code: "invalid_scope", Description: "The metascopes in the JWT are not a subset of the metascopes in the binding."}
	if !strings.Contains(te.Error(), "end of life") || !strings.Contains(te.Error(), "OAuth Server-to-Server") {
		t.Fatalf("%q", te.Error())
	}
}

func TestAuthorizeURL(t *testing.T) {
	_, c := newMock(t)
	p := NewPKCE()
	u := UserClient{ClientID: "cid", RedirectURI: "https://app.example.com/cb", Scopes: []string{"openid", "AdobeID"}}
	raw, err := c.AuthorizeURL(u, "st", AuthorizeOptions{PKCE: &p, Prompt: "login"})
	if err != nil {
		t.Fatal(err)
	}
	pu, _ := url.Parse(raw)
	q := pu.Query()
	want := map[string]string{"client_id": "cid", "redirect_uri": "https://app.example.com/cb", "scope": "openid,AdobeID", "state": "st",
		"response_type": "code", "code_challenge": p.Challenge, "code_challenge_method": "S256", "prompt": "login"}
	if pu.Path != "/ims/authorize/v2" {
		t.Errorf("path %s", pu.Path)
	}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, q.Get(k), v)
		}
	}
	if _, err := c.AuthorizeURL(UserClient{ClientID: "cid", Scopes: []string{"x"}}, "s", AuthorizeOptions{}); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Errorf("missing redirect: %v", err)
	}
}

func TestEndpoints(t *testing.T) {
	mt, c := newMock(t)
	tok := auth.Secret("user-token")
	check := func(req *http.Request) {
		if req.Header.Get("Authorization") != "Bearer user-token" {
			t.Errorf("%s: Authorization %q", req.URL.Path, req.Header.Get("Authorization"))
		}
	}
	mt.RegisterResponder("GET", imsURL+"/ims/userinfo/v2", func(req *http.Request) (*http.Response, error) {
		check(req)
		if req.URL.Query().Get("client_id") != "cid" {
			t.Errorf("client_id %q", req.URL.RawQuery)
		}
		return jsonResp(200, map[string]any{"sub": "u1", "email": "a@b.c", "account_type": "ent"})(req)
	})
	mt.RegisterResponder("GET", imsURL+"/ims/organizations/v5", func(req *http.Request) (*http.Response, error) {
		check(req)
		return jsonResp(200, []any{map[string]any{"orgRef": map[string]string{"ident": "ABC", "authSrc": "AdobeOrg"}, "orgName": "Acme", "extra": 1}})(req)
	})
	mt.RegisterResponder("GET", imsURL+"/ims/profile/v1", func(req *http.Request) (*http.Response, error) {
		check(req)
		return jsonResp(200, map[string]any{"userId": "u1"})(req)
	})
	mt.RegisterResponder("POST", imsURL+"/ims/validate_token/v1", func(req *http.Request) (*http.Response, error) {
		_ = req.ParseForm()
		if req.PostForm.Get("token") != "user-token" || req.PostForm.Get("type") != "access_token" || req.Header.Get("X-IMS-ClientId") != "cid" {
			t.Errorf("validate form %v", req.PostForm)
		}
		return jsonResp(200, map[string]any{"valid": true})(req)
	})
	var revoked atomic.Bool
	mt.RegisterResponder("POST", imsURL+"/ims/revoke", func(req *http.Request) (*http.Response, error) {
		_ = req.ParseForm()
		user, pass, basic := req.BasicAuth()
		switch {
		case basic: // confidential client
			revoked.Store(req.PostForm.Get("token") == "user-token" && user == "cid" && pass == "p8e-s" && req.PostForm.Get("client_secret") == "")
		default: // public client: ?client_id=, never in the form
			revoked.Store(req.PostForm.Get("token") == "user-token" && req.URL.Query().Get("client_id") == "cid" && req.PostForm.Get("client_id") == "")
		}
		return httpmock.NewStringResponse(200, ""), nil
	})
	mt.RegisterResponder("GET", imsURL+"/ims/.well-known/openid-configuration",
		jsonResp(200, map[string]any{"issuer": imsURL, "token_endpoint": imsURL + "/ims/token/v3"}))
	ctx := context.Background()
	if u, err := c.UserInfo(ctx, "cid", tok); err != nil || u.Sub != "u1" || u.Email != "a@b.c" {
		t.Fatalf("userinfo %+v %v", u, err)
	}
	if orgs, err := c.Organizations(ctx, tok); err != nil || len(orgs) != 1 || orgs[0].OrgID() != "ABC@AdobeOrg" || orgs[0].OrgName != "Acme" || !strings.Contains(string(orgs[0].Raw), "extra") {
		t.Fatalf("orgs %+v %v", orgs, err)
	}
	if p, err := c.Profile(ctx, tok); err != nil || p["userId"] != "u1" {
		t.Fatalf("profile %v %v", p, err)
	}
	if v, err := c.ValidateToken(ctx, "cid", tok, ""); err != nil || !v.Valid {
		t.Fatalf("validate %+v %v", v, err)
	}
	if err := c.Revoke(ctx, "cid", "", tok); err != nil || !revoked.Load() {
		t.Fatalf("revoke %v", err)
	}
	revoked.Store(false)
	if err := c.Revoke(ctx, "cid", "p8e-s", tok); err != nil || !revoked.Load() {
		t.Fatalf("revoke (confidential) %v", err)
	}
	if d, err := c.Discovery(ctx); err != nil || d.TokenEndpoint != imsURL+"/ims/token/v3" {
		t.Fatalf("discovery %+v %v", d, err)
	}
	if _, err := c.UserInfo(ctx, "cid", ""); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("empty token: %v", err)
	}
}

func fakeJWT(claims map[string]any) string {
	enc := func(v any) string { b, _ := json.Marshal(v); return base64.RawURLEncoding.EncodeToString(b) }
	return enc(map[string]string{"alg": "RS256"}) + "." + enc(claims) + ".sig"
}

func TestDecodeClaims(t *testing.T) {
	created := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	tok := fakeJWT(map[string]any{"type": "access_token", "client_id": "cid", "user_id": "u@techacct.adobe.com", "as": "ims-na1",
		"scope": "openid,AdobeID", "created_at": fmt.Sprint(created.UnixMilli()), "expires_in": "86400000"})
	c, err := DecodeClaims(tok)
	if err != nil {
		t.Fatal(err)
	}
	if c.ClientID != "cid" || len(c.Scopes()) != 2 || !c.Created().Equal(created) || c.Lifetime() != 24*time.Hour || !c.Expiry().Equal(created.Add(24*time.Hour)) {
		t.Fatalf("%+v", c)
	}
	numeric := fakeJWT(map[string]any{"created_at": created.UnixMilli(), "expires_in": 1000})
	if c, err := DecodeClaims(numeric); err != nil || c.Lifetime() != time.Second {
		t.Fatalf("numeric: %v %v", c, err)
	}
	for _, bad := range []string{"abc", "a.!!!.c", "a." + base64.RawURLEncoding.EncodeToString([]byte("[1]")) + ".c"} {
		if _, err := DecodeClaims(bad); !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestLoginWithMockIMS(t *testing.T) {
	mt, c := newMock(t)
	var challenge string
	mt.RegisterResponder("POST", imsURL+"/ims/token/v3", func(req *http.Request) (*http.Response, error) {
		_ = req.ParseForm()
		f := req.PostForm
		if f.Get("grant_type") != "authorization_code" || f.Get("code") != "the-code" || f.Get("client_id") != "cid" {
			t.Errorf("form %v", f)
		}
		if got := NewPKCEFromVerifier(f.Get("code_verifier")).Challenge; got != challenge {
			t.Errorf("PKCE verifier does not match the challenge")
		}
		return jsonResp(200, map[string]any{"access_token": "user-at", "refresh_token": "user-rt", "token_type": "bearer", "expires_in": 86399})(req)
	})
	var out strings.Builder
	res, err := c.Login(context.Background(), LoginConfig{
		ClientID: "cid", Scopes: []string{"openid", "offline_access"}, Out: &out,
		Open: func(authURL string) error { // plays the browser and IMS's redirect
			u, _ := url.Parse(authURL)
			q := u.Query()
			challenge = q.Get("code_challenge")
			cb := q.Get("redirect_uri") + "?code=the-code&state=" + url.QueryEscape(q.Get("state"))
			resp, err := http.Get(cb)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 || !strings.Contains(string(b), "Logged in") {
				t.Errorf("callback answered %d %s", resp.StatusCode, b)
			}
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Token.AccessToken.Reveal() != "user-at" || !strings.Contains(out.String(), "/ims/authorize/v2?") {
		t.Fatalf("%+v %q", res.Token, out.String())
	}
	if tk, err := res.TokenSource.Token(); err != nil || tk.AccessToken != "user-at" {
		t.Fatalf("source %v %v", tk, err)
	}
}

func TestLoginRejectsWrongStateAndErrors(t *testing.T) {
	_, c := newMock(t)
	for _, tc := range []struct {
		query string
		check func(error) bool
	}{
		{"code=x&state=forged", func(err error) bool { return errors.Is(err, ErrStateMismatch) }},
		{"error=invalid_scope&error_description=nope&state=STATE", func(err error) bool {
			var le *LoginError
			return errors.As(err, &le) && le.Code == "invalid_scope"
		}},
	} {
		_, err := c.Login(context.Background(), LoginConfig{ClientID: "cid", Scopes: []string{"openid"}, Out: io.Discard,
			Open: func(authURL string) error {
				u, _ := url.Parse(authURL)
				q := u.Query()
				resp, err := http.Get(q.Get("redirect_uri") + "?" + strings.Replace(tc.query, "STATE", url.QueryEscape(q.Get("state")), 1))
				if err == nil {
					resp.Body.Close()
				}
				return err
			}})
		if !tc.check(err) {
			t.Errorf("%s: err %v", tc.query, err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Login(ctx, LoginConfig{ClientID: "cid", Scopes: []string{"openid"}, Out: io.Discard})
	var re *adobe.RequestError
	if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &re) || !strings.Contains(re.Op, "waiting for the login callback on http://127.0.0.1:") {
		t.Errorf("timeout: %v", err)
	}
	if _, err := c.Login(ctx, LoginConfig{ClientID: "cid", Scopes: []string{"openid"}, Addr: "0.0.0.0:0"}); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Errorf("non-loopback: %v", err)
	}
}
