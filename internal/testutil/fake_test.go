package testutil

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// fakeTB records failures instead of failing the real test, so tests can
// check that a helper fails when it should.
type fakeTB struct {
	testing.TB // the real test, for methods not overridden

	mu     sync.Mutex
	errors []string
	fatal  bool
}

func newFakeTB(t *testing.T) *fakeTB { return &fakeTB{TB: t} }

func (f *fakeTB) Helper() {}

func (f *fakeTB) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}

func (f *fakeTB) Error(args ...any) { f.Errorf("%s", fmt.Sprint(args...)) }

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.Errorf(format, args...)
	f.mu.Lock()
	f.fatal = true
	f.mu.Unlock()
	runtime.Goexit()
}

func (f *fakeTB) Fatal(args ...any) { f.Fatalf("%s", fmt.Sprint(args...)) }

// run calls fn on its own goroutine (Fatal ends it with runtime.Goexit).
func (f *fakeTB) run(fn func(tb testing.TB)) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
	}()
	<-done
}

func (f *fakeTB) messages() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(f.errors, "\n")
}

func (f *fakeTB) failed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.errors) > 0
}

// wantFailure fails t unless fake recorded a failure containing every want.
func wantFailure(t *testing.T, fake *fakeTB, wants ...string) {
	t.Helper()
	msg := fake.messages()
	if msg == "" {
		t.Fatalf("helper did not fail the test; want a failure containing %q", wants)
	}
	for _, w := range wants {
		if !strings.Contains(msg, w) {
			t.Errorf("failure message lacks %q:\n%s", w, msg)
		}
	}
}

// wantNoFailure fails t if fake recorded a failure.
func wantNoFailure(t *testing.T, fake *fakeTB) {
	t.Helper()
	if msg := fake.messages(); msg != "" {
		t.Errorf("helper failed unexpectedly:\n%s", msg)
	}
}
