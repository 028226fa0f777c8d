package testutil

import (
	"testing"
	"time"

	"github.com/go-adobe/adobe/auth"
	"github.com/jarcoal/httpmock"
)

// Test credential values used by NewConfig. They have Adobe's formats, so
// they pass auth.Credentials.Validate.
const (
	TestClientID     = "0123456789abcdef0123456789abcdef"
	TestClientSecret = "p8e-TESTSECRET0123456789abcdefghij"
	TestOrgID        = "0123456789ABCDEF01234567@AdobeOrg"
)

// TestCredentials returns credentials with Adobe's formats for unit tests.
func TestCredentials() auth.Credentials {
	return auth.Credentials{ClientID: TestClientID, ClientSecret: TestClientSecret, OrgID: TestOrgID,
		Scopes: []string{"openid", "AdobeID", "read_organizations"}}
}

// NewConfig returns an auth.Config for unit tests: TestCredentials, mt as
// the base transport (so retries, headers and auth all run against the
// mock), an IMS token responder registered on mt (its Counter is returned)
// and a near-zero backoff so retry tests need no synctest. Extra options
// are applied last.
func NewConfig(t testing.TB, mt *httpmock.MockTransport, opts ...auth.Option) (*auth.Config, *Counter) {
	t.Helper()
	counter := MockIMSToken(mt)
	all := append([]auth.Option{
		auth.WithBaseTransport(mt),
		auth.WithRetryPolicy(auth.RetryPolicy{WaitMin: time.Millisecond, WaitMax: time.Millisecond}),
	}, opts...)
	cfg, err := auth.NewConfig(TestCredentials(), all...)
	if err != nil {
		t.Fatalf("testutil.NewConfig: %v", err)
	}
	return cfg, counter
}
