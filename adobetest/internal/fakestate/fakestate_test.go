package fakestate

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/synctest"
	"time"
)

func setup(t *testing.T) (*Store, Credential, Credential) {
	t.Helper()
	s := New(1)
	org, err := s.AddOrg(Org{Name: "Org"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.AddCredential(Credential{OrgID: org.ID, Scopes: []string{"openid"}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.AddCredential(Credential{OrgID: org.ID, Scopes: []string{"openid"}})
	if err != nil {
		t.Fatal(err)
	}
	return s, a, b
}

func service(c Credential) Principal {
	return Principal{ClientID: c.ClientID, UserID: c.TechnicalAccountID, OrgID: c.OrgID, Scopes: c.Scopes, Kind: KindService}
}

func TestAuthenticate(t *testing.T) {
	s, a, b := setup(t)
	tok, err := s.Issue(TokenSpec{Type: TokenAccess, Principal: service(a)})
	if err != nil {
		t.Fatal(err)
	}
	revoked, _ := s.Issue(TokenSpec{Type: TokenAccess, Principal: service(a)})
	s.Revoke(revoked.Value)
	refresh, _ := s.Issue(TokenSpec{Type: TokenRefresh, Principal: service(a)})
	cases := []struct {
		name, key, bearer string
		status            int
		code              string
	}{
		{"ok", a.ClientID, tok.Value, 200, ""},
		{"no key", "", tok.Value, 403, "403000"},
		{"unknown key", "ffffffffffffffffffffffffffffffff", tok.Value, 403, "403003"},
		{"other client's token", b.ClientID, tok.Value, 403, "403003"},
		{"no token", a.ClientID, "", 403, "403010"},
		{"garbage token", a.ClientID, "abc", 401, "401013"},
		{"revoked", a.ClientID, revoked.Value, 401, "401013"},
		{"refresh token", a.ClientID, refresh.Value, 401, "401013"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "https://analytics.adobe.io/api/x", nil)
			if tc.key != "" {
				r.Header.Set("x-api-key", tc.key)
			}
			if tc.bearer != "" {
				r.Header.Set("Authorization", "Bearer "+tc.bearer)
			}
			w := httptest.NewRecorder()
			p, ok := s.Authenticate(w, r)
			if tc.code == "" {
				if !ok || p.ClientID != a.ClientID || p.Kind != KindService {
					t.Fatalf("ok=%v principal=%+v body=%s", ok, p, w.Body)
				}
				return
			}
			var e GatewayError
			_ = json.Unmarshal(w.Body.Bytes(), &e)
			if ok || w.Code != tc.status || e.ErrorCode != tc.code || w.Header().Get("X-Request-Id") == "" {
				t.Errorf("ok=%v status=%d body=%s", ok, w.Code, w.Body)
			}
		})
	}
}

func TestTokenLifetimes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, a, _ := setup(t)
		code, _ := s.Issue(TokenSpec{Type: TokenCode, Principal: service(a)})
		rt, _ := s.Issue(TokenSpec{Type: TokenRefresh, Principal: service(a)})
		time.Sleep(AuthorizationCodeLife)
		if _, err := s.RedeemCode(code.Value); err == nil {
			t.Error("expired code redeemed")
		}
		time.Sleep(RefreshTokenLifetime - AuthorizationCodeLife - time.Second)
		if _, ok := s.ActiveToken(rt.Value, TokenRefresh); !ok {
			t.Error("refresh token expired early")
		}
		time.Sleep(time.Second)
		if _, ok := s.ActiveToken(rt.Value, TokenRefresh); ok {
			t.Error("refresh token outlived 14 days")
		}
	})
}

func TestSecretsProfilesAndSeedSections(t *testing.T) {
	s, a, _ := setup(t)
	if _, err := s.AddClientSecret(a.ClientID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddClientSecret(a.ClientID); !errors.Is(err, ErrLimit) {
		t.Errorf("third secret: %v", err)
	}
	if err := s.DeleteClientSecret(a.ClientID, a.ClientSecrets[0]); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Credential(a.ClientID); len(c.ClientSecrets) != 1 || c.HasSecret(a.ClientSecrets[0]) {
		t.Errorf("secrets = %v", c.ClientSecrets)
	}
	p, err := s.AddProductProfile(ProductProfile{OrgID: a.OrgID, Name: "P"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AttachProfile(a.ClientID, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPermissions(p.ID, Permissions{Metrics: PermissionList{AutoInclude: true}}); err != nil {
		t.Fatal(err)
	}
	if got := s.ProfilesOf(a.ClientID); len(got) != 1 || !got[0].Permissions.Metrics.AutoInclude {
		t.Errorf("profiles = %+v", got)
	}
	if _, err := s.UpdateProductProfile(p.ID, func(pp *ProductProfile) { pp.OrgID = "x" }); !errors.Is(err, ErrInvalid) {
		t.Errorf("org change: %v", err)
	}
	if err := s.DeleteProductProfile(p.ID); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Credential(a.ClientID); len(c.ProductProfileIDs) != 0 {
		t.Errorf("deleted profile still attached: %v", c.ProductProfileIDs)
	}
	seed, err := ParseSeed([]byte(`{"users":[{"email":"x@example.com"}],"umapi":{"groups":[1]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ApplySeed(seed, a.OrgID, ""); err != nil {
		t.Fatal(err)
	}
	if string(s.SeedSection("umapi")) != `{"groups":[1]}` {
		t.Errorf("section = %s", s.SeedSection("umapi"))
	}
	if u, ok := s.UserByEmail("X@example.com"); !ok || len(u.OrgIDs) != 1 || u.OrgIDs[0] != a.OrgID {
		t.Errorf("user = %+v %v", u, ok)
	}
	tok, _ := s.Issue(TokenSpec{Type: TokenAccess, Principal: service(a)})
	if err := s.DeleteCredential(a.ClientID); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.ActiveToken(tok.Value, TokenAccess); ok {
		t.Error("token of a deleted credential still active")
	}
}
