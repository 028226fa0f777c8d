package adobetest_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-adobe/adobe/adobetest"
)

// Mint an OAuth server-to-server token with plain net/http, keeping Adobe's
// real URL and swapping only the transport.
func Example() {
	f, err := adobetest.New(adobetest.WithRandSeed(1))
	if err != nil {
		panic(err)
	}
	cred := f.Bootstrap()
	hc := &http.Client{Transport: f.Transport()}

	resp, err := hc.PostForm("https://ims-na1.adobelogin.com/ims/token/v3", url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {cred.ClientID},
		"client_secret": {cred.ClientSecret},
		"scope":         {strings.Join(cred.Scopes, ",")},
	})
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil {
		panic(err)
	}
	fmt.Println(resp.StatusCode, tok.TokenType, tok.ExpiresIn, tok.AccessToken != "")
	fmt.Println(f.Count("POST /ims/token/v3"), "token request")
	// Output:
	// 200 bearer 86399 true
	// 1 token request
}

// Printing a credential never shows its secret.
func ExampleCredential_String() {
	f, err := adobetest.New(adobetest.WithRandSeed(1))
	if err != nil {
		panic(err)
	}
	c := f.Bootstrap()
	fmt.Println(strings.Contains(fmt.Sprint(c), c.ClientSecret), strings.Contains(fmt.Sprint(c), "ClientSecret:REDACTED"))
	// Output: false true
}

// Make the next two token requests fail with 429 and a Retry-After, as
// Adobe's gateway does when an integration mints too many tokens.
func ExampleFake_InjectFault() {
	f, err := adobetest.New()
	if err != nil {
		panic(err)
	}
	err = f.InjectFault(adobetest.Fault{Route: "POST /ims/token/v3", Times: 2, Status: http.StatusTooManyRequests, RetryAfter: "1"})
	if err != nil {
		panic(err)
	}
	cred := f.Bootstrap()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {cred.ClientID},
		"client_secret": {cred.ClientSecret}, "scope": {"openid,AdobeID"}}
	for range 3 {
		resp, err := f.Client().PostForm("https://ims-na1.adobelogin.com/ims/token/v3", form)
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		fmt.Printf("%d Retry-After=%q\n", resp.StatusCode, resp.Header.Get("Retry-After"))
	}

	// A lost response: the fake handles the request, the client gets an error.
	_ = f.InjectFault(adobetest.Fault{Route: "POST /ims/token/v3", Times: 1, LoseResponse: true})
	_, err = f.Client().PostForm("https://ims-na1.adobelogin.com/ims/token/v3", form)
	fmt.Println(errors.Is(err, adobetest.ErrResponseLost))
	// Output:
	// 429 Retry-After="1"
	// 429 Retry-After="1"
	// 200 Retry-After=""
	// true
}

// Errors from IMS carry {"error","error_description"} and an x-debug-id.
func ExampleFake_Transport_errors() {
	f, err := adobetest.New()
	if err != nil {
		panic(err)
	}
	resp, err := f.Client().PostForm("https://ims-na1.adobelogin.com/ims/token/v3", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {f.Bootstrap().ClientID},
		"client_secret": {"p8e-wrong"}, "scope": {"openid"},
	})
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var e struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&e)
	fmt.Println(resp.StatusCode, e.Error, e.Description, resp.Header.Get("X-Debug-Id") != "")
	// Output: 400 invalid_client invalid client_secret parameter true
}

// Play the person in the Admin Console for the Campaign connector: create
// the connector's product profile with its Analytics permissions, then
// attach it to the connector's credential.
func ExampleFake_CreateProductProfile() {
	f, err := adobetest.New()
	if err != nil {
		panic(err)
	}
	connector, err := f.AddCredential(adobetest.Credential{Name: "Campaign connector"})
	if err != nil {
		panic(err)
	}
	p, err := f.CreateProductProfile("Adobe Analytics", "reserved_campaign_classic_Demo", adobetest.Permissions{
		ReportSuites:     adobetest.PermissionList{Items: []string{adobetest.DemoRSID}},
		Metrics:          adobetest.PermissionList{AutoInclude: true},
		Dimensions:       adobetest.PermissionList{AutoInclude: true},
		ReportSuiteTools: []string{"Report Suite Mgmt"},
		AnalyticsTools:   []string{"Code Manager - Web Services"},
	})
	if err != nil {
		panic(err)
	}
	if err := f.AttachProductProfile(connector.ClientID, p.ID); err != nil {
		panic(err)
	}
	c, _ := f.Credential(connector.ClientID)
	fmt.Println(p.Name, p.ProductName, len(c.ProductProfileIDs))
	// Output: reserved_campaign_classic_Demo Adobe Analytics 1
}
