package auth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
)

func TestCredentialsValidate(t *testing.T) {
	mod := func(f func(*Credentials)) Credentials { c := testCreds(); f(&c); return c }
	tests := []struct {
		name  string
		creds Credentials
		field string
	}{
		{"ok", testCreds(), ""},
		{"stage IMS", mod(func(c *Credentials) { c.IMSURL = StageIMSURL }), ""},
		{"loopback http", mod(func(c *Credentials) { c.IMSURL = "http://127.0.0.1:8080" }), ""},
		{"empty client id", mod(func(c *Credentials) { c.ClientID = "" }), "ClientID"},
		{"short client id", mod(func(c *Credentials) { c.ClientID = "abc" }), "ClientID"},
		{"empty secret", mod(func(c *Credentials) { c.ClientSecret = "" }), "ClientSecret"},
		{"secret with newline", mod(func(c *Credentials) { c.ClientSecret = "p8e-x\n" }), "ClientSecret"},
		{"org without suffix", mod(func(c *Credentials) { c.OrgID = "0123456789ABCDEF01234567" }), "OrgID"},
		{"no scopes", mod(func(c *Credentials) { c.Scopes = nil }), "Scopes"},
		{"comma scope", mod(func(c *Credentials) { c.Scopes = []string{"openid,AdobeID"} }), "Scopes[0]"},
		{"http IMS", mod(func(c *Credentials) { c.IMSURL = "http://ims.example.com" }), "IMSURL"},
		{"IMS with query", mod(func(c *Credentials) { c.IMSURL = "https://ims.example.com/?a=b" }), "IMSURL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.creds.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ae *adobe.ArgError
			if !errors.As(err, &ae) || ae.Arg != tt.field {
				t.Fatalf("err = %v, want field %s", err, tt.field)
			}
			if strings.Contains(err.Error(), testSecret) {
				t.Fatal("secret in error")
			}
		})
	}
}

func TestCredentialsNeverPrintSecret(t *testing.T) {
	c := testCreds()
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "creds", c, "secret", c.ClientSecret)
	js, _ := json.Marshal(c)
	out := fmt.Sprintf("%v|%+v|%#v|%s|%q|%v|%x", c, c, c, c.ClientSecret, c.ClientSecret, []any{c}, c.ClientSecret) + buf.String() + string(js)
	wrongVerbs := strings.Join([]string{"%d", "%d", "%X", "%5.2f", "%t"}, "|") // a caller's mistakes: fmt quotes the value in its error text
	out += fmt.Sprintf(wrongVerbs, c.ClientSecret, c, &c, c.ClientSecret, struct{ S Secret }{c.ClientSecret})
	if strings.Contains(out, testSecret) {
		t.Fatalf("secret printed: %s", out)
	}
	if !strings.Contains(out, testClientID) || !strings.Contains(out, redacted) {
		t.Fatalf("expected client id and redaction marker: %s", out)
	}
	if c.ClientSecret.Reveal() != testSecret {
		t.Fatal("Reveal")
	}
}

func TestCredentialsFromEnv(t *testing.T) {
	env := map[string]string{
		EnvClientID: testClientID, EnvClientSecret: testSecret, EnvOrgID: testOrg,
		EnvScopes: "openid, AdobeID,read_organizations",
	}
	lookup := func(m map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
	}
	c, err := credentialsFromLookup(lookup(env))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Scopes, ",") != "openid,AdobeID,read_organizations" || c.imsURL() != ProdIMSURL {
		t.Fatalf("%v", c)
	}
	env[EnvScopes] = `["openid","AdobeID"]`
	if c, err = credentialsFromLookup(lookup(env)); err != nil || len(c.Scopes) != 2 {
		t.Fatalf("json scopes: %v %v", c.Scopes, err)
	}
	env[EnvOrgID] = "nope"
	_, err = credentialsFromLookup(lookup(env))
	var ae *adobe.ArgError
	if !errors.As(err, &ae) || ae.Arg != EnvOrgID {
		t.Fatalf("err %v", err)
	}
	t.Setenv(EnvClientID, testClientID)
	t.Setenv(EnvClientSecret, testSecret)
	t.Setenv(EnvOrgID, testOrg)
	t.Setenv(EnvScopes, "openid")
	t.Setenv(EnvIMSURL, "")
	if _, err := CredentialsFromEnv(); err != nil {
		t.Fatal(err)
	}
}

