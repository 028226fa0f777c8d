package adobe

// Ensured is what every Ensure call of every package returns: the resource
// as it now is, whether the call created it, and every write it made, in
// order. A second Ensure with the same input finds what the first made and
// writes nothing (Changes is empty).
//
// When an Ensure call fails after writing, it returns the *Ensured it had so
// far beside the error, so the caller knows what is already made; running
// the call again finishes the job without duplicates.
type Ensured[T any] struct {
	// Value is what the call found or made.
	Value T
	// Created reports that the call created Value (false: it existed).
	Created bool
	// Changes lists the writes the call made, in order.
	Changes []Change
}

// Wrote reports whether the call changed anything at Adobe.
func (e *Ensured[T]) Wrote() bool { return e != nil && len(e.Changes) > 0 }

// Record appends a write to Changes.
func (e *Ensured[T]) Record(what, method, path string) {
	e.Changes = append(e.Changes, Change{What: what, Method: method, Path: path})
}

// Change is one write an Ensure call made.
type Change struct {
	// What says what changed, e.g. `created project "campaign"`.
	What string
	// Method and Path are the request that made it (no query string).
	Method, Path string
}

// String returns What.
func (c Change) String() string { return c.What }
