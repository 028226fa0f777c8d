package analytics

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

// TestLimiterMemoryBoundedByWindow: the ring holds only the grants still in
// the window, however large the budget.
func TestLimiterMemoryBoundedByWindow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l, err := NewLimiter(Limits{Requests: 1 << 30, Per: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if len(l.ring) != 0 {
			t.Fatalf("NewLimiter reserved %d slots", len(l.ring))
		}
		ctx := context.Background()
		for range 10 {
			for range 100 {
				if err := l.Wait(ctx); err != nil {
					t.Fatal(err)
				}
			}
			time.Sleep(time.Second) // the window empties
		}
		if l.count > 100 || len(l.ring) > 256 {
			t.Fatalf("after 1,000 grants 100 per window: %d held in a ring of %d", l.count, len(l.ring))
		}
	})
}

// TestLimiterInFlightAcrossGrowth: grants answered after the ring grew
// are found and timed from their answer.
func TestLimiterInFlightAcrossGrowth(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l, _ := NewLimiter(Limits{Requests: 40, Per: 6 * time.Second})
		rec := &callRecord{}
		ctx := context.WithValue(context.Background(), callKey{}, rec)
		if err := l.Wait(ctx); err != nil { // in flight, at seq 0
			t.Fatal(err)
		}
		for range 39 { // grows the ring from 16 to 40
			if err := l.Wait(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(time.Second)
		rec.finish() // the first is answered at 1 s
		start := time.Now()
		if err := l.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d != 6*time.Second {
			t.Fatalf("the 41st waited %v, want 6s (from the first's answer at 1s)", d)
		}
	})
}

// TestLimiterWaitEndsWithContext: a Wait returns the context's error as
// soon as the context ends, and String names the budget.
func TestLimiterWaitEndsWithContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l, _ := NewLimiter(Limits{Requests: 1, Per: time.Hour})
		_ = l.Wait(context.Background())
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		start := time.Now()
		if err := l.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) || time.Since(start) != time.Second {
			t.Fatalf("Wait = %v after %v", err, time.Since(start))
		}
		if l.String() != "analytics (1 request per 1h0m0s)" {
			t.Fatal(l.String())
		}
	})
}
