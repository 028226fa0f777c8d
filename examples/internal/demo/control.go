package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-adobe/adobe/adminconsole"
)

// ControlPlane returns the base URL of a standalone fake's control plane
// (go run ./cmd/adobe-fake) when endpoint is a loopback address that
// serves one, and "" otherwise. It never contacts a non-loopback host.
func ControlPlane(ctx context.Context, endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil || u.Scheme != "http" {
		return ""
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return ""
	}
	base := strings.TrimRight(endpoint, "/") + "/_fake"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/", nil)
	if err != nil {
		return ""
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return ""
	}
	return base
}

// PlayAdminConsoleOver has a standalone fake's control plane create the
// profile a manual step describes (POST /_fake/product-profiles).
func PlayAdminConsoleOver(ctx context.Context, control string, p adminconsole.ProfileSpec) error {
	type list struct {
		AutoInclude bool     `json:"auto_include,omitempty"`
		Items       []string `json:"items,omitempty"`
	}
	conv := func(items adminconsole.PermissionItems) list {
		return list{AutoInclude: items.AutoInclude, Items: items.Items}
	}
	body, err := json.Marshal(map[string]any{
		"name": p.Name, "product": p.Product,
		"permissions": map[string]any{
			"report_suites": conv(p.Permissions.ReportSuites), "metrics": conv(p.Permissions.Metrics), "dimensions": conv(p.Permissions.Dimensions),
			"report_suite_tools": p.Permissions.ReportSuiteTools, "analytics_tools": p.Permissions.AnalyticsTools,
		},
	})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, control+"/product-profiles", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("the fake's control plane: %w", err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("the fake's control plane answered %s: %s", resp.Status, msg)
	}
	return nil
}
