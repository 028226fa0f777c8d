package adobetest_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
)

func TestClientCredentials(t *testing.T) {
	f := newFake(t)
	boot := f.Bootstrap()
	type poster func(*testing.T, *http.Client, string, url.Values) result
	endpoints := []struct {
		name string
		path string
		post poster
	}{
		{"v3 form", "/ims/token/v3", postForm},
		{"v2 form", "/ims/token/v2", postForm},
		{"v2 multipart", "/ims/token/v2", postMultipart},
	}
	edit := func(fn func(url.Values)) url.Values {
		v := s2sForm(boot)
		fn(v)
		return v
	}
	cases := []struct {
		name     string
		form     url.Values
		status   int
		err      string
		desc     string
		wantScop string
	}{
		{"ok", s2sForm(boot), 200, "", "", strings.Join(boot.Scopes, ",")},
		{"ok scope subset with spaces", edit(func(v url.Values) { v.Set("scope", "openid, AdobeID") }), 200, "", "", "openid,AdobeID"},
		{"ok with org_id", edit(func(v url.Values) { v.Set("org_id", f.OrgID()) }), 200, "", "", strings.Join(boot.Scopes, ",")},
		{"unknown client", edit(func(v url.Values) { v.Set("client_id", strings.Repeat("0", 32)) }), 400, "invalid_client", "invalid client_id parameter", ""},
		{"missing client", edit(func(v url.Values) { v.Del("client_id") }), 400, "invalid_client", "invalid client_id parameter", ""},
		{"bad secret", edit(func(v url.Values) { v.Set("client_secret", "p8e-nope") }), 400, "invalid_client", "invalid client_secret parameter", ""},
		{"scope not granted", edit(func(v url.Values) { v.Set("scope", "openid,offline_access") }), 400, "invalid_scope", "", ""},
		{"no scope", edit(func(v url.Values) { v.Del("scope") }), 400, "invalid_scope", "", ""},
		{"wrong org", edit(func(v url.Values) { v.Set("org_id", "000000000000000000000000@AdobeOrg") }), 400, "invalid_request", "invalid org_id parameter", ""},
		{"no grant", edit(func(v url.Values) { v.Del("grant_type") }), 400, "invalid_request", "", ""},
		{"bad grant", edit(func(v url.Values) { v.Set("grant_type", "password") }), 400, "unsupported_grant_type", "", ""},
	}
	for _, ep := range endpoints {
		for _, tc := range cases {
			t.Run(ep.name+"/"+tc.name, func(t *testing.T) {
				r := ep.post(t, f.Client(), imsBase+ep.path, tc.form)
				if tc.err != "" {
					wantIMSError(t, r, tc.status, tc.err, tc.desc)
					return
				}
				if r.Status != 200 {
					t.Fatalf("status %d: %s", r.Status, r.Body)
				}
				m := r.json(t)
				if m["token_type"] != "bearer" || m["expires_in"] != float64(86399) {
					t.Errorf("token_type/expires_in = %v/%v", m["token_type"], m["expires_in"])
				}
				if _, ok := m["refresh_token"]; ok {
					t.Error("client_credentials returned a refresh token")
				}
				hdr, claims := decodeJWT(t, m["access_token"].(string))
				if hdr["alg"] != "RS256" || hdr["kid"] != "ims_na1-key-1" || hdr["x5u"] != "ims_na1-key-1.cer" || hdr["itt"] != "at" {
					t.Errorf("header = %v", hdr)
				}
				want := map[string]any{
					"type": "access_token", "client_id": boot.ClientID, "user_id": boot.TechnicalAccountID,
					"as": "ims-na1", "scope": tc.wantScop, "expires_in": "86400000",
				}
				for k, v := range want {
					if claims[k] != v {
						t.Errorf("claim %s = %v, want %v", k, claims[k], v)
					}
				}
				if s, ok := claims["created_at"].(string); !ok || len(s) < 13 {
					t.Errorf("created_at = %v, want epoch ms string", claims["created_at"])
				}
			})
		}
	}
}

func TestClientCredentialsBasicAuthAndSecondSecret(t *testing.T) {
	f := newFake(t)
	boot := f.Bootstrap()
	second, err := f.AddClientSecret(boot.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.AddClientSecret(boot.ClientID); err == nil {
		t.Error("a third secret was accepted")
	}
	form := url.Values{"grant_type": {"client_credentials"}, "scope": {"openid"}}
	req, _ := http.NewRequest(http.MethodPost, imsBase+"/ims/token/v3", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(boot.ClientID, second)
	if r := do(t, f.Client(), req); r.Status != 200 {
		t.Fatalf("basic auth with the second secret: %d %s", r.Status, r.Body)
	}
}

func TestClientCredentialsRejectsUserClients(t *testing.T) {
	f := newFake(t)
	web, err := f.AddCredential(adobetest.Credential{Type: adobetest.TypeWebApp, Scopes: []string{"openid"}})
	if err != nil {
		t.Fatal(err)
	}
	r := postForm(t, f.Client(), imsBase+"/ims/token/v3", s2sForm(web))
	wantIMSError(t, r, 400, "unauthorized_client", "")
}

func TestJWTExchangeIsEndOfLife(t *testing.T) {
	f := newFake(t)
	for _, p := range []string{"/ims/exchange/jwt", "/ims/exchange/v1/jwt"} {
		r := postForm(t, f.Client(), imsBase+p, url.Values{"client_id": {f.Bootstrap().ClientID}, "jwt_token": {"x"}})
		wantIMSError(t, r, 400, "invalid_client",
			"Service Account (JWT) credentials have reached end of life; use OAuth Server-to-Server")
	}
}

func decodeJWT(t *testing.T, tok string) (header, claims map[string]any) {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts", len(parts))
	}
	dec := func(s string) map[string]any {
		b, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	return dec(parts[0]), dec(parts[1])
}
