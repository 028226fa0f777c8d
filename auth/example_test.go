package auth_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
)

// Build one Config per credential and every API client from it. Here the
// credential is the fake Adobe's bootstrap credential; in production it comes
// from auth.CredentialsFromEnv or auth.CredentialsFromWorkspaceFile.
func ExampleNewConfig() {
	fake, _ := adobetest.New()
	b := fake.Bootstrap()
	cfg, err := auth.NewConfig(auth.Credentials{
		ClientID:     b.ClientID,
		ClientSecret: auth.Secret(b.ClientSecret),
		OrgID:        b.OrgID,
		Scopes:       []string{"openid", "AdobeID", "read_organizations"},
	}, auth.WithBaseTransport(fake.Transport()), auth.WithUserAgent("my-tool/1.0"))
	if err != nil {
		fmt.Println(err)
		return
	}
	// No request has been made yet: the token is fetched on first use.
	fmt.Println("token requests before use:", fake.Count("POST /ims/token/v3"))

	// Any endpoint can be called through the shared stack.
	req, _ := http.NewRequestWithContext(context.Background(), "GET", "https://ims-na1.adobelogin.com/ims/userinfo/v2", nil)
	resp, err := cfg.HTTPClient().Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println("status:", resp.StatusCode)
	fmt.Println("token requests after use:", fake.Count("POST /ims/token/v3"))
	// Output:
	// token requests before use: 0
	// status: 200
	// token requests after use: 1
}

// Credential errors name the field (or environment variable) and never
// print the secret.
func ExampleCredentials_Validate() {
	creds := auth.Credentials{ClientID: "0123456789abcdef0123456789abcdef", ClientSecret: "p8e-secret", OrgID: "ACME", Scopes: []string{"openid"}}
	err := creds.Validate()
	var ae *adobe.ArgError
	if errors.As(err, &ae) {
		fmt.Println(ae.Arg)
	}
	fmt.Println(errors.Is(err, adobe.ErrInvalidArgument))
	fmt.Println(creds.ClientSecret)
	// Output:
	// OrgID
	// true
	// [REDACTED]
}

// IMS refusals are *auth.TokenError with IMS's code, description and
// x-debug-id, and a hint for the person. Like every error answer of Adobe,
// they unwrap to *adobe.Error.
func ExampleTokenError() {
	fake, _ := adobetest.New()
	b := fake.Bootstrap()
	ts, _ := auth.NewTokenSource(auth.Credentials{ClientID: b.ClientID, ClientSecret: "p8e-rotated-away", OrgID: b.OrgID, Scopes: []string{"openid"}},
		auth.WithBaseTransport(fake.Transport()))
	_, err := ts.TokenContext(context.Background())
	var te *auth.TokenError
	if errors.As(err, &te) {
		fmt.Println(te.StatusCode, te.Code)
		fmt.Println(te.Hint())
	}
	fmt.Println(errors.Is(err, adobe.ErrUnauthorized))
	var apiErr *adobe.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Method, apiErr.Host+apiErr.Path, apiErr.StatusCode, apiErr.Code)
	}
	// Output:
	// 400 invalid_client
	// the client secret is wrong or was rotated; retrieve the current one from the Developer Console
	// true
	// POST ims-na1.adobelogin.com/ims/token/v3 400 invalid_client
}
