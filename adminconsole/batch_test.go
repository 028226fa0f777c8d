package adminconsole

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func users(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("user%02d@example.com", i)
	}
	return out
}

func groups(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("Group %02d", i)
	}
	return out
}

// checkLimits asserts that every planned request respects Adobe's 10/10/10
// limits and that every (command, step, name) of the input is sent exactly
// once, in step order, with a command's entries in strictly later requests.
func checkLimits(t *testing.T, cmds []Command, reqs []request) {
	t.Helper()
	lastReq := map[int]int{}
	lastStep := map[int]int{}
	sent := map[string]int{}
	for ri, r := range reqs {
		if len(r.entries) == 0 || len(r.entries) > MaxCommandsPerRequest {
			t.Fatalf("request %d has %d entries", ri, len(r.entries))
		}
		for ei, e := range r.entries {
			ref := r.refs[ei]
			if prev, ok := lastReq[ref.cmd]; ok && prev >= ri {
				t.Fatalf("command %d has two entries in request %d (order across entries is not guaranteed)", ref.cmd, ri)
			}
			lastReq[ref.cmd] = ri
			if len(e.Do) == 0 || len(e.Do) > MaxStepsPerCommand {
				t.Fatalf("request %d entry %d has %d steps", ri, ei, len(e.Do))
			}
			for k, w := range e.Do {
				if ref.steps[k] < lastStep[ref.cmd] {
					t.Fatalf("command %d: step %d sent after step %d", ref.cmd, ref.steps[k], lastStep[ref.cmd])
				}
				lastStep[ref.cmd] = ref.steps[k]
				if len(w.names) > MaxNamesPerStep*2 {
					t.Fatalf("wire step carries %d names", len(w.names))
				}
				b, _ := json.Marshal(w)
				var m map[string]map[string][]string
				if json.Unmarshal(b, &m) == nil {
					for _, lists := range m {
						for _, l := range lists {
							if len(l) > MaxNamesPerStep {
								t.Fatalf("list of %d names", len(l))
							}
						}
					}
				}
				for _, n := range w.names {
					sent[fmt.Sprintf("%d/%d/%s", ref.cmd, ref.steps[k], n)]++
				}
				if len(w.names) == 0 {
					sent[fmt.Sprintf("%d/%d/%s", ref.cmd, ref.steps[k], w.key)]++
				}
			}
		}
	}
	want := map[string]int{}
	for i, c := range cmds {
		for j, s := range c.Steps {
			names := stepNames(s)
			if len(names) == 0 {
				for _, w := range s.wire() {
					want[fmt.Sprintf("%d/%d/%s", i, j, w.key)]++
				}
			}
			for _, n := range names {
				want[fmt.Sprintf("%d/%d/%s", i, j, n)]++
			}
		}
	}
	if len(sent) != len(want) {
		t.Fatalf("sent %d distinct (command, step, name), want %d", len(sent), len(want))
	}
	for k, v := range want {
		if sent[k] != v {
			t.Fatalf("%s sent %d times, want %d", k, sent[k], v)
		}
	}
}

func stepNames(s Step) []string {
	switch s := s.(type) {
	case AddToGroups:
		return s.Groups
	case RemoveFromGroups:
		return s.Groups
	case AddToUserGroup:
		return append(slices.Clone(s.Users), s.ProductProfiles...)
	case RemoveFromUserGroup:
		return append(slices.Clone(s.Users), s.ProductProfiles...)
	}
	return nil
}

