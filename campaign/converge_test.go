package campaign_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/campaign"
	"github.com/go-adobe/adobe/devconsole"
)

// state counts what the fake holds for the connector: projects named like
// the spec's, OAuth credentials in them, client secrets of the connector's
// credential, memberships of the operator on the profile, and whether the
// Analytics API is attached with the profile.
type state struct {
	projects, credentials, secrets, memberships int
	attached                                    bool
}

func (d *demo) state(t *testing.T) state {
	t.Helper()
	ctx := context.Background()
	dc, err := devconsole.NewFromConfig(d.cfg)
	if err != nil {
		t.Fatal(err)
	}
	org := d.spec.OrgID
	var st state
	for p, err := range dc.Projects.ListIter(ctx, org, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != campaign.DefaultProjectName {
			continue
		}
		st.projects++
		for _, w := range p.Metadata.Workspaces {
			ws := devconsole.WorkspaceRef{OrgID: org, ProjectID: p.ID, WorkspaceID: w.ID}
			rows, _, err := dc.Credentials.List(ctx, ws)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if !r.IsOAuthS2S() {
					continue
				}
				st.credentials++
				ref := devconsole.CredentialRef{OrgID: org, ProjectID: p.ID, WorkspaceID: w.ID, CredentialID: r.ID}
				in, _, err := dc.Credentials.GetIntegration(ctx, ref)
				if err != nil {
					t.Fatal(err)
				}
				st.secrets += len(d.fake.ClientSecrets(in.APIKey))
				props, _, err := dc.Credentials.GetServiceProperties(ctx, ref, devconsole.SDKAnalytics)
				if err == nil {
					for _, l := range props.Selected() {
						st.attached = st.attached || l.Name == d.spec.ProfileName()
					}
				}
			}
		}
	}
	for _, m := range d.fake.ProfileMembers(d.spec.ProfileName()) {
		if strings.EqualFold(m, d.spec.Operator) {
			st.memberships++
		}
	}
	return st
}

var provisioned = state{projects: 1, credentials: 1, secrets: 1, memberships: 1, attached: true}

// A second run on a provisioned org makes no write; the plan of a
// provisioned org is empty; the plan of a fresh org lists every change and
// writes nothing.
func TestRerunAndPlanWriteNothing(t *testing.T) {
	d := newDemo(t)
	ctx := context.Background()
	plan, err := campaign.PlanConnector(ctx, d.cfg, d.spec, d.opts()...)
	if err != nil {
		t.Fatal(err)
	}
	if w := d.writes(); len(w) != 0 {
		t.Errorf("the plan wrote %v", w)
	}
	var kinds []string
	for _, c := range plan.Changes {
		kinds = append(kinds, string(c.Action)+" "+c.Step)
	}
	if got := strings.Join(kinds, ", "); got != "manual admin-console-profile, create operator-on-profile, create developer-console-project, create oauth-credential, create analytics-api-with-profile" {
		t.Errorf("fresh plan: %s", got)
	}
	d.playAdminConsole(t)
	plan, err = campaign.PlanConnector(ctx, d.cfg, d.spec, d.opts()...)
	if err != nil || len(plan.Changes) != 4 || plan.Changes[0].Step != campaign.ItemOperator {
		t.Errorf("plan after the profile: %+v %v", plan.Changes, err)
	}
	if w := d.writes(); len(w) != 1 || !strings.Contains(w[0], "/action/") {
		t.Errorf("the plan wrote %v (only UMAPI's testOnly action is expected)", w)
	}
	d.fake.ResetRequests()
	if _, err := campaign.ProvisionConnector(ctx, d.cfg, d.spec, d.opts()...); err != nil {
		t.Fatal(err)
	}
	fresh := perRoute(d.fake.Requests())
	d.fake.ResetRequests()
	res, err := campaign.ProvisionConnector(ctx, d.cfg, d.spec, d.opts()...)
	if err != nil {
		t.Fatal(err)
	}
	rerun := perRoute(d.fake.Requests())
	if len(res.Changes) != 0 || len(d.writes()) != 0 {
		t.Errorf("re-run wrote %v / %v", res.Changes, d.writes())
	}
	t.Logf("requests per route, fresh provisioning:\n%s", fresh)
	t.Logf("requests per route, re-run:\n%s", rerun)
	plan, err = campaign.PlanConnector(ctx, d.cfg, d.spec, d.opts()...)
	if err != nil || len(plan.Changes) != 0 {
		t.Errorf("plan of a provisioned org: %+v %v", plan.Changes, err)
	}
	if st := d.state(t); st != provisioned {
		t.Errorf("state %+v", st)
	}
}

