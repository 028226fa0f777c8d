package testutil

import (
	"strings"
	"testing"
)

const umapiSamples = "adminconsole/umapi/UMAPI_SAMPLES.postman_collection2.json"

func TestLoadPostmanUMAPI(t *testing.T) {
	t.Parallel()
	c := LoadPostman(t, umapiSamples)
	if c.Name != "UMAPI SAMPLES" || len(c.Requests) != 25 {
		t.Fatalf("collection %q with %d requests, want UMAPI SAMPLES with 25", c.Name, len(c.Requests))
	}

	add := c.Request("add_to_group")
	if add == nil {
		t.Fatal(`Request("add_to_group") = nil`)
	}
	if add.Method != "POST" || add.Path != "/v2/usermanagement/action/{{UMAPI_IMS_ORG}}" || add.Query.Get("testOnly") != "true" {
		t.Errorf("add_to_group = %s %s ?%s", add.Method, add.Path, add.Query.Encode())
	}
	if got := strings.Join(add.HeaderNames(), ","); got != "Accept,Authorization,Content-Type,X-Api-Key" {
		t.Errorf("HeaderNames() = %s", got)
	}
	if add.Header.Get("Authorization") != "Bearer {{UMAPI_ACCESS_TOKEN}}" {
		t.Errorf("Authorization = %q", add.Header.Get("Authorization"))
	}
	if !add.MatchesPath("/v2/usermanagement/action/12345@AdobeOrg") || add.MatchesPath("/v2/usermanagement/action/") ||
		add.MatchesPath("/v2/usermanagement/users/12345@AdobeOrg") {
		t.Error("MatchesPath does not follow the template")
	}

	user := c.Request("GET user information")
	if user == nil || user.Method != "GET" || user.Body != nil || !user.MatchesPath("/v2/usermanagement/organizations/org@AdobeOrg/users/jdoe@example.com") {
		t.Errorf("GET user information = %+v", user)
	}

	tok := c.Request("OAuth S2S - Obtain Access Token")
	if tok == nil || tok.Form.Get("grant_type") != "client_credentials" || tok.Form.Get("scope") != "openid,AdobeID,user_management_sdk" {
		t.Errorf("OAuth S2S sample = %+v", tok)
	}
	if c.Request("no such request") != nil {
		t.Error(`Request("no such request") != nil`)
	}
}

func TestShapeMatchesUMAPISamples(t *testing.T) {
	t.Parallel()
	c := LoadPostman(t, umapiSamples)
	add := c.Request("add_to_group").Body

	// What an SDK would send: same structure, other values, fewer groups.
	sdk := `[{"user":"jdoe@example.com","requestID":"r1","do":[{"add":{"group":["Analytics users"]}}]}]`
	if err := ShapeMatches(add, []byte(sdk)); err != nil {
		t.Errorf("SDK body rejected: %v", err)
	}

	bad := `[{"user":"jdoe@example.com","requestId":"r1","do":[{"add":{"group":"Analytics users"}}]}]`
	err := ShapeMatches(add, []byte(bad))
	if err == nil {
		t.Fatal("wrong shape accepted")
	}
	for _, want := range []string{
		"$[0].requestID: missing (sample has it)",
		"$[0].requestId: unexpected key (not in sample)",
		"$[0].do[0].add.group: string, sample has array",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}

	// Heterogeneous arrays: each element must match one sample element.
	mix := c.Request("mix_of_actions_for_one_user").Body
	if err := ShapeMatches(mix, mix); err != nil {
		t.Errorf("sample does not match itself: %v", err)
	}
	if err := ShapeMatches(add, []byte(`{"user":"x"}`)); err == nil || !strings.Contains(err.Error(), "$: object, sample has array") {
		t.Errorf("top-level kind mismatch: %v", err)
	}
	if err := ShapeMatches(add, []byte(`not json`)); err == nil || !strings.Contains(err.Error(), "actual is not JSON") {
		t.Errorf("invalid JSON: %v", err)
	}
}
