package auth

// ForCredentials returns a configuration for another credential that shares
// this one's options: base transport, retry policy, logger, user agent,
// timeouts and endpoint (not its token cache). The campaign helpers use it
// to act as the connector's own credential right after creating it. It
// validates creds and does no I/O.
func (c *Config) ForCredentials(creds Credentials) (*Config, error) {
	if err := creds.Validate(); err != nil {
		return nil, err
	}
	o := *c.o
	if o.endpoint != nil && creds.IMSURL == "" {
		creds.IMSURL = o.serviceURL(ProdIMSURL)
	}
	ts, err := newS2STokenSource(creds, &o)
	if err != nil {
		return nil, err
	}
	return &Config{creds: &creds, apiKey: creds.ClientID, tokens: ts, o: &o}, nil
}
