package devconsole_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
)

// WithLimiter takes the package's *Limiter (an adobe.Limiter): every
// Console attempt waits for it; a nil limiter and bad limits are
// ArgErrors; a context that ends while waiting is an *adobe.LimitWaitError
// naming the limiter and its budget.
func TestWithLimiter(t *testing.T) {
	if _, err := devconsole.NewLimiter(devconsole.Limits{}); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("NewLimiter(zero): %v, want *adobe.ArgError", err)
	}
	if _, err := devconsole.NewLimiter(devconsole.Limits{Requests: 1, Window: -time.Second}); !errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("NewLimiter(negative window): %v, want *adobe.ArgError", err)
	}
	synctest.Test(t, func(t *testing.T) {
		fake, err := adobetest.New()
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := auth.NewConfig(bootstrapCreds(fake), auth.WithBaseTransport(fake.Transport()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := devconsole.NewFromConfig(cfg, devconsole.WithLimiter(nil)); !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Fatalf("WithLimiter(nil): %v, want *adobe.ArgError", err)
		}
		l, err := devconsole.NewLimiter(devconsole.Limits{Requests: 2, Window: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		var _ adobe.Limiter = l
		c, err := devconsole.NewFromConfig(cfg, devconsole.WithLimiter(l))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		for range 3 {
			if _, _, err := c.Organizations.List(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		// Three attempts at two per second: the third starts after 1s.
		if got := time.Since(start); got < time.Second {
			t.Fatalf("3 calls took %s on a 2-per-second limiter", got)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		for range 2 {
			_, _, err = c.Organizations.List(ctx)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("a call whose context ends on the limiter: %v", err)
		}
		// The limiter itself names its budget (the core currently replaces
		// the error of a call whose context ended by the context's error).
		for range 2 {
			err = l.Wait(ctx)
		}
		var lw *adobe.LimitWaitError
		if !errors.As(err, &lw) || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(lw.Limiter, "2 requests per 1s") {
			t.Fatalf("err = %v, want *adobe.LimitWaitError naming the budget", err)
		}
	})
}
