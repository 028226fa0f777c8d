package auth_test

import (
	"context"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
)

// A derived configuration reaches the same fake through the same base
// transport and mints its own credential's token.
func TestForCredentialsSharesTransport(t *testing.T) {
	f, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	b := f.Bootstrap()
	cfg, err := auth.NewConfig(auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: b.Scopes},
		auth.WithBaseTransport(f.Transport()))
	if err != nil {
		t.Fatal(err)
	}
	other, err := f.AddCredential(adobetest.Credential{Name: "Other", OrgID: b.OrgID, Scopes: []string{"openid", "AdobeID"}})
	if err != nil {
		t.Fatal(err)
	}
	derived, err := cfg.ForCredentials(auth.Credentials{ClientID: other.ClientID, ClientSecret: auth.Secret(other.ClientSecret), OrgID: other.OrgID, Scopes: other.Scopes})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := derived.TokenSource().TokenContext(context.Background())
	if err != nil {
		t.Fatalf("derived token: %v", err)
	}
	if tok.AccessToken == "" || derived.Credentials().ClientID != other.ClientID {
		t.Fatalf("derived config did not mint its own token")
	}
	if _, err := cfg.ForCredentials(auth.Credentials{}); err == nil {
		t.Fatal("empty credentials accepted")
	}
}
