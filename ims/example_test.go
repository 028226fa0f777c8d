package ims_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/ims"
)

// Decode a token's claims to read its expiry and scopes (without verifying
// it), and ask IMS who it belongs to.
func ExampleDecodeClaims() {
	fake, _ := adobetest.New()
	b := fake.Bootstrap()
	ts, _ := auth.NewTokenSource(auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID,
		Scopes: []string{"openid", "AdobeID"}}, auth.WithBaseTransport(fake.Transport()))
	tok, err := ts.TokenContext(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	claims, err := ims.DecodeClaims(tok.AccessToken.Reveal())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(claims.Type, claims.As, claims.Lifetime())
	fmt.Println(strings.Join(claims.Scopes(), ","))

	c, _ := ims.NewClient(ims.WithHTTPOptions(auth.WithBaseTransport(fake.Transport())))
	info, err := c.UserInfo(context.Background(), b.ClientID, tok.AccessToken)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(info.Sub == b.TechnicalAccountID)
	// Output:
	// access_token ims-na1 24h0m0s
	// openid,AdobeID
	// true
}

// Build the authorize URL of a user login with PKCE.
func ExampleClient_AuthorizeURL() {
	c, _ := ims.NewClient()
	p := ims.NewPKCE()
	u, _ := c.AuthorizeURL(ims.UserClient{ClientID: "my-client", RedirectURI: "https://app.example.com/callback",
		Scopes: []string{"openid", "AdobeID"}}, "state-123", ims.AuthorizeOptions{PKCE: &p})
	fmt.Println(u[:strings.Index(u, "?")])
	fmt.Println(strings.Contains(u, "scope=openid%2CAdobeID"), strings.Contains(u, "code_challenge_method=S256"))
	// Output:
	// https://ims-na1.adobelogin.com/ims/authorize/v2
	// true true
}
