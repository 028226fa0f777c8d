// Package fakestate is the shared, mutex-protected state of the adobetest fake:
// organizations, OAuth credentials, Adobe ID users, product profiles and issued
// tokens, plus the helpers every part of the fake uses (request authentication
// the way Adobe's API gateway does it, JSON and error writers, id generators and
// the [Router] that parts register their routes on).
//
// It is an independent implementation of Adobe's side written from Adobe's
// documentation; it must not import any package of the SDK.
//
// All methods of [Store] are safe for concurrent use. Values returned by the
// store are copies; change state only through the store's mutator methods.
// Times come from time.Now, so testing/synctest fake clocks apply.
package fakestate
