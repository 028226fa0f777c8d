package adobetest

import (
	"testing"

	"github.com/go-adobe/adobe/adobetest/internal/fakeanalytics"
	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// The public constants are literals (so go doc shows their values) and must
// stay the internal parts' values.
func TestPublicConstantsMatchParts(t *testing.T) {
	for _, c := range []struct{ public, part string }{
		{DemoAnalyticsCompanyID, fakeanalytics.DemoCompanyID},
		{DemoAnalyticsCompanyName, fakeanalytics.DemoCompanyName},
		{DemoRSID, fakeanalytics.DemoRSID},
		{TypeServerToServer, fakestate.TypeServerToServer},
		{TypeWebApp, fakestate.TypeWebApp},
		{TypeSinglePageApp, fakestate.TypeSinglePageApp},
		{TypeNativeApp, fakestate.TypeNativeApp},
	} {
		if c.public != c.part {
			t.Errorf("public %q != part %q", c.public, c.part)
		}
	}
}
