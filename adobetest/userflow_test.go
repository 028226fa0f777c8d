package adobetest_test

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
)

const redirectURI = "https://app.example/callback"

func noRedirects(f *adobetest.Fake) *http.Client {
	return &http.Client{
		Transport:     f.Transport(),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// authorize runs GET /ims/authorize/v2 and returns the redirect's query.
func authorize(t *testing.T, f *adobetest.Fake, q url.Values) (int, url.Values) {
	t.Helper()
	r := get(t, noRedirects(f), imsBase+"/ims/authorize/v2?"+q.Encode(), "")
	if r.Status != http.StatusFound {
		return r.Status, nil
	}
	loc, err := url.Parse(r.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(loc.String(), redirectURI+"?") {
		t.Fatalf("redirected to %s", loc)
	}
	return r.Status, loc.Query()
}

func challenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func TestAuthorizationCodePKCE(t *testing.T) {
	f := newFake(t)
	app, err := f.AddCredential(adobetest.Credential{
		Type: adobetest.TypeSinglePageApp, RedirectURIs: []string{redirectURI},
		Scopes: []string{"openid", "AdobeID", "offline_access", "read_organizations"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if app.ClientSecret != "" {
		t.Fatal("public client got a secret")
	}
	const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-with-more-entropy"
	q := url.Values{
		"client_id": {app.ClientID}, "redirect_uri": {redirectURI}, "scope": {"openid,AdobeID,offline_access"},
		"state": {"xyz"}, "response_type": {"code"}, "code_challenge": {challenge(verifier)}, "code_challenge_method": {"S256"},
	}
	_, back := authorize(t, f, q)
	if back.Get("state") != "xyz" || back.Get("code") == "" {
		t.Fatalf("redirect query = %v", back)
	}
	code := back.Get("code")
	exchange := func(v string) result {
		return postForm(t, f.Client(), imsBase+"/ims/token/v3?client_id="+app.ClientID,
			url.Values{"grant_type": {"authorization_code"}, "code": {code}, "code_verifier": {v}})
	}
	wantIMSError(t, exchange("wrong-verifier"), 400, "invalid_grant", "invalid code_verifier")
	wantIMSError(t, exchange(""), 400, "invalid_grant", "invalid code_verifier")

	r := exchange(verifier)
	if r.Status != 200 {
		t.Fatalf("exchange: %d %s", r.Status, r.Body)
	}
	m := r.json(t)
	user := f.LoginUser()
	if m["sub"] != user.ID || m["token_type"] != "bearer" || m["expires_in"] != float64(86399) {
		t.Errorf("response = %v", m)
	}
	for _, k := range []string{"access_token", "refresh_token", "id_token"} {
		if s, _ := m[k].(string); strings.Count(s, ".") != 2 {
			t.Errorf("%s = %q, want a JWT", k, s)
		}
	}
	_, idc := decodeJWT(t, m["id_token"].(string))
	if idc["sub"] != user.ID || idc["email"] != adobetest.DemoUserEmail || idc["aud"] != app.ClientID {
		t.Errorf("id_token claims = %v", idc)
	}
	at := m["access_token"].(string)
	ui := get(t, f.Client(), imsBase+"/ims/userinfo/v2", at)
	if ui.Status != 200 || ui.json(t)["email"] != adobetest.DemoUserEmail {
		t.Errorf("userinfo: %d %s", ui.Status, ui.Body)
	}

	// Refresh.
	rt := m["refresh_token"].(string)
	r = postForm(t, f.Client(), imsBase+"/ims/token/v3?client_id="+app.ClientID,
		url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}})
	if r.Status != 200 {
		t.Fatalf("refresh: %d %s", r.Status, r.Body)
	}
	m2 := r.json(t)
	if m2["access_token"] == at || m2["access_token"] == "" || m2["refresh_token"] == "" {
		t.Errorf("refresh response = %v", m2)
	}
	wantIMSError(t, postForm(t, f.Client(), imsBase+"/ims/token/v3?client_id="+app.ClientID,
		url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"nope"}}), 400, "invalid_grant", "")

	// The code is single use; replaying it revokes the grant's tokens.
	wantIMSError(t, exchange(verifier), 400, "invalid_grant", "invalid authorization code")
	wantIMSError(t, postForm(t, f.Client(), imsBase+"/ims/token/v3?client_id="+app.ClientID,
		url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}), 400, "invalid_grant", "")
}

func TestAuthorizationCodeReuseRevokesGrant(t *testing.T) {
	f := newFake(t)
	web, err := f.AddCredential(adobetest.Credential{Type: adobetest.TypeWebApp, Scopes: []string{"openid", "AdobeID"}})
	if err != nil {
		t.Fatal(err)
	}
	_, back := authorize(t, f, url.Values{
		"client_id": {web.ClientID}, "redirect_uri": {redirectURI}, "scope": {"openid"}, "response_type": {"code"},
	})
	form := url.Values{"grant_type": {"authorization_code"}, "code": {back.Get("code")}}
	basic := func() result {
		req, _ := http.NewRequest(http.MethodPost, imsBase+"/ims/token/v3", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(web.ClientID, web.ClientSecret)
		return do(t, f.Client(), req)
	}
	r := basic()
	if r.Status != 200 {
		t.Fatalf("exchange: %d %s", r.Status, r.Body)
	}
	m := r.json(t)
	if _, ok := m["refresh_token"]; ok {
		t.Error("refresh token issued without offline_access")
	}
	at := m["access_token"].(string)
	if r := get(t, f.Client(), imsBase+"/ims/userinfo/v2", at); r.Status != 200 {
		t.Fatalf("userinfo: %d", r.Status)
	}
	wantIMSError(t, basic(), 400, "invalid_grant", "")
	if r := get(t, f.Client(), imsBase+"/ims/userinfo/v2", at); r.Status != 401 {
		t.Errorf("token of a replayed code still works: %d", r.Status)
	}
	// Confidential clients need their secret.
	wantIMSError(t, postForm(t, f.Client(), imsBase+"/ims/token/v3",
		url.Values{"grant_type": {"authorization_code"}, "code": {"x"}, "client_id": {web.ClientID}}),
		400, "invalid_client", "invalid client_secret parameter")
}

func TestAuthorizeErrors(t *testing.T) {
	f := newFake(t)
	spa, err := f.AddCredential(adobetest.Credential{Type: adobetest.TypeSinglePageApp, Scopes: []string{"openid"}, RedirectURIs: []string{redirectURI}})
	if err != nil {
		t.Fatal(err)
	}
	base := func(mod func(url.Values)) url.Values {
		v := url.Values{
			"client_id": {spa.ClientID}, "redirect_uri": {redirectURI}, "scope": {"openid"}, "state": {"s1"},
			"response_type": {"code"}, "code_challenge": {challenge("v")}, "code_challenge_method": {"S256"},
		}
		mod(v)
		return v
	}
	cases := []struct {
		name      string
		q         url.Values
		status    int
		wantError string
	}{
		{"unknown client", base(func(v url.Values) { v.Set("client_id", strings.Repeat("a", 32)) }), 400, ""},
		{"bad redirect", base(func(v url.Values) { v.Set("redirect_uri", "https://evil.example/") }), 400, ""},
		{"scope", base(func(v url.Values) { v.Set("scope", "openid,offline_access") }), 302, "invalid_scope"},
		{"response type", base(func(v url.Values) { v.Set("response_type", "token") }), 302, "unsupported_response_type"},
		{"no pkce for public client", base(func(v url.Values) { v.Del("code_challenge") }), 302, "invalid_request"},
		{"plain pkce", base(func(v url.Values) { v.Set("code_challenge_method", "plain") }), 302, "invalid_request"},
		{"s2s client", base(func(v url.Values) { v.Set("client_id", f.Bootstrap().ClientID) }), 302, "unauthorized_client"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, back := authorize(t, f, tc.q)
			if status != tc.status {
				t.Fatalf("status = %d, want %d", status, tc.status)
			}
			if tc.wantError != "" && (back.Get("error") != tc.wantError || back.Get("state") != "s1" || back.Get("code") != "") {
				t.Errorf("redirect query = %v, want error %s", back, tc.wantError)
			}
		})
	}
}

func TestRevokeThenValidate(t *testing.T) {
	f := newFake(t)
	boot := f.Bootstrap()
	at := mint(t, f)
	validate := func() map[string]any {
		r := postForm(t, f.Client(), imsBase+"/ims/validate_token/v1",
			url.Values{"type": {"access_token"}, "client_id": {boot.ClientID}, "token": {at}})
		if r.Status != 200 {
			t.Fatalf("validate: %d %s", r.Status, r.Body)
		}
		return r.json(t)
	}
	if m := validate(); m["valid"] != true {
		t.Fatalf("fresh token: %v", m)
	}
	// Wrong client id or type → invalid.
	r := postForm(t, f.Client(), imsBase+"/ims/validate_token/v1",
		url.Values{"type": {"refresh_token"}, "client_id": {boot.ClientID}, "token": {at}})
	if r.json(t)["valid"] != false {
		t.Error("type mismatch validated")
	}
	r = postForm(t, f.Client(), imsBase+"/ims/revoke?client_id="+boot.ClientID, url.Values{"token": {at}})
	if r.Status != 200 || len(r.Body) != 0 {
		t.Fatalf("revoke: %d %q", r.Status, r.Body)
	}
	if m := validate(); m["valid"] != false {
		t.Errorf("revoked token: %v", m)
	}
	if r := get(t, f.Client(), imsBase+"/ims/userinfo/v2", at); r.Status != 401 {
		t.Errorf("userinfo with revoked token: %d", r.Status)
	}
	// Unknown tokens revoke fine; unknown clients do not.
	if r := postForm(t, f.Client(), imsBase+"/ims/revoke?client_id="+boot.ClientID, url.Values{"token": {"nope"}}); r.Status != 200 {
		t.Errorf("revoke unknown token: %d", r.Status)
	}
	wantIMSError(t, postForm(t, f.Client(), imsBase+"/ims/revoke", url.Values{"token": {at}}), 400, "invalid_client", "")
}

func TestInvalidateToken(t *testing.T) {
	f := newFake(t)
	boot := f.Bootstrap()
	at := mint(t, f)
	req, _ := http.NewRequest(http.MethodPost, imsBase+"/ims/invalidate_token/v2",
		strings.NewReader(url.Values{"token_type": {"access_token"}, "token": {at}, "client_secret": {boot.ClientSecret}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-IMS-ClientId", boot.ClientID)
	if r := do(t, f.Client(), req); r.Status != 200 {
		t.Fatalf("invalidate: %d %s", r.Status, r.Body)
	}
	if r := get(t, f.Client(), imsBase+"/ims/userinfo/v2", at); r.Status != 401 {
		t.Errorf("invalidated token still works: %d", r.Status)
	}
}
