package auth

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"golang.org/x/oauth2"
)

// A token fetch outlives no call: when every caller waiting for it has
// given up, its context ends; a later caller starts a fresh fetch.
func TestAbandonedTokenFetchIsCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var started, cancelled atomic.Int32
		release := make(chan struct{})
		ts, err := NewCachedTokenSource(func(ctx context.Context) (*oauth2.Token, error) {
			started.Add(1)
			select {
			case <-ctx.Done():
				cancelled.Add(1)
				return nil, ctx.Err()
			case <-release:
				return &oauth2.Token{AccessToken: "tok", Expiry: time.Now().Add(time.Hour)}, nil
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if _, err := ts.TokenContext(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v", err)
		}
		synctest.Wait()
		if started.Load() != 1 || cancelled.Load() != 1 {
			t.Fatalf("started %d, cancelled %d: the abandoned fetch kept running", started.Load(), cancelled.Load())
		}
		close(release)
		tok, err := ts.TokenContext(context.Background())
		if err != nil || tok.AccessToken.Reveal() != "tok" || started.Load() != 2 {
			t.Fatalf("fresh fetch: %v %v (started %d)", tok, err, started.Load())
		}
	})
}