const workspaceObserved = `{"project":{"id":"1","name":"campaign","org":{"id":"12345","name":"Acme","ims_org_id":"0123456789ABCDEF01234567@AdobeOrg"},
 "workspace":{"id":"2","name":"Production","details":{"credentials":[{"id":"3","name":"s2s","integration_type":"oauth_server_to_server",
 "oauth_server_to_server":{"client_id":"0123456789abcdef0123456789abcdef","client_secrets":["p8e-SUPERSECRETVALUE-do-not-log","p8e-second"],
 "technical_account_email":"abc@techacct.adobe.com","technical_account_id":"DEF@techacct.adobe.com","scopes":["openid","AdobeID"]}}]}}}}`

func TestCredentialsFromWorkspace(t *testing.T) {
	c, err := CredentialsFromWorkspace([]byte(workspaceObserved), "")
	if err != nil {
		t.Fatal(err)
	}
	if c.ClientID != testClientID || c.ClientSecret.Reveal() != testSecret || c.OrgID != testOrg || c.TechnicalAccountEmail != "abc@techacct.adobe.com" || len(c.Scopes) != 2 {
		t.Fatalf("%+v", c)
	}
	// The spec's nesting: workspace under project.org.
	var m map[string]map[string]any
	_ = json.Unmarshal([]byte(workspaceObserved), &m)
	ws := m["project"]["workspace"]
	delete(m["project"], "workspace")
	m["project"]["org"].(map[string]any)["workspace"] = ws
	specShape, _ := json.Marshal(m)
	if c2, err := CredentialsFromWorkspace(specShape, "s2s"); err != nil || c2.ClientID != testClientID {
		t.Fatalf("spec nesting: %v", err)
	}
	if _, err := CredentialsFromWorkspace(specShape, "other"); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("unknown name: %v", err)
	}

	bad := strings.Replace(workspaceObserved, `"scopes":["openid","AdobeID"]`, `"scopes":[]`, 1)
	_, err = CredentialsFromWorkspace([]byte(bad), "")
	var ae *adobe.ArgError
	if !errors.As(err, &ae) || ae.Arg != "project.workspace.details.credentials[0].oauth_server_to_server.scopes" {
		t.Fatalf("err %v", err)
	}
	jwt := `{"project":{"org":{"ims_org_id":"0123456789ABCDEF01234567@AdobeOrg"},"workspace":{"details":{"credentials":[{"name":"old","integration_type":"service","jwt":{"client_id":"x","meta_scopes":["ent_analytics_bulk_ingest_sdk"]}}]}}}}`
	if _, err := CredentialsFromWorkspace([]byte(jwt), ""); !errors.Is(err, ErrJWTEndOfLife) {
		t.Fatalf("jwt: %v", err)
	}
	if _, err := CredentialsFromWorkspace([]byte(`{"project":{}}`), ""); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("no workspace: %v", err)
	}
	if _, err := CredentialsFromWorkspace([]byte(`nope`), ""); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("bad json: %v", err)
	}
	two := strings.Replace(workspaceObserved, `}}]}}}}`, `}},{"name":"second","oauth_server_to_server":{"client_id":"x"}}]}}}}`, 1)
	if _, err := CredentialsFromWorkspace([]byte(two), ""); err == nil || !strings.Contains(err.Error(), "s2s, second") {
		t.Fatalf("two: %v", err)
	}
	path := filepath.Join(t.TempDir(), "ws.json")
	_ = os.WriteFile(path, []byte(workspaceObserved), 0o600)
	if _, err := CredentialsFromWorkspaceFile(path, ""); err != nil {
		t.Fatal(err)
	}
}
