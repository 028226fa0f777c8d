package devconsole

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// FuzzDecodeWorkspaceConfig: the workspace download decoder never panics,
// and whatever it decodes never shows a client secret through String,
// any verb or JSON.
func FuzzDecodeWorkspaceConfig(f *testing.F) {
	f.Add([]byte(`{"project":{"id":"1","name":"p","org":{"id":"2","ims_org_id":"X@AdobeOrg"},"workspace":{"id":"3","name":"Production","details":{"credentials":[{"id":"4","name":"c","apiKey":"k","integration_type":"oauth_server_to_server","oauth_server_to_server":{"client_id":"k","client_secrets":["p8e-SECRETSECRET"],"scopes":["openid"]}}]}}}}`))
	f.Add([]byte(`{"project":{"id":"1","org":{"workspace":{"id":"3","details":{"credentials":[{"oauth_server_to_server":{"client_secrets":["p8e-SECRETSECRET"]}}]}}}}}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(``))
	f.Add([]byte(`{"project":{"id":1}}`))
	f.Add([]byte(`{"project":{"id":"1","workspace":null}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		w, err := decodeWorkspaceConfig(raw)
		if err != nil {
			return
		}
		var secrets []string
		for _, c := range w.Workspace.Details.Credentials {
			if c.OAuthS2S != nil {
				for _, s := range c.OAuthS2S.ClientSecrets {
					if len(s) >= 8 { // short values can match by chance
						secrets = append(secrets, s.Reveal())
					}
				}
			}
		}
		b, _ := json.Marshal(w)
		outs := []string{w.String(), fmt.Sprintf("%v %+v %#v %s %q %x", w, w, w, w, w, w), string(b)}
		for _, c := range w.Workspace.Details.Credentials {
			outs = append(outs, fmt.Sprintf("%v %+v %#v %s %q %x", c, c, c, c, c, c))
		}
		for _, out := range outs {
			for _, s := range secrets {
				if strings.Contains(out, s) && !strings.Contains("devconsole.WorkspaceConfig{project , workspace }[REDACTED]", s) {
					t.Fatalf("a client secret shows: %q", out)
				}
			}
		}
	})
}

// FuzzQuirkDecoders: the Console's 0/1 booleans, string-or-number ids and
// secret timestamps decode without panicking, and a decoded id re-encodes
// as the same string.
func FuzzQuirkDecoders(f *testing.F) {
	for _, s := range []string{`true`, `false`, `0`, `1`, `"1"`, `"true"`, `null`, `""`, `12345678901234567890`, `"PERMANENT"`, `1682448485000`, `"1682448485000"`, `1e3`, `-1`, `{}`, `[`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var b flexBool
		_ = b.UnmarshalJSON(data)
		var id flexID
		if err := id.UnmarshalJSON(data); err == nil && len(id) > 0 {
			var again flexID
			enc, _ := json.Marshal(string(id))
			if err := again.UnmarshalJSON(enc); err != nil || again != id {
				t.Fatalf("id %q does not round-trip: %q, %v", id, again, err)
			}
		}
		var ts Timestamp
		if err := ts.UnmarshalJSON(data); err == nil {
			_, _ = ts.Time()
		}
		var p Project
		_ = json.Unmarshal(data, &p)
		var w Workspace
		_ = json.Unmarshal(data, &w)
		var r ServiceRole
		_ = json.Unmarshal(data, &r)
		var ir IntegrationRole
		_ = json.Unmarshal(data, &ir)
	})
}

// FuzzSubscriptionResult: the subscription answer decodes from the
// Console's object and the spec's array without panicking.
func FuzzSubscriptionResult(f *testing.F) {
	for _, s := range []string{`{"sdkList":["AdobeAnalyticsSDK"]}`, `[{"sdkList":"AdobeAnalyticsSDK"}]`, `[{"sdkList":["a","b"]}]`, `{"sdkList":[],"errorList":["e"]}`, `[]`, `[{}]`, `null`, `[{"sdkList":1}]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r SubscriptionResult
		if err := json.Unmarshal(data, &r); err != nil {
			return
		}
		for _, code := range r.SDKList {
			if code == "" && strings.HasPrefix(strings.TrimSpace(string(data)), "[") {
				t.Fatalf("an empty sdk code from the array form of %q", data)
			}
		}
	})
}

// The quirk decoders on the Console's observed forms.
func TestQuirkDecoders(t *testing.T) {
	var p Project
	if err := json.Unmarshal([]byte(`{"id":"1","name":"n","enabled":1,"deleted":"0","metadata":{"workspaces":[{"id":"2","name":"Production"}]}}`), &p); err != nil {
		t.Fatal(err)
	}
	if !p.Enabled || p.Deleted || p.ID != "1" || p.Metadata.Workspaces[0].ID != "2" {
		t.Fatalf("project %+v", p)
	}
	var r ServiceRole
	if err := json.Unmarshal([]byte(`{"id":1007,"code":"c"}`), &r); err != nil || r.ID != "1007" {
		t.Fatalf("role %+v, %v", r, err)
	}
	var ts Timestamp
	if err := ts.UnmarshalJSON([]byte(`1682448485000`)); err != nil {
		t.Fatal(err)
	}
	if tm, ok := ts.Time(); !ok || tm.UnixMilli() != 1682448485000 {
		t.Fatalf("timestamp %q", ts)
	}
}
