package adobetest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
)

func TestCredentialRedactsSecret(t *testing.T) {
	f := newFake(t)
	c := f.Bootstrap()
	if c.ClientSecret == "" {
		t.Fatal("bootstrap has no secret")
	}
	var logged, loggedJSON bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("cred", "c", c)
	slog.New(slog.NewJSONHandler(&loggedJSON, nil)).Info("cred", "c", c)
	js, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	outputs := map[string]string{
		"json":     string(js),
		"slogJSON": loggedJSON.String(),
		"%v":       fmt.Sprintf("%v", c),
		"%+v":      fmt.Sprintf("%+v", c),
		"%#v":      fmt.Sprintf("%#v", c),
		"Sprint":   fmt.Sprint(c),
		"ptr":      fmt.Sprintf("%v", &c),
		"nest":     fmt.Sprintf("%+v", struct{ C adobetest.Credential }{c}),
		"slog":     logged.String(),
	}
	for name, out := range outputs {
		if strings.Contains(out, c.ClientSecret) {
			t.Errorf("%s leaks the secret: %s", name, out)
		}
		if !strings.Contains(out, "REDACTED") || !strings.Contains(out, c.ClientID) {
			t.Errorf("%s = %s, want the client id and REDACTED", name, out)
		}
	}
	if !strings.HasPrefix(outputs["%#v"], "adobetest.Credential{") {
		t.Errorf("GoString = %s", outputs["%#v"])
	}
}

func TestBootstrapShapes(t *testing.T) {
	f := newFake(t)
	c := f.Bootstrap()
	checks := map[string]struct{ re, v string }{
		"client id":  {`^[0-9a-f]{32}$`, c.ClientID},
		"secret":     {`^p8e-[0-9A-Za-z]{32}$`, c.ClientSecret},
		"org":        {`^[0-9A-F]{24}@AdobeOrg$`, c.OrgID},
		"tech id":    {`^[0-9A-F]{24}@techacct\.adobe\.com$`, c.TechnicalAccountID},
		"tech email": {`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}@techacct\.adobe\.com$`, c.TechnicalAccountEmail},
	}
	for name, ch := range checks {
		if !regexp.MustCompile(ch.re).MatchString(ch.v) {
			t.Errorf("%s = %q, want %s", name, ch.v, ch.re)
		}
	}
	if c.OrgID != f.OrgID() || strings.Join(c.Scopes, ",") != strings.Join(adobetest.BootstrapScopes, ",") || c.Type != adobetest.TypeServerToServer {
		t.Errorf("bootstrap = %#v", c)
	}
	o, _ := f.Org(f.OrgID())
	if !regexp.MustCompile(`^[1-9][0-9]+$`).MatchString(o.ConsoleID) {
		t.Errorf("console id = %q", o.ConsoleID)
	}
}

func TestAddStateValidates(t *testing.T) {
	f := newFake(t)
	if _, err := f.AddCredential(adobetest.Credential{ClientID: "NOT-HEX"}); err == nil {
		t.Error("bad client id accepted")
	}
	if _, err := f.AddCredential(adobetest.Credential{Type: adobetest.TypeNativeApp, ClientSecret: "p8e-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}); err == nil {
		t.Error("public client with a secret accepted")
	}
	if _, err := f.AddUser(adobetest.User{Email: adobetest.DemoUserEmail}); err == nil {
		t.Error("duplicate user accepted")
	}
	p, err := f.AddProductProfile(adobetest.ProductProfile{Name: "Analytics – All"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.AttachProductProfile(f.Bootstrap().ClientID, p.ID); err != nil {
		t.Fatal(err)
	}
	// The demo org's general Analytics profile is attached from the start.
	if got := f.Bootstrap().ProductProfileIDs; len(got) != 2 || got[0] != adobetest.DemoProfileID || got[1] != p.ID {
		t.Errorf("attached = %v", got)
	}
	other, _ := f.AddOrg(adobetest.Org{Name: "Other"})
	op, err := f.AddProductProfile(adobetest.ProductProfile{Name: "x", OrgID: other.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.AttachProductProfile(f.Bootstrap().ClientID, op.ID); err == nil {
		t.Error("attached a profile of another org")
	}
}
