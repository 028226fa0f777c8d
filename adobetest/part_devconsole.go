package adobetest

import (
	"github.com/go-adobe/adobe/adobetest/internal/fakeconsole"
	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// The Developer Console part: /console/... of developers.adobe.io and
// api.adobe.io (organizations, terms, services with product profiles,
// projects, workspaces, OAuth Server-to-Server credentials, subscriptions,
// client secrets, workspace download, migration status).
func init() {
	parts = append(parts, func(s *fakestate.Store) part { return fakeconsole.New(s) })
}
