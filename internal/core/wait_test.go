package core

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
)

func TestWaitBacksOffReportsAndTimesOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var polls []adobe.WaitPoll
		busy := errors.New("503 busy")
		start := time.Now()
		err := Wait(context.Background(), WaitSpec{What: "the thing", MaxWait: 10 * time.Second, MinDelay: time.Second, MaxDelay: 4 * time.Second},
			[]adobe.WaitOption{adobe.WithWaitProgress(func(p adobe.WaitPoll) { polls = append(polls, p) })},
			func(context.Context) (bool, string, bool, error) { return false, "not yet", true, busy })
		var te *adobe.WaitTimeoutError
		if !errors.As(err, &te) || !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, busy) || te.What != "the thing" || te.LastStatus != "not yet" {
			t.Fatalf("err = %#v", err)
		}
		if got := time.Since(start); got != 10*time.Second {
			t.Errorf("waited %s, want 10s", got)
		}
		var next []time.Duration
		for _, p := range polls {
			next = append(next, p.Next)
		}
		if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 4 * time.Second}; len(next) < 4 || !equal(next[:4], want) {
			t.Errorf("delays %v, want %v...", next, want)
		}
	})
}

func TestWaitEndsOnDoneAndOnAHardError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := 0
		if err := Wait(context.Background(), WaitSpec{What: "x", MinDelay: time.Second}, nil, func(context.Context) (bool, string, bool, error) {
			n++
			return n == 3, "", false, nil
		}); err != nil || n != 3 {
			t.Fatalf("err %v after %d polls", err, n)
		}
		hard := errors.New("400")
		if err := Wait(context.Background(), WaitSpec{What: "x"}, nil, func(context.Context) (bool, string, bool, error) { return false, "", false, hard }); err != hard {
			t.Fatalf("hard error: %v", err)
		}
		// The caller's own context ending keeps what the polls saw.
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		soft := errors.New("429")
		err := Wait(ctx, WaitSpec{What: "x", MaxWait: time.Hour}, nil, func(context.Context) (bool, string, bool, error) { return false, "", true, soft })
		if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, soft) {
			t.Fatalf("parent deadline: %v", err)
		}
	})
}

func equal(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
