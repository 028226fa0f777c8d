package adobetest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// Option configures a [Fake]. Options report bad input as an error from
// [New].
type Option func(*config) error

type config struct {
	seeds     []*fakestate.Seed
	lifetime  time.Duration
	loginUser string
	randSeed  *uint64

	noDemoProfile bool
}

// WithSeed adds the state described by a JSON seed document (see the package
// documentation for the format) on top of the demo org. It may be given more
// than once; documents apply in order.
func WithSeed(r io.Reader) Option {
	return func(c *config) error {
		if r == nil {
			return errors.New("adobetest: WithSeed: nil reader")
		}
		data, err := io.ReadAll(r)
		if err != nil {
			return fmt.Errorf("adobetest: WithSeed: %w", err)
		}
		seed, err := fakestate.ParseSeed(data)
		if err != nil {
			return fmt.Errorf("adobetest: WithSeed: %w", err)
		}
		c.seeds = append(c.seeds, seed)
		return nil
	}
}

// WithSeedFile is [WithSeed] reading the named file.
func WithSeedFile(path string) Option {
	return func(c *config) error {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("adobetest: WithSeedFile: %w", err)
		}
		defer f.Close()
		return WithSeed(f)(c)
	}
}

// WithTokenLifetime sets the access-token lifetime (default 24 h; at least
// 2 s). The token endpoint's expires_in is the lifetime in seconds minus one
// (86399 for 24 h), and an access token is rejected once its lifetime has
// passed.
func WithTokenLifetime(d time.Duration) Option {
	return func(c *config) error {
		if d < 2*time.Second {
			return fmt.Errorf("adobetest: WithTokenLifetime(%v): must be at least 2s", d)
		}
		c.lifetime = d
		return nil
	}
}

// WithLoginUser sets which Adobe ID user, by email, the authorize endpoint
// logs in. The user must exist once seeding is done (the demo user, or one
// from a seed). The default is the demo user, demo.user@example.com.
func WithLoginUser(email string) Option {
	return func(c *config) error {
		if email == "" {
			return errors.New("adobetest: WithLoginUser: empty email")
		}
		c.loginUser = email
		return nil
	}
}

// WithRandSeed makes generated ids, secrets and tokens deterministic: two
// fakes with the same seed and the same calls produce the same ids. Without
// it ids are random.
func WithRandSeed(seed int64) Option {
	return func(c *config) error {
		u := uint64(seed)
		c.randSeed = &u
		return nil
	}
}

// WithoutDemoAnalyticsProfile starts the demo org without its general Adobe
// Analytics product profile ([DemoProfileName]): Adobe Analytics is then not
// licensed, the Developer Console lists AdobeAnalyticsSDK as disabled
// (ORG_MISSING_PRODUCT_PROFILES), and the bootstrap credential sees no
// Analytics company. It is the demo org of earlier versions, for tests of
// an org that has not licensed Analytics.
func WithoutDemoAnalyticsProfile() Option {
	return func(c *config) error {
		c.noDemoProfile = true
		return nil
	}
}
