package adobetest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe/adobetest"
)

const createProjectRoute = "POST /console/organizations/{orgId}/projects"

// consoleCall sends a Console request with the bootstrap credential.
func consoleCall(t *testing.T, f *adobetest.Fake, hc *http.Client, base, method, path string, body any) (*http.Response, error) {
	t.Helper()
	tok, err := f.IssueToken(f.Bootstrap().ClientID)
	if err != nil {
		t.Fatal(err)
	}
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("x-api-key", f.Bootstrap().ClientID)
	req.Header.Set("Content-Type", "application/json")
	return hc.Do(req)
}

func consoleBase(tg target, base string) string {
	if tg.name == "transport" {
		return "https://developers.adobe.io"
	}
	return base
}

// projectNames lists the demo org's project names, unfaulted.
func projectNames(t *testing.T, f *adobetest.Fake) []string {
	t.Helper()
	org, _ := f.Org(f.OrgID())
	resp, err := consoleCall(t, f, f.Client(), "https://developers.adobe.io", "GET", "/console/organizations/"+org.ConsoleID+"/projects", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var rows []struct{ Name string }
	if err := json.NewDecoder(resp.Body).Decode(&rows); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, r.Name)
	}
	return out
}

func newProject(name string) map[string]string {
	return map[string]string{"name": name, "title": name, "type": "default"}
}

// The answer-spoiling faults apply the write, then spoil the answer: a
// garbled body, an empty body, a truncated body (issue 9: the kinds the
// fault probe could not express).
func TestFaultsSpoilAnswerAfterWrite(t *testing.T) {
	cases := []struct {
		name  string
		fault adobetest.Fault
		check func(t *testing.T, status int, body []byte, readErr error)
	}{
		{"garble", adobetest.Fault{GarbleBody: true}, func(t *testing.T, status int, body []byte, readErr error) {
			if status != http.StatusCreated || readErr != nil || json.Valid(body) || !bytes.HasSuffix(body, []byte("\x00garbled")) {
				t.Errorf("status %d, body %q, read error %v; want 201 with a body that is not JSON", status, body, readErr)
			}
		}},
		{"empty", adobetest.Fault{EmptyBody: true}, func(t *testing.T, status int, body []byte, readErr error) {
			if status != http.StatusCreated || readErr != nil || len(body) != 0 {
				t.Errorf("status %d, body %q, read error %v; want 201 and an empty body", status, body, readErr)
			}
		}},
		{"truncate", adobetest.Fault{TruncateBody: true}, func(t *testing.T, status int, body []byte, readErr error) {
			if status != http.StatusCreated || !errors.Is(readErr, io.ErrUnexpectedEOF) || len(body) == 0 || json.Valid(body) {
				t.Errorf("status %d, body %q, read error %v; want 201, half a body, then an unexpected EOF", status, body, readErr)
			}
		}},
	}
	for _, tg := range targets {
		for _, tc := range cases {
			t.Run(tg.name+"/"+tc.name, func(t *testing.T) {
				f, hc, base := tg.new(t)
				fault := tc.fault
				fault.Route, fault.Times = createProjectRoute, 1
				if err := f.InjectFault(fault); err != nil {
					t.Fatal(err)
				}
				org, _ := f.Org(f.OrgID())
				resp, err := consoleCall(t, f, hc, consoleBase(tg, base), "POST", "/console/organizations/"+org.ConsoleID+"/projects", newProject("p1"))
				if err != nil {
					t.Fatal(err)
				}
				body, readErr := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.Header.Get("Content-Type") == "" {
					t.Error("the spoiled answer lost the handler's headers")
				}
				tc.check(t, resp.StatusCode, body, readErr)
				if got := projectNames(t, f); len(got) != 1 || got[0] != "p1" {
					t.Fatalf("projects after the fault = %q, want the write applied once", got)
				}
				if n := f.Count(createProjectRoute); n != 1 {
					t.Errorf("request log counts %d creates", n)
				}
			})
		}
	}
}

// ResponseLatency applies the write and then delays the answer: a client
// whose deadline expires meanwhile sees its context's error although the
// project exists.
func TestFaultResponseLatencyAfterWrite(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(t)
		if err := f.InjectFault(adobetest.Fault{Route: createProjectRoute, Times: 1, ResponseLatency: time.Minute}); err != nil {
			t.Fatal(err)
		}
		org, _ := f.Org(f.OrgID())
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		tok, _ := f.IssueToken(f.Bootstrap().ClientID)
		b, _ := json.Marshal(newProject("slow"))
		req, _ := http.NewRequestWithContext(ctx, "POST", "https://developers.adobe.io/console/organizations/"+org.ConsoleID+"/projects", bytes.NewReader(b))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("x-api-key", f.Bootstrap().ClientID)
		start := time.Now()
		_, err := f.Client().Do(req)
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) != 30*time.Second {
			t.Fatalf("err = %v after %v, want the deadline after 30s", err, time.Since(start))
		}
		if got := projectNames(t, f); len(got) != 1 || got[0] != "slow" {
			t.Fatalf("projects = %q, want the write applied", got)
		}
		// Without a deadline the answer arrives after the latency.
		if err := f.InjectFault(adobetest.Fault{Route: createProjectRoute, Times: 1, ResponseLatency: time.Minute}); err != nil {
			t.Fatal(err)
		}
		start = time.Now()
		resp, err := consoleCall(t, f, f.Client(), "https://developers.adobe.io", "POST", "/console/organizations/"+org.ConsoleID+"/projects", newProject("slow2"))
		if err != nil || resp.StatusCode != http.StatusCreated || time.Since(start) != time.Minute {
			t.Fatalf("resp %v, err %v after %v", resp, err, time.Since(start))
		}
		resp.Body.Close()
	})
}

func TestInjectFaultRejectsSpoilCombinations(t *testing.T) {
	f := newFake(t)
	for _, bad := range []adobetest.Fault{
		{Route: "*", GarbleBody: true, EmptyBody: true},
		{Route: "*", TruncateBody: true, Status: 500},
		{Route: "*", LoseResponse: true, ResponseLatency: time.Second},
		{Route: "*", Drop: true, ResponseLatency: time.Second},
		{Route: "*", ResponseLatency: -time.Second},
	} {
		if err := f.InjectFault(bad); err == nil {
			t.Errorf("InjectFault(%+v) accepted", bad)
		} else if !strings.HasPrefix(err.Error(), "adobetest: InjectFault: ") {
			t.Errorf("error %q does not name InjectFault", err)
		}
	}
	if err := f.InjectFault(adobetest.Fault{Route: "*", ResponseLatency: time.Second, GarbleBody: true}); err != nil {
		t.Errorf("ResponseLatency with GarbleBody: %v", err)
	}
}