func perRoute(reqs []adobetest.Request) string {
	counts := map[string]int{}
	var order []string
	for _, r := range reqs {
		k := r.Route
		if k == "" {
			k = r.Method + " " + r.Path
		}
		if counts[k] == 0 {
			order = append(order, k)
		}
		counts[k]++
	}
	var b strings.Builder
	for _, k := range order {
		fmt.Fprintf(&b, "%3d %s\n", counts[k], k)
	}
	fmt.Fprintf(&b, "%3d total", len(reqs))
	return b.String()
}

// The interrupt matrix: a provisioning interrupted at each of its requests
// by each kind of interruption, then run again without faults, ends in the
// same state as an uninterrupted one, with no duplicate; a third run writes
// nothing.
func TestInterruptAtEveryRequestConverges(t *testing.T) {
	// How many requests a fresh provisioning (after the manual step) makes.
	probe := newDemo(t)
	probe.playAdminConsole(t)
	if _, err := campaign.ProvisionConnector(context.Background(), probe.cfg, probe.spec, probe.opts()...); err != nil {
		t.Fatal(err)
	}
	n := probe.rt.count()
	kinds := map[string]func(cancel context.CancelFunc) func(*http.Request, http.RoundTripper) (*http.Response, error){
		"cancel": func(cancel context.CancelFunc) func(*http.Request, http.RoundTripper) (*http.Response, error) {
			return func(r *http.Request, next http.RoundTripper) (*http.Response, error) {
				cancel()
				// The call's context is cancelled; the request's own may be
				// a detached token fetch's, still live: report the cancel.
				return nil, context.Canceled
			}
		},
		"reset": func(context.CancelFunc) func(*http.Request, http.RoundTripper) (*http.Response, error) {
			return func(*http.Request, http.RoundTripper) (*http.Response, error) {
				return nil, errors.New("connection reset by peer")
			}
		},
		"lost-after-write": func(context.CancelFunc) func(*http.Request, http.RoundTripper) (*http.Response, error) {
			return func(r *http.Request, next http.RoundTripper) (*http.Response, error) {
				if resp, err := next.RoundTrip(r); err == nil {
					resp.Body.Close()
				}
				return nil, io.ErrUnexpectedEOF
			}
		},
		"500": func(context.CancelFunc) func(*http.Request, http.RoundTripper) (*http.Response, error) {
			return func(r *http.Request, _ http.RoundTripper) (*http.Response, error) {
				return &http.Response{StatusCode: 500, Header: http.Header{"Content-Type": {"application/json"}}, Request: r,
					Body: io.NopCloser(strings.NewReader(`{"error_code":"500000","message":"Internal Server Error"}`))}, nil
			}
		},
		"429-short": func(context.CancelFunc) func(*http.Request, http.RoundTripper) (*http.Response, error) {
			return func(r *http.Request, _ http.RoundTripper) (*http.Response, error) {
				return jsonResponse(r, 429, `{"error_code":"429050","message":"Too many requests"}`, "Retry-After", "1"), nil
			}
		},
		"429-beyond-cap": func(context.CancelFunc) func(*http.Request, http.RoundTripper) (*http.Response, error) {
			return func(r *http.Request, _ http.RoundTripper) (*http.Response, error) {
				return jsonResponse(r, 429, `{"error_code":"429050","message":"Too many requests"}`, "Retry-After", "3600"), nil
			}
		},
		"timeout": func(context.CancelFunc) func(*http.Request, http.RoundTripper) (*http.Response, error) {
			return func(*http.Request, http.RoundTripper) (*http.Response, error) {
				return nil, fmt.Errorf("net/http: timeout awaiting response headers: %w", context.DeadlineExceeded)
			}
		},
		"garbled-after-write": func(context.CancelFunc) func(*http.Request, http.RoundTripper) (*http.Response, error) {
			return spoil(func(b []byte) []byte { return append(b[:len(b)/2:len(b)/2], "\x00garbled"...) })
		},
		"truncated-after-write": func(context.CancelFunc) func(*http.Request, http.RoundTripper) (*http.Response, error) {
			return spoil(func(b []byte) []byte { return b[:len(b)/2] })
		},
		"partial-action": func(context.CancelFunc) func(*http.Request, http.RoundTripper) (*http.Response, error) {
			return func(r *http.Request, next http.RoundTripper) (*http.Response, error) {
				if !strings.Contains(r.URL.Path, "/action/") {
					return next.RoundTrip(r)
				}
				// UMAPI accepted the request but refused its command.
				return jsonResponse(r, 200, `{"completed":0,"notCompleted":1,"completedInTestMode":0,"result":"error","errors":[{"index":0,"step":0,"requestID":"cmd0","message":"Internal error","errorCode":"error.internal"}]}`), nil
			}
		},
		"empty-after-write": func(context.CancelFunc) func(*http.Request, http.RoundTripper) (*http.Response, error) {
			return func(r *http.Request, next http.RoundTripper) (*http.Response, error) {
				resp, err := next.RoundTrip(r)
				if err != nil {
					return nil, err
				}
				resp.Body.Close()
				resp.Body, resp.ContentLength = io.NopCloser(strings.NewReader("")), 0
				return resp, nil
			}
		},
	}
	cells, converged, duplicates, untyped := 0, 0, 0, 0
	// The fake clock: a Retry-After or a backoff costs no wall time, and
	// the bubble fails the test if a goroutine outlives its run.
	for kind, mk := range kinds {
		// One bubble per kind, so that a goroutine a run leaves behind
		// names its fault kind.
		t.Run(kind, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				for at := 1; at <= n; at++ {
					cells++
					d := newDemo(t)
					d.playAdminConsole(t)
					ctx, cancel := context.WithCancel(context.Background())
					d.rt.arm(at, mk(cancel))
					res, err := campaign.ProvisionConnector(ctx, d.cfg, d.spec, d.opts()...)
					cancel()
					if err != nil && res == nil {
						t.Errorf("%s@%d: no result beside %v", kind, at, err)
					}
					var se *campaign.StepError
					if err != nil && (!errors.As(err, &se) || se.Step == "") {
						untyped++
						t.Errorf("%s@%d: an error that names no step: %v", kind, at, err)
					}
					d.rt.arm(0, nil)
					if _, err := campaign.ProvisionConnector(context.Background(), d.cfg, d.spec, d.opts()...); err != nil {
						t.Errorf("%s@%d: re-run: %v", kind, at, err)
						continue
					}
					third, err := campaign.ProvisionConnector(context.Background(), d.cfg, d.spec, d.opts()...)
					st := d.state(t)
					if st.projects > 1 || st.credentials > 1 || st.secrets > 1 || st.memberships > 1 {
						duplicates++
					}
					if err != nil || len(third.Changes) != 0 || st != provisioned {
						t.Errorf("%s@%d: third run %v, changes %v, state %+v", kind, at, err, third.Changes, st)
						continue
					}
					converged++
				}
			})
		})
	}
	t.Logf("interrupt matrix: %d requests × %d kinds = %d cells, %d converged, %d with duplicates, %d errors naming no step", n, len(kinds), cells, converged, duplicates, untyped)
	if duplicates != 0 {
		t.Errorf("%d cells left duplicates", duplicates)
	}
}

