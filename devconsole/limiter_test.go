package devconsole_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
)

type countingWaiter struct{ n atomic.Int32 }

func (w *countingWaiter) Wait(context.Context) error { w.n.Add(1); return nil }

// WithLimiter (named as in analytics and adminconsole) makes every
// Console attempt wait for the limiter; a nil limiter is an ArgError.
func TestWithLimiter(t *testing.T) {
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
	var w countingWaiter
	c, err := devconsole.NewFromConfig(cfg, devconsole.WithLimiter(&w))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, _, err := c.Organizations.List(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if got := w.n.Load(); got != 3 {
		t.Fatalf("limiter waited %d times for 3 calls", got)
	}
}
