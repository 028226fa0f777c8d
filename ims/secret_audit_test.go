package ims_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/ims"
	"github.com/go-adobe/adobe/internal/testutil"
)

// TestSecretAudit covers every value ims and auth return that holds a
// secret or a token: none shows it.
func TestSecretAudit(t *testing.T) {
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
	res, err := c.Login(ctx, ims.LoginConfig{ClientID: app.ClientID, Scopes: []string{"openid", "AdobeID", "read_organizations", "offline_access"},
		Out: &strings.Builder{}, Open: browser(t, f)})
	if err != nil {
		t.Fatal(err)
	}
	b := f.Bootstrap()
	creds := auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: b.Scopes}
	s2s, err := c.ClientCredentialsToken(ctx, creds)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := auth.NewConfig(creds, auth.WithBaseTransport(f.Transport()))
	if err != nil {
		t.Fatal(err)
	}
	ts := cfg.TokenSource()
	tok, err := ts.TokenContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	userCfg, err := auth.NewConfigFromTokenSource(app.ClientID, f.OrgID(), res.TokenSource, auth.WithBaseTransport(f.Transport()))
	if err != nil {
		t.Fatal(err)
	}
	userTok, err := userCfg.TokenSource().TokenContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wrong := creds
	wrong.ClientSecret = "p8e-WRONG-secret-never-printed"
	_, refusal := c.ClientCredentialsToken(ctx, wrong)
	var te *auth.TokenError
	if !errors.As(refusal, &te) {
		t.Fatalf("wrong secret: %v", refusal)
	}
	validation, err := c.ValidateToken(ctx, b.ClientID, s2s.AccessToken, ims.TypeAccessToken)
	if err != nil {
		t.Fatal(err)
	}
	uc := ims.UserClient{ClientID: app.ClientID, ClientSecret: "p8e-user-client-secret", RedirectURI: "http://127.0.0.1/cb", Scopes: []string{"openid"}}

	secrets := []string{b.ClientSecret, string(wrong.ClientSecret), string(uc.ClientSecret),
		res.Token.AccessToken.Reveal(), res.Token.RefreshToken.Reveal(), s2s.AccessToken.Reveal(),
		tok.AccessToken.Reveal(), userTok.AccessToken.Reveal()}
	if res.Token.IDToken != "" {
		secrets = append(secrets, res.Token.IDToken.Reveal())
	}
	testutil.AssertNoSecrets(t, map[string]any{
		"LoginResult": res, "*LoginResult": &res, "LoginResult value": *res,
		"ims.Token": res.Token, "ims.Token value": *res.Token, "S2S ims.Token": s2s,
		"auth.Token": tok, "auth.Token value": *tok, "user auth.Token": userTok,
		"auth.Config": cfg, "auth.Config value": *cfg, "user auth.Config": userCfg,
		"auth.Credentials": creds, "*auth.Credentials": &creds,
		"auth.TokenSource": ts, "refusal": refusal, "TokenError": te, "TokenError value": *te,
		"Validation": validation, "UserClient": uc, "*UserClient": &uc,
		"login token source": res.TokenSource,
	}, secrets...)
}
