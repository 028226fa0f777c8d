package adobetest_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adobetest"
)

func TestSeedFile(t *testing.T) {
	f := newFake(t, adobetest.WithSeedFile("testdata/seed.json"))
	const acme = "0A1B2C3D4E5F60718293A4B5@AdobeOrg"
	if o, ok := f.Org(acme); !ok || o.Name != "Acme Corp" || o.ConsoleID != "424242" {
		t.Errorf("org = %+v, %v", o, ok)
	}
	if _, ok := f.Org(f.OrgID()); !ok {
		t.Error("the demo org is gone")
	}
	p, ok := f.ProductProfile("98765432")
	if !ok || p.OrgID != acme || !p.Permissions.Metrics.AutoInclude ||
		!slices.Equal(p.Permissions.ReportSuites.Items, []string{"acmeprod", "acmedev"}) ||
		!slices.Equal(p.Permissions.AnalyticsTools, []string{"Code Manager - Web Services"}) {
		t.Errorf("profile = %+v", p)
	}
	c, ok := f.Credential("0123456789abcdef0123456789abcdef")
	if !ok || c.OrgID != acme || !slices.Equal(c.ProductProfileIDs, []string{"98765432"}) ||
		c.TechnicalAccountID != "FEDCBA9876543210FEDCBA98@techacct.adobe.com" {
		t.Errorf("credential = %#v", c)
	}
	if got := f.ClientSecrets(c.ClientID); len(got) != 2 {
		t.Errorf("secrets = %d", len(got))
	}
	if u := f.LoginUser(); u.Email != "ann.lee@acme.example" || u.Country != "DE" {
		t.Errorf("login user = %+v", u)
	}

	// The seeded credential mints with its second secret, and its token
	// lists the Acme org.
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {c.ClientID},
		"client_secret": {"p8e-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"}, "scope": {"openid,AdobeID"}, "org_id": {acme}}
	r := postMultipart(t, f.Client(), imsBase+"/ims/token/v2", form)
	if r.Status != 200 {
		t.Fatalf("token: %d %s", r.Status, r.Body)
	}
	orgs := get(t, f.Client(), imsBase+"/ims/organizations/v5", r.json(t)["access_token"].(string))
	if orgs.Status != http.StatusOK || !containsBytes(orgs.Body, "Acme Corp") {
		t.Errorf("organizations: %s", orgs.Body)
	}

	// The seeded native app logs Ann in through a wildcard redirect.
	status, back := authorizeTo(t, f, "http://localhost:8000/cb", url.Values{
		"client_id": {"fedcba9876543210fedcba9876543210"}, "redirect_uri": {"http://localhost:8000/cb"},
		"scope": {"openid"}, "response_type": {"code"}, "code_challenge": {challenge("v")}, "code_challenge_method": {"S256"},
	})
	if status != http.StatusFound || back.Get("code") == "" {
		t.Errorf("authorize: %d %v", status, back)
	}
}

func containsBytes(b []byte, s string) bool { return strings.Contains(string(b), s) }

func authorizeTo(t *testing.T, f *adobetest.Fake, redirect string, q url.Values) (int, url.Values) {
	t.Helper()
	r := get(t, noRedirects(f), imsBase+"/ims/authorize/v2?"+q.Encode(), "")
	loc, err := url.Parse(r.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Status == http.StatusFound && loc.Scheme+"://"+loc.Host+loc.Path != redirect {
		t.Fatalf("redirected to %s", loc)
	}
	return r.Status, loc.Query()
}
