package fakeconsole

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// The Console answers the gateway's errors before any Console logic.
func TestGatewayErrors(t *testing.T) {
	s := fakestate.New(1)
	org, _ := s.AddOrg(fakestate.Org{Name: "Acme"})
	good, _ := s.AddCredential(fakestate.Credential{OrgID: org.ID, Scopes: []string{"openid", "adobeio_api"}})
	narrow, _ := s.AddCredential(fakestate.Credential{OrgID: org.ID, Scopes: []string{"openid"}})
	issue := func(c fakestate.Credential) string {
		tok, err := s.Issue(fakestate.TokenSpec{Type: fakestate.TokenAccess, Principal: fakestate.Principal{
			ClientID: c.ClientID, OrgID: c.OrgID, Scopes: c.Scopes, Kind: fakestate.KindService}})
		if err != nil {
			t.Fatal(err)
		}
		return tok.Value
	}
	r := fakestate.NewRouter()
	New(s).Register(r)
	for _, tc := range []struct {
		name, key, token string
		status           int
		code             string
	}{
		{"no api key", "", issue(good), 403, "403000"},
		{"unknown api key", "0123456789abcdef0123456789abcdef", issue(good), 403, "403003"},
		{"bad token", good.ClientID, "nope", 401, "401013"},
		{"missing scope", narrow.ClientID, issue(narrow), 403, "403011"},
		{"ok", good.ClientID, issue(good), 200, ""},
	} {
		req := httptest.NewRequest(http.MethodGet, "https://developers.adobe.io/console/organizations", nil)
		if tc.key != "" {
			req.Header.Set("x-api-key", tc.key)
		}
		req.Header.Set("Authorization", "Bearer "+tc.token)
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, req)
		var body struct {
			Code string `json:"error_code"`
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != tc.status || body.Code != tc.code {
			t.Errorf("%s: %d %q, want %d %q", tc.name, rec.Code, body.Code, tc.status, tc.code)
		}
	}
}