func TestPlanSplitsWithinLimits(t *testing.T) {
	manySteps := make([]Step, 0, 25)
	manySteps = append(manySteps, AddAdobeID{Email: "big@example.com"})
	for i := range 24 {
		manySteps = append(manySteps, AddToGroups{Groups: []string{fmt.Sprintf("G%d", i)}})
	}
	tests := []struct {
		name         string
		cmds         []Command
		wantRequests int
		wantEntries  int
	}{
		{
			name: "37 users x 13 groups", wantRequests: 4, wantEntries: 37,
			cmds: func() []Command {
				var cs []Command
				for _, u := range users(37) {
					cs = append(cs, ForUser(u, AddToGroups{Groups: groups(13)}))
				}
				return cs
			}(),
		},
		{
			name: "one user, 105 groups: 11 steps, 2 entries in 2 requests", wantRequests: 2, wantEntries: 2,
			cmds: []Command{ForUser("a@example.com", AddToGroups{Groups: groups(105)})},
		},
		{
			name: "one command of 25 steps: 3 entries in 3 requests", wantRequests: 3, wantEntries: 3,
			cmds: []Command{{User: "big@example.com", Steps: manySteps}},
		},
		{
			name: "user group: 25 users and 3 profiles", wantRequests: 1, wantEntries: 1,
			cmds: []Command{ForUserGroup("UG", CreateUserGroup{}, AddToUserGroup{Users: users(25), ProductProfiles: groups(3)})},
		},
		{
			name: "user group: 1000 users fill 10 entries in 10 requests", wantRequests: 10, wantEntries: 10,
			cmds: []Command{ForUserGroup("UG", AddToUserGroup{Users: users(1000)})},
		},
		{
			name: "1000 users onto one profile", wantRequests: 100, wantEntries: 1000,
			cmds: func() []Command {
				var cs []Command
				for i := range 1000 {
					cs = append(cs, ForUser(fmt.Sprintf("u%d@example.com", i), AddToGroups{Groups: []string{"P"}}))
				}
				return cs
			}(),
		},
		{
			name: "mixed: long command interleaves with short ones", wantRequests: 3, wantEntries: 3 + 12,
			cmds: func() []Command {
				cs := []Command{{User: "big@example.com", Steps: manySteps}}
				for _, u := range users(12) {
					cs = append(cs, ForUser(u, RemoveFromGroups{All: true}))
				}
				return cs
			}(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i, c := range tt.cmds {
				if err := c.validate(i); err != nil {
					t.Fatal(err)
				}
			}
			reqs := plan(tt.cmds)
			if len(reqs) != tt.wantRequests {
				t.Errorf("requests = %d, want %d", len(reqs), tt.wantRequests)
			}
			n := 0
			for _, r := range reqs {
				n += len(r.entries)
			}
			if n != tt.wantEntries {
				t.Errorf("entries = %d, want %d", n, tt.wantEntries)
			}
			checkLimits(t, tt.cmds, reqs)
		})
	}
}

func TestPlanRepeatsRootFrameAndRequestIDs(t *testing.T) {
	c := Command{User: "fed", Domain: "example.com", RequestID: "mine", Steps: []Step{AddToGroups{Groups: groups(101)}}}
	reqs := plan([]Command{c})
	if len(reqs) != 2 {
		t.Fatalf("requests = %d", len(reqs))
	}
	for i, r := range reqs {
		e := r.entries[0]
		if e.User != "fed" || e.Domain != "example.com" {
			t.Errorf("entry %d lost its root frame: %+v", i, e)
		}
	}
	if got := []string{reqs[0].entries[0].RequestID, reqs[1].entries[0].RequestID}; got[0] != "mine" || got[1] != "mine_1" {
		t.Errorf("request ids = %v", got)
	}
	if reqs[1].entries[0].Do[0].names[0] != "Group 100" {
		t.Errorf("second entry starts with %v", reqs[1].entries[0].Do[0].names)
	}
}

func TestPlanIdempotency(t *testing.T) {
	tests := []struct {
		step Step
		want bool
	}{
		{AddAdobeID{Email: "a@b.c"}, true},
		{AddAdobeID{Email: "a@b.c", Option: ErrorIfAlreadyExists}, false},
		{AddToGroups{Groups: []string{"x"}}, true},
		{RemoveFromOrg{}, true},
	}
	for _, tt := range tests {
		r := plan([]Command{ForUser("a@b.c", tt.step)})
		if r[0].idempotent != tt.want {
			t.Errorf("%T idempotent = %v, want %v", tt.step, r[0].idempotent, tt.want)
		}
	}
	r := plan([]Command{ForUserGroup("g", DeleteUserGroup{})})
	if r[0].idempotent {
		t.Error("deleteUserGroup marked idempotent")
	}
}

