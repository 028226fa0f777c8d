package adminconsole

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// ActionsService sends commands to the action API, UMAPI's only write
// endpoint.
type ActionsService service

// ActionOptions change how [ActionsService.Do] sends commands.
type ActionOptions struct {
	// TestOnly sends ?testOnly=true: Adobe validates the commands and
	// reports CompletedInTestMode, changing nothing.
	//
	// A test run is a syntax and name check, not a guarantee: operations on
	// users that do not exist yet count as successful, creating the same
	// user twice passes the test and fails for real, and adding admin roles
	// has passed in test mode and failed in production (user-sync#661).
	TestOnly bool
}

// ActionResult is the outcome of [ActionsService.Do] across all the
// requests it sent. Adobe answers 200 when a request was "at least
// partially completed", so a result can hold failures.
type ActionResult struct {
	// TestOnly reports that the commands were sent with ?testOnly=true.
	TestOnly bool
	// Requests is the number of POST /action requests that reached Adobe
	// (retries of one request count once).
	Requests int
	// Responses are Adobe's answers to those requests, in order (status,
	// headers, RequestID for Adobe support, attempts); a request that got
	// no answer has none.
	Responses []*adobe.Response
	// Completed, NotCompleted and CompletedInTestMode sum Adobe's counts of
	// entries (a command split into several entries counts several times).
	Completed, NotCompleted, CompletedInTestMode int
	// Failures are Adobe's errors, mapped back to the caller's commands.
	Failures []ActionFailure
	// Warnings are Adobe's warnings (e.g. warning.command.deprecated),
	// mapped back to the caller's commands.
	Warnings []ActionFailure
	// Unconfirmed lists commands (indices) with an entry in a request that
	// left the client but got no answer Adobe documents as processed or
	// refused (a 5xx after retries, a lost connection, the context ending
	// while waiting for the answer): Adobe may or may not have applied it.
	// NotSent lists commands with an entry that never reached Adobe (the
	// context ended while waiting for the rate limiter, or an earlier
	// request failed). A request Adobe refused as a whole with a 4xx (not
	// processed, per Adobe) reports each of its commands in Failures with
	// Step -1 and Adobe's code (or "http.<status>"). Re-running the same
	// commands is safe for idempotent steps.
	Unconfirmed, NotSent []int
}

// ActionFailure is one of Adobe's errors or warnings about a command.
type ActionFailure struct {
	// Command is the index of the caller's command, or -1 when Adobe's
	// index does not match an entry that was sent.
	Command int
	// Step is the index in the command's Steps, or -1 when Adobe did not
	// name a step (or the failure concerns the whole request).
	Step int
	// Names are the names that the failing wire step carried, when the
	// step was a (possibly split) add or remove list.
	Names []string
	// User or UserGroup is the command's target.
	User, UserGroup string
	// RequestID is the entry's requestID.
	RequestID string
	// Code is Adobe's errorCode or warningCode, e.g.
	// "error.user.nonexistent" or "error.group.not_found".
	Code string
	// Message is Adobe's text.
	Message string
}

// String describes the failure on one line: the command, its target, the
// step and names, Adobe's code and message.
func (f ActionFailure) String() string {
	target := f.User
	if target == "" {
		target = "user group " + f.UserGroup
	}
	s := fmt.Sprintf("command %d (%s)", f.Command, target)
	if f.Step >= 0 {
		s += fmt.Sprintf(" step %d", f.Step)
	}
	if len(f.Names) > 0 {
		s += fmt.Sprintf(" %q", f.Names)
	}
	s += ": " + f.Code
	if f.Message != "" {
		s += ": " + f.Message
	}
	return s
}

// OK reports whether every command was sent and completed without error.
func (r *ActionResult) OK() bool {
	return r != nil && len(r.Failures) == 0 && len(r.Unconfirmed) == 0 && len(r.NotSent) == 0
}

// FailuresOf returns the failures of command i.
func (r *ActionResult) FailuresOf(i int) []ActionFailure {
	var out []ActionFailure
	for _, f := range r.Failures {
		if f.Command == i {
			out = append(out, f)
		}
	}
	return out
}

// Succeeded reports whether command i was sent in full and Adobe reported
// no error for it.
func (r *ActionResult) Succeeded(i int) bool {
	for _, l := range [][]int{r.Unconfirmed, r.NotSent} {
		for _, c := range l {
			if c == i {
				return false
			}
		}
	}
	return len(r.FailuresOf(i)) == 0
}

// ActionError is returned with the [ActionResult] when any command failed,
// was not confirmed or was not sent. Err is the HTTP error that stopped the
// batch, if any (errors.Is/As reach it through Unwrap).
type ActionError struct {
	// Result is the whole batch's result (the same value Do returns).
	Result *ActionResult
	// Err is the error of the request that stopped the batch (an
	// *adobe.Error, a transport error or the context's error), or nil when
	// every request was answered and only per-command failures occurred.
	Err error
}

