package auth

import (
	"net/url"
	"os"
	"strings"

	"github.com/go-adobe/adobe/internal/core"
)

// EnvEndpoint names the environment variable LoadConfigFromEnv reads for
// WithEndpoint.
const EnvEndpoint = "ADOBE_ENDPOINT"

// WithEndpoint sends every Adobe service of the configuration (IMS, the User
// Management API, the Developer Console API, Analytics) to one base URL, such
// as the standalone fake (go run ./cmd/adobe-fake) or a recording proxy: each
// service keeps its own path under it. It must be https, or http on a
// loopback host. An explicit IMSURL on the credentials and each package's
// WithBaseURL still win.
func WithEndpoint(raw string) Option {
	return func(o *options) error {
		u, err := core.ParseBaseURL(raw)
		if err != nil {
			return core.NewArgError("endpoint", "%v", err)
		}
		if err := validateIMSURL(strings.TrimRight(u.String(), "/")); err != nil {
			return core.NewArgError("endpoint", "%q must use https (http is accepted only for a loopback host)", raw)
		}
		o.endpoint = u
		return nil
	}
}

// LoadConfigFromEnv is NewConfig for the credential in the ADOBE_*
// environment variables (see CredentialsFromEnv), with WithEndpoint applied
// when ADOBE_ENDPOINT is set. opts come after it, so a WithEndpoint among
// them wins.
func LoadConfigFromEnv(opts ...Option) (*Config, error) {
	creds, err := CredentialsFromEnv()
	if err != nil {
		return nil, err
	}
	if ep := strings.TrimSpace(os.Getenv(EnvEndpoint)); ep != "" {
		opts = append([]Option{WithEndpoint(ep)}, opts...)
	}
	return NewConfig(creds, opts...)
}

// ServiceURL returns the base URL a client of the service whose production
// base is defaultBase should use: defaultBase itself, or, when the
// configuration has an endpoint (WithEndpoint), the endpoint with
// defaultBase's path under it. API packages call it in NewFromConfig.
func (c *Config) ServiceURL(defaultBase string) string {
	if c == nil || c.o == nil {
		return defaultBase
	}
	return c.o.serviceURL(defaultBase)
}

func (o *options) serviceURL(defaultBase string) string {
	if o == nil || o.endpoint == nil { // nil: a zero Config, not from NewConfig
		return defaultBase
	}
	d, err := url.Parse(defaultBase)
	if err != nil {
		return defaultBase
	}
	u := *o.endpoint
	u.Path = strings.TrimRight(u.Path, "/") + "/" + strings.TrimLeft(d.Path, "/")
	if strings.HasSuffix(defaultBase, "/") && !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	s := u.String()
	if !strings.HasSuffix(defaultBase, "/") {
		s = strings.TrimRight(s, "/")
	}
	return s
}
