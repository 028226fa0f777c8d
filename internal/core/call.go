package core

import (
	"context"
	"net/http"
	"sync/atomic"
)

// CallState is the per-call bookkeeping shared by the layers of the HTTP
// stack: the retry layer, the bearer-token layer and the caller that reads the
// outcome. It lives in the request context for the duration of one logical
// call (all of its attempts).
type CallState struct {
	// Attempts counts HTTP attempts that reached the token/transport layer.
	Attempts atomic.Int32
	// Reauthenticated is set once a 401 has caused a token refresh and a
	// retry; a second 401 is then returned to the caller.
	Reauthenticated atomic.Bool
	// Token is the access token the latest attempt carried.
	Token atomic.Pointer[string]
	// Safe marks a non-idempotent request as safe to retry on 5xx and
	// transport errors (see WithIdempotent).
	Safe bool
	// Owned reports that the SDK built the request itself, so the first
	// attempt may set headers on it without cloning it.
	Owned bool
	// Host is the host the call started on; credentials are only sent
	// there.
	Host string
	// Scheme is the scheme the call started with; credentials never go
	// from https to http.
	Scheme string
	// Method is the call's HTTP method, for the retry policy (which does
	// not see the request after a transport error).
	Method string
}

type callStateKey struct{}

// NewCallState returns ctx carrying a fresh CallState, and that state.
func NewCallState(ctx context.Context) (context.Context, *CallState) {
	st := new(CallState)
	return context.WithValue(ctx, callStateKey{}, st), st
}

// WithCallState returns ctx carrying a fresh CallState, unless ctx already has
// one, and that state.
func WithCallState(ctx context.Context) (context.Context, *CallState) {
	if st, ok := ctx.Value(callStateKey{}).(*CallState); ok {
		return ctx, st
	}
	return NewCallState(ctx)
}

// CallStateFrom returns the CallState of ctx, or nil.
func CallStateFrom(ctx context.Context) *CallState {
	st, _ := ctx.Value(callStateKey{}).(*CallState)
	return st
}

type idempotentKey struct{}

// ContextWithIdempotent marks every request made with ctx as safe to retry
// on 5xx and transport errors, for callers (such as x/oauth2 token
// requests) that cannot pass a RequestOption.
func ContextWithIdempotent(ctx context.Context) context.Context {
	return context.WithValue(ctx, idempotentKey{}, true)
}

// IsIdempotent reports whether a request with this method and context may be
// retried after a 5xx or a transport error: GET, HEAD, OPTIONS, PUT and DELETE
// are idempotent by definition (RFC 9110); anything else only when marked.
func IsIdempotent(ctx context.Context, method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete, http.MethodTrace:
		return true
	}
	if safe, _ := ctx.Value(idempotentKey{}).(bool); safe {
		return true
	}
	st := CallStateFrom(ctx)
	return st != nil && st.Safe
}
