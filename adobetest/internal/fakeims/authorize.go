package fakeims

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// authorize serves GET /ims/authorize/v2 (and v1). It auto-approves as the
// login user and redirects with code and state, or with error and state.
// An unknown client or an unacceptable redirect_uri gets a 400 JSON error
// instead of a redirect, as OAuth 2.0 requires.
func (p *Part) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	c, ok := p.s.Credential(q.Get("client_id"))
	if !ok {
		fail(w, http.StatusBadRequest, "invalid_client", "invalid client_id parameter")
		return
	}
	redirect := q.Get("redirect_uri")
	if redirect == "" && len(c.RedirectURIs) > 0 && !strings.HasSuffix(c.RedirectURIs[0], "*") {
		redirect = c.RedirectURIs[0]
	}
	if !validRedirect(c, redirect) {
		fail(w, http.StatusBadRequest, "invalid_request", "invalid redirect_uri parameter")
		return
	}
	back := func(params url.Values) {
		if st := q.Get("state"); st != "" {
			params.Set("state", st)
		}
		u, _ := url.Parse(redirect) // validated above
		v := u.Query()
		for k, vs := range params {
			v[k] = vs
		}
		u.RawQuery = v.Encode()
		http.Redirect(w, r, u.String(), http.StatusFound)
	}
	deny := func(code, desc string) {
		back(url.Values{"error": {code}, "error_description": {desc}})
	}

	if c.Type == fakestate.TypeServerToServer {
		deny("unauthorized_client", "client is not allowed to use the authorization code flow")
		return
	}
	if q.Get("response_type") != "code" {
		deny("unsupported_response_type", "response_type must be code")
		return
	}
	scopes := splitScopes(q.Get("scope"))
	if len(scopes) == 0 || len(notGranted(scopes, c.Scopes)) > 0 {
		deny("invalid_scope", "invalid scope")
		return
	}
	challenge := q.Get("code_challenge")
	switch {
	case challenge != "" && q.Get("code_challenge_method") != "S256":
		deny("invalid_request", "code_challenge_method must be S256")
		return
	case challenge == "" && c.Public():
		deny("invalid_request", "code_challenge is required for public clients")
		return
	}
	user, ok := p.s.LoginUser()
	if !ok {
		deny("login_required", "no user is logged in")
		return
	}
	org := c.OrgID
	if len(user.OrgIDs) > 0 && !slices.Contains(user.OrgIDs, org) {
		org = user.OrgIDs[0]
	}
	code, err := p.s.Issue(fakestate.TokenSpec{
		Type: fakestate.TokenCode,
		Principal: fakestate.Principal{
			ClientID: c.ClientID, UserID: user.ID, OrgID: org, Scopes: scopes, Kind: fakestate.KindUser,
		},
		RedirectURI:   redirect,
		CodeChallenge: challenge,
	})
	if err != nil {
		deny("server_error", "could not issue a code")
		return
	}
	back(url.Values{"code": {code.Value}})
}
