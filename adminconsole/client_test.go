package adminconsole_test

import (
	"errors"
	"testing"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/auth"
)

func TestNewFromConfigValidatesBeforeIO(t *testing.T) {
	creds := auth.Credentials{ClientID: "0123456789abcdef0123456789abcdef", ClientSecret: "p8e-secret", OrgID: "0123456789ABCDEF01234567@AdobeOrg", Scopes: []string{"openid"}}
	cfg, err := auth.NewConfig(creds)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts []adminconsole.Option
		ok   bool
	}{
		{"defaults", nil, true},
		{"base URL", []adminconsole.Option{adminconsole.WithBaseURL("http://localhost:8080/v2/usermanagement")}, true},
		{"bad base URL", []adminconsole.Option{adminconsole.WithBaseURL("ftp://x")}, false},
		{"dot segments", []adminconsole.Option{adminconsole.WithBaseURL("https://x/../y")}, false},
		{"numeric console org", []adminconsole.Option{adminconsole.WithOrgID("123456")}, false},
		{"negative limit", []adminconsole.Option{adminconsole.WithRateLimits(adminconsole.Limits{Groups: -1})}, false},
		{"negative window", []adminconsole.Option{adminconsole.WithRateLimits(adminconsole.Limits{Window: -time.Second})}, false},
		{"no limits", []adminconsole.Option{adminconsole.WithoutRateLimit()}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := adminconsole.NewFromConfig(cfg, tt.opts...)
			if tt.ok {
				if err != nil || c.OrgID() != creds.OrgID {
					t.Fatalf("c = %v, err = %v", c, err)
				}
				return
			}
			var ae *adobe.ArgError
			if !errors.As(err, &ae) || !errors.Is(err, adobe.ErrInvalidArgument) {
				t.Fatalf("err = %v, want *adobe.ArgError", err)
			}
		})
	}
	if _, err := adminconsole.NewFromConfig(nil); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Errorf("nil config: %v", err)
	}
}
