package adobetest_test

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe/adobetest"
)

func TestServiceTokenIdentityEndpoints(t *testing.T) {
	f := newFake(t)
	boot := f.Bootstrap()
	at := mint(t, f)

	ui := get(t, f.Client(), imsBase+"/ims/userinfo/v2", at)
	if ui.Status != 200 || ui.Header.Get("X-Debug-Id") == "" {
		t.Fatalf("userinfo: %d %s", ui.Status, ui.Body)
	}
	if m := ui.json(t); m["sub"] != boot.TechnicalAccountID || m["email"] != boot.TechnicalAccountEmail || m["email_verified"] != true {
		t.Errorf("userinfo = %v", m)
	}
	pr := get(t, f.Client(), imsBase+"/ims/profile/v1", at)
	if pr.Status != 200 || pr.json(t)["userId"] != boot.TechnicalAccountID {
		t.Errorf("profile: %d %s", pr.Status, pr.Body)
	}
	orgs := get(t, f.Client(), imsBase+"/ims/organizations/v5", at)
	var list []struct {
		OrgName string `json:"orgName"`
		OrgRef  struct {
			Ident   string `json:"ident"`
			AuthSrc string `json:"authSrc"`
		} `json:"orgRef"`
	}
	if err := json.Unmarshal(orgs.Body, &list); err != nil || orgs.Status != 200 {
		t.Fatalf("organizations: %d %s %v", orgs.Status, orgs.Body, err)
	}
	if len(list) != 1 || list[0].OrgName != adobetest.DemoOrgName || list[0].OrgRef.Ident+"@"+list[0].OrgRef.AuthSrc != f.OrgID() {
		t.Errorf("organizations = %+v", list)
	}
	for _, p := range []string{"/ims/userinfo/v2", "/ims/profile/v1", "/ims/organizations/v5"} {
		wantIMSError(t, get(t, f.Client(), imsBase+p, "not-a-token"), 401, "invalid_token", "")
		wantIMSError(t, get(t, f.Client(), imsBase+p, ""), 401, "invalid_token", "")
	}
}

func TestDiscoveryAndSignature(t *testing.T) {
	f := newFake(t)
	r := get(t, f.Client(), "https://ims-na1-stg1.adobelogin.com/ims/.well-known/openid-configuration", "")
	m := r.json(t)
	const base = "https://ims-na1-stg1.adobelogin.com"
	want := map[string]string{
		"issuer": base, "authorization_endpoint": base + "/ims/authorize/v2", "token_endpoint": base + "/ims/token/v3",
		"userinfo_endpoint": base + "/ims/userinfo/v2", "revocation_endpoint": base + "/ims/revoke", "jwks_uri": base + "/ims/keys",
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %v, want %s", k, m[k], v)
		}
	}

	var jwks struct {
		Keys []struct{ Kty, Kid, Alg, N, E string }
	}
	if err := json.Unmarshal(get(t, f.Client(), base+"/ims/keys", "").Body, &jwks); err != nil || len(jwks.Keys) != 1 {
		t.Fatalf("jwks: %v %+v", err, jwks)
	}
	k := jwks.Keys[0]
	if k.Kty != "RSA" || k.Kid != "ims_na1-key-1" || k.Alg != "RS256" {
		t.Errorf("key = %+v", k)
	}
	n, _ := base64.RawURLEncoding.DecodeString(k.N)
	e, _ := base64.RawURLEncoding.DecodeString(k.E)
	pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	tok := mint(t, f)
	i := strings.LastIndex(tok, ".")
	sig, _ := base64.RawURLEncoding.DecodeString(tok[i+1:])
	sum := sha256.Sum256([]byte(tok[:i]))
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], sig); err != nil {
		t.Errorf("access token signature does not verify with the JWKS: %v", err)
	}
}

// TestTokenExpiry runs in a synctest bubble: the token works until its
// lifetime has passed, then the authenticated endpoint rejects it.
func TestTokenExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t, adobetest.WithTokenLifetime(time.Hour))
		r := postForm(t, f.Client(), imsBase+"/ims/token/v3", s2sForm(f.Bootstrap()))
		m := r.json(t)
		if m["expires_in"] != float64(3599) {
			t.Errorf("expires_in = %v, want 3599", m["expires_in"])
		}
		at := m["access_token"].(string)
		if _, c := decodeJWT(t, at); c["expires_in"] != "3600000" {
			t.Errorf("expires_in claim = %v", c["expires_in"])
		}
		time.Sleep(time.Hour - time.Second)
		if r := get(t, f.Client(), imsBase+"/ims/userinfo/v2", at); r.Status != http.StatusOK {
			t.Fatalf("before expiry: %d", r.Status)
		}
		time.Sleep(time.Second)
		if r := get(t, f.Client(), imsBase+"/ims/userinfo/v2", at); r.Status != http.StatusUnauthorized {
			t.Fatalf("after expiry: %d, want 401", r.Status)
		}
	})
}

func TestOptionsValidate(t *testing.T) {
	cases := []struct {
		name string
		opt  adobetest.Option
	}{
		{"short lifetime", adobetest.WithTokenLifetime(time.Second)},
		{"empty login user", adobetest.WithLoginUser("")},
		{"unknown login user", adobetest.WithLoginUser("nobody@example.com")},
		{"missing seed file", adobetest.WithSeedFile("testdata/nope.json")},
		{"bad seed json", adobetest.WithSeed(strings.NewReader("{"))},
		{"bad seed org id", adobetest.WithSeed(strings.NewReader(`{"orgs":[{"id":"nope"}]}`))},
		{"seed credential in unknown org", adobetest.WithSeed(strings.NewReader(`{"credentials":[{"org_id":"000000000000000000000000@AdobeOrg"}]}`))},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := adobetest.New(tc.opt); err == nil {
				t.Error("New accepted a bad option")
			}
		})
	}
}

func TestRandSeedIsDeterministic(t *testing.T) {
	a, b := newFake(t, adobetest.WithRandSeed(7)), newFake(t, adobetest.WithRandSeed(7))
	if a.Bootstrap().ClientID != b.Bootstrap().ClientID || a.OrgID() != b.OrgID() || a.Bootstrap().ClientSecret != b.Bootstrap().ClientSecret {
		t.Error("equal seeds gave different ids")
	}
	if c := newFake(t, adobetest.WithRandSeed(8)); c.OrgID() == a.OrgID() {
		t.Error("different seeds gave equal org ids")
	}
}
