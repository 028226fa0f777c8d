package ims_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/ims"
)

// browser plays the user's browser: it asks the fake IMS to authorize
// (the fake logs the demo user in) and follows the redirect to the
// loopback callback over the real network.
func browser(t *testing.T, f *adobetest.Fake) func(string) error {
	return func(authURL string) error {
		noFollow := &http.Client{Transport: f.Transport(), CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := noFollow.Get(authURL)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound {
			t.Errorf("authorize answered %d", resp.StatusCode)
		}
		cb, err := http.Get(resp.Header.Get("Location"))
		if err != nil {
			return err
		}
		return cb.Body.Close()
	}
}

func TestLoginEndToEndWithFakeIMS(t *testing.T) {
	f, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	app, err := f.AddCredential(adobetest.Credential{Type: adobetest.TypeNativeApp, Name: "cli",
		Scopes: []string{"openid", "AdobeID", "read_organizations", "offline_access"}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := ims.NewClient(ims.WithHTTPOptions(auth.WithBaseTransport(f.Transport())))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var out strings.Builder
	res, err := c.Login(ctx, ims.LoginConfig{ClientID: app.ClientID, Scopes: []string{"openid", "AdobeID", "read_organizations", "offline_access"},
		Out: &out, Open: browser(t, f)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Token.RefreshToken == "" {
		t.Fatal("no refresh token despite offline_access")
	}
	claims, err := ims.DecodeClaims(res.Token.AccessToken.Reveal())
	if err != nil || claims.ClientID != app.ClientID {
		t.Fatalf("claims %+v %v", claims, err)
	}
	info, err := c.UserInfo(ctx, app.ClientID, res.Token.AccessToken)
	if err != nil || info.Email != f.LoginUser().Email {
		t.Fatalf("userinfo %+v %v", info, err)
	}
	orgs, err := c.Organizations(ctx, res.Token.AccessToken)
	if err != nil || len(orgs) == 0 || orgs[0].OrgID() != f.OrgID() {
		t.Fatalf("orgs %+v %v", orgs, err)
	}
	uc := ims.UserClient{ClientID: app.ClientID, RedirectURI: "http://127.0.0.1/cb", Scopes: []string{"openid"}}
	fresh, err := c.Refresh(ctx, uc, res.Token.RefreshToken)
	if err != nil || fresh.AccessToken == res.Token.AccessToken {
		t.Fatalf("refresh %v", err)
	}
	// The logged-in user's token drives an SDK configuration.
	cfg, err := auth.NewConfigFromTokenSource(app.ClientID, f.OrgID(), res.TokenSource, auth.WithBaseTransport(f.Transport()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.TokenSource().TokenContext(ctx); err != nil {
		t.Fatal(err)
	}
	v, err := c.ValidateToken(ctx, app.ClientID, fresh.AccessToken, ims.TypeAccessToken)
	if err != nil || !v.Valid {
		t.Fatalf("validate %+v %v", v, err)
	}
	if err := c.Revoke(ctx, app.ClientID, "", fresh.AccessToken); err != nil {
		t.Fatal(err)
	}
	if v, err := c.ValidateToken(ctx, app.ClientID, fresh.AccessToken, ""); err != nil || v.Valid {
		t.Fatalf("after revoke %+v %v", v, err)
	}
	d, err := c.Discovery(ctx)
	if err != nil || !strings.HasSuffix(d.TokenEndpoint, "/ims/token/v3") {
		t.Fatalf("discovery %+v %v", d, err)
	}
}

func TestCodeExchangeWithWrongVerifierFails(t *testing.T) {
	f, _ := adobetest.New()
	app, _ := f.AddCredential(adobetest.Credential{Type: adobetest.TypeNativeApp, Scopes: []string{"openid"}})
	c, _ := ims.NewClient(ims.WithHTTPOptions(auth.WithBaseTransport(f.Transport())))
	uc := ims.UserClient{ClientID: app.ClientID, RedirectURI: "http://127.0.0.1:9/cb", Scopes: []string{"openid"}}
	p := ims.NewPKCE()
	u, _ := c.AuthorizeURL(uc, "s", ims.AuthorizeOptions{PKCE: &p})
	noFollow := &http.Client{Transport: f.Transport(), CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := resp.Location()
	_, err = c.ExchangeCode(context.Background(), uc, loc.Query().Get("code"), ims.NewPKCE().Verifier)
	var te *auth.TokenError
	if !errors.As(err, &te) || te.StatusCode != http.StatusBadRequest {
		t.Fatalf("err %v", err)
	}
}

func TestS2SClientCredentialsAgainstFake(t *testing.T) {
	f, _ := adobetest.New()
	b := f.Bootstrap()
	c, _ := ims.NewClient(ims.WithHTTPOptions(auth.WithBaseTransport(f.Transport())))
	tok, err := c.ClientCredentialsToken(context.Background(), auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: []string{"openid", "AdobeID"}})
	if err != nil {
		t.Fatal(err)
	}
	claims, _ := ims.DecodeClaims(tok.AccessToken.Reveal())
	if claims.Type != "access_token" || strings.Join(claims.Scopes(), ",") != "openid,AdobeID" || !claims.Expiry().After(claims.Created()) {
		t.Fatalf("claims %+v", claims)
	}
}

func TestInvalidateTokenAgainstFake(t *testing.T) {
	f, _ := adobetest.New()
	b := f.Bootstrap()
	c, _ := ims.NewClient(ims.WithHTTPOptions(auth.WithBaseTransport(f.Transport())))
	ctx := context.Background()
	creds := auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: []string{"openid"}}
	tok, err := c.ClientCredentialsToken(ctx, creds)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := c.ValidateToken(ctx, b.ClientID, tok.AccessToken, ""); err != nil || !v.Valid {
		t.Fatalf("before: %+v %v", v, err)
	}
	if err := c.InvalidateToken(ctx, b.ClientID, creds.ClientSecret, tok.AccessToken, ims.TypeAccessToken, true); err != nil {
		t.Fatal(err)
	}
	if v, err := c.ValidateToken(ctx, b.ClientID, tok.AccessToken, ""); err != nil || v.Valid {
		t.Fatalf("after: %+v %v", v, err)
	}
	if err := c.InvalidateToken(ctx, "", "", tok.AccessToken, "", false); err == nil {
		t.Fatal("missing client id accepted")
	}
}
