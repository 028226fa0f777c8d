package campaign

import (
	"errors"
	"fmt"
	"time"
)

// ErrBlocked matches every *BlockedError.
var ErrBlocked = errors.New("campaign: the connector cannot be provisioned as things are")

// Analytics14Retirement is the day Adobe retired the Analytics 1.4 API that
// Campaign builds before 7.4.4 (9400) call.
var Analytics14Retirement = time.Date(2026, 8, 12, 0, 0, 0, 0, time.UTC)

// BlockedError is a condition no API call can fix: the person must do
// Remedy first. It matches ErrBlocked.
type BlockedError struct {
	// Check is the check's id, e.g. "D-BUILD".
	Check string
	// Reason says what blocks.
	Reason string
	// Remedy says what to do.
	Remedy string
	// Doc is the documentation reference.
	Doc string
}

// Error implements error.
func (e *BlockedError) Error() string {
	return fmt.Sprintf("campaign: blocked (%s): %s; %s", e.Check, e.Reason, e.Remedy)
}

// Is matches ErrBlocked.
func (e *BlockedError) Is(target error) bool { return target == ErrBlocked }

// Doc references used by the checklist and the findings.
const (
	docProvisioning = "https://experienceleague.adobe.com/docs/campaign-classic/using/integrating-with-adobe-solutions/adobe-analytics/adobe-analytics-provisioning.html"
	docOAuth        = "https://experienceleague.adobe.com/en/docs/campaign-classic/using/integrating-with-adobe-solutions/oauth-technical-account"
	docAA2Migration = "https://experienceleague.adobe.com/en/docs/campaign-classic/using/technotes/analytics-2-migration"
	docV8Connector  = "https://experienceleague.adobe.com/en/docs/campaign/campaign-v8/connect/ac-aa"
	docReleaseNotes = "https://experienceleague.adobe.com/en/docs/campaign-classic/using/release-notes/latest-release"
	docJWTMigration = "https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/migration/"
)

// gate runs Step 0 (eligibility) on a valid spec: it returns a
// *BlockedError for a Message Center instance or a build that cannot run
// the connector at now.
func gate(s ConnectorSpec, now time.Time) error {
	if s.MessageCenter {
		return &BlockedError{Check: "D-NOT-MC", Reason: "the Adobe Analytics connector is not compatible with Transactional messaging (Message Center) instances",
			Remedy: "provision it on the marketing instance instead", Doc: docV8Connector}
	}
	if s.Build == "" {
		return nil
	}
	b, err := ParseBuild(s.Build)
	if err != nil {
		return err
	}
	if b.Number < BuildOAuth {
		return &BlockedError{Check: "D-BUILD", Reason: fmt.Sprintf("Campaign %s has no OAuth Server-to-Server support (-setimsoauth arrived in 7.4.1, build %d) and Service Account (JWT) credentials reached end of life on 2025-06-30", b, BuildOAuth),
			Remedy: fmt.Sprintf("upgrade the instance to Campaign Classic 7.4.4 (build %d) or later", BuildAnalytics20), Doc: docOAuth}
	}
	if b.Number < BuildAnalytics20 && !now.Before(Analytics14Retirement) {
		return &BlockedError{Check: "D-BUILD", Reason: fmt.Sprintf("Campaign %s calls the Analytics 1.4 API, retired on %s; the connector needs build %d (7.4.4) for Analytics 2.0", b, Analytics14Retirement.Format("2006-01-02"), BuildAnalytics20),
			Remedy: fmt.Sprintf("upgrade the instance to Campaign Classic 7.4.4 (build %d) or later, then set FEATUREFLAG_USE_ANALYTICS_20_API to 1", BuildAnalytics20), Doc: docReleaseNotes}
	}
	return nil
}