func TestCommandValidation(t *testing.T) {
	tests := []struct {
		name string
		cmd  Command
		want string // substring of the ArgError
	}{
		{"no target", Command{Steps: []Step{RemoveFromOrg{}}}, "neither User nor UserGroup"},
		{"both targets", Command{User: "a@b.c", UserGroup: "g", Steps: []Step{RemoveFromOrg{}}}, "both User"},
		{"no steps", ForUser("a@b.c"), "no steps"},
		{"username without domain", ForUser("jdoe", RemoveFromOrg{}), "set Domain"},
		{"create not first", ForUser("a@b.c", AddToGroups{Groups: []string{"x"}}, AddAdobeID{Email: "a@b.c"}), "first step"},
		{"removeFromOrg not last", ForUser("a@b.c", RemoveFromOrg{}, AddToGroups{Groups: []string{"x"}}), "last step"},
		{"user step on group", ForUserGroup("g", AddToGroups{Groups: []string{"x"}}), "not a user-group step"},
		{"group step on user", ForUser("a@b.c", DeleteUserGroup{}), "not a user step"},
		{"org admin", ForUser("a@b.c", AddToGroups{Groups: []string{"_org_admin"}}), "cannot be assigned"},
		{"compartment role", ForUser("a@b.c", RemoveFromGroups{Groups: []string{"_Compartment_Viewer"}}), "cannot be assigned"},
		{"duplicate group", ForUser("a@b.c", AddToGroups{Groups: []string{"P", "p "}}), "listed twice"},
		{"empty add", ForUser("a@b.c", AddToGroups{}), "is empty"},
		{"all and groups", ForUser("a@b.c", RemoveFromGroups{All: true, Groups: []string{"x"}}), "not both"},
		{"federated without country", ForUser("a@b.c", CreateFederatedID{Email: "a@b.c"}), "country is required"},
		{"bad country", ForUser("a@b.c", AddAdobeID{Email: "a@b.c", Country: "usa"}), "alpha-2"},
		{"bad option", ForUser("a@b.c", AddAdobeID{Email: "a@b.c", Option: "sometimes"}), "option"},
		{"empty update", ForUser("a@b.c", UpdateUser{}), "changes nothing"},
		{"group member not email", ForUserGroup("g", AddToUserGroup{Users: []string{"bob"}}), "not an email"},
		{"group add nothing", ForUserGroup("g", AddToUserGroup{}), "no users and no product profiles"},
		{"create other group", ForUserGroup("g", CreateUserGroup{Name: "h"}), "differs"},
		{"nil step", ForUser("a@b.c", nil), "is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cmd.validate(3)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "commands[3]") {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestFoldMapsErrorsToCallerCommands(t *testing.T) {
	var cmds []Command
	for _, u := range users(12) {
		cmds = append(cmds, ForUser(u, AddToGroups{Groups: groups(13)}))
	}
	reqs := plan(cmds)
	// The second request holds commands 10 and 11; Adobe's index 1, step 1
	// is command 11's second wire step: the split tail of its only step.
	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, r *ActionResult)
	}{
		{
			name: "partial with step as integer",
			body: `{"completed":1,"notCompleted":1,"completedInTestMode":0,"result":"partial","errors":[{"index":1,"step":1,"requestID":"cmd11","message":"Group not found: Group 12","user":"user11@example.com","errorCode":"error.group.not_found"}]}`,
			check: func(t *testing.T, r *ActionResult) {
				if len(r.Failures) != 1 {
					t.Fatalf("failures = %+v", r.Failures)
				}
				f := r.Failures[0]
				if f.Command != 11 || f.Step != 0 || f.Code != "error.group.not_found" || !slices.Equal(f.Names, []string{"Group 10", "Group 11", "Group 12"}) {
					t.Errorf("failure = %+v", f)
				}
				if r.Succeeded(11) || !r.Succeeded(10) {
					t.Error("Succeeded is wrong")
				}
			},
		},
		{
			name: "step as a string (ActionsRef.md schema says string, its examples integers), warning",
			body: `{"completed":2,"notCompleted":0,"result":"success","warnings":[{"index":0,"step":"0","warningCode":"warning.command.deprecated","message":"'product' command is deprecated."}]}`,
			check: func(t *testing.T, r *ActionResult) {
				if len(r.Failures) != 0 || len(r.Warnings) != 1 || r.Warnings[0].Command != 10 || r.Warnings[0].Step != 0 {
					t.Errorf("result = %+v", r)
				}
			},
		},
		{
			name: "validation failure without errors (ActionsRef.md: {result, message} only)",
			body: `{"result":"error.organization.invalid_id","message":"Bad organization Id"}`,
			check: func(t *testing.T, r *ActionResult) {
				if len(r.Failures) != 2 || r.Failures[0].Command != 10 || r.Failures[1].Command != 11 || r.Failures[0].Code != "error.organization.invalid_id" {
					t.Errorf("failures = %+v", r.Failures)
				}
			},
		},
		{
			name: "unknown index falls back to requestID",
			body: `{"completed":1,"notCompleted":1,"result":"partial","errors":[{"index":7,"requestID":"cmd10","errorCode":"error.user.nonexistent","message":"x"}]}`,
			check: func(t *testing.T, r *ActionResult) {
				if r.Failures[0].Command != 10 || r.Failures[0].Step != -1 {
					t.Errorf("failure = %+v", r.Failures[0])
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out actionResponse
			if err := json.Unmarshal([]byte(tt.body), &out); err != nil {
				t.Fatal(err)
			}
			res := &ActionResult{}
			fold(reqs[1], out, res)
			tt.check(t, res)
		})
	}
}
