package adobetest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
)

// The fake is as strict as Adobe's documentation where clients commonly go
// wrong, so that such client bugs fail against it.
func TestFakeIMSStrictness(t *testing.T) {
	f, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	b := f.Bootstrap()
	hc := f.Client()
	post := func(u string, form url.Values) int {
		resp, err := hc.Post(u, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	base := "https://ims-na1.adobelogin.com"
	cc := url.Values{"grant_type": {"client_credentials"}, "client_id": {b.ClientID}, "client_secret": {b.ClientSecret}}
	cc.Set("scope", "openid AdobeID") // space-joined: x/oauth2's default, not IMS's
	if got := post(base+"/ims/token/v3", cc); got != http.StatusBadRequest {
		t.Errorf("space-joined scopes answered %d, want 400", got)
	}
	cc.Set("scope", "openid,AdobeID")
	if got := post(base+"/ims/token/v3", cc); got != http.StatusOK {
		t.Fatalf("comma-joined scopes answered %d", got)
	}
	if got := post(base+"/ims/revoke", url.Values{"token": {"x"}, "client_id": {b.ClientID}}); got != http.StatusBadRequest {
		t.Errorf("revoke with client_id only in the form answered %d, want 400", got)
	}
	if got := post(base+"/ims/revoke?client_id="+b.ClientID, url.Values{"token": {"x"}}); got != http.StatusOK {
		t.Errorf("revoke with ?client_id= answered %d, want 200", got)
	}
}

func TestAddJWTCredentialIsListedAsService(t *testing.T) {
	f, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	credID, projectID, workspaceID, err := f.AddJWTCredential("Legacy JWT")
	if err != nil || credID == "" || projectID == "" || workspaceID == "" {
		t.Fatalf("%q %q %q %v", credID, projectID, workspaceID, err)
	}
	if _, _, _, err := f.AddJWTCredential(""); err == nil {
		t.Fatal("empty name accepted")
	}
	// The Console lists it as a JWT ("service") credential.
	b := f.Bootstrap()
	tok, err := f.IssueToken(b.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	org, _ := f.Org(f.OrgID())
	req, _ := http.NewRequest("GET", "https://developers.adobe.io/console/organizations/"+org.ConsoleID+"/projects/"+projectID+"/workspaces/"+workspaceID+"/credentials", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("x-api-key", b.ClientID)
	resp, err := f.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var rows []map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&rows); err != nil || resp.StatusCode != 200 {
		t.Fatalf("status %d, %v", resp.StatusCode, err)
	}
	if len(rows) != 1 || rows[0]["integration_type"] != "service" {
		t.Fatalf("credentials %v", rows)
	}
}
