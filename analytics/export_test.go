package analytics

import "context"

// Bind returns a copy of c bound to a company without discovery, for tests
// that need a bound client before discovery lists the company.
func Bind(c *Client, globalCompanyID string) (*Client, error) { return c.withCompany(globalCompanyID) }

// WithWaiter installs any Wait-er as the client's limiter (a token bucket,
// a start-timed wrapper), for the tests that compare them with Limiter.
func WithWaiter(w interface {
	Wait(ctx context.Context) error
}) Option {
	return func(o *options) error { o.testWaiter = namedWaiter{w}; return nil }
}

type waiter interface {
	Wait(ctx context.Context) error
}

type namedWaiter struct{ waiter }

func (namedWaiter) String() string { return "test waiter" }

// MustLimiter is NewLimiter for valid limits.
func MustLimiter(lim Limits) *Limiter {
	l, err := NewLimiter(lim)
	if err != nil {
		panic(err)
	}
	return l
}
