package auth

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-adobe/adobe"
)

// FuzzCredentialsFromWorkspace loads arbitrary workspace downloads: never a
// panic; success only with credentials that validate; every failure an
// *adobe.ArgError or ErrJWTEndOfLife; the secret never in an error.
func FuzzCredentialsFromWorkspace(f *testing.F) {
	seeds := []string{
		workspaceObserved,
		strings.Replace(workspaceObserved, `"scopes":["openid","AdobeID"]`, `"scopes":["bad scope"]`, 1),
		strings.Replace(workspaceObserved, `"client_secrets":["p8e-SUPERSECRETVALUE-do-not-log","p8e-second"]`, `"client_secrets":["p8e-SUPERSECRETVALUE-do-not-log with space"]`, 1),
		strings.Replace(workspaceObserved, `}}]}}}}`, `}},{"name":"second","oauth_server_to_server":{"client_id":"x"}}]}}}}`, 1),
		`{"project":{"org":{"ims_org_id":"0123456789ABCDEF01234567@AdobeOrg"},"workspace":{"details":{"credentials":[{"name":"old","integration_type":"service","jwt":{"client_id":"x"}}]}}}}`,
		`{"project":{"org":{"workspace":{"details":{"credentials":[]}}}}}`,
		`{"project":{}}`, `{"project":null}`, `[]`, `nope`, ``, `{"project":{"workspace":{"details":{"credentials":[{"oauth_server_to_server":null}]}}}}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s), "")
		f.Add([]byte(s), "s2s")
	}
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		c, err := CredentialsFromWorkspace(data, name)
		if err == nil {
			if verr := c.Validate(); verr != nil {
				t.Fatalf("accepted credentials that do not validate: %v", verr)
			}
			return
		}
		var ae *adobe.ArgError
		if !errors.As(err, &ae) && !errors.Is(err, ErrJWTEndOfLife) {
			t.Fatalf("untyped error %T: %v", err, err)
		}
		if strings.Contains(err.Error(), "SUPERSECRETVALUE") {
			t.Fatalf("secret in %v", err)
		}
	})
}

// TestCredentialsFromWorkspaceFileSeeds runs the fuzz seeds through the file
// loader too, and checks a missing file names its path, not its content.
func TestCredentialsFromWorkspaceFileSeeds(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ws.json")
	if err := os.WriteFile(path, []byte(workspaceObserved), 0o600); err != nil {
		t.Fatal(err)
	}
	if c, err := CredentialsFromWorkspaceFile(path, ""); err != nil || c.ClientID != testClientID {
		t.Fatalf("%v %v", c, err)
	}
	_, err := CredentialsFromWorkspaceFile(filepath.Join(dir, "missing.json"), "")
	if err == nil || !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "missing.json") {
		t.Fatalf("missing file: %v", err)
	}
}
