package core

import (
	"context"
	"strings"
	"sync"

	"github.com/go-adobe/adobe"
)

// KeyLocks serializes the Ensure calls of one key (a project name, an rsid,
// a profile membership) within one client: two concurrent Ensures of the
// same key must not both create. The zero value is ready; a key's entry
// is dropped when nobody holds or waits for it.
type KeyLocks struct {
	mu sync.Mutex
	m  map[string]*keyLock
}

type keyLock struct {
	ch   chan struct{} // holds one token while the key is locked
	refs int
}

// Lock waits until key is free or ctx ends, and returns the unlock. A
// context that ends first is an *adobe.RequestError naming what was
// awaited (key, with NUL separators shown as blanks).
func (k *KeyLocks) Lock(ctx context.Context, key string) (unlock func(), err error) {
	k.mu.Lock()
	if k.m == nil {
		k.m = map[string]*keyLock{}
	}
	l := k.m[key]
	if l == nil {
		l = &keyLock{ch: make(chan struct{}, 1)}
		k.m[key] = l
	}
	l.refs++
	k.mu.Unlock()
	release := func() {
		k.mu.Lock()
		if l.refs--; l.refs == 0 {
			delete(k.m, key)
		}
		k.mu.Unlock()
	}
	select {
	case l.ch <- struct{}{}:
		return func() { <-l.ch; release() }, nil
	case <-ctx.Done():
		release()
		return nil, &adobe.RequestError{Op: "waiting for a concurrent Ensure of " + strings.ReplaceAll(key, "\x00", " "), Err: ctx.Err()}
	}
}