// Error implements error.
func (e *ActionError) Error() string {
	var b strings.Builder
	r := e.Result
	fmt.Fprintf(&b, "adminconsole: action API: %d failure(s)", len(r.Failures))
	if len(r.Unconfirmed) > 0 || len(r.NotSent) > 0 {
		fmt.Fprintf(&b, ", %d command(s) unconfirmed, %d not sent (sending the same commands again is safe when their steps are idempotent)", len(r.Unconfirmed), len(r.NotSent))
	}
	if e.Err != nil {
		fmt.Fprintf(&b, " (stopped by: %v)", e.Err)
	}
	for i, f := range r.Failures {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(r.Failures)-3)
			break
		}
		b.WriteString("; ")
		b.WriteString(f.String())
	}
	return b.String()
}

// Unwrap returns the HTTP error that stopped the batch, or nil.
func (e *ActionError) Unwrap() error { return e.Err }

type actionIssue struct {
	Index       *flexInt `json:"index"`
	Step        *flexInt `json:"step"`
	RequestID   string   `json:"requestID"`
	Message     string   `json:"message"`
	ErrorCode   string   `json:"errorCode"`
	WarningCode string   `json:"warningCode"`
	User        string   `json:"user"`
}

type actionResponse struct {
	Completed           int           `json:"completed"`
	NotCompleted        int           `json:"notCompleted"`
	CompletedInTestMode int           `json:"completedInTestMode"`
	Result              string        `json:"result"`
	Message             string        `json:"message"`
	Errors              []actionIssue `json:"errors"`
	Warnings            []actionIssue `json:"warnings"`
}

// Do validates commands, splits them into requests within Adobe's 10 / 10
// / 10 limits (see [MaxCommandsPerRequest]) and sends them in order, each
// waiting for the action limiter (10 per minute by default). Invalid
// commands are an *adobe.ArgError before any request.
//
// The result maps every error and warning of Adobe's
// {completed, notCompleted, completedInTestMode, result, errors, warnings}
// answers back to the caller's command and step. A 200 with failures is not
// success: when any command failed Do returns the result and an
// *[ActionError]. An HTTP error (e.g. a 429 after retries, a 403) stops the
// batch; the error's result says which commands failed, were unconfirmed
// or were not sent (see [ActionResult]). A 400 whose body has per-entry
// errors is mapped like a 200.
//
// Requests whose steps are all idempotent (creates with
// IgnoreIfAlreadyExists or UpdateIfAlreadyExists, add, remove, update,
// removeFromOrg) are retried on 5xx and network errors; others only on 429.
//
// API: POST /action/{orgId}[?testOnly=true]
//
// Adobe API docs: https://adobe-apiplatform.github.io/umapi-documentation/en/api/ActionsRef.html
func (s *ActionsService) Do(ctx context.Context, cmds []Command, opts *ActionOptions, reqOpts ...adobe.RequestOption) (*ActionResult, error) {
	if len(cmds) == 0 {
		return nil, core.NewArgError("commands", "is empty")
	}
	for i, c := range cmds {
		if err := c.validate(i); err != nil {
			return nil, err
		}
	}
	res := &ActionResult{TestOnly: opts != nil && opts.TestOnly}
	reqs := plan(cmds)
	for n, r := range reqs {
		sent, err := s.send(ctx, r, res, reqOpts)
		if err == nil {
			continue
		}
		var ae *adobe.Error
		switch {
		case !sent:
			// Never reached Adobe: the context ended in the limiter's wait
			// or while fetching a token, or the body could not be built.
			res.NotSent = addCmds(res.NotSent, r)
		case errors.As(err, &ae) && ae.StatusCode >= 400 && ae.StatusCode < 500:
			// Adobe: a non-200 answer means the request was not processed
			// (e.g. 400 {"result":"error.organization.invalid_id"}, an
			// empty 403, a 429 after the retries): nothing was applied.
			rejected(r, ae, res)
		default:
			// A 5xx or a lost connection after the request left: Adobe may
			// or may not have applied it.
			res.Unconfirmed = addCmds(res.Unconfirmed, r)
		}
		for _, later := range reqs[n+1:] {
			res.NotSent = addCmds(res.NotSent, later)
		}
		return res, &ActionError{Result: res, Err: err}
	}
	if !res.OK() {
		return res, &ActionError{Result: res}
	}
	return res, nil
}

