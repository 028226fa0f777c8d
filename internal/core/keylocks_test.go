package core

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
)

func TestKeyLocksSerializeOneKeyOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var k KeyLocks
		var inside, most atomic.Int32
		var wg sync.WaitGroup
		for range 10 {
			wg.Go(func() {
				unlock, err := k.Lock(context.Background(), "project\x00p")
				if err != nil {
					t.Error(err)
					return
				}
				if n := inside.Add(1); n > most.Load() {
					most.Store(n)
				}
				time.Sleep(time.Millisecond)
				inside.Add(-1)
				unlock()
			})
		}
		other, err := k.Lock(context.Background(), "project\x00q") // another key never waits
		if err != nil {
			t.Fatal(err)
		}
		other()
		wg.Wait()
		if most.Load() != 1 {
			t.Errorf("%d callers held one key at once", most.Load())
		}
		if len(k.m) != 0 {
			t.Errorf("%d entries left", len(k.m))
		}
		unlock, _ := k.Lock(context.Background(), "rsid\x00x")
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, err = k.Lock(ctx, "rsid\x00x")
		var re *adobe.RequestError
		if !errors.As(err, &re) || !errors.Is(err, context.DeadlineExceeded) || re.Op != "waiting for a concurrent Ensure of rsid x" {
			t.Errorf("err = %v", err)
		}
		unlock()
	})
}
