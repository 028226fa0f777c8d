package adminconsole

import (
	"fmt"
	"iter"
)

// Adobe's action API limits (documented "10 / 10 / 10"). The SDK splits any
// number of commands into requests within them.
const (
	// MaxCommandsPerRequest is the number of entries (users or user groups)
	// one POST /action request may carry.
	MaxCommandsPerRequest = 10
	// MaxStepsPerCommand is the number of steps one entry may carry; longer
	// commands are sent as several entries for the same user or group, in
	// consecutive requests so that their order holds.
	MaxStepsPerCommand = 10
	// MaxNamesPerStep is the number of names one add or remove list may
	// carry (error.command.add_remove.list_too_long beyond it); longer lists
	// become consecutive steps.
	MaxNamesPerStep = 10
)

func chunks[T any](s []T, n int) iter.Seq[[]T] {
	return func(yield func([]T) bool) {
		for i := 0; i < len(s); i += n {
			if !yield(s[i:min(i+n, len(s))]) {
				return
			}
		}
	}
}

// wireEntry is one element of the action API's request array.
type wireEntry struct {
	User       string     `json:"user,omitempty"`
	UserGroup  string     `json:"usergroup,omitempty"`
	Domain     string     `json:"domain,omitempty"`
	UseAdobeID bool       `json:"useAdobeID,omitempty"`
	RequestID  string     `json:"requestID,omitempty"`
	Do         []wireStep `json:"do"`
}

// entryRef maps a wire entry back to the caller's command: wire step k of
// the entry is step steps[k] of command cmd.
type entryRef struct {
	cmd   int
	steps []int
}

// request is one planned POST /action body.
type request struct {
	entries    []wireEntry
	refs       []entryRef
	idempotent bool
}

// plan splits validated commands into requests: list steps into steps of at
// most MaxNamesPerStep names, commands into entries of at most
// MaxStepsPerCommand steps, entries into requests of at most
// MaxCommandsPerRequest. The entries of one command go to strictly later
// requests, in order, because Adobe does not order the entries of a request.
func plan(cmds []Command) []request {
	type pending struct {
		entries []wireEntry
		refs    []entryRef
		idem    []bool
	}
	queue := make([]pending, len(cmds))
	for i, c := range cmds {
		reqID := c.RequestID
		if reqID == "" {
			reqID = fmt.Sprintf("cmd%d", i)
		}
		var steps []wireStep
		var origin []int
		var idem []bool
		for j, s := range c.Steps {
			for _, w := range s.wire() {
				steps = append(steps, w)
				origin = append(origin, j)
				idem = append(idem, s.idempotent())
			}
		}
		var p pending
		for k := 0; k < len(steps); k += MaxStepsPerCommand {
			end := min(k+MaxStepsPerCommand, len(steps))
			e := wireEntry{User: c.User, UserGroup: c.UserGroup, Domain: c.Domain, UseAdobeID: c.UseAdobeID, RequestID: reqID, Do: steps[k:end]}
			if k > 0 {
				e.RequestID = fmt.Sprintf("%s_%d", reqID, k/MaxStepsPerCommand)
			}
			ok := true
			for _, b := range idem[k:end] {
				ok = ok && b
			}
			p.entries = append(p.entries, e)
			p.refs = append(p.refs, entryRef{cmd: i, steps: origin[k:end]})
			p.idem = append(p.idem, ok)
		}
		queue[i] = p
	}
	var out []request
	for {
		r := request{idempotent: true}
		for i := range queue {
			if len(r.entries) == MaxCommandsPerRequest {
				break
			}
			p := &queue[i]
			if len(p.entries) == 0 {
				continue
			}
			r.entries = append(r.entries, p.entries[0])
			r.refs = append(r.refs, p.refs[0])
			r.idempotent = r.idempotent && p.idem[0]
			p.entries, p.refs, p.idem = p.entries[1:], p.refs[1:], p.idem[1:]
		}
		if len(r.entries) == 0 {
			return out
		}
		out = append(out, r)
	}
}