// rejected reports every entry of a request that Adobe refused as a whole
// as a failure of its command, with Adobe's code (or the HTTP status).
func rejected(r request, ae *adobe.Error, res *ActionResult) {
	code := ae.Code
	if code == "" {
		code = fmt.Sprintf("http.%d", ae.StatusCode)
	}
	msg := firstNonEmpty(ae.Message, fmt.Sprintf("Adobe refused the request (HTTP %d %s); nothing was applied", ae.StatusCode, http.StatusText(ae.StatusCode)))
	for i, e := range r.entries {
		res.Failures = append(res.Failures, ActionFailure{
			Command: r.refs[i].cmd, Step: -1, User: e.User, UserGroup: e.UserGroup, RequestID: e.RequestID, Code: code, Message: msg,
		})
	}
}

func addCmds(list []int, r request) []int {
	for _, ref := range r.refs {
		dup := false
		for _, c := range list {
			dup = dup || c == ref.cmd
		}
		if !dup {
			list = append(list, ref.cmd)
		}
	}
	return list
}

// send posts one request and folds its answer into res. It returns an
// error only when the request failed as a whole, and whether the request
// (any attempt of it) reached the wire.
func (s *ActionsService) send(ctx context.Context, r request, res *ActionResult, reqOpts []adobe.RequestOption) (sent bool, err error) {
	body, err := json.Marshal(r.entries)
	if err != nil {
		return false, core.NewArgError("commands", "cannot encode: %v", err)
	}
	req := core.Request{Method: http.MethodPost, Path: core.Pathf("action/%s", s.client.orgID), Body: body, ContentType: "application/json"}
	if res.TestOnly {
		req.Query = url.Values{"testOnly": {"true"}}
	}
	if r.idempotent {
		reqOpts = append([]adobe.RequestOption{adobe.WithIdempotent()}, reqOpts...)
	}
	var out actionResponse
	if err := ctx.Err(); err != nil {
		return false, err
	}
	ctx, tr := withTracker(ctx)
	resp, err := s.client.call(ctx, epAction, req, &out, reqOpts)
	if resp != nil {
		res.Responses = append(res.Responses, resp)
	}
	var ae *adobe.Error
	answered := errors.As(err, &ae) // an HTTP answer: it reached Adobe
	sent = answered || tr.sent()
	if sent {
		res.Requests++
	}
	if err != nil {
		if ae != nil && ae.StatusCode == http.StatusBadRequest && json.Unmarshal(ae.Body, &out) == nil && len(out.Errors) > 0 {
			fold(r, out, res)
			return true, nil
		}
		return sent, err
	}
	fold(r, out, res)
	return true, nil
}

// fold maps one answer's counts, errors and warnings onto res.
func fold(r request, out actionResponse, res *ActionResult) {
	res.Completed += out.Completed
	res.NotCompleted += out.NotCompleted
	res.CompletedInTestMode += out.CompletedInTestMode
	for _, e := range out.Errors {
		res.Failures = append(res.Failures, mapIssue(r, e, e.ErrorCode))
	}
	for _, w := range out.Warnings {
		res.Warnings = append(res.Warnings, mapIssue(r, w, w.WarningCode))
	}
	switch out.Result {
	case "", "success":
		return
	case "partial", "error":
		if len(out.Errors) > 0 {
			return
		}
	}
	if len(out.Errors) > 0 {
		return
	}
	// A result other than success with no per-entry errors (e.g.
	// "error.organization.invalid_id", or "partial" without details): every
	// entry of the request is reported, since Adobe did not say which failed.
	if out.Result == "partial" && out.Completed+out.CompletedInTestMode >= len(r.entries) {
		return
	}
	for i, e := range r.entries {
		res.Failures = append(res.Failures, ActionFailure{
			Command: r.refs[i].cmd, Step: -1, User: e.User, UserGroup: e.UserGroup, RequestID: e.RequestID,
			Code: out.Result, Message: firstNonEmpty(out.Message, "Adobe reported \""+out.Result+"\" without per-command errors"),
		})
	}
}

func mapIssue(r request, is actionIssue, code string) ActionFailure {
	f := ActionFailure{Command: -1, Step: -1, RequestID: is.RequestID, Code: code, Message: is.Message, User: is.User}
	idx := -1
	if is.Index != nil {
		idx = int(*is.Index)
	}
	if idx < 0 || idx >= len(r.entries) {
		// Fall back to the requestID, which the SDK always sets.
		for i, e := range r.entries {
			if is.RequestID != "" && e.RequestID == is.RequestID {
				idx = i
			}
		}
	}
	if idx < 0 || idx >= len(r.entries) {
		return f
	}
	e, ref := r.entries[idx], r.refs[idx]
	f.Command, f.User, f.UserGroup = ref.cmd, firstNonEmpty(e.User, is.User), e.UserGroup
	if f.RequestID == "" {
		f.RequestID = e.RequestID
	}
	if is.Step != nil {
		k := int(*is.Step)
		if k >= 0 && k < len(ref.steps) {
			f.Step = ref.steps[k]
			f.Names = e.Do[k].names
		}
	}
	return f
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