func jsonResponse(r *http.Request, status int, body string, header ...string) *http.Response {
	h := http.Header{"Content-Type": {"application/json"}}
	for i := 0; i+1 < len(header); i += 2 {
		h.Set(header[i], header[i+1])
	}
	return &http.Response{StatusCode: status, Header: h, Request: r, Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body))}
}

// spoil forwards the request (the write is applied) and changes the body.
func spoil(change func([]byte) []byte) func(*http.Request, http.RoundTripper) (*http.Response, error) {
	return func(r *http.Request, next http.RoundTripper) (*http.Response, error) {
		resp, err := next.RoundTrip(r)
		if err != nil {
			return nil, err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		b = change(b)
		resp.Body, resp.ContentLength = io.NopCloser(strings.NewReader(string(b))), int64(len(b))
		resp.Header.Del("Content-Length")
		return resp, nil
	}
}

// The instance's existing technical account is reused: its project gets
// Analytics and the profile; no project or credential is created.
func TestReuseExistingTechnicalAccount(t *testing.T) {
	d := newDemo(t)
	d.playAdminConsole(t)
	ctx := context.Background()
	dc, err := devconsole.NewFromConfig(d.cfg)
	if err != nil {
		t.Fatal(err)
	}
	p, err := dc.EnsureProject(ctx, d.spec.OrgID, devconsole.ProjectCreateRequest{Name: "Triggers"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := dc.EnsureOAuthCredential(ctx, p.Value, devconsole.OAuthCredentialCreateRequest{Name: "TriggersTA"})
	if err != nil {
		t.Fatal(err)
	}
	s := d.spec
	s.ExistingClientID = c.Value.ClientID
	res, err := campaign.ProvisionConnector(ctx, d.cfg, s, d.opts()...)
	if err != nil {
		t.Fatal(err)
	}
	if !res.ProjectReused || res.ProjectID != p.Value.ProjectID || res.TechnicalAccount.ClientID != c.Value.ClientID {
		t.Errorf("result %+v", res)
	}
	for _, ch := range res.Changes {
		if strings.Contains(ch.What, "created") {
			t.Errorf("reuse created something: %v", ch)
		}
	}
	// A client id no project holds is a blocker that says what to check.
	s.ExistingClientID = strings.Repeat("a", 32)
	_, err = campaign.ProvisionConnector(ctx, d.cfg, s, d.opts()...)
	var be *campaign.BlockedError
	if !errors.As(err, &be) || be.Check != "D-SHARED-TA" {
		t.Errorf("unknown client id: %v", err)
	}
}

// What the connector's token does not see is named, with the remedy; once
// the profile grants it, the run passes.
func TestMissingEventIsNamed(t *testing.T) {
	d := newDemo(t)
	ctx := context.Background()
	s := d.spec
	s.Events = map[string]int{}
	for k, v := range demoEvents {
		s.Events[k] = v
	}
	s.Events[campaign.EventUnsubscribed] = 15 // the profile below grants event10, not event15
	d.playAdminConsole(t)
	res, err := campaign.ProvisionConnector(ctx, d.cfg, s, d.opts()...)
	var nv *campaign.NotVisibleError
	if !errors.As(err, &nv) || !strings.Contains(strings.Join(nv.Missing, ","), "event15") {
		t.Fatalf("err = %v", err)
	}
	if it, _ := res.Item(campaign.ItemComponents); it.Status != campaign.Blocked || !strings.Contains(it.Detail, "event15") {
		t.Errorf("item %+v", it)
	}
	// The remedy's other half: correct the number in the spec.
	if _, err := campaign.ProvisionConnector(ctx, d.cfg, d.spec, d.opts()...); err != nil {
		t.Errorf("after correcting the spec: %v", err)
	}
}

// With WithProfileWait the run waits for the person to create the profile
// and goes on.
func TestWaitsForTheManualStep(t *testing.T) {
	d := newDemo(t)
	waiting := make(chan struct{}, 1)
	var once bool
	progress := campaign.WithProgress(func(e campaign.Event) {
		if e.Kind == campaign.StepWaiting && e.Step == campaign.ItemProfile && !once {
			once = true
			waiting <- struct{}{}
		}
	})
	go func() {
		<-waiting
		time.Sleep(20 * time.Millisecond)
		d.playAdminConsole(t)
	}()
	res, err := campaign.ProvisionConnector(context.Background(), d.cfg, d.spec, d.opts(progress, campaign.WithProfileWait(10*time.Second))...)
	if err != nil {
		t.Fatal(err)
	}
	if it, _ := res.Item(campaign.ItemProfile); it.Status != campaign.Done {
		t.Errorf("profile item %+v", it)
	}
}
