package adobetest_test

import (
	"net/http"
	"testing"
)

// Issue 10, "Every host": an unknown path or method answers as that Adobe
// host does — IMS with {"error","error_description"} (shared/reference/
// ims.md: IMS error bodies) and an x-debug-id; the adobe.io gateway with
// {"error_code","message"} (shared/reference/analytics.md §5.1, the
// gateway's snake_case body) and an x-request-id — never net/http's
// plain-text "404 page not found", which the fake used to send.
func TestUnknownPathsAnswerLikeTheHost(t *testing.T) {
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) {
			_, hc, base := tg.new(t)
			hosts := map[string]string{"ims": base, "gateway": base}
			if tg.name == "transport" {
				hosts = map[string]string{"ims": imsBase, "gateway": "https://analytics.adobe.io"}
			}
			cases := []struct {
				host, method, path string
				status             int
				code, allow        string
			}{
				{"ims", "GET", "/ims/no/such/endpoint", 404, "not_found", ""},
				{"ims", "GET", "/ims/token/v3", 405, "method_not_allowed", "POST"},
				{"gateway", "GET", "/api/demoorg0/no/such/thing", 404, "404000", ""},
				{"gateway", "GET", "/", 404, "404000", ""},
				{"gateway", "DELETE", "/discovery/me", 405, "405000", "GET"},
				{"gateway", "GET", "/v2/usermanagement/nothing", 404, "404000", ""},
			}
			for _, c := range cases {
				req, _ := http.NewRequest(c.method, hosts[c.host]+c.path, nil)
				r := do(t, hc, req)
				if r.Status != c.status {
					t.Errorf("%s %s: status %d, want %d (%s)", c.method, c.path, r.Status, c.status, r.Body)
					continue
				}
				if ct := r.Header.Get("Content-Type"); ct != "application/json;charset=UTF-8" {
					t.Errorf("%s %s: Content-Type %q", c.method, c.path, ct)
				}
				if got := r.Header.Get("Allow"); got != c.allow {
					t.Errorf("%s %s: Allow %q, want %q", c.method, c.path, got, c.allow)
				}
				m := r.json(t)
				if c.host == "ims" {
					if m["error"] != c.code || m["error_description"] == nil || r.Header.Get("X-Debug-Id") == "" {
						t.Errorf("%s %s: %s, x-debug-id %q", c.method, c.path, r.Body, r.Header.Get("X-Debug-Id"))
					}
					continue
				}
				if m["error_code"] != c.code || m["message"] == nil || r.Header.Get("X-Request-Id") == "" {
					t.Errorf("%s %s: %s", c.method, c.path, r.Body)
				}
			}
		})
	}
}
