package testutil

import (
	"context"
	"net/http"
	"testing"
)

func TestNewConfigRunsTheStackAgainstTheMock(t *testing.T) {
	mt := NewMockTransport(t)
	cfg, tokens := NewConfig(t, mt)
	mt.RegisterResponder("GET", "https://api.example.com/x", func(req *http.Request) (*http.Response, error) {
		AssertHeader(t, req, "x-api-key", TestClientID)
		AssertHeader(t, req, "Authorization", "Bearer test-token-1")
		return JSONResponder(200, map[string]string{"ok": "yes"})(req)
	})
	for range 3 {
		req, _ := http.NewRequestWithContext(context.Background(), "GET", "https://api.example.com/x", nil)
		resp, err := cfg.HTTPClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if tokens.Load() != 1 {
		t.Fatalf("token requests = %d, want 1", tokens.Load())
	}
	AssertCalls(t, mt, "GET https://api.example.com/x", 3)
}
